package slices_test

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	ours "goconc/kernel/engine/internal/stdgeneric/slices"
)

// item is compared by key only, so the order of items with equal keys
// shows whether two sorts made the same moves.
type item struct{ key, tag int }

func byKey(a, b item) int { return cmp.Compare(a.key, b.key) }

// The sorts must leave exactly what the standard library's leave, equal
// elements included, for the output of cells to match Go's.
func TestSortsMatchStandardLibrary(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 5, 12, 13, 50, 100, 1000, 5000} {
		for _, keys := range []int{2, 10, n + 1} {
			in := make([]item, n)
			for i := range in {
				in[i] = item{r.IntN(keys), i}
			}
			a, b := slices.Clone(in), slices.Clone(in)
			slices.SortFunc(a, byKey)
			ours.SortFunc(b, byKey)
			if !slices.Equal(a, b) {
				t.Errorf("SortFunc n=%d keys=%d: order differs from slices.SortFunc", n, keys)
			}
			a, b = slices.Clone(in), slices.Clone(in)
			slices.SortStableFunc(a, byKey)
			ours.SortStableFunc(b, byKey)
			if !slices.Equal(a, b) {
				t.Errorf("SortStableFunc n=%d keys=%d: order differs", n, keys)
			}
			seq := slices.Values(in)
			if got, want := ours.SortedFunc(seq, byKey), slices.SortedFunc(seq, byKey); !slices.Equal(got, want) {
				t.Errorf("SortedFunc n=%d keys=%d: order differs", n, keys)
			}
		}
	}
}

func TestSortFloatsMatchStandardLibrary(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	special := []float64{math.NaN(), math.Copysign(0, -1), 0, math.Inf(1), math.Inf(-1)}
	for _, n := range []int{0, 3, 20, 300} {
		in := make([]float64, n)
		for i := range in {
			if r.IntN(4) == 0 {
				in[i] = special[r.IntN(len(special))]
			} else {
				in[i] = float64(r.IntN(10))
			}
		}
		a, b := slices.Clone(in), slices.Clone(in)
		slices.Sort(a)
		ours.Sort(b)
		if fmt.Sprint(bits(a)) != fmt.Sprint(bits(b)) {
			t.Errorf("Sort n=%d: %v, want %v", n, b, a)
		}
		if got, want := ours.IsSorted(b), slices.IsSorted(b); got != want {
			t.Errorf("IsSorted n=%d = %v, want %v", n, got, want)
		}
		if n > 0 {
			if got, want := ours.Max(in), slices.Max(in); !sameFloat(got, want) {
				t.Errorf("Max(%v) = %v, want %v", in, got, want)
			}
			if got, want := ours.Min(in), slices.Min(in); !sameFloat(got, want) {
				t.Errorf("Min(%v) = %v, want %v", in, got, want)
			}
		}
		for _, target := range append(special, 3, 11) {
			gi, gf := ours.BinarySearch(a, target)
			wi, wf := slices.BinarySearch(a, target)
			if gi != wi || gf != wf {
				t.Errorf("BinarySearch(%v, %v) = %d, %v, want %d, %v", a, target, gi, gf, wi, wf)
			}
		}
	}
}

func bits(fs []float64) []uint64 {
	out := make([]uint64, len(fs))
	for i, f := range fs {
		out[i] = math.Float64bits(f)
		if f != f {
			out[i] = 1 // any NaN
		}
	}
	return out
}

func sameFloat(a, b float64) bool {
	return (a != a && b != b) || math.Float64bits(a) == math.Float64bits(b)
}

func TestMinMaxSignedZero(t *testing.T) {
	z, nz := 0.0, math.Copysign(0, -1)
	for _, in := range [][]float64{{z, nz}, {nz, z}, {nz, nz, z}, {1, math.NaN(), 2}} {
		if got, want := ours.Max(in), slices.Max(in); !sameFloat(got, want) {
			t.Errorf("Max(%v) = %v, want %v", in, got, want)
		}
		if got, want := ours.Min(in), slices.Min(in); !sameFloat(got, want) {
			t.Errorf("Min(%v) = %v, want %v", in, got, want)
		}
	}
}

func TestEditsMatchStandardLibrary(t *testing.T) {
	base := []int{1, 1, 2, 3, 3, 3, 4, 1}
	tests := []struct {
		name      string
		got, want func(s []int) []int
	}{
		{"Insert middle", func(s []int) []int { return ours.Insert(s, 3, 9, 8) }, func(s []int) []int { return slices.Insert(s, 3, 9, 8) }},
		{"Insert end", func(s []int) []int { return ours.Insert(s, len(s), 7) }, func(s []int) []int { return slices.Insert(s, len(s), 7) }},
		{"Insert in capacity", func(s []int) []int { return ours.Insert(s[:4], 1, 5) }, func(s []int) []int { return slices.Insert(s[:4], 1, 5) }},
		{"Delete", func(s []int) []int { return ours.Delete(s, 2, 5) }, func(s []int) []int { return slices.Delete(s, 2, 5) }},
		{"DeleteFunc", func(s []int) []int { return ours.DeleteFunc(s, func(v int) bool { return v == 3 }) }, func(s []int) []int { return slices.DeleteFunc(s, func(v int) bool { return v == 3 }) }},
		{"Replace shorter", func(s []int) []int { return ours.Replace(s, 1, 6, 0) }, func(s []int) []int { return slices.Replace(s, 1, 6, 0) }},
		{"Replace longer", func(s []int) []int { return ours.Replace(s, 1, 2, 5, 6, 7) }, func(s []int) []int { return slices.Replace(s, 1, 2, 5, 6, 7) }},
		{"Compact", ours.Compact[[]int], slices.Compact[[]int]},
		{"CompactFunc", func(s []int) []int { return ours.CompactFunc(s, func(a, b int) bool { return a/2 == b/2 }) }, func(s []int) []int { return slices.CompactFunc(s, func(a, b int) bool { return a/2 == b/2 }) }},
		{"Clone", ours.Clone[[]int], slices.Clone[[]int]},
		{"Clip", ours.Clip[[]int], slices.Clip[[]int]},
		{"Grow", func(s []int) []int { return ours.Grow(s, 20) }, func(s []int) []int { return slices.Grow(s, 20) }},
		{"Repeat", func(s []int) []int { return ours.Repeat(s[:2], 3) }, func(s []int) []int { return slices.Repeat(s[:2], 3) }},
		{"Concat", func(s []int) []int { return ours.Concat(s[:2], nil, s[5:]) }, func(s []int) []int { return slices.Concat(s[:2], nil, s[5:]) }},
		{"Reverse", func(s []int) []int { ours.Reverse(s); return s }, func(s []int) []int { slices.Reverse(s); return s }},
	}
	for _, tt := range tests {
		a, b := slices.Clone(base), slices.Clone(base)
		got, want := tt.got(a), tt.want(b)
		// The whole backing array: edits zero what they leave behind.
		if fmt.Sprint(got, a) != fmt.Sprint(want, b) {
			t.Errorf("%s: %v (array %v), want %v (array %v)", tt.name, got, a, want, b)
		}
		if len(got) <= cap(want) && cap(got) < len(got) {
			t.Errorf("%s: capacity %d below length %d", tt.name, cap(got), len(got))
		}
	}
	if ours.Clone([]int(nil)) != nil || ours.Concat[[]int]() != nil {
		t.Error("Clone(nil) and empty Concat must be nil")
	}
}

func TestQueriesMatchStandardLibrary(t *testing.T) {
	s := []string{"b", "a", "c", "a"}
	is := func(v string) func(string) bool { return func(x string) bool { return x == v } }
	checks := []struct {
		name      string
		got, want any
	}{
		{"Index", ours.Index(s, "a"), slices.Index(s, "a")},
		{"Index missing", ours.Index(s, "z"), slices.Index(s, "z")},
		{"IndexFunc", ours.IndexFunc(s, is("c")), slices.IndexFunc(s, is("c"))},
		{"Contains", ours.Contains(s, "c"), slices.Contains(s, "c")},
		{"ContainsFunc", ours.ContainsFunc(s, is("z")), slices.ContainsFunc(s, is("z"))},
		{"Equal", ours.Equal(s, []string{"b", "a", "c", "a"}), slices.Equal(s, []string{"b", "a", "c", "a"})},
		{"Equal NaN", ours.Equal([]float64{math.NaN()}, []float64{math.NaN()}), slices.Equal([]float64{math.NaN()}, []float64{math.NaN()})},
		{"Compare prefix", ours.Compare(s[:2], s), slices.Compare(s[:2], s)},
		{"Compare", ours.Compare(s, []string{"b", "b"}), slices.Compare(s, []string{"b", "b"})},
		{"CompareFunc", ours.CompareFunc(s, s[1:], cmp.Compare[string]), slices.CompareFunc(s, s[1:], cmp.Compare[string])},
		{"MaxFunc first", fmt.Sprint(ours.MaxFunc([]item{{1, 0}, {2, 1}, {2, 2}}, byKey)), fmt.Sprint(slices.MaxFunc([]item{{1, 0}, {2, 1}, {2, 2}}, byKey))},
		{"MinFunc first", fmt.Sprint(ours.MinFunc([]item{{1, 0}, {1, 1}}, byKey)), fmt.Sprint(slices.MinFunc([]item{{1, 0}, {1, 1}}, byKey))},
		{"Collect", fmt.Sprint(ours.Collect(slices.Values(s))), fmt.Sprint(slices.Collect(slices.Values(s)))},
		{"Sorted", fmt.Sprint(ours.Sorted(slices.Values(s))), fmt.Sprint(slices.Sorted(slices.Values(s)))},
		{"All", fmt.Sprint(collect2(ours.All(s))), fmt.Sprint(collect2(slices.All(s)))},
		{"Backward", fmt.Sprint(collect2(ours.Backward(s))), fmt.Sprint(collect2(slices.Backward(s)))},
		{"Chunk", fmt.Sprint(slices.Collect(ours.Chunk(s, 3))), fmt.Sprint(slices.Collect(slices.Chunk(s, 3)))},
		{"AppendSeq", fmt.Sprint(ours.AppendSeq(s[:1], ours.Values(s))), fmt.Sprint(slices.AppendSeq(s[:1:1], slices.Values(s)))},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func collect2[K, V any](seq func(func(K, V) bool)) []string {
	var out []string
	for k, v := range seq {
		out = append(out, fmt.Sprint(k, v))
	}
	return out
}

func FuzzSortFunc(f *testing.F) {
	f.Add([]byte{3, 1, 2, 1, 3, 3, 0})
	f.Fuzz(func(t *testing.T, keys []byte) {
		in := make([]item, len(keys))
		for i, k := range keys {
			in[i] = item{int(k % 8), i}
		}
		a, b := slices.Clone(in), slices.Clone(in)
		slices.SortFunc(a, byKey)
		ours.SortFunc(b, byKey)
		if !slices.Equal(a, b) {
			t.Fatalf("SortFunc(%v) = %v, want %v", in, b, a)
		}
	})
}
