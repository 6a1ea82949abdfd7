// wg.Go with a mutex-guarded map.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	m := map[string]int{}
	for _, k := range []string{"a", "a", "b"} {
		wg.Go(func() {
			for i := 0; i < 500; i++ {
				mu.Lock()
				m[k]++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	fmt.Println(m)
}
