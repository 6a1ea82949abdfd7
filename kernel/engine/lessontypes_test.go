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
		{cell: "modes := []gil.Mode{gil.Python2{CheckInterval: 50}, gil.NoGIL{}}\nfor _, m := range modes { fmt.Println(gil.New(m) != nil, m) }", want: "true Python 2 GIL, check interval 50\ntrue no GIL\n"},
	})
}
