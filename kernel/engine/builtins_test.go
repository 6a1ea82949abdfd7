package engine

import (
	"context"
	"testing"
)

// min and max, range over integers and %T, through cells. The expected
// output is what the Go toolchain prints for the same code.
func TestBuiltinCells(t *testing.T) {
	s, out := newTestSession(t, "")
	if r := s.Execute(context.Background(), `import ("fmt"; "math")`); r.Err != nil {
		t.Fatalf("imports: %v", r.Err.Value)
	}
	cases := []struct {
		name, cell, want string
	}{
		{"constant min and max", `
const smallest = min(4, 2, 9)
const half = max(1, 2.5) / 5
const neg = min(-3, 2)
const word = max("pear", "apple")
var b byte = max(1, 200)
var f float32 = min(3, 1.5)
fmt.Println(smallest, smallest/3.0, half, neg, word, b, f)
fmt.Printf("%T %T %T\n", smallest, half, b)`, "2 0.6666666666666666 0.5 -3 pear 200 1.5\nint float64 uint8\n"},
		{"variables, mixed and strings", `
x, y := 7, -3
fl := 2.5
fmt.Println(min(x, y), max(x, 5, y), min(fl, 3), max(1, fl), min("b", "a", "c"), max(x))`, "-3 7 2.5 2.5 a 7\n"},
		{"NaN wins", `
nan := math.NaN()
fmt.Println(min(nan, 1), max(2, nan), min(1, 2, nan), max(nan, math.Inf(1)))`, "NaN NaN NaN NaN\n"},
		{"signed zeros", `
zero, negZero := 0.0, math.Copysign(0, -1)
fmt.Println(1/min(zero, negZero), 1/min(negZero, zero), 1/max(negZero, zero), 1/max(zero, negZero), 1/max(negZero, negZero))
z32, n32 := float32(0), float32(negZero)
fmt.Println(1/min(z32, n32), 1/max(n32, z32))`, "-Inf -Inf +Inf +Inf -Inf\n-Inf +Inf\n"},
		{"named types keep their type", `
type Celsius float64
type Small uint8
var c Celsius = 21.5
fmt.Printf("%v %T %T\n", max(c, 19), max(c, 19), min(Small(3), 2))`, "21.5 main.Celsius main.Small\n"},
		{"range over a named integer type", `
type Count int16
var n Count = 3
for i := range n {
	fmt.Printf("%T:%d ", i, i)
}
fmt.Println()`, "main.Count:0 main.Count:1 main.Count:2 \n"},
		{"%T of composite types of cell types", `
type Point struct{ X, Y int }
type Pair[K comparable, V any] struct{ K K; V V }
p := Point{1, 2}
ps := []*Point{&p}
m := map[string]Point{}
var ch <-chan Point
arr := [2]Point{}
fmt.Printf("%T|%T|%T|%T|%T|%T|%8T|%-6T|%%T\n", p, &p, ps, m, ch, arr, Point{}, Pair[string, int]{})`,
			"main.Point|*main.Point|[]*main.Point|map[string]main.Point|<-chan main.Point|[2]main.Point|main.Point|main.Pair[string,int]|%T\n"},
		{"%T still evaluates its argument", `
type ID int
calls := 0
next := func() ID { calls++; return ID(calls) }
s := fmt.Sprintf("%T %T", next(), next())
fmt.Println(s, calls)`, "main.ID main.ID 2\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := s.Execute(context.Background(), c.cell)
			got := out.take()
			if r.Err != nil {
				t.Fatalf("error %s: %s\n%s", r.Err.Name, r.Err.Value, got)
			}
			if got != c.want {
				t.Errorf("printed %q, want %q", got, c.want)
			}
		})
	}
}
