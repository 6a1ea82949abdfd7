//go:build race

package grader

// raceEnabled: the tests run under -race, and so do the interpreted runs
// of their gradings, which run this test binary.
const raceEnabled = true
