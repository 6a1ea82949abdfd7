package grader

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"goconc/exercises"
	"goconc/grader/nbgrader"
	"goconc/grader/program"
	"goconc/kernel/notebook"
)

// Submission is what a student handed in: the cells that count (solution
// cells and cells of their own), numbered and named as the student knows
// them.
type Submission struct {
	Name   string // file name, for reports
	Cells  []program.Cell
	Labels map[int]string // how to name each cell number to the student
}

// ErrBadSubmission marks problems with the submission itself (not a
// notebook, no solution cell, unknown exercise): grading could not run.
var ErrBadSubmission = errors.New("bad submission")

// ReadSubmission reads a notebook or a .go file. exerciseID may be empty
// for a notebook, whose metadata names its exercise, or for a .go file
// that declares what exactly one exercise asks for.
func ReadSubmission(path, exerciseID string) (*Submission, *Exercise, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrBadSubmission, err)
	}
	name := filepath.Base(path)
	switch strings.ToLower(filepath.Ext(path)) {
	case ".ipynb":
		return notebookSubmission(name, data, exerciseID)
	case ".go":
		return goSubmission(name, string(data), exerciseID)
	}
	return nil, nil, fmt.Errorf("%w: %s: want a notebook (.ipynb) or a Go file (.go)", ErrBadSubmission, name)
}

func notebookSubmission(name string, data []byte, exerciseID string) (*Submission, *Exercise, error) {
	nb, err := notebook.Read(data)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %s: %w", ErrBadSubmission, name, err)
	}
	if exerciseID == "" {
		if meta, ok := nb.Metadata["goconc"].(map[string]any); ok {
			exerciseID, _ = meta["exercise"].(string)
		}
		if exerciseID == "" {
			return nil, nil, fmt.Errorf("%w: %s: no exercise in its metadata (is it an exercise notebook?); name one with --exercise", ErrBadSubmission, name)
		}
	}
	ex, err := LoadExercise(exerciseID)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %s: %w", ErrBadSubmission, name, err)
	}
	solutions := ex.solutionIDs()
	sub := &Submission{Name: name, Labels: map[int]string{}}
	n, found := 0, 0
	for _, c := range nb.Cells {
		if c.Type != "code" {
			continue
		}
		n++
		mk, marked := nbgrader.MarkOf(c)
		switch {
		case marked && solutions[mk.GradeID]:
			found++
		case marked:
			continue // the exercise's own cell: its source version is used
		}
		sub.Cells = append(sub.Cells, program.Cell{Number: n, Source: c.Source})
		sub.Labels[n] = fmt.Sprintf("code cell %d", n)
	}
	if found == 0 {
		return nil, nil, fmt.Errorf("%w: %s: no solution cell (cells marked with nbgrader's solution metadata) for exercise %s", ErrBadSubmission, name, exerciseID)
	}
	return sub, ex, nil
}

func goSubmission(name, src, exerciseID string) (*Submission, *Exercise, error) {
	body := stripPackageClause(src)
	chunks, err := program.Split(body)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %s: %w", ErrBadSubmission, name, err)
	}
	if exerciseID == "" {
		exerciseID, err = guessExercise(chunks)
		if err != nil {
			return nil, nil, fmt.Errorf("%w: %s: %w", ErrBadSubmission, name, err)
		}
	}
	ex, err := LoadExercise(exerciseID)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %s: %w", ErrBadSubmission, name, err)
	}
	return &Submission{
		Name:   name,
		Cells:  []program.Cell{{Number: 1, Source: body}},
		Labels: map[int]string{1: name},
	}, ex, nil
}

// stripPackageClause blanks a package clause, keeping line numbers.
func stripPackageClause(src string) string {
	lines := strings.SplitAfter(src, "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "//") {
			continue
		}
		if strings.HasPrefix(t, "package ") {
			lines[i] = "\n"
		}
		break
	}
	return strings.Join(lines, "")
}

// guessExercise finds the one exercise whose solution cells declare
// functions that the file declares too.
func guessExercise(chunks []program.Chunk) (string, error) {
	declared := map[string]bool{}
	for _, ch := range chunks {
		if ch.Kind == program.Decl {
			for _, n := range program.DeclaredNames(ch.Text) {
				declared[n] = true
			}
		}
	}
	var matches []string
	for _, id := range exercises.IDs() {
		ex, err := LoadExercise(id)
		if err != nil {
			continue
		}
		want := ex.solutionNames()
		if len(want) == 0 {
			continue
		}
		all := true
		for _, n := range want {
			if !declared[n] {
				all = false
			}
		}
		if all {
			matches = append(matches, id)
		}
	}
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		return "", errors.New("it declares what no exercise asks for; name the exercise with --exercise")
	}
	return "", fmt.Errorf("it could be any of %s; name the exercise with --exercise", strings.Join(matches, ", "))
}

// solutionNames are the names the exercise's solution cells declare.
func (ex *Exercise) solutionNames() []string {
	var names []string
	ids := ex.solutionIDs()
	for _, c := range ex.Source.Cells {
		if mk, ok := nbgrader.MarkOf(c); !ok || !ids[mk.GradeID] {
			continue
		}
		chunks, err := program.Split(c.Source)
		if err != nil {
			continue
		}
		for _, ch := range chunks {
			if ch.Kind == program.Decl {
				names = append(names, program.DeclaredNames(ch.Text)...)
			}
		}
	}
	return names
}
