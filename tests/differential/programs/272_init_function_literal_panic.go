//go:build ignore

//differential:trace

// The second init function loads settings through a literal that fails
// on a missing key: Go names the literal after its init function,
// main.init.1.func1, and shows main.init.1 at the literal's call.
package main

import "fmt"

var settings = map[string]string{"mode": "fast"}

func init() {
	fmt.Println("first init")
}

func init() {
	get := func(key string) string {
		v, ok := settings[key]
		if !ok {
			panic("missing setting " + key)
		}
		return v
	}
	fmt.Println("mode", get("mode"))
	fmt.Println("level", get("level"))
}

func main() {
	fmt.Println("main")
}
