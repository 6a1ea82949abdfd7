//go:build ignore

// runtime.Caller(1) and log.Output(2, ...) reached through a function
// value, a method value, an interface, a function literal and a callback,
// and from calls spread over several lines: each reports the line of the
// call, as the line of its opening parenthesis.
package main

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
)

func here() string {
	_, file, line, ok := runtime.Caller(1)
	if !ok {
		return "unknown"
	}
	return fmt.Sprintf("%s:%d", filepath.Base(file), line)
}

type locator interface{ locate() int }

type probe struct{ name string }

func (p probe) locate() int {
	_, _, line, _ := runtime.Caller(1)
	return line
}

func apply(f func() string) string { return f() }

func note(msg string) { log.Output(2, msg) }

func main() {
	log.SetFlags(log.Lshortfile)
	log.SetOutput(os.Stdout)

	f := here
	fmt.Println("value", f())
	fmt.Println("value again",
		f())

	var l locator = probe{"p"}
	fmt.Println("interface", l.locate())
	m := probe{"q"}.locate
	fmt.Println("method value", m())

	where := func() int {
		_, _, line, _ := runtime.Caller(1)
		return line
	}
	fmt.Println("literal", where())
	fmt.Println("callback", apply(here))

	fmt.Println("spread", probe{"r"}.
		locate())
	fmt.Println("nested", fmt.Sprint(
		here(),
	))

	logf := note
	logf("through a value")
	notes := []func(string){note}
	for _, n := range notes {
		n("from a slice")
	}
}
