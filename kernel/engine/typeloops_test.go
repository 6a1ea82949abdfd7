package engine

import (
	"context"
	"strings"
	"testing"
)

// TestSelfContainedTypes checks that a type containing itself other than
// through a struct type fails to compile, saying so, where the
// interpreter crashed the session; types that contain themselves through
// a struct type still run, and the session stays usable.
func TestSelfContainedTypes(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import "fmt"`)
	for _, tt := range []struct{ cell, err string }{
		{"type T []T\nvar t T\nfmt.Println(len(t))", "type T contains itself through []T"},
		{"type M map[string]M", "type M contains itself through map[string]M"},
		{"type P *P", "type P contains itself through *P"},
		{"type L struct{}\ntype stateFn func(*L) stateFn", "type stateFn contains itself through func(*L) stateFn"},
		{"type A []B\ntype B map[int]A", "type A contains itself through []B, then B, then map[int]A"},
		{"type S []struct{ s S }", "type S contains itself through []struct{s S}, then struct{s S}"},
		{"func f() {\n\ttype C chan C\n}", "type C contains itself through chan C"},
	} {
		r := s.Execute(context.Background(), tt.cell)
		out.take()
		if r.Err == nil || !strings.Contains(r.Err.Error(), tt.err) {
			t.Errorf("cell %q: err %v, want one saying %q", tt.cell, r.Err, tt.err)
		}
	}
	checkCells(t, s, out, []cellCase{
		{`type Node struct{ kids []Node; up *Node }
n := Node{kids: []Node{{}}}
fmt.Println(len(n.kids))`, "1\n"},
		{`type Tree []Leaf
type Leaf struct{ sub Tree }
fmt.Println(len(Tree{Leaf{}}))`, "1\n"},
		{`type Op func(int) int
fmt.Println(Op(func(x int) int { return x + 1 })(1))`, "2\n"},
	})
}
