package gil_test

import (
	"fmt"
	"strings"
	"time"

	"goconc/lessons/gil"
)

// JD's connect demo: a blocking call drops the GIL, so the second thread
// starts connecting while the first one waits.
func Example() {
	interp := gil.New(gil.Python3{})
	for i := range 2 {
		interp.Go(fmt.Sprint("thread ", i), func(t *gil.Thread) {
			t.Print("connecting")
			t.IO(20 * time.Millisecond) // sock.connect(("python.org", 80))
			t.Print("connected")
		})
	}
	interp.Wait()
	fmt.Println(strings.Join(interp.Output(), ", "))
	// Output: connecting, connecting, connected, connected
}

// JD's race on Python 2.7: n += 1 is four bytecodes, and with a check
// interval of 1 the GIL can change hands between them. It seldom does,
// since the running thread usually wins the GIL straight back: most
// runs lose an update or two and some none, as in CPython 2.7 (JD's
// 1000, 999, 998). The result varies from run to run, so this example
// shows no output.
func ExamplePython2() {
	for range 5 {
		interp := gil.New(gil.Python2{CheckInterval: 1})
		var n int64
		for i := range 1000 {
			interp.Go(fmt.Sprint(i), func(t *gil.Thread) {
				t.Add(&n, 1) // LOAD_GLOBAL, LOAD_CONST, INPLACE_ADD, STORE_GLOBAL
			})
		}
		interp.Wait()
		fmt.Println(n) // on two cores, for example: 999, 1000, 998, 999, 997
	}
}

// From 3.10 on, the eval loop checks for a drop request only at calls,
// backward jumps and function entry. n += 1 on a global has none of
// those, so it is never cut; n += one() has a call inside, and is.
func ExamplePython3() {
	for _, call := range []bool{false, true} {
		interp := gil.New(gil.Python3{SwitchInterval: time.Millisecond})
		var n int64
		for i := range 4 {
			interp.Go(fmt.Sprint(i), func(t *gil.Thread) {
				t.Loop(2000, func() { // for _ in range(2000):
					if call {
						t.AddCall(&n, func() int64 { return 1 }) // n += one()
					} else {
						t.Add(&n, 1) // n += 1
					}
				})
			})
		}
		interp.Wait()
		fmt.Println(n == 8000)
	}
	// Output:
	// true
	// false
}

// A Lock of the program's own makes n += 1 safe: the GIL does not.
func ExampleLock() {
	interp := gil.New(gil.Python2{CheckInterval: 1})
	var (
		n    int64
		lock gil.Lock
	)
	for i := range 1000 {
		interp.Go(fmt.Sprint(i), func(t *gil.Thread) {
			t.Acquire(&lock)
			defer t.Release(&lock)
			v := t.Load(&n)
			t.Store(&n, v+1)
		})
	}
	interp.Wait()
	fmt.Println(n)
	// Output: 1000
}

// Stats counts what each thread did; Stats().String() lays it out as
// a table, with the times each thread waited for the GIL.
func ExampleInterp_Stats() {
	interp := gil.New(gil.Python3{})
	for i, work := range []int{3000, 1000} {
		interp.Go(fmt.Sprint(i), func(t *gil.Thread) { t.Compute(work) })
	}
	interp.Wait()
	for _, t := range interp.Stats().Threads {
		fmt.Printf("thread %s ran %d bytecodes\n", t.Name, t.Bytecodes)
	}
	// Output:
	// thread 0 ran 3000 bytecodes
	// thread 1 ran 1000 bytecodes
}

// The timeline shows who held the GIL when. In a notebook, show it with
// interp.Timeline().Show().
func ExampleInterp_Timeline() {
	interp := gil.New(gil.Python3{SwitchInterval: time.Millisecond})
	interp.Go("cpu", func(t *gil.Thread) { t.Compute(5000) })
	interp.Go("io", func(t *gil.Thread) {
		for range 3 {
			t.IO(time.Millisecond)
			t.Compute(10)
		}
	})
	interp.Wait()
	tl := interp.Timeline()
	fmt.Println(tl.Title)
	fmt.Println(tl.Rows)
	// Output:
	// Python 3.10+ GIL, switch interval 1ms
	// [cpu io]
}
