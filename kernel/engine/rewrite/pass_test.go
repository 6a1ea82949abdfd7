package rewrite

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/printer"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"
)

// runPasses runs the passes named, in the order of Passes, over f.
func runPasses(f *File, names ...string) {
	for _, p := range Passes {
		if slices.Contains(names, p.Name) {
			p.Run(f)
		}
	}
}

// checkPrinted checks that f, printed, holds each of want and none of
// notWant, spaces aside.
func checkPrinted(t *testing.T, f *File, want, notWant []string) {
	t.Helper()
	got := spaced(printed(f))
	for _, w := range want {
		if !strings.Contains(got, spaced(w)) {
			t.Errorf("printed\n%s\nwant it to hold\n%s", printed(f), w)
		}
	}
	for _, bad := range notWant {
		if strings.Contains(got, bad) {
			t.Errorf("printed\n%s\nwant no %s", printed(f), bad)
		}
	}
}

// checked parses and type-checks src, a file of package main, as the
// session would hand a cell's declarations to the passes.
func checked(t *testing.T, src string) *File {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "cell", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		Scopes:       map[ast.Node]*types.Scope{},
		Instances:    map[*ast.Ident]types.Instance{},
		FileVersions: map[*ast.File]string{},
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "gc", nil)}
	pkg, err := conf.Check("main", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	return &File{Fset: fset, Info: info, Qualify: types.RelativeTo(pkg), Cell: 1, Name: "cell1/_.go", Decls: f.Decls,
		ChunkFunc: func(i int) string { return fmt.Sprintf("goconc_cell1_%d", i) }, Callers: CallerNeeds{}, CallLines: CallLines{}}
}

func printed(f *File) string {
	var b strings.Builder
	for _, d := range f.Decls {
		printer.Fprint(&b, f.Fset, d)
		b.WriteString("\n")
	}
	for _, m := range f.Declarations {
		b.WriteString(m + "\n")
	}
	for _, d := range f.Helpers() {
		printer.Fprint(&b, f.Fset, d)
		b.WriteString("\n")
	}
	return b.String()
}

// Each pass, alone, on a small type-checked input: the printed result
// holds what the pass makes of it (white space aside).
func TestPasses(t *testing.T) {
	for _, p := range Passes {
		t.Run(p.Name, func(t *testing.T) {
			c, ok := passCases[p.Name]
			if !ok {
				t.Fatalf("no case for pass %s", p.Name)
			}
			f := checked(t, c.src)
			for _, q := range Passes {
				if q.Name == runFirst[p.Name] {
					q.Run(f)
				}
			}
			p.Run(f)
			got := spaced(printed(f))
			for _, want := range c.want {
				if !strings.Contains(got, spaced(want)) {
					t.Errorf("printed\n%s\nwant it to hold\n%s", printed(f), want)
				}
			}
		})
	}
}

// Every pass says what it is and why, once.
func TestPassesDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range Passes {
		if p.Name == "" || p.Doc == "" || p.Run == nil {
			t.Errorf("pass %q lacks a name, doc or run", p.Name)
		}
		if seen[p.Name] {
			t.Errorf("two passes named %s", p.Name)
		}
		seen[p.Name] = true
	}
}

// spaced collapses runs of white space into one space.
func spaced(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// runFirst names the pass whose findings a pass needs, run before it in
// TestPasses.
var runFirst = map[string]string{"callsites": "callers", "recoverdone": "calls"}

// What the callers pass finds: who reads its callers' lines, and the
// lines functions call each other on.
func TestCallersPass(t *testing.T) {
	f := checked(t, passCases["callsites"].src)
	for _, p := range Passes {
		if p.Name == "callers" {
			p.Run(f)
		}
	}
	if got := f.Callers["main.where"]; got != 1 {
		t.Errorf("main.where needs %d levels of callers, want 1", got)
	}
	if got := f.Callers["value func() int"]; got != 1 {
		t.Errorf("calls through values of where's type need %d levels, want 1", got)
	}
	if got := f.CallLines["main.f"]["main.where"]; !slices.Equal(got, []int{5, 6}) {
		t.Errorf("main.f calls main.where on lines %v, want [5 6]", got)
	}
}

// passCases are the inputs of TestPasses, by pass, with what the output
// must hold.
var passCases = map[string]struct {
	src  string
	want []string
}{
	"repeateddefers": {`package main
type T struct{}
func (T) Close() {}
func f(ts []T) {
	for _, t := range ts {
		defer t.Close()
	}
}`, []string{"for _, t := range ts { defer t.Close() }"}},
	"params": {`package main
type T struct{}
func (T) m(string) {}
func f(int, bool) { _ = func(string) {} }
type G[K comparable, V any] struct{}
func (G[K, V]) get(K) V { var v V; return v }
func (*G[K, V]) put(K, V) {}`, []string{"func (T) m(_ string) {}", "func f(_ int, _ bool) { _ = func(_ string) {} }",
		"func (_ G[K, V]) get(_ K) V", "func (_ *G[K, V]) put(_ K, _ V) {}"}},
	"consts": {`package main
const (
	p = float32(iota)
	q
)`, []string{"const ( p float32 = 0 q float32 = 1 )"}},
	"callers": {`package main
func f() {}`, []string{"func f() {}"}},
	"callsites": {`package main
import "runtime"
func where() int { _, _, line, _ := runtime.Caller(1); return line }
func f() int {
	return where() +
		where()
}`, []string{`return func() int { goconc_rt.PushSite("cell1/_.go:5", "") defer goconc_rt.PopSite() return where() }() + func() int { goconc_rt.PushSite("cell1/_.go:6", "")`}},
	"namedbasic": {`package main
type Cents int
func f() any { return Cents(250) }`, []string{`return goconc_rt.Named{Type: "main.Cents", V: goconc_box_Cents{Cents(250)}}`}},
	"ifacelits": {`package main
import "time"
func f() any { var x any = time.Time{}; x = nil; return x }`, []string{"var x any = interface{}(time.Time{})", "x = nil"}},
	"convnil": {`package main
type T struct{ a int }
type B bool
func f(t T, err error) (bool, bool, bool, B) {
	return any(t) != nil, nil == interface{}(T{2}), (error(err)) == nil, any(any(t)) == nil
}`, []string{"return !goconc_rt.ConvertedIsNil(t), goconc_rt.ConvertedIsNil(T{2}), err == nil, B(goconc_rt.ConvertedIsNil(t))"}},
	"blanktypes": {`package main
type _ int
type (
	_ struct{}
	Kept int
)`, []string{"type ( Kept int )"}},
	"complexparts": {`package main
const C = (5 + 6i) * 2
const r, i = real(C), imag(C) / 3`, []string{"const r, i = (10.0), (12.0) / 3"}},
	"constfold": {`package main
const huge = 1 << 100
func f(n float64) (bool, float64) { return huge > huge-1, n * 2 }`, []string{"return true, n * 2"}},
	"comparetypes": {`package main
func f(c chan int, r <-chan int) bool { return c == r }`, []string{"return (<-chan int)(c) == r"}},
	"arraylen": {`package main
func find() *[40]int { return nil }
func f(p *[3]int) (int, int) { return len(find()), cap(p) }`, []string{"return goconc_rt.ArrayLen(find(), 40), cap(p)"}},
	"arrayaddr": {`package main
func f(p *[4]int, i int) *int { return &p[i] }`, []string{"return &(*p)[i]"}},
	"ifaceequal": {`package main
type state int
func (state) String() string { return "" }
func f(s any) bool { return s == state(1) || state(2) != s }`, []string{
		"return func(goconc_x1 any, goconc_y2 state) bool { goconc_v3, goconc_ok4 := goconc_x1.(state) return goconc_ok4 && goconc_v3 == goconc_y2 }(s, state(1))",
		"!func(goconc_x5 state, goconc_y6 any) bool { goconc_v7, goconc_ok8 := goconc_y6.(state) return goconc_ok8 && goconc_v7 == goconc_x5 }(state(2), s)"}},
	"blankfields": {`package main
type pad struct {
	_ int
	n int
}
func f(a, b pad) bool { return a == b }`, []string{
		"return func(goconc_x, goconc_y pad) bool { return (goconc_x.n == goconc_y.n) }(a, b)"}},
	"mapkeys": {`package main
type state int
func (state) String() string { return "" }
func f(m map[any]int) { m[state(1)]++ }`, []string{
		"m[func(goconc_k1 any) any { switch goconc_concrete(goconc_k1).(type) { case state: goconc_v2, _ := goconc_concrete(goconc_k1).(state); var goconc_i3 any = goconc_v2; return goconc_intern(\"main.state\", int(goconc_v2), goconc_i3); }; return goconc_k1 }(state(1))]++"}},
	"shiftoperand": {`package main
type flags uint8
func f(val uint64, n int) (uint64, flags, int) {
	const one = 1
	return val | 1<<n, one << (n + 1), 1 << 3
}`, []string{"return val | uint64(1)<<n, flags(one) << (n + 1), 1 << 3"}},
	"parallelassign": {`package main
type pt struct{ x int }
func id(n int) int { return n }
func f(x, y int) (int, pt) {
	x, y = y+1, id(x)
	a, p := 1, pt{2}
	for i, j := 0, id(9); i < j; i, j = i+1, id(j-1) {
	}
	return a, p
}`, []string{"goconc_v3 := id(x) x, y = y+1, goconc_v3", "goconc_v4 := pt{2} a, p := 1, goconc_v4",
		"{ goconc_v2 := id(9) for i, j := 0, goconc_v2; i < j; func(goconc_v1 int) { i, j = i+1, goconc_v1 }(id(j - 1)) { } }"}},
	"clauselabels": {`package main
func f(x int) {
	switch x {
	case 1:
	L:
		for {
			break L
		}
		fallthrough
	case 2:
		x++
	}
}`, []string{"case 1: { L: for { break L } } fallthrough case 2: x++"}},
	"defaultlast": {`package main
func f(x int) {
	switch x {
	default:
		x++
		fallthrough
	case 1:
		x--
	}
}`, []string{"switch x { case 1: x-- default: { x++ } { x-- } }"}},
	"multivalue": {`package main
var lo, hi = bounds()
func bounds() (int, string) { return 1, "a" }`, []string{"var ( lo int hi string goconc_init1_1 = func() bool { lo, hi = bounds() return true }() )"}},
	"namedresults": {`package main
type pt struct{ x int }
func f(ok bool) (err error, n int, p pt, _ string) { return }`, []string{"{ err = nil; n = 0; p = *new(pt); return }"}},
	"funcvalues": {`package main
func next(i int) interface{} { return next }`, []string{"return (func(i int) interface{})(next)"}},
	"funcappend": {`package main
type handler func(string)
func note(string) {}
func f(hs []handler) []handler { return append(hs, note) }`, []string{"return append(hs, (handler)(note))"}},
	"recoverdone": {`package main
func f() {
	defer func() {
		if r := recover(); r != nil {
			panic(r)
		}
	}()
}
func g() { _ = func() int { return 1 } }`, []string{"defer func() { defer goconc_rt.RecoverDone() if r := goconc_rt.Recovered(recover()); r != nil {", "func g() { _ = func() int { return 1 } }"}},
	"framelines": {`package main
func check(n int) {}
func f(g func()) {
	check(1)
	if true {
		check(2)
	}
	g()
}
func closeAll(n int) int {
	defer check(0)
	switch n {
	case 1:
		return 1
	}
	if n > 2 {
		return 2
	}
	check(n)
	check(n + 1)
	return 3
}
func drain(n int) {
	defer func() {
		if n > 0 {
			return
		}
	}()
	if n > 0 {
		return
	}
	check(n)
}`, []string{`var goconc_line int
defer goconc_rt.FrameLine("main.f", &goconc_line)
goconc_line = 4
check(1)`, `if true { goconc_line = 6
check(2) }`, `goconc_line = 8
g()`, `case 1: goconc_rt.Returning("main.closeAll", 14) return 1 }`, `if n > 2 { goconc_rt.Returning("main.closeAll", 17) return 2 }`,
		`goconc_rt.Returning("main.closeAll", 21) return 3 }`,
		`defer func() { if n > 0 { return } }()`, `if n > 0 { goconc_rt.Returning("main.drain", 30) return }`,
		`check(n) goconc_rt.Returning("main.drain", 33) }`}},
	"typecycles": {`package main
type Node struct{ val int; edge *Edge }
type Edge struct{ to *Node; next *Edge }
type A struct{ b *B }
type B struct{ a *A }`, []string{"var _ Edge"}},
	"boxes": {`package main
type Cents int`, []string{"type goconc_box_Cents struct{ V Cents `goconcbox:\"main.Cents\"` }"}},
	"deferrecover": {`package main
func work() {}
func f() {
	defer func() {
		defer recover()
		work()
	}()
}`, []string{"defer func() { func() { work() }() recover() }()"}},
	"rangefunc": {`package main
import "iter"
func f(seq iter.Seq[int]) int {
	for x := range seq {
		if x > 2 { return x }
	}
	return 0
}`, []string{"seq(func(x int) bool {", "goconc_r0_3 = x", "return false", "if goconc_ctl1 == 1 { return goconc_r0_3 }"}},
	"errorcompare": {`package main
func f(a, b error) bool { return a == b }`, []string{"return goconc_rt.ErrorsEqual(a, b)"}},
	"typednil": {`package main
type E struct{}
func (*E) Error() string { return "e" }
func f() error { var p *E; return p }`, []string{`return func(goconc_p *E) error { if goconc_p == nil { return goconc_rt.NilError(goconc_p, "*main.E", func() string { return goconc_p.Error() }) }; return goconc_p }(p)`}},
	"ifaceconv": {`package main
type E struct{ n int }
func (E) Error() string { return "e" }
func f() error { return error(E{1}) }`, []string{`return func(goconc_v E) error { return goconc_v }(E{1})`}},
	"calls": {`package main
func f(ch chan int) { ch <- 1 }`, []string{`goconc_rt.Send(ch, int(1), "cell 1, line 2")`}},
	"receives": {`package main
func g(int) {}
func f(ch chan int) { g(<-ch) }`, []string{`g(goconc_rt.Recv1(ch, "cell 1, line 3").(int))`}},
	"conditions": {`package main
func f(v any) int { if v.(bool) { return 1 }; return 0 }`, []string{"if v.(bool) == true {"}},
	"methodvalues": {`package main
type T struct{ n int }
func (t T) Get() int { return t.n }
func (t *T) Reset() { t.n = 0 }
func f(t T) func() int { return t.Get }
func g(t *T) func() { return t.Reset }
func (t *T) Catch(tag string) bool { return recover() != nil }
func h(t *T) func(string) bool { return t.Catch }`, []string{
		"return func(goconc_a4 string) bool { var goconc_x5 bool goconc_rt.MethodCall(func() { goconc_x5 = goconc_r3.Catch(goconc_a4) }) return goconc_x5 }", "return func(goconc_r1 T) func() int { return func() int { return goconc_r1.Get() } }(t)",
		"return func(goconc_r2 *T) func() { return func() { goconc_r2.Reset() } }(t)"}},
	"loopvar": {`package main
func f() (fs []func() int) {
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i })
	}
	return
}`, []string{"for goconc_i2 := 0; goconc_i2 < 3; goconc_i2++ { i := goconc_i2", "func(goconc_i1 *int) func() int { return func() int { return (*goconc_i1) } }(&i)", "goconc_i2 = i }"}},
	"genericlits": {`package main
type Pair[A, B any] struct { First A; Second B }
func (p Pair[A, B]) Swap() Pair[B, A] { return Pair[B, A]{p.Second, p.First} }`, []string{"return func() Pair[B, A] { var goconc_lit Pair[B, A] goconc_lit.First = p.Second goconc_lit.Second = p.First return goconc_lit }()"}},
	"closures": {`package main
func work() {}
func f() { go func() { work() }() }`, []string{"go func() func() { return func() { work() } }()()"}},
	"instantiate": {`package main
func Map[T, U any](in []T, f func(T) U) []U { return nil }
func f() []string { return Map[int](nil, func(int) string { return "" }) }`, []string{"return Map[int, string](nil,"}},
	"stdgeneric": {`package main
import "slices"
func f(s []string) int { return slices.Index(s, "bob") }`, []string{`return func ( s [ ] string , v string , ) int { for i := range s { if s [ i ] == v { return i ; } ; } ; return - 1 ; }(s, "bob")`}},
	"assert": {`package main
type Coder interface{ Code() int }
func f(x any) Coder { return x.(Coder) }`, []string{"if v, ok := goconc_rt.Concrete(x); ok { x = v }", `panic(goconc_rt.AssertionError(x, "", "main.Coder", "Code"))`}},
	"nestedpanic": {`package main
func a() {}
func b() {}
func f() {
	defer func() { a() }()
	defer b()
}
func g() {
	defer b()
	defer func() {
		r := recover()
		panic(r)
	}()
}`, []string{
		"defer func() { if goconc_panicking2 { goconc_panicking2 = false goconc_rt.Reraising() panic(goconc_pending1) } }()",
		"defer func() { defer func() { if r := goconc_rt.KeptAside(recover()); r != nil { goconc_pending1, goconc_panicking2 = r, true } }() func() { a() }() }()",
		"defer func() { defer func() { if r := goconc_rt.KeptAside(recover()); r != nil { goconc_pending3, goconc_panicking4 = r, true } }() r := func(r any) any { if goconc_panicking4 { goconc_panicking4 = false return goconc_pending3 } return r }(goconc_rt.Recovered(recover())) panic(r) }()",
	}},
	"bounds": {`package main
func f(s []int, i int) int { return s[i] }`, []string{"if i < 0 || i >= len(s) { panic(goconc_rt.BoundsError(0, i, len(s))) } return s[i]"}},
	"structtags": {`package main
type T struct{ x int }`, []string{"x int `json:\"-\" xml:\"-\" goconctag:\"\" goconc:\"T\" goconcfields:\"x\"`"}},
	"promoted": {`package main
import "sync"
type S struct{ sync.Mutex }`, []string{`func (x *S) Lock() () { goconc_rt.LockMutex(&x.Mutex, "cell 1, line 3") }`, "func (x *S) Unlock() () { goconc_rt.UnlockMutex(&x.Mutex) }"}},
	"self": {`package main
type E struct{}
func (E) Error() string { return "e" }`, []string{"func (x E) goconc_self() any { return x }"}},
	"gowraps": {`package main
func f(ch chan int) { defer close(ch); go close(ch) }`, []string{"defer close(ch)", "go close(ch)"}},
	"panicsites": {`package main
func f(ok bool) { if !ok { panic("no") } }`, []string{`if !ok { goconc_rt.PanicAt("cell1/_.go:2") panic("no") }`}},
}

// The package doc lists the passes in the order they run.
func TestDocListsPasses(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", nil, parser.PackageClauseOnly|parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	doc := f.Doc.Text()
	at := 0
	for _, p := range Passes {
		i := strings.Index(doc[at:], "  - "+p.Name+":")
		if i < 0 {
			t.Fatalf("the package doc does not list pass %s after the passes before it", p.Name)
		}
		at += i + 1
	}
}

// A go statement's literal starts from goconc_rt.Start, named as Go
// names it (framelines after calls), with no guard of its own; its
// parameters go to a factory, and one with results is the function the
// closure of a factory calls (startCall's).
func TestFrameLinesGoroutine(t *testing.T) {
	f := checked(t, `package main
func check(n int) {}
func f() {
	go func(n int) int {
		check(n)
		return n
	}(1)
	go func() {
		check(2)
	}()
	go func(n int) {
		check(n)
	}(3)
}`)
	for _, p := range Passes {
		if p.Name == "calls" || p.Name == "framelines" {
			p.Run(f)
		}
	}
	got := spaced(printed(f))
	for _, want := range []string{
		// A literal with results is the function a factory's closure
		// calls, named as the literal it is.
		`goconc_rt.Start(goconc_rt.Spawn("main.f", "cell 1, line 4", "main.f.func1", ""), "cell 1, line 4", func(f func(n int) int, a0 int) func() {`,
		"return func() { f(a0) } }(func(n int) int {",
		"goconc_line = 5 check(n)",
		`goconc_rt.Start(goconc_rt.Spawn("main.f", "cell 1, line 8", "main.f.func2", ""), "cell 1, line 8", func() {`,
		"check(2) })",
		`goconc_rt.Start(goconc_rt.Spawn("main.f", "cell 1, line 11", "main.f.func3", ""), "cell 1, line 11", func(n int) func() {`,
		"return func() { check(n) } }(3))",
	} {
		if !strings.Contains(got, spaced(want)) {
			t.Errorf("printed\n%s\nwant it to hold\n%s", printed(f), want)
		}
	}
}

// A go statement of a declared function starts from goconc_rt.Start: a factory without position takes the
// function and the arguments the statement evaluates, and the go
// statement names the function started (not a literal among the
// arguments, which keeps its own number).
func TestFrameLinesGoroutineCall(t *testing.T) {
	f := checked(t, `package main
type T struct{}
func (T) m(int) {}
func work(n int, g func()) {}
func pair() (int, string) { return 1, "" }
func two(int, string) {}
func f(ch chan int) {
	go work(1, func() {})
	go T{}.m(2)
	go two(pair())
	go close(ch)
	go println(3)
}`)
	for _, p := range Passes {
		if p.Name == "gowraps" || p.Name == "calls" || p.Name == "framelines" {
			p.Run(f)
		}
	}
	got := spaced(printed(f))
	for _, want := range []string{
		`goconc_rt.Start(goconc_rt.Spawn("main.f", "cell 1, line 8", "main.work", "main.f.gowrap1"), "cell 1, line 8", func(f func(n int, g func()), a0 int, a1 func()) func() {`,
		"return func() { f(a0, a1) } }(work, 1, func() {}))",
		// A method value: the statement evaluates the receiver, on
		// which the closure calls the method.
		`goconc_rt.Start(goconc_rt.Spawn("main.f", "cell 1, line 9", "main.m", "main.f.gowrap2"), "cell 1, line 9", func(r T, a0 int) func() {`,
		"return func() { r.m(a0) } }(T{}, 2))",
		`goconc_rt.Start(goconc_rt.Spawn("main.f", "cell 1, line 10", "main.two", "main.f.gowrap3"), "cell 1, line 10", func(f func(int, string)) func(int, string) func() {`,
		"return func(a0 int, a1 string) func() {",
		"return func() { f(a0, a1) } } }(two)(pair()))",
		// A builtin runs in the wrapper Go would make, numbered with the
		// go statements before it that Go wraps.
		`goconc_rt.Start(goconc_rt.Spawn("main.f", "cell 1, line 11", "main.f.gowrap4", ""), "cell 1, line 11", func(a0 chan int) func() {`,
		"return func() { close(a0) } }(ch))",
		// println prints in the new goroutine as the runtime does.
		`goconc_rt.Start(goconc_rt.Spawn("main.f", "cell 1, line 12", "main.f.gowrap5", ""), "cell 1, line 12", func(a0 int) func() {`,
		"return func() { goconc_rt.Println(a0) } }(3))",
	} {
		if !strings.Contains(got, spaced(want)) {
			t.Errorf("printed\n%s\nwant it to hold\n%s", printed(f), want)
		}
	}
}
