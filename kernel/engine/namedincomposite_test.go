package engine

import "testing"

// TestNamedInComposites checks values of named non-struct types in an
// any inside a composite ([]any, map[string]any, a struct's any field,
// a []any in an any): fmt prints them as Go does with %v, %+v, %T and
// %#v, calling their String methods however deep they are.
func TestNamedInComposites(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import "fmt"
type Celsius float64
type Names []string
type Tags map[string]int
type Level int
func (l Level) String() string { return fmt.Sprintf("L%d", int(l)) }
type Rec struct {
	V any
	N int
}`)
	checkCells(t, s, out, []cellCase{
		{`xs := []any{Celsius(3), Names{"a", "b"}, Level(2), Tags{"x": 1}, 7}
fmt.Printf("%v|%+v|%T\n%#v\n", xs, xs, xs, xs)`,
			"[3 [a b] L2 map[x:1] 7]|[3 [a b] L2 map[x:1] 7]|[]interface {}\n" +
				`[]interface {}{3, main.Names{"a", "b"}, 2, main.Tags{"x":1}, 7}` + "\n"},
		{`m := map[string]any{"c": Celsius(1.5), "n": Names{"z"}, "l": Level(1)}
fmt.Printf("%v\n%#v\n", m, m)`,
			"map[c:1.5 l:L1 n:[z]]\n" + `map[string]interface {}{"c":1.5, "l":1, "n":main.Names{"z"}}` + "\n"},
		{`r := Rec{V: Names{"q"}, N: 1}
fmt.Printf("%v %+v %#v\n", r, r, r)`,
			`{[q] 1} {V:[q] N:1} main.Rec{V:main.Names{"q"}, N:1}` + "\n"},
		{`var nested any = []any{Level(4), []any{Level(5)}}
fmt.Println(nested, map[string]any{"x": []any{Level(6)}})`,
			"[L4 [L5]] map[x:[L6]]\n"},
		{`var x any = Names{"w"}
fmt.Printf("%T %#v %d\n", x, x, []any{Celsius(2)})`,
			`main.Names main.Names{"w"} [%!d(main.Celsius=2)]` + "\n"},
	})
}
