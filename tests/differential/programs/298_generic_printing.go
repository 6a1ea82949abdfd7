//go:build ignore

// Values whose types are made of a generic function's type parameters
// printed with fmt: slices, maps and single values, with %v and Println,
// and a generic sort through sort.Interface.
package main

import (
	"fmt"
	"sort"
)

type ordered interface {
	~int | ~float64 | ~string
}

type byValue[E ordered] []E

func (s byValue[E]) Len() int           { return len(s) }
func (s byValue[E]) Less(i, j int) bool { return s[i] < s[j] }
func (s byValue[E]) Swap(i, j int)      { s[i], s[j] = s[j], s[i] }

func sorted[E ordered](s []E) []E {
	c := append([]E(nil), s...)
	sort.Sort(byValue[E](c))
	return c
}

func show[E ordered](label string, s []E, m map[string]E, e E) {
	fmt.Printf("%s: %v %v %v\n", label, s, m, e)
	fmt.Println(label, s, m, e)
}

func main() {
	show("ints", sorted([]int{3, 1, 2}), map[string]int{"a": 1}, 7)
	show("strings", sorted([]string{"b", "a"}), nil, "z")
	show("floats", sorted([]float64{2.5, -1}), map[string]float64{"x": 0.5}, 1.25)
}
