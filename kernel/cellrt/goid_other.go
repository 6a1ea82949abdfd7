//go:build !amd64

package cellrt

import "unsafe"

// getg is not available on this architecture; goroutine ids come from
// stack traces instead.
func getg() unsafe.Pointer { return nil }
