//go:build !race

package grader

// containMemory is TestContainment's memory limit.
const containMemory = 96 << 20
