package engine

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestNestedPanics checks that a panic raised by a deferred call lets
// the function's other deferred calls run, and that a recover in them
// returns the newest panic, as in Go.
func TestNestedPanics(t *testing.T) {
	s, out := newTestSession(t, "")
	setup := `import ("fmt"; "strings")
var log strings.Builder`
	runSetup(t, s, out, setup)
	tests := []cellCase{
		{`func chain() (msg string) {
	defer func() { msg = fmt.Sprint("recovered ", recover(), " after ", log.String()) }()
	defer func() { log.WriteString("d1 "); panic("b") }()
	defer func() { log.WriteString("d2 "); panic("a") }()
	panic("first")
}
log.Reset()
fmt.Println(chain())`, "recovered b after d2 d1 \n"},
		{`func returning() {
	defer func() { log.WriteString("last ") }()
	defer func() { panic("from defer") }()
	log.WriteString("body ")
}
func caller() (msg string) {
	defer func() { msg = fmt.Sprint("caller recovered ", recover()) }()
	returning()
	return "not reached"
}
log.Reset()
fmt.Println(caller(), "|", log.String())`, "caller recovered from defer | body last \n"},
		{`func looped() (msg string) {
	defer func() { msg = fmt.Sprint("loop recovered ", recover()) }()
	for i := range 3 {
		defer func() {
			if i == 1 {
				panic(fmt.Sprint("loop ", i))
			}
			log.WriteString(fmt.Sprint("ran ", i, " "))
		}()
	}
	return "normal"
}
log.Reset()
fmt.Println(looped(), "|", log.String())`, "loop recovered loop 1 | ran 2 ran 0 \n"},
		{`func deferredArgs() {
	for i := 0; i < 3; i++ {
		defer fmt.Fprint(&log, i, " ")
		defer func(v int) { fmt.Fprint(&log, "v", v, " ") }(i)
	}
}
log.Reset()
deferredArgs()
fmt.Println(log.String())`, "v2 2 v1 1 v0 0 \n"},
		{`func runtimeInDefer() (msg string) {
	defer func() {
		err, _ := recover().(error)
		msg = fmt.Sprint("recovered: ", err)
	}()
	defer func() {
		var s []int
		i := 2
		_ = s[i]
	}()
	return "normal"
}
fmt.Println(runtimeInDefer())`, "recovered: runtime error: index out of range [2] with length 0\n"},
		{`done := make(chan string)
go func() {
	defer func() {
		if r := recover(); r != nil {
			done <- fmt.Sprint("goroutine recovered ", r)
		}
	}()
	panic("boom")
}()
fmt.Println(<-done)`, "goroutine recovered boom\n"},
		{`func handler(where *string) { *where = fmt.Sprint("handler ", recover()) }
func both() (a, b string) {
	defer handler(&a)
	defer func() { b = fmt.Sprint("closure ", recover()) }()
	panic("once")
}
fmt.Println(both())`, "handler <nil> closure once\n"},
	}
	checkCells(t, s, out, tests)
}

// A goroutine whose deferred call recovers and panics again ends the
// cell with that panic, and the session goes on: the interpreter skipped
// the goroutine's other deferred calls, its guard among them, and the
// panic ended the process. The other deferred calls run first, as in Go.
func TestGoroutineDeferredRepanic(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import ("fmt"; "sync"; "time")`)
	underProcs(t, func(t *testing.T) {
		r := s.Execute(context.Background(), `var wg sync.WaitGroup
wg.Add(1)
go func() {
	defer wg.Done()
	defer fmt.Println("first deferred ran")
	defer func() {
		r := recover()
		panic(fmt.Sprint("worker: ", r))
	}()
	panic("disk")
}()
wg.Wait()
time.Sleep(time.Minute)`)
		if got := out.take(); got != "first deferred ran\n" {
			t.Errorf("the cell printed %q, want the other deferred call's line", got)
		}
		if r.Err == nil || r.Err.Name != "panic" || r.Err.Value != "worker: disk" {
			t.Fatalf("err = %+v, want the panic worker: disk", r.Err)
		}
		tb := strings.Join(r.Err.Traceback, "\n")
		if !strings.Contains(tb, "goroutine ") || !strings.Contains(tb, "created by cell[") {
			t.Errorf("traceback lacks the goroutine:\n%s", tb)
		}
		r = s.Execute(context.Background(), `fmt.Println("still here")`)
		if r.Err != nil || out.take() != "still here\n" {
			t.Fatalf("the session did not go on: %+v", r.Err)
		}
	})
}

// A deferred wg.Done that panics (a negative counter) while a panic is
// under way is reported after it, as Go reports a panic that interrupted
// another; a goroutine whose literal defers it alone starts from
// goconc_rt.Start, with no wrapper around the call.
func TestDeferredDonePanics(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import ("sync"; "time")`)
	tests := []struct {
		name string
		cell string
		want []string // the report's first lines
	}{
		{
			name: "in a function",
			cell: "func drop() {\n\tvar bad sync.WaitGroup\n\tdefer bad.Done()\n\tpanic(\"first\")\n}\ndrop()",
			want: []string{"panic: first", "\tpanic: sync: negative WaitGroup counter", "", "goroutine 1 [running]:"},
		},
		{
			name: "in a goroutine",
			cell: "var bad sync.WaitGroup\ngo func() {\n\tdefer bad.Done()\n\tpanic(\"worker\")\n}()\ntime.Sleep(time.Minute)",
			want: []string{"panic: worker", "\tpanic: sync: negative WaitGroup counter", ""},
		},
		{
			name: "in a goroutine with a parameter, in a loop",
			cell: "var bad sync.WaitGroup\nfor i := range 2 {\n\tgo func(n int) {\n\t\tif n == 1 {\n\t\t\tdefer bad.Done()\n\t\t\tpanic(n)\n\t\t}\n\t}(i)\n}\ntime.Sleep(time.Minute)",
			want: []string{"panic: 1", "\tpanic: sync: negative WaitGroup counter", ""},
		},
		{
			name: "alone",
			cell: "go func() {\n\tvar bad sync.WaitGroup\n\tdefer bad.Done()\n}()\ntime.Sleep(time.Minute)",
			want: []string{"panic: sync: negative WaitGroup counter", ""},
		},
	}
	underProcs(t, func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := s.Execute(context.Background(), tt.cell)
				out.take()
				if r.Err == nil || r.Err.Name != "panic" {
					t.Fatalf("err = %+v, want a panic", r.Err)
				}
				tb := r.Err.Traceback
				if len(tb) < len(tt.want) || !slices.Equal(tb[:len(tt.want)], tt.want) {
					t.Errorf("report begins\n%s\nwant\n%s", strings.Join(tb, "\n"), strings.Join(tt.want, "\n"))
				}
			})
		}
	})
}
