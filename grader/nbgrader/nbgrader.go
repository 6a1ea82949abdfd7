// Package nbgrader reads and writes the marks that nbgrader keeps in a
// notebook's cell metadata, and makes a student's release of an
// instructor's source notebook as nbgrader's generate_assignment does: the
// solutions replaced by a stub, the hidden tests removed, the outputs
// cleared.
package nbgrader

import (
	"fmt"
	"strings"

	"goconc/kernel/notebook"
)

// The markers that delimit solutions and hidden tests in a cell's source,
// each on a line of its own.
const (
	BeginSolution    = "// BEGIN SOLUTION"
	EndSolution      = "// END SOLUTION"
	BeginHiddenTests = "// BEGIN HIDDEN TESTS"
	EndHiddenTests   = "// END HIDDEN TESTS"
)

// Stub replaces each solution in a release: it compiles in any function
// body and fails every test that calls it.
const Stub = "// YOUR CODE HERE\npanic(\"not implemented\")"

// SchemaVersion is the version of nbgrader's cell metadata this package
// writes.
const SchemaVersion = 3

// Mark is a cell's nbgrader metadata.
type Mark struct {
	GradeID  string  // unique in the notebook
	Solution bool    // the student writes (part of) this cell
	Grade    bool    // a test cell: it earns Points when it runs without error
	Locked   bool    // the student may not change it
	Points   float64 // for Grade cells
}

// MarkOf returns the cell's mark, and false when it has none.
func MarkOf(c *notebook.Cell) (Mark, bool) {
	m, ok := c.Metadata["nbgrader"].(map[string]any)
	if !ok {
		return Mark{}, false
	}
	var mk Mark
	mk.GradeID, _ = m["grade_id"].(string)
	mk.Solution, _ = m["solution"].(bool)
	mk.Grade, _ = m["grade"].(bool)
	mk.Locked, _ = m["locked"].(bool)
	mk.Points, _ = m["points"].(float64)
	return mk, mk.GradeID != ""
}

// SetMark writes mk into the cell's metadata.
func SetMark(c *notebook.Cell, mk Mark) {
	if c.Metadata == nil {
		c.Metadata = map[string]any{}
	}
	m := map[string]any{
		"grade_id":       mk.GradeID,
		"solution":       mk.Solution,
		"grade":          mk.Grade,
		"locked":         mk.Locked,
		"schema_version": SchemaVersion,
	}
	if mk.Grade {
		m["points"] = mk.Points
	}
	c.Metadata["nbgrader"] = m
}

// Release returns the student's version of a source notebook. It fails
// when a marker is unbalanced, so that no solution or hidden test can leak
// through a typo.
func Release(src *notebook.Notebook) (*notebook.Notebook, error) {
	rel := &notebook.Notebook{
		Metadata:      src.Metadata,
		NBFormat:      src.NBFormat,
		NBFormatMinor: src.NBFormatMinor,
	}
	for i, c := range src.Cells {
		mk, marked := MarkOf(c)
		out := *c
		out.Outputs = nil
		out.ExecutionCount = nil
		text, err := RemoveRegion(c.Source, BeginHiddenTests, EndHiddenTests, "")
		if err != nil {
			return nil, fmt.Errorf("cell %d: %w", i+1, err)
		}
		if marked && mk.Solution {
			if strings.Contains(text, BeginSolution) {
				text, err = RemoveRegion(text, BeginSolution, EndSolution, Stub)
				if err != nil {
					return nil, fmt.Errorf("cell %d: %w", i+1, err)
				}
			} else {
				text = Stub
			}
		} else if strings.Contains(text, BeginSolution) || strings.Contains(text, EndSolution) {
			return nil, fmt.Errorf("cell %d: solution markers in a cell that is not a solution cell", i+1)
		}
		out.Source = text
		rel.Cells = append(rel.Cells, &out)
	}
	return rel, nil
}

// RemoveRegion replaces every region of src between a line holding begin
// and the next line holding end, both included, with stub indented as the
// begin line. An empty stub removes the region.
func RemoveRegion(src, begin, end, stub string) (string, error) {
	if !strings.Contains(src, begin) && !strings.Contains(src, end) {
		return src, nil
	}
	lines := strings.SplitAfter(src, "\n")
	var out strings.Builder
	inside := false
	for n, line := range lines {
		t := strings.TrimSpace(line)
		switch {
		case t == begin:
			if inside {
				return "", fmt.Errorf("line %d: %s inside another", n+1, begin)
			}
			inside = true
			if stub != "" {
				indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
				for _, s := range strings.Split(stub, "\n") {
					out.WriteString(indent + s + "\n")
				}
			}
		case t == end:
			if !inside {
				return "", fmt.Errorf("line %d: %s without %s", n+1, end, begin)
			}
			inside = false
		case !inside:
			out.WriteString(line)
		}
	}
	if inside {
		return "", fmt.Errorf("%s without %s", begin, end)
	}
	return strings.TrimRight(out.String(), "\n"), nil
}

// ReleaseFile turns a source notebook file into its release's file.
func ReleaseFile(src []byte) ([]byte, error) {
	nb, err := notebook.Read(src)
	if err != nil {
		return nil, err
	}
	rel, err := Release(nb)
	if err != nil {
		return nil, err
	}
	b, err := rel.Marshal()
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
