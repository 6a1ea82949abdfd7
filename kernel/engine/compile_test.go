package engine

import (
	"context"
	"strings"
	"testing"
)

// TestCellsBehaveLikeGo runs cells that the interpreter alone gets wrong
// and checks they print what the Go toolchain's build prints.
func TestCellsBehaveLikeGo(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  string
	}{
		{"comma-ok at top level", []string{`import "fmt"`, "m := map[string]int{\"a\": 1}\nv, ok := m[\"a\"]\nfmt.Println(v, ok)"}, "1 true\n"},
		{"range over int", []string{`import "fmt"`, "s := 0\nfor i := range 5 { s += i }\nfmt.Println(s)"}, "10\n"},
		{"min max clear", []string{`import "fmt"`, "a, b := 3, 7\nm := map[int]int{1: 1}\nclear(m)\nsl := []int{1, 2}\nclear(sl)\nfmt.Println(min(a, b, 5), max(a, b), max(2.5, 1.0), min(\"b\", \"a\"), len(m), sl)"}, "3 7 2.5 a 0 [0 0]\n"},
		{"loop variables per iteration", []string{`import "fmt"`, "var fs []func() int\nfor i := 0; i < 3; i++ { fs = append(fs, func() int { return i }) }\nfor _, f := range fs { fmt.Print(f()) }\nfmt.Println()"}, "012\n"},
		{"goroutines in a loop", []string{`import ("fmt"; "sort"; "sync")`, "var mu sync.Mutex\nvar wg sync.WaitGroup\ngot := []int{}\nfor i := 0; i < 5; i++ {\n\twg.Add(1)\n\tgo func() { defer wg.Done(); mu.Lock(); got = append(got, i); mu.Unlock() }()\n}\nwg.Wait()\nsort.Ints(got)\nfmt.Println(got)"}, "[0 1 2 3 4]\n"},
		{"defer evaluates arguments early", []string{`import "fmt"`, "func f() {\n\tx := 1\n\tdefer fmt.Println(\"deferred\", x)\n\tfor i := 0; i < 3; i++ { defer fmt.Print(i, \" \") }\n\tx = 2\n}\nf()"}, "2 1 0 deferred 1\n"},
		{"labeled break in select", []string{`import "fmt"`, "ch := make(chan int, 1)\nch <- 1\nn := 0\nloop:\nfor {\n\tn++\n\tif n > 100 { break }\n\tselect {\n\tcase <-ch:\n\t\tbreak loop\n\t}\n}\nfmt.Println(n)"}, "1\n"},
		{"select receive forms", []string{`import "fmt"`, "c := make(chan string, 2)\nc <- \"x\"\nclose(c)\nselect { case v, ok := <-c: fmt.Println(v, ok) }\nselect { case v, ok := <-c: fmt.Printf(\"%q %v\\n\", v, ok) }\nvar e chan error = make(chan error, 1)\ne <- nil\nselect { case err := <-e: fmt.Println(err) }"}, "x true\n\"\" false\n<nil>\n"},
		{"select send converts", []string{`import "fmt"`, "f := make(chan float64, 1)\nselect { case f <- 1: }\nfmt.Println(<-f)"}, "1\n"},
		{"OnceValue and atomic.Pointer", []string{`import ("fmt"; "sync"; "sync/atomic")`, "calls := 0\nget := sync.OnceValue(func() int { calls++; return 42 })\nvar p atomic.Pointer[string]\ns := \"hi\"\nfmt.Println(p.Load() == nil, p.CompareAndSwap(nil, &s))\nfmt.Println(get(), get(), calls, *p.Load())"}, "true true\n42 42 1 hi\n"},
		{"redefinition", []string{`import "fmt"`, "func f() int { return 1 }\nx := f()", "func f() string { return \"two\" }\nx := f()\nfmt.Println(x)"}, "two\n"},
		{"main is an ordinary function", []string{`import "fmt"`, "func main() { fmt.Println(\"ran\") }", "main()"}, "ran\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, out := newTestSession(t, "")
			var got strings.Builder
			for _, c := range tt.cells {
				r := s.Execute(context.Background(), c)
				got.WriteString(out.take())
				if r.Err != nil {
					t.Fatalf("cell %q: %v\n%s", c, r.Err, strings.Join(r.Err.Traceback, "\n"))
				}
			}
			if got.String() != tt.want {
				t.Errorf("printed %q, want %q", got.String(), tt.want)
			}
		})
	}
}

// TestDiagnostics checks that mistakes are reported as the Go compiler
// reports them, with the cell line and column, before anything runs.
func TestDiagnostics(t *testing.T) {
	tests := []struct {
		name, cell string
		want       string // in the first traceback line
	}{
		{"undefined", "y := undefinedFn(3)", "cell line 2, column 6: undefined: undefinedFn"},
		{"type mismatch", "var z int = \"str\"", `cannot use "str" (untyped string constant) as int value`},
		{"send on receive-only", "func f(c <-chan int) { c <- 1 }", "cannot send to receive-only channel"},
		{"unused variable in a function", "func g() {\n\tunused := 1\n}", "cell line 3, column 2: declared and not used: unused"},
		{"wrong return", "func bad() int { return \"s\" }", "cannot use \"s\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, out := newTestSession(t, "")
			r := s.Execute(context.Background(), "import \"fmt\"\nfmt.Print(\"\")\n"+strings.Repeat("\n", 0)+"")
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			out.take()
			r = s.Execute(context.Background(), "fmt.Println(\"must not run\")\n"+tt.cell)
			if r.Err == nil || r.Err.Name != "CompileError" {
				t.Fatalf("err = %+v, want a CompileError", r.Err)
			}
			if !strings.Contains(r.Err.Traceback[0], tt.want) && !strings.Contains(strings.Join(r.Err.Traceback, "\n"), tt.want) {
				t.Errorf("traceback %q does not contain %q", r.Err.Traceback, tt.want)
			}
			if printed := out.take(); printed != "" {
				t.Errorf("a cell with compile errors ran: printed %q", printed)
			}
		})
	}
}

func TestTopLevelUnusedIsFine(t *testing.T) {
	s, _ := newTestSession(t, "")
	if r := s.Execute(context.Background(), "x := 1\nimport \"strings\""); r.Err != nil {
		t.Fatalf("a notebook variable or import not used in its own cell is no error: %v", r.Err)
	}
}

func TestDeferBuiltins(t *testing.T) {
	s, out := newTestSession(t, "")
	for _, c := range []string{
		`import "fmt"`,
		"ch := make(chan int)\ngo func() {\n\tdefer close(ch)\n\tfor i := 1; i <= 3; i++ { ch <- i * 10 }\n}()\nsum := 0\nfor v := range ch { sum += v }\nfmt.Println(sum)",
	} {
		if r := s.Execute(context.Background(), c); r.Err != nil {
			t.Fatalf("cell %q: %v", c, r.Err)
		}
	}
	if got := out.take(); got != "60\n" {
		t.Errorf("printed %q", got)
	}
}
