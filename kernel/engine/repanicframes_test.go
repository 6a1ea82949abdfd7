package engine

import (
	"context"
	"strings"
	"testing"
)

// TestRepanicDeferredCalls checks a deferred call that recovers a panic
// and panics again: the function's other deferred calls still run, the
// report names the recovered panic once, and the frames are Go's: the
// deferred function, the runtime's panic, then the function that
// deferred it at the line of the panic it recovered.
func TestRepanicDeferredCalls(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import "fmt"`)
	tests := []struct {
		name   string
		cell   string
		output string // what the cell prints before it fails
		header string // the report's first lines
		frames string // the frames, when checked
	}{
		{
			name:   "one deferred call",
			cell:   "func once() {\n\tdefer func() {\n\t\tr := recover()\n\t\tpanic(r)\n\t}()\n\tpanic(\"A\")\n}\nonce()",
			header: "panic: A [recovered, repanicked]\n\ngoroutine 1 [running]:",
			frames: "main.once.func1(...)\n\tcell[2]:4\npanic(...)\n\t" + runtimePanicPlace() + "\nmain.once(...)\n\tcell[2]:6\ncell[2]\n\tcell[2]:8",
		},
		{
			name:   "another value",
			cell:   "func other() {\n\tdefer func() {\n\t\trecover()\n\t\tpanic(\"B\")\n\t}()\n\tpanic(\"A\")\n}\nother()",
			header: "panic: A [recovered]\n\tpanic: B\n\ngoroutine 1 [running]:",
			frames: "main.other.func1(...)\n\tcell[3]:4\npanic(...)\n\t" + runtimePanicPlace() + "\nmain.other(...)\n\tcell[3]:6\ncell[3]\n\tcell[3]:8",
		},
		{
			name:   "two deferred calls: the first still runs",
			cell:   "func two() {\n\tdefer fmt.Println(\"first deferred\")\n\tdefer func() {\n\t\tr := recover()\n\t\tpanic(r)\n\t}()\n\tpanic(\"A\")\n}\ntwo()",
			output: "first deferred\n",
			header: "panic: A [recovered, repanicked]\n\ngoroutine 1 [running]:",
			frames: "main.two.func1(...)\n\tcell[4]:5\npanic(...)\n\t" + runtimePanicPlace() + "\nmain.two(...)\n\tcell[4]:7\ncell[4]\n\tcell[4]:9",
		},
		{
			name:   "two deferred calls, another value",
			cell:   "func twoOther() {\n\tdefer fmt.Println(\"first deferred\")\n\tdefer func() {\n\t\tif r := recover(); r != nil {\n\t\t\tpanic(fmt.Sprint(\"wrapped \", r))\n\t\t}\n\t}()\n\tpanic(\"A\")\n}\ntwoOther()",
			output: "first deferred\n",
			header: "panic: A [recovered]\n\tpanic: wrapped A\n\ngoroutine 1 [running]:",
			frames: "main.twoOther.func1(...)\n\tcell[5]:5\npanic(...)\n\t" + runtimePanicPlace() + "\nmain.twoOther(...)\n\tcell[5]:8\ncell[5]\n\tcell[5]:10",
		},
		{
			name:   "a deferred literal panics as a function with two deferred calls returns",
			cell:   "func cleanup() { fmt.Println(\"cleanup\") }\nfunc two() {\n\tdefer cleanup()\n\tdefer func() {\n\t\tpanic(\"B\")\n\t}()\n\tfmt.Println(\"body\")\n}\ntwo()",
			output: "body\ncleanup\n",
			header: "panic: B\n\ngoroutine 1 [running]:",
			frames: "main.two.func1(...)\n\tcell[6]:5\nmain.two(...)\n\tcell[6]:8\ncell[6]\n\tcell[6]:9",
		},
		{
			name:   "a deferred function panics at one of two returns, with another deferred call",
			cell:   "func shut(n int) int {\n\tdefer fmt.Println(\"logged\")\n\tdefer func() { panic(\"shut\") }()\n\tif n > 0 {\n\t\treturn n\n\t}\n\treturn 0\n}\n_ = shut(1)",
			output: "logged\n",
			header: "panic: shut\n\ngoroutine 1 [running]:",
			frames: "main.shut.func1(...)\n\tcell[7]:3\nmain.shut(...)\n\tcell[7]:5\ncell[7]\n\tcell[7]:9",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := s.Execute(context.Background(), tt.cell)
			if got := out.take(); got != tt.output {
				t.Errorf("printed %q, want %q", got, tt.output)
			}
			if r.Err == nil {
				t.Fatal("the cell did not fail")
			}
			tb := strings.Join(r.Err.Traceback, "\n")
			if !strings.HasPrefix(tb, tt.header+"\n") {
				t.Errorf("traceback:\n%s\nwant it to start with:\n%s", tb, tt.header)
			}
			if tt.frames != "" && tb != tt.header+"\n"+tt.frames {
				t.Errorf("traceback:\n%s\nwant the frames:\n%s", tb, tt.frames)
			}
		})
	}
}
