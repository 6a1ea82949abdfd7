//go:build ignore

//differential:trace

// A job runner recovers a job's panic to log it, then panics again with
// the same value: Go's report says the panic was recovered and raised
// again, and its trace shows the deferred function, the runtime's panic
// and the job at the line it first panicked.
package main

import (
	"errors"
	"fmt"
)

var errQuota = errors.New("quota exceeded")

func runJob(name string, units int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("job", name, "failed:", r)
			panic(r)
		}
	}()
	if units > 10 {
		panic(errQuota)
	}
	fmt.Println("job", name, "used", units, "units")
}

func main() {
	runJob("small", 3)
	runJob("large", 40)
}
