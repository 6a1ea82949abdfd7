package engine

import "testing"

// TestPanicTracebackCellVarStatement checks the frames of a panic in a
// cell's package-level variable declaration that runs as a statement
// (one using an earlier cell's variable): Go runs it in main.init, as any
// initializer, and the cell's statements have no frame under it; a
// literal written in it is numbered with the initializers' literals,
// main.init.func1.
func TestPanicTracebackCellVarStatement(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import "fmt"
var xs = []int{1, 2}
func get(i int) int { return xs[i] }`)
	checkTracebacks(t, s, out, wholeTraceback, []tracebackCase{
		{
			name: "it calls a function that panics",
			cell: "var n = len(xs) + get(9)",
			want: "panic: runtime error: index out of range [9] with length 2\n\ngoroutine 1 [running]:\nmain.get(...)\n\tcell[1]:3\nmain.init()\n\tcell[2]:1",
		},
		{
			name: "it panics itself, after statements",
			cell: "fmt.Print(\"\")\nk := 3\nvar q = xs[k]",
			want: "panic: runtime error: index out of range [3] with length 2\n\ngoroutine 1 [running]:\nmain.init()\n\tcell[3]:3",
		},
		{
			name: "a literal written in it",
			cell: "var r = xs[0] + func() int {\n\treturn get(8)\n}()",
			want: "panic: runtime error: index out of range [8] with length 2\n\ngoroutine 1 [running]:\nmain.get(...)\n\tcell[1]:3\nmain.init.func1()\n\tcell[4]:2\nmain.init()\n\tcell[4]:3",
		},
		{
			name: "a literal of a later declaration",
			cell: "var v = func() int {\n\treturn 1\n}()\nvar w = xs[0] + func() int {\n\treturn get(7)\n}()",
			want: "panic: runtime error: index out of range [7] with length 2\n\ngoroutine 1 [running]:\nmain.get(...)\n\tcell[1]:3\nmain.init.func3()\n\tcell[5]:5\nmain.init()\n\tcell[5]:6",
		},
	})
}

// TestCallersCellVarStatement checks runtime.Callers in a variable
// declaration run as a statement: main.init, under it the runtime's
// initialization, as Go lists them.
func TestCallersCellVarStatement(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import (
	"fmt"
	"runtime"
	"strings"
)
var base = 1
func names() string {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(1, pcs)])
	var out []string
	for {
		f, more := frames.Next()
		out = append(out, f.Function)
		if !more {
			return strings.Join(out, " ")
		}
	}
}`)
	checkCells(t, s, out, []cellCase{
		{cell: "var a = fmt.Sprint(base, \" \", names())\nfmt.Println(a)", want: "1 main.names main.init runtime.doInit1 runtime.doInit runtime.main runtime.goexit\n"},
		{cell: "var b = fmt.Sprint(base, \" \", func() string { return names() }())\nfmt.Println(b)", want: "1 main.names main.init.func1 main.init runtime.doInit1 runtime.doInit runtime.main runtime.goexit\n"},
		{cell: "fmt.Println(names())", want: "main.names cell[4] runtime.main runtime.goexit\n"},
	})
}

// TestPanicTracebackTwoInitializerLiterals checks the line of main.init
// when a cell's initializers call two literals written in them, which
// the interpreter names alike: the line of the call of the one that
// panicked.
func TestPanicTracebackTwoInitializerLiterals(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import "fmt"
func check(v int) int {
	if v > 1 {
		panic(fmt.Sprint("bad ", v))
	}
	return v
}`)
	checkTracebacks(t, s, out, wholeTraceback, []tracebackCase{
		{
			name: "the second one panics",
			cell: "var a = func() int {\n\treturn check(1)\n}()\n\nvar b = func() int {\n\treturn check(2)\n}()",
			want: "panic: bad 2\n\ngoroutine 1 [running]:\nmain.check(...)\n\tcell[1]:4\nmain.init.func2()\n\tcell[2]:6\nmain.init()\n\tcell[2]:7",
		},
		{
			name: "the first one panics",
			cell: "var c = func() int {\n\treturn check(3)\n}()\n\nvar d = func() int {\n\treturn check(1)\n}()",
			want: "panic: bad 3\n\ngoroutine 1 [running]:\nmain.check(...)\n\tcell[1]:4\nmain.init.func3()\n\tcell[3]:2\nmain.init()\n\tcell[3]:3",
		},
	})
}
