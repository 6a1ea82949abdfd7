//go:build ignore

// recover stops a panic when it is called by the deferred function itself,
// however the defer statement reaches that function: a variable holding a
// literal, a literal made by another function, a struct field, a method
// deferred in a loop or through an interface, a function made by
// reflect.MakeFunc. A recover one call further down stops nothing.
package main

import (
	"context"
	"errors"
	"fmt"
	"reflect"
)

func viaVariable() (out string) {
	f := func() {
		if r := recover(); r != nil {
			out = fmt.Sprint("variable caught ", r)
		}
	}
	defer f()
	panic("one")
}

func catcher(label string, into *string) func() {
	return func() {
		if r := recover(); r != nil {
			*into = fmt.Sprint(label, " caught ", r)
		}
	}
}

func viaFactory() (out string) {
	defer catcher("factory", &out)()
	panic("two")
}

func viaMadeEarlier() (out string) {
	c := catcher("made earlier", &out)
	defer c()
	panic(errors.New("three"))
}

type hooks struct{ onPanic func() }

func viaField() (out string) {
	h := hooks{onPanic: catcher("field", &out)}
	defer h.onPanic()
	panic(4)
}

type guard struct{ id int }

func (g guard) absorb(log *[]string) {
	if r := recover(); r != nil {
		*log = append(*log, fmt.Sprintf("guard %d caught %v", g.id, r))
	} else {
		*log = append(*log, fmt.Sprintf("guard %d saw no panic", g.id))
	}
}

func methodsInLoop() (log []string) {
	for i := range 3 {
		defer guard{i}.absorb(&log)
	}
	panic("five")
}

type absorber interface{ absorb(log *[]string) }

func interfaceInLoop() (log []string) {
	for _, a := range []absorber{guard{10}, guard{11}} {
		defer a.absorb(&log)
	}
	panic("six")
}

func made(args []reflect.Value) []reflect.Value {
	fmt.Println("made function recovered:", recover())
	return nil
}

func viaMakeFunc() {
	f := reflect.MakeFunc(reflect.TypeOf(func() {}), made).Interface().(func())
	defer f()
	panic(7)
}

func helper() any { return recover() }

func notDirect() (out string) {
	defer func() { out = fmt.Sprint("outer caught ", recover()) }()
	f := func() { fmt.Println("helper recovered:", helper()) }
	defer f()
	panic("eight")
}

func notRecovering() (out string) {
	defer func() { out = fmt.Sprint("later defer caught ", recover()) }()
	f := func() { fmt.Println("no recover here") }
	defer f()
	panic("nine")
}

func withArgs() (out string) {
	f := func(tag string, n int) {
		out = fmt.Sprint(tag, n, " caught ", recover())
	}
	tag := "args"
	defer f(tag, 10)
	tag = "changed"
	panic("ten")
}

func report(out *string) {
	*out = fmt.Sprint("declared function caught ", recover())
}

func laterDeclared() (out string) {
	defer report(&out)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f := func() { fmt.Println("context done:", ctx.Err() != nil) }
	defer f()
	panic("eleven")
}

func relayedPanics() (out string) {
	defer func() { out = fmt.Sprint("literal caught ", recover()) }()
	f := func() { panic("twelve, from the deferred call") }
	defer f()
	panic("twelve")
}

func noPanic() {
	f := func() { fmt.Println("no panic, recover gives", recover()) }
	defer f()
}

func main() {
	fmt.Println(viaVariable())
	fmt.Println(viaFactory())
	fmt.Println(viaMadeEarlier())
	fmt.Println(viaField())
	fmt.Println(methodsInLoop())
	fmt.Println(interfaceInLoop())
	viaMakeFunc()
	fmt.Println(notDirect())
	fmt.Println(notRecovering())
	fmt.Println(withArgs())
	fmt.Println(laterDeclared())
	fmt.Println(relayedPanics())
	noPanic()
}
