// Package differential checks that goconc runs Go programs the way the Go
// toolchain does. Each program in programs/ is compiled natively and run
// once; then `goconc run` runs it several times, and every run must print
// the same bytes on standard output and exit with the same status. A
// program fails at its first run that differs or does not finish, with the
// lines where the outputs part and the end of goconc's standard error.
//
// The programs are small concurrent Go programs whose output does not
// depend on scheduling (results are sorted, counted or handed over in a
// fixed order). They cover the constructs the course uses, with goroutine
// and message counts large enough for the interpreter's known failure
// rates to show. Each carries a build constraint that keeps it out of
// `go build ./...`, since they are all package main in one directory.
//
// Programs listed in programs/known_failures.txt, each with the engine
// fault behind it, are still run and must still differ, so that a fix
// shows. Every run counts: a run that crashes differs.
//
// A program with the line "//differential:trace" panics on purpose: its
// standard error is compared too, as a panic report, without the program
// counter offsets, the signal line and the values of frames' arguments
// (traceText). Its native run has GOMAXPROCS=1, under which Go numbers
// goroutines the same way on every run.
//
// Under -race, the last run of each program is of goconc built with
// -race, and a race the detector reports in goconc's own code fails the
// program (tests/racereport tells those from the interpreter's).
//
// Two programs run at a time. Most of a run is the interpreter starting
// up, so the suite takes a few minutes at the default five runs.
//
// Environment:
//
//	GOCONC_DIFF_RUNS     goconc runs per program (default 5; 1 with -short)
//	GOCONC_DIFF_TIMEOUT  limit for one run, as a time.Duration (default 30s)
package differential
