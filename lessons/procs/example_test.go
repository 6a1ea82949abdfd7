package procs_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"goconc/lessons/executor"
	"goconc/lessons/procs"
)

// A child is a program of its own: here it reads lines and shouts them
// back.
func ExampleRun() {
	src := `package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		fmt.Println(strings.ToUpper(in.Text()))
	}
}
`
	out, err := procs.Run(context.Background(), src, "hello\nfrom the parent\n")
	fmt.Print(out)
	fmt.Println(err)
	// Output:
	// HELLO
	// FROM THE PARENT
	// <nil>
}

// Processes share no memory. Each of three children gets its own copy of
// the parent's list, empties it, and says so; the parent's list is
// untouched. With goroutines sharing one slice, the first would have
// taken all six items and the others none.
func Example_isolation() {
	items := []int{1, 2, 3, 4, 5, 6}
	worker := `package main

import (
	"encoding/json"
	"fmt"
	"os"
)

func main() {
	var items []int
	json.NewDecoder(os.Stdin).Decode(&items) // the child's own copy
	processed := 0
	for len(items) > 0 {
		items = items[:len(items)-1] // pop
		processed++
	}
	fmt.Printf("processed %d items\n", processed)
}
`
	input, _ := json.Marshal(items)
	outputs := make([]string, 3)
	var wg sync.WaitGroup
	for i := range outputs {
		wg.Go(func() {
			out, err := procs.Run(context.Background(), worker, string(input))
			if err != nil {
				out = err.Error()
			}
			outputs[i] = out
		})
	}
	wg.Wait()
	for i, out := range outputs {
		fmt.Printf("Process-%d %s", i+1, out)
	}
	fmt.Println("items after all workers finished:", items)
	// Output:
	// Process-1 processed 6 items
	// Process-2 processed 6 items
	// Process-3 processed 6 items
	// items after all workers finished: [1 2 3 4 5 6]
}

// A pipe carries bytes, so values cross it encoded: here as JSON lines,
// with "end" as the sentinel that tells the child to stop.
func ExampleEncoder() {
	child := `package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		var item string
		json.Unmarshal(in.Bytes(), &item)
		if item == "end" {
			break
		}
		fmt.Println(item)
	}
}
`
	p, err := procs.Start(context.Background(), child)
	if err != nil {
		fmt.Println(err)
		return
	}
	enc := procs.NewEncoder(p.Stdin())
	for _, item := range []string{"Is", "this", "on?", "end"} {
		enc.Encode(item)
	}
	out := bufio.NewScanner(p.Stdout())
	for out.Scan() {
		fmt.Println(out.Text())
	}
	fmt.Println(p.Wait())
	// Output:
	// Is
	// this
	// on?
	// <nil>
}

// A pool of worker processes behind the same interface as a pool of
// goroutines: the code that calls executor.Map does not change.
func ExampleNewPool() {
	ctx := context.Background()
	pool, err := procs.NewPool(ctx, 2, `
// isPrime is the lesson's CPU-bound task.
func isPrime(n int) bool {
	if n < 2 {
		return false
	}
	for d := 2; d*d <= n; d++ {
		if n%d == 0 {
			return false
		}
	}
	return true
}
`)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer pool.Shutdown(true) // closes the workers' input: their sentinel

	numbers := []any{15492781, 15492787, 15492803, 15492810}
	primes, err := executor.Map(ctx, pool, pool.Func("isPrime"), numbers)
	fmt.Println(primes, err)
	fmt.Println(len(pool.PIDs()), "worker processes")
	// Output:
	// [true true true false] <nil>
	// 2 worker processes
}

// The program a pool's workers run is the lesson's source with a main
// added, which serves its functions over standard input and output.
func ExampleWorkerSource() {
	src, err := procs.WorkerSource("func square(x int) int { return x * x }\n")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range strings.Split(src, "\n") {
		if strings.Contains(line, "square") {
			fmt.Println(strings.TrimSpace(line))
		}
	}
	// Output:
	// import (procsbufio "bufio"; procsjson "encoding/json"; procsfmt "fmt"; procsos "os"); func square(x int) int { return x * x }
	// case "square":
	// procsR := square(procsA0)
}

// When a cell is interrupted, its children go too: a child whose context
// is done is sent SIGTERM, and SIGKILL if it is still there after the
// grace period.
func ExampleStart_cancel() {
	forever := `package main

import "time"

func main() {
	for {
		time.Sleep(time.Second)
	}
}
`
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	p, err := procs.Start(ctx, forever)
	if err != nil {
		fmt.Println(err)
		return
	}
	err = p.Wait()
	fmt.Println(errors.Is(err, context.DeadlineExceeded))
	// Output: true
}

// A pipe holds 64 KB: a child that writes more than that while its parent
// is not reading waits in its write.
func ExamplePipeCapacity() {
	n, err := procs.PipeCapacity()
	fmt.Println(n, err)
	// Output: 65536 <nil>
}

func ExampleMeasureSpawn() {
	cost, err := procs.MeasureSpawn(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cost.Process > 100*cost.Goroutine)
	// Output: true
}
