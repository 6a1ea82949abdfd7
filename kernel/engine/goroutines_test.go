package engine

import "testing"

// The numbers are what programs importing these packages, built by the
// Go toolchain, print under GOMAXPROCS=1 for their first goroutine.
func TestFirstGoroutine(t *testing.T) {
	tests := []struct {
		imports []string
		want    int64
	}{
		{nil, 6},
		{[]string{"sync", "time", "strings", "errors", "math/rand", "context", "sync/atomic"}, 6},
		{[]string{"fmt"}, 7},
		{[]string{"sync", "os"}, 7},
		{[]string{"log"}, 7},
		{[]string{"runtime/debug"}, 7},
		{[]string{"net"}, 8},
		{[]string{"net/http"}, 8},
		{[]string{"golang.org/x/sync/errgroup"}, 7},
		{[]string{"goconc/lessons/gil"}, 7},
	}
	for _, tt := range tests {
		if got := firstGoroutine(tt.imports); got != tt.want {
			t.Errorf("firstGoroutine(%q) = %d, want %d", tt.imports, got, tt.want)
		}
	}
}
