package main

import (
	"net"
	"os"
	"time"
)

// Count is right only if it can neither list the grader's directory nor
// reach the grader's loopback at ADDR.
func Count(goroutines, increments int) int {
	if _, err := os.ReadDir(".."); err == nil {
		return -1
	}
	if c, err := net.DialTimeout("tcp", "ADDR", time.Second); err == nil {
		c.Close()
		return -2
	}
	return goroutines * increments
}
