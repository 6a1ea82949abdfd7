//go:build ignore

// Maps built by goroutines and printed in a deterministic order: keys
// sorted with sort.Strings, sort.Slice and slices.Sort.
package main

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
)

const text = `the cat sat on the mat the dog sat on the log and the cat saw the dog
a bird sang in the tree and the dog barked at the bird while the cat slept`

func main() {
	lines := strings.Split(text, "\n")
	partial := make([]map[string]int, len(lines))
	var wg sync.WaitGroup
	for i, line := range lines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := map[string]int{}
			for _, w := range strings.Fields(line) {
				m[w]++
			}
			partial[i] = m
		}()
	}
	wg.Wait()
	counts := map[string]int{}
	for _, m := range partial {
		for w, n := range m {
			counts[w] += n
		}
	}

	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Println("alphabetical:", keys)

	type wc struct {
		word  string
		count int
	}
	var byCount []wc
	for w, n := range counts {
		byCount = append(byCount, wc{w, n})
	}
	sort.Slice(byCount, func(i, j int) bool {
		if byCount[i].count != byCount[j].count {
			return byCount[i].count > byCount[j].count
		}
		return byCount[i].word < byCount[j].word
	})
	fmt.Println("top five:", byCount[:5])

	lengths := map[int][]string{}
	for w := range counts {
		lengths[len(w)] = append(lengths[len(w)], w)
	}
	var ls []int
	for l := range lengths {
		ls = append(ls, l)
	}
	slices.Sort(ls)
	for _, l := range ls {
		ws := lengths[l]
		slices.Sort(ws)
		fmt.Println(l, ws)
	}
	// fmt prints maps with sorted keys.
	fmt.Println(map[string]int{"z": 1, "a": 2, "m": 3}, map[int]bool{3: true, 1: false})

	// A concurrent sync.Map, read back in sorted order.
	var sm sync.Map
	for i := range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sm.Store(i%10, (i%10)*(i%10))
			sm.LoadOrStore("fixed", i*0)
		}()
	}
	wg.Wait()
	var entries []string
	sm.Range(func(k, v any) bool {
		entries = append(entries, fmt.Sprint(k, "=", v))
		return true
	})
	sort.Strings(entries)
	fmt.Println(len(entries), entries)
}
