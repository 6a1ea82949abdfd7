//go:build ignore

// Composite literals of a program's slice, map and struct types with
// methods, assigned to an any: a type switch finds the type's own case,
// not the one of its underlying type, and %T names it; values of the
// underlying types stay theirs.
package main

import (
	"fmt"
	"sort"
	"strings"
)

type Names []string

func (n Names) String() string { return strings.Join(n, "+") }

type Index map[string]int

func (i Index) Keys() []string {
	var ks []string
	for k := range i {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

type Pt struct{ X, Y int }

func (p Pt) String() string { return fmt.Sprint(p.X, ":", p.Y) }

func kind(v any) string {
	switch x := v.(type) {
	case Names:
		return "Names of " + fmt.Sprint(len(x))
	case []string:
		return "[]string"
	case Index:
		return "Index " + strings.Join(x.Keys(), ",")
	case map[string]int:
		return "map[string]int"
	case Pt:
		return "Pt " + x.String()
	}
	return "other"
}

func main() {
	var a any = Names{"ada", "bo"}
	var b any = Index{"y": 2, "x": 1}
	var c any = Pt{3, 4}
	var d any = []string{"plain"}
	var e any
	e = map[string]int{"z": 0}
	for _, v := range []any{a, b, c, d, e} {
		fmt.Printf("%-22s %T\n", kind(v), v)
	}
	a = Names{"cy"}
	fmt.Println(kind(a), a)
}
