//go:build ignore

// Interfaces embedding interfaces, structs embedding interfaces and
// structs, and interpreted types used by the standard library through
// its interfaces (io.Reader, sort.Interface, heap.Interface).
package main

import (
	"bufio"
	"container/heap"
	"fmt"
	"io"
	"sort"
	"strings"
)

type Reader interface{ Read() string }
type Writer interface{ Write(string) }
type ReadWriter interface {
	Reader
	Writer
}

type Buffer struct{ lines []string }

func (b *Buffer) Write(s string) { b.lines = append(b.lines, s) }
func (b *Buffer) Read() string {
	if len(b.lines) == 0 {
		return ""
	}
	s := b.lines[0]
	b.lines = b.lines[1:]
	return s
}

// Logged embeds a Writer and overrides nothing but adds a method.
type Logged struct {
	Writer
	count int
}

func (l *Logged) Log(s string) { l.count++; l.Write(fmt.Sprintf("%d:%s", l.count, s)) }

type Animal interface{ Sound() string }
type Named interface{ Name() string }
type Pet interface {
	Animal
	Named
}

type Base struct{ name string }

func (b Base) Name() string { return b.name }

type Dog struct {
	Base
	loud bool
}

func (d Dog) Sound() string {
	if d.loud {
		return "WOOF"
	}
	return "woof"
}

// countingReader is an io.Reader over a string, a few bytes at a time.
type countingReader struct {
	s     string
	calls int
}

func (r *countingReader) Read(p []byte) (int, error) {
	r.calls++
	if r.s == "" {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), 3)], r.s)
	r.s = r.s[n:]
	return n, nil
}

type byLen []string

func (b byLen) Len() int { return len(b) }
func (b byLen) Less(i, j int) bool {
	if len(b[i]) != len(b[j]) {
		return len(b[i]) < len(b[j])
	}
	return b[i] < b[j]
}
func (b byLen) Swap(i, j int) { b[i], b[j] = b[j], b[i] }

type intHeap []int

func (h intHeap) Len() int           { return len(h) }
func (h intHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h intHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *intHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *intHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func main() {
	var rw ReadWriter = &Buffer{}
	rw.Write("one")
	rw.Write("two")
	var r Reader = rw
	fmt.Println(r.Read(), rw.Read(), rw.Read() == "")

	buf := &Buffer{}
	l := &Logged{Writer: buf}
	l.Log("start")
	l.Log("stop")
	fmt.Println(buf.lines)

	pets := []Pet{Dog{Base{"rex"}, false}, Dog{Base{"max"}, true}}
	for _, p := range pets {
		var a Animal = p
		n, ok := a.(Named)
		fmt.Println(p.Name(), a.Sound(), ok, n.Name())
	}

	cr := &countingReader{s: "alpha beta\ngamma\ndelta epsilon\n"}
	sc := bufio.NewScanner(cr)
	sc.Split(bufio.ScanWords)
	var words []string
	for sc.Scan() {
		words = append(words, sc.Text())
	}
	fmt.Println(words, cr.calls > 5)
	sort.Sort(byLen(words))
	fmt.Println(words)

	h := &intHeap{5, 2, 8}
	heap.Init(h)
	heap.Push(h, 1)
	heap.Push(h, 9)
	var popped []int
	for h.Len() > 0 {
		popped = append(popped, heap.Pop(h).(int))
	}
	fmt.Println(popped)

	var sb strings.Builder
	var w io.Writer = &sb
	fmt.Fprintf(w, "%s-%d", "x", 1)
	_, isStringer := w.(fmt.Stringer)
	fmt.Println(sb.String(), isStringer)
}
