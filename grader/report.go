package grader

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// Report is one submission's grade.
type Report struct {
	Exercise     string
	Title        string
	Submission   string
	Score        float64
	MaxScore     float64
	Tests        []TestReport
	CompileError string
	Cores        int
	Containment  string
	// Seed chose the runs' inputs and scheduling noise: goconc grade
	// --seed replays them.
	Seed    uint64
	Noise   bool // correctness runs had scheduling noise
	Elapsed time.Duration
}

// TestReport is one graded cell's result.
type TestReport struct {
	GradeID  string
	Name     string
	Score    float64
	MaxScore float64
	Passed   bool
	Lines    []string // histograms, race reports, speedups
	// Regrade says why the score is the machine's rather than the
	// code's (a speed test the machine was too busy to time), if it is.
	Regrade string
}

// WriteText writes the report for a person to read.
func (r *Report) WriteText(w io.Writer) {
	title := r.Exercise
	if r.Title != "" {
		title += ": " + r.Title
	}
	fmt.Fprintf(w, "%s\nsubmission: %s\n", title, r.Submission)
	if r.CompileError != "" {
		fmt.Fprintf(w, "\nThe code does not compile:\n%s\n", indent(r.CompileError, "  "))
	}
	for _, t := range r.Tests {
		mark := "PASS"
		switch {
		case t.Score == 0:
			mark = "FAIL"
		case t.Score < t.MaxScore:
			mark = "PART"
		}
		fmt.Fprintf(w, "\n[%s] %s  %s/%s points\n", mark, t.GradeID, points(t.Score), points(t.MaxScore))
		for _, l := range t.Lines {
			fmt.Fprintf(w, "  %s\n", l)
		}
	}
	fmt.Fprintf(w, "\nscore: %s/%s\n", points(r.Score), points(r.MaxScore))
	fmt.Fprintf(w, "graded in %.1fs on %d cores; each run: %s\n", r.Elapsed.Seconds(), r.Cores, r.Containment)
	if r.Noise {
		fmt.Fprintf(w, "correctness runs had scheduling noise at the synchronisation points; seed %d (goconc grade --seed %d replays the inputs and the noise)\n", r.Seed, r.Seed)
	} else {
		fmt.Fprintf(w, "seed %d (goconc grade --seed %d replays the inputs)\n", r.Seed, r.Seed)
	}
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

func points(x float64) string {
	s := fmt.Sprintf("%.2f", x)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// Text returns the report as WriteText writes it.
func (r *Report) Text() string {
	var b strings.Builder
	r.WriteText(&b)
	return b.String()
}

// Gradescope is the results.json format of Gradescope's autograder.
type Gradescope struct {
	Score         float64          `json:"score"`
	MaxScore      float64          `json:"max_score"`
	ExecutionTime float64          `json:"execution_time"`
	Output        string           `json:"output"`
	Tests         []GradescopeTest `json:"tests"`
	// ExtraData is Gradescope's place for what is not a score: here,
	// why a submission wants grading again.
	ExtraData *GradescopeExtra `json:"extra_data,omitempty"`
}

// GradescopeExtra is goconc's part of Gradescope's extra_data.
type GradescopeExtra struct {
	// Regrade says why the score is the machine's rather than the
	// code's; a batch grades such a submission again when run again.
	Regrade string `json:"regrade,omitempty"`
}

// GradescopeTest is one test in Gradescope's format.
type GradescopeTest struct {
	Name     string  `json:"name"`
	Score    float64 `json:"score"`
	MaxScore float64 `json:"max_score"`
	Status   string  `json:"status"` // "passed" or "failed"
	Output   string  `json:"output"`
}

// Gradescope returns the report in Gradescope's format.
func (r *Report) Gradescope() Gradescope {
	gs := Gradescope{
		Score:         round2(r.Score),
		MaxScore:      r.MaxScore,
		ExecutionTime: round2(r.Elapsed.Seconds()),
		Output:        fmt.Sprintf("%s: %s/%s points. Graded on %d cores; each run: %s.", r.Exercise, points(r.Score), points(r.MaxScore), r.Cores, r.Containment),
		Tests:         []GradescopeTest{},
	}
	if r.Seed != 0 {
		gs.Output += fmt.Sprintf(" Seed %d: goconc grade --seed %d replays the runs' inputs and scheduling noise.", r.Seed, r.Seed)
	}
	if r.CompileError != "" {
		gs.Output += "\n\nThe code does not compile:\n" + r.CompileError
	}
	for _, t := range r.Tests {
		status := "failed"
		if t.Passed {
			status = "passed"
		}
		gs.Tests = append(gs.Tests, GradescopeTest{
			Name:     t.GradeID + ": " + t.Name,
			Score:    round2(t.Score),
			MaxScore: t.MaxScore,
			Status:   status,
			Output:   strings.Join(t.Lines, "\n"),
		})
		if t.Regrade != "" && gs.ExtraData == nil {
			gs.ExtraData = &GradescopeExtra{Regrade: t.GradeID + ": " + t.Regrade}
			gs.Output += "\n\nGrade this submission again on a quieter machine: " + gs.ExtraData.Regrade + "."
		}
	}
	return gs
}

// WriteJSON writes the report in Gradescope's format.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r.Gradescope())
}

func round2(x float64) float64 { return float64(int64(x*100+0.5)) / 100 }
