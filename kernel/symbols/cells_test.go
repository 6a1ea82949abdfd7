package symbols_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"goconc/kernel/engine"
)

// syncBuffer collects what cells print, from any goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) take() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.b.String()
	s.b.Reset()
	return out
}

// TestCellsUseTheTables runs cells, in one session, that import packages
// and functions added to the standard library after go1.22, implement
// its interfaces with interpreted types, and use its untyped constants.
func TestCellsUseTheTables(t *testing.T) {
	out := &syncBuffer{}
	s, err := engine.NewSession(engine.Options{Stdout: out, Stderr: out})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	steps := []struct {
		name  string
		cell  string
		want  string // exact output
		error string // the name of the cell's error, if it must fail
	}{
		{
			name: "packages with only generic API import",
			cell: `import ("fmt"; "iter"; "unique"; "weak"; "maps"; "slices")`,
		},
		{
			name: "iterator functions of strings and bytes (go1.24)",
			cell: `import ("bytes"; "strings")
func iterate() {
	for line := range strings.Lines("one\ntwo\n") {
		fmt.Printf("%q ", line)
	}
	for f := range bytes.FieldsSeq([]byte("  p  q ")) {
		fmt.Printf("[%s]", f)
	}
}
iterate()
strings.SplitSeq("a,b,c", ",")(func(s string) bool { fmt.Print(s, ";"); return s != "b" })
fmt.Println()`,
			want: `"one\n" "two\n" [p][q]a;b;` + "\n",
		},
		{
			name: "crypto/sha3 and crypto/mlkem (go1.24)",
			cell: `import ("crypto/mlkem"; "crypto/sha3")
fmt.Printf("%x\n", sha3.Sum256([]byte("abc")))
dk, _ := mlkem.GenerateKey768()
shared, ciphertext := dk.EncapsulationKey().Encapsulate()
again, err := dk.Decapsulate(ciphertext)
fmt.Println(bytes.Equal(shared, again), err, len(ciphertext) == mlkem.CiphertextSize768)`,
			want: "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532\ntrue <nil> true\n",
		},
		{
			name: "crypto/hpke (go1.26)",
			cell: `import "crypto/hpke"
priv, _ := hpke.MLKEM768().GenerateKey()
sealed, _ := hpke.Seal(priv.PublicKey(), hpke.HKDFSHA256(), hpke.AES128GCM(), []byte("info"), []byte("secret"))
opened, err := hpke.Open(priv, hpke.HKDFSHA256(), hpke.AES128GCM(), []byte("info"), sealed)
fmt.Println(string(opened), err)`,
			want: "secret <nil>\n",
		},
		{
			name: "log/slog.NewMultiHandler (go1.26)",
			cell: `import "log/slog"
var logged strings.Builder
noTime := &slog.HandlerOptions{ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}}
logger := slog.New(slog.NewMultiHandler(slog.NewTextHandler(&logged, noTime), slog.NewJSONHandler(&logged, noTime)))
logger.Info("hi", "n", 1)
fmt.Print(logged.String())`,
			want: "level=INFO msg=hi n=1\n" + `{"level":"INFO","msg":"hi","n":1}` + "\n",
		},
		{
			name: "os.Root (go1.24) and structs.HostLayout (go1.23)",
			cell: fmt.Sprintf(`import ("os"; "structs")
root, err := os.OpenRoot(%q)
if err != nil {
	panic(err)
}
f, _ := root.Create("note.txt")
f.WriteString("kept")
f.Close()
info, _ := root.Stat("note.txt")
_, escape := root.Open("../outside")
type hostPoint struct {
	_    structs.HostLayout
	X, Y int32
}
fmt.Println(info.Size(), escape != nil, hostPoint{X: 1, Y: 2}.Y)`, t.TempDir()),
			want: "4 true 2\n",
		},
		{
			name: "interpreted io.Reader, fmt.Stringer and fmt.Scanner",
			cell: `import "io"
type countdown struct{ n int }
func (c *countdown) Read(p []byte) (int, error) {
	if c.n == 0 {
		return 0, io.EOF
	}
	c.n--
	p[0] = byte('0' + c.n)
	return 1, nil
}
type celsius float64
func (c celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }
type shout struct{ s string }
func (w *shout) Scan(state fmt.ScanState, verb rune) error {
	tok, err := state.Token(true, nil)
	w.s = strings.ToUpper(string(tok))
	return err
}
all, _ := io.ReadAll(&countdown{3})
var loud shout
fmt.Sscan("quiet", &loud)
fmt.Println(string(all), celsius(21.5), fmt.Sprint(celsius(-3)), loud.s)`,
			want: "210 21.5°C -3.0°C QUIET\n",
		},
		{
			name: "interpreted sort.Interface and heap.Interface",
			cell: `import ("container/heap"; "sort")
type byLength []string
func (b byLength) Len() int           { return len(b) }
func (b byLength) Less(i, j int) bool { return len(b[i]) < len(b[j]) }
func (b byLength) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }
type minHeap []int
func (h minHeap) Len() int           { return len(h) }
func (h minHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h minHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *minHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *minHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
words := byLength{"ccc", "a", "bb"}
sort.Sort(words)
h := &minHeap{5, 2, 8}
heap.Init(h)
heap.Push(h, 1)
fmt.Println(words, heap.Pop(h), heap.Pop(h), h.Len())`,
			want: "[a bb ccc] 1 2 2\n",
		},
		{
			name: "interpreted http.Handler, json.Marshaler and io.ReaderFrom",
			cell: `import ("encoding/json"; "net/http"; "net/http/httptest")
type greeter struct{ greeting string }
func (g greeter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintf(w, "%s %s", g.greeting, r.URL.Path[1:])
}
type secret struct{}
func (secret) MarshalJSON() ([]byte, error) { return []byte(` + "`\"***\"`" + `), nil }
type counter struct{ n int64 }
func (c *counter) Write(p []byte) (int, error) { return len(p), nil }
func (c *counter) ReadFrom(r io.Reader) (int64, error) {
	b, err := io.ReadAll(r)
	c.n = int64(len(b)) * 100
	return c.n, err
}
mux := http.NewServeMux()
mux.Handle("/", greeter{"hello"})
rec := httptest.NewRecorder()
mux.ServeHTTP(rec, httptest.NewRequest("GET", "/gopher", nil))
js, _ := json.Marshal(secret{})
copied, _ := io.Copy(&counter{}, io.LimitReader(strings.NewReader("abcdef"), 4))
fmt.Println(rec.Code, rec.Body.String(), string(js), copied)`,
			want: `200 hello gopher "***" 400` + "\n",
		},
		{
			name: "untyped constants keep their exact values",
			cell: `import "math"
var most uint64 = math.MaxUint64
const third = math.MaxUint64 / 3
fmt.Println(most, uint64(third), math.MaxInt64, math.SmallestNonzeroFloat64, math.MaxFloat64, math.Pi)`,
			want: "18446744073709551615 6148914691236517205 9223372036854775807 5e-324 1.7976931348623157e+308 3.141592653589793\n",
		},
		{
			name:  "os.Exit ends the cell, not the interpreter",
			cell:  `os.Exit(4)`,
			error: "Exit",
		},
		{
			name: "the session lives on after os.Exit",
			cell: `fmt.Println(celsius(0))`,
			want: "0.0°C\n",
		},
	}
	for _, st := range steps {
		r := s.Execute(context.Background(), st.cell)
		got := out.take()
		switch {
		case st.error != "":
			if r.Err == nil || r.Err.Name != st.error {
				t.Errorf("%s: err = %+v, want %s", st.name, r.Err, st.error)
			}
		case r.Err != nil:
			t.Errorf("%s: %s: %s\n%s", st.name, r.Err.Name, r.Err.Value, strings.Join(r.Err.Traceback, "\n"))
		case got != st.want:
			t.Errorf("%s: printed %q, want %q", st.name, got, st.want)
		}
	}
}
