package engine

import (
	"context"
	"testing"
)

// Values of cell types printed through a variable of interface type
// print with their methods, as the Go toolchain prints them.
func TestFmtInterfaceArguments(t *testing.T) {
	s, out := newTestSession(t, "")
	decls := `import "fmt"
type Code struct{ N int }
func (c Code) Error() string { return fmt.Sprintf("code %d", c.N) }
type Op struct{ Name string }
func (o *Op) Error() string { return "op " + o.Name }
type Temp float64
func (t Temp) String() string { return fmt.Sprintf("%.1f°C", float64(t)) }
type Plain struct{ A, B int }
type Shape interface{ Area() float64 }
type Circle struct{ R float64 }
func (c Circle) Area() float64 { return c.R }
func (c Circle) String() string { return fmt.Sprint("circle ", c.R) }
type Cents int
func (c Cents) String() string { return fmt.Sprintf("$%d", int(c)) }
type Holder struct{ S Shape }
type Any struct{ V any }
func describe(x any) string { return fmt.Sprintf("%v|%+v|%T", x, x, x) }
func logAll(vs ...any) { fmt.Println(vs...) }
func show(x any) string { return fmt.Sprint(x) }
func logf(format string, vs ...any) { fmt.Printf(format, vs...) }`
	if r := s.Execute(context.Background(), decls); r.Err != nil {
		t.Fatalf("declarations: %v", r.Err)
	}
	tests := []struct {
		name, cell, want string
	}{
		{"error with value receiver", `var e error = Code{7}; fmt.Println(e)`, "code 7\n"},
		{"verbs", `var e error = Code{7}; fmt.Printf("%v|%s|%q|%d\n", e, e, e, e)`, "code 7|code 7|\"code 7\"|{7}\n"},
		{"error with pointer receiver", `var e error = &Op{"read"}; fmt.Println(e)`, "op read\n"},
		{"nil error", `var e error; fmt.Println(e)`, "<nil>\n"},
		{"compiled error", "import \"errors\"\nvar e error = errors.New(\"plain\"); fmt.Println(e)", "plain\n"},
		{"stringer in any", `var v any = Temp(21); fmt.Println(v, fmt.Sprint(v))`, "21.0°C 21.0°C\n"},
		{"stringer interface", `var v fmt.Stringer = Temp(3); fmt.Printf("[%6s]\n", v)`, "[ 3.0°C]\n"},
		{"error interface with more methods", `var e interface{ error; Code() int }; fmt.Println(e)`, "<nil>\n"},
		{"error of a basic kind", "type Errno int\nfunc (e Errno) Error() string { return fmt.Sprint(\"errno \", int(e)) }\nvar e error = Errno(2); fmt.Println(e)", "errno 2\n"},
		{"plain values in any", `var v any = Plain{1, 2}; var n any = 5; fmt.Println(v, n)`, "{1 2} 5\n"},
		{"error in a struct", `fmt.Printf("%v\n", struct{ Err error }{Code{2}})`, "{code 2}\n"},
		{"cell interface", `var s Shape = Circle{1}; fmt.Println(s, []Shape{Circle{2}}[0])`, "circle 1 circle 2\n"},
		{"any parameter", `n := 0; var s Shape = Circle{1}; fmt.Println(describe(s), describe(Circle{3}), n)`, "circle 1|circle 1|main.Circle circle 3|circle 3|main.Circle 0\n"},
		{"any parameter of a named int", `n := 0; fmt.Println(describe(Cents(4)), describe(7), n)`, "$4|$4|main.Cents 7|7|int 0\n"},
		{"field of a cell interface", `h := Holder{Circle{5}}; fmt.Printf("%v %+v\n", h, h)`, "{circle 5} {S:circle 5}\n"},
		{"nil cell interface", `var s Shape; fmt.Println(s, describe(s))`, "<nil> <nil>|<nil>|<nil>\n"},
		{"slice of a cell struct in any", `n := 0; fmt.Println(show([]Circle{{1}}), show([]*Circle{{2}}), n)`, "[circle 1] [circle 2] 0\n"},
		{"any field holding a cell's value", `n := 0; a := Any{Circle{9}}; fmt.Println(a, show(a), show(Any{Circle{8}}), n)`, "{circle 9} {circle 9} {circle 8} 0\n"},
		{"spread any parameters", `n := 0; logAll(Circle{1}, Cents(2), 3, "s", Plain{4, 5}, nil, n); logf("%v|%s|%d\n", Circle{6}, Circle{7}, 8)`, "circle 1 $2 3 s {4 5} <nil> 0\ncircle 6|circle 7|8\n"},
		{"sprintf", `var e error = Code{4}; fmt.Println(fmt.Sprintf("got %v", e))`, "got code 4\n"},
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
