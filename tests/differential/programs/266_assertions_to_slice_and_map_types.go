//go:build ignore

// Assertions and type switches between a program's slice, map and func
// types with methods and their underlying types: a []string is no
// Names, a Names is no []string, however the value reached the
// interface, and the one-result form panics with Go's message. And from
// the program's interface, a T is no U of the same underlying type and
// methods.
package main

import (
	"fmt"
	"strings"
)

type Names []string

func (n Names) String() string { return strings.Join(n, "+") }

type Index map[string]int

func (i Index) Len() int { return len(i) }

type Op func(int) int

func (o Op) Apply(x int) int { return o(x) }

func held(n Names) any { return n }

type Namer interface{ String() string }

type T string

func (t T) String() string { return string(t) }

type U string

func (u U) String() string { return "u" + string(u) }

func asU(n Namer) (u U, msg any) {
	defer func() { msg = recover() }()
	return n.(U), nil
}

func asNames(x any) (n Names, msg any) {
	defer func() { msg = recover() }()
	return x.(Names), nil
}

func kind(x any) string {
	switch x.(type) {
	case Names:
		return "Names"
	case []string:
		return "[]string"
	case Index:
		return "Index"
	case map[string]int:
		return "map[string]int"
	}
	return "other"
}

func main() {
	n := Names{"a", "b"}
	var e any = n
	for _, x := range []any{[]string{}, Names{}, n, e, any(n), held(n), map[string]int{}, Index{"k": 1}} {
		_, isNames := x.(Names)
		_, isSlice := x.([]string)
		_, isIndex := x.(Index)
		_, isMap := x.(map[string]int)
		fmt.Println(kind(x), isNames, isSlice, isIndex, isMap)
	}
	_, isOp := any(func(x int) int { return x }).(Op)
	_, isOp2 := any(Op(func(x int) int { return x })).(Op)
	fmt.Println(isOp, isOp2)
	_, msg := asNames([]string{"x"})
	fmt.Println(msg)
	got, msg := asNames(held(n))
	fmt.Println(got, msg)
	fmt.Println(held(n), any(n))
	fmt.Printf("%T %v\n", held(n), e)

	var nm Namer = T("t")
	_, isU := nm.(U)
	tv, isT := nm.(T)
	fmt.Println(isU, isT, tv)
	_, msg = asU(nm)
	fmt.Println(msg)
	uv, msg := asU(U("v"))
	fmt.Println(uv, msg)
}
