package rewrite

import (
	"go/ast"
	"go/token"
	"strings"
	"testing"
)

// Shapes public Go programs found the interpreter getting wrong, as the
// passes rewrite them.
func TestCorpusShapes(t *testing.T) {
	cases := []struct {
		name    string
		passes  []string
		src     string
		want    []string
		notWant []string
	}{
		{"clear of a map goes through reflect", []string{"calls"}, `type set map[float64]bool
func f(m map[float64]int, s set) { clear(m); clear(s) }`,
			[]string{"goconc_rt.ClearMap(m)", "goconc_rt.ClearMap(s)"}, []string{"delete("}},
		{"clear of a slice stays a loop", []string{"calls"}, `func f(s []int) { clear(s) }`,
			[]string{"for i := range c"}, []string{"ClearMap"}},
		{"declared functions as values", []string{"funcvalues"}, `type handler func(string)
func serve(string) {}
func pair() (any, error) { return pair, nil }
func f(hs []handler) {
	h := serve
	var v any = serve
	m := map[string]func(string){"s": serve}
	hs = append(hs, serve)
	serve("x")
	defer serve("y")
	_ = handler(serve)
	_ = any(serve)
	_, _, _, _ = h, v, m, hs
}`,
			[]string{"return (func() (any, error))(pair), nil", "h := (func(string))(serve)", "var v any = (func(string))(serve)",
				`"s": (func(string))(serve)`, "append(hs, serve)", `serve("x")`, `defer serve("y")`, "handler(serve)", "any((func(string))(serve))"}, nil},
		{"sizes of make", []string{"calls"}, `func f(n int, u uint, c int64) {
	_ = make([]int64, n, c)
	_ = make([]byte, u)
	_ = make([]int, 4, 1<<60)
	_ = make([]int, 4)
	_ = append([]int(nil), make([]int, n)...)
	_ = make(map[int]int, n)
}`,
			[]string{"make([]int64, goconc_rt.SliceSize(0, int64(n), 8), goconc_rt.SliceSize(1, int64(c), 8))",
				"make([]byte, goconc_rt.SliceSizeUint(0, uint64(u), 1))", "make([]int, 4, goconc_rt.SliceSize(1, int64(1<<60), 8))",
				"make([]int, 4)", "make([]int, goconc_rt.SliceSize(2, int64(n), 8))...", "make(map[int]int, n)"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := checked(t, "package main\n"+c.src)
			runPasses(f, c.passes...)
			checkPrinted(t, f, c.want, c.notWant)
		})
	}
}

// Package-level variables reach the interpreter in Go's order of
// initialization, through the bodies of the functions they call.
func TestInitOrder(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want string // the variables, in the order given to the interpreter
	}{
		{"in order already", "var a = 1\nvar b = a + 1", "a b"},
		{"through a function", "var total = sum()\nvar base = 10\nfunc sum() int { return base * 2 }", "base total"},
		{"through a method and a literal", `type T struct{}
func (T) get() int { return w }
var v = T{}.get()
var fn = func() int { return q }
var r = fn()
var w, q = 5, 9`, "w v q fn r"},
		{"zero values first", "var a = f()\nvar z int\nfunc f() int { return z }", "z a"},
		{"several values from one call", "var c, d = g()\nvar e = 1\nfunc g() (int, int) { return e, e }", "e c d"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := checked(t, "package main\n"+c.src)
			order := NewInitOrder(f.Info, f.Decls)
			var nodes []ast.Node
			for _, d := range f.Decls {
				nodes = append(nodes, d)
			}
			var names []string
			for _, n := range order.Sort(nodes) {
				if g, ok := n.(*ast.GenDecl); ok && g.Tok == token.VAR {
					for _, s := range g.Specs {
						for _, id := range s.(*ast.ValueSpec).Names {
							names = append(names, id.Name)
						}
					}
				}
			}
			if got := strings.Join(names, " "); got != c.want {
				t.Errorf("order %q, want %q", got, c.want)
			}
		})
	}
}

// A declaration of several variables with several values reaches the
// interpreter as one declaration each, in order or not: the interpreter
// leaves x zero in var x, p = 1, pt{} (parallelassign.go).
func TestInitOrderSplitsValues(t *testing.T) {
	f := checked(t, "package main\ntype pt struct{ a int }\nvar x, p = 1, pt{2}\nvar y = x + 1")
	order := NewInitOrder(f.Info, f.Decls)
	var nodes []ast.Node
	for _, d := range f.Decls {
		nodes = append(nodes, d)
	}
	var specs []string
	for _, n := range order.Sort(nodes) {
		if g, ok := n.(*ast.GenDecl); ok && g.Tok == token.VAR {
			for _, s := range g.Specs {
				var names []string
				for _, id := range s.(*ast.ValueSpec).Names {
					names = append(names, id.Name)
				}
				specs = append(specs, strings.Join(names, ","))
			}
		}
	}
	if got := strings.Join(specs, " "); got != "x p y" {
		t.Errorf("declarations %q, want %q", got, "x p y")
	}
}
