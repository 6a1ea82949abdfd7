package engine

import "testing"

// TestNamedBasicInInterface checks that a value of a method-less type
// with a basic underlying type keeps its type in an interface: type
// switches, assertions, equality, map keys and %T tell it from its
// underlying type, and it prints, sorts and encodes as the value would.
func TestNamedBasicInInterface(t *testing.T) {
	s, out := newTestSession(t, "")
	setup := `import ("encoding/json"; "fmt"; "reflect"; "sort")
type Cents int
type Celsius float64
type Label string
func kind(v any) string {
	switch x := v.(type) {
	case Cents:
		return fmt.Sprint("cents ", int(x)+1)
	case Celsius, Label:
		return fmt.Sprintf("%T %v", x, x)
	case int:
		return fmt.Sprint("int ", x)
	case nil:
		return "nil"
	}
	return "other"
}
func boxed() any { return Cents(9) }
var _ = json.Marshal
var _ = sort.Ints
var _ = reflect.TypeOf`
	runSetup(t, s, out, setup)
	tests := []cellCase{
		{`fmt.Println(kind(Cents(1)), kind(1), kind(Celsius(2.5)), kind(Label("x")), kind(nil), kind(boxed()))`,
			"cents 2 int 1 main.Celsius 2.5 main.Label x nil cents 10\n"},
		{"var x any = Cents(250)\nfmt.Printf(\"%T %v %d|%6d|%#v\\n\", x, x, x, x, x)", "main.Cents 250 250|   250|250\n"},
		{"var x any = Cents(3)\nc, ok := x.(Cents)\n_, isInt := x.(int)\nfmt.Println(c*2, ok, isInt)", "6 true false\n"},
		{"var x any = 3\n_, ok := x.(Cents)\nfmt.Println(ok)", "false\n"},
		{"fmt.Println(any(Cents(1)) == any(1), any(Cents(1)) == any(Cents(1)))", "false true\n"},
		{"m := map[any]int{Cents(1): 1, 1: 2}\nm[Cents(1)] += 10\nfmt.Println(len(m), m[Cents(1)], m[1])", "2 11 2\n"},
		{"xs := []any{Cents(3), Cents(1), Cents(2)}\nsort.Slice(xs, func(i, j int) bool { return xs[i].(Cents) < xs[j].(Cents) })\nfmt.Println(xs)", "[1 2 3]\n"},
		{"b, _ := json.Marshal(map[string]any{\"c\": Cents(5), \"l\": Label(\"q\")})\nfmt.Println(string(b))", "{\"c\":5,\"l\":\"q\"}\n"},
		{"ch := make(chan any, 1)\nch <- Celsius(21.5)\nfmt.Println(kind(<-ch))", "main.Celsius 21.5\n"},
		{"func() {\n\tdefer func() { fmt.Println(recover()) }()\n\tvar x any = Celsius(1)\n\t_ = x.(Cents)\n}()", "interface conversion: interface {} is main.Celsius, not main.Cents\n"},
		// reflect sees the value; its type's name is Go's.
		{"var x any = Cents(4)\nfmt.Println(reflect.ValueOf(x).Int()+1, reflect.TypeOf(x).Kind(), reflect.TypeOf(x).String())", "5 int main.Cents\n"},
		// A type declared in a later cell is boxed too.
		{"type Grams int\nvar g any = Grams(5)\nswitch g.(type) {\ncase int:\n\tfmt.Println(\"int\")\ncase Grams:\n\tfmt.Println(\"grams\")\n}", "grams\n"},
		// A type declared inside a function too.
		{"func() {\n\ttype local int\n\tvar l any = local(2)\n\t_, isInt := l.(int)\n\tfmt.Printf(\"%v %T %v\\n\", isInt, l, l.(local)+1)\n}()", "false main.local 3\n"},
		// Arithmetic and maps keyed by the type itself are untouched.
		{"total := Cents(0)\nfor _, c := range []Cents{1, 2, 3} {\n\ttotal += c\n}\nby := map[Cents]string{total: \"six\"}\nfmt.Println(total, by)", "6 map[6:six]\n"},
	}
	checkCells(t, s, out, tests)
}
