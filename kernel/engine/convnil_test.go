package engine

import (
	"context"
	"testing"
)

// A conversion to an interface type compared with nil, as Go has it: a
// value of a type that is no interface never converts to the nil
// interface, but is evaluated, in order and with its panics; a value of an
// interface type keeps its nil-ness. The interpreter crashed on most.
func TestConvertedNil(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, "import (\"errors\"; \"fmt\")\n"+
		"type T struct{ a int }\n"+
		"type Shape interface{ Area() int }\n"+
		"type Sq struct{ s int }\n"+
		"func (q Sq) Area() int { return q.s * q.s }\n"+
		"type E struct{}\n"+
		"func (E) Error() string { return \"e\" }\n"+
		"var trail []string\n"+
		"func step(s string) int { trail = append(trail, s); return len(s) }\n"+
		"func caught(f func() bool) (res any) {\n\tdefer func() {\n\t\tif r := recover(); r != nil {\n\t\t\tres = r\n\t\t}\n\t}()\n\treturn f()\n}\n"+
		"t := T{1}")
	checkCells(t, s, out, []cellCase{
		{cell: `fmt.Println(any(T{1}) != nil, any(3) != nil, any(t) != nil, interface{}(T{1}) == nil, any([]int{1}) != nil)`, want: "true true true false true\n"},
		{cell: "var p *T\nvar sl []int\nvar m map[int]int\nvar fn func()\nvar ch chan int\nfmt.Println(any(p) == nil, any(sl) == nil, any(m) == nil, any(fn) == nil, any(ch) != nil, any(\"\") != nil)", want: "false false false false true true\n"},
		{cell: `fmt.Println(nil == any(t), nil != any(p), (any(t)) != nil, any(t) != (nil), ((any)(t)) == nil)`, want: "false true true true false\n"},
		{cell: `fmt.Println(Shape(Sq{2}) != nil, error(E{}) != nil, fmt.Stringer(nil) == nil, error((*E)(nil)) == nil)`, want: "true true true false\n"},
		{cell: "var err error\nvar sh Shape\nvar a any\nfmt.Println(any(err) == nil, any(sh) == nil, Shape(sh) != nil, any(a) == nil, any(any(t)) == nil, any(nil) == nil)\nerr = errors.New(\"x\")\nsh = Sq{1}\nfmt.Println(any(err) != nil, error(err) == nil, any(sh) != nil)", want: "true true false true false true\ntrue false true\n"},
		{cell: `fmt.Println(any(T{}) == any(nil), any(1) == any(1), any(t) == any(T{1}), any(p) != any(nil), any(t) == a)`, want: "false true true true false\n"},
		{cell: "if any(t) != nil {\n\tfmt.Println(\"if\")\n}\nfor i := 0; any(i) != nil && i < 2; i++ {\n\tfmt.Println(\"for\", i)\n}\nswitch {\ncase any(t) == nil:\n\tfmt.Println(\"nil\")\ncase any(t) != nil:\n\tfmt.Println(\"case\")\n}\ndone := make(chan bool)\ngo func() { done <- any(T{2}) != nil }()\nfmt.Println(<-done)", want: "if\nfor 0\nfor 1\ncase\ntrue\n"},
		{cell: "type flag bool\nvar f flag = any(t) != nil\nfmt.Printf(\"%T %v\\n\", f, f)", want: "main.flag true\n"},
		{cell: "trail = nil\nr := any(step(\"a\")) != nil && any(step(\"bb\")) == nil || any(T{step(\"c\")}) != nil\nfmt.Println(r, trail)", want: "true [a bb c]\n"},
		{cell: "var q *T\nvar nm map[string]int\nfmt.Println(caught(func() bool { return any(q.a) != nil }))\nfmt.Println(caught(func() bool { nm[\"k\"]++; return any(nm) != nil }))", want: "runtime error: invalid memory address or nil pointer dereference\nassignment to entry in nil map\n"},
	})
	if r := s.Execute(context.Background(), "any(t) != nil"); r.Err != nil || r.Value["text/plain"] != "true" {
		t.Errorf("trailing any(t) != nil: %+v %v", r.Err, r.Value)
	}
}
