//go:build ignore

// Generic functions with several type parameters, all inferred from the
// arguments: Map, Filter, Reduce, Zip, and a parallel Map on goroutines.
package main

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
)

func Map[T, U any](in []T, f func(T) U) []U {
	out := make([]U, 0, len(in))
	for _, v := range in {
		out = append(out, f(v))
	}
	return out
}

func Filter[T any](in []T, keep func(T) bool) []T {
	var out []T
	for _, v := range in {
		if keep(v) {
			out = append(out, v)
		}
	}
	return out
}

func Reduce[T, A any](in []T, acc A, f func(A, T) A) A {
	for _, v := range in {
		acc = f(acc, v)
	}
	return acc
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func Zip[K comparable, V any](keys []K, vals []V) []Pair[K, V] {
	out := make([]Pair[K, V], min(len(keys), len(vals)))
	for i := range out {
		out[i] = Pair[K, V]{keys[i], vals[i]}
	}
	return out
}

func Index[K comparable, V any](pairs []Pair[K, V]) map[K]V {
	m := make(map[K]V, len(pairs))
	for _, p := range pairs {
		m[p.Key] = p.Val
	}
	return m
}

// ParallelMap applies f to every element in its own goroutine.
func ParallelMap[T, U any](in []T, f func(T) U) []U {
	out := make([]U, len(in))
	var wg sync.WaitGroup
	for i, v := range in {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = f(v)
		}()
	}
	wg.Wait()
	return out
}

func main() {
	nums := []int{1, 2, 3, 4, 5, 6}
	strs := Map(nums, strconv.Itoa)
	fmt.Printf("%q\n", strs)
	lens := Map(strings.Fields("go is fun to write"), func(s string) int { return len(s) })
	fmt.Println(lens)
	evens := Filter(nums, func(n int) bool { return n%2 == 0 })
	fmt.Println(evens)
	sum := Reduce(nums, 0.5, func(a float64, n int) float64 { return a + float64(n) })
	joined := Reduce(strs, "", func(a, s string) string { return a + s })
	fmt.Println(sum, joined)
	pairs := Zip([]string{"a", "b", "c"}, []float64{1.5, 2.5})
	fmt.Printf("%v %+v\n", pairs, pairs[1])
	idx := Index(pairs)
	fmt.Println(idx["a"], idx["b"], len(idx))

	in := make([]int, 5000)
	for i := range in {
		in[i] = i
	}
	out := ParallelMap(in, func(n int) string { return strconv.Itoa(n * 3) })
	bad := 0
	for i, s := range out {
		if s != strconv.Itoa(i*3) {
			bad++
		}
	}
	fmt.Println("parallel map:", len(out), "wrong", bad, out[4999])
	nested := Map(Map(nums, func(n int) []int { return make([]int, n) }), func(s []int) int { return len(s) })
	fmt.Println(nested)
}
