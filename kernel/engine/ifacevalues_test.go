package engine

import (
	"context"
	"testing"
)

// Values of cell types that travel in interfaces (one a cell declares,
// any, error, fmt.Stringer, sort.Interface) keep their type and their
// values for fmt's verbs, %T and assertions; want is what the Go
// toolchain prints for the same code.
func TestCellValuesThroughInterfaces(t *testing.T) {
	s, out := newTestSession(t, "")
	decls := `import ("fmt"; "sort")
type Shape interface{ Area() int }
type Sq struct{ S int }
func (q Sq) Area() int { return q.S * q.S }
type Tag struct{ T string }
func (g Tag) Area() int { return 0 }
func (g Tag) String() string { return "#" + g.T }
type Miss struct{ K string }
func (m *Miss) Error() string { return "miss " + m.K }
type Finder interface{ Find() error }
type finder struct{}
func (finder) Find() error { return &Miss{"k"} }
type Pair struct{ Name string; S Shape }
type ByS []Sq
func (b ByS) Len() int { return len(b) }
func (b ByS) Less(i, j int) bool { return b[i].S < b[j].S }
func (b ByS) Swap(i, j int) { b[i], b[j] = b[j], b[i] }
func types(xs ...any) string { return fmt.Sprintf("%T/%T", xs...) }
var tag = Tag{"p"}
var named fmt.Stringer = tag
type Deg float64
func (d Deg) String() string { return fmt.Sprintf("%.1f°", float64(d)) }
type Err int
func (e Err) Error() string { return fmt.Sprint("err ", int(e)) }`
	if r := s.Execute(context.Background(), decls); r.Err != nil {
		t.Fatalf("declarations: %v", r.Err)
	}
	tests := []struct {
		name, cell, want string
	}{
		{"slice of a cell interface in an any", `var a any = []Shape{Sq{2}, Tag{"x"}}; fmt.Println(a)`, "[{2} #x]\n"},
		{"map of a cell interface", `m := map[string]Shape{"a": Sq{1}}; var a any = m; fmt.Println(m, a)`, "map[a:{1}] map[a:{1}]\n"},
		{"array with a nil element", `fmt.Println([2]Shape{Sq{3}})`, "[{3} <nil>]\n"},
		{"struct field of a cell interface", `var a any = Pair{"p", Sq{4}}; fmt.Printf("%v %+v\n", a, a)`, "{p {4}} {Name:p S:{S:4}}\n"},
		{"variadic any with %T", `fmt.Println(types(Sq{1}, &Miss{}))`, "main.Sq/*main.Miss\n"},
		{"error from an interface method", `var f Finder = finder{}; err := f.Find(); fmt.Printf("%T %v\n", err, err)`, "*main.Miss miss k\n"},
		{"assertion through fmt.Stringer", `var st fmt.Stringer = Tag{"q"}; g, ok := st.(Tag); fmt.Println(g.T, ok)`, "q true\n"},
		{"switch through fmt.Stringer", `var st fmt.Stringer = Tag{"r"}; switch v := st.(type) { case Tag: fmt.Println("tag", v.T) }`, "tag r\n"},
		{"%T through fmt.Stringer", `fmt.Printf("%T %v\n", named, named)`, "main.Tag #p\n"},
		{"sort.Interface of a cell type", `var si sort.Interface = ByS{{2}, {1}}; sort.Sort(si); b, ok := si.(ByS); fmt.Println(b, ok)`, "[{1} {2}] true\n"},
		{"printing sort.Interface", `var si sort.Interface = ByS{{2}}; fmt.Println(si)`, "[{2}]\n"},
		{"pointer in fmt.Stringer", `var st fmt.Stringer = &Tag{"p"}; _, ok := st.(*Tag); fmt.Printf("%T %v %v\n", st, st, ok)`, "*main.Tag #p true\n"},
		{"named float in fmt.Stringer", `var st fmt.Stringer = Deg(2); fmt.Printf("%T %v %.2f\n", st, st, st)`, "main.Deg 2.0° 2.00\n"},
		{"named int in error", `var err error = Err(3); fmt.Printf("%T %v %d\n", err, err, err)`, "main.Err err 3 3\n"},
		{"struct in fmt.Stringer with %d", `var st fmt.Stringer = Tag{"d"}; fmt.Printf("%d\n", st)`, "{%!d(string=d)}\n"},
		{"local struct with interface fields", `type p struct{ A any; S Shape; F fmt.Stringer }; fmt.Printf("%v %+v\n", p{Sq{1}, Sq{2}, Deg(1)}, p{})`, "{{1} {2} 1.0°} {A:<nil> S:<nil> F:<nil>}\n"},
		{"local struct with an error field", `type h struct{ E error }; fmt.Printf("%v %+v\n", h{Err(1)}, h{Err(2)})`, "{err 1} {E:err 2}\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := s.Execute(context.Background(), tc.cell)
			if r.Err != nil {
				t.Fatalf("%s: %v", tc.cell, r.Err)
			}
			if got := out.take(); got != tc.want {
				t.Errorf("%s\n got %q\nwant %q", tc.cell, got, tc.want)
			}
		})
	}
}
