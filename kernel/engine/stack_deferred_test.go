package engine

import (
	"context"
	"strings"
	"testing"
)

// TestPanicTracebackDeferred checks the traceback of a panic raised by a
// deferred call: Go shows the deferred function, then, if the function
// that deferred it was panicking already, the runtime's panic(...) and
// that panic's frames, then the function that deferred the call, at the
// line of its panic or of the return that ran the deferred call.
func TestPanicTracebackDeferred(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import ("fmt"; "time")
func cleanup() {
	panic("in cleanup")
}
func returns() {
	defer cleanup()
	fmt.Print("")
}
type closer struct{}
func (closer) Close() { panic("close failed") }`)
	tests := []struct {
		name string
		cell string
		want []string // the traceback's lines, in order, among others
	}{
		{
			name: "a deferred function panics as its function returns",
			cell: "returns()",
			want: []string{"panic: in cleanup", "goroutine 1 [running]:", "main.cleanup(...)", "\tcell[1]:3", "main.returns(...)", "\tcell[1]:8", "cell[2]", "\tcell[2]:1"},
		},
		{
			name: "a deferred literal panics while a panic is under way",
			cell: "func both() {\n\tdefer func() {\n\t\tpanic(\"B\")\n\t}()\n\tpanic(\"A\")\n}\nboth()",
			want: []string{"panic: A", "\tpanic: B", "goroutine 1 [running]:", "main.both.func1(...)", "\tcell[3]:3", "panic(...)", "panic.go:", "main.both(...)", "\tcell[3]:5", "cell[3]", "\tcell[3]:7"},
		},
		{
			name: "a callee's run-time error, then a deferred call's panic",
			cell: "func inner(xs []int) int { return xs[2] }\nfunc outer() {\n\tdefer func() { panic(\"late\") }()\n\tinner(nil)\n}\nouter()",
			want: []string{"panic: runtime error: index out of range [2] with length 0", "\tpanic: late", "goroutine 1 [running]:", "main.outer.func1(...)", "\tcell[4]:3", "panic(...)", "panic.go:", "main.inner(...)", "\tcell[4]:1", "main.outer(...)", "\tcell[4]:4", "cell[4]", "\tcell[4]:6"},
		},
		{
			name: "a deferred method panics at the return of a function",
			cell: "func shut(c closer) error {\n\tdefer c.Close()\n\treturn nil\n}\n_ = shut(closer{})",
			want: []string{"panic: close failed", "main.closer.Close(...)", "\tcell[1]:10", "main.shut(...)", "\tcell[5]:3", "cell[5]", "\tcell[5]:5"},
		},
		{
			name: "a deferred call panics as a goroutine's literal returns",
			cell: "go func() {\n\tdefer func() { panic(\"late in a goroutine\") }()\n\tfmt.Print(\"\")\n}()\ntime.Sleep(time.Minute)",
			want: []string{"panic: late in a goroutine", "goroutine ", "cell[6].func1.1(...)", "\tcell[6]:2", "cell[6].func1(...)", "\tcell[6]:4", "created by cell[6] in goroutine 1", "\tcell[6]:1"},
		},
		{
			name: "a deferred call's run-time error while a panic is under way",
			cell: "func twoErrors() {\n\tdefer func() {\n\t\tvar m map[string]int\n\t\tm[\"k\"] = 1\n\t}()\n\tpanic(\"first\")\n}\ntwoErrors()",
			want: []string{"panic: first", "\tpanic: assignment to entry in nil map", "goroutine 1 [running]:", "main.twoErrors.func1(...)", "\tcell[7]:4", "panic(...)", "main.twoErrors(...)", "\tcell[7]:6", "cell[7]", "\tcell[7]:8"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := strings.Join(failedCell(t, s, out, tt.cell).Traceback, "\n")
			wantTracebackLines(t, tb, tt.want)
			if strings.Contains(tb, "goconc") {
				t.Errorf("traceback shows goconc's own frames:\n%s", tb)
			}
		})
	}
}

// TestPanicTracebackInit checks the frames of a panic in a program's
// initialization, run from a file: Go numbers the init functions,
// main.init.0, main.init.1, and their literals after them,
// main.init.1.func1, and runs the initializers of package-level
// variables in main.init, at the line of the initializer's call.
func TestPanicTracebackInit(t *testing.T) {
	tests := []struct {
		name    string
		program string // the file after its package clause, from the end of line 1
		want    []string
	}{
		{
			name:    "an init function's run-time error",
			program: "\nimport \"fmt\"\n\nfunc init() {\n\tvar s []int\n\tfmt.Println(s[3])\n}\n\nfunc main() {}",
			want:    []string{"panic: runtime error: index out of range [3] with length 0", "goroutine 1 [running]:", "main.init.0()", "prog.go:6"},
		},
		{
			name:    "the second init function, through a nil pointer",
			program: "\nimport \"fmt\"\n\nfunc init() { fmt.Print(\"\") }\n\ntype T struct{ n int }\n\nfunc (T) M() {}\n\nfunc init() {\n\tvar t *T\n\tt.M()\n}\n\nfunc main() {}",
			want:    []string{"nil pointer dereference", "main.init.1()", "prog.go:12"},
		},
		{
			name:    "a variable's initializer calls a function that panics",
			program: "\nimport \"fmt\"\n\nvar a = 1\n\nvar table = build(a)\n\nfunc build(n int) []int {\n\tvar s []int\n\treturn s[:n+4]\n}\n\nfunc main() { fmt.Println(table) }",
			want:    []string{"panic: runtime error: slice bounds out of range [:5] with capacity 0", "main.build(...)", "prog.go:10", "main.init()", "prog.go:6"},
		},
		{
			name:    "a literal in the second init function",
			program: "\nimport \"fmt\"\n\nfunc init() { fmt.Print(\"\") }\n\nfunc init() {\n\tfunc() {\n\t\tpanic(\"in a literal\")\n\t}()\n}\n\nfunc main() {}",
			want:    []string{"panic: in a literal", "main.init.1.func1()", "prog.go:8", "main.init.1()", "prog.go:9"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := &lockedBuffer{}
			s, err := NewSession(Options{Stdout: out, Stderr: out, Program: "prog.go"})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			r := s.Execute(context.Background(), tt.program)
			if r.Err == nil {
				r = s.Execute(context.Background(), "main()")
			}
			if r.Err == nil {
				t.Fatalf("the program did not fail; printed %q", out.take())
			}
			tb := strings.Join(r.Err.Traceback, "\n")
			wantTracebackLines(t, tb, tt.want)
		})
	}
}
