package gocorpus

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestPrograms(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"hello/hello.go":     "package main\n\nfunc main() {}\n",
		"two/a.go":           "package main\n\nfunc main() {}\n",
		"two/b.go":           "package main\n\nfunc helper() {}\n",
		"lib/lib.go":         "package lib\n",
		"nomain/nomain.go":   "package main\n\nfunc notMain() {}\n",
		"tested/main.go":     "package main\n\nfunc main() {}\n",
		"tested/x_test.go":   "package main\n",
		"testdata/t/main.go": "package main\n\nfunc main() {}\n",
		"top.go":             "package main\n\nfunc main() {}\n",
	}
	for name, src := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Programs(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"hello/hello.go", "tested/main.go", "top.go"}
	if !slices.Equal(got, want) {
		t.Errorf("Programs = %q, want %q", got, want)
	}
}

func TestSameLoosely(t *testing.T) {
	tests := []struct {
		name             string
		want, again, got string
		same             bool
	}{
		{"exact", "a\nb\n", "a\nb\n", "a\nb\n", true},
		{"other order, native steady", "a\nb\n", "a\nb\n", "b\na\n", false},
		{"other order, native varies", "a\nb\n", "b\na\n", "b\na\n", true},
		{"other numbers, native varies", "took 1.2ms\nat 0xc0001\n", "took 3ms\nat 0xc0002\n", "took 15µs\nat 0x1f\n", true},
		{"other words, native varies", "x 1\n", "x 2\n", "y 3\n", false},
		{"trace offsets", "main.main()\n\t/p/m.go:9 +0x1d\n", "main.main()\n\t/p/m.go:9 +0x1d\n", "main.main()\n\t/p/m.go:9\n", true},
		{"trace lines", "main.main()\n\t/p/m.go:9 +0x1d\n", "main.main()\n\t/p/m.go:9 +0x1d\n", "main.main()\n\t/p/m.go:8\n", false},
	}
	for _, tt := range tests {
		if got := sameLoosely([]byte(tt.want), []byte(tt.again), []byte(tt.got)); got != tt.same {
			t.Errorf("%s: sameLoosely = %v, want %v", tt.name, got, tt.same)
		}
	}
}
