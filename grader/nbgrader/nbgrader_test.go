package nbgrader

import (
	"strings"
	"testing"

	"goconc/kernel/notebook"
)

func TestRemoveRegion(t *testing.T) {
	tests := []struct {
		name, src, stub, want, err string
	}{
		{"stub", "func F() int {\n\t// BEGIN SOLUTION\n\treturn 1\n\t// END SOLUTION\n}", Stub,
			"func F() int {\n\t// YOUR CODE HERE\n\tpanic(\"not implemented\")\n}", ""},
		{"none", "x := 1", Stub, "x := 1", ""},
		{"two", "a\n// BEGIN SOLUTION\nb\n// END SOLUTION\nc\n// BEGIN SOLUTION\nd\n// END SOLUTION", "", "a\nc", ""},
		{"unclosed", "a\n// BEGIN SOLUTION\nb", "", "", "without"},
		{"unopened", "a\n// END SOLUTION", "", "", "without"},
		{"nested", "// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION", "", "", "inside another"},
	}
	for _, tt := range tests {
		got, err := RemoveRegion(tt.src, BeginSolution, EndSolution, tt.stub)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: err = %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: got %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}

func TestRelease(t *testing.T) {
	nb := &notebook.Notebook{NBFormat: 4, NBFormatMinor: 5}
	add := func(src string, mk Mark) {
		c := &notebook.Cell{Type: "code", Source: src, Outputs: []map[string]any{{"output_type": "stream"}}}
		SetMark(c, mk)
		nb.Cells = append(nb.Cells, c)
	}
	add("func F() int {\n\t// BEGIN SOLUTION\n\treturn 1\n\t// END SOLUTION\n}", Mark{GradeID: "solution", Solution: true})
	add("check(\"F\", testF)\n// BEGIN HIDDEN TESTS\ncheck(\"G\", testG)\n// END HIDDEN TESTS", Mark{GradeID: "test", Grade: true, Locked: true, Points: 2})
	add("all mine", Mark{GradeID: "free", Solution: true})
	rel, err := Release(nb)
	if err != nil {
		t.Fatal(err)
	}
	if s := rel.Cells[0].Source; strings.Contains(s, "return 1") || !strings.Contains(s, "not implemented") {
		t.Errorf("solution cell: %q", s)
	}
	if s := rel.Cells[1].Source; s != `check("F", testF)` {
		t.Errorf("test cell: %q", s)
	}
	if s := rel.Cells[2].Source; s != Stub {
		t.Errorf("unmarked solution cell: %q", s)
	}
	if rel.Cells[0].Outputs != nil {
		t.Error("outputs kept")
	}
	if mk, _ := MarkOf(rel.Cells[1]); mk.Points != 2 || !mk.Grade || !mk.Locked {
		t.Errorf("mark lost: %+v", mk)
	}
	if nb.Cells[0].Source == rel.Cells[0].Source {
		t.Error("Release changed the source notebook")
	}
	bad := &notebook.Notebook{NBFormat: 4}
	c := &notebook.Cell{Type: "code", Source: "// BEGIN SOLUTION\nx"}
	SetMark(c, Mark{GradeID: "s", Solution: true})
	bad.Cells = append(bad.Cells, c)
	if _, err := Release(bad); err == nil {
		t.Error("unbalanced markers released")
	}
}
