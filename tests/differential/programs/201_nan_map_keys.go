//go:build ignore

// Map keys that are not equal to themselves: every NaN stored is an entry
// of its own. len counts them, a range visits them, a lookup or a delete
// never finds them, and clear removes them with the rest, for float keys
// and for interface, struct and array keys holding a NaN, through a
// named map type and a nil map too.
package main

import (
	"fmt"
	"math"
	"sort"
)

type reading struct {
	sensor string
	value  float64
}

type histogram map[float64]int

func summary(m map[float64]int) string {
	nans, total := 0, 0
	var keys []float64
	for k, v := range m {
		total += v
		if k != k {
			nans++
			continue
		}
		keys = append(keys, k)
	}
	sort.Float64s(keys)
	return fmt.Sprintf("len %d, %d NaN keys, values sum to %d, others %v", len(m), nans, total, keys)
}

func main() {
	nan := math.NaN()
	m := map[float64]int{1.5: 1}
	m[nan] = 2
	m[nan] = 3
	m[math.Float64frombits(0x7ff8000000000001)] = 4
	fmt.Println(summary(m))
	_, found := m[nan]
	delete(m, nan)
	fmt.Println("found", found, "after delete:", summary(m))
	clear(m)
	fmt.Println("after clear:", summary(m))
	m[nan] = 5
	fmt.Println("refilled:", summary(m))

	anyKeys := map[any]string{nan: "float", float32(nan): "float32", "x": "string"}
	fmt.Println("any keys:", len(anyKeys))
	clear(anyKeys)
	fmt.Println("any keys cleared:", len(anyKeys), anyKeys)

	readings := map[reading]bool{{"a", nan}: true, {"a", nan}: false, {"b", 1}: true}
	pairs := map[[2]float64]int{{nan, 0}: 1, {0, nan}: 2}
	fmt.Println("struct and array keys:", len(readings), len(pairs))
	clear(readings)
	clear(pairs)
	fmt.Println("cleared:", len(readings), len(pairs))

	h := histogram{nan: 1, 2: 2}
	h[nan]++
	fmt.Println("named:", len(h))
	clear(h)
	fmt.Println("named cleared:", len(h), h == nil)

	var none map[float64]int
	clear(none)
	fmt.Println("nil map cleared:", len(none), none == nil)
}
