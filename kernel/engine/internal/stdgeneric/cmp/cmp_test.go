package cmp_test

import (
	"cmp"
	"math"
	"testing"

	ours "goconc/kernel/engine/internal/stdgeneric/cmp"
)

func TestMatchStandardLibrary(t *testing.T) {
	values := []float64{math.NaN(), math.Inf(-1), -1, math.Copysign(0, -1), 0, 2.5, math.Inf(1)}
	for _, x := range values {
		for _, y := range values {
			if got, want := ours.Compare(x, y), cmp.Compare(x, y); got != want {
				t.Errorf("Compare(%v, %v) = %d, want %d", x, y, got, want)
			}
			if got, want := ours.Less(x, y), cmp.Less(x, y); got != want {
				t.Errorf("Less(%v, %v) = %v, want %v", x, y, got, want)
			}
		}
	}
	if got := ours.Compare("a", "b"); got != -1 {
		t.Errorf(`Compare("a", "b") = %d`, got)
	}
	if got, want := ours.Or("", "x", "y"), cmp.Or("", "x", "y"); got != want {
		t.Errorf("Or = %q, want %q", got, want)
	}
	if got := ours.Or(0, 0); got != 0 {
		t.Errorf("Or(0, 0) = %d", got)
	}
}
