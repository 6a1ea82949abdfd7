package sandbox

import (
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
)

// TestHarnessFiles checks that the copy of the harness in a program
// imports the copy of package netns beside it, and that the copied files
// import nothing a program's module lacks.
func TestHarnessFiles(t *testing.T) {
	const base = "goconc/files/graded-0123/internal/h0123"
	files := HarnessFiles(base)
	wantLocal := map[string]string{"harness.go": base + "/netns", "netns/netns.go": ""}
	for name, want := range wantLocal {
		src, ok := files[name]
		if !ok {
			t.Fatalf("HarnessFiles has no %s; has %v", name, keys(files))
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		var local []string
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if first, _, _ := strings.Cut(p, "/"); strings.Contains(first, ".") || first == "goconc" {
				local = append(local, p)
			}
		}
		switch {
		case want == "" && len(local) > 0:
			t.Errorf("%s imports %v; want the standard library only", name, local)
		case want != "" && (len(local) != 1 || local[0] != want):
			t.Errorf("%s imports %v; want only %s besides the standard library", name, local, want)
		}
	}
	if len(files) != len(wantLocal) {
		t.Errorf("HarnessFiles has %v; want %v", keys(files), wantLocal)
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
