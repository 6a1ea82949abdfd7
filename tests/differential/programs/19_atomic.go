//go:build ignore

// sync/atomic: the typed Int64, Int32, Bool and generic Pointer[T], the
// older functions, and a compare-and-swap loop, under many goroutines.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type Config struct {
	Version int
	Name    string
}

func main() {
	var wg sync.WaitGroup

	var hits atomic.Int64
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 1000 {
				hits.Add(1)
			}
		}()
	}
	wg.Wait()
	fmt.Println("Int64:", hits.Load())

	var cur atomic.Pointer[Config]
	fmt.Println("empty pointer:", cur.Load() == nil)
	cur.Store(&Config{Version: 0, Name: "v0"})
	// Every goroutine publishes a new version with compare-and-swap.
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				old := cur.Load()
				next := &Config{Version: old.Version + 1, Name: fmt.Sprint("v", old.Version+1)}
				if cur.CompareAndSwap(old, next) {
					return
				}
			}
		}()
	}
	wg.Wait()
	fmt.Println("Pointer[Config]:", *cur.Load())
	prev := cur.Swap(&Config{Version: -1, Name: "reset"})
	fmt.Println("swapped out:", prev.Name, "now:", cur.Load().Name)

	var maxSeen atomic.Int32
	for i := range 1000 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := int32(i * 7 % 997)
			for {
				m := maxSeen.Load()
				if v <= m || maxSeen.CompareAndSwap(m, v) {
					return
				}
			}
		}()
	}
	wg.Wait()
	fmt.Println("CAS max:", maxSeen.Load())

	var ready atomic.Bool
	var firsts atomic.Int32
	for range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ready.CompareAndSwap(false, true) {
				firsts.Add(1)
			}
		}()
	}
	wg.Wait()
	fmt.Println("Bool: winners", firsts.Load(), "set", ready.Load())

	var old int32
	var u atomic.Uint64
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 500 {
				atomic.AddInt32(&old, 2)
				u.Add(3)
			}
		}()
	}
	wg.Wait()
	fmt.Println("AddInt32:", atomic.LoadInt32(&old), "Uint64:", u.Load())

	var val atomic.Value
	val.Store([]string{"a", "b"})
	fmt.Println("Value:", val.Load().([]string))
}
