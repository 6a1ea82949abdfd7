//go:build ignore

// A program reading its own stack: runtime.Stack of the calling
// goroutine and of all of them, and debug.Stack, from functions,
// methods, literals and goroutines. Addresses, argument words and
// goroutine numbers, which vary from run to run, are taken out before
// printing.
package main

import (
	"fmt"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
)

var (
	offsets = regexp.MustCompile(` \+0x[0-9a-f]+`)
	args    = regexp.MustCompile(`(?m)^([^\t].*)\(.*\)$`)
	numbers = regexp.MustCompile(`goroutine \d+`)
)

// clean takes out of a trace what varies between runs.
func clean(trace string) string {
	trace = offsets.ReplaceAllString(trace, "")
	trace = args.ReplaceAllString(trace, "$1")
	return numbers.ReplaceAllString(trace, "goroutine N")
}

func current() string {
	buf := make([]byte, 1<<14)
	n := runtime.Stack(buf, false)
	return string(buf[:n])
}

func nested(depth int) string {
	if depth == 0 {
		return current()
	}
	return nested(depth - 1)
}

type probe struct{ name string }

func (p *probe) trace() string { return string(debug.Stack()) }

func (p probe) value() []byte { return debug.Stack() }

func worker(id int, wg *sync.WaitGroup, out chan<- string) {
	defer wg.Done()
	s := current()
	out <- fmt.Sprintf("worker %d: main.worker %v, frames %d", id, strings.Contains(s, "main.worker"), strings.Count(s, "\n\t"))
}

func waiter(ch chan int) { <-ch }

func main() {
	fmt.Print(clean(current()))
	fmt.Print(clean(nested(2)))
	fmt.Println("lines:", strings.Count(nested(3), "\n"))

	p := &probe{"p"}
	fmt.Print(clean(p.trace()))
	fmt.Print(clean(string(p.value())))

	show := func() string { return clean(current()) }
	fmt.Print(show())
	fmt.Print(func() string { return show() }())

	var wg sync.WaitGroup
	out := make(chan string, 3)
	for i := range 3 {
		wg.Add(1)
		go worker(i, &wg, out)
	}
	wg.Wait()
	close(out)
	var lines []string
	for l := range out {
		lines = append(lines, l)
	}
	for i := range 3 {
		for _, l := range lines {
			if strings.HasPrefix(l, fmt.Sprintf("worker %d:", i)) {
				fmt.Println(l)
			}
		}
	}

	done := make(chan string)
	go func() {
		done <- clean(current())
	}()
	fmt.Print(<-done)

	// A buffer too small holds the start of the trace.
	small := make([]byte, 12)
	n := runtime.Stack(small, false)
	fmt.Printf("%d %q\n", n, small[:n])

	// Every goroutine, once the others wait and those that ended are
	// gone.
	ch := make(chan int)
	for range 2 {
		go waiter(ch)
	}
	go func() { <-ch }()
	buf := make([]byte, 1<<16)
	for {
		buf = buf[:runtime.Stack(buf[:cap(buf)], true)]
		if strings.Count(string(buf), "[chan receive]") == 3 && strings.Count(string(buf), "\n\ngoroutine ") == 3 {
			break
		}
		runtime.Gosched()
	}
	all := string(buf)
	fmt.Println("goroutines:", strings.Count(all, "\n\ngoroutine ")+1)
	fmt.Println("waiters:", strings.Count(all, "main.waiter"), "literal:", strings.Count(all, "main.main.func"))
	fmt.Print(clean(all))
	close(ch)
}
