// Package grader grades submissions of the course's exercises: every
// correctness test many times, natively under the race detector across
// GOMAXPROCS 1, 2 and 4 with random inputs, every speed test against the
// reference solution, each run contained (package sandbox); it reports a
// histogram of outcomes per test, in text and in Gradescope's format, and
// grades a class in a batch.
//
// An exercise is an nbgrader notebook (exercises/source/ID.ipynb) whose
// metadata names the lesson, the time limit of a run and the speed
// target. A test is a func(*rand.Rand) string that returns "" or what
// went wrong, so the same test runs in the notebook and here. A
// submission is graded as one program: the student's solution cells and
// cells of their own, then every other cell from the source notebook (the
// source's declarations win), each cell a file with line directives
// (package program), and a generated main that hands the tests to package
// harness. Programs are built through kernel/native's Builder, once per
// source: copies of a submission share a binary.
//
// Correctness. Each test runs Options.Runs times (20 by default), cycling
// GOMAXPROCS 1, 2 and 4, with inputs from a seed per grading, in one
// process per GOMAXPROCS value, with scheduling noise at each
// synchronisation point (package noise; --seed replays inputs and noise,
// --no-noise turns it off). A run passes only if the harness says ok and
// the race detector reports nothing. Once a run of a test fails, the
// verdict is a fail and the rest only fill the histogram: their time limit
// drops to a tenth (2 s at least), they are made one per process, and only
// until the test has six; after a run that never finished, none is
// started. Each test also runs Options.InterpretedRuns times (6 by
// default) through the interpreter, as a notebook runs it, in a contained
// process that loads the cells once and runs every test (package
// interpreted); a run that ends that process costs its test only, and a
// new process runs the tests after it.
//
// Speed. The student's and the reference's binaries are timed with one
// worker and with one per core, interleaved, alone among the grader's
// processes; the score is linear from a speedup of 1 (nothing) to
// speed_full_ratio times the reference's (full marks), and capped by the
// cores the student's runs kept busy, so that load moving between runs
// cannot fake a speedup. When other processes kept the machine busy, a
// score short of full marks is the machine's: the report says so and asks
// for grading again. The reference's timings are shared by the gradings
// of a class (see refPool).
//
// Batches. Grader.Batch grades each notebook, Go file or folder of a
// directory, several at once, and writes STUDENT/results.json
// (Gradescope's format), STUDENT/feedback.txt and grades.csv; a student
// already graded is skipped unless forced, or unless the grading asked to
// be done again.
package grader
