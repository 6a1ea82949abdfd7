package engine

import (
	"context"
	"testing"
)

// The cells below print values of cell types with String, Error and
// GoString methods wherever fmt finds them; want is what the Go
// toolchain prints for the same code.
func TestMethodsSeenByFmt(t *testing.T) {
	s, out := newTestSession(t, "")
	decls := `import "fmt"
type Temp float64
func (t Temp) String() string { return fmt.Sprintf("%.1f°C", float64(t)) }
type Point struct{ X, Y int }
func (p *Point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }
type Code int
func (c Code) Error() string { return fmt.Sprintf("code %d", int(c)) }
type Named struct{ Name string }
func (n Named) GoString() string { return "Named<" + n.Name + ">" }
type Reading struct {
	Where string
	T     Temp
	hidden Temp
}
type Boom struct{}
func (Boom) String() string { panic("no") }
type Tree struct {
	Label Temp
	Kids  []*Tree
}`
	if r := s.Execute(context.Background(), decls); r.Err != nil {
		t.Fatalf("declarations: %v", r.Err)
	}
	tests := []struct {
		name, cell, want string
	}{
		{"slice", `fmt.Println([]Temp{1, 2.25})`, "[1.0°C 2.2°C]\n"},
		{"array with verb", `fmt.Printf("%6s|\n", [2]Temp{1, 2})`, "[ 1.0°C  2.0°C]|\n"},
		{"struct and plus flag", `fmt.Printf("%v %+v\n", Reading{"a", 3, 4}, Reading{"b", 5, 6})`, "{a 3.0°C 4} {Where:b T:5.0°C hidden:6}\n"},
		{"sharp v", `fmt.Printf("%#v\n", Reading{"a", 3, 4})`, "main.Reading{Where:\"a\", T:3, hidden:4}\n"},
		{"go stringer", `fmt.Printf("%#v %v\n", []Named{{"x"}}, Named{"y"})`, "[]main.Named{Named<x>} {y}\n"},
		{"map sorted by key", `fmt.Println(map[Temp]Code{3: 1, 1: 2})`, "map[1.0°C:code 2 3.0°C:code 1]\n"},
		{"value without pointer method", `p := Point{1, 2}; fmt.Println(p, &p, []*Point{{3, 4}}, []Point{{5, 6}})`, "{1 2} (1,2) [(3,4)] [{5 6}]\n"},
		{"integer verb skips methods", `fmt.Printf("%d %v %s\n", Code(7), Code(7), []Code{8})`, "7 code 7 [code 8]\n"},
		{"interface elements", `fmt.Println([]fmt.Stringer{Temp(4), &Point{1, 1}}, []error{Code(3), nil})`, "[4.0°C (1,1)] [code 3 <nil>]\n"},
		{"nil slice and map sharp", `var ts []Temp; var m map[string]Temp; fmt.Printf("%#v %#v %v\n", ts, m, ts)`, "[]main.Temp(nil) map[string]main.Temp(nil) []\n"},
		{"panicking method", `fmt.Println([]Boom{{}})`, "[%!v(PANIC=String method: no)]\n"},
		{"nil pointer receiver", `var p *Point; fmt.Println([]*Point{p})`, "[<nil>]\n"},
		{"pointers below the top are addresses", "import \"strings\"\ntr := &Tree{1, []*Tree{{Label: 2}}}\ns := fmt.Sprint(tr)\nfmt.Println(strings.HasPrefix(s, \"&{1.0°C [0x\"), strings.HasSuffix(s, \"]}\"))", "true true\n"},
		{"sprint and errorf", `fmt.Println(fmt.Sprint([]Temp{0}), fmt.Errorf("at %v", []Code{1}))`, "[0.0°C] at [code 1]\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := s.Execute(context.Background(), tc.cell)
			if r.Err != nil {
				t.Fatalf("%s: %v", tc.cell, r.Err)
			}
			if got := out.take(); got != tc.want {
				t.Errorf("%s\n got %q\nwant %q", tc.cell, got, tc.want)
			}
		})
	}
}
