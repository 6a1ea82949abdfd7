package sync_test

import (
	"testing"

	ours "goconc/kernel/engine/internal/stdgeneric/sync"
)

func TestOnce(t *testing.T) {
	calls := 0
	f := ours.OnceFunc(func() { calls++ })
	f()
	f()
	v := ours.OnceValue(func() int { calls++; return calls })
	v1, v2 := v(), v()
	a, b := ours.OnceValues(func() (int, string) { calls++; return calls, "x" })()
	if v1 != 2 || v2 != 2 || a != 3 || b != "x" || calls != 3 {
		t.Errorf("OnceValue gave %d, %d; OnceValues %d, %q; f ran %d times in all", v1, v2, a, b, calls)
	}
	boom := ours.OnceValue(func() int { calls++; panic("boom") })
	for range 2 {
		func() {
			defer func() {
				if r := recover(); r != "boom" {
					t.Errorf("recovered %v, want boom", r)
				}
			}()
			boom()
		}()
	}
	if calls != 4 {
		t.Errorf("a panicking f ran %d times, want once", calls-3)
	}
}
