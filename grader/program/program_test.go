package program

import (
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	src := "import \"fmt\"\n\n// doc\nfunc F() int {\n\treturn 1\n}\n\nx := F()\nfmt.Println(x)\ntype T struct{ A int }\nfunc (t *T) M() {}\nfunc() { println(1) }()\ncheck(\"F returns 1\", testF)"
	chunks, err := Split(src)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind Kind
		line int
		text string
	}{
		{Import, 1, `import "fmt"`},
		{Decl, 4, "func F() int {\n\treturn 1\n}"},
		{Stmt, 8, "x := F()"},
		{Stmt, 9, "fmt.Println(x)"},
		{Decl, 10, "type T struct{ A int }"},
		{Decl, 11, "func (t *T) M() {}"},
		{Stmt, 12, "func() { println(1) }()"},
		{Stmt, 13, `check("F returns 1", testF)`},
	}
	if len(chunks) != len(want) {
		t.Fatalf("got %d chunks %+v, want %d", len(chunks), chunks, len(want))
	}
	for i, w := range want {
		if c := chunks[i]; c.Kind != w.kind || c.Line != w.line || c.Text != w.text {
			t.Errorf("chunk %d = %+v, want %+v", i, c, w)
		}
	}
	calls := Calls(chunks, "check")
	if len(calls) != 1 || calls[0][0] != `"F returns 1"` || calls[0][1] != "testF" {
		t.Errorf("Calls = %q", calls)
	}
}

func TestFiles(t *testing.T) {
	cells := []Cell{
		{1, "import (\n\t\"fmt\"\n\t\"sync\"\n)\n\ntype Account struct {\n\tmu sync.Mutex\n}\nfunc Old() {}"},
		{2, "import \"fmt\"\nfunc Old() { fmt.Println(1) }\nfmt.Println(\"hello\")"},
	}
	files, stmts, err := Files(cells)
	if err != nil {
		t.Fatal(err)
	}
	one := string(files["cell1.go"])
	if strings.Contains(one, "fmt") || !strings.Contains(one, `"sync"`) || strings.Contains(one, "func Old") {
		t.Errorf("cell1.go: unused import kept or superseded declaration kept:\n%s", one)
	}
	if !strings.Contains(one, "//line cell1.go:6\ntype Account") {
		t.Errorf("cell1.go: no line directive:\n%s", one)
	}
	two := string(files["cell2.go"])
	if !strings.Contains(two, `"fmt"`) || !strings.Contains(two, "func Old") {
		t.Errorf("cell2.go:\n%s", two)
	}
	if len(stmts[2]) != 1 || stmts[2][0].Text != `fmt.Println("hello")` {
		t.Errorf("statements: %+v", stmts)
	}
}
