package maps_test

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	ours "goconc/kernel/engine/internal/stdgeneric/maps"
)

func TestMatchStandardLibrary(t *testing.T) {
	m := map[string]int{"a": 1, "b": 2, "c": 3}
	odd := func(k string, v int) bool { return v%2 == 1 }
	c1, c2 := maps.Clone(m), ours.Clone(m)
	maps.DeleteFunc(c1, odd)
	ours.DeleteFunc(c2, odd)
	d1, d2 := map[string]int{"z": 0}, map[string]int{"z": 0}
	maps.Copy(d1, m)
	ours.Copy(d2, m)
	i1, i2 := map[string]int{"a": 9}, map[string]int{"a": 9}
	maps.Insert(i1, maps.All(m))
	ours.Insert(i2, ours.All(m))
	eq := func(a, b int) bool { return a == b }
	checks := []struct {
		name      string
		got, want any
	}{
		{"Keys", fmt.Sprint(slices.Sorted(ours.Keys(m))), fmt.Sprint(slices.Sorted(maps.Keys(m)))},
		{"Values", fmt.Sprint(slices.Sorted(ours.Values(m))), fmt.Sprint(slices.Sorted(maps.Values(m)))},
		{"Collect", fmt.Sprint(ours.Collect(maps.All(m))), fmt.Sprint(maps.Collect(maps.All(m)))},
		{"DeleteFunc", fmt.Sprint(c2), fmt.Sprint(c1)},
		{"Copy", fmt.Sprint(d2), fmt.Sprint(d1)},
		{"Insert", fmt.Sprint(i2), fmt.Sprint(i1)},
		{"Equal", ours.Equal(m, c2), maps.Equal(m, c1)},
		{"Equal same", ours.Equal(m, ours.Clone(m)), true},
		{"EqualFunc", ours.EqualFunc(m, d2, eq), maps.EqualFunc(m, d1, eq)},
		{"Clone nil", ours.Clone(map[int]int(nil)) == nil, true},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	// Stopping early stops the iteration.
	n := 0
	for range ours.Keys(m) {
		n++
		break
	}
	if n != 1 {
		t.Errorf("Keys went on after break: %d", n)
	}
}
