package engine

import "testing"

// TestPanicTracebackReturnLine checks the frame of a function one of
// whose deferred calls panics as it returns, when it can return from
// several lines: Go shows the function at the line of the return
// statement that ran, or of its closing brace when it ran off its end.
func TestPanicTracebackReturnLine(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import "fmt"
type conn struct{ name string }
func (c *conn) Close() {
	panic("close " + c.name)
}
func open(n int) int {
	c := &conn{name: "db"}
	defer c.Close()
	if n > 1 {
		fmt.Print("")
		return n * 2
	}
	fmt.Print("")
	return n
}
func (c *conn) send(msg string) error {
	defer func() { panic("sent " + msg) }()
	switch msg {
	case "":
		return fmt.Errorf("empty")
	case "ping":
		return nil
	}
	fmt.Print("")
	return nil
}
func drain(n int) {
	defer func() { panic("drained") }()
	if n > 0 {
		return
	}
	fmt.Print("")
}`)
	checkTracebacks(t, s, out, tracebackFrames, []tracebackCase{
		{
			name: "the first of two returns",
			cell: "_ = open(5)",
			want: "main.(*conn).Close(...)\n\tcell[1]:4\nmain.open(...)\n\tcell[1]:11\ncell[2]\n\tcell[2]:1",
		},
		{
			name: "the second of two returns",
			cell: "_ = open(0)",
			want: "main.(*conn).Close(...)\n\tcell[1]:4\nmain.open(...)\n\tcell[1]:14\ncell[3]\n\tcell[3]:1",
		},
		{
			name: "a method's return in a case clause",
			cell: "c := &conn{}\n_ = c.send(\"ping\")",
			want: "main.(*conn).send.func1(...)\n\tcell[1]:17\nmain.(*conn).send(...)\n\tcell[1]:22\ncell[4]\n\tcell[4]:2",
		},
		{
			name: "a return, then the end of the body",
			cell: "drain(0)",
			want: "main.drain.func1(...)\n\tcell[1]:28\nmain.drain(...)\n\tcell[1]:33\ncell[5]\n\tcell[5]:1",
		},
		{
			name: "the end of the body, after a call that returned early",
			cell: "func ends(n int) {\n\tdefer func() {\n\t\tif n == 0 {\n\t\t\tpanic(\"ended\")\n\t\t}\n\t}()\n\tif n > 0 {\n\t\treturn\n\t}\n\tfmt.Print(\"\")\n}\nends(1)\nends(0)",
			want: "main.ends.func1(...)\n\tcell[6]:4\nmain.ends(...)\n\tcell[6]:11\ncell[6]\n\tcell[6]:13",
		},
	})
}
