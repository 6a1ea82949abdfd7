package noise

import (
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// TestRewrite checks where the hook goes, that the result parses, and
// that every statement keeps its line and column.
func TestRewrite(t *testing.T) {
	src := `package main

//line cell3.go:10
func Transfer(from, to *Account, amount int) {
	from.mu.Lock()
	defer from.mu.Unlock()
	to.mu.Lock(); to.Balance += amount
	x := 1
	go func() { ch <- x }()
	select {
	case v := <-ch:
		_ = v
	}
	if v, ok := <-ch; ok {
		_ = v
	}
L:
	for range ch {
		break L
	}
}
`
	out, n := Rewrite("cell3.go", []byte(src), "hook", 1)
	got := string(out)
	for _, want := range []string{
		"\thook(1); /*line cell3.go:11:2*/from.mu.Lock()",
		"\tdefer from.mu.Unlock()",
		"\thook(2); /*line cell3.go:13:2*/to.mu.Lock(); to.Balance += amount",
		"\tx := 1",
		"\thook(3); /*line cell3.go:15:2*/go func() {hook(4); /*line cell3.go:15:13*/ hook(5); /*line cell3.go:15:14*/ch <- x }()",
		"\thook(6); /*line cell3.go:16:2*/select {",
		"\t\t_ = v",
		"\thook(7); /*line cell3.go:20:2*/if v, ok := <-ch; ok {",
		"L:\n\tfor range ch {",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("rewritten source lacks %q:\n%s", want, got)
		}
	}
	if n != 7 {
		t.Errorf("%d sites, want 7", n)
	}
	fset := token.NewFileSet()
	if _, err := parser.ParseFile(fset, "cell3.go", out, 0); err != nil {
		t.Fatalf("rewritten source does not parse: %v\n%s", err, got)
	}
}

// TestRewriteKeepsBadSource leaves a file that does not parse as it is.
func TestRewriteKeepsBadSource(t *testing.T) {
	src := []byte("package main\nfunc f() { mu.Lock( }\n")
	out, n := Rewrite("cell1.go", src, "hook", 1)
	if string(out) != string(src) || n != 0 {
		t.Errorf("Rewrite changed source that does not parse: %q", out)
	}
}
