package rewrite

import "testing"

// Declarations of predeclared names get names of their own in their
// declarations and uses; fields, methods and the predeclared names
// themselves, where no declaration hides them, keep theirs.
func TestRenamePredeclared(t *testing.T) {
	f := checked(t, `package main
const nil = 23
type int32 struct{ len int }
func (int32) cap() int { return 1 }
func f() int {
	x := int32{len: 2}
	len := x.len + x.cap()
	return len + nil
}
func g(s []byte) int { return len(s) }`)
	if !RenamePredeclared(f.Info) {
		t.Fatal("renamed nothing")
	}
	checkPrinted(t, f, []string{
		"const nil_goconcUniverse1 = 23",
		"type int32_goconcUniverse2 struct{ len int }",
		"func (int32_goconcUniverse2) cap() int",
		"x := int32_goconcUniverse2{len: 2}",
		"len_goconcUniverse3 := x.len + x.cap()",
		"return len_goconcUniverse3 + nil_goconcUniverse1",
		"return len(s)",
	}, nil)
	if got := LocalName("main.int32_goconcUniverse2{len:2}"); got != "main.int32{len:2}" {
		t.Errorf("LocalName gives %q, want main.int32{len:2}", got)
	}
	for _, src := range []string{
		"package main\nfunc f(s []int) int { return len(s) }",
		"package main\nfunc f() int {\n\tconst (\n\t\tA = iota\n\t\tiota = iota\n\t\tB\n\t)\n\treturn A + B\n}",
	} {
		if RenamePredeclared(checked(t, src).Info) {
			t.Errorf("renamed in %q, which declares no predeclared name but iota", src)
		}
	}
}
