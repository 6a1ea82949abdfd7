//go:build ignore

// Structs embedding sync.Mutex and sync.RWMutex: the lock methods are
// promoted, and the struct satisfies sync.Locker.
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

type SafeCounter struct {
	sync.Mutex
	counts map[string]int
}

func (c *SafeCounter) Inc(key string) {
	c.Lock()
	defer c.Unlock()
	c.counts[key]++
}

type Cache struct {
	sync.RWMutex
	data map[int]string
	hits int
}

func (c *Cache) Get(k int) (string, bool) {
	c.RLock()
	defer c.RUnlock()
	v, ok := c.data[k]
	return v, ok
}

func (c *Cache) Put(k int, v string) {
	c.Lock()
	c.data[k] = v
	c.Unlock()
}

// Account embeds a pointer to a mutex shared with another account.
type Account struct {
	*sync.Mutex
	Balance int
}

func withLock(l sync.Locker, f func()) {
	l.Lock()
	defer l.Unlock()
	f()
}

func main() {
	c := SafeCounter{counts: map[string]int{}}
	var wg sync.WaitGroup
	words := strings.Fields("the quick brown fox jumps over the lazy dog the end")
	for range 100 {
		for _, w := range words {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c.Inc(w)
			}()
		}
	}
	wg.Wait()
	keys := make([]string, 0, len(c.counts))
	for k := range c.counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Printf("%s:%d ", k, c.counts[k])
	}
	fmt.Println()

	cache := &Cache{data: map[int]string{}}
	for i := range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, ok := cache.Get(i % 20); !ok {
				cache.Put(i%20, fmt.Sprint("v", i%20))
			}
			withLock(cache, func() { cache.hits++ })
		}()
	}
	wg.Wait()
	fmt.Println("cache entries:", len(cache.data), "hits:", cache.hits)

	shared := &sync.Mutex{}
	a, b := Account{shared, 100}, Account{shared, 50}
	for range 500 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			a.Lock()
			a.Balance--
			b.Balance++
			a.Unlock()
		}()
		go func() {
			defer wg.Done()
			b.Lock()
			b.Balance--
			a.Balance++
			b.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println("shared lock: a", a.Balance, "b", b.Balance, "total", a.Balance+b.Balance)

	var l sync.Locker = &c
	l.Lock()
	fmt.Println("TryLock on embedded while held:", c.TryLock())
	l.Unlock()
}
