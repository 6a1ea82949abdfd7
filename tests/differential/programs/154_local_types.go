//go:build ignore

// Types declared inside functions with the names of package-level ones
// (as gopl's coloredpoint does): each function sees its own, and %T, %v,
// %+v, %#v, type switches, map keys and panics name them as Go does.
package main

import (
	"errors"
	"fmt"
	"sort"
	"sync"
)

type Point struct{ X, Y float64 }

func (p Point) String() string { return fmt.Sprintf("(%g, %g)", p.X, p.Y) }

type Reading int

type Event struct {
	Name string
	At   int
}

func colored() {
	type Point struct {
		X, Y  int
		Color string
	}
	p := Point{1, 2, "red"}
	q := &Point{3, 4, "blue"}
	fmt.Println(p, *q, p.Color)
	fmt.Printf("%T %T %v %+v %#v\n", p, q, p, p, p)
	var a any = p
	switch v := a.(type) {
	case Point:
		fmt.Println("local point", v.Color)
	default:
		fmt.Printf("other %T\n", v)
	}
	seen := map[Point]int{p: 1}
	seen[Point{1, 2, "red"}]++
	fmt.Println(seen[p], len(seen))
}

func readings() {
	type Reading struct {
		Sensor string
		Value  float64
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	var all []Reading
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			all = append(all, Reading{fmt.Sprint("s", i), float64(i) * 1.5})
			mu.Unlock()
		}()
	}
	wg.Wait()
	sort.Slice(all, func(i, j int) bool { return all[i].Sensor < all[j].Sensor })
	fmt.Printf("%v %T\n", all, all)
}

func failing() (err error) {
	type Event struct{ Code int }
	defer func() {
		r := recover()
		err = fmt.Errorf("recovered %v (%T)", r, r)
	}()
	panic(Event{7})
}

func nested() {
	type Event string
	e := Event("outer")
	{
		type Event struct{ N int }
		fmt.Printf("%T %v\n", Event{1}, Event{1})
	}
	fmt.Printf("%T %v\n", e, e)
}

func main() {
	fmt.Println(Point{0.5, 1})
	colored()
	fmt.Printf("%T %v\n", Point{}, Point{2, 3})
	readings()
	fmt.Printf("%T %v\n", Reading(3), Reading(3))
	fmt.Println(failing())
	nested()
	fmt.Printf("%T %+v\n", Event{"go", 1}, Event{"go", 1})
	fmt.Println(errors.New("done"))
}
