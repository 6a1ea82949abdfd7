package cellrt

import "unsafe"

// getg returns the running goroutine's runtime descriptor.
//
//go:noescape
func getg() unsafe.Pointer
