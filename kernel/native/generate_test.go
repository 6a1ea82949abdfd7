package native

import (
	"strings"
	"testing"
)

func TestGenerate(t *testing.T) {
	tests := []struct {
		name    string
		earlier []string
		cell    string
		want    []string // substrings of the program
		notWant []string
	}{
		{
			name:    "later declaration replaces earlier",
			earlier: []string{"func f() int { return 1 }\n", "func f() int { return 2 }\n"},
			cell:    "println(f())\n",
			want:    []string{"return 2"},
			notWant: []string{"return 1"},
		},
		{
			name:    "redeclared type in a group is blanked",
			earlier: []string{"type (\n\tA int\n\tB string\n)\n", "type A float64\n"},
			cell:    "var a A\nvar b B\nprintln(a, b)\n",
			want:    []string{"type A float64", "\t_ int", "B string"},
		},
		{
			name:    "unused declarations and imports are left out",
			earlier: []string{"import (\n\t\"fmt\"\n\t\"strings\"\n)\n", "func used() string { return strings.ToUpper(\"x\") }\n", "func unused() { fmt.Println(broken) }\n"},
			cell:    "println(used())\n",
			want:    []string{`import  "strings"`, "func used()"},
			notWant: []string{"unused", `"fmt"`},
		},
		{
			name:    "methods come with their type",
			earlier: []string{"type T struct{}\n", "func (t *T) M() int { return 7 }\n", "func (T) N() {}\n"},
			cell:    "var t T\nprintln(t.M())\n",
			want:    []string{"func (t *T) M()", "func (T) N()"},
		},
		{
			name:    "a pasted main is renamed",
			earlier: []string{"func main() { println(1) }\n"},
			cell:    "main()\n",
			want:    []string{"func main_() {", "func main() {\n\n/*line cell[2]:1:1*/main_()"},
		},
		{
			name:    "cell positions",
			earlier: []string{"\n\nconst N = 3\n"},
			cell:    "%%native  \nprintln(N)\n",
			want:    []string{"/*line cell[1]:3:1*/const N = 3", "/*line cell[2]:2:1*/println(N)"},
		},
		{
			name:    "a trailing expression shows its value",
			earlier: []string{"var total = 3\n"},
			cell:    "total += 1\ntotal * 2\n",
			want:    []string{`import goconc_fmt "fmt"`, "goconc_fmt.Println(\n/*line cell[2]:2:1*/total * 2,\n)"},
		},
		{
			name:    "a trailing call or receive is a statement",
			earlier: []string{"func f() {}\n"},
			cell:    "f()\n",
			notWant: []string{"goconc_fmt"},
		},
		{
			name:    "doc comments stay with their declaration",
			earlier: []string{"// Twice doubles.\nfunc Twice(n int) int { return 2 * n }\n"},
			cell:    "println(Twice(2))\n",
			want:    []string{"/*line cell[1]:1:1*/// Twice doubles.\nfunc Twice"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var earlier []Cell
			for i, c := range tt.earlier {
				earlier = append(earlier, Cell{Count: i + 1, Source: c})
			}
			src, err := generate(earlier, Cell{Count: len(earlier) + 1, Source: strings.Replace(tt.cell, "%%native  ", "          ", 1)})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(src.text, w) {
					t.Errorf("program lacks %q:\n%s", w, src.text)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(src.text, w) {
					t.Errorf("program has %q:\n%s", w, src.text)
				}
			}
		})
	}
}

func TestStatementVariables(t *testing.T) {
	src, err := generate([]Cell{
		{Count: 1, Source: "a, b := 1, 2\nfor i := 0; i < 3; i++ {\n}\n"},
		{Count: 2, Source: "var c = 3\nd := 4\nvar e int\n"},
	}, Cell{Count: 3, Source: "println(a)\n"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for name, v := range src.stmtVars {
		got[name] = v.cell
	}
	want := map[string]int{"a": 1, "b": 1, "d": 2}
	if len(got) != len(want) {
		t.Fatalf("statement variables %v, want %v", got, want)
	}
	for name, cell := range want {
		if got[name] != cell {
			t.Errorf("%s: cell %d, want %d", name, got[name], cell)
		}
	}
}

func TestParseRacesFolds(t *testing.T) {
	log := `==================
WARNING: DATA RACE
Write at 0x00c0000a4018 by goroutine 8:
  sync/atomic.AddInt32()
      /usr/local/go/src/runtime/race_amd64.s:281 +0xb
  main.main.func1()
      cell[4]:3 +0x44

Previous read at 0x00c0000a4018 by main goroutine:
  main.main()
      cell[4]:6 +0x1a4

Goroutine 8 (running) created at:
  main.main()
      cell[4]:2 +0x11a
==================
`
	cells := cellMap{counts: map[int]int{4: 9}, lines: map[int][]string{4: {"go func() {", "\tn++", "\tx++", "}()", "", "  println(x)"}}}
	races := parseRaces(log, cells)
	if len(races) != 1 {
		t.Fatalf("%d races", len(races))
	}
	r := races[0]
	if len(r.Accesses) != 3 || r.Accesses[0].Goroutine != 8 || r.Accesses[0].Frames[0].Line != 3 || r.Accesses[0].Frames[0].Text != "x++" {
		t.Errorf("accesses %+v", r.Accesses)
	}
	if r.Variable != "x" || !strings.Contains(r.Report, "WARNING: DATA RACE\nVariable: x\n") {
		t.Errorf("variable %q", r.Variable)
	}
	if strings.Contains(r.Report, "race_amd64") || !strings.Contains(r.Report, "cell[9]:6    println(x)") {
		t.Errorf("report:\n%s", r.Report)
	}
}

func FuzzParseSections(f *testing.F) {
	f.Add("panic: x\n\ngoroutine 1 [running]:\nmain.main()\n\tcell[1]:2 +0x1d\n")
	f.Add("WARNING: DATA RACE\nRead at 0x1 by goroutine 2:\n  f()\n      cell[x]:y\n")
	f.Fuzz(func(t *testing.T, s string) {
		parseFailure(s, cellMap{lines: map[int][]string{1: {"a"}}})
		parseRaces(s, cellMap{})
	})
}
