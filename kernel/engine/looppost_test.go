package engine

import "testing"

// TestPanicTracebackLoopPost checks the frames of a panic raised in the
// post statement of a for loop that assigns several values, one of them
// a call: Go shows the function the loop is in, at the loop's line, and
// no frame of the literal the rewrite makes of the statement.
func TestPanicTracebackLoopPost(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import ("fmt"; "time")
func half(j int) int {
	if j == 4 {
		panic("odd")
	}
	return j - 1
}`)
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
	})
}
