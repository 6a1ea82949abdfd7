package grader

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"goconc/exercises"
	"goconc/grader/nbgrader"
	"goconc/grader/program"
	"goconc/kernel/notebook"
)

// Exercise is an exercise as the grader sees it: its source notebook and
// the tests its graded cells call.
type Exercise struct {
	ID         string
	Title      string
	Source     *notebook.Notebook
	RunTimeout time.Duration // one run of one correctness test
	FullRatio  float64       // speedup ratio to the reference that earns full speed marks
	Tests      []TestCell
}

// TestCell is one graded cell: it earns its points when all its checks
// pass on every run, and its speed tests' share of them.
type TestCell struct {
	GradeID string
	Points  float64
	Checks  []Test // check("name", fn) calls
	Speeds  []Test // speed("name", fn) calls
}

// Test is one call of check or speed in a graded cell.
type Test struct {
	Name string // what it checks, in words
	Func string // the test function
}

// LoadExercise reads exercise id from the embedded sources.
func LoadExercise(id string) (*Exercise, error) {
	nb, err := exercises.Source(id)
	if err != nil {
		return nil, err
	}
	return NewExercise(id, nb)
}

// NewExercise reads an exercise from its source notebook.
func NewExercise(id string, nb *notebook.Notebook) (*Exercise, error) {
	ex := &Exercise{ID: id, Source: nb, RunTimeout: 10 * time.Second, FullRatio: 0.75}
	if meta, ok := nb.Metadata["goconc"].(map[string]any); ok {
		ex.Title, _ = meta["title"].(string)
		if s, ok := meta["run_timeout"].(string); ok {
			d, err := time.ParseDuration(s)
			if err != nil {
				return nil, fmt.Errorf("exercise %s: run_timeout: %w", id, err)
			}
			ex.RunTimeout = d
		}
		if r, ok := meta["speed_full_ratio"].(float64); ok {
			ex.FullRatio = r
		}
	}
	for i, c := range nb.Cells {
		mk, ok := nbgrader.MarkOf(c)
		if !ok || !mk.Grade || c.Type != "code" {
			continue
		}
		chunks, err := program.Split(c.Source)
		if err != nil {
			return nil, fmt.Errorf("exercise %s, cell %d: %w", id, i+1, err)
		}
		tc := TestCell{GradeID: mk.GradeID, Points: mk.Points}
		for kind, list := range map[string]*[]Test{"check": &tc.Checks, "speed": &tc.Speeds} {
			for _, args := range program.Calls(chunks, kind) {
				if len(args) != 2 {
					return nil, fmt.Errorf("exercise %s, cell %s: %s takes a name and a function", id, mk.GradeID, kind)
				}
				name, err := strconv.Unquote(args[0])
				if err != nil {
					return nil, fmt.Errorf("exercise %s, cell %s: %s's name must be a string literal", id, mk.GradeID, kind)
				}
				*list = append(*list, Test{Name: name, Func: args[1]})
			}
		}
		if len(tc.Checks)+len(tc.Speeds) == 0 {
			return nil, fmt.Errorf("exercise %s: graded cell %s calls neither check nor speed", id, mk.GradeID)
		}
		ex.Tests = append(ex.Tests, tc)
	}
	if len(ex.Tests) == 0 {
		return nil, fmt.Errorf("exercise %s has no graded cells", id)
	}
	return ex, nil
}

// MaxScore is the exercise's total points.
func (ex *Exercise) MaxScore() float64 {
	var total float64
	for _, t := range ex.Tests {
		total += t.Points
	}
	return total
}

// solutionIDs are the grade ids of the exercise's solution cells.
func (ex *Exercise) solutionIDs() map[string]bool {
	ids := map[string]bool{}
	for _, c := range ex.Source.Cells {
		if mk, ok := nbgrader.MarkOf(c); ok && mk.Solution {
			ids[mk.GradeID] = true
		}
	}
	return ids
}

// referenceCells are the source notebook's code cells, numbered as in
// the notebook: the reference solution with all its tests.
func (ex *Exercise) referenceCells() []program.Cell {
	var cells []program.Cell
	n := 0
	for _, c := range ex.Source.Cells {
		if c.Type != "code" {
			continue
		}
		n++
		cells = append(cells, program.Cell{Number: n, Source: c.Source})
	}
	return cells
}

// sourceCellBase numbers the source notebook's cells in a submission's
// program, apart from the student's own.
const sourceCellBase = 1000

// submissionCells combines a submission with the exercise: the student's
// solution cells and cells of their own, then every other code cell from
// the source notebook (so that what the student changed in locked and test
// cells counts for nothing, and their declarations win over the
// student's).
func (ex *Exercise) submissionCells(sub *Submission) []program.Cell {
	var cells []program.Cell
	cells = append(cells, sub.Cells...)
	n := 0
	solutions := ex.solutionIDs()
	for _, c := range ex.Source.Cells {
		if c.Type != "code" {
			continue
		}
		n++
		if mk, ok := nbgrader.MarkOf(c); ok && solutions[mk.GradeID] {
			continue
		}
		cells = append(cells, program.Cell{Number: sourceCellBase + n, Source: c.Source})
	}
	return cells
}

// labelCell names cell numbers in messages for the student.
func labelCell(sub *Submission, n int) string {
	if l, ok := sub.Labels[n]; ok {
		return l
	}
	if n > sourceCellBase {
		return fmt.Sprintf("the exercise's cell %d", n-sourceCellBase)
	}
	return fmt.Sprintf("cell %d", n)
}

// describe turns "cell N, line L" and "cellN.go:L" in a message into the
// student's names for the cells.
func describe(sub *Submission, msg string) string {
	msg = cellLine.ReplaceAllStringFunc(msg, func(m string) string {
		p := cellLine.FindStringSubmatch(m)
		n, _ := strconv.Atoi(p[1])
		return labelCell(sub, n) + ", line " + p[2]
	})
	return cellFilePos.ReplaceAllStringFunc(msg, func(m string) string {
		p := cellFilePos.FindStringSubmatch(m)
		n, _ := strconv.Atoi(p[1])
		return labelCell(sub, n) + ", line " + p[2]
	})
}

// shortName trims a test function's name for reports.
func shortName(s string) string { return strings.TrimSpace(s) }
