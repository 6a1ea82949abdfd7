import "sync"

// Sum adds up nums, in parts goroutines: goroutine i sums its own slice
// of nums into its own element of partial.
func Sum(nums []int, parts int) int {
	partial := make([]int, parts)
	var wg sync.WaitGroup
	for i := range parts {
		lo, hi := i*len(nums)/parts, (i+1)*len(nums)/parts
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, n := range nums[lo:hi] {
				partial[i] += n
			}
		}()
	}
	wg.Wait()
	total := 0
	for _, p := range partial {
		total += p
	}
	return total
}
