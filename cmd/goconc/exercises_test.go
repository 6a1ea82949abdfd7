package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"goconc/kernel/notebook"
)

// exerciseHeading is the Markdown heading that opens a lesson's exercise.
var exerciseHeading = regexp.MustCompile(`(?m)^## Exercise: ([a-z0-9-]+)\s*$`)

// lessonExercise is a lesson's exercise as notebooks/README.md lays it out.
type lessonExercise struct {
	id    string
	check string // the self-check cell's source
}

// findExercise returns the exercise of a lesson notebook: the heading, a
// cell tagged exercise and a cell tagged self-check, in that order.
func findExercise(t *testing.T, path string) lessonExercise {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	nb, err := notebook.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	var ex lessonExercise
	sawExercise := false
	for _, c := range nb.Cells {
		switch {
		case c.Type == "markdown" && exerciseHeading.MatchString(c.Source):
			ex.id = exerciseHeading.FindStringSubmatch(c.Source)[1]
		case c.Type == "code" && c.HasTag("exercise"):
			if ex.id == "" {
				t.Fatalf("%s: a cell tagged exercise before any \"## Exercise: ID\" heading", path)
			}
			sawExercise = true
		case c.Type == "code" && c.HasTag("self-check"):
			if !sawExercise {
				t.Fatalf("%s: a cell tagged self-check before the cell tagged exercise", path)
			}
			if !c.HasTag(notebook.RaisesException) {
				t.Errorf("%s: the self-check cell should fail on the starting point, tagged %s", path, notebook.RaisesException)
			}
			ex.check = c.Source
		}
	}
	if ex.id == "" || ex.check == "" {
		t.Fatalf("%s: no exercise: want a \"## Exercise: ID\" heading, a cell tagged exercise and one tagged self-check", path)
	}
	return ex
}

// TestExerciseSolutions runs each lesson's self-check cell after the
// reference solution of its exercise (cmd/goconc/testdata/solutions/ID.cell),
// alone, as notebooks/README.md says they must be able to run: the check
// must pass a correct answer. The committed starting point must fail it,
// which the raises-exception tag on the check makes the notebook runs
// verify.
func TestExerciseSolutions(t *testing.T) {
	lessons, err := filepath.Glob("../../notebooks/[0-9][0-9]-*.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	bin := goconcBinary(t)
	for _, path := range lessons {
		if filepath.Base(path) == "00-welcome.ipynb" {
			continue // the kernel's tour, not a lesson
		}
		t.Run(filepath.Base(path), func(t *testing.T) {
			ex := findExercise(t, path)
			solution, err := os.ReadFile(filepath.Join("testdata/solutions", ex.id+".cell"))
			if err != nil {
				t.Fatalf("exercise %s has no reference solution: %v", ex.id, err)
			}
			nb := writeNotebook(t, string(solution), ex.check)
			output, err := exec.Command(bin, "run", nb).CombinedOutput()
			if err != nil {
				t.Fatalf("exercise %s: the self-check fails the reference solution: %v\n%s", ex.id, err, output)
			}
			if !strings.Contains(string(output), "self-check passed") {
				t.Errorf("exercise %s: the self-check did not print \"self-check passed\":\n%s", ex.id, output)
			}
		})
	}
}

// exerciseLink is a Markdown link from a lesson to a graded exercise.
var exerciseLink = regexp.MustCompile(`\]\(\.\./exercises/release/([a-z0-9-]+)\.ipynb\)`)

// TestLessonsLinkGradedExercises checks that every graded exercise in
// exercises/release/ is linked from the lesson its metadata names, that
// every such link leads to an exercise that exists, and that a lesson's
// own exercise ID is unique across the course and, when it is a graded
// exercise's ID too, belongs to that exercise's lesson: one name, one
// task.
func TestLessonsLinkGradedExercises(t *testing.T) {
	released, err := filepath.Glob("../../exercises/release/*.ipynb")
	if err != nil || len(released) == 0 {
		t.Fatalf("no released exercises: %v", err)
	}
	gradedLesson := map[string]string{} // exercise ID -> lesson, as in its metadata
	for _, path := range released {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		nb, err := notebook.Read(data)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		meta, _ := nb.Metadata["goconc"].(map[string]any)
		id, _ := meta["exercise"].(string)
		lesson, _ := meta["lesson"].(string)
		if id == "" || lesson == "" || id+".ipynb" != filepath.Base(path) {
			t.Errorf("%s: metadata goconc.exercise %q and goconc.lesson %q: want the file's name and a lesson", path, id, lesson)
			continue
		}
		gradedLesson[id] = lesson
	}
	lessons, err := filepath.Glob("../../notebooks/[0-9][0-9]-*.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	linked := map[string]map[string]bool{} // lesson -> exercise IDs it links
	ownIDs := map[string]string{}          // a lesson's own exercise ID -> lesson
	for _, path := range lessons {
		lesson := strings.TrimSuffix(filepath.Base(path), ".ipynb")
		if lesson == "00-welcome" {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		nb, err := notebook.Read(data)
		if err != nil {
			t.Fatal(err)
		}
		linked[lesson] = map[string]bool{}
		for _, c := range nb.Cells {
			if c.Type != "markdown" {
				continue
			}
			for _, m := range exerciseLink.FindAllStringSubmatch(c.Source, -1) {
				if _, ok := gradedLesson[m[1]]; !ok {
					t.Errorf("%s links exercises/release/%s.ipynb, which does not exist", lesson, m[1])
				}
				linked[lesson][m[1]] = true
			}
		}
		id := findExercise(t, path).id
		if other, dup := ownIDs[id]; dup {
			t.Errorf("exercise ID %q is used by both %s and %s", id, other, lesson)
		}
		ownIDs[id] = lesson
		if gl, ok := gradedLesson[id]; ok && gl != lesson {
			t.Errorf("%s's exercise %q has the name of the graded exercise of %s: give it its own", lesson, id, gl)
		}
	}
	for id, lesson := range gradedLesson {
		if !linked[lesson][id] {
			t.Errorf("%s does not link its graded exercise (../exercises/release/%s.ipynb)", lesson, id)
		}
	}
}
