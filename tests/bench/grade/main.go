// Command grade measures the grader: the time to grade one submission of
// each exercise (its reference solution), a batch of submissions on all
// cores (goal: 100 in under 15 minutes on 2 cores), and the spread of the
// speed scores of the primes reference solution graded again and again
// (goal: always full marks).
//
// Usage, from the repository root:
//
//	go run ./tests/bench/grade [-batch 100] [-speed 10] [-runs 20]
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"goconc/exercises"
	"goconc/grader"
	"goconc/grader/interpreted"
)

func main() {
	var err error
	batch := flag.Int("batch", 100, "submissions in the batch")
	speed := flag.Int("speed", 10, "gradings of the primes reference for the speed spread")
	runs := flag.Int("runs", 20, "runs of each correctness test")
	only := flag.String("only", "", "comma-separated parts to run: each, batch, speed (default all)")
	interpRuns := flag.Int("interpreted-runs", 6, "runs of each correctness test through the interpreter (0: none)")
	if len(os.Args) > 1 && os.Args[1] == interpreted.Command {
		// The interpreted runs of the gradings below.
		os.Exit(interpreted.Main(os.Args[2:]))
	}
	flag.Parse()
	want := func(part string) bool { return *only == "" || strings.Contains(*only, part) }
	ctx := context.Background()
	opts := grader.Options{Runs: *runs, InterpretedRuns: *interpRuns}
	if *interpRuns <= 0 {
		opts.InterpretedRuns = -1
	} else if opts.Interpreter, err = os.Executable(); err != nil {
		log.Fatal(err)
	}
	g, err := grader.New(opts)
	if err != nil {
		log.Fatal(err)
	}
	defer g.Close()
	fmt.Printf("grader: %d runs per test (%d interpreted); %s\n", *runs, max(0, *interpRuns), g.Containment())

	if want("each") {
		fmt.Println("\ntime to grade one submission (the reference solution), per exercise:")
		for _, id := range exercises.IDs() {
			start := time.Now()
			rep := gradeSource(ctx, g, id)
			fmt.Printf("  %-10s %6.1fs  %s/%s points\n", id, time.Since(start).Seconds(), fmt.Sprint(rep.Score), fmt.Sprint(rep.MaxScore))
		}
	}
	if want("batch") {
		dir, err := os.MkdirTemp("", "goconc-batch-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(dir)
		in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
		n := writeBatch(in, *batch)
		before := g.BuildStats()
		start := time.Now()
		res, err := g.Batch(ctx, grader.BatchOptions{Dir: in, Out: out, Progress: os.Stderr})
		if err != nil {
			log.Fatal(err)
		}
		took := time.Since(start)
		after := g.BuildStats()
		fmt.Printf("\nbatch of %d submissions (correct, racy, deadlocking, hard-coded and serial, of counter, bank, primes, fetchall): %v (goal: 100 in 15m on 2 cores); graded %d, broken %d\n",
			n, took.Round(time.Second), res.Graded, res.Broken)
		fmt.Printf("programs: %d needed, %d built (the rest were copies: the reference and identical submissions)\n",
			after.Needed-before.Needed, after.Built-before.Built)
		if n != 100 {
			// A batch of 100 repeats the same mix of submissions, so its
			// time is about this one's in proportion; a little less, as
			// its copies share more builds.
			fmt.Printf("projected for 100 submissions, in proportion to this batch (the same mix of test submissions, repeated): %v\n",
				(took * 100 / time.Duration(n)).Round(time.Second))
		}
		start = time.Now()
		res, err = g.Batch(ctx, grader.BatchOptions{Dir: in, Out: out})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("the same batch again: %d skipped in %v\n", res.Skipped, time.Since(start).Round(time.Millisecond))
	}
	if want("speed") {
		var scores []float64
		for i := 0; i < *speed; i++ {
			rep := gradeSource(ctx, g, "primes")
			for _, t := range rep.Tests {
				if t.GradeID == "test_speed" {
					scores = append(scores, t.Score/t.MaxScore)
					fmt.Printf("  %s\n", strings.Join(t.Lines, "; "))
				}
			}
		}
		slices.Sort(scores)
		full := 0
		for _, s := range scores {
			if s == 1 {
				full++
			}
		}
		fmt.Printf("\nspeed score of the primes reference, graded %d times: min %.2f, median %.2f, max %.2f; full marks %d of %d (goal: all)\n",
			len(scores), scores[0], scores[len(scores)/2], scores[len(scores)-1], full, len(scores))
	}
}

func gradeSource(ctx context.Context, g *grader.Grader, id string) *grader.Report {
	sub, ex, err := grader.ReadSubmission(filepath.Join("exercises", "source", id+".ipynb"), "")
	if err != nil {
		log.Fatal(err)
	}
	rep, err := g.Grade(ctx, ex, sub)
	if err != nil {
		log.Fatal(err)
	}
	return rep
}

// writeBatch copies the grader's test submissions round-robin into n
// student files.
func writeBatch(dir string, n int) int {
	files, err := filepath.Glob(filepath.Join("grader", "testdata", "*", "*.go"))
	if err != nil || len(files) == 0 {
		log.Fatal("no submissions in grader/testdata: run from the repository root")
	}
	files = slices.DeleteFunc(files, func(f string) bool { return strings.Contains(f, "/contain/") })
	if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Fatal(err)
	}
	for i := 0; i < n; i++ {
		f := files[i%len(files)]
		b, err := os.ReadFile(f)
		if err != nil {
			log.Fatal(err)
		}
		ex := filepath.Base(filepath.Dir(f))
		name := fmt.Sprintf("student%03d-%s-%s", i, ex, filepath.Base(f))
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	return n
}
