package engine

import "testing"

// TestLiteralsOfTypesWithMethodsInAny checks that a composite literal of
// a cell's slice, map or struct type with methods, assigned to an any,
// keeps its type: a type switch finds its case, not the one of its
// underlying type, and %T names it.
func TestLiteralsOfTypesWithMethodsInAny(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import (
	"fmt"
	"strings"
)
type Names []string
func (n Names) String() string { return strings.Join(n, "+") }
type Index map[string]int
func (i Index) Len() int { return len(i) }
type Pt struct{ X, Y int }
func (p Pt) String() string { return fmt.Sprint(p.X, ":", p.Y) }
func kind(v any) string {
	switch v.(type) {
	case Names:
		return "Names"
	case []string:
		return "[]string"
	case Index:
		return "Index"
	case map[string]int:
		return "map"
	case Pt:
		return "Pt"
	}
	return "other"
}`)
	checkCells(t, s, out, []cellCase{
		{cell: "var e any = Names{\"a\", \"b\"}\nfmt.Println(kind(e), e)\nfmt.Printf(\"%T\\n\", e)", want: "Names a+b\nmain.Names\n"},
		{cell: "var e any\ne = Index{\"a\": 1}\nfmt.Println(kind(e))", want: "Index\n"},
		{cell: "var e any = Pt{1, 2}\nswitch v := e.(type) {\ncase Pt:\n\tfmt.Println(\"Pt\", v.X, v)\n}", want: "Pt 1 1:2\n"},
		// values of the underlying types stay theirs
		{cell: "var e any = []string{\"a\"}\nvar f any = map[string]int{}\nfmt.Println(kind(e), kind(f))", want: "[]string map\n"},
	})
}
