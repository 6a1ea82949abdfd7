package engine

import "testing"

// TestPanicTracebackLoopPost checks the frames of a panic raised in the
// post statement of a for loop that assigns several values, one of them
// a call: Go shows the function the loop is in, at the loop's line, and
// no frame of the literal the rewrite makes of the statement, also when
// the value that panics is not a call and the loop is in a literal.
func TestPanicTracebackLoopPost(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import ("fmt"; "time")
func half(j int) int {
	if j == 4 {
		panic("odd")
	}
	return j - 1
}
var zero = 0`)
	checkTracebacks(t, s, out, tracebackFrames, []tracebackCase{
		{
			name: "in a goroutine's literal",
			cell: "go func() {\n\tfor i, j := 0, 6; i < j; i, j = i+1, half(j) {\n\t\tfmt.Print(\"\")\n\t}\n}()\ntime.Sleep(time.Minute)",
			want: "main.half(...)\n\tcell[1]:4\ncell[2].func1(...)\n\tcell[2]:2\ncreated by cell[2] in goroutine 1\n\tcell[2]:1",
		},
		{
			name: "through a literal called in the post statement",
			cell: "step := func(j int) int { return half(j) }\nfor i, j := 0, 5; i < j; i, j = i+1, step(j) {\n}",
			want: "main.half(...)\n\tcell[1]:4\ncell[3].func1(...)\n\tcell[3]:1\ncell[3]\n\tcell[3]:2",
		},
		{
			name: "in a function, the call inside a composite literal",
			cell: "type pair struct{ a, b int }\nfunc walk(n int) {\n\tfor i, p := 0, (pair{}); i < n; i, p = i+1, (pair{a: half(n - i)}) {\n\t\t_ = p\n\t}\n}\nwalk(6)",
			want: "main.half(...)\n\tcell[1]:4\nmain.walk(...)\n\tcell[4]:3\ncell[4]\n\tcell[4]:7",
		},
		{
			name: "a division beside a call, in a goroutine's literal",
			cell: "go func() {\n\tfor i, j := 0, 6; i < j; i, j = i/zero, half(j) {\n\t\tfmt.Print(\"\")\n\t}\n}()\ntime.Sleep(time.Minute)",
			want: "cell[5].func1(...)\n\tcell[5]:2\ncreated by cell[5] in goroutine 1\n\tcell[5]:1",
		},
		{
			name: "a division beside a call, in a literal a function calls",
			cell: "func spin() {\n\trun := func() {\n\t\tfor i, j := 0, 6; i < j; i, j = i/zero, half(j) {\n\t\t}\n\t}\n\trun()\n}\nspin()",
			want: "main.spin.func1(...)\n\tcell[6]:3\nmain.spin(...)\n\tcell[6]:6\ncell[6]\n\tcell[6]:8",
		},
	})
}
