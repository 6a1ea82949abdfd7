//go:build ignore

//differential:trace

// A literal made inside a function's literal, handed out and called
// later: Go names it main.makeLookup.func1.1. (Where the compiler
// inlines makeLookup into main, it names the literal after main too:
// hence the directive.)
package main

import "fmt"

var registry = map[string]func() func(string) int{}

//go:noinline
func makeLookup(table map[string]int) {
	registry["lookup"] = func() func(string) int {
		fmt.Println("lookup built over", len(table), "entries")
		return func(key string) int {
			v, ok := table[key]
			if !ok {
				panic("no entry for " + key)
			}
			return v
		}
	}
}

func main() {
	makeLookup(map[string]int{"a": 1})
	find := registry["lookup"]()
	fmt.Println(find("a"))
	fmt.Println(find("b"))
}
