//go:build ignore

// Paths through pointers, as the Go distribution's method5, convert4 and
// nilptr2 tests use them: method values of promoted methods follow the
// embedded fields when they are made (and panic there on a nil embedded
// pointer), &p[i] through a pointer to an array is the array's element,
// and converting a slice to an array or an array pointer too short for it
// panics with the runtime's message.
package main

import (
	"errors"
	"fmt"
	"runtime"
)

type Inner struct{ n int }

func (i *Inner) Inc()    { i.n++ }
func (i Inner) Get() int { return i.n }

type Outer struct{ Inner }

type OuterP struct{ *Inner }

type Deep struct {
	OuterP
	tag string
}

type Grid [3][3]int

func try(name string, f func()) {
	defer func() {
		r := recover()
		if r == nil {
			fmt.Println(name, "ok")
			return
		}
		var re runtime.Error
		if err, ok := r.(error); ok && errors.As(err, &re) {
			fmt.Println(name, "runtime error:", re)
			return
		}
		fmt.Println(name, "panics:", r)
	}()
	f()
}

func main() {
	var o Outer
	inc := o.Inc
	inc()
	inc()
	get := o.Get
	o.n = 10
	fmt.Println(o.n, get())
	po := &o
	get2 := po.Get
	po.n = 11
	fmt.Println(get2(), po.Get())

	op := OuterP{&Inner{n: 3}}
	g := op.Get
	op.n = 4
	i := op.Inc
	i()
	fmt.Println(g(), op.n)

	d := Deep{OuterP: OuterP{&Inner{n: 7}}}
	dg := d.Get
	d.Inc()
	fmt.Println(dg(), d.Get())

	try("nil embedded, value method", func() { var x OuterP; _ = x.Get })
	try("nil embedded, pointer method", func() { var x OuterP; _ = x.Inc })
	try("nil deep", func() { var x Deep; f := x.Get; fmt.Println(f()) })
	try("nil outer pointer", func() { var x *Outer; _ = x.Get })

	var arr [4]int
	p := &arr
	for k := range p {
		q := &p[k]
		*q = k * k
	}
	fmt.Println(arr, &p[2] == &arr[2])
	var grid Grid
	pg := &grid
	cell := &pg[1][2]
	*cell = 9
	fmt.Println(grid)
	s := make([]byte, 8, 10)
	ap := (*[8]byte)(s)
	fmt.Println(&ap[0] == &s[0], len(ap))
	var nilArr *[4]int
	try("address through a nil array pointer", func() { _ = &nilArr[1] })

	try("slice to array pointer, too short", func() { _ = (*[9]byte)(s) })
	try("slice to array, too short", func() { _ = [9]byte(s) })
	var empty []byte
	fmt.Println((*[0]byte)(empty) == nil, (*[0]byte)(make([]byte, 0)) == nil)
}
