//go:build ignore

// Neighbours of the interface cases: %+v, %#v and %T of values in an
// any, maps and channels of an interface the program declares, errors
// of the program wrapped with %w, Unwrap, As, Is and Join, and a
// function's own struct type with interface fields.
package main

import (
	"errors"
	"fmt"
)

type Shape interface{ Area() int }
type Sq struct{ S int }

func (q Sq) Area() int { return q.S * q.S }

type Temp float64

func (t Temp) String() string { return fmt.Sprintf("%.1fC", float64(t)) }

type NotFound struct{ K string }

func (e NotFound) Error() string { return "nf " + e.K }

type Wrap struct{ Err error }

func (w Wrap) Error() string { return "wrap(" + w.Err.Error() + ")" }
func (w Wrap) Unwrap() error { return w.Err }

func main() {
	var s Shape = Sq{2}
	var a any = s
	fmt.Printf("%v %+v %#v %T\n", a, a, a, a)
	fmt.Printf("%#v\n", []Shape{Sq{1}})
	fmt.Printf("%#v %#v\n", Temp(2), []Temp{1})
	m := map[Temp]Shape{1: Sq{3}}
	fmt.Println(m)
	ch := make(chan Shape, 1)
	ch <- Sq{5}
	fmt.Println(<-ch)
	e1 := fmt.Errorf("top: %w", NotFound{"k"})
	e2 := Wrap{e1}
	fmt.Println(e2)
	fmt.Printf("%v | %T\n", errors.Unwrap(e2), errors.Unwrap(errors.Unwrap(e2)))
	var nf NotFound
	fmt.Println(errors.As(e2, &nf), nf.K, errors.Is(e2, NotFound{"k"}))
	j := errors.Join(NotFound{"a"}, Wrap{NotFound{"b"}})
	fmt.Println(j)
	fmt.Printf("%q %x\n", Temp(1), Temp(1))
	type pair struct {
		A any
		B fmt.Stringer
	}
	fmt.Printf("%v %+v\n", pair{Sq{1}, Temp(2)}, pair{Sq{3}, Temp(4)})
	ps := []*Sq{{1}}
	var pa any = ps[0]
	fmt.Printf("%v %+v %T\n", pa, pa, pa)
	fmt.Println(fmt.Sprint(Temp(1), Sq{2}, []any{Temp(3), Sq{4}}))
}
