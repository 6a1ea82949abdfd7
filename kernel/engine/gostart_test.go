package engine

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Go statements of declared functions, methods and function values: the
// statement evaluates the function and its arguments, each goroutine
// gets its own copies, and the call runs in the new goroutine. The
// expected output is what the Go toolchain prints for the same code.
// Each cell runs several times: goroutines that shared arguments would
// show on some schedules only.
func TestGoroutineCalls(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import ("fmt"; "sort"; "strings"; "sync"; "time")
var wg sync.WaitGroup
var mu sync.Mutex
var got []string
func say(xs ...any) string { return strings.TrimSpace(fmt.Sprintln(xs...)) }
func note(s string) { mu.Lock(); got = append(got, s); mu.Unlock() }
func report() { wg.Wait(); sort.Strings(got); fmt.Println(strings.Join(got, " ")); got = nil }
func worker(id int, f func() string) { defer wg.Done(); note(fmt.Sprint(id, ":", f())) }
func tags(id int, ts ...string) { defer wg.Done(); note(fmt.Sprint(id, ts)) }
func pair() (int, string) { return 7, "seven" }
func two(n int, s string) { defer wg.Done(); note(fmt.Sprint(n, "-", s)) }
func gen[T any](v T) { defer wg.Done(); note(fmt.Sprint(v)) }
type counter struct{ name string; n int }
func (c counter) val(k int) { defer wg.Done(); note(say(c.name, c.n, k)) }
func (c *counter) ptr(k int) { defer wg.Done(); note(say(c.name, c.n, k)) }
type guarded struct{ mu sync.Mutex; n int }
type outer struct{ counter }
type outerP struct{ *counter }
type deep struct{ outer }
type speaker interface{ speak(k int) }
func (c counter) speak(k int) { defer wg.Done(); note(say("speak", c.name, c.n, k)) }
func (c *counter) both(k int, s string) { defer wg.Done(); note(say(c.name, c.n, k, s)) }
func (c counter) vboth(k int, s string) { defer wg.Done(); note(say(c.name, c.n, k, s)) }
type pairTaker interface{ both(int, string) }
func kv() (int, string) { return 3, "three" }
type lockedBox struct{ sync.Mutex; n int }
`)
	cases := []struct {
		name, cell, want string
	}{
		{"declared function with a different closure per goroutine", `
for i := 0; i < 4; i++ {
	wg.Add(1)
	s := strings.Repeat("x", i)
	go worker(i, func() string { return s })
}
report()`, "0: 1:x 2:xx 3:xxx\n"},
		{"arguments evaluated by the go statement", `
n := 1
wg.Add(2)
go two(n, fmt.Sprint("at ", n))
n = 2
go two(n, fmt.Sprint("at ", n))
n = 3
report()`, "1-at 1 2-at 2\n"},
		{"function value evaluated by the go statement", `
f := func(n int, s string) { defer wg.Done(); note("first " + s) }
wg.Add(1)
go f(1, "a")
f = func(n int, s string) { defer wg.Done(); note("second " + s) }
wg.Add(1)
go f(2, "b")
report()`, "first a second b\n"},
		{"variadic, with and without ellipsis", `
wg.Add(3)
go tags(1)
go tags(2, "a", "b")
xs := []string{"c", "d"}
go tags(3, xs...)
report()`, "1 [] 2 [a b] 3 [c d]\n"},
		{"results of a call as arguments", `
wg.Add(1)
go two(pair())
report()`, "7-seven\n"},
		{"generic function", `
wg.Add(2)
go gen(5)
go gen[string]("five")
report()`, "5 five\n"},
		{"method values on value and pointer receivers", `
c := counter{"c", 1}
wg.Add(1)
go c.val(1)
c.n = 9
wg.Add(1)
go c.ptr(2)
report()`, "c 1 1 c 9 2\n"},
		{"method value of a value taken by the go statement", `
for i := 0; i < 3; i++ {
	c := counter{fmt.Sprint("k", i), i}
	wg.Add(1)
	go c.val(i)
}
report()`, "k0 0 0 k1 1 1 k2 2 2\n"},
		{"receivers evaluated by the go statement", `
p := &counter{"p", 1}
wg.Add(1)
go p.val(1)
p.n = 5
var v counter
v.name = "v"
wg.Add(1)
go v.ptr(2)
wg.Wait()
v.n = 7
report()`, "p 1 1 v 0 2\n"},
		{"promoted methods, receivers evaluated by the statement", `
o := outer{counter{"o", 1}}
wg.Add(1)
go o.val(1)
o.n = 2
wg.Wait()
p := outerP{&counter{"p", 3}}
wg.Add(1)
go p.val(2)
p.n = 4
wg.Wait()
wg.Add(1)
go p.ptr(3)
wg.Wait()
d := &deep{outer{counter{"d", 5}}}
wg.Add(2)
go d.val(4)
go d.ptr(5)
report()`, "d 5 4 d 5 5 o 1 1 p 3 2 p 4 3\n"},
		{"promoted method of a value taken by the statement", `
for i := 0; i < 3; i++ {
	o := outer{counter{fmt.Sprint("e", i), i}}
	wg.Add(1)
	go o.val(i)
}
report()`, "e0 0 0 e1 1 1 e2 2 2\n"},
		{"interface methods, the value taken by the statement", `
var sp speaker = counter{"i", 1}
wg.Add(1)
go sp.speak(1)
sp = counter{"j", 2}
wg.Add(1)
go sp.speak(2)
for i := 0; i < 3; i++ {
	var s speaker = counter{fmt.Sprint("l", i), i}
	wg.Add(1)
	go s.speak(i)
}
report()`, "speak i 1 1 speak j 2 2 speak l0 0 0 speak l1 1 1 speak l2 2 2\n"},
		{"methods given a call's results", `
c := &counter{"t", 1}
wg.Add(3)
go c.both(kv())
go c.vboth(kv())
var pt pairTaker = &counter{"u", 2}
go pt.both(kv())
report()`, "t 1 3 three t 1 3 three u 2 3 three\n"},
		{"a mutex of a field unlocked by another goroutine", `
g := &guarded{}
g.mu.Lock()
go g.mu.Unlock()
g.mu.Lock()
var h guarded
h.mu.Lock()
go h.mu.Unlock()
h.mu.Lock()
fmt.Println("locked again")`, "locked again\n"},
		{"a promoted mutex unlocked by another goroutine", `
b := &lockedBox{}
b.Lock()
go b.Unlock()
b.Lock()
var v lockedBox
v.Lock()
go v.Unlock()
v.Lock()
fmt.Println("locked again")`, "locked again\n"},
		{"function variable and literal with results", `
var fs []func(int, string)
fs = append(fs, two)
wg.Add(2)
go fs[0](4, "four")
go func(n int) int { defer wg.Done(); note(fmt.Sprint("lit", n)); return n }(5)
report()`, "4-four lit5\n"},
		{"compiled function", `
go time.Sleep(time.Millisecond)
fmt.Println("slept")`, "slept\n"},
		{"compiled variadic function", `
go fmt.Println("from a goroutine", 1)
time.Sleep(50 * time.Millisecond)`, "from a goroutine 1\n"},
		{"builtins", `
done := make(chan bool)
go close(done)
<-done
go println("to stderr")
time.Sleep(50 * time.Millisecond)`, "to stderr\n"},
	}
	for _, c := range cases {
		for run := 0; run < 3; run++ {
			if r := s.Execute(context.Background(), c.cell); r.Err != nil {
				t.Fatalf("%s: %v", c.name, r.Err.Value)
			}
			if got := out.take(); got != c.want {
				t.Errorf("%s, run %d: printed %q, want %q", c.name, run, got, c.want)
			}
		}
	}
}

// A goroutine's panic reads as Go's report, frame for frame: a method
// value, a function value and a literal with results started by a go
// statement add no frame of the function holding the statement.
func TestGoroutineCallTraces(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import "time"
type job struct{ id int }
func (j *job) run(x int) {
	if x == j.id {
		panic("job failed")
	}
}
type tally struct{ n int }
func (t tally) check(k int) {
	if t.n != k {
		panic("tally changed")
	}
}
type wrap struct{ *job }
type runner interface{ run(int) }
func (j *job) both(x int, s string) {
	panic(s)
}
func pair() (int, string) { return 1, "pair" }`)
	cases := []struct {
		name, cell string
		frames     []string // the report's lines after the goroutine's
	}{
		{"method value on a pointer", "j := &job{3}\ngo j.run(3)\ntime.Sleep(time.Minute)",
			[]string{"main.(*job).run(...)", "\tcell[1]:5", "created by cell[2] in goroutine 1", "\tcell[2]:2"}},
		{"method value of an addressable value", "var j job\ngo j.run(0)\ntime.Sleep(time.Minute)",
			[]string{"main.(*job).run(...)", "\tcell[1]:5", "created by cell[3] in goroutine 1", "\tcell[3]:2"}},
		{"value receiver copied by the statement", "p := &tally{1}\ngo p.check(2)\np.n = 2\ntime.Sleep(time.Minute)",
			[]string{"main.tally.check(...)", "\tcell[1]:11", "created by cell[4] in goroutine 1", "\tcell[4]:2"}},
		{"function value", "f := func(x int) {\n\tpanic(x)\n}\ngo f(1)\ntime.Sleep(time.Minute)",
			[]string{"cell[5].func1(...)", "\tcell[5]:2", "created by cell[5] in goroutine 1", "\tcell[5]:4"}},
		{"literal with results", "go func() int {\n\tpanic(\"result\")\n}()\ntime.Sleep(time.Minute)",
			[]string{"cell[6].func1(...)", "\tcell[6]:2", "created by cell[6] in goroutine 1", "\tcell[6]:1"}},
		{"promoted method", "w := wrap{&job{2}}\ngo w.run(2)\ntime.Sleep(time.Minute)",
			[]string{"main.(*job).run(...)", "\tcell[1]:5", "created by cell[7] in goroutine 1", "\tcell[7]:2"}},
		{"interface method", "var r runner = &job{4}\ngo r.run(4)\ntime.Sleep(time.Minute)",
			[]string{"main.(*job).run(...)", "\tcell[1]:5", "created by cell[8] in goroutine 1", "\tcell[8]:2"}},
		{"method given a call's results", "j := &job{}\ngo j.both(pair())\ntime.Sleep(time.Minute)",
			[]string{"main.(*job).both(...)", "\tcell[1]:17", "created by cell[9] in goroutine 1", "\tcell[9]:2"}},
		{"nil interface, in the goroutine of the statement", "var r runner\ngo r.run(1)\ntime.Sleep(time.Minute)",
			[]string{"cell[10]", "\tcell[10]:2"}},
	}
	for _, c := range cases {
		r := s.Execute(context.Background(), c.cell)
		out.take()
		if r.Err == nil {
			t.Fatalf("%s: the cell did not fail", c.name)
		}
		tb := r.Err.Traceback
		at := -1
		for i, l := range tb {
			if strings.HasPrefix(l, "goroutine ") {
				at = i
				break
			}
		}
		if at < 0 || len(tb) < at+1+len(c.frames) || !slices.Equal(tb[at+1:at+1+len(c.frames)], c.frames) {
			t.Errorf("%s: traceback\n%s\nwant after the goroutine's line\n%s", c.name, strings.Join(tb, "\n"), strings.Join(c.frames, "\n"))
		}
	}
}

// The builtins Go lets a go statement call run in the new goroutine with
// the arguments the statement evaluated; a panic of one ends the cell
// with Go's message.
func TestGoroutineBuiltins(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import ("fmt"; "time")`)
	cases := []struct {
		name, cell, want, panic string
	}{
		{"clear of a map and a slice", `
m := map[string]int{"a": 1, "b": 2}
xs := []int{1, 2, 3}
go clear(m)
go clear(xs)
time.Sleep(50 * time.Millisecond)
fmt.Println(len(m), xs)`, "0 [0 0 0]\n", ""},
		{"copy and delete", `
dst := make([]int, 2)
src := []int{7, 8}
go copy(dst, src)
k := map[int]bool{1: true}
go delete(k, 1)
time.Sleep(50 * time.Millisecond)
fmt.Println(dst, len(k))`, "[7 8] 0\n", ""},
		{"recover", "go recover()\ntime.Sleep(10 * time.Millisecond)\nfmt.Println(\"ok\")", "ok\n", ""},
		{"panic", "v := \"boom\"\ngo panic(v)\nv = \"changed\"\ntime.Sleep(time.Minute)", "", "panic: boom"},
		{"close of a closed channel", "ch := make(chan int)\nclose(ch)\ngo close(ch)\ntime.Sleep(time.Minute)", "", "panic: close of closed channel"},
		{"panic in a function", "func blow(ch chan int) {\n\tdefer close(ch)\n\tgo func() {}()\n\tgo panic(\"in blow\")\n}\nblow(make(chan int))\ntime.Sleep(time.Minute)", "", "panic: in blow"},
	}
	// The goroutine's one frame: Go's wrapper of the builtin's call, at
	// the go statement, numbered with the go and defer statements before
	// it that Go wraps.
	frames := map[string]*regexp.Regexp{
		"panic":                     regexp.MustCompile(`\ngoroutine \d+ \[running\]:\ncell\[(\d+)\]\.gowrap1\(\)\n\tcell\[(\d+)\]:2\ncreated by cell\[\d+\] in goroutine 1\n\tcell\[\d+\]:2\n`),
		"close of a closed channel": regexp.MustCompile(`\ngoroutine \d+ \[running\]:\ncell\[(\d+)\]\.gowrap1\(\)\n\tcell\[(\d+)\]:3\ncreated by cell\[\d+\] in goroutine 1\n\tcell\[\d+\]:3\n`),
		"panic in a function":       regexp.MustCompile(`\ngoroutine \d+ \[running\]:\nmain\.blow\.gowrap2\(\)\n\tcell\[(\d+)\]:4\ncreated by main\.blow in goroutine 1\n\tcell\[\d+\]:4\n`),
	}
	for _, c := range cases {
		for run := 0; run < 3; run++ {
			r := s.Execute(context.Background(), c.cell)
			got := out.take()
			switch {
			case c.panic == "" && r.Err != nil:
				t.Fatalf("%s: %v", c.name, r.Err.Value)
			case c.panic != "" && (r.Err == nil || len(r.Err.Traceback) == 0 || r.Err.Traceback[0] != c.panic):
				t.Errorf("%s: error %+v, want a report starting %q", c.name, r.Err, c.panic)
			case c.panic != "" && !frames[c.name].MatchString(strings.Join(r.Err.Traceback, "\n")+"\n"):
				t.Errorf("%s, run %d: traceback\n%s\nwant it to match %s", c.name, run, strings.Join(r.Err.Traceback, "\n"), frames[c.name])
			case got != c.want:
				t.Errorf("%s, run %d: printed %q, want %q", c.name, run, got, c.want)
			}
		}
	}
}

// A goroutine whose deferred calls, two or more, panic during its panic:
// every deferred call still runs, and the report names the panic they
// interrupted first, as Go's does. Two deferred wg.Done: the first wakes
// wg.Wait, the second panics on a negative counter, and Wait, woken on a
// WaitGroup no longer idle, panics too; the goroutine's report is the
// one shown, and the session goes on.
func TestGoroutineDeferredPanics(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import ("fmt"; "sync"; "time")`)
	cases := []struct {
		name, cell string
		header     []string
		printed    string
	}{
		{"two deferred wg.Done", `var wg sync.WaitGroup
wg.Add(1)
go func() {
	defer wg.Done()
	defer wg.Done()
	panic("A")
}()
wg.Wait()
fmt.Println("not reached")`, []string{"panic: A", "\tpanic: sync: negative WaitGroup counter"}, ""},
		{"two deferred wg.Done, then slow deferred calls", `var wg sync.WaitGroup
wg.Add(1)
go func() {
	defer time.Sleep(300 * time.Millisecond)
	defer wg.Done()
	defer wg.Done()
	panic("A")
}()
wg.Wait()
fmt.Println("not reached")`, []string{"panic: A", "\tpanic: sync: negative WaitGroup counter"}, ""},
		{"a deferred literal panics between two others", `go func() {
	defer fmt.Println("first deferred runs")
	defer func() { panic("B") }()
	defer fmt.Println("third")
	panic("A")
}()
time.Sleep(time.Minute)`, []string{"panic: A", "\tpanic: B"}, "third\nfirst deferred runs\n"},
	}
	for _, c := range cases {
		for run := 0; run < 3; run++ {
			r := s.Execute(context.Background(), c.cell)
			if r.Err == nil || len(r.Err.Traceback) < len(c.header) || !slices.Equal(r.Err.Traceback[:len(c.header)], c.header) {
				t.Fatalf("%s, run %d: error %+v, want a report starting %q", c.name, run, r.Err, c.header)
			}
			if got := out.take(); got != c.printed {
				t.Errorf("%s, run %d: printed %q, want %q", c.name, run, got, c.printed)
			}
			if r := s.Execute(context.Background(), `fmt.Println("next")`); r.Err != nil || out.take() != "next\n" {
				t.Fatalf("%s, run %d: the next cell: %+v", c.name, run, r.Err)
			}
		}
	}
}
