package rewrite

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

// The types a go statement's arguments take, for the closure that
// startCall makes.
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

// Go statements of promoted methods, of interfaces' methods and of
// methods given a call's several results start from goconc_rt.Start,
// with the receiver Go's method value takes, evaluated by the statement.
func TestGoMethodsStart(t *testing.T) {
	const decls = `package main
import ("bytes"; "testing")
var _ *testing.T
type base struct{ id int }
func (b base) val(x int) {}
func (b *base) ptr(x int) {}
type outer struct{ base }
type outerP struct{ *base }
type deep struct{ outer }
type worker interface{ Work(int) }
type holder struct{ worker }
type buffered struct{ bytes.Buffer }
func pair() (int, string) { return 1, "a" }
type job struct{}
func (j *job) run(n int, s string) {}
func (j job) runv(n int, s string) {}
`
	tests := []struct {
		name, body    string
		want, notWant []string
	}{
		{"promoted value method", `func f(s outer) { go s.val(1) }`,
			[]string{"func(r base, a0 int) func() { return func() { r.val(a0) } }(s.base, 1)"}, []string{"goconc_rt.Enter"}},
		{"promoted pointer method of an addressable value", `func f(s outer) { go s.ptr(1) }`,
			[]string{"func(r *base, a0 int) func() { return func() { r.ptr(a0) } }(&s.base, 1)"}, []string{"goconc_rt.Enter"}},
		{"value method through an embedded pointer", `func f(s outerP) { go s.val(1) }`,
			[]string{"(*s.base, 1)"}, []string{"goconc_rt.Enter"}},
		{"pointer method through an embedded pointer", `func f(s outerP) { go s.ptr(1) }`,
			[]string{"(s.base, 1)"}, []string{"goconc_rt.Enter"}},
		{"two levels through a pointer", `func f(d *deep) { go d.ptr(1) }`,
			[]string{"(&d.outer.base, 1)"}, []string{"goconc_rt.Enter"}},
		{"interface method", `func f(w worker) { go w.Work(1) }`,
			[]string{"func(r worker, a0 int) func() { if r == nil { panic(goconc_rt.RuntimeError(", "r.Work(a0)", "}(w, 1)"}, []string{"goconc_rt.Enter"}},
		{"method of an embedded interface", `func f(h holder) { go h.Work(1) }`,
			[]string{"r.Work(a0)", "}(h.worker, 1)"}, []string{"goconc_rt.Enter"}},
		{"method of a compiled type through an exported field", `func f(b *buffered) { go b.WriteString("x") }`,
			[]string{"r.WriteString(a0)", "(&b.Buffer, \"x\")"}, []string{"goconc_rt.Enter"}},
		{"method promoted through an unexported field of a compiled package", `func f(t *testing.T) { go t.Log("x") }`,
			[]string{"func(r *testing.T, a0 any) func() { return func() { r.Log(a0) } }(t, \"x\")"}, []string{"goconc_rt.Enter"}},
		{"print and println", `func f(n int) { go print(n); go println("n", n) }`,
			[]string{"goconc_rt.Start(", "(n)", "(\"n\", n)"}, []string{"goconc_rt.Enter"}},
		{"pointer method given several results", `func f(j *job) { go j.run(pair()) }`,
			[]string{"func(r *job) func(int, string) func()", "r.run(a0, a1)", "(j)(pair())"}, []string{"goconc_rt.Enter"}},
		{"value method given several results", `func f(j *job) { go j.runv(pair()) }`,
			[]string{"func(r job) func(int, string) func()", "r.runv(a0, a1)", "(*j)(pair())"}, []string{"goconc_rt.Enter"}},
		{"interface method given several results, checked after them", `type pairer interface{ two(int, string) }
func f(p pairer) { go p.two(pair()) }`,
			[]string{"func(r pairer) func(int, string) func() { return func(a0 int, a1 string) func() { if r == nil {", "(p)(pair())"}, []string{"goconc_rt.Enter"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := checked(t, decls+tt.body)
			runPasses(f, "calls")
			checkPrinted(t, f, tt.want, tt.notWant)
		})
	}
}

// TestGoStmtLastResort checks the go statements start cannot handle, for
// want of the types the checker records: a literal is still guarded
// (goStmt), a go statement of any other function is left as it is.
func TestGoStmtLastResort(t *testing.T) {
	tests := []struct {
		name          string
		body          string
		want, notWant []string
	}{
		{"a literal with results", "func f() { go func() int { return 1 }() }",
			[]string{"goconc_rt.Enter(", "goconc_rt.GoroutinePanic(goconc_rt.WithStack(r,"}, []string{"goconc_rt.Start("}},
		{"a declared function", "func worker(n int) {}\nfunc f() { go worker(1) }",
			[]string{"go worker(1)"}, []string{"goconc_rt.Start(", "goconc_rt.Enter("}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := checked(t, "package main\n"+tt.body)
			for _, d := range f.Decls {
				ast.Inspect(d, func(n ast.Node) bool {
					if g, ok := n.(*ast.GoStmt); ok {
						delete(f.Info.Types, g.Call.Fun)
					}
					return true
				})
			}
			runPasses(f, "calls")
			checkPrinted(t, f, tt.want, tt.notWant)
		})
	}
}
