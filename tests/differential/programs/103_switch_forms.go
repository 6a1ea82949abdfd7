//go:build ignore

// A command loop switches on messages of any type: string, int and nil
// cases against an interface value, cases of several values, with and
// without a tag, and a tag computed once.
package main

import (
	"errors"
	"fmt"
)

type Code int

var errStop = errors.New("stop")

func classify(msg any) string {
	switch msg {
	case "quit", "exit":
		return "stop"
	case 42:
		return "the answer"
	case Code(7):
		return "code seven"
	case nil:
		return "nothing"
	case 7:
		return "plain seven"
	}
	return fmt.Sprint("unknown ", msg)
}

var calls int

func next(msgs []any) any {
	calls++
	return msgs[calls-1]
}

func main() {
	for _, m := range []any{"quit", "exit", 42, Code(7), 7, nil, "hello", 3.5} {
		fmt.Println(classify(m))
	}

	msgs := []any{"ping", 1}
	switch next(msgs) {
	case "pong":
		fmt.Println("pong")
	case "ping":
		fmt.Println("ping, evaluated", calls, "time")
	}

	low, high := false, true
	switch {
	case low, high:
		fmt.Println("either")
	default:
		fmt.Println("neither")
	}

	n := 4
	switch {
	case n < 0, n > 10:
		fmt.Println("out of range")
	case n%2 == 0, n == 3:
		fmt.Println("even or three")
	}
	switch n {
	case 1, 2, 3:
		fmt.Println("small")
	case 4, 5:
		fmt.Println("medium")
	}

	var none *int
	switch none {
	case nil:
		fmt.Println("a nil *int")
	case any(nil):
		fmt.Println("a nil interface")
	}
	var flag any = n > 3
	switch {
	case flag:
		fmt.Println("flag holds true")
	default:
		fmt.Println("flag holds false")
	}

	for _, err := range []error{nil, errStop, errors.New("other")} {
		switch err {
		case nil:
			fmt.Println("no error")
		case errStop:
			fmt.Println("stopped")
		default:
			fmt.Println("error:", err)
		}
	}
}
