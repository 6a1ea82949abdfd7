package engine

import "testing"

// TestPointersIntoInterfaces checks that converting a value to an
// interface copies it: pointers made in a loop and kept in interfaces
// stay each iteration's own, wherever the pointer comes from; and that
// each evaluation of &[]T{...}, &[N]T{...} or &map[K]V{...} makes a new
// value.
func TestPointersIntoInterfaces(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, "import \"fmt\"\ntype Shape interface{ Area() int }\ntype Sq struct{ S int }\nfunc (q *Sq) Area() int { return q.S * q.S }\nfunc newSq(s int) *Sq { return &Sq{s} }\nfunc areas(shapes []Shape) (a []int) {\n\tfor _, s := range shapes {\n\t\ta = append(a, s.Area())\n\t}\n\treturn a\n}")
	checkCells(t, s, out, []cellCase{
		{cell: "var list []Shape\nfor i := 1; i <= 3; i++ {\n\tlist = append(list, &Sq{i})\n}\nfmt.Println(areas(list))", want: "[1 4 9]\n"},
		{cell: "func declared() (list []Shape) {\n\tfor i := 1; i <= 3; i++ {\n\t\tvar s Shape = &Sq{i}\n\t\tlist = append(list, s)\n\t}\n\treturn list\n}\nfmt.Println(areas(declared()))", want: "[1 4 9]\n"},
		{cell: "func addressed() (list []Shape) {\n\tfor i := 1; i <= 3; i++ {\n\t\tq := Sq{i}\n\t\tlist = append(list, &q)\n\t}\n\treturn list\n}\nfmt.Println(areas(addressed()))", want: "[1 4 9]\n"},
		{cell: "var called []Shape\nfor i := range 3 {\n\tcalled = append(called, newSq(i+1))\n}\nfmt.Println(areas(called))", want: "[1 4 9]\n"},
		{cell: "byName := map[string]Shape{}\nfor i, n := range []string{\"a\", \"b\"} {\n\tbyName[n] = &Sq{i + 2}\n}\nfmt.Println(byName[\"a\"].Area(), byName[\"b\"].Area())", want: "4 9\n"},
		{cell: "ch := make(chan Shape, 3)\nfor i := 1; i <= 3; i++ {\n\tch <- newSq(i)\n}\nclose(ch)\nfor s := range ch {\n\tfmt.Print(s.Area(), \" \")\n}\nfmt.Println()", want: "1 4 9 \n"},
		// The addresses of slice, array and map literals, in
		// interfaces or not.
		{cell: "var ps []*[]int\nvar as []any\nvar ms []*map[int]int\nfor i := range 3 {\n\tps = append(ps, &[]int{i})\n\tas = append(as, &[1]int{i})\n\tms = append(ms, &map[int]int{0: i})\n}\nfor i := range 3 {\n\tfmt.Print(*ps[i], *as[i].(*[1]int), (*ms[i])[0], \" \")\n}\nfmt.Println()", want: "[0] [0] 0 [1] [1] 1 [2] [2] 2 \n"},
	})
}
