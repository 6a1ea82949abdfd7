// Command gocorpus measures how many of the Go distribution's own run
// tests ($GOROOT/test, read in place) goconc runs as the Go toolchain
// does. It prints one row per program that fails (its outcome and the
// line that says most about it), a count per outcome and the match rate.
//
// Usage, from the repository root:
//
//	go run ./tests/bench/gocorpus [-dirs .,chan,ken,interface] [-timeout 20s] [-p 2] [-native] [-run REGEXP] [-all]
//	go run ./tests/bench/gocorpus -programs DIR [-timeout 20s] [-p 2] [-run REGEXP] [-all]
//
// By default a program's output is held to its .out file (or to nothing),
// the rule of the Go project's harness; -native holds it to the program
// built by the go command and run here instead.
//
// -programs measures another collection of public programs instead: every
// one-file main program below DIR (for Go by Example, a clone of
// github.com/mmcgrana/gobyexample and DIR its examples directory), held
// to its native build, exit status included, but for the program counter
// offsets of goroutine traces. Where goconc's output differs only in the
// order of its lines or in numbers, the native program runs again: if its
// runs differ too (goroutines, clocks, random numbers, maps), that is a
// match. A program whose native build does not end (a server) is not
// counted in the match rate.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"goconc/tests/gocorpus"
)

func main() {
	dirs := flag.String("dirs", ".,chan,ken,interface", "comma-separated directories of $GOROOT/test (\".\" for its top level)")
	timeout := flag.Duration("timeout", 20*time.Second, "limit for one run of a program")
	parallel := flag.Int("p", 2, "programs run at once")
	native := flag.Bool("native", false, "compare with the program built natively instead of its .out file")
	match := flag.String("run", "", "only programs whose name matches `REGEXP`")
	all := flag.Bool("all", false, "print a row for matched programs too")
	programs := flag.String("programs", "", "measure the one-file main programs below `DIR` instead, against their native builds")
	flag.Parse()
	log.SetFlags(0)
	ctx := context.Background()

	testDir, names, err := corpus(ctx, *programs, *dirs)
	if err != nil {
		log.Fatal(err)
	}
	if *programs != "" {
		*native = true
		*dirs = "every one-file main program"
	}
	if *match != "" {
		re, err := regexp.Compile(*match)
		if err != nil {
			log.Fatal(err)
		}
		kept := names[:0]
		for _, n := range names {
			if re.MatchString(n) {
				kept = append(kept, n)
			}
		}
		names = kept
	}
	work, err := os.MkdirTemp("", "gocorpus-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(work)
	bin := filepath.Join(work, "goconc")
	build := exec.Command("go", "build", "-o", bin, "./cmd/goconc")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		log.Fatalf("go build ./cmd/goconc (run from the repository root): %v", err)
	}
	r := &gocorpus.Runner{TestDir: testDir, Goconc: bin, Timeout: *timeout, Native: *native, Loose: *programs != "", WorkDir: work}

	fmt.Printf("%d eligible programs in %s (%s), %v limit each, %d at a time\n\n", len(names), testDir, *dirs, *timeout, *parallel)
	start := time.Now()
	results := make([]gocorpus.Result, len(names))
	var wg sync.WaitGroup
	slots := make(chan struct{}, *parallel)
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			results[i] = r.Run(ctx, name)
		}()
	}
	wg.Wait()

	counts := map[gocorpus.Outcome]int{}
	fmt.Printf("%-28s %-10s %6s  %s\n", "PROGRAM", "OUTCOME", "SECS", "REASON")
	for _, res := range results {
		counts[res.Outcome]++
		if res.Outcome == gocorpus.Matched && !*all {
			continue
		}
		fmt.Printf("%-28s %-10s %6.1f  %s\n", res.Name, res.Outcome, res.Took.Seconds(), gocorpus.Shorten(res.Reason, 110))
	}
	fmt.Println()
	for _, o := range gocorpus.Outcomes() {
		fmt.Printf("%-10s %4d\n", o, counts[o])
	}
	if measured := len(names) - counts[gocorpus.NoReference]; measured > 0 {
		fmt.Printf("\nmatch rate: %d of %d (%.1f%%) in %v\n", counts[gocorpus.Matched], measured,
			100*float64(counts[gocorpus.Matched])/float64(measured), time.Since(start).Round(time.Second))
	}
}

// corpus returns the directory of the programs to measure and their
// names: the eligible run tests of $GOROOT/test's dirs, or with programs
// set every one-file main program below it.
func corpus(ctx context.Context, programs, dirs string) (string, []string, error) {
	if programs != "" {
		names, err := gocorpus.Programs(programs)
		return programs, names, err
	}
	testDir, err := gocorpus.Dir(ctx)
	if err != nil {
		return "", nil, err
	}
	names, err := gocorpus.Eligible(testDir, strings.Split(dirs, ","))
	return testDir, names, err
}
