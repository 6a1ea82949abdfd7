//go:build ignore

// Panics recovered inside goroutines: each goroutine's deferred recover
// turns its panic into an error, including runtime errors.
package main

import (
	"errors"
	"fmt"
	"sort"
	"sync"
)

// safeGo runs f in a goroutine and reports a panic as an error.
func safeGo(wg *sync.WaitGroup, errs chan<- error, id int, f func()) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer func() {
			if r := recover(); r != nil {
				errs <- fmt.Errorf("goroutine %d: %v", id, r)
			}
		}()
		f()
	}()
}

type custom struct{ code int }

func main() {
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for i := range 40 {
		safeGo(&wg, errs, i, func() {
			if i%4 == 0 {
				panic(fmt.Sprintf("task %d failed", i))
			}
		})
	}
	wg.Wait()
	fmt.Println("recovered panics:", len(errs))
	for len(errs) > 0 {
		<-errs
	}

	var nilMap map[string]int
	var arr []int
	var iface any = "text"
	zero := 0
	var np *custom
	faults := []func(){
		func() { nilMap["x"] = 1 },
		func() { _ = arr[5] },
		func() { _ = iface.(int) },
		func() { _ = 10 / zero },
		func() { _ = np.code },
		func() { panic(errors.New("an error value")) },
		func() { panic(custom{7}) },
		func() { panic(fmt.Errorf("wrapped: %w", errors.ErrUnsupported)) },
		func() { _ = arr[1:zero] },
	}
	for i, f := range faults {
		safeGo(&wg, errs, i, f)
	}
	wg.Wait()
	close(errs)
	var msgs []string
	for e := range errs {
		msgs = append(msgs, e.Error())
	}
	sort.Strings(msgs)
	for _, m := range msgs {
		fmt.Println(m)
	}

	// A runtime error recovered as the runtime.Error interface.
	func() {
		defer func() {
			r := recover()
			err, ok := r.(error)
			_, isRuntime := r.(interface{ RuntimeError() })
			fmt.Println("is error:", ok, "is runtime error:", isRuntime, err)
		}()
		_ = arr[zero+2]
	}()

	// Recovering in the goroutine lets the others carry on.
	results := make([]int, 10)
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if recover() != nil {
					results[i] = -1
				}
			}()
			results[i] = 100 / (i % 3)
		}()
	}
	wg.Wait()
	fmt.Println(results)
}
