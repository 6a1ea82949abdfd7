package grader

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// BatchOptions configure grading a class.
type BatchOptions struct {
	Dir      string // a notebook or .go file, or a folder, per student
	Out      string // grades.csv and STUDENT/results.json, STUDENT/feedback.txt
	Exercise string // for submissions that do not name theirs
	Force    bool   // grade again students already graded
	Progress io.Writer
	// Parallel is how many submissions are graded at once; default the
	// number of cores. Each one's processes share the Grader's slots.
	Parallel int
}

// BatchResult counts what a batch did.
type BatchResult struct {
	Graded, Skipped, Broken int
	// Regrade counts the graded whose speed the machine was too busy to
	// measure fairly; running the batch again grades them again.
	Regrade int
}

// Batch grades every submission in opts.Dir, writes each student's
// results.json (Gradescope's format) and feedback.txt, then grades.csv
// over all students graded so far. A submission that cannot be graded is
// a row with its error; the batch goes on. A student already graded is
// skipped unless opts.Force, or unless the grading says it wants doing
// again (the machine was too busy to time it fairly).
func (g *Grader) Batch(ctx context.Context, opts BatchOptions) (BatchResult, error) {
	var res BatchResult
	entries, err := os.ReadDir(opts.Dir)
	if err != nil {
		return res, err
	}
	type job struct{ student, path string }
	var jobs []job
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		student := name
		if !e.IsDir() {
			ext := strings.ToLower(filepath.Ext(name))
			if ext != ".ipynb" && ext != ".go" {
				continue
			}
			student = strings.TrimSuffix(name, filepath.Ext(name))
		}
		if !opts.Force && graded(filepath.Join(opts.Out, student, "results.json")) {
			res.Skipped++
			continue
		}
		jobs = append(jobs, job{student, filepath.Join(opts.Dir, name)})
	}
	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return res, err
	}
	parallel := opts.Parallel
	if parallel <= 0 {
		parallel = g.cores
	}
	progress := newProgress(opts.Progress, len(jobs), res.Skipped)
	work := make(chan job)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < parallel; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				gs, gradeErr := g.GradePath(ctx, j.path, opts.Exercise)
				if ctx.Err() != nil {
					return
				}
				err := writeStudent(filepath.Join(opts.Out, j.student), gs)
				mu.Lock()
				switch {
				case gradeErr != nil:
					res.Broken++
				default:
					res.Graded++
					if gs.ExtraData != nil && gs.ExtraData.Regrade != "" {
						res.Regrade++
					}
				}
				mu.Unlock()
				if err != nil {
					fmt.Fprintf(opts.Progress, "\n%s: %v\n", j.student, err)
				}
				progress.done(j.student)
			}
		}()
	}
	for _, j := range jobs {
		select {
		case work <- j:
		case <-ctx.Done():
		}
	}
	close(work)
	wg.Wait()
	progress.finish(res)
	if res.Regrade > 0 && opts.Progress != nil {
		fmt.Fprintf(opts.Progress, "%d of them had speed tests the machine was too busy to time fairly (see the error column of grades.csv): run the same command again, on a quieter machine, to grade just those again\n", res.Regrade)
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	return res, writeCSV(opts.Out)
}

// GradePath grades a notebook, a .go file or a folder holding one, and
// returns Gradescope's results; one that cannot be graded gets a zero
// with the reason in its output, and the error.
func (g *Grader) GradePath(ctx context.Context, path, exercise string) (*Gradescope, error) {
	file := path
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		var err error
		file, err = findSubmission(path)
		if err != nil {
			return brokenResult(err, exercise), err
		}
	}
	sub, ex, err := ReadSubmission(file, exercise)
	if err != nil {
		return brokenResult(err, exercise), err
	}
	rep, err := g.Grade(ctx, ex, sub)
	if err != nil {
		return brokenResult(err, ex.ID), err
	}
	gs := rep.Gradescope()
	gs.Output += "\n\n" + rep.Text()
	return &gs, nil
}

// GradeDir is GradePath for Gradescope's submission directory.
func (g *Grader) GradeDir(ctx context.Context, dir, exercise string) (*Gradescope, error) {
	return g.GradePath(ctx, dir, exercise)
}

// findSubmission picks the notebook in dir, or else its one .go file.
func findSubmission(dir string) (string, error) {
	var notebooks, goFiles []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			if d != nil && d.IsDir() && strings.HasPrefix(d.Name(), ".") && p != dir {
				return filepath.SkipDir
			}
			return nil
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".ipynb":
			if !strings.Contains(p, ".ipynb_checkpoints") {
				notebooks = append(notebooks, p)
			}
		case ".go":
			goFiles = append(goFiles, p)
		}
		return nil
	})
	switch {
	case len(notebooks) == 1:
		return notebooks[0], nil
	case len(notebooks) > 1:
		return "", fmt.Errorf("%w: %d notebooks in %s; hand in one", ErrBadSubmission, len(notebooks), filepath.Base(dir))
	case len(goFiles) == 1:
		return goFiles[0], nil
	case len(goFiles) > 1:
		return "", fmt.Errorf("%w: %d .go files in %s; hand in one", ErrBadSubmission, len(goFiles), filepath.Base(dir))
	}
	return "", fmt.Errorf("%w: no notebook or .go file in %s", ErrBadSubmission, filepath.Base(dir))
}

// notGraded starts the output of a submission that could not be graded.
const notGraded = "Could not grade this submission: "

// brokenResult is the results of a submission that could not be graded:
// a zero, with the reason, out of the exercise's points and for each of
// its tests when the exercise is known.
func brokenResult(err error, exercise string) *Gradescope {
	why := notGraded + strings.TrimPrefix(err.Error(), ErrBadSubmission.Error()+": ")
	gs := &Gradescope{Output: why, Tests: []GradescopeTest{}}
	ex, loadErr := LoadExercise(exercise)
	if exercise == "" || loadErr != nil {
		return gs
	}
	gs.MaxScore = ex.MaxScore()
	for _, tc := range ex.Tests {
		gs.Tests = append(gs.Tests, GradescopeTest{Name: tc.GradeID + ": " + testNames(tc), MaxScore: tc.Points, Status: "failed", Output: "not run: " + why})
	}
	return gs
}

// WriteGradescope writes results.json.
func WriteGradescope(path string, gs *Gradescope) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(gs, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// graded reports whether results holds a grading that stands: one that
// does not ask to be graded again.
func graded(results string) bool {
	b, err := os.ReadFile(results)
	if err != nil {
		return false
	}
	var gs Gradescope
	if json.Unmarshal(b, &gs) != nil {
		return true // not ours to redo: written by hand or by another tool
	}
	return gs.ExtraData == nil || gs.ExtraData.Regrade == ""
}

func writeStudent(dir string, gs *Gradescope) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "feedback.txt"), []byte(gs.Output+"\n"), 0o644); err != nil {
		return err
	}
	// results.json last: its presence means the student is graded.
	return WriteGradescope(filepath.Join(dir, "results.json"), gs)
}

// writeCSV writes grades.csv from every student's results.json.
func writeCSV(out string) error {
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	type row struct {
		student string
		gs      Gradescope
	}
	var rows []row
	var columns []string
	seen := map[string]bool{}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(out, e.Name(), "results.json"))
		if err != nil {
			continue
		}
		var gs Gradescope
		if err := json.Unmarshal(b, &gs); err != nil {
			continue
		}
		rows = append(rows, row{e.Name(), gs})
		for _, t := range gs.Tests {
			id, _, _ := strings.Cut(t.Name, ": ")
			if !seen[id] {
				seen[id] = true
				columns = append(columns, id)
			}
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].student < rows[j].student })
	f, err := os.Create(filepath.Join(out, "grades.csv"))
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write(append(append([]string{"student", "total", "max"}, columns...), "error"))
	for _, r := range rows {
		scores := map[string]string{}
		for _, t := range r.gs.Tests {
			id, _, _ := strings.Cut(t.Name, ": ")
			scores[id] = points(t.Score)
		}
		rec := []string{r.student, points(r.gs.Score), points(r.gs.MaxScore)}
		for _, c := range columns {
			rec = append(rec, scores[c])
		}
		errText := ""
		switch {
		case len(r.gs.Tests) == 0 || strings.HasPrefix(r.gs.Output, notGraded):
			errText = firstLine(r.gs.Output)
		case r.gs.ExtraData != nil && r.gs.ExtraData.Regrade != "":
			errText = r.gs.ExtraData.Regrade + " (the next batch run grades it again)"
		}
		w.Write(append(rec, errText))
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// progress draws a progress bar with an ETA on a terminal line.
type progress struct {
	mu      sync.Mutex
	w       io.Writer
	total   int
	done_   int
	skipped int
	start   time.Time
}

func newProgress(w io.Writer, total, skipped int) *progress {
	if w == nil {
		w = io.Discard
	}
	p := &progress{w: w, total: total, skipped: skipped, start: time.Now()}
	if skipped > 0 {
		fmt.Fprintf(w, "%d already graded (--force grades them again)\n", skipped)
	}
	return p
}

func (p *progress) done(student string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done_++
	const width = 30
	filled := width * p.done_ / max(p.total, 1)
	elapsed := time.Since(p.start)
	eta := time.Duration(float64(elapsed) / float64(p.done_) * float64(p.total-p.done_))
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d  ETA %v  %-24.24s", strings.Repeat("#", filled), strings.Repeat(".", width-filled),
		p.done_, p.total, eta.Round(time.Second), student)
}

func (p *progress) finish(res BatchResult) {
	p.mu.Lock()
	defer p.mu.Unlock()
	broken := ""
	if res.Broken > 0 {
		broken = fmt.Sprintf("; %d could not be graded (the error column of grades.csv says why)", res.Broken)
	}
	fmt.Fprintf(p.w, "\ngraded %d%s, in %v\n", res.Graded, broken, time.Since(p.start).Round(time.Second))
}
