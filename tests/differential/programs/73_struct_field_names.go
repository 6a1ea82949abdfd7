//go:build ignore

// Structs printed with %+v and %#v, as a student debugging a concurrent
// bank would: unexported fields keep their names, and %#v names the
// type. Workers update accounts under a mutex; the final state prints.
package main

import (
	"fmt"
	"sort"
	"sync"
)

type account struct {
	owner   string
	balance int
}

type ledger struct {
	mu       sync.Mutex
	accounts map[string]*account
	moves    int
}

type Transfer struct {
	From, To string
	amount   int
}

type stamp struct{ seq int }

type entry struct {
	at   stamp
	note string
}

func (l *ledger) apply(t Transfer) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.accounts[t.From].balance -= t.amount
	l.accounts[t.To].balance += t.amount
	l.moves++
}

func main() {
	l := &ledger{accounts: map[string]*account{
		"ann": {owner: "ann", balance: 100},
		"bob": {owner: "bob", balance: 100},
	}}
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := Transfer{From: "ann", To: "bob", amount: 1}
			if i%2 == 0 {
				t.From, t.To = t.To, t.From
			}
			l.apply(t)
		}()
	}
	wg.Wait()
	names := []string{}
	for name := range l.accounts {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		a := l.accounts[name]
		fmt.Printf("%+v\n", *a)
		fmt.Printf("%+v\n", a)
		fmt.Printf("%#v\n", *a)
		fmt.Printf("%v|%s|%d\n", *a, a.owner, a.balance)
	}
	fmt.Printf("moves: %+v\n", l.moves)
	fmt.Printf("%+v %#v\n", Transfer{"a", "b", 3}, Transfer{From: "c"})
	e := entry{at: stamp{7}, note: "done"}
	fmt.Printf("%+v\n%#v\n", e, e)
	var none *account
	fmt.Printf("%+v %#v\n", none, none)
	fmt.Println(fmt.Sprintf("%+v", stamp{2}), fmt.Errorf("bad entry %+v", e))
}
