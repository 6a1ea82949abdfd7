package interpreted

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"testing"

	"goconc/kernel/engine"
)

// TestNoiseCatchesEarlyDone runs workers that call wg.Done before they
// write their result, into a slice or under a mutex: the waiter may read
// before the write, which the grader's noise must show on every run,
// under GOMAXPROCS 1 and 2. The same workers writing before Done, or
// deferring it, are right on every run.
func TestNoiseCatchesEarlyDone(t *testing.T) {
	const sum = `import "sync"

func Sum(n int, how string) int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	results := make([]int, n)
	total := 0
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			v := i + 1
			switch how {
			case "done, then slice":
				wg.Done()
				results[i] = v
			case "done, then mutex":
				wg.Done()
				mu.Lock()
				total += v
				mu.Unlock()
			case "slice, then done":
				results[i] = v
				wg.Done()
			case "deferred done, mutex":
				defer wg.Done()
				mu.Lock()
				total += v
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	for _, r := range results {
		total += r
	}
	return total
}`
	const n, want = 8, 36
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, tt := range []struct {
		how string
		ok  bool
	}{
		{"done, then slice", false},
		{"done, then mutex", false},
		{"slice, then done", true},
		{"deferred done, mutex", true},
	} {
		t.Run(tt.how, func(t *testing.T) {
			nz := &noise{}
			s, err := engine.NewSession(engine.Options{Stdout: io.Discard, Stderr: io.Discard, Noise: nz.hook, AfterDone: nz.afterDone})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if res := s.Execute(context.Background(), sum); res.Err != nil {
				t.Fatalf("%s: %s", res.Err.Name, res.Err.Value)
			}
			for _, procs := range []int{1, 2} {
				runtime.GOMAXPROCS(procs)
				for run := 0; run < 10; run++ {
					nz.reset(mix(uint64(100*procs + run)))
					res := s.Execute(context.Background(), fmt.Sprintf("Sum(%d, %q)", n, tt.how))
					if res.Err != nil {
						t.Fatalf("%s: %s", res.Err.Name, res.Err.Value)
					}
					got, _ := res.Value["text/plain"].(string)
					if ok := got == fmt.Sprint(want); ok != tt.ok {
						t.Errorf("GOMAXPROCS %d, run %d: Sum = %s with noise; right: %v, want %v", procs, run, got, ok, tt.ok)
					}
				}
			}
		})
	}
}
