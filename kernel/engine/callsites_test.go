package engine

import "testing"

// TestCallerLevels checks runtime.Caller with skips of one and two and
// log.Output with a depth of two: helpers read the lines that called
// them, in the cell that declares them and in later cells, through
// methods and nested calls.
func TestCallerLevels(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import (
	"fmt"
	"log"
	"runtime"
)
func where() string {
	_, file, line, ok := runtime.Caller(1)
	return fmt.Sprint(file, ":", line, " ", ok)
}
func grandparent() int {
	_, _, line, _ := runtime.Caller(2)
	return line
}
func parent() int { return grandparent() }
func logf(format string, args ...any) { log.Output(2, fmt.Sprintf(format, args...)) }
type probe struct{}
func (probe) at() string { return where() }`)
	checkCells(t, s, out, []cellCase{
		{cell: "\nfmt.Println(where())", want: "cell[2]:2 true\n"},
		{cell: "x := parent()\n\ny := parent()\nfmt.Println(x, y)", want: "1 3\n"},
		{cell: "log.SetFlags(log.Lshortfile)\nlogf(\"n=%d\", 1)\nlog.SetFlags(log.LstdFlags)", want: "cell[4]:2: n=1\n"},
		{cell: "func helper() string {\n\treturn where()\n}\nfmt.Println(helper(), probe{}.at())", want: "cell[5]:2 true cell[1]:17 true\n"},
		{cell: "done := make(chan string)\ngo func() {\n\tdone <- where()\n}()\nfmt.Println(<-done)", want: "cell[6]:3 true\n"},
	})
}
