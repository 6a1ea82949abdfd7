//go:build ignore

// Values of named non-struct types, with and without String methods,
// inside composites that hold them as any: slices, maps, struct fields,
// arrays, composites nested in composites, printed with every verb.
package main

import "fmt"

type Celsius float64
type Name string
type Flag bool
type Names []string
type Grid [2][2]int
type Tags map[string]int
type Ptr *int

type Level int

func (l Level) String() string { return fmt.Sprintf("L%d", int(l)) }

type List []int

func (l List) String() string { return fmt.Sprintf("list of %d", len(l)) }

type Code int

func (c Code) Error() string { return fmt.Sprintf("code %d", int(c)) }

type Rec struct {
	V any
	N int
}

func main() {
	var nilNames Names
	var nilTags Tags
	var p Ptr
	xs := []any{Celsius(3), Name("n"), Flag(true), Names{"a"}, nilNames, Grid{{1, 2}, {3, 4}}, Tags{"k": 2}, nilTags, p, List{1, 2}, Level(7), Code(4), 7}
	for _, x := range xs {
		fmt.Printf("%v|%+v|%T|%#v|%s|%d\n", x, x, x, x, x, x)
	}
	fmt.Printf("%v\n%+v\n%T\n%#v\n", xs, xs, xs, xs)

	m := map[string]any{"c": Celsius(1.5), "n": Names{"z"}, "l": Level(1), "t": Tags{"q": 0}}
	fmt.Printf("%v\n%+v\n%#v\n", m, m, m)

	r := Rec{V: Celsius(2), N: 1}
	fmt.Printf("%v %+v %#v\n", r, r, r)
	rs := []Rec{{V: Level(3)}, {V: Names{"q"}}}
	fmt.Printf("%v %+v %#v\n", rs, rs, rs)
	fmt.Println(xs, m, r, &r)
	fmt.Printf("%v %+v\n", &Rec{V: Level(9)}, &Rec{V: List{1}})

	arr := [2]any{Celsius(1), Level(5)}
	fmt.Println(arr)
	fmt.Printf("%#v\n", arr)
	anon := struct{ A, B any }{Celsius(1), Names{"w"}}
	fmt.Printf("%v %+v %#v\n", anon, anon, anon)

	var e any = []any{Celsius(4), Level(4)}
	fmt.Println(e)
	nested := map[string]any{"list": []any{Level(1), Names{"z"}}, "grid": Grid{}}
	fmt.Printf("%v\n%#v\n", nested, nested)
	deeper := []any{[]any{Level(2), []any{List{1, 2, 3}}}}
	fmt.Println(deeper)

	fmt.Printf("%x %q %5.1f\n", []any{Names{"ab"}}, []any{Name("q")}, []any{Celsius(2.25)})
	fmt.Println(fmt.Sprint(Names{"a"}, Level(3), List{4}), fmt.Sprintln([]any{List{5}}))
	var err error = Code(9)
	fmt.Printf("%v %T\n", []any{err}, []any{err})
}
