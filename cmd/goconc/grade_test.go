package main

import (
	"archive/zip"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestAutograderZip writes the autograder zip for the counter exercise,
// unpacks it into a temporary autograder root, and runs its
// run_autograder on a submission, as Gradescope would (setup.sh, which
// downloads Go, is left out: the test machine has it).
func TestAutograderZip(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "goconc")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	zipPath := filepath.Join(dir, "autograder.zip")
	out, err := exec.Command(bin, "autograder", "--exercise", "counter", "--out", zipPath, "--goconc", bin).CombinedOutput()
	if err != nil {
		t.Fatalf("goconc autograder: %v\n%s", err, out)
	}
	root := filepath.Join(dir, "autograder")
	unzip(t, zipPath, filepath.Join(root, "source"))
	for _, name := range []string{"setup.sh", "run_autograder", "goconc"} {
		if _, err := os.Stat(filepath.Join(root, "source", name)); err != nil {
			t.Errorf("zip lacks %s", name)
		}
	}
	setup, _ := os.ReadFile(filepath.Join(root, "source", "setup.sh"))
	if !strings.Contains(string(setup), `"$(dirname "$0")/goconc" warm`) {
		t.Errorf("setup.sh does not warm the build cache with the packed goconc:\n%s", setup)
	}
	// The student hands in their solution as a Go file.
	os.MkdirAll(filepath.Join(root, "submission"), 0o755)
	os.MkdirAll(filepath.Join(root, "results"), 0o755)
	src, err := os.ReadFile(filepath.Join("..", "..", "grader", "testdata", "counter", "correct.go"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(root, "submission", "counter.go"), src, 0o644)
	run := exec.Command(filepath.Join(root, "source", "run_autograder"))
	run.Env = append(os.Environ(), "AUTOGRADER_ROOT="+root)
	if out, err := run.CombinedOutput(); err != nil {
		t.Fatalf("run_autograder: %v\n%s", err, out)
	}
	b, err := os.ReadFile(filepath.Join(root, "results", "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Score float64 `json:"score"`
		Max   float64 `json:"max_score"`
		Tests []struct {
			Name, Status string
		} `json:"tests"`
	}
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	if res.Max == 0 || res.Score != res.Max || len(res.Tests) == 0 {
		t.Errorf("results.json: %s", b)
	}
	for _, tt := range res.Tests {
		if tt.Status != "passed" {
			t.Errorf("test %s: %s", tt.Name, tt.Status)
		}
	}
}

func unzip(t *testing.T, path, dir string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if strings.Contains(f.Name, "..") {
			t.Fatalf("zip entry %q", f.Name)
		}
		dst := filepath.Join(dir, f.Name)
		os.MkdirAll(filepath.Dir(dst), 0o755)
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		w, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY, f.Mode())
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(w, r)
		r.Close()
		w.Close()
	}
}

// TestGradeExitStatus: 2 with a one-line reason when grading cannot run.
func TestGradeExitStatus(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.ipynb")
	os.WriteFile(bad, []byte("{"), 0o644)
	for _, args := range [][]string{
		{"grade", bad},
		{"grade", "--exercise", "nosuch", filepath.Join("..", "..", "grader", "testdata", "counter", "correct.go")},
		{"grade", filepath.Join(dir, "missing.go")},
	} {
		var stdout, stderr strings.Builder
		if code := mainCode(args, &stdout, &stderr); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
		if lines := strings.Count(strings.TrimSpace(stderr.String()), "\n"); lines != 0 {
			t.Errorf("%q: %d lines on stderr: %q", args, lines+1, stderr.String())
		}
	}
}
