package rewrite

import "testing"

// Keys of maps with empty interface keys that may hold a cell's enum or
// struct with methods go through goconc_intern; keys of a cell's types
// with methods are converted to the maps' interface key types; other
// keys stay.
func TestMapKeys(t *testing.T) {
	const decls = `package main
import "fmt"
type State int
func (s State) String() string { return "s" }
type Plain int
type Pt struct{ X int }
func (p Pt) String() string { return "p" }
type Mv struct{ X int }
func (m *Mv) Move() { m.X++ }
type Bare struct{ X int }
type Shape interface{ Move() }
var _ = fmt.Sprint
`
	cases := []struct {
		name    string
		src     string
		want    []string
		notWant []string
	}{
		{"index with a value", `func f(m map[any]int) { m[State(1)]++ }`,
			[]string{`return goconc_intern("main.State", int(goconc_v`, "case State:"}, nil},
		{"index with an interface", `func f(m map[any]int, k any) int { return m[k] }`,
			[]string{"switch goconc_concrete(goconc_k", "case State:", "case Pt:", "case Mv:"}, []string{"case Plain", "case Bare"}},
		{"delete", `func f(m map[any]int) { delete(m, State(2)) }`,
			[]string{"delete(m, func(goconc_k"}, nil},
		{"map literal", `var m = map[any]int{State(1): 1, 2: 2}`,
			[]string{"{func(goconc_k", "}(State(1)): 1, 2: 2}"}, nil},
		{"key of another type stays", `func f(m map[any]int) { m[Plain(1)]++; m[1]++ }`,
			[]string{"m[Plain(1)]++", "m[1]++"}, []string{"goconc_intern"}},
		{"struct key with methods", `func f(m map[any]int) { m[Pt{1}]++ }`,
			[]string{`return goconc_intern("main.Pt", struct{X int}(goconc_v`, "switch goconc_v", ":= goconc_concrete(goconc_k"}, nil},
		{"struct key with pointer methods", `func f(m map[any]int) { m[Mv{1}]++ }`,
			[]string{`return goconc_intern("main.Mv", struct{X int}(goconc_v`}, nil},
		{"struct key without methods stays", `func f(m map[any]int) { m[Bare{1}]++ }`,
			[]string{"m[Bare{1}]++"}, []string{"goconc_intern"}},
		{"struct key of a map of Pt stays", `func f(m map[Pt]int) { m[Pt{1}]++ }`,
			[]string{"m[Pt{1}]++"}, []string{"goconc_intern"}},
		{"pointer key converted", `func f(m map[Shape]int, p *Mv) { m[p]++; delete(m, p) }`,
			[]string{"m[func(goconc_v *Mv) Shape { var goconc_i Shape = goconc_v; return goconc_i }(p)]++", "delete(m, func(goconc_v *Mv) Shape"}, nil},
		{"pointer key of any converted", `func f(m map[any]int, p *Mv) { m[p]++ }`,
			[]string{"m[func(goconc_v *Mv) any { var goconc_i any = goconc_v; return goconc_i }(p)]++"}, nil},
		{"struct key of a cell's interface", `type Namer interface{ String() string }
func f(m map[Namer]int, n Namer) { m[Pt{1}]++; m[n]++ }`,
			[]string{`return *goconc_intern("main.Pt as main.Namer", struct{X int}(goconc_v`, "&goconc_i", ").(*Namer)", "case State:"}, nil},
		{"interface key stays", `func f(m map[Shape]int, s Shape) { m[s]++ }`,
			[]string{"m[s]++"}, []string{"goconc_v"}},
		{"literal keys stay", `var m = map[Shape]int{&Mv{1}: 1}`,
			[]string{"{&Mv{1}: 1}"}, []string{"goconc_v"}},
		{"map of State stays", `func f(m map[State]int) { m[State(1)]++ }`,
			[]string{"m[State(1)]++"}, []string{"goconc_intern"}},
		{"key of fmt.Stringer interned as the session's interface", `func f(m map[fmt.Stringer]int) { m[State(1)]++ }`,
			[]string{`*goconc_intern("main.State as fmt.Stringer", int(goconc_v`, "goconc_key_Stringer)", "goconc_key_Stringer = goconc_v2"}, nil},
		{"error key of a call converted by a variable", `func g() error { return nil }
func f(m map[error]int) { m[g()]++ }`,
			[]string{"m[func() ", "goconc_k10 :=", "g()", "goconc_key_error = goconc_k10", "return goconc_k1\n\t}()]++"}, nil},
		{"nil key of error", `func f(m map[error]int) { m[nil]++; delete(m, nil) }`,
			[]string{"goconc_key_error; return goconc_k }()]++", "delete(m, func() "}, nil},
		{"error literal keys", `var m = map[error]int{nil: 1, fmt.Errorf("x"): 2}`,
			[]string{"goconc_key_error; return goconc_k }(): 1", "goconc_k10 :=", `fmt.Errorf("x")`, "goconc_key_error = goconc_k10"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := checked(t, decls+c.src)
			runPasses(f, "mapkeys")
			checkPrinted(t, f, c.want, c.notWant)
		})
	}
}

// A map keyed by error or fmt.Stringer is spelled, in the cell and in
// what the rewrites write, as keyed by the session's interface that
// stands for it; other maps keep their types.
func TestCompiledKeyTypes(t *testing.T) {
	const decls = `package main
import ("fmt"; "io")
var _ = fmt.Sprint
var _ io.Reader
`
	cases := []struct {
		name    string
		src     string
		want    []string
		notWant []string
	}{
		{"error", `var m map[error]int`, []string{"var m map[", "goconc_key_error]int"}, nil},
		{"fmt.Stringer in a make", `var m = make(map[fmt.Stringer][]string)`, []string{"make(map[", "goconc_key_Stringer][]string)"}, nil},
		{"nested in a signature and a type", `type Counts map[error]int
func f(c Counts, byName map[string]map[error]bool) {}`,
			[]string{"type Counts map[", "byName map[string]map[", "goconc_key_error]bool"}, nil},
		{"a function literal's parameter", `var tally = func(m map[error]int) int { return len(m) }`,
			[]string{"func(m map[", "goconc_key_error]int"}, []string{"map[error]"}},
		{"other keys stay", `var m map[io.Reader]int
var n map[any]error`, []string{"var m map[io.Reader]int", "var n map[any]error"}, []string{"goconc_key"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := checked(t, decls+c.src)
			runPasses(f, "stdgeneric")
			checkPrinted(t, f, c.want, c.notWant)
		})
	}
}
