package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestNotebooksRun runs every notebook of the course top to bottom with
// goconc run, as a student would: each must run without an error.
func TestNotebooksRun(t *testing.T) {
	notebooks, err := filepath.Glob("../../notebooks/*.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if len(notebooks) == 0 {
		t.Fatal("no notebooks found in notebooks/")
	}
	bin := filepath.Join(t.TempDir(), "goconc")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, nb := range notebooks {
		t.Run(filepath.Base(nb), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "executed.ipynb")
			cmd := exec.Command(bin, "run", "--out", out, nb)
			cmd.Stdin = nil
			if output, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("goconc run %s: %v\n%s", nb, err, output)
			}
			if _, err := os.Stat(out); err != nil {
				t.Errorf("no executed notebook written: %v", err)
			}
		})
	}
}
