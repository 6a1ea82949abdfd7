package engine

import "testing"

// TestPanicTracebackCellVarInit checks the frames of a panic raised while
// a cell initializes its package-level variables: Go runs initializers in
// main.init, at the line of the initializer, in a notebook's cells as in
// a program run from a file (TestPanicTracebackInit), and the cell's
// top-level statements, which have not run, have no frame. A literal
// written in an initializer is main.init.func1, numbered across the
// cells' initializers.
func TestPanicTracebackCellVarInit(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import "fmt"
var xs = []int{1, 2}
func get(i int) int { return xs[i] }
func apply(f func() int) int { return f() }`)
	checkTracebacks(t, s, out, wholeTraceback, []tracebackCase{
		{
			name: "an initializer calls a function of the same cell that panics",
			cell: "func load(name string) int {\n\tif name == \"\" {\n\t\tpanic(\"no name\")\n\t}\n\treturn len(name)\n}\n\nvar size = load(\"\")",
			want: "panic: no name\n\ngoroutine 1 [running]:\nmain.load(...)\n\tcell[2]:3\nmain.init()\n\tcell[2]:8",
		},
		{
			name: "the second of two initializers calls an earlier cell's function",
			cell: "var a, b = get(0), get(5)\nfmt.Println(a, b)",
			want: "panic: runtime error: index out of range [5] with length 2\n\ngoroutine 1 [running]:\nmain.get(...)\n\tcell[1]:3\nmain.init()\n\tcell[3]:1",
		},
		{
			name: "an initializer calls a literal written in it",
			cell: "var v = func() int {\n\tpanic(\"in a literal\")\n}()",
			want: "panic: in a literal\n\ngoroutine 1 [running]:\nmain.init.func1()\n\tcell[4]:2\nmain.init()\n\tcell[4]:3",
		},
		{
			name: "a later cell's literal is numbered after the earlier cells'",
			cell: "var w = apply(func() int {\n\treturn get(7)\n})",
			want: "panic: runtime error: index out of range [7] with length 2\n\ngoroutine 1 [running]:\nmain.get(...)\n\tcell[1]:3\nmain.init.func2()\n\tcell[5]:2\nmain.apply(...)\n\tcell[1]:4\nmain.init()\n\tcell[5]:1",
		},
	})
}

// TestPanicTracebackTrailingValue checks the cell's frame when the panic
// comes out of the expression a cell ends with, whose value the cell
// shows: Go would show the call's line, as for a statement.
func TestPanicTracebackTrailingValue(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `func load(name string) int {
	if name == "" {
		panic("no name")
	}
	return len(name)
}`)
	checkTracebacks(t, s, out, wholeTraceback, []tracebackCase{
		{
			name: "the only line",
			cell: `load("")`,
			want: "panic: no name\n\ngoroutine 1 [running]:\nmain.load(...)\n\tcell[1]:3\ncell[2]\n\tcell[2]:1",
		},
		{
			name: "after statements",
			cell: "n := 2\nn++\nload(\"\") + n",
			want: "panic: no name\n\ngoroutine 1 [running]:\nmain.load(...)\n\tcell[1]:3\ncell[3]\n\tcell[3]:3",
		},
	})
}

// TestPanicTracebackCheckAtTopLevel checks the line of a cell's frame
// when a check the engine makes before a statement at the cell's top
// level fails: a declaration whose initializer uses an earlier cell's
// variable, which runs as a statement but in main.init as Go runs it,
// and a statement.
func TestPanicTracebackCheckAtTopLevel(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import "fmt"
var xs = []int{1, 2}`)
	checkTracebacks(t, s, out, tracebackFrames, []tracebackCase{
		{
			name: "a declaration using an earlier cell's variable",
			cell: "var y = xs[5]",
			want: "main.init()\n\tcell[2]:1",
		},
		{
			name: "after other statements",
			cell: "n := len(xs)\nfmt.Println(n)\nfmt.Println(xs[n+3])",
			want: "cell[3]\n\tcell[3]:3",
		},
	})
}
