package rewrite

import "testing"

// Keys of maps with empty interface keys that may hold a cell's enum go
// through goconc_intern; other keys stay.
func TestMapKeys(t *testing.T) {
	const decls = `package main
import "fmt"
type State int
func (s State) String() string { return "s" }
type Plain int
type Pt struct{ X int }
func (p Pt) String() string { return "p" }
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
			[]string{"switch goconc_concrete(goconc_k", "case State:"}, []string{"case Pt", "case Plain"}},
		{"delete", `func f(m map[any]int) { delete(m, State(2)) }`,
			[]string{"delete(m, func(goconc_k"}, nil},
		{"map literal", `var m = map[any]int{State(1): 1, 2: 2}`,
			[]string{"{func(goconc_k", "}(State(1)): 1, 2: 2}"}, nil},
		{"key of another type stays", `func f(m map[any]int) { m[Plain(1)]++; m[1]++ }`,
			[]string{"m[Plain(1)]++", "m[1]++"}, []string{"goconc_intern"}},
		{"struct key stays", `func f(m map[any]int) { m[Pt{1}]++ }`,
			[]string{"m[Pt{1}]++"}, []string{"goconc_intern"}},
		{"map of State stays", `func f(m map[State]int) { m[State(1)]++ }`,
			[]string{"m[State(1)]++"}, []string{"goconc_intern"}},
		{"interface with methods stays", `func f(m map[fmt.Stringer]int) { m[State(1)]++ }`,
			[]string{"m[State(1)]++"}, []string{"goconc_intern"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := checked(t, decls+c.src)
			runPasses(f, "mapkeys")
			checkPrinted(t, f, c.want, c.notWant)
		})
	}
}
