package engine

import "testing"

// TestPointersComparedInInterfaces checks that interfaces holding one
// pointer are equal whatever conversion put it there and whatever
// interface type holds it, and that pointers to equal values are not.
func TestPointersComparedInInterfaces(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, "import (\n\t\"fmt\"\n\t\"strings\"\n)\ntype Shape interface{ Area() int }\ntype Sq struct{ S int }\nfunc (q *Sq) Area() int { return q.S * q.S }\ntype Named interface{ Name() string }\ntype Dog struct{ N string }\nfunc (d Dog) Name() string { return d.N }\nfunc same(a, b Shape) bool { return a == b }\nvar _ = strings.ToUpper\ntype Writer interface{ WriteString(string) (int, error) }")
	checkCells(t, s, out, []cellCase{
		// two interfaces of one type
		{cell: "p := &Sq{2}\nvar a, b Shape = p, p\nfmt.Println(a == b, a != b)", want: "true false\n"},
		// any and a cell interface, either order
		{cell: "p := &Sq{2}\nvar a Shape = p\nvar e any = p\nfmt.Println(e == a, a == e)", want: "true true\n"},
		// the pointer itself
		{cell: "p := &Sq{2}\nvar a Shape = p\nvar e any = p\nfmt.Println(a == p, p == a, e == p)", want: "true true true\n"},
		// converted by a call's parameters
		{cell: "p := &Sq{2}\nfmt.Println(same(p, p), same(p, &Sq{2}))", want: "true false\n"},
		// kept in a slice, then compared
		{cell: "p, q := &Sq{1}, &Sq{1}\nfor _, s := range []Shape{p, q, p} {\n\tfmt.Print(s == Shape(p), \" \")\n}\nfmt.Println()", want: "true false true \n"},
		// a value type's methods through a pointer
		{cell: "d := &Dog{\"rex\"}\nvar n1, n2 Named = d, d\nvar n3 Named = Dog{\"rex\"}\nfmt.Println(n1 == n2, n1 == n3)", want: "true false\n"},
		// a pointer of a compiled type in fmt.Stringer and any
		{cell: "sb := &strings.Builder{}\nvar s1, s2 fmt.Stringer = sb, sb\nvar e any = sb\nfmt.Println(s1 == s2, e == s1, s1 == sb)", want: "true true true\n"},
		// the result of a conversion, as a map's key
		{cell: "p := &Sq{2}\nvar a Shape = p\ncount := map[Shape]int{}\ncount[Shape(p)]++\ncount[a]++\nfmt.Println(len(count), count[Shape(p)], Shape(p) == a)", want: "1 2 true\n"},
		// a compiled pointer in a cell's interface, against others
		{cell: "sb := &strings.Builder{}\nvar w1, w2 Writer = sb, sb\nvar e any = sb\nfmt.Println(w1 == w2, e == w1, w1 == sb, sb == w1, w1 != e)", want: "true true true true false\n"},
		{cell: "var w1 Writer = &strings.Builder{}\nvar w2 Writer = &strings.Builder{}\nvar e any = &strings.Builder{}\nfmt.Println(w1 == w2, w1 == e, w1 == nil)", want: "false false false\n"},
	})
}
