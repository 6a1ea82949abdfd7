package engine

import (
	"context"
	"strings"
	"testing"
)

// TestReflectCellStructNames checks reflect.TypeOf of cell struct types,
// whose run-time types the interpreter builds without a name: the names,
// fields and tags reflect gives as Go's compiler would.
func TestReflectCellStructNames(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import ("fmt"; "reflect")
type Shape interface{ Area() float64 }
type Circle struct{ R float64 }
func (c Circle) Area() float64 { return 3 * c.R * c.R }
type Person struct {
	Name string `+"`json:\"name\"`"+`
	low  int
}
var p = Person{Name: "v"}`)
	checkCells(t, s, out, []cellCase{
		{`fmt.Println(reflect.TypeOf(p).Name(), reflect.TypeOf(p).String(), reflect.TypeOf(p).PkgPath(), reflect.TypeOf(p).Kind(), reflect.TypeOf(p).NumField())`,
			"Person main.Person main struct 2\n"},
		{`fmt.Println(reflect.TypeOf(p))
fmt.Printf("%v|%s\n", reflect.TypeOf(p), reflect.TypeOf(p))`, "main.Person\nmain.Person|main.Person\n"},
		{`f := reflect.TypeOf(p).Field(1)
fmt.Println(f.Name, f.IsExported(), reflect.TypeOf(p).Field(0).Tag)`, "low false json:\"name\"\n"},
		{`var x any = p
var sh Shape = Circle{1}
fmt.Println(reflect.TypeOf(x).Name(), reflect.TypeOf(sh), reflect.TypeOf(sh) == reflect.TypeOf(Circle{}), reflect.TypeOf(p) == reflect.TypeOf(x))`,
			"Person main.Circle true true\n"},
		{`fmt.Println(reflect.ValueOf(p).Type().Name())`, "Person\n"},
	})
}

// A reflect.Type kept in a variable has lost a cell type's name: asking
// it for names fails to compile with a message saying what works.
func TestReflectNamesThroughVariable(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import ("fmt"; "reflect")
type Person struct{ Name string }
type Celsius float64`)
	tests := []struct{ cell, err string }{
		{"t := reflect.TypeOf(Person{})\nfmt.Println(t.Name())", "t.Name would not give the name of Person"},
		{"t := reflect.TypeOf(Celsius(1))\nfmt.Println(t.String())", "t.String would not give the name of Celsius"},
		{"var t = reflect.TypeOf(Person{})\nfmt.Println(t.Field(0).Name)", "t.Field would not give the name of Person"},
	}
	for _, tt := range tests {
		r := s.Execute(context.Background(), tt.cell)
		out.take()
		if r.Err == nil || !strings.Contains(r.Err.Error(), tt.err) {
			t.Errorf("%s: error %v, want one containing %q", tt.cell, r.Err, tt.err)
		}
	}
	checkCells(t, s, out, []cellCase{
		{"t := reflect.TypeOf(Person{})\nfmt.Println(t.Kind(), t.NumField())", "struct 1\n"},
		{"v := reflect.ValueOf(Person{\"a\"})\nfmt.Println(v.Field(0))", "a\n"},
	})
}
