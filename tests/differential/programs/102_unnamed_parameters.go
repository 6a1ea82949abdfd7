//go:build ignore

// Handlers that ignore their arguments leave them without names: a
// function, a method, a literal, a callback of a compiled package and a
// function reflect.MakeFunc makes from a literal all run, and print.
package main

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
)

type event struct{ name string }

type logger struct{ prefix string }

func (l logger) ignore(event) { fmt.Println(l.prefix, "ignored an event") }

func onTick(int, string) { fmt.Println("tick") }

func main() {
	onTick(1, "a")
	logger{"log:"}.ignore(event{"x"})

	handlers := map[string]func(event){
		"open":  func(e event) { fmt.Println("opened", e.name) },
		"close": func(event) { fmt.Println("closed, whatever it was") },
	}
	keys := make([]string, 0, len(handlers))
	for k := range handlers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		handlers[k](event{k + ".txt"})
	}

	var wg sync.WaitGroup
	results := make([]string, 3)
	for i := range 3 {
		wg.Add(1)
		go func(int) {
			defer wg.Done()
			results[i] = strings.Repeat("*", i+1)
		}(i)
	}
	wg.Wait()
	fmt.Println(results)

	fields := strings.FieldsFunc("a,b;c", func(r rune) bool { return r == ',' || r == ';' })
	fmt.Println(fields)

	count := 0
	bump := reflect.MakeFunc(reflect.TypeOf(func(int) {}), func([]reflect.Value) []reflect.Value {
		count++
		fmt.Println("bumped", count)
		return nil
	}).Interface().(func(int))
	bump(5)
	bump(6)
}
