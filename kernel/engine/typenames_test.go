package engine

import "testing"

// TestNamedPartsVerbs checks values of method-less named non-struct
// types that are not in an interface (struct fields, fields of fields,
// slice and array elements, map keys and values, pointers, arguments):
// %#v and the texts of wrong verbs name their types as Go does.
func TestNamedPartsVerbs(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import "fmt"
type Celsius float64
type Names []string
type Tags map[string]int
type ID int
type Fn func()
type Inner struct {
	N Names
	I ID
}
type Holder struct {
	N   Names
	T   Tags
	C   Celsius
	In  Inner
	M   map[string]ID
	A   [2]ID
	low ID
}
var h = Holder{N: Names{"x"}, T: Tags{"a": 1}, C: 1.5, In: Inner{N: Names{"y"}, I: 4}, M: map[string]ID{"k": 1}, A: [2]ID{5, 6}, low: 7}`)
	checkCells(t, s, out, []cellCase{
		{`fmt.Printf("%v|%+v\n", h, h)`,
			"{[x] map[a:1] 1.5 {[y] 4} map[k:1] [5 6] 7}|{N:[x] T:map[a:1] C:1.5 In:{N:[y] I:4} M:map[k:1] A:[5 6] low:7}\n"},
		{`fmt.Printf("%#v\n", h)`,
			`main.Holder{N:main.Names{"x"}, T:main.Tags{"a":1}, C:1.5, In:main.Inner{N:main.Names{"y"}, I:4}, M:map[string]main.ID{"k":1}, A:[2]main.ID{5, 6}, low:7}` + "\n"},
		{`fmt.Printf("%#v %#v %#v\n", h.In, &h.In, h.A)`,
			`main.Inner{N:main.Names{"y"}, I:4} &main.Inner{N:main.Names{"y"}, I:4} [2]main.ID{5, 6}` + "\n"},
		{`fmt.Printf("%d %s %x\n", Celsius(2), Celsius(3), ID(255))`,
			"%!d(main.Celsius=2) %!s(main.Celsius=3) ff\n"},
		{`ns := []Names{{"a"}, {"b", "c"}}
fmt.Printf("%v %T %#v\n", ns, ns, ns)`,
			`[[a] [b c]] []main.Names []main.Names{main.Names{"a"}, main.Names{"b", "c"}}` + "\n"},
		{`fmt.Printf("%#v %s\n", map[ID]Names{1: {"a"}}, map[string]ID{"k": 2})`,
			`map[main.ID]main.Names{1:main.Names{"a"}} map[k:%!s(main.ID=2)]` + "\n"},
		{`var c *Celsius
fmt.Printf("%#v %#v\n", c, []Fn{nil})`,
			`(*main.Celsius)(nil) []main.Fn{(main.Fn)(nil)}` + "\n"},
		{`s := fmt.Sprintf("%#v|%d", Names{"z"}, []Celsius{1})
fmt.Println(s)`,
			`main.Names{"z"}|[%!d(main.Celsius=1)]` + "\n"},
	})
}
