package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"goconc/grader/nbgrader"
)

// runRelease writes the students' notebooks, exercises/release/ID.ipynb,
// from the instructors' exercises/source/ID.ipynb, or with --check fails
// when one is out of date.
func runRelease(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("release", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", "exercises", "the exercises `DIR`, holding source/ and release/")
	check := fs.Bool("check", false, "write nothing; fail if a release is out of date")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: goconc release [--dir DIR] [--check]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	sources, err := filepath.Glob(filepath.Join(*dir, "source", "*.ipynb"))
	if err != nil {
		return err
	}
	if len(sources) == 0 {
		return fmt.Errorf("no notebooks in %s", filepath.Join(*dir, "source"))
	}
	var stale []string
	for _, src := range sources {
		data, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		rel, err := nbgrader.ReleaseFile(data)
		if err != nil {
			return fmt.Errorf("%s: %w", src, err)
		}
		dst := filepath.Join(*dir, "release", filepath.Base(src))
		old, _ := os.ReadFile(dst)
		if bytes.Equal(old, rel) {
			continue
		}
		if *check {
			stale = append(stale, dst)
			continue
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, rel, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s\n", dst)
	}
	if len(stale) > 0 {
		return fmt.Errorf("out of date (run goconc release): %s", strings.Join(stale, ", "))
	}
	return nil
}
