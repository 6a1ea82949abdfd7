package engine

import (
	"context"
	"testing"
)

// TestGenericLiteralsAndEmbeddedInterfaces runs cells with literals of a
// generic type in its own methods, and structs embedding an interface
// beside other fields.
func TestGenericLiteralsAndEmbeddedInterfaces(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  string
	}{
		{
			name: "swap builds the other instance",
			cells: []string{
				`type Pair[A, B any] struct { First A; Second B }
func (p Pair[A, B]) Swap() Pair[B, A] { return Pair[B, A]{p.Second, p.First} }
func (p Pair[A, B]) Ptr() *Pair[A, B] { return &Pair[A, B]{Second: p.Second, First: p.First} }
func (p Pair[A, B]) String() string { return fmt.Sprintf("<%v|%v>", p.First, p.Second) }`,
				`p := Pair[string, int]{"answer", 42}
fmt.Println(p, p.Swap(), p.Swap().Swap(), *p.Ptr(), []Pair[int, bool]{{1, true}})
fmt.Printf("%T\n", p.Swap())`,
			},
			want: "<answer|42> <42|answer> <answer|42> <answer|42> [<1|true>]\nmain.Pair[int,string]\n",
		},
		{
			name: "embedded interface beside a field",
			cells: []string{
				`type Writer interface{ Write(string) }
type Buffer struct{ lines []string }
func (b *Buffer) Write(s string) { b.lines = append(b.lines, s) }
type Logged struct {
	count int
	Writer
}
func (l *Logged) Log(s string) { l.count++; l.Write(fmt.Sprint(l.count, ":", s)) }`,
				`buf := &Buffer{}
l := &Logged{Writer: buf}
l.Log("start")
l.Log("stop")
l.Writer.Write("direct")
fmt.Println(buf.lines)`,
			},
			want: "[1:start 2:stop direct]\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, out := newTestSession(t, "")
			for _, c := range append([]string{`import "fmt"`}, tt.cells...) {
				if r := s.Execute(context.Background(), c); r.Err != nil {
					t.Fatalf("cell %q: %+v", c, r.Err)
				}
			}
			if got := out.take(); got != tt.want {
				t.Errorf("output %q, want %q", got, tt.want)
			}
		})
	}
}
