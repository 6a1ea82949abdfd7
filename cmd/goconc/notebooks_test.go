package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestNotebooksRun runs every notebook of the course top to bottom with
// goconc run, as a student would: each must run without an error, except
// in the cells tagged raises-exception, which must fail (see
// TestRunRaisesException). The lessons take tens of seconds each; -short
// runs the welcome notebook only.
func TestNotebooksRun(t *testing.T) {
	dir, err := filepath.Abs("../../notebooks") // the runs start in this directory
	if err != nil {
		t.Fatal(err)
	}
	notebooks, err := filepath.Glob(filepath.Join(dir, "*.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	if len(notebooks) == 0 {
		t.Fatal("no notebooks found in notebooks/")
	}
	if testing.Short() {
		notebooks = notebooks[:1]
	}
	bin := goconcBinary(t)
	for _, nb := range notebooks {
		nb, err := filepath.Abs(nb)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(nb), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "executed.ipynb")
			cmd := exec.Command(bin, "run", "--out", out, nb)
			cmd.Stdin = nil
			cmd.Dir = filepath.Dir(nb)
			start := time.Now()
			output, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("goconc run %s: %v\n%s", nb, err, output)
			}
			t.Logf("ran in %v", time.Since(start).Round(100*time.Millisecond))
			if _, err := os.Stat(out); err != nil {
				t.Errorf("no executed notebook written: %v", err)
			}
		})
	}
}
