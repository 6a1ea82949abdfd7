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

// Local types of two functions with one name get names of their own, a
// local type alone with its name and type parameters keep theirs.
func TestRenameLocalTypesOfTwoFunctions(t *testing.T) {
	f := checked(t, `package main
func one() any {
	type T struct{ a string }
	type S []T
	return S{}
}
func two() any {
	type T interface{}
	type S []T
	e := make(S, 1)
	e[0] = 1
	return e
}
func three() any {
	type Alone int
	return Alone(1)
}
type Box[T any] struct{ v T }
func (b Box[T]) Get() T { return b.v }`)
	if !RenameLocalTypes(f.Info) {
		t.Fatal("renamed nothing")
	}
	checkPrinted(t, f, []string{
		"type T_goconcLocal1 struct{ a string }",
		"type S_goconcLocal2 []T_goconcLocal1",
		"return S_goconcLocal2{}",
		"type T_goconcLocal3 interface{}",
		"type S_goconcLocal4 []T_goconcLocal3",
		"e := make(S_goconcLocal4, 1)",
		"type Alone int",
		"type Box[T any] struct{ v T }",
		"func (b Box[T]) Get() T { return b.v }",
	}, nil)
}
