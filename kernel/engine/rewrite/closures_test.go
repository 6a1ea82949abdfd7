package rewrite

import (
	"go/parser"
	"go/printer"
	"go/token"
	"strings"
	"testing"
)

func TestClosureFrames(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"go statement", `go func() { work() }()`, `go func() func() { return func() { work() } }()()`},
		{"go with arguments", `go func(i int) { work(i) }(i)`, `go func() func(i int) { return func(i int) { work(i) } }()(i)`},
		{"passed to a function", `wg.Go(func() { work() })`, `wg.Go(func() func() { return func() { work() } }())`},
		{"stored", `f := func() int { return 1 }`, `f := func() func() int { return func() int { return 1 } }()`},
		{"called in place", `func() { work() }()`, `func() { work() }()`},
		{"deferred", `defer func() { recover() }()`, `defer func() { recover() }()`},
		{"returned", `return func() {}`, `return func() {}`},
		{"nested", `go func() { wg.Go(func() {}) }()`, `go func() func() { return func() { wg.Go(func() func() { return func() {} }()) } }()()`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, "", "package p\nfunc _() {\n"+tt.src+"\n}", 0)
			if err != nil {
				t.Fatal(err)
			}
			body := f.Decls[0]
			closureFrames(body, false)
			var b strings.Builder
			printer.Fprint(&b, token.NewFileSet(), body)
			got := strings.Join(strings.Fields(b.String()), "")
			if !strings.Contains(got, strings.Join(strings.Fields(tt.want), "")) {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// Literals outside function bodies run once, when the package is
// initialised; they keep their form.
func TestClosureFramesLeavesPackageLevel(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", "package p\nvar f = func() { go func() {}() }", 0)
	if err != nil {
		t.Fatal(err)
	}
	closureFrames(f.Decls[0], false)
	var b strings.Builder
	printer.Fprint(&b, token.NewFileSet(), f.Decls[0])
	got := strings.Join(strings.Fields(b.String()), "")
	want := "varf=func(){gofunc()func(){returnfunc(){}}()()}"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
