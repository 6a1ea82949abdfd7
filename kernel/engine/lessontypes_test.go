package engine

import "testing"

// TestLessonInterfacesWithUnexportedMethods checks that compiled types
// satisfy the lesson packages' interfaces that have unexported methods,
// as they do in compiled code: gil.Mode is such an interface.
func TestLessonInterfacesWithUnexportedMethods(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import (
	"fmt"
	"time"

	"goconc/lessons/gil"
)`)
	checkCells(t, s, out, []cellCase{
		{cell: "g := gil.New(gil.Python3{SwitchInterval: 5 * time.Millisecond})\nfmt.Println(g != nil)", want: "true\n"},
		{cell: "var m gil.Mode = gil.NoGIL{}\nfmt.Println(m)", want: "no GIL\n"},
		{cell: "modes := []gil.Mode{gil.Python2{CheckInterval: 50}, gil.NoGIL{}}\nfor _, m := range modes { fmt.Println(gil.New(m) != nil, m) }", want: "true Python 2.7 GIL, check interval 50\ntrue no GIL\n"},
	})
}

// TestCompiledStringMethods checks that fmt uses the String and Error
// methods of compiled lesson types, in values, slices and pointers.
func TestCompiledStringMethods(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import (
	"context"
	"fmt"
	"strings"

	"goconc/lessons/executor"
	"goconc/lessons/gil"
)`)
	checkCells(t, s, out, []cellCase{
		{cell: "st := gil.New(gil.NoGIL{}).Stats()\nfmt.Println(strings.HasPrefix(fmt.Sprint(st), \"no GIL: 0 threads\"), strings.HasPrefix(fmt.Sprintf(\"%v\", []gil.Stats{st}), \"[no GIL: 0 threads\"))", want: "true true\n"},
		{cell: `unlucky := func(ctx context.Context, x any) (any, error) {
	if x == 7 {
		panic("seven is unlucky")
	}
	return x, nil
}
_, failures := executor.MapCollect(context.Background(), executor.NewPool(2), unlucky, []any{5, 6, 7})
fmt.Println(failures)
fmt.Printf("%v\n", failures[0])`, want: "[task 2 (arg 7): panic: seven is unlucky]\ntask 2 (arg 7): panic: seven is unlucky\n"},
	})
}

// TestDeferBeforeVarDeclaration checks that a var declaration between a
// cell's statements does not end the statements before it: a deferred
// call there runs when the whole cell ends.
func TestDeferBeforeVarDeclaration(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import "fmt"`)
	checkCells(t, s, out, []cellCase{
		{cell: "defer fmt.Println(\"deferred, last\")\nfmt.Println(\"first\")\nvar later []int\nlater = append(later, 1)\nfmt.Println(\"then\", later)", want: "first\nthen [1]\ndeferred, last\n"},
	})
}
