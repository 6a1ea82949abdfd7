package engine

import (
	"context"
	"strings"
	"testing"
)

// TestPanicTraceback checks that a panic that ends a cell reads as Go's
// report: the value, the goroutine, and the frames in the cells' code
// with the cell where each function is, and the panic's line.
func TestPanicTraceback(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import ("fmt"; "log"; "time")

func pick(xs []int, i int) int {
	return xs[i]
}

func explode(reason string) {
	if reason != "" {
		panic("exploded: " + reason)
	}
}

type account struct{ balance int }

func (a *account) withdraw(n int) {
	if n > a.balance {
		panic("overdrawn")
	}
	a.balance -= n
}

type ledger []int

func (l ledger) last() int { return l[len(l)-1] }

type blower interface{ blow(string) }
type mine struct{}
func (mine) blow(s string) { explode(s) }
func fire(b blower) {
	b.blow("")
	b.blow("iface")
}

func shielded(n int) {
	release := func() {}
	defer release()
	for i := 0; i < n; i++ {
		if i == 2 {
			panic("shielded")
		}
	}
}`)
	tests := []struct {
		name string
		cell string
		want []string // the traceback's lines, in order, among others
	}{
		{
			name: "index out of range in a function of an earlier cell",
			cell: "x := 3\npick(nil, x)",
			want: []string{"panic: runtime error: index out of range [3] with length 0", "goroutine 1 [running]:", "main.pick(...)", "\tcell[1]:4", "cell[2]"},
		},
		{
			name: "explicit panic",
			cell: `explode("fuse")`,
			want: []string{"panic: exploded: fuse", "main.explode(...)", "\tcell[1]:9"},
		},
		{
			name: "panic in a goroutine",
			cell: "go explode(\"late\")\ntime.Sleep(time.Minute)",
			want: []string{"panic: exploded: late", "goroutine 7 [running]:", "main.explode(...)", "\tcell[1]:9", "created by cell[4] in goroutine 1", "\tcell[4]:1"},
		},
		{
			name: "methods named with their receivers",
			cell: "acct := &account{balance: 1}\nacct.withdraw(5)",
			want: []string{"panic: overdrawn", "main.(*account).withdraw(...)", "\tcell[1]:17", "cell[5]"},
		},
		{
			name: "a value receiver's method in a goroutine",
			cell: "go func() { ledger{}.last() }()\ntime.Sleep(time.Minute)",
			want: []string{"panic: runtime error: index out of range [-1]", "goroutine 8 [running]:", "main.ledger.last(...)", "\tcell[1]:24", "created by cell[6] in goroutine 1", "\tcell[6]:1"},
		},
		{
			name: "a recovered panic leaves no frames behind",
			cell: "func() {\n\tdefer func() { recover() }()\n\texplode(\"first\")\n}()\nvar m map[int]int\nm[1] = 2",
			want: []string{"panic: assignment to entry in nil map", "goroutine 1 [running]:", "cell[7]"},
		},
		{
			name: "outer frames with the lines of their calls",
			cell: "func relay(r string) {\n\texplode(r)\n}\n\nrelay(\"deep\")",
			want: []string{"panic: exploded: deep", "main.explode(...)", "\tcell[1]:9", "main.relay(...)", "\tcell[8]:2", "cell[8]", "\tcell[8]:5"},
		},
		{
			name: "a callee called on two lines",
			cell: "func twice(a, b string) {\n\texplode(a)\n\texplode(b)\n}\n\ntwice(\"\", \"second\")",
			want: []string{"panic: exploded: second", "main.explode(...)", "\tcell[1]:9", "main.twice(...)", "\tcell[9]:3", "cell[9]", "\tcell[9]:6"},
		},
		{
			name: "calls through a function value, one spread over lines",
			cell: "f := explode\nf(\"\")\nif true {\n\tf(\n\t\t\"value\",\n\t)\n}",
			want: []string{"panic: exploded: value", "main.explode(...)", "\tcell[1]:9", "cell[10]", "\tcell[10]:4"},
		},
		{
			name: "calls through an interface of the cells",
			cell: "fire(mine{})",
			want: []string{"panic: exploded: iface", "main.explode(...)", "\tcell[1]:9", "main.mine.blow(...)", "\tcell[1]:28", "main.fire(...)", "\tcell[1]:31", "cell[11]", "\tcell[11]:1"},
		},
		{
			name: "a method declared in the failing cell",
			cell: "type vault struct{}\nfunc (*vault) open() { explode(\"locked\") }\n(&vault{}).open()",
			want: []string{"panic: exploded: locked", "main.explode(...)", "\tcell[1]:9", "main.(*vault).open(...)", "\tcell[12]:2", "cell[12]", "\tcell[12]:3"},
		},
		{
			name: "a function literal's call",
			cell: "func() {\n\texplode(\"literal\")\n}()",
			want: []string{"panic: exploded: literal", "main.explode(...)", "\tcell[1]:9", "cell[13]", "\tcell[13]:2"},
		},
		{
			name: "a function whose first statement defers a closure",
			cell: "func guarded() {\n\tdefer func() {}()\n\texplode(\"guarded\")\n}\nguarded()",
			want: []string{"panic: exploded: guarded", "main.explode(...)", "\tcell[1]:9", "main.guarded(...)", "\tcell[14]:3", "cell[14]", "\tcell[14]:5"},
		},
		{
			name: "a goroutine's function literal",
			cell: "func spawn() {\n\tgo func() {\n\t\texplode(\"\")\n\t\texplode(\"from a goroutine\")\n\t}()\n}\nspawn()\ntime.Sleep(time.Minute)",
			want: []string{"panic: exploded: from a goroutine", "goroutine 9 [running]:", "main.explode(...)", "\tcell[1]:9", "main.spawn.func1(...)", "\tcell[15]:4", "created by main.spawn in goroutine 1", "\tcell[15]:2"},
		},
		{
			name: "a goroutine started by a goroutine",
			cell: "go func() {\n\tgo explode(\"nested\")\n}()\ntime.Sleep(time.Minute)",
			want: []string{"panic: exploded: nested", "goroutine 11 [running]:", "main.explode(...)", "\tcell[1]:9", "created by cell[16].func1 in goroutine 10", "\tcell[16]:2"},
		},
		{
			name: "a write to a nil map, at its line",
			cell: "func store(m map[string]int) {\n\tif m == nil {\n\t\tm[\"k\"] = 1\n\t}\n}\nstore(nil)",
			want: []string{"panic: assignment to entry in nil map", "main.store(...)", "\tcell[17]:3", "cell[17]", "\tcell[17]:6"},
		},
		{
			name: "a division by zero, at its line",
			cell: "func ratio(a, b int) int {\n\tc := a + b\n\treturn c / b\n}\nratio(1, 0)",
			want: []string{"panic: runtime error: integer divide by zero", "main.ratio(...)", "\tcell[18]:3"},
		},
		{
			name: "a function that can divide by zero on two lines gets neither",
			cell: "func share(a, b int) int {\n\tx := a / b\n\treturn x / b\n}\nshare(1, 0)",
			want: []string{"panic: runtime error: integer divide by zero", "main.share(...)\n\tcell[19]\n"},
		},
		{
			name: "a failed type assertion, at its line",
			cell: "func asInt(v any) int {\n\tn, _ := v.(int)\n\treturn n + v.(int)\n}\nasInt(\"x\")",
			want: []string{"panic: interface conversion: interface {} is string, not int", "main.asInt(...)", "\tcell[20]:3"},
		},
		{
			name: "a second close, at its line",
			cell: "func shut(c chan int) {\n\tclose(c)\n}\nch := make(chan int)\nshut(ch)\nshut(ch)",
			want: []string{"panic: close of closed channel", "main.shut(...)", "\tcell[21]:2", "cell[21]", "\tcell[21]:6"},
		},
		{
			name: "function literals numbered as Go numbers them",
			cell: "func pipeline() {\n\tfirst := func() {}\n\tsecond := func(n int) {\n\t\texplode(\"second\")\n\t}\n\tfirst()\n\tsecond(1)\n}\npipeline()",
			want: []string{"panic: exploded: second", "main.explode(...)", "\tcell[1]:9", "main.pipeline.func2(...)", "\tcell[22]:4", "main.pipeline(...)", "\tcell[22]:7", "cell[22]", "\tcell[22]:9"},
		},
		{
			name: "a literal of the cell's statements, at its panic's line",
			cell: "put := func(m map[string]int) {\n\tm[\"x\"] = 1\n}\nput(nil)",
			want: []string{"panic: assignment to entry in nil map", "cell[23].func1(...)", "\tcell[23]:2", "cell[23]", "\tcell[23]:4"},
		},
		{
			name: "a literal in a literal",
			cell: "func nest() {\n\touter := func() func() {\n\t\treturn func() {\n\t\t\tvar p *struct{ n int }\n\t\t\tp.n++\n\t\t}\n\t}\n\touter()()\n}\nnest()",
			want: []string{"panic: runtime error: invalid memory address or nil pointer dereference", "main.nest.func1.1(...)", "\tcell[24]:5", "main.nest(...)", "\tcell[24]:8"},
		},
		{
			name: "a goroutine's literal that panics itself after a call",
			cell: "go func() {\n\texplode(\"\")\n\tpanic(\"own\")\n}()\ntime.Sleep(time.Minute)",
			want: []string{"panic: own", "goroutine 12 [running]:", "cell[25].func1(...)", "\tcell[25]:3", "created by cell[25] in goroutine 1", "\tcell[25]:1"},
		},
		{
			name: "a goroutine WaitGroup.Go starts is numbered too",
			cell: "import \"sync\"\nvar wg sync.WaitGroup\nwg.Go(func() { explode(\"in Go\") })\nwg.Wait()",
			want: []string{"panic: exploded: in Go", "goroutine 13 [running]:", "main.explode(...)", "\tcell[1]:9"},
		},
		{
			name: "a method value started by a method",
			cell: "type srv struct{}\nfunc (s *srv) boot() {\n\tgo s.fail()\n}\nfunc (s *srv) fail() { explode(\"srv\") }\nnew(srv).boot()\ntime.Sleep(time.Minute)",
			want: []string{"panic: exploded: srv", "goroutine 14 [running]:", "main.explode(...)", "main.(*srv).fail(...)", "\tcell[27]:5", "created by main.(*srv).boot in goroutine 1", "\tcell[27]:3"},
		},
		{
			// The deferred call goes through a literal the rewrite adds,
			// in whose frame the panic is seen.
			name: "a function that defers a function value",
			cell: "shielded(3)",
			want: []string{"panic: shielded", "goroutine 1 [running]:", "main.shielded(...)", "\tcell[1]:39", "cell[28]"},
		},
		{
			name: "log.Panicf names the line of its call",
			cell: "func audit(n int) {\n\tif n > 1 {\n\t\tlog.Panicf(\"audit %d\", n)\n\t}\n}\naudit(1)\naudit(2)",
			want: []string{"panic: audit 2", "goroutine 1 [running]:", "main.audit(...)", "\tcell[29]:3", "cell[29]", "\tcell[29]:7"},
		},
		{
			// A goroutine's literal that defers wg.Done, in a loop (wg is
			// the cells' WaitGroup, declared above): its frame is in the
			// report, at its line.
			name: "a goroutine's literal with one deferred call, at its panic's line",
			cell: "func fill() {\n\tfor i := 0; i < 1; i++ {\n\t\twg.Add(1)\n\t\tgo func() {\n\t\t\tdefer wg.Done()\n\t\t\tvar m map[int]int\n\t\t\tm[i] = 2\n\t\t}()\n\t}\n}\nfill()\ntime.Sleep(time.Minute)",
			want: []string{"panic: assignment to entry in nil map", "goroutine 15 [running]:", "main.fill.func1(...)", "\tcell[30]:7", "created by main.fill in goroutine 1", "\tcell[30]:4"},
		},
		{
			name: "a goroutine's literal with one deferred call, at its call's line",
			cell: "func each() {\n\tfor i := 0; i < 1; i++ {\n\t\twg.Add(1)\n\t\tgo func() {\n\t\t\tdefer wg.Done()\n\t\t\texplode(fmt.Sprint(\"each \", i))\n\t\t}()\n\t}\n}\neach()\ntime.Sleep(time.Minute)",
			want: []string{"panic: exploded: each 0", "goroutine 16 [running]:", "main.explode(...)", "\tcell[1]:9", "main.each.func1(...)", "\tcell[31]:6", "created by main.each in goroutine 1", "\tcell[31]:4"},
		},
		{
			name: "literals in a goroutine's literal with one deferred call",
			cell: "func work() {\n\tfor i := range 1 {\n\t\twg.Add(1)\n\t\tgo func() {\n\t\t\tdefer wg.Done()\n\t\t\tf := func() { explode(fmt.Sprint(\"inner \", i)) }\n\t\t\tf()\n\t\t}()\n\t}\n}\nwork()\ntime.Sleep(time.Minute)",
			want: []string{"panic: exploded: inner 0", "goroutine 17 [running]:", "main.explode(...)", "\tcell[1]:9", "main.work.func1.1(...)", "\tcell[32]:6", "main.work.func1(...)", "\tcell[32]:7", "created by main.work in goroutine 1", "\tcell[32]:4"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cellErr := failedCell(t, s, out, tt.cell)
			if cellErr.Name != "panic" {
				t.Errorf("error name %q, want panic", cellErr.Name)
			}
			tb := strings.Join(cellErr.Traceback, "\n")
			for _, frame := range []string{"main.explode(...)", "main.shielded(...)"} {
				if strings.Count(tb, frame) > 1 {
					t.Errorf("a frame is repeated:\n%s", tb)
				}
			}
			wantTracebackLines(t, tb, tt.want)
			if strings.Contains(tb, ".func(") {
				t.Errorf("traceback names a function literal as the interpreter does, not as Go does:\n%s", tb)
			}
			if strings.Contains(tb, "goconc") || strings.Contains(tb, "first") {
				t.Errorf("traceback shows goconc's own frames or an earlier panic:\n%s", tb)
			}
		})
	}
}

// failedCell runs cell in s, drops what it printed, and returns its
// error, failing t if it has none.
func failedCell(t *testing.T, s *Session, out *lockedBuffer, cell string) *CellError {
	t.Helper()
	r := s.Execute(context.Background(), cell)
	out.take()
	if r.Err == nil {
		t.Fatal("the cell did not fail")
	}
	return r.Err
}

// wantTracebackLines fails t unless the traceback tb has the lines want
// in that order, with any others between them: the tests pin the frames
// that matter, not every line the runtime may add.
func wantTracebackLines(t *testing.T, tb string, want []string) {
	t.Helper()
	rest := tb
	for _, line := range want {
		i := strings.Index(rest, line)
		if i < 0 {
			t.Fatalf("traceback lacks %q (in order):\n%s", line, tb)
		}
		rest = rest[i+len(line):]
	}
}

// TestPrintBuiltins checks that print and println write to standard error
// in the runtime's formats, from goroutines too.
func TestPrintBuiltins(t *testing.T) {
	stdout, stderr := &lockedBuffer{}, &lockedBuffer{}
	s, err := NewSession(Options{Stdout: stdout, Stderr: stderr})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	tests := []struct {
		cell string
		want string
	}{
		{`var p *int; var xs []int; var m map[string]int; var ch chan int; println(p, xs, m, ch)`, "0x0 [0/0]0x0 0x0 0x0\n"},
		{`println(1.5, -2.0, float32(0.25), 1e100)`, "1.5 -2 0.25 1e+100\n"},
		{`println(true, "text", 'a', uint8(200), -7, 2+3i)`, "true text 97 200 -7 (2+3i)\n"},
		{`var e error; var x any; println(e, x)`, "(0x0,0x0) (0x0,0x0)\n"},
		{`print("a", 1, "b\n")`, "a1b\n"},
		{"done := make(chan bool)\ngo println(\"in a goroutine\", 7)\ngo func() { done <- true }()\n<-done\nimport \"time\"\ntime.Sleep(100 * time.Millisecond)", "in a goroutine 7\n"},
	}
	for _, tt := range tests {
		r := s.Execute(context.Background(), tt.cell)
		if r.Err != nil {
			t.Fatalf("%s: %v", tt.cell, r.Err)
		}
		if got := stderr.take(); got != tt.want {
			t.Errorf("%s: stderr %q, want %q", tt.cell, got, tt.want)
		}
		if got := stdout.take(); got != "" {
			t.Errorf("%s: stdout %q, want nothing", tt.cell, got)
		}
	}
}

// TestExitEndsCell checks os.Exit in a cell: the cell ends there without
// running deferred calls, reports the status, and the definitions stay.
func TestExitEndsCell(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import ("fmt"; "os")
kept := 41`)
	r := s.Execute(context.Background(), "defer fmt.Println(\"deferred\")\nfmt.Println(\"before\")\nos.Exit(4)\nfmt.Println(\"after\")")
	if !r.Exited || r.ExitCode != 4 || r.Err == nil || r.Err.Name != "Exit" {
		t.Errorf("os.Exit(4): exited %v, status %d, error %+v; want status 4 and an Exit error", r.Exited, r.ExitCode, r.Err)
	}
	if got := out.take(); got != "before\n" {
		t.Errorf("printed %q, want only %q", got, "before\n")
	}
	r = s.Execute(context.Background(), "os.Exit(0)")
	if !r.Exited || r.ExitCode != 0 || r.Err != nil {
		t.Errorf("os.Exit(0): exited %v, status %d, error %+v; want status 0, no error", r.Exited, r.ExitCode, r.Err)
	}
	r = s.Execute(context.Background(), "fmt.Println(kept + 1)")
	if r.Err != nil || out.take() != "42\n" {
		t.Errorf("the state after os.Exit: %+v", r.Err)
	}
}

// TestCallSites checks that the positions a program reads back name the
// cell's lines: runtime.Caller(0) and the file flags of package log.
func TestCallSites(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import (
	"fmt"
	"log"
	"runtime"
)`)
	checkCells(t, s, out, []cellCase{
		{cell: "_, file, line, ok := runtime.Caller(0)\nfmt.Println(file, line, ok)", want: "cell[2] 1 true\n"},
		{cell: "log.SetFlags(log.Lshortfile)\n\nlog.Println(\"short\")", want: "cell[3]:3: short\n"},
		{cell: "l := log.New(log.Writer(), \"[p] \", log.Lshortfile|log.Lmsgprefix)\nl.Printf(\"n=%d\", 3)", want: "cell[4]:2: [p] n=3\n"},
		{cell: "func where() {\n\tlog.Print(\"in a function\")\n}\nwhere()", want: "cell[5]:2: in a function\n"},
		{cell: "func at() int {\n\t_, _, l, _ := runtime.Caller(1)\n\treturn l\n}\ng := at\nfmt.Println(g(), func() int { return at() }())", want: "6 6\n"},
		{cell: "type liner interface{ at() int }\ntype spot struct{}\nfunc (spot) at() int { _, _, l, _ := runtime.Caller(1); return l }\nvar li liner = spot{}\nfmt.Println(li.\n\tat())", want: "6\n"},
		{cell: "log.SetFlags(0)\nlog.Println(\"plain\")", want: "plain\n"},
	})
}
