//go:build ignore

// Struct embedding: promoted fields and methods, shadowing, embedded
// pointers, and interfaces satisfied through promoted methods.
package main

import (
	"fmt"
	"sync"
)

type Logger struct {
	prefix string
	lines  []string
}

func (l *Logger) Logf(format string, args ...any) {
	l.lines = append(l.lines, l.prefix+fmt.Sprintf(format, args...))
}

type Base struct {
	ID   int
	Name string
}

func (b Base) Describe() string { return fmt.Sprintf("base %d %s", b.ID, b.Name) }
func (b Base) Kind() string     { return "base" }

type Service struct {
	Base
	*Logger
	sync.WaitGroup
	Name string // shadows Base.Name
}

func (s Service) Kind() string { return "service(" + s.Base.Kind() + ")" }

type Describer interface {
	Describe() string
	Kind() string
}

func main() {
	s := &Service{Base: Base{1, "inner"}, Logger: &Logger{prefix: "[svc] "}, Name: "outer"}
	fmt.Println(s.Name, s.Base.Name, s.ID)
	fmt.Println(s.Describe(), s.Kind())
	var d Describer = s
	fmt.Println(d.Describe(), d.Kind())
	var d2 Describer = s.Base
	fmt.Println(d2.Kind())

	var mu sync.Mutex
	for i := range 5 {
		s.Add(1)
		go func() {
			defer s.Done()
			mu.Lock()
			defer mu.Unlock()
			s.Logf("task %d", i)
		}()
	}
	s.Wait()
	fmt.Println("log lines:", len(s.lines), "prefix:", s.prefix)

	type Point struct{ X, Y int }
	type Circle struct {
		Point
		Radius int
	}
	type Wheel struct {
		Circle
		Spokes int
	}
	w := Wheel{Circle{Point{8, 8}, 5}, 20}
	w.X = 42
	fmt.Printf("%v %+v\n", w, w)
	copyW := w
	copyW.Circle.Point.Y = 0
	fmt.Println(w.Y, copyW.Y)
}
