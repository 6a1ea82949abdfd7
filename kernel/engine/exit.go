package engine

import (
	"errors"
	"flag"
)

// exit is the cells' os.Exit. A program that calls it ends there: no
// deferred call runs, in this goroutine or any other. So the calling
// goroutine ends the running cell and then never returns; it no longer
// counts as running. The interpreter and its definitions stay, for the
// next cell.
func (rt *cellRuntime) exit(code int) {
	rt.programEnded()
	rt.Exit()
	rt.Fail(exitCode(code))
	// Parked by the runtime, the goroutine is not waited for as one
	// still running (the settle after an exit would wait it out).
	rt.Park()
}

// flagParse returns the cells' flag.Parse: it parses the cells' own
// arguments, and a bad flag ends the program as Go's does, with status 2
// after the usage (0 for -help), through exit rather than by ending the
// process.
func (rt *cellRuntime) flagParse(args []string) func() {
	return func() {
		fs := flag.CommandLine
		fs.Init(fs.Name(), flag.ContinueOnError)
		var rest []string
		if len(args) > 1 {
			rest = args[1:]
		}
		switch err := fs.Parse(rest); {
		case errors.Is(err, flag.ErrHelp):
			rt.exit(0)
		case err != nil:
			rt.exit(2)
		}
	}
}
