//go:build ignore

// A method value or method expression kept in a variable, a slice, a map
// or a field, or passed as a parameter, then deferred, with or without
// arguments: the method is the deferred function, so its recover stops
// the panic. A recover one call further down, in a helper the method
// calls, stops nothing.
package main

import (
	"errors"
	"fmt"
	"sort"
	"sync"
)

type Guard struct {
	name string
	log  *[]string
}

func (g *Guard) catch() {
	if r := recover(); r != nil {
		*g.log = append(*g.log, fmt.Sprintf("%s caught %v", g.name, r))
	}
}

func (g Guard) catchByValue() {
	if r := recover(); r != nil {
		*g.log = append(*g.log, fmt.Sprintf("%s (value) caught %v", g.name, r))
	}
}

// note takes a tag and reports whether it caught anything.
func (g *Guard) note(tag string) bool {
	if r := recover(); r != nil {
		*g.log = append(*g.log, fmt.Sprintf("%s %s caught %v", g.name, tag, r))
		return true
	}
	return false
}

func (g *Guard) viaHelper() { g.helper() }

func (g *Guard) helper() {
	if r := recover(); r != nil {
		*g.log = append(*g.log, "helper should not catch")
	}
}

type Catcher interface{ catch() }

type Service struct {
	Guard
	onPanic func()
}

func inVariable(log *[]string) {
	g := &Guard{"variable", log}
	f := g.catch
	defer f()
	panic("one")
}

func byValue(log *[]string) {
	g := Guard{"by value", log}
	f := g.catchByValue
	g.name = "changed" // the method value copied g already
	defer f()
	panic("two")
}

func inSliceAndMap(log *[]string) {
	g := &Guard{"slice", log}
	fs := []func(){g.catch}
	m := map[string]func(){"k": (&Guard{"map", log}).catch}
	defer fs[0]()
	defer m["k"]()
	panic("three")
}

func methodExpression(log *[]string) {
	f := (*Guard).catch
	defer f(&Guard{"method expression", log})
	panic("four")
}

func throughInterface(log *[]string) {
	var c Catcher = &Guard{"interface", log}
	f := c.catch
	defer f()
	panic("five")
}

func promoted(log *[]string) {
	s := &Service{Guard: Guard{"promoted", log}}
	s.onPanic = s.catch
	defer s.onPanic()
	panic("six")
}

func withArguments(log *[]string) {
	g := &Guard{"arguments", log}
	n := g.note
	ex := (*Guard).note
	defer n("value")
	defer ex(&Guard{"expression", log}, "with arguments")
	panic("nine")
}

func guarded(f func(), work func()) {
	defer f()
	work()
}

func tooDeep(log *[]string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("outer caught %v", r)
		}
	}()
	g := &Guard{"deep", log}
	f := g.viaHelper
	defer f()
	panic("seven")
}

func main() {
	var log []string
	inVariable(&log)
	byValue(&log)
	inSliceAndMap(&log)
	methodExpression(&log)
	throughInterface(&log)
	promoted(&log)
	guarded((&Guard{"parameter", &log}).catch, func() { panic(errors.New("eight")) })
	withArguments(&log)
	fmt.Println(tooDeep(&log))

	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []string
			g := &Guard{fmt.Sprint("worker ", i), &mine}
			catch := g.catch
			func() {
				defer catch()
				panic(i * 10)
			}()
			mu.Lock()
			log = append(log, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	sort.Strings(log[len(log)-3:]) // the workers finish in any order
	for _, l := range log {
		fmt.Println(l)
	}
}
