//go:build ignore

// Shapes the interpreter ran differently: a comma-ok receive in an if or
// switch init, new of a value (Go 1.26), print and println (standard
// error, so not part of the output), log.Lshortfile and runtime.Caller.
package main

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
)

func state(c chan int) string {
	if v, ok := <-c; ok {
		return fmt.Sprint("open, got ", v)
	}
	return "closed"
}

func main() {
	c := make(chan int, 1)
	c <- 7
	fmt.Println(state(c))
	close(c)
	fmt.Println(state(c))
	switch v, ok := <-c; {
	case !ok:
		fmt.Println("switch sees closed, zero", v)
	default:
		fmt.Println("switch sees open")
	}
	done := make(chan string, 1)
	done <- "late"
	if false {
	} else if msg, ok := <-done; ok {
		fmt.Println("else-if got", msg)
	}

	n := new(42)
	*n += 1
	label := new("label")
	fmt.Println(*n, *label)

	println("to standard error", 1.5, nil == n)
	print("also standard error\n")

	log.SetOutput(os.Stdout)
	log.SetFlags(log.Lshortfile)
	log.Println("where the log call is")
	logger := log.New(os.Stdout, "[worker] ", log.Lshortfile|log.Lmsgprefix)
	logger.Printf("task %d done", 3)

	_, file, line, ok := runtime.Caller(0)
	fmt.Println(filepath.Base(file), line, ok)
}
