package engine

import (
	"strings"
	"testing"
)

func TestSplitCell(t *testing.T) {
	tests := []struct {
		name string
		cell string
		want []string // kind:text of each unit
	}{
		{"mixed", "import \"fmt\"\nx := 1\nfunc f() int { return x }\nfmt.Println(f())",
			[]string{"import:import \"fmt\"", "statement:x := 1", "declaration:func f() int { return x }", "statement:fmt.Println(f())"}},
		{"grouped import", "import (\n\t\"fmt\"\n\t\"sync\"\n)\nvar mu sync.Mutex",
			[]string{"import:import (\n\t\"fmt\"\n\t\"sync\"\n)", "declaration:var mu sync.Mutex"}},
		{"method", "func (c *Counter) Inc() { c.n++ }", []string{"declaration:func (c *Counter) Inc() { c.n++ }"}},
		{"generic method", "func (s *Set[T]) Add(v T) {}", []string{"declaration:func (s *Set[T]) Add(v T) {}"}},
		{"func literal call", "func() { println(1) }()", []string{"statement:func() { println(1) }()"}},
		{"func literal with result", "func(x int) (int, error) { return x, nil }(1)", []string{"statement:func(x int) (int, error) { return x, nil }(1)"}},
		{"go statement", "go func() {}()", []string{"statement:go func() {}()"}},
		{"label", "loop:\nfor {\n\tbreak loop\n}", []string{"statement:loop:\nfor {\n\tbreak loop\n}"}},
		{"comments", "// doc\nfunc f() {} // trailing\n/* block */ x := 2", []string{"declaration:func f() {}", "statement:x := 2"}},
		{"semicolons", "a := 1; b := 2", []string{"statement:a := 1", "statement:b := 2"}},
		{"type and const", "type T struct{ a int }\nconst c = 3", []string{"declaration:type T struct{ a int }", "declaration:const c = 3"}},
		{"empty", "  \n// nothing\n", nil},
		{"for header", "for i := 0; i < 3; i++ {\n}\nx := 1", []string{"statement:for i := 0; i < 3; i++ {\n}", "statement:x := 1"}},
		{"if header", "if v, ok := m[k]; ok { f() } else if x := 2; x > 1 { g() }", []string{"statement:if v, ok := m[k]; ok { f() } else if x := 2; x > 1 { g() }"}},
		{"switch header", "switch x := f(); x {\ncase 1:\n}", []string{"statement:switch x := f(); x {\ncase 1:\n}"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			units, err := splitCell(tt.cell)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, u := range units {
				got = append(got, u.kind.String()+":"+tt.cell[u.start:u.end])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestSplitCellError(t *testing.T) {
	if _, err := splitCell("x := \"unterminated\n"); err == nil {
		t.Fatal("no error for an unterminated string")
	}
}

func TestPositioned(t *testing.T) {
	src := "aé\n\tbc d"
	got := positioned(src, strings.Index(src, "d"), len(src))
	if got != "   \n\t   d" {
		t.Errorf("positioned = %q", got)
	}
}

func TestRenameMain(t *testing.T) {
	tests := map[string]string{
		"func main() { main() }": "func main_() { main_() }",
		"x.main()":               "x.main()",
		`s := "main"`:            `s := "main"`,
		"mainly := 1":            "mainly := 1",
		"// main\nmain()":        "// main\nmain_()",
	}
	for in, want := range tests {
		if got := RenameMain(in); got != want {
			t.Errorf("RenameMain(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsComplete(t *testing.T) {
	tests := []struct {
		code, status, indent string
	}{
		{"x := 1", "complete", ""},
		{"func f() {", "incomplete", "\t"},
		{"for {\n\tif x {", "incomplete", "\t\t"},
		{"x := 1 +", "incomplete", "\t"},
		{"s := `raw", "incomplete", ""},
		{"}", "invalid", ""},
		{"x := := 2", "invalid", ""},
		{"", "complete", ""},
		{"import \"fmt\"\nfmt.Println(1)", "complete", ""},
	}
	for _, tt := range tests {
		status, indent := IsComplete(tt.code)
		if status != tt.status || indent != tt.indent {
			t.Errorf("IsComplete(%q) = %q, %q; want %q, %q", tt.code, status, indent, tt.status, tt.indent)
		}
	}
}

func FuzzSplitCell(f *testing.F) {
	for _, s := range []string{"import \"fmt\"\nx := 1", "func (a A) B() {}", "loop:\nfor {}", "`", "func(", "}}}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		units, err := splitCell(src)
		if err != nil {
			return
		}
		prev := 0
		for _, u := range units {
			if u.lead < prev || u.start < u.lead || u.end < u.start || u.end > len(src) {
				t.Fatalf("bad unit %v in %q", u, src)
			}
			prev = u.end
		}
		IsComplete(src)
	})
}
