// Command goconc is the Go concurrency course's one binary: the Jupyter
// kernel, its installer, a headless notebook runner, the interpreter worker
// process, and the course's local price server.
//
// Usage:
//
//	goconc kernel [--debug] CONNECTION_FILE
//	                                run the Jupyter kernel
//	goconc install [--user|--sys-prefix|--prefix DIR]
//	                                register the kernelspec with Jupyter
//	goconc run [--out FILE] FILE    run a notebook (.ipynb) or a Go file
//	goconc prices [--addr HOST:PORT] [--delay D]
//	                                serve the course's price data
//	goconc grade [--exercise ID] [--json] SUBMISSION
//	                                grade a submission (see goconc grade -h)
//	goconc release [--check]        write exercises/release from exercises/source
//	goconc autograder --exercise ID write a Gradescope autograder zip
//	goconc worker                   (internal) the interpreter process
//	goconc gocache [--shared DIR] [DIR]
//	                                (internal) the build cache of native cells
//	goconc warm                     build what %%native and %%race cells
//	                                need into the Go build cache
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"

	"goconc/grader/interpreted"
)

// command is one subcommand: it parses its own arguments and reports
// failure through its error.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() map[string]command {
	return map[string]command{
		"kernel":     {"run the Jupyter kernel on a connection file", runKernel},
		"install":    {"register the goconc kernelspec with Jupyter", runInstall},
		"run":        {"run a notebook or a Go file without Jupyter", runFile},
		"prices":     {"serve the course's price data on loopback", runPrices},
		"worker":     {"the interpreter process (started by the kernel)", runWorker},
		"gocache":    {"the go command's build cache, shared by every user (GOCACHEPROG)", runGocache},
		"warm":       {"fill the Go build cache for %%native and %%race cells", runWarm},
		"grade":      {"grade exercise submissions: one, a class, or for Gradescope", runGrade},
		"release":    {"write the students' exercise notebooks from the sources", runRelease},
		"autograder": {"write a Gradescope autograder zip for an exercise", runAutograder},

		interpreted.Command: {"(internal) a graded test's runs through the interpreter", runGradeInterpreted},
	}
}

func main() {
	os.Exit(mainCode(os.Args[1:], os.Stdout, os.Stderr))
}

func mainCode(args []string, stdout, stderr io.Writer) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "goconc: unknown command %q\n", args[0])
		usage(stderr, cmds)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	if err := cmd.run(ctx, args[1:], stdout, stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		var exit exitError
		if errors.As(err, &exit) {
			return int(exit)
		}
		fmt.Fprintf(stderr, "goconc %s: %v\n", args[0], err)
		return 1
	}
	return 0
}

// exitError ends the program with a status code and no further message:
// the command has already said what went wrong.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "usage: goconc COMMAND [ARGS]")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(cmds))
	for name := range cmds {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-8s %s\n", name, cmds[name].summary)
	}
}
