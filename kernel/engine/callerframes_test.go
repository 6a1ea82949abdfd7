package engine

import (
	"fmt"
	"runtime"
	"testing"
)

// TestCallersFrames checks that runtime.Callers, runtime.CallersFrames
// and runtime.FuncForPC describe the cells' frames, as Go names and
// places them, and not the interpreter's: a helper printing its caller
// chain, a helper naming its caller's function, and a deferred call
// looking for the frame a panic left.
func TestCallersFrames(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import (
	"fmt"
	"runtime"
	"strings"
)
func chain() string {
	pcs := make([]uintptr, 16)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	var out []string
	for {
		f, more := frames.Next()
		if strings.HasPrefix(f.Function, "runtime.") {
			out = append(out, f.Function) // placed by the Go release
		} else {
			out = append(out, fmt.Sprintf("%s %s:%d", f.Function, f.File, f.Line))
		}
		if !more {
			break
		}
	}
	return strings.Join(out, " <- ")
}`)
	checkCells(t, s, out, []cellCase{
		{
			cell: "type store struct{}\nfunc (s *store) save() string { return chain() }\nfunc handle(s *store) string {\n\treturn func() string {\n\t\treturn s.save()\n\t}()\n}\nfmt.Println(handle(&store{}))",
			want: "main.(*store).save cell[2]:2 <- main.handle.func1 cell[2]:5 <- main.handle cell[2]:6 <- cell[2] cell[2]:8 <- runtime.main <- runtime.goexit\n",
		},
		{
			cell: "func where() string {\n\tpc, _, line, _ := runtime.Caller(1)\n\treturn fmt.Sprint(runtime.FuncForPC(pc).Name(), \" \", line)\n}\nfunc outer() string { return where() }\nfmt.Println(outer())",
			want: "main.outer 5\n",
		},
		{
			cell: "type shape interface{ area() int }\n" +
				"func lineOf(name string, f func()) (line int) {\n" +
				"\tdefer func() {\n" +
				"\t\trecover()\n" +
				"\t\tpcs := make([]uintptr, 32)\n" +
				"\t\tvar frames *runtime.Frames = runtime.CallersFrames(pcs[:runtime.Callers(0, pcs)])\n" +
				"\t\tfor {\n" +
				"\t\t\tvar fr runtime.Frame\n" +
				"\t\t\tfr, more := frames.Next()\n" +
				"\t\t\tif fr.Func.Name() == name {\n" +
				"\t\t\t\tline = fr.Line\n" +
				"\t\t\t\treturn\n" +
				"\t\t\t}\n" +
				"\t\t\tif !more {\n" +
				"\t\t\t\treturn\n" +
				"\t\t\t}\n" +
				"\t\t}\n" +
				"\t}()\n" +
				"\tf()\n" +
				"\treturn -1\n" +
				"}\n" +
				"fmt.Println(lineOf(\"cell[4].func1\", func() {\n\tvar s shape\n\ts.area()\n}))",
			want: "24\n",
		},
	})
}

// TestPanicTracebackNilInterfaceCall checks the line of the frame a
// method called through a nil interface panics in: Go places it at the
// method's name.
func TestPanicTracebackNilInterfaceCall(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import "fmt"
type shape interface{ area() int }`)
	checkTracebacks(t, s, out, tracebackFrames, []tracebackCase{
		{
			name: "the method's name on a line of its own",
			cell: "func total(ss []shape) int {\n\tt := 0\n\tfmt.Print(\"\")\n\tfor _, s := range ss {\n\t\tt += s.\n\t\t\tarea()\n\t}\n\treturn t\n}\ntotal([]shape{nil})",
			want: "main.total(...)\n\tcell[2]:6\ncell[2]\n\tcell[2]:10",
		},
	})
}

// TestCallersRuntimeFrames checks the runtime's frames Go lists under a
// goroutine's code: runtime.main and runtime.goexit under main (a cell's
// statements), runtime.goexit alone under a goroutine a go statement
// started, and runtime.doInit1 and doInit above them under a variable's
// initializer and an init function; runtime.goexit where it is in the
// Go release the program is built with.
func TestCallersRuntimeFrames(t *testing.T) {
	goexit := make(chan string)
	go func() {
		pcs := make([]uintptr, 8)
		frames := runtime.CallersFrames(pcs[:runtime.Callers(1, pcs)])
		for {
			f, more := frames.Next()
			if !more {
				goexit <- fmt.Sprintf("%s %s:%d", f.Function, f.File, f.Line)
				return
			}
		}
	}()
	lastFrame := <-goexit
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import (
	"fmt"
	"runtime"
	"strings"
)
func names() string {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(1, pcs)])
	var out []string
	for {
		f, more := frames.Next()
		out = append(out, f.Function)
		if !more {
			return strings.Join(out, " ") + "; " + fmt.Sprintf("%s %s:%d", f.Function, f.File, f.Line)
		}
	}
}`)
	checkCells(t, s, out, []cellCase{
		{cell: "func f() string { return names() }\nfmt.Println(f())", want: "main.names main.f cell[2] runtime.main runtime.goexit; " + lastFrame + "\n"},
		{cell: "done := make(chan string)\ngo func() { done <- names() }()\nfmt.Println(<-done)", want: "main.names cell[3].func1 runtime.goexit; " + lastFrame + "\n"},
		{cell: "func g(done chan string) { done <- names() }\ndone2 := make(chan string)\ngo g(done2)\nfmt.Println(<-done2)", want: "main.names main.g runtime.goexit; " + lastFrame + "\n"},
		{cell: "var atInit = names()\nfmt.Println(atInit)", want: "main.names main.init runtime.doInit1 runtime.doInit runtime.main runtime.goexit; " + lastFrame + "\n"},
		{cell: "func init() { fmt.Println(names()) }", want: "main.names main.init.0 runtime.doInit1 runtime.doInit runtime.main runtime.goexit; " + lastFrame + "\n"},
	})
}

// TestCallerWalk checks runtime.Caller with a skip known only when it
// runs, as a loop walking up the stack until Caller fails has it: every
// frame runtime.Callers lists, the runtime's under the cell's included,
// and then no more.
func TestCallerWalk(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import (
	"fmt"
	"runtime"
	"strings"
)
func walk() string {
	var out []string
	for i := 0; ; i++ {
		pc, _, line, ok := runtime.Caller(i)
		if !ok {
			return strings.Join(out, " ")
		}
		name := runtime.FuncForPC(pc).Name()
		if strings.HasPrefix(name, "runtime.") {
			line = 0 // placed by the Go release
		}
		out = append(out, fmt.Sprint(name, ":", line))
	}
}`)
	checkCells(t, s, out, []cellCase{
		{cell: "func outer() string {\n\treturn walk()\n}\nfmt.Println(outer())", want: "main.walk:9 main.outer:2 cell[2]:4 runtime.main:0 runtime.goexit:0\n"},
		{cell: "done := make(chan string)\ngo func() {\n\tdone <- walk()\n}()\nfmt.Println(<-done)", want: "main.walk:9 cell[3].func1:3 runtime.goexit:0\n"},
	})
}
