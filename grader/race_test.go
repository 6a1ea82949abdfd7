//go:build race

package grader

// containMemory is TestContainment's memory limit. The interpreted runs'
// process is this test binary, which under -race needs about four times
// the memory it needs without.
const containMemory = 384 << 20
