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
var c = Celsius(5)`
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
