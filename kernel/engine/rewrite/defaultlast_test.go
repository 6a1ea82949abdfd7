package rewrite

import (
	"strings"
	"testing"
)

// A default that moves takes the labels of the statements it reaches
// along: each copy declares them under a name of its own, with the
// branches to them, and the original keeps its names.
func TestDefaultLastCopiesLabels(t *testing.T) {
	f := checked(t, `package main
func f(x int) {
Out:
	for {
		switch x {
		case 1:
			x++
			fallthrough
		default:
		In:
			for i := 0; i < 2; i++ {
				if i == x {
					continue In
				}
				break Out
			}
			fallthrough
		case 2:
		Two:
			for {
				break Two
			}
		}
	}
}
`)
	runPasses(f, "clauselabels", "defaultlast")
	got := spaced(printed(f))
	for _, want := range []string{
		"case 2: { Two: for { break Two } }",
		"In: for i := 0; i < 2; i++ { if i == x { continue In } break Out }",
		"break Out",
	} {
		if !strings.Contains(got, spaced(want)) {
			t.Errorf("printed\n%s\nwant it to hold\n%s", printed(f), want)
		}
	}
	for _, label := range []string{"In", "Two"} {
		if n := strings.Count(got, label+"_goconc"); n < 2 {
			t.Errorf("printed\n%s\nwant the copies of %s renamed (declaration and branch), found %d", printed(f), label, n)
		}
	}
	if strings.Contains(got, "Out_goconc") {
		t.Errorf("printed\n%s\nrenamed Out, declared outside the copies", printed(f))
	}
}
