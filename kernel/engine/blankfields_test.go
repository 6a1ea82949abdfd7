package engine

import "testing"

// TestBlankFieldEquality checks that values differing only in blank
// fields, made through unsafe, are equal as Go has them: compared as
// structs, inside structs and arrays, as map keys and in interfaces.
func TestBlankFieldEquality(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, "import (\"fmt\"; \"unsafe\")\n"+
		"type T struct{ _, _, _ int }\n"+
		"type P struct {\n\t_ int\n\tA int\n\t_ int\n}\n"+
		"type three struct{ x, y, z int }\n"+
		"func asT(a, b, c int) T { return *(*T)(unsafe.Pointer(&three{a, b, c})) }\n"+
		"func asP(a, b, c int) P { return *(*P)(unsafe.Pointer(&three{a, b, c})) }\n"+
		"var _ = fmt.Sprint")
	checkCells(t, s, out, []cellCase{
		{cell: "fmt.Println(asT(1, 2, 3) == asT(4, 5, 6), asT(1, 2, 3) != T{})", want: "true false\n"},
		{cell: "fmt.Println(asP(1, 2, 3) == asP(4, 2, 6), asP(1, 2, 3) == asP(1, 5, 3), asP(1, 2, 3).A)", want: "true false 2\n"},
		{cell: "fmt.Println([2]P{asP(1, 2, 3), asP(0, 7, 0)} == [2]P{asP(9, 2, 9), asP(8, 7, 8)})", want: "true\n"},
		{cell: "type S struct {\n\tP\n\tB int\n}\nfmt.Println(S{asP(1, 2, 3), 1} == S{asP(4, 2, 6), 1})", want: "true\n"},
		{cell: "m := map[P]int{}\nm[asP(1, 2, 3)]++\nm[asP(4, 2, 6)]++\nfmt.Println(len(m), m[P{A: 2}])\ndelete(m, asP(7, 2, 7))\nfmt.Println(len(m))", want: "1 2\n0\n"},
		{cell: "var a, b any = asT(1, 2, 3), asT(4, 5, 6)\nvar c, d any = asP(1, 2, 3), asP(4, 5, 6)\nfmt.Println(a == b, a != b, c == d)", want: "true false false\n"},
	})
}
