package rewrite

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

// The types a go statement's arguments take, for both ways a go
// statement starts its goroutine (goStmt and startCall).
func TestArgType(t *testing.T) {
	const src = `package p
func plain(a int, b string) {}
func variadic(a int, bs ...float64) {}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	sig := func(name string) *types.Signature {
		return pkg.Scope().Lookup(name).Type().(*types.Signature)
	}
	tests := []struct {
		fn       string
		i        int
		ellipsis bool
		want     string // "" for no type
	}{
		{"plain", 0, false, "int"},
		{"plain", 1, false, "string"},
		{"plain", 2, false, ""},
		{"variadic", 0, false, "int"},
		{"variadic", 1, false, "float64"},
		{"variadic", 5, false, "float64"},
		{"variadic", 1, true, "[]float64"},
		{"variadic", 2, true, ""},
	}
	for _, tt := range tests {
		typ, ok := argType(sig(tt.fn), tt.i, tt.ellipsis)
		got := ""
		if ok {
			got = typ.String()
		}
		if got != tt.want {
			t.Errorf("argType(%s, %d, %v) = %q, want %q", tt.fn, tt.i, tt.ellipsis, got, tt.want)
		}
	}
}
