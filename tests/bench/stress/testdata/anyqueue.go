// Messages over channels of interfaces: a buffered chan any queue read by
// 3 workers, who answer on a chan error, nil for success.
package main

import (
	"fmt"
	"sync"
)

type job struct{ n int }

func main() {
	q := make(chan any, 3)
	errs := make(chan error, 2)
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for m := range q {
				switch v := m.(type) {
				case job:
					if v.n%7 == 0 {
						errs <- fmt.Errorf("job %d", v.n)
						continue
					}
					errs <- nil
				case nil:
					errs <- nil
				}
			}
		}()
	}
	go func() {
		for i := 0; i < 500; i++ {
			q <- job{i}
		}
		q <- nil
		close(q)
	}()
	go func() {
		wg.Wait()
		close(errs)
	}()
	ok, failed := 0, 0
	for err := range errs {
		if err != nil {
			failed++
		} else {
			ok++
		}
	}
	fmt.Println(ok, failed)
}
