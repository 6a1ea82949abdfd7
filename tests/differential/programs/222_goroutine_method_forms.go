//go:build ignore

// go statements of methods in every form: of a generic type, on a
// pointer and on a value, through an interface, promoted from an
// embedded field, in a generic function, on a map element.
package main

import (
	"fmt"
	"sync"
)

type box[T any] struct{ v T }

func (b *box[T]) show(wg *sync.WaitGroup) { defer wg.Done(); fmt.Println("box", b.v) }
func (b box[T]) val(wg *sync.WaitGroup)   { defer wg.Done(); fmt.Println("val", b.v) }

type shower interface{ show(*sync.WaitGroup) }

type inner struct{ n int }

func (i *inner) bump(wg *sync.WaitGroup) { defer wg.Done(); i.n++; fmt.Println("bump", i.n) }

type outer struct{ inner }

func run[T any](x T, wg *sync.WaitGroup) {
	b := box[T]{x}
	wg.Add(1)
	go b.show(wg)
	wg.Wait()
}

func main() {
	var wg sync.WaitGroup
	b := box[int]{1}
	wg.Add(1)
	go b.show(&wg)
	wg.Wait()
	wg.Add(1)
	go b.val(&wg)
	wg.Wait()
	var s shower = &box[string]{"s"}
	wg.Add(1)
	go s.show(&wg)
	wg.Wait()
	var o outer
	wg.Add(1)
	go o.bump(&wg)
	wg.Wait()
	run(2.5, &wg)
	m := map[string]box[int]{"k": {7}}
	wg.Add(1)
	go m["k"].val(&wg)
	wg.Wait()
}
