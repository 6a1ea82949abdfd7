//go:build ignore

// A price list keeps its types wherever its values go: a Cents in a slice,
// a map or behind a pointer is still a Cents to type switches, assertions,
// %T and reflect once the composite is in an interface, and so is a named
// slice of them; a Cents reaching
// an interface through an assignment of several values, or as a panic's
// value, keeps its type too.
package main

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
)

type Cents int
type Label string
type Rate float64

// A basket is a named slice without methods: a type of its own as well.
type Basket []Cents

func describe(v any) string {
	switch x := v.(type) {
	case Cents:
		return fmt.Sprintf("Cents %d", int(x))
	case int:
		return fmt.Sprintf("int %d", x)
	case []int:
		return fmt.Sprintf("[]int of %d", len(x))
	case []Cents:
		total := Cents(0)
		for _, c := range x {
			total += c
		}
		return fmt.Sprintf("[]Cents totalling %d", total)
	case map[Label]Cents:
		return fmt.Sprintf("map[Label]Cents of %d", len(x))
	case map[string]int:
		return fmt.Sprintf("map[string]int of %d", len(x))
	case *Cents:
		return fmt.Sprintf("*Cents to %d", *x)
	case [2]Rate:
		return fmt.Sprintf("[2]Rate %v", x)
	case Basket:
		return fmt.Sprintf("Basket of %d", len(x))
	case nil:
		return "nil"
	}
	return fmt.Sprintf("something else: %T", v)
}

func split(total Cents) (any, int) { return total / 2, int(total % 2) }

func main() {
	prices := []Cents{250, 199}
	var anything any = prices
	fmt.Println(describe(anything), describe([]int{1, 2}))
	fmt.Printf("%T %T %v\n", anything, any([]int{1}), anything)
	if _, ok := anything.([]int); !ok {
		fmt.Println("a []Cents is no []int")
	}
	back := anything.([]Cents)
	fmt.Println(back[0]+back[1], len(back))

	menu := map[Label]Cents{"tea": 120, "cake": 350}
	fmt.Println(describe(menu), describe(map[string]int{"x": 1}))
	cheapest := Cents(99)
	fmt.Println(describe(&cheapest), describe([2]Rate{0.5, 1.5}))

	var boxes []any
	boxes = append(boxes, prices, Cents(5), 5, menu, Basket{1, 2, 3})
	for _, b := range boxes {
		fmt.Printf("%-8T %s\n", b, describe(b))
	}

	var first any
	var count int
	first, count = Cents(1), 2
	fmt.Println(describe(first), count)
	half, rest := split(301)
	fmt.Println(describe(half), rest)

	fmt.Println(reflect.TypeOf(first), reflect.TypeOf(first).Kind(), reflect.TypeOf(first).Name())
	fmt.Println(reflect.TypeOf(anything), reflect.TypeOf(anything).Name() == "")
	fmt.Println(reflect.TypeOf(first) == reflect.TypeOf(Cents(0)), reflect.TypeOf(first) == reflect.TypeOf(0))
	fmt.Println(reflect.ValueOf(first).Type())

	sort.Slice(prices, func(i, j int) bool { return prices[i] < prices[j] })
	out, err := json.Marshal(map[string]any{"prices": anything, "menu": menu})
	fmt.Println(string(out), err)

	defer func() {
		r := recover()
		fmt.Printf("recovered %T: %s\n", r, describe(r))
	}()
	panic(Cents(404))
}
