package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"goconc/grader"
	"goconc/grader/interpreted"
)

// runGrade grades one submission, a class (--batch) or a Gradescope
// submission (--gradescope). It exits 0 when grading ran, whatever the
// score, and 2 with a one-line reason when it could not.
func runGrade(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("grade", flag.ContinueOnError)
	fs.SetOutput(stderr)
	exercise := fs.String("exercise", "", "the exercise `ID` (default: from the notebook's metadata)")
	asJSON := fs.Bool("json", false, "print Gradescope's results format")
	runs := fs.Int("runs", 20, "runs of each correctness test")
	parallel := fs.Int("parallel", 0, "processes at once (default: the number of cores)")
	noRace := fs.Bool("no-race", false, "run without the race detector")
	noNoise := fs.Bool("no-noise", false, "run without scheduling noise at the synchronisation points")
	interpRuns := fs.Int("interpreted-runs", 6, "runs of each correctness test through the interpreter, with the same scheduling noise (0: none)")
	seed := fs.Uint64("seed", 0, "seed of the inputs and the scheduling noise, to replay a grading (default: random)")
	batch := fs.String("batch", "", "grade every submission in `DIR`")
	out := fs.String("out", "", "with --batch: write grades.csv and each student's results under `DIR`")
	force := fs.Bool("force", false, "with --batch: grade again what is already graded")
	gradescope := fs.Bool("gradescope", false, "run as Gradescope's run_autograder")
	gsSubmission := fs.String("submission-dir", "/autograder/submission", "with --gradescope: where the submission is")
	gsResults := fs.String("results", "/autograder/results/results.json", "with --gradescope: where to write results.json")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: goconc grade [--exercise ID] [--json] SUBMISSION.ipynb|SUBMISSION.go")
		fmt.Fprintln(stderr, "       goconc grade --batch DIR --out RESULTS [--exercise ID] [--force]")
		fmt.Fprintln(stderr, "       goconc grade --gradescope [--exercise ID] [--submission-dir DIR] [--results FILE]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	fail := func(err error) error {
		fmt.Fprintf(stderr, "goconc grade: %v\n", err)
		return exitError(2)
	}
	opts := grader.Options{Runs: *runs, Parallel: *parallel, NoRace: *noRace, NoNoise: *noNoise, Seed: *seed, InterpretedRuns: *interpRuns}
	if *interpRuns <= 0 {
		opts.InterpretedRuns = -1
	} else if self, err := os.Executable(); err == nil {
		opts.Interpreter = self
	}
	switch {
	case *gradescope:
		return runGradescope(ctx, opts, *exercise, *gsSubmission, *gsResults, stderr)
	case *batch != "":
		if *out == "" {
			return fail(errors.New("--batch needs --out"))
		}
		g, err := grader.New(opts)
		if err != nil {
			return fail(err)
		}
		defer g.Close()
		_, err = g.Batch(ctx, grader.BatchOptions{Dir: *batch, Out: *out, Exercise: *exercise, Force: *force, Progress: stderr})
		if err != nil {
			return fail(err)
		}
		return nil
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitError(2)
	}
	sub, ex, err := grader.ReadSubmission(fs.Arg(0), *exercise)
	if err != nil {
		return fail(err)
	}
	g, err := grader.New(opts)
	if err != nil {
		return fail(err)
	}
	defer g.Close()
	rep, err := g.Grade(ctx, ex, sub)
	if err != nil {
		return fail(err)
	}
	if *asJSON {
		return rep.WriteJSON(stdout)
	}
	rep.WriteText(stdout)
	return nil
}

// runGradescope grades the one submission in a Gradescope submission
// directory and writes results.json; a submission that cannot be graded
// gets a zero with the reason, as Gradescope shows students the output.
func runGradescope(ctx context.Context, opts grader.Options, exercise, subDir, results string, stderr io.Writer) error {
	g, err := grader.New(opts)
	if err != nil {
		fmt.Fprintf(stderr, "goconc grade: %v\n", err)
		return exitError(2)
	}
	defer g.Close()
	gs, err := g.GradeDir(ctx, subDir, exercise)
	if err != nil && gs == nil {
		fmt.Fprintf(stderr, "goconc grade: %v\n", err)
		return exitError(2)
	}
	if err := grader.WriteGradescope(results, gs); err != nil {
		fmt.Fprintf(stderr, "goconc grade: %v\n", err)
		return exitError(2)
	}
	fmt.Fprintf(stderr, "goconc grade: %s/%s points; results in %s\n", fmt.Sprint(gs.Score), fmt.Sprint(gs.MaxScore), results)
	return nil
}

// runGradeInterpreted is the process of a graded test's interpreted runs,
// which the grader starts contained.
func runGradeInterpreted(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if code := interpreted.Main(args); code != 0 {
		return exitError(code)
	}
	return nil
}
