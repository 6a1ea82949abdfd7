package rewrite

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

func TestSubstitute(t *testing.T) {
	src := `package p
type Box[T any] struct{ v T }
func F[T, U any](a T, b []map[string]U, c func(T) (U, error), d <-chan *Box[U], e [3]T) {}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := new(types.Config).Check("p", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	sig := pkg.Scope().Lookup("F").Type().(*types.Signature)
	subst := map[*types.TypeParam]types.Type{
		sig.TypeParams().At(0): types.Typ[types.Int],
		sig.TypeParams().At(1): types.NewPointer(types.Typ[types.String]),
	}
	want := []string{"int", "[]map[string]*string", "func(int) (*string, error)", "<-chan *p.Box[*string]", "[3]int"}
	for i, w := range want {
		got, ok := substitute(sig.Params().At(i).Type(), subst)
		if !ok {
			t.Errorf("parameter %d: not substituted", i)
			continue
		}
		if s := types.TypeString(got, nil); s != w {
			t.Errorf("parameter %d = %s, want %s", i, s, w)
		}
	}
	if _, ok := substitute(sig.Params().At(0).Type(), map[*types.TypeParam]types.Type{}); ok {
		t.Error("a type parameter without an argument was substituted")
	}
}

func TestParenthesised(t *testing.T) {
	tests := []struct{ in, want string }{
		{"int", "int"},
		{"*int", "(*int)"},
		{"[]*int", "[]*int"},
		{"<-chan int", "(<-chan int)"},
		{"chan int", "(chan int)"},
		{"func() int", "(func() int)"},
		{"map[string]int", "map[string]int"},
	}
	for _, tt := range tests {
		if got := parenthesised(tt.in); got != tt.want {
			t.Errorf("parenthesised(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
