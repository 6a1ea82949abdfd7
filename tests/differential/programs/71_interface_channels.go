//go:build ignore

// Channels of interfaces: any, error, the program's own interfaces,
// named empty interfaces and fmt.Stringer, with nil values, type switches
// and errors.As on what is received, in sends, receives, range and select.
package main

import (
	"errors"
	"fmt"
	"sync"
)

type Shape interface{ Area() float64 }
type Sq struct{ s float64 }

func (q Sq) Area() float64 { return q.s * q.s }

type MyErr struct{ code int }

func (e *MyErr) Error() string { return fmt.Sprint("code ", e.code) }

type Any interface{}

type pt struct{ x, y int }

func main() {
	ea := make(chan error, 4)
	ea <- nil
	ea <- errors.New("boom")
	ea <- &MyErr{3}
	var e0 error = <-ea
	fmt.Println(e0 == nil, e0)
	e1, ok := <-ea
	fmt.Println(e1, ok)
	e2 := <-ea
	var me *MyErr
	fmt.Println(errors.As(e2, &me), me.code)
	close(ea)
	e3, ok := <-ea
	fmt.Println(e3 == nil, ok)

	sc := make(chan Shape, 2)
	sc <- Sq{2}
	sc <- nil
	s := <-sc
	fmt.Println(s.Area())
	if s2 := <-sc; s2 == nil {
		fmt.Println("nil shape")
	}
	switch v := s.(type) {
	case Sq:
		fmt.Println("Sq", v.s)
	}

	ac := make(chan any)
	go func() {
		ac <- pt{1, 2}
		ac <- 3
		ac <- "s"
		ac <- nil
		ac <- []int{1}
		close(ac)
	}()
	for v := range ac {
		switch x := v.(type) {
		case pt:
			fmt.Println("pt", x.x, x.y)
		case int:
			fmt.Println("int", x+1)
		case nil:
			fmt.Println("nil")
		default:
			fmt.Printf("%T %v\n", x, x)
		}
	}

	nc := make(chan Any, 1)
	nc <- 5
	fmt.Println(<-nc)
	st := make(chan fmt.Stringer, 1)
	st <- nil
	fmt.Println(<-st == nil)
	mc := make(chan interface{ Area() float64 }, 1)
	mc <- Sq{3}
	fmt.Println((<-mc).Area())

	results := make(chan error)
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if i == 1 {
				results <- &MyErr{i}
				return
			}
			results <- nil
		}(i)
	}
	go func() { wg.Wait(); close(results) }()
	n := 0
	for err := range results {
		if err != nil {
			n++
			fmt.Println("err", err)
		}
	}
	fmt.Println("errors", n)
	pc := make(chan *pt, 1)
	pc <- nil
	fmt.Println(<-pc == nil)
	fc := make(chan func() int, 1)
	fc <- func() int { return 7 }
	fmt.Println((<-fc)())

	// select over channels of interfaces: sends, receives, nil values.
	sa, sb := make(chan Shape), make(chan error)
	go func() {
		for i := 0; i < 3; i++ {
			select {
			case sa <- Sq{float64(i)}:
			case sb <- &MyErr{i}:
			}
		}
		sa <- nil
		sb <- nil
		close(sa)
	}()
	area, errs, nils := 0.0, 0, 0
	for k := 0; k < 6; k++ {
		select {
		case s, ok := <-sa:
			if !ok {
				fmt.Println("closed")
			} else if s == nil {
				nils++
			} else {
				area += s.Area()
			}
		case err := <-sb:
			if err == nil {
				nils++
			} else if me, ok := err.(*MyErr); ok {
				errs += 1 + me.code - me.code
			}
		}
	}
	fmt.Println(area+float64(errs) >= 0, area <= 5, errs <= 3, nils)
	var sent any = "x"
	out := make(chan any, 1)
	select {
	case out <- sent:
	default:
	}
	select {
	case v := <-out:
		fmt.Println(v)
	default:
	}
}
