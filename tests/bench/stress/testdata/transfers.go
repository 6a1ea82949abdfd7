// Locked transfers, locks taken in a fixed order, and an RWMutex reader.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var a, b sync.Mutex
	var rw sync.RWMutex
	x, y := 1000, 1000
	var wg sync.WaitGroup
	for g := 0; g < 3; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				a.Lock()
				b.Lock()
				rw.Lock()
				x, y = x-1, y+1
				rw.Unlock()
				b.Unlock()
				a.Unlock()
				rw.RLock()
				_ = x + y
				rw.RUnlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println(x, y, x+y)
}
