//go:build ignore

// Bit sets built with constants shifted by variables: the constant takes
// the type of the expression around it (uint64, a named uint8 type). A
// few goroutines mark the multiples they own in a shared set under a
// mutex; the result is the same whatever the schedule.
package main

import (
	"fmt"
	"sync"
)

type perm uint8

const (
	read perm = 1 << iota
	write
	exec
)

func (p perm) String() string {
	names := ""
	for i, n := range []string{"r", "w", "x"} {
		if p&(1<<i) != 0 {
			names += n
		} else {
			names += "-"
		}
	}
	return names
}

type bitset struct {
	mu    sync.Mutex
	words [2]uint64
}

func (b *bitset) set(i int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.words[i/64] = b.words[i/64] | 1<<uint(i%64)
}

func (b *bitset) has(i int) bool {
	return b.words[i/64]&(1<<(i%64)) != 0
}

func (b *bitset) count() int {
	n := 0
	for i := 0; i < 128; i++ {
		if b.has(i) {
			n++
		}
	}
	return n
}

func main() {
	var set bitset
	var wg sync.WaitGroup
	for step := 3; step <= 7; step += 2 {
		wg.Add(1)
		go func(step int) {
			defer wg.Done()
			for i := step; i < 128; i += step {
				set.set(i)
			}
		}(step)
	}
	wg.Wait()
	fmt.Println("marked", set.count())
	fmt.Printf("%#x %#x\n", set.words[0], set.words[1])

	for shift := 0; shift < 3; shift++ {
		var p perm = 1 << shift
		fmt.Println(shift, p, p|1<<(shift+1)%3)
	}
	var all perm = read | write | exec
	fmt.Println(all, all&^(1<<1))

	n := 10
	var mask int64 = 1<<n - 1
	fmt.Println(mask, uint16(1)<<n, []uint32{1 << n, 3 << (n / 2)})
	var val uint64 = 0xf0
	fmt.Println(val|1<<uint(n), val>>4|1<<n)
}
