package engine

import (
	"context"
	"strconv"
	"testing"
)

// BenchmarkDeferredCalls measures what a call of a function with a
// deferred call costs: one op is one call. Its peer calls a function
// that does the same work without the defer; compare the two, and the
// same benchmark built before and after a change of how deferred calls
// run (tools/yaegipatch's deferred_interp.go).
func BenchmarkDeferredCalls(b *testing.B) {
	setup := `func deferring(n int) (r int) {
	defer func() { r++ }()
	return n
}

func plain(n int) (r int) {
	r = n
	r++
	return r
}`
	s := benchSession(b, setup)
	for _, fn := range []string{"deferring", "plain"} {
		b.Run(fn, func(b *testing.B) {
			cell := "for i := 0; i < " + strconv.Itoa(b.N) + "; i++ {\n\t" + fn + "(i)\n}"
			b.ResetTimer()
			if r := s.Execute(context.Background(), cell); r.Err != nil {
				b.Fatal(r.Err)
			}
		})
	}
}
