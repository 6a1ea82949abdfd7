package engine

import "testing"

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
	runSetup(t, s, out, decls)
	checkCells(t, s, out, []cellCase{
		// any of a conversion
		{cell: `fmt.Println(any(Celsius(3)))`, want: "3.0°C\n"},
		// any of a variable
		{cell: `fmt.Println(any(c))`, want: "5.0°C\n"},
		// any kept in a variable
		{cell: `y := any(c); fmt.Printf("%v %T %s\n", y, y, kind(y))`, want: "5.0°C main.Celsius Celsius\n"},
		// var of any
		{cell: `var x any = Celsius(4); fmt.Println(x)`, want: "4.0°C\n"},
		// error of a conversion
		{cell: `fmt.Println(error(MyErr(1)))`, want: "myerr 1\n"},
		// fmt.Stringer of a conversion
		{cell: `fmt.Println(fmt.Stringer(Celsius(1)))`, want: "1.0°C\n"},
		// cell interface of a variable
		{cell: `fmt.Println(Named(c))`, want: "5.0°C\n"},
		// slice of any
		{cell: `fmt.Println([]any{Celsius(1), any(Celsius(2))})`, want: "[1.0°C 2.0°C]\n"},
		// map of any
		{cell: `fmt.Println(map[string]any{"t": Celsius(2), "u": any(c)})`, want: "map[t:2.0°C u:5.0°C]\n"},
		// type switch of a conversion
		{cell: `fmt.Println(kind(any(c)), kind(any(Celsius(1))), kind(any(1.5)))`, want: "Celsius Celsius float64\n"},
		// struct with methods
		{cell: `fmt.Println(any(Pt{2}))`, want: "pt2\n"},
		// result of a function
		{cell: `w := warm(); fmt.Printf("%v %T %s\n", w, w, kind(w))`, want: "30.0°C main.Celsius Celsius\n"},
		// result of a literal
		{cell: `f := func() any { return c }; fmt.Println(f())`, want: "5.0°C\n"},
		// results of a function
		{cell: `n, err := named(1); fmt.Println(n, err)`, want: "1.0°C <nil>\n"},
	})
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
	runSetup(t, s, out, decls)
	checkCells(t, s, out, []cellCase{
		// two any
		{cell: `var a, b any = Running, Running; fmt.Println(a == b, a != b)`, want: "true false\n"},
		// different values
		{cell: `var a, b any = Running, Idle; fmt.Println(a == b, a != b)`, want: "false true\n"},
		// different types
		{cell: `var a, b any = Running, 1; fmt.Println(a == b, b == a)`, want: "false false\n"},
		// stringer and any
		{cell: `var a any = Running; fmt.Println(current == a, a == current)`, want: "true true\n"},
		// results of calls
		{cell: `fmt.Println(held(Running) == held(Running), held(Idle) == held(Running))`, want: "true false\n"},
		// structs
		{cell: `var a, b any = Pt{1, 2}, Pt{1, 2}; var c any = Pt{2, 1}; fmt.Println(a == b, a == c)`, want: "true false\n"},
		// conversions
		{cell: `fmt.Println(any(Running) == any(Running), any(Idle) == any(Running))`, want: "true false\n"},
		// type without methods
		{cell: `var a, b any = Count(1), Count(1); fmt.Println(a == b)`, want: "true\n"},
		// nil
		{cell: `var a any = Running; var n any; fmt.Println(a == nil, n == nil, a == n)`, want: "false true false\n"},
		// in a loop
		{cell: `xs := []any{Idle, Running, Idle}; n := 0; for _, x := range xs { if x == xs[0] { n++ } }; fmt.Println(n)`, want: "2\n"},
	})
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
	runSetup(t, s, out, decls)
	checkCells(t, s, out, []cellCase{
		// index twice
		{cell: `m := map[any]int{}; m[Running]++; m[Running]++; fmt.Println(len(m), m[Running])`, want: "1 2\n"},
		// through a variable
		{cell: `m := map[any]int{}; var r any = Running; m[r] = 1; m[Running] += 2; fmt.Println(len(m), m[r])`, want: "1 3\n"},
		// comma ok
		{cell: `m := map[any]string{Running: "r"}; v, ok := m[Running]; _, no := m[Idle]; fmt.Println(v, ok, no)`, want: "r true false\n"},
		// delete
		{cell: `m := map[any]int{Running: 1, Idle: 2}; delete(m, Idle); fmt.Println(len(m), m)`, want: "1 map[running:1]\n"},
		// the underlying value is another key
		{cell: `m := map[any]int{}; m[Running] = 1; m[1] = 2; m[Count(1)] = 3; fmt.Println(len(m), m[Running], m[1], m[Count(1)])`, want: "3 1 2 3\n"},
		// results of a function
		{cell: `m := map[any]int{}; f := func() any { return Running }; m[f()]++; m[Running]++; fmt.Println(len(m), m[f()])`, want: "1 2\n"},
		// across cells, first
		{cell: `var r any = Running; seen[Running]++; seen[r]++; fmt.Println(len(seen))`, want: "1\n"},
		// across cells, second
		{cell: `seen[Running]++; fmt.Println(len(seen), seen[Running])`, want: "1 3\n"},
	})
}
