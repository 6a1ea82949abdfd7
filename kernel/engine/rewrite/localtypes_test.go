package rewrite

import (
	"strings"
	"testing"
)

// Local types named like a type of an enclosing scope get names of their
// own; other local types keep theirs, and LocalName gives the written
// name back.
func TestRenameLocalTypes(t *testing.T) {
	f := checked(t, `package main
type Point struct{ X int }
func f() int {
	type Point struct{ X, Y int }
	type Other struct{ A int }
	p := Point{1, 2}
	_ = Other{p.X}
	{
		type Point string
		var s Point = "x"
		_ = s
	}
	return Point{}.X
}
func g() Point { return Point{} }`)
	if !RenameLocalTypes(f.Info) {
		t.Fatal("renamed nothing")
	}
	got := spaced(printed(f))
	for _, want := range []string{
		"type Point_goconcLocal1 struct{ X, Y int }",
		"type Other struct{ A int }",
		"p := Point_goconcLocal1{1, 2}",
		"type Point_goconcLocal2 string",
		"var s Point_goconcLocal2 = \"x\"",
		"return Point_goconcLocal1{}.X",
		"func f() int {",
		"func g() Point { return Point{} }",
	} {
		if !strings.Contains(got, spaced(want)) {
			t.Errorf("printed\n%s\nwant it to hold\n%s", printed(f), want)
		}
	}
	for in, want := range map[string]string{
		"Point_goconcLocal1":                                     "Point",
		"main.Point_goconcLocal12{X:1}":                          "main.Point{X:1}",
		"cannot use x (variable of type *Ab_goconcLocal3) as Ab": "cannot use x (variable of type *Ab) as Ab",
		"Point": "Point",
	} {
		if got := LocalName(in); got != want {
			t.Errorf("LocalName(%q) = %q, want %q", in, got, want)
		}
	}
}
