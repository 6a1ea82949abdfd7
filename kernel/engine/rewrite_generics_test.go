package engine

import (
	"context"
	"strings"
	"testing"
	"time"
)

// The cases run their cells in order in one session, as a notebook would:
// later cases declare some of the same names again. out is what a case's
// cells print together.
func TestGenericCells(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		out   string
	}{
		{
			name: "second type parameter inferred from a function argument",
			cells: []string{`import ("fmt"; "strconv")
func Map[T, U any](in []T, f func(T) U) []U {
	out := make([]U, 0, len(in))
	for _, v := range in {
		out = append(out, f(v))
	}
	return out
}
fmt.Printf("%q %v\n", Map([]int{1, 2}, strconv.Itoa), Map([]string{"ab", "c"}, func(s string) int { return len(s) }))`},
			out: "[\"1\" \"2\"] [2 1]\n",
		},
		{
			name: "variadic type parameter, inferred, explicit and spread",
			cells: []string{`import "fmt"
type Celsius float64
func Sum[N ~int | ~int64 | ~float64](xs ...N) N {
	var s N
	for _, x := range xs {
		s += x
	}
	return s
}
xs := []Celsius{1.5, 2}
fmt.Println(Sum(1, 2, 3), Sum(1.5, 2.25), Sum[Celsius](20, 1.5), Sum(xs...), Sum[int64]())`},
			out: "6 3.75 21.5 3.5 0\n",
		},
		{
			name: "generic function calling another with its type parameter, for a defined type",
			cells: []string{`import "fmt"
type Count int
func Sum[N ~int | ~float64](xs ...N) N {
	var s N
	for _, x := range xs {
		s += x
	}
	return s
}
func Average[N ~int | ~float64](xs []N) float64 {
	if len(xs) == 0 {
		return 0
	}
	return float64(Sum(xs...)) / float64(len(xs))
}
fmt.Println(Average([]Count{1, 2, 4}), Average([]float64{}))`},
			out: "2.3333333333333335 0\n",
		},
		{
			name: "argument of a generic type",
			cells: []string{`import "fmt"
type Box[T any] struct{ v T }
func (b *Box[T]) Get() T { return b.v }
func Unbox[T any](bs []*Box[T]) []T {
	var out []T
	for _, b := range bs {
		out = append(out, b.Get())
	}
	return out
}
fmt.Println(Unbox([]*Box[float64]{{1.5}, {2.5}}))`},
			out: "[1.5 2.5]\n",
		},
		{
			name: "declared in one cell, used in later ones",
			cells: []string{
				`func Pair[K comparable, V any](k K, v V) map[K]V { return map[K]V{k: v} }`,
				`import "fmt"
fmt.Println(Pair("a", 1.5))`,
				`fmt.Println(Pair(2, []string{"x"}))`,
			},
			out: "map[a:1.5]\nmap[2:[x]]\n",
		},
		{
			name: "started as goroutines, sending on a generic channel",
			cells: []string{`import ("fmt"; "sync")
func produce[T any](vs []T, out chan<- T, wg *sync.WaitGroup) {
	defer wg.Done()
	for _, v := range vs {
		out <- v
	}
}
func merge[T any](cs ...<-chan T) []T {
	var out []T
	for i := 0; i < len(cs); i++ {
		for v := range cs[i] {
			out = append(out, v)
		}
	}
	return out
}
a, b := make(chan string, 4), make(chan string, 4)
var wg sync.WaitGroup
wg.Add(2)
go produce([]string{"x", "y"}, a, &wg)
go produce([]string{"z"}, b, &wg)
wg.Wait()
close(a)
close(b)
fmt.Println(merge(a, b))`},
			out: "[x y z]\n",
		},
		{
			// The channel is made once: the loop must not call Source again
			// for each value.
			name: "ranging over the channel a generic call returns",
			cells: []string{`import "fmt"
func Source[T any](vs ...T) <-chan T {
	out := make(chan T)
	go func() {
		defer close(out)
		for _, v := range vs {
			out <- v
		}
	}()
	return out
}
total := 0
for v := range Source(1, 2, 3) {
	total += v
}
fmt.Println(total)`},
			out: "6\n",
		},
		{
			name: "recursive, and used as a value",
			cells: []string{`import "fmt"
func Rev[T any](vs []T) []T {
	if len(vs) == 0 {
		return nil
	}
	return append(Rev(vs[1:]), vs[0])
}
f := Rev[byte]
fmt.Println(Rev([]string{"a", "b", "c"}), string(f([]byte("go"))))`},
			out: "[c b a] og\n",
		},
	}
	s, out := newTestSession(t, "")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, cell := range tt.cells {
				ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
				r := s.Execute(ctx, cell)
				cancel()
				if r.Err != nil {
					t.Fatalf("cell %q: %s: %s\n%s", cell, r.Err.Name, r.Err.Value, strings.Join(r.Err.Traceback, "\n"))
				}
			}
			if got := out.take(); got != tt.out {
				t.Errorf("printed %q, want %q", got, tt.out)
			}
		})
	}
}

// A generic call as the cell's trailing value is shown with the type of
// its instance.
func TestGenericTrailingValue(t *testing.T) {
	s, _ := newTestSession(t, "")
	r := s.Execute(context.Background(), `import "strconv"
func Map[T, U any](in []T, f func(T) U) []U {
	var out []U
	for _, v := range in {
		out = append(out, f(v))
	}
	return out
}
Map([]int{4, 2}, strconv.Itoa)`)
	if r.Err != nil {
		t.Fatalf("%s: %s", r.Err.Name, r.Err.Value)
	}
	value, _ := r.Value["text/plain"].(string)
	if value != "[4 2]" {
		t.Errorf("value = %q, want %q", value, "[4 2]")
	}
}
