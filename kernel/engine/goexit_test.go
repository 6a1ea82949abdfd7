package engine

import (
	"context"
	"strings"
	"testing"
)

// TestProgramGoexit checks a program whose main goroutine calls
// runtime.Goexit, as Go runs it: main's deferred calls run, the other
// goroutines run on, and the program ends with Go's fatal error when
// none is left; with the deadlock report when they are all blocked; or
// as one of them ends it, by os.Exit or a panic. Options.End marks the
// end, once, before the cell that called main returns. Each program runs
// under GOMAXPROCS 1 and 2, three times.
func TestProgramGoexit(t *testing.T) {
	const deadlock = "all goroutines are asleep - deadlock!"
	tests := []struct {
		name    string
		program string // a file without its package clause
		printed string // what the program has printed when it ends
		exit    int    // os.Exit's status, -1 when the program does not exit
		failure string // the error the program ends with, "" for none
		// inInit: the program ends in its init, before main is called.
		inInit bool
	}{
		{
			name: "main's deferred calls run, then the goroutines end",
			program: `
import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	defer fmt.Println("main's deferred call")
	go func() {
		time.Sleep(20 * time.Millisecond)
		fmt.Println("the goroutine ends")
	}()
	runtime.Goexit()
	fmt.Println("not reached")
}`,
			printed: "main's deferred call\nthe goroutine ends\n",
			exit:    -1,
			failure: goexitMessage,
		},
		{
			name: "a goroutine started just before Goexit is waited for",
			program: `
import (
	"fmt"
	"runtime"
)

func main() {
	for i := range 3 {
		go func() { fmt.Println("goroutine", i) }()
	}
	runtime.Goexit()
}`,
			exit:    -1,
			failure: goexitMessage,
		},
		{
			name: "from a function main calls, which recovers nothing",
			program: `
import (
	"fmt"
	"runtime"
)

func stop() {
	defer fmt.Println("stop's deferred call")
	runtime.Goexit()
}

func main() {
	defer func() { fmt.Println("main recovers", recover()) }()
	stop()
	fmt.Println("not reached")
}`,
			printed: "stop's deferred call\nmain recovers <nil>\n",
			exit:    -1,
			failure: goexitMessage,
		},
		{
			name: "in a deferred call, the calls deferred before it still run",
			program: `
import (
	"fmt"
	"runtime"
)

func main() {
	defer fmt.Println("deferred first")
	defer runtime.Goexit()
	defer fmt.Println("deferred last")
	fmt.Println("main's body")
}`,
			printed: "main's body\ndeferred last\ndeferred first\n",
			exit:    -1,
			failure: goexitMessage,
		},
		{
			name: "in a deferred call during a panic, the panic is dropped",
			program: `
import (
	"fmt"
	"runtime"
)

func main() {
	defer fmt.Println("deferred first")
	defer runtime.Goexit()
	panic("boom")
}`,
			printed: "deferred first\n",
			exit:    -1,
			failure: goexitMessage,
		},
		{
			name: "the goroutines left deadlock",
			program: `
import (
	"fmt"
	"runtime"
)

func main() {
	defer fmt.Println("main's deferred call")
	ch := make(chan int)
	go func() {
		<-ch
		fmt.Println("not reached")
	}()
	runtime.Goexit()
}`,
			printed: "main's deferred call\n",
			exit:    -1,
			failure: deadlock,
		},
		{
			name: "a goroutine left calls os.Exit",
			program: `
import (
	"fmt"
	"os"
	"runtime"
	"time"
)

func main() {
	go func() {
		time.Sleep(20 * time.Millisecond)
		fmt.Println("exiting")
		os.Exit(3)
	}()
	runtime.Goexit()
}`,
			printed: "exiting\n",
			exit:    3,
		},
		{
			name: "a goroutine left panics",
			program: `
import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	go func() {
		time.Sleep(20 * time.Millisecond)
		fmt.Println("panicking")
		panic("boom")
	}()
	runtime.Goexit()
}`,
			printed: "panicking\n",
			exit:    -1,
			failure: "boom",
		},
		{
			name: "goroutines that call Goexit end, main returns",
			program: `
import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer fmt.Println("goroutine", i, "deferred")
			runtime.Goexit()
			fmt.Println("not reached")
		}()
	}
	wg.Wait()
	fmt.Println("main returns")
}`,
			printed: "", // checked below: the three goroutines' lines, then main's
			exit:    -1,
		},
		{
			name: "in an init function",
			program: `
import (
	"fmt"
	"runtime"
)

func init() {
	defer fmt.Println("init's deferred call")
	runtime.Goexit()
}

func main() { fmt.Println("not reached") }`,
			printed: "init's deferred call\n",
			exit:    -1,
			failure: goexitMessage,
			inInit:  true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			underProcs(t, func(t *testing.T) {
				for range 3 {
					out := &lockedBuffer{}
					rec := &endRecorder{out: out}
					s, err := NewSession(Options{Stdout: out, Stderr: out, Program: "prog.go", End: rec.end})
					if err != nil {
						t.Fatal(err)
					}
					defer s.Close()
					r := s.Execute(context.Background(), tt.program)
					if !tt.inInit {
						if r.Err != nil {
							t.Fatalf("declaring the program: %+v", r.Err)
						}
						if rec.count() != 0 {
							t.Fatal("the program ended before main was called")
						}
						r = s.Execute(context.Background(), "main()")
					}
					rec.cellReturned()
					switch {
					case tt.exit >= 0 && (!r.Exited || r.ExitCode != tt.exit):
						t.Errorf("result %+v, want os.Exit(%d)", r, tt.exit)
					case tt.exit < 0 && tt.failure == "" && (r.Err != nil || r.Exited):
						t.Errorf("result %+v, want main to return", r)
					case tt.failure != "" && (r.Err == nil || r.Err.Value != tt.failure):
						t.Errorf("result %+v, want the failure %q", r, tt.failure)
					}
					if tt.failure == goexitMessage && r.Err != nil && (len(r.Err.Traceback) != 1 || r.Err.Traceback[0] != "fatal error: "+goexitMessage) {
						t.Errorf("traceback %q, want Go's one line", r.Err.Traceback)
					}
					rec.mu.Lock()
					calls, printed, late := rec.calls, rec.printed, rec.late
					rec.mu.Unlock()
					if calls != 1 {
						t.Fatalf("End called %d times, want once", calls)
					}
					if late {
						t.Error("End was called after the cell that called main had returned")
					}
					switch tt.name {
					case "a goroutine started just before Goexit is waited for":
						for i := range 3 {
							if !strings.Contains(printed, "goroutine "+string(rune('0'+i))+"\n") {
								t.Errorf("printed %q when the program ended, want every goroutine's line", printed)
							}
						}
					case "goroutines that call Goexit end, main returns":
						if strings.Count(printed, " deferred\n") != 3 || !strings.HasSuffix(printed, "main returns\n") || strings.Contains(printed, "not reached") {
							t.Errorf("printed %q when the program ended, want three goroutines' deferred lines, then main's", printed)
						}
					default:
						if printed != tt.printed {
							t.Errorf("printed %q when the program ended, want %q", printed, tt.printed)
						}
					}
				}
			})
		})
	}
}

// TestCellGoexit checks runtime.Goexit in a notebook: called by a cell's
// own statements, the cell's deferred calls run and nothing after the
// call does, the cell ends with a message saying so, and the session
// runs the next cell. Goexit in a goroutine a cell starts ends that
// goroutine only.
func TestCellGoexit(t *testing.T) {
	type cell struct {
		src     string
		printed string
		goexit  bool // the cell ends by Goexit
	}
	tests := []struct {
		name  string
		cells []cell
	}{
		{
			name: "the cell's statements",
			cells: []cell{
				{src: `import ("fmt"; "runtime")`},
				{src: `
defer fmt.Println("deferred")
fmt.Println("before")
runtime.Goexit()
fmt.Println("after")`, printed: "before\ndeferred\n", goexit: true},
				{src: `fmt.Println("usable")`, printed: "usable\n"},
			},
		},
		{
			name: "statements after a declaration do not run",
			cells: []cell{
				{src: `import ("fmt"; "runtime")`},
				{src: `
fmt.Println("first")
runtime.Goexit()
func later() string { return "second" }
fmt.Println(later())`, printed: "first\n", goexit: true},
				{src: `fmt.Println(later())`, printed: "second\n"},
			},
		},
		{
			name: "a function the cell calls, in a deferred call",
			cells: []cell{
				{src: `import ("fmt"; "runtime")`},
				{src: `
func stop() {
	defer fmt.Println("deferred first")
	defer runtime.Goexit()
	fmt.Println("stopping")
}
defer func() { fmt.Println("recovered", recover()) }()
stop()
fmt.Println("not reached")`, printed: "stopping\ndeferred first\nrecovered <nil>\n", goexit: true},
				{src: `fmt.Println("usable")`, printed: "usable\n"},
			},
		},
		{
			name: "the cell's value is not shown",
			cells: []cell{
				{src: `import "runtime"`},
				{src: `
func value() int {
	runtime.Goexit()
	return 1
}
value()`, goexit: true},
				{src: `2`},
			},
		},
		{
			name: "goroutines",
			cells: []cell{
				{src: `import ("fmt"; "runtime"; "sync")`},
				{src: `
var wg sync.WaitGroup
for i := range 4 {
	wg.Add(1)
	go func() {
		defer wg.Done()
		if i%2 == 0 {
			runtime.Goexit()
		}
		fmt.Println("goroutine", i)
	}()
}
wg.Wait()
done := make(chan bool)
go func() {
	defer close(done)
	func() {
		defer fmt.Println("inner deferred")
		runtime.Goexit()
	}()
	fmt.Println("not reached")
}()
<-done
fmt.Println("cell goes on")`},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			underProcs(t, func(t *testing.T) {
				for range 3 {
					s, out := newTestSession(t, "")
					for _, c := range tt.cells {
						r := s.Execute(context.Background(), c.src)
						printed := out.take()
						switch {
						case c.goexit && (r.Err == nil || r.Err.Name != "Goexit" || !strings.Contains(r.Err.Value, "runtime.Goexit")):
							t.Errorf("cell %q: result %+v, want it to end by Goexit", c.src, r)
						case !c.goexit && r.Err != nil:
							t.Errorf("cell %q: %+v", c.src, r.Err)
						case c.goexit && r.Value != nil:
							t.Errorf("cell %q showed the value %v", c.src, r.Value)
						}
						if tt.name == "goroutines" && strings.Contains(c.src, "wg.Wait") {
							want := []string{"goroutine 1\n", "goroutine 3\n", "inner deferred\n", "cell goes on\n"}
							for _, w := range want {
								if !strings.Contains(printed, w) {
									t.Errorf("printed %q, want it to hold %q", printed, w)
								}
							}
							if strings.Contains(printed, "goroutine 0") || strings.Contains(printed, "goroutine 2") || strings.Contains(printed, "not reached") {
								t.Errorf("printed %q: a goroutine ran on after Goexit", printed)
							}
							continue
						}
						if printed != c.printed {
							t.Errorf("cell %q printed %q, want %q", c.src, printed, c.printed)
						}
					}
				}
			})
		})
	}
}
