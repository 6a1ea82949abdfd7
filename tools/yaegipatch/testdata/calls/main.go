// Command calls interprets calls of compiled functions of the signatures
// yaegipatch speeds up, and of cases it must leave to the interpreter,
// printing what each call did on stdout and, on stderr, whether it went
// through reflect.Value.Call.
package main

import (
	"fmt"
	"os"
	"reflect"
	"runtime"
	"strings"
	"sync"

	"github.com/traefik/yaegi/interp"
)

// symbols is what the program uses of the standard library (yaegi's
// stdlib package, much longer to compile, would be compiled twice: with
// and without the patch).
var symbols = interp.Exports{
	"fmt/fmt": {
		"Println": reflect.ValueOf(fmt.Println),
		"Sprint":  reflect.ValueOf(fmt.Sprint),
	},
	"sync/sync": {
		"Mutex":     reflect.ValueOf((*sync.Mutex)(nil)),
		"RWMutex":   reflect.ValueOf((*sync.RWMutex)(nil)),
		"WaitGroup": reflect.ValueOf((*sync.WaitGroup)(nil)),
	},
}

// way prints to stderr how name was called: through reflect when a
// reflect frame lies between its caller, the compiled function, and the
// interpreter.
func way(name string) {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	how := "direct"
	for {
		f, more := frames.Next()
		if strings.HasPrefix(f.Function, "github.com/traefik/yaegi/interp.") || !more {
			break
		}
		if strings.HasPrefix(f.Function, "reflect.") {
			how = "reflect"
		}
	}
	fmt.Fprintln(os.Stderr, name, how)
}

func main() {
	var held []string
	exports := interp.Exports{"fast/fast": {
		"Exit":  reflect.ValueOf(func() { way("Exit"); fmt.Println("exit") }),
		"Enter": reflect.ValueOf(func(s string) { way("Enter"); fmt.Printf("enter %q\n", s) }),
		"Lock": reflect.ValueOf(func(m *sync.Mutex, where string) {
			way("Lock")
			if m == nil {
				fmt.Println("lock of nil at", where)
				return
			}
			m.Lock()
			held = append(held, where)
			fmt.Println("locked at", where, len(held))
		}),
		"Unlock": reflect.ValueOf(func(m *sync.Mutex) { way("Unlock"); m.Unlock(); fmt.Println("unlocked") }),
		"RLock":  reflect.ValueOf(func(rw *sync.RWMutex, where string) { way("RLock"); rw.RLock(); fmt.Println("rlocked at", where) }),
		"RUnlock": reflect.ValueOf(func(rw *sync.RWMutex) {
			way("RUnlock")
			rw.RUnlock()
			fmt.Println("runlocked")
		}),
		"Done":  reflect.ValueOf(func(wg *sync.WaitGroup) { way("Done"); wg.Done() }),
		"Wait":  reflect.ValueOf(func(wg *sync.WaitGroup, where string) { way("Wait"); wg.Wait(); fmt.Println("waited at", where) }),
		"Panic": reflect.ValueOf(func(s string) { way("Panic"); panic("compiled: " + s) }),
		"Nil":   reflect.ValueOf((func())(nil)),
		"Pair":  reflect.ValueOf(func(a, b int) { way("Pair"); fmt.Println("pair", a+b) }),
	}}
	i := interp.New(interp.Options{Stdout: os.Stdout, Stderr: os.Stderr})
	if err := i.Use(symbols); err != nil {
		panic(err)
	}
	if err := i.Use(exports); err != nil {
		panic(err)
	}
	_, err := i.Eval(program)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
}

const program = `
package main

import (
	"fmt"
	"sync"

	"fast"
)

type named string

type account struct {
	mu      sync.Mutex
	balance int
}

func transfer(from, to *account, amount int) {
	fast.Lock(&from.mu, "from")
	fast.Lock(&to.mu, "to")
	from.balance -= amount
	to.balance += amount
	fast.Unlock(&to.mu)
	fast.Unlock(&from.mu)
}

func try(name string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println(name, "panicked:", r)
		}
	}()
	f()
}

func main() {
	fast.Exit()
	fast.Enter("literal")
	s := "variable"
	fast.Enter(s)
	n := named("named")
	fast.Enter(string(n))
	a, b := &account{balance: 10}, &account{balance: 10}
	transfer(a, b, 3)
	fmt.Println(a.balance, b.balance)
	var mu *sync.Mutex
	fast.Lock(mu, "nil mutex")
	var rw sync.RWMutex
	fast.RLock(&rw, "rw")
	fast.RUnlock(&rw)
	var wg sync.WaitGroup
	wg.Add(2)
	go fast.Done(&wg)
	func() {
		defer fast.Done(&wg)
		defer fast.Exit()
	}()
	fast.Wait(&wg, "wg")
	try("panic", func() { fast.Panic("boom") })
	try("nil func", func() { fast.Nil() })
	f := fast.Exit
	f()
	fast.Pair(1, 2)
	func() { fast.Enter("closure") }()
	g := func() { fast.Enter("closure2"); fast.Exit() }
	g()
	for i := 0; i < 3; i++ {
		var m sync.Mutex
		fast.Lock(&m, fmt.Sprint("loop ", i))
		fast.Unlock(&m)
	}
}
`
