package engine

import "testing"

// TestNestedFieldNames checks %+v and %#v of cell structs inside other
// values: the fields' and types' names as written, pointers below the top
// level as fmt prints them, maps in fmt's order.
func TestNestedFieldNames(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import "fmt"
type pos struct{ row, col int }
type cell struct {
	at   pos
	Mark string
	prev *cell
	note any
}
type grid struct {
	Cells []cell
	ByKey map[string]pos
	cnt   struct{ n int }
}`)
	tests := []cellCase{
		{`fmt.Printf("%+v\n", []pos{{1, 2}})`, "[{row:1 col:2}]\n"},
		{`fmt.Printf("%+v\n", map[pos]bool{{2, 0}: true, {1, 5}: false})`, "map[{row:1 col:5}:false {row:2 col:0}:true]\n"},
		{`fmt.Printf("%#v\n", [1]pos{{3, 4}})`, "[1]main.pos{main.pos{row:3, col:4}}\n"},
		{`fmt.Printf("%+v\n", grid{Cells: []cell{{at: pos{1, 1}, Mark: "x", note: pos{7, 7}}}, ByKey: map[string]pos{"k": {0, 1}}})`,
			"{Cells:[{at:{row:1 col:1} Mark:x prev:<nil> note:{row:7 col:7}}] ByKey:map[k:{row:0 col:1}] cnt:{n:0}}\n"},
		{`fmt.Printf("%#v\n", cell{Mark: "m"})`, "main.cell{at:main.pos{row:0, col:0}, Mark:\"m\", prev:(*main.cell)(nil), note:interface {}(nil)}\n"},
		{"type Pay struct{ Sum int }\nvar x any = []Pay{{3}}\nfmt.Printf(\"%+v\\n\", x)", "[{Sum:3}]\n"},
		{"var x any = []pos{{5, 6}}\nfmt.Printf(\"%+v\\n\", x)", "[{row:5 col:6}]\n"},
		{`fmt.Printf("%+v|%v\n", struct{ id, N int }{1, 2}, []pos{{1, 2}})`, "{id:1 N:2}|[{1 2}]\n"},
		{"c := cell{Mark: \"a\"}\nd := cell{Mark: \"b\", prev: &c}\ns := fmt.Sprintf(\"%+v\", []cell{d})\nfmt.Println(s[:30] == \"[{at:{row:0 col:0} Mark:b prev\", s[30:33])", "true :0x\n"},
	}
	checkCells(t, s, out, tests)
}
