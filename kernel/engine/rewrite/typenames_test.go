package rewrite

import (
	"go/types"
	"testing"
)

// typeNames describes the names of the parts of a type the interpreter
// gives their underlying types, and nothing for types it names right.
func TestTypeNames(t *testing.T) {
	f := checked(t, `package main
type Celsius float64
type Names []string
type Fn func()
type Level int
func (l Level) String() string { return "" }
type Inner struct{ N Names; I int }
type Node struct{ Next *Node; C Celsius }
type Plain struct{ A int; B []string }
`)
	scope := f.Info.Defs
	lookup := func(name string) types.Type {
		for id, obj := range scope {
			if id.Name == name {
				if tn, ok := obj.(*types.TypeName); ok {
					return tn.Type()
				}
			}
		}
		t.Fatalf("no type %s", name)
		return nil
	}
	tests := []struct {
		t    types.Type
		want string
	}{
		{lookup("Celsius"), "Nmain.Celsius;."},
		{types.NewSlice(lookup("Names")), "[Nmain.Names;."},
		{types.NewMap(types.Typ[types.String], lookup("Celsius")), "M.Nmain.Celsius;."},
		{types.NewPointer(lookup("Inner")), "*{Nmain.Names;..}"},
		{lookup("Node"), "{.Nmain.Celsius;.}"},
		{lookup("Fn"), "Nmain.Fn;."},
		{lookup("Level"), ""}, // has methods: the interpreter keeps its type
		{lookup("Plain"), ""},
		{types.NewSlice(types.Typ[types.Int]), ""},
	}
	for _, tt := range tests {
		if got := typeNames(tt.t); got != tt.want {
			t.Errorf("typeNames(%s) = %q, want %q", tt.t, got, tt.want)
		}
	}
}

// The argument of %#v or of a verb that may not fit goes through
// goconc_rt.TypeNames; %v and %T leave it alone.
func TestTypeNamesPass(t *testing.T) {
	f := checked(t, `package main
import "fmt"
type Celsius float64
type Names []string
func main() {
	c, n := Celsius(1), Names{"a"}
	fmt.Printf("%v %d %#v %T\n", c, c, n, n)
}
`)
	runPasses(f, "calls")
	checkPrinted(t, f,
		[]string{`goconc_rt.TypeNames("Nmain.Celsius;.", c)`, `goconc_rt.TypeNames("Nmain.Names;.", n)`},
		[]string{`"%v %d %#v %T\n", goconc_rt.TypeNames`})
}
