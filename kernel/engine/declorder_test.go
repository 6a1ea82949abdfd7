package engine

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// TestDeclaredFirst checks the order in which a cell's type and constant
// declarations reach the interpreter: each after those it names, and
// those that name each other together.
func TestDeclaredFirst(t *testing.T) {
	cases := []struct {
		name, src string
		want      string // the groups' first names, groups split by "|"
	}{
		{"in order already", "type A int; type B struct{ a A }", "A|B"},
		{"embedded later", "type Job struct{ Meta; id int }; type Meta struct{ tag string }", "Meta|Job"},
		{"constant of a later type", "const hi Level = 3; type Level int8", "Level|hi"},
		{"pointer chain", "type Q struct{ head *N }; type N struct{ v V; next *N }; type V int", "V|N|Q"},
		{"mutual", "type L struct{ r *R }; type R struct{ l *L }; type X int", "X|L R"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+c.src, 0)
			if err != nil {
				t.Fatal(err)
			}
			var decls []*ast.GenDecl
			for _, d := range f.Decls {
				decls = append(decls, d.(*ast.GenDecl))
			}
			var groups []string
			for _, g := range declaredFirst(decls) {
				var names []string
				for _, d := range g {
					switch s := d.Specs[0].(type) {
					case *ast.TypeSpec:
						names = append(names, s.Name.Name)
					case *ast.ValueSpec:
						names = append(names, s.Names[0].Name)
					}
				}
				groups = append(groups, strings.Join(names, " "))
			}
			if got := strings.Join(groups, "|"); got != c.want {
				t.Errorf("order %q, want %q", got, c.want)
			}
		})
	}
}

// A cell's statements may call the functions and methods it declares
// below them, as main may, unless the cell declares package-level
// variables, whose initializers keep the cell's order.
func TestFunctionsBeforeStatements(t *testing.T) {
	s, out := newTestSession(t, "")
	checkCells(t, s, out, []cellCase{
		{cell: "import \"fmt\"\nfmt.Println(f())\nfunc f() int { return 1 }", want: "1\n"},
		{cell: "fmt.Println(f())\nfunc f() int { return 2 }", want: "2\n"},
		{cell: "type T int\nfmt.Println(T(1).M(), g(2))\nfunc (t T) M() int { return int(t) + 1 }\nfunc g(n int) int { return n * f() }", want: "2 4\n"},
		{cell: "fmt.Println(\"a\")\nfunc init() { fmt.Println(\"init\") }\nfmt.Println(\"b\")", want: "a\ninit\nb\n"},
		{cell: "fmt.Println(\"c\")\nvar v = h()\nfunc h() int { fmt.Println(\"h\"); return 1 }\nfmt.Println(v)", want: "c\nh\n1\n"},
	})
}

// A cell's package-level variables whose initializers use an earlier
// cell's variables are initialized as Go initializes package-level
// variables: each after those it uses. One that uses itself is an error
// of the cell, not a failure of the session.
func TestVariablesInitOrder(t *testing.T) {
	s, out := newTestSession(t, "")
	checkCells(t, s, out, []cellCase{
		{cell: "import \"fmt\"\nvar base = 3\nfunc sum(n int) int { return n * (n + 1) / 2 }", want: ""},
		{cell: "var c = base + d\nvar d = base * 2\nfmt.Println(c, d)", want: "9 6\n"},
		{cell: "var e = base + f\nvar f = 2\nfmt.Println(e, f)", want: "5 2\n"},
		{cell: "var total = sum(base) + more\nvar more = sum(2)\nvar twice = total * 2\nfmt.Println(total, more, twice)", want: "9 3 18\n"},
	})
	for _, cell := range []string{"var g = base + h\nvar h = g", "var k = base + nowhere"} {
		r := s.Execute(context.Background(), cell)
		if r.Err == nil || r.Err.Name != "CompileError" || !strings.Contains(r.Err.Value, "undefined") {
			t.Errorf("cell %q: err = %+v, want a CompileError saying undefined", cell, r.Err)
		}
	}
	checkCells(t, s, out, []cellCase{{cell: "fmt.Println(base)", want: "3\n"}})
}
