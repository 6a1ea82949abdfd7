package main

import (
	"archive/zip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"goconc/grader"
)

// runAutograder writes a Gradescope autograder zip for an exercise:
// setup.sh installs the Go toolchain the grader builds submissions with,
// run_autograder runs goconc grade --gradescope, and the goconc binary
// itself holds the exercise's tests and reference solution.
func runAutograder(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("autograder", flag.ContinueOnError)
	fs.SetOutput(stderr)
	exercise := fs.String("exercise", "", "the exercise `ID`")
	out := fs.String("out", "", "the zip `FILE` to write (default autograder-ID.zip)")
	binary := fs.String("goconc", "", "the goconc `BINARY` to pack (default this one; it must be built for linux/amd64)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: goconc autograder --exercise ID [--out FILE] [--goconc BINARY]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *exercise == "" || fs.NArg() != 0 {
		fs.Usage()
		return exitError(2)
	}
	if _, err := grader.LoadExercise(*exercise); err != nil {
		return err
	}
	if *out == "" {
		*out = "autograder-" + *exercise + ".zip"
	}
	if *binary == "" {
		exe, err := os.Executable()
		if err != nil {
			return fmt.Errorf("finding the goconc executable: %w", err)
		}
		*binary = exe
	}
	bin, err := os.ReadFile(*binary)
	if err != nil {
		return err
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(f)
	files := []struct {
		name string
		mode os.FileMode
		data []byte
	}{
		{"setup.sh", 0o755, []byte(setupScript(goRelease()))},
		{"run_autograder", 0o755, []byte(runScript(*exercise))},
		{"goconc", 0o711, bin},
	}
	for _, file := range files {
		h := &zip.FileHeader{Name: file.name, Method: zip.Deflate}
		h.SetMode(file.mode)
		w, err := zw.CreateHeader(h)
		if err == nil {
			_, err = w.Write(file.data)
		}
		if err != nil {
			f.Close()
			return err
		}
	}
	if err := errors.Join(zw.Close(), f.Close()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: upload it as the autograder of a Gradescope programming assignment (Ubuntu base image)\n", *out)
	return nil
}

// goRelease is the Go release goconc was built with, which setup.sh
// installs: submissions build with the same toolchain as the tests did.
func goRelease() string {
	v := runtime.Version()
	if !strings.HasPrefix(v, "go1.") {
		return "go1.26.0"
	}
	if i := strings.IndexAny(v, " -+"); i > 0 {
		v = v[:i]
	}
	return v
}

func setupScript(goVersion string) string {
	return `#!/bin/sh
# Gradescope runs this once, when it builds the autograder's image: the
# grader builds each submission with the Go toolchain, and the race
# detector needs a C compiler.
set -eu
apt-get update
apt-get install -y --no-install-recommends ca-certificates curl gcc libc6-dev
curl -fsSL https://go.dev/dl/` + goVersion + `.linux-amd64.tar.gz | tar -C /usr/local -xz
# Warm the build cache (the standard library and the course's packages,
# with and without the race detector), so that each grading builds only
# the submission.
export PATH="/usr/local/go/bin:$PATH"
"$(dirname "$0")/goconc" warm
`
}

func runScript(exercise string) string {
	return `#!/bin/sh
# Gradescope runs this for each submission. AUTOGRADER_ROOT moves the
# whole tree, for tests.
ROOT="${AUTOGRADER_ROOT:-/autograder}"
export PATH="/usr/local/go/bin:$PATH"
exec "$ROOT/source/goconc" grade --gradescope --exercise ` + exercise + ` \
	--submission-dir "$ROOT/submission" --results "$ROOT/results/results.json"
`
}
