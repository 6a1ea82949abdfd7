//go:build ignore

//differential:trace

// A handler defers a log line and a recover that annotates the panic and
// raises it again: the log line still prints, the report names the
// recovered panic and the new one, and the trace shows the deferred
// function, the runtime's panic and the handler at its first panic.
package main

import "fmt"

type request struct {
	path string
	body []byte
}

func handle(r request) {
	defer fmt.Println("handled", r.path)
	defer func() {
		if p := recover(); p != nil {
			panic(fmt.Sprintf("%s: %v", r.path, p))
		}
	}()
	if len(r.body) == 0 {
		panic("empty body")
	}
	fmt.Println("body of", len(r.body), "bytes")
}

func main() {
	handle(request{path: "/a", body: []byte("x")})
	handle(request{path: "/b"})
}
