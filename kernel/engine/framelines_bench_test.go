package engine

import (
	"context"
	"strconv"
	"testing"
)

// BenchmarkFrameLines measures what keeping the line of its latest call
// costs a function that calls the same function on two lines (package
// rewrite's framelines.go): one op is one call of the function. Its peer
// makes the same calls on one line, which the table of calls covers at
// no cost; compare them with benchstat, or the ratio, from one run.
func BenchmarkFrameLines(b *testing.B) {
	setup := `func oneLine(n int) int {
	if n <= 1 {
		return 1
	}
	return oneLine(n-1) + oneLine(n-2)
}

func twoLines(n int) int {
	if n <= 1 {
		return 1
	}
	a := twoLines(n - 1)
	b := twoLines(n - 2)
	return a + b
}`
	s := benchSession(b, setup)
	for _, fn := range []string{"oneLine", "twoLines"} {
		b.Run(fn, func(b *testing.B) {
			// calls(n) = calls(n-1) + calls(n-2) + 1: pick the n whose
			// number of calls is closest to b.N from below.
			n, calls, prev := 1, 1, 1
			for {
				next := calls + prev + 1
				if next > b.N {
					break
				}
				n, calls, prev = n+1, next, calls
			}
			b.ResetTimer()
			for done := 0; done < b.N; done += calls {
				if r := s.Execute(context.Background(), fn+"("+strconv.Itoa(n)+")"); r.Err != nil {
					b.Fatal(r.Err)
				}
			}
		})
	}
}
