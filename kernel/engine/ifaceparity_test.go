package engine

import (
	"context"
	"testing"
)

// Values of cell types with methods reach interfaces with their type,
// whatever the form that puts them there; want is what the Go toolchain
// prints for the same code.
func TestNamedValuesConvertedToInterfaces(t *testing.T) {
	s, out := newTestSession(t, "")
	decls := `import "fmt"
type Celsius float64
func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }
type MyErr int
func (e MyErr) Error() string { return fmt.Sprint("myerr ", int(e)) }
type Named interface{ String() string }
type Pt struct{ X int }
func (p Pt) String() string { return fmt.Sprint("pt", p.X) }
func kind(v any) string {
	switch v.(type) {
	case Celsius:
		return "Celsius"
	case float64:
		return "float64"
	}
	return "other"
}
var c = Celsius(5)
func warm() any { return Celsius(30) }
func named(x Celsius) (Named, error) { return x, nil }`
	if r := s.Execute(context.Background(), decls); r.Err != nil {
		t.Fatalf("declarations: %v", r.Err)
	}
	tests := []struct {
		name, cell, want string
	}{
		{"any of a conversion", `fmt.Println(any(Celsius(3)))`, "3.0°C\n"},
		{"any of a variable", `fmt.Println(any(c))`, "5.0°C\n"},
		{"any kept in a variable", `y := any(c); fmt.Printf("%v %T %s\n", y, y, kind(y))`, "5.0°C main.Celsius Celsius\n"},
		{"var of any", `var x any = Celsius(4); fmt.Println(x)`, "4.0°C\n"},
		{"error of a conversion", `fmt.Println(error(MyErr(1)))`, "myerr 1\n"},
		{"fmt.Stringer of a conversion", `fmt.Println(fmt.Stringer(Celsius(1)))`, "1.0°C\n"},
		{"cell interface of a variable", `fmt.Println(Named(c))`, "5.0°C\n"},
		{"slice of any", `fmt.Println([]any{Celsius(1), any(Celsius(2))})`, "[1.0°C 2.0°C]\n"},
		{"map of any", `fmt.Println(map[string]any{"t": Celsius(2), "u": any(c)})`, "map[t:2.0°C u:5.0°C]\n"},
		{"type switch of a conversion", `fmt.Println(kind(any(c)), kind(any(Celsius(1))), kind(any(1.5)))`, "Celsius Celsius float64\n"},
		{"struct with methods", `fmt.Println(any(Pt{2}))`, "pt2\n"},
		{"result of a function", `w := warm(); fmt.Printf("%v %T %s\n", w, w, kind(w))`, "30.0°C main.Celsius Celsius\n"},
		{"result of a literal", `f := func() any { return c }; fmt.Println(f())`, "5.0°C\n"},
		{"results of a function", `n, err := named(1); fmt.Println(n, err)`, "1.0°C <nil>\n"},
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

// Two interfaces holding equal values of a cell type with methods are
// equal, as in Go; want is what the Go toolchain prints.
func TestNamedValuesComparedAsInterfaces(t *testing.T) {
	s, out := newTestSession(t, "")
	decls := `import "fmt"
type State int
const (
	Idle State = iota
	Running
)
func (s State) String() string { return [...]string{"idle", "running"}[s] }
type Pt struct{ X, Y int }
func (p Pt) String() string { return fmt.Sprint(p.X, ",", p.Y) }
type Count int
func held(s State) any { return s }
var current fmt.Stringer = Running`
	if r := s.Execute(context.Background(), decls); r.Err != nil {
		t.Fatalf("declarations: %v", r.Err)
	}
	tests := []struct {
		name, cell, want string
	}{
		{"two any", `var a, b any = Running, Running; fmt.Println(a == b, a != b)`, "true false\n"},
		{"different values", `var a, b any = Running, Idle; fmt.Println(a == b, a != b)`, "false true\n"},
		{"different types", `var a, b any = Running, 1; fmt.Println(a == b, b == a)`, "false false\n"},
		{"stringer and any", `var a any = Running; fmt.Println(current == a, a == current)`, "true true\n"},
		{"results of calls", `fmt.Println(held(Running) == held(Running), held(Idle) == held(Running))`, "true false\n"},
		{"structs", `var a, b any = Pt{1, 2}, Pt{1, 2}; var c any = Pt{2, 1}; fmt.Println(a == b, a == c)`, "true false\n"},
		{"conversions", `fmt.Println(any(Running) == any(Running), any(Idle) == any(Running))`, "true false\n"},
		{"type without methods", `var a, b any = Count(1), Count(1); fmt.Println(a == b)`, "true\n"},
		{"nil", `var a any = Running; var n any; fmt.Println(a == nil, n == nil, a == n)`, "false true false\n"},
		{"in a loop", `xs := []any{Idle, Running, Idle}; n := 0; for _, x := range xs { if x == xs[0] { n++ } }; fmt.Println(n)`, "2\n"},
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

// Values of a cell's enum type are one key of a map with empty interface
// keys however often they are converted; want is what the Go toolchain
// prints.
func TestNamedValuesAsInterfaceKeys(t *testing.T) {
	s, out := newTestSession(t, "")
	decls := `import "fmt"
type State int
const (
	Idle State = iota
	Running
)
func (s State) String() string { return [...]string{"idle", "running"}[s] }
type Count int
var seen = map[any]int{}`
	if r := s.Execute(context.Background(), decls); r.Err != nil {
		t.Fatalf("declarations: %v", r.Err)
	}
	tests := []struct {
		name, cell, want string
	}{
		{"index twice", `m := map[any]int{}; m[Running]++; m[Running]++; fmt.Println(len(m), m[Running])`, "1 2\n"},
		{"through a variable", `m := map[any]int{}; var r any = Running; m[r] = 1; m[Running] += 2; fmt.Println(len(m), m[r])`, "1 3\n"},
		{"comma ok", `m := map[any]string{Running: "r"}; v, ok := m[Running]; _, no := m[Idle]; fmt.Println(v, ok, no)`, "r true false\n"},
		{"delete", `m := map[any]int{Running: 1, Idle: 2}; delete(m, Idle); fmt.Println(len(m), m)`, "1 map[running:1]\n"},
		{"the underlying value is another key", `m := map[any]int{}; m[Running] = 1; m[1] = 2; m[Count(1)] = 3; fmt.Println(len(m), m[Running], m[1], m[Count(1)])`, "3 1 2 3\n"},
		{"results of a function", `m := map[any]int{}; f := func() any { return Running }; m[f()]++; m[Running]++; fmt.Println(len(m), m[f()])`, "1 2\n"},
		{"across cells, first", `var r any = Running; seen[Running]++; seen[r]++; fmt.Println(len(seen))`, "1\n"},
		{"across cells, second", `seen[Running]++; fmt.Println(len(seen), seen[Running])`, "1 3\n"},
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
