package engine

import (
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/printer"
	"go/token"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestLessonExamplesAsCells runs every example of the lesson packages and
// of display that has an // Output: comment as notebook cells, as a
// student would paste it, and checks that the cells print what the
// compiled example prints. The file's imports and helper declarations
// make one cell, each example's body another.
func TestLessonExamplesAsCells(t *testing.T) {
	var files []string
	for _, pattern := range []string{"../../lessons/*/*_test.go", "../../display/*_test.go"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	// procs runs child programs with the goconc binary.
	bin := filepath.Join(t.TempDir(), "goconc")
	if out, err := exec.Command("go", "build", "-o", bin, "goconc/cmd/goconc").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Setenv("GOCONC_BIN", bin)
	ran := 0
	for _, path := range files {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		examples := doc.Examples(f)
		examples = slices.DeleteFunc(examples, func(e *doc.Example) bool { return e.Output == "" && !e.EmptyOutput })
		if len(examples) == 0 {
			continue
		}
		if !strings.HasSuffix(f.Name.Name, "_test") {
			t.Errorf("%s: examples of an internal test package cannot run as cells", path)
			continue
		}
		setup := exampleSetup(t, fset, f)
		t.Run(filepath.Base(filepath.Dir(path)), func(t *testing.T) {
			s, out := newTestSession(t, "")
			runSetup(t, s, out, setup)
			for _, ex := range examples {
				ran++
				t.Run(ex.Name, func(t *testing.T) {
					fault := runExample(s, out, nodeText(t, fset, ex.Code), ex)
					reason, known := knownExampleFaults[f.Name.Name+"."+ex.Name]
					switch {
					case known && fault == "":
						t.Errorf("passes now: take it out of knownExampleFaults (%s)", reason)
					case known:
						t.Logf("known fault (%s): %s", reason, fault)
					case fault != "":
						t.Error(fault)
					}
				})
			}
		})
	}
	if ran == 0 {
		t.Fatal("no examples found")
	}
}

// knownExampleFaults are the examples that still run differently as
// cells, by package_test.Name, with the engine fault behind each. They
// still run, and must still fail, so that a fix shows.
var knownExampleFaults = map[string]string{}

// runExample runs an example's body as a cell and returns how it went
// wrong, or "".
func runExample(s *Session, out *lockedBuffer, body string, ex *doc.Example) string {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	r := s.Execute(ctx, strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(body), "{"), "}"))
	got := out.take()
	if r.Err != nil {
		return fmt.Sprintf("%s: %s\n%s", r.Err.Name, r.Err.Value, strings.Join(r.Err.Traceback, "\n"))
	}
	got, want := strings.TrimSpace(got), strings.TrimSpace(ex.Output)
	if ex.Unordered {
		got, want = sortedLines(got), sortedLines(want)
	}
	if got != want {
		return fmt.Sprintf("printed\n%s\nwant\n%s", got, want)
	}
	return ""
}

// exampleSetup is the cell that declares what a file's examples use: its
// imports and the declarations that are not tests or examples.
func exampleSetup(t *testing.T, fset *token.FileSet, f *ast.File) string {
	var b strings.Builder
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
			name := fd.Name.Name
			if strings.HasPrefix(name, "Example") || strings.HasPrefix(name, "Test") || strings.HasPrefix(name, "Benchmark") {
				continue
			}
		}
		b.WriteString(nodeText(t, fset, d))
		b.WriteString("\n\n")
	}
	return b.String()
}

func nodeText(t *testing.T, fset *token.FileSet, n ast.Node) string {
	var b bytes.Buffer
	if err := printer.Fprint(&b, fset, n); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func sortedLines(s string) string {
	lines := strings.Split(s, "\n")
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}
