package procs

import (
	"bufio"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseWorkerSignatures(t *testing.T) {
	src := `import "errors"

type point struct{ X, Y int }

func square(x int) int { return x * x }
func add(a, b int) int { return a + b }
func check(s string) error { return errors.New(s) }
func div(a, b float64) (q float64, err error) { return a / b, nil }
func hello() {}
func names(m map[string][]int) []string { return nil }
func grid() [3][2]bool { return [3][2]bool{} }
func origin() point { return point{} }
func anything() any { return nil }
func pair() (int, int) { return 1, 2 }
func sum(xs ...int) int { return 0 }
func apply(f func(int) int) int { return f(1) }
func feed(ch chan int) {}
func first[T any](xs []T) T { return xs[0] }
func bytesOf(s string) []byte { return []byte(s) }
func keyed() map[point]int { return nil }
func (p point) norm() int { return p.X }
func init() {}
`
	prog, err := parseWorker(src)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		params   []string
		result   string
		hasErr   bool
		decodeAs reflect.Type
		why      string
	}{
		{name: "square", params: []string{"int"}, result: "int", decodeAs: reflect.TypeFor[int]()},
		{name: "add", params: []string{"int", "int"}, result: "int", decodeAs: reflect.TypeFor[int]()},
		{name: "check", params: []string{"string"}, hasErr: true},
		{name: "div", params: []string{"float64", "float64"}, result: "float64", hasErr: true, decodeAs: reflect.TypeFor[float64]()},
		{name: "hello"},
		{name: "names", params: []string{"map[string][]int"}, result: "[]string", decodeAs: reflect.TypeFor[[]string]()},
		{name: "grid", result: "[3][2]bool", decodeAs: reflect.TypeFor[[3][2]bool]()},
		{name: "origin", result: "point"},
		{name: "anything", result: "any", decodeAs: reflect.TypeFor[any]()},
		{name: "pair", why: "it returns more than a value and an error"},
		{name: "sum", why: "it is variadic"},
		{name: "apply", why: "a function cannot be sent to a process"},
		{name: "feed", why: "a channel cannot be sent to a process"},
		{name: "first", why: "it has type parameters"},
		{name: "bytesOf", params: []string{"string"}, result: "[]byte", decodeAs: reflect.TypeFor[[]byte]()},
		{name: "keyed", result: "map[point]int"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ok := prog.funcs[tt.name]
			if !ok {
				t.Fatalf("no function %s", tt.name)
			}
			if f.why != tt.why {
				t.Fatalf("why = %q, want %q", f.why, tt.why)
			}
			if tt.why != "" {
				if strings.Contains(prog.src, fmt.Sprintf("case %q", tt.name)) {
					t.Errorf("%s is in the worker's switch", tt.name)
				}
				return
			}
			if !reflect.DeepEqual(f.params, tt.params) || f.result != tt.result || f.hasErr != tt.hasErr {
				t.Errorf("got params %q result %q error %v, want %q %q %v", f.params, f.result, f.hasErr, tt.params, tt.result, tt.hasErr)
			}
			if f.decodeAs != tt.decodeAs {
				t.Errorf("decodes as %v, want %v", f.decodeAs, tt.decodeAs)
			}
			if !strings.Contains(prog.src, fmt.Sprintf("case %q", tt.name)) {
				t.Errorf("%s is not in the worker's switch", tt.name)
			}
		})
	}
	for _, name := range []string{"norm", "init", "main"} {
		if _, ok := prog.funcs[name]; ok {
			t.Errorf("%s is listed as a worker function", name)
		}
	}
}

func TestParseWorkerErrors(t *testing.T) {
	tests := []struct {
		name, src, wantErr string
	}{
		{"main", "func main() {}\nfunc f() {}", "declares main"},
		{"package", "package lib\n\nfunc f() {}", "package lib"},
		{"syntax", "func f( {}", "worker source"},
		{"nothing callable", "func f() (int, int) { return 1, 2 }", "no function"},
		{"empty", "", "no function"},
		{"reserved name", "func procsCall() {}\nfunc f() {}", "procs"},
		{"reserved import", "import procsjson \"encoding/json\"\nfunc f() { procsjson.Marshal(1) }", "procs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseWorker(tt.src)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

// The lesson's functions keep their line numbers in the worker program,
// so that messages about them point at the right line.
func TestWorkerSourceKeepsLines(t *testing.T) {
	for _, src := range []string{
		"package main\n\nimport \"strings\"\n\n// shout shouts.\nfunc shout(s string) string {\n\treturn strings.ToUpper(s)\n}\n",
		"// with no package clause\nfunc shout(s string) string {\n\treturn s + \"!\"\n}\n",
	} {
		out, err := WorkerSource(src)
		if err != nil {
			t.Fatal(err)
		}
		lineOf := func(text, what string) int {
			return strings.Count(text[:strings.Index(text, what)], "\n")
		}
		shift := 0
		if !strings.HasPrefix(src, "package") {
			shift = 1 // the added package clause
		}
		for _, what := range []string{"func shout", "return"} {
			if got, want := lineOf(out, what), lineOf(src, what)+shift; got != want {
				t.Errorf("%q moved from line %d to %d", what, want, got)
			}
		}
	}
}

// The worker program runs natively too, and answers what it is asked
// over its pipes.
func TestWorkerProtocol(t *testing.T) {
	src := `import (
	"errors"
	"fmt"
)

func square(x int) int { return x * x }
func add(a, b int) int { return a + b }
func div(a, b int) (int, error) {
	if b == 0 {
		return 0, errors.New("division by zero")
	}
	return a / b, nil
}
func shout() { fmt.Print("no newline") }
func boom(i int) int { var s []int; return s[i] }
`
	prog, err := parseWorker(src)
	if err != nil {
		t.Fatal(err)
	}
	ctx := testContext(t, 60*time.Second)
	p, err := Start(ctx, prog.src, WithRunner("go", "run"))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Stop()
	for _, req := range []string{
		`{"id":1,"fn":"square","arg":7}`,
		`{"id":2,"fn":"add","arg":[2,3]}`,
		`{"id":3,"fn":"div","arg":[1,0]}`,
		`{"id":4,"fn":"shout"}`,
		`{"id":5,"fn":"boom","arg":3}`,
		`{"id":6,"fn":"nosuch"}`,
		`{"id":7,"fn":"square","arg":"seven"}`,
		`{"id":8,"fn":"add","arg":[1]}`,
		`not json`,
	} {
		io.WriteString(p.Stdin(), req+"\n")
	}
	p.Stdin().Close()
	want := []string{
		`{"id":0,"pid":`,
		`{"id":1,"value":49}`,
		`{"id":2,"value":5}`,
		`{"id":3,"error":"division by zero"}`,
		`no newline`,
		`{"id":4,"value":null}`,
		`{"id":5,"error":"panic: runtime error: index out of range [3] with length 0"}`,
		`{"id":6,"error":"no function nosuch"}`,
		`{"id":7,"error":"decoding the argument: json: cannot unmarshal string into Go value of type int"}`,
		`{"id":8,"error":"want a list of 2 arguments, got [1]"}`,
		`{"id":0,"error":"bad request: `,
	}
	var got []string
	sc := bufio.NewScanner(p.Stdout())
	for sc.Scan() {
		if sc.Text() != "" {
			got = append(got, sc.Text())
		}
	}
	if err := p.Wait(); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("line %d: %s\nwant %s", i, got[i], want[i])
		}
	}
}
