package exercises

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"goconc/grader/nbgrader"
)

// TestReleaseUpToDate fails when a source notebook changed and its release
// was not written again with goconc release.
func TestReleaseUpToDate(t *testing.T) {
	ids := IDs()
	if len(ids) == 0 {
		t.Fatal("no exercises")
	}
	for _, id := range ids {
		src, err := os.ReadFile(filepath.Join("source", id+".ipynb"))
		if err != nil {
			t.Fatal(err)
		}
		want, err := nbgrader.ReleaseFile(src)
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		got, err := os.ReadFile(filepath.Join("release", id+".ipynb"))
		if err != nil {
			t.Errorf("%s: no release: %v (run goconc release)", id, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("release/%s.ipynb is out of date: run goconc release", id)
		}
		for _, marker := range []string{nbgrader.BeginSolution, nbgrader.BeginHiddenTests, nbgrader.EndSolution, nbgrader.EndHiddenTests} {
			if bytes.Contains(got, []byte(marker)) {
				t.Errorf("release/%s.ipynb holds %q", id, marker)
			}
		}
	}
}

// TestSources checks what every exercise needs: nbgrader metadata on
// every cell, an exercise id matching the file, a solution cell, graded
// cells with points.
func TestSources(t *testing.T) {
	for _, id := range IDs() {
		nb, err := Source(id)
		if err != nil {
			t.Fatal(err)
		}
		meta, _ := nb.Metadata["goconc"].(map[string]any)
		if meta["exercise"] != id {
			t.Errorf("%s: metadata.goconc.exercise = %v", id, meta["exercise"])
		}
		if lesson, _ := meta["lesson"].(string); lesson == "" {
			t.Errorf("%s: no lesson in metadata.goconc", id)
		}
		var solutions, graded int
		seen := map[string]bool{}
		for i, c := range nb.Cells {
			mk, ok := nbgrader.MarkOf(c)
			if !ok {
				t.Errorf("%s: cell %d has no nbgrader metadata", id, i+1)
				continue
			}
			if seen[mk.GradeID] {
				t.Errorf("%s: grade_id %q twice", id, mk.GradeID)
			}
			seen[mk.GradeID] = true
			if v := c.Metadata["nbgrader"].(map[string]any)["schema_version"]; v != float64(nbgrader.SchemaVersion) {
				t.Errorf("%s: cell %s: schema_version %v", id, mk.GradeID, v)
			}
			if mk.Solution {
				solutions++
			}
			if mk.Grade {
				graded++
				if mk.Points <= 0 {
					t.Errorf("%s: graded cell %s has no points", id, mk.GradeID)
				}
			}
		}
		if solutions == 0 || graded == 0 {
			t.Errorf("%s: %d solution cells, %d graded cells", id, solutions, graded)
		}
	}
}
