package engine

import (
	"fmt"
	"strings"
	"testing"
)

// TestReadStack checks the traces runtime.Stack and debug.Stack return
// to a cell: Go's text for the calling goroutine, its frames in the
// cells' code with their lines, and for a goroutine the go statement
// that started it; with all, the other goroutines of the cells too.
func TestReadStack(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
)
func trace() string {
	buf := make([]byte, 4096)
	n := runtime.Stack(buf, false)
	return string(buf[:n])
}
func outer() string { return trace() }
type box struct{}
func (*box) where() string { return string(debug.Stack()) }`)
	stack, _ := debugFrames()
	debugLines := strings.Join(stack, "\n") + "\n"
	checkCells(t, s, out, []cellCase{
		{cell: "fmt.Print(trace())", want: "goroutine 1 [running]:\nmain.trace(...)\n\tcell[1]:10\ncell[2]\n\tcell[2]:1\n"},
		{cell: "\nfmt.Print(outer())", want: "goroutine 1 [running]:\nmain.trace(...)\n\tcell[1]:10\nmain.outer(...)\n\tcell[1]:13\ncell[3]\n\tcell[3]:2\n"},
		{cell: "var b box\nfmt.Print(b.where())", want: "goroutine 1 [running]:\n" + debugLines + "main.(*box).where(...)\n\tcell[1]:15\ncell[4]\n\tcell[4]:2\n"},
		{cell: "var wg sync.WaitGroup\nwg.Add(1)\ngo func() {\n\tdefer wg.Done()\n\tfmt.Print(outer())\n}()\nwg.Wait()",
			want: "goroutine 7 [running]:\nmain.trace(...)\n\tcell[1]:10\nmain.outer(...)\n\tcell[1]:13\ncell[5].func1(...)\n\tcell[5]:5\ncreated by cell[5] in goroutine 1\n\tcell[5]:3\n"},
		{cell: "func lines() int {\n\tbuf := make([]byte, 1<<16)\n\tn := runtime.Stack(buf, true)\n\treturn strings.Count(string(buf[:n]), \"\\n\")\n}\nfmt.Println(lines())", want: "5\n"},
		// The goroutine reading the trace waits until the others wait:
		// the trace is then the same on every run.
		{cell: "ch, done := make(chan int), make(chan string)\nfunc waiter(ch chan int) { <-ch }\ngo waiter(ch)\n" +
			"go func() {\n\tbuf := make([]byte, 1<<16)\n\tfor !strings.Contains(string(buf), \"main.waiter\") || !strings.Contains(string(buf), \"goroutine 1 [chan receive]\") {\n" +
			"\t\tbuf = buf[:runtime.Stack(buf[:cap(buf)], true)]\n\t\truntime.Gosched()\n\t}\n\tdone <- string(buf)\n}()\nfmt.Print(<-done)\nclose(ch)",
			want: "goroutine 9 [running]:\ncell[7].func1(...)\n\tcell[7]:7\ncreated by cell[7] in goroutine 1\n\tcell[7]:4\n\n" +
				"goroutine 1 [chan receive]:\ncell[7]\n\tcell[7]:12\n\n" +
				"goroutine 8 [chan receive]:\nmain.waiter(...)\n\tcell[7]:2\ncreated by cell[7] in goroutine 1\n\tcell[7]:3\n"},
	})
}

// TestReadStackInPanic checks a trace read by the deferred call that
// recovers: it holds the runtime's panic and the frames the panic left,
// until the recovering function returns.
func TestReadStackInPanic(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import (
	"fmt"
	"regexp"
	"runtime/debug"
)
var offsets = regexp.MustCompile(`+"`"+`\t/.*/runtime/.*`+"`"+`)
func divide(a, b int) int { return a / b }
func safe(a, b int) (trace string) {
	defer func() {
		if r := recover(); r != nil {
			trace = offsets.ReplaceAllString(string(debug.Stack()), "\tRUNTIME")
		}
	}()
	divide(a, b)
	return ""
}
func explicit() (trace string) {
	defer func() {
		recover()
		trace = offsets.ReplaceAllString(string(debug.Stack()), "\tRUNTIME")
	}()
	panic("boom")
}`)
	checkCells(t, s, out, []cellCase{
		{"fmt.Print(safe(1, 0))", "goroutine 1 [running]:\nruntime/debug.Stack()\n\tRUNTIME\nmain.safe.func1(...)\n\tcell[1]:11\n" +
			"panic({...})\n\tRUNTIME\nmain.divide(...)\n\tcell[1]:7\nmain.safe(...)\n\tcell[1]:14\ncell[2]\n\tcell[2]:1\n"},
		{"fmt.Print(explicit())", "goroutine 1 [running]:\nruntime/debug.Stack()\n\tRUNTIME\nmain.explicit.func1(...)\n\tcell[1]:20\n" +
			"panic({...})\n\tRUNTIME\nmain.explicit(...)\n\tcell[1]:22\ncell[3]\n\tcell[3]:1\n"},
		{"fmt.Printf(\"%q\\n\", safe(4, 2))", "\"\"\n"},
	})
}

// TestReadStackWhileCompiling checks that a goroutine reading its stack
// over and over, while later cells compile functions with literals and
// calls, neither crashes the session nor gets a wrong trace: naming the
// frames reads the tables that compiling adds to.
func TestReadStackWhileCompiling(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import (
	"fmt"
	"runtime/debug"
	"strings"
	"sync/atomic"
)
var stop atomic.Bool
var reads, wrong atomic.Int64
func reader() {
	for !stop.Load() {
		if !strings.Contains(string(debug.Stack()), "main.reader") {
			wrong.Add(1)
		}
		reads.Add(1)
	}
}
go reader()`)
	var cases []cellCase
	for i := range 40 {
		cases = append(cases, cellCase{
			cell: fmt.Sprintf("func f%d(n int) func() int {\n\tg := func() int { return n + %d }\n\treturn func() int { return g() }\n}\nfunc h%d() int { return f%d(1)() }\n_ = h%d()", i, i, i, i, i),
		})
	}
	checkCells(t, s, out, cases)
	checkCells(t, s, out, []cellCase{{cell: "stop.Store(true)\nfmt.Println(reads.Load() > 0, wrong.Load())", want: "true 0\n"}})
}
