import (
	"context"

	"goconc/lessons/executor"
	"goconc/lessons/procs"
)

const primeWorker = `
// countPrimes counts the primes in [r[0], r[1]).
func countPrimes(r [2]int) int {
	n := 0
	for x := max(r[0], 2); x < r[1]; x++ {
		prime := true
		for d := 2; d*d <= x; d++ {
			if x%d == 0 {
				prime = false
				break
			}
		}
		if prime {
			n++
		}
	}
	return n
}
`

// countPrimesInProcesses counts the primes below limit in a pool of
// worker processes.
func countPrimesInProcesses(limit, workers int) (int, error) {
	ctx := context.Background()
	pool, err := procs.NewPool(ctx, workers, primeWorker)
	if err != nil {
		return 0, err
	}
	defer pool.Shutdown(true)
	const chunks = 8
	var ranges []any
	for i := range chunks {
		ranges = append(ranges, [2]int{i * limit / chunks, (i + 1) * limit / chunks})
	}
	counts, err := executor.Map(ctx, pool, pool.Func("countPrimes"), ranges)
	if err != nil {
		return 0, err
	}
	total := 0
	for _, c := range counts {
		total += c.(int)
	}
	return total, nil
}
