package engine

import (
	"context"
	"strings"
	"testing"
)

// A function, variable or constant declared again in a later cell is the
// one every earlier function sees from then on: the functions that use
// it are compiled again. What no longer compiles is dropped with a note.
func TestFunctionsDeclaredAgain(t *testing.T) {
	const g1 = "import \"fmt\"\nfunc g() int { return 1 }"
	tests := []cellRun{
		{"a function", []runCell{
			{src: g1},
			{src: "func f() int { return g() }"},
			{src: "func g() int { return 2 }"},
			{src: "fmt.Println(f(), g())", want: "2 2\n"},
		}},
		{"through other functions, a goroutine and a closure", []runCell{
			{src: g1},
			{src: "func f() int { ch := make(chan int); go func() { ch <- g() }(); return <-ch }"},
			{src: "func h() int { k := func() int { return f() * 10 }; return k() }"},
			{src: "func g() int { return 2 }"},
			{src: "fmt.Println(h())", want: "20\n"},
		}},
		{"used in the cell that declares it again", []runCell{
			{src: g1 + "\nfunc f() int { return g() }"},
			{src: "func g() int { return 3 }\nfmt.Println(f())", want: "3\n"},
		}},
		{"declared as it was, after a change", []runCell{
			{src: g1},
			{src: "func f() int { return g() }"},
			{src: "func g() int { return 2 }"},
			{src: g1},
			{src: "fmt.Println(f())", want: "1\n"},
		}},
		{"a package-level variable", []runCell{
			{src: "import \"fmt\"\nvar base = 10"},
			{src: "func f() int { return base + 1 }"},
			{src: "var base = 20"},
			{src: "fmt.Println(f(), base)", want: "21 20\n"},
		}},
		{"a package-level variable defined again by a statement", []runCell{
			{src: "import \"fmt\"\nvar base = 10"},
			{src: "func f() int { return base + 1 }"},
			{src: "base := 20"},
			{src: "fmt.Println(f(), base)", want: "21 20\n"},
		}},
		{"a variable run again starts again", []runCell{
			{src: "import \"fmt\"\nvar count = 0"},
			{src: "func inc() { count++ }"},
			{src: "inc()\ninc()\nfmt.Println(count)", want: "2\n"},
			{src: "var count = 0"},
			{src: "inc()\nfmt.Println(count)", want: "1\n"},
		}},
		{"a constant, and a constant made of it", []runCell{
			{src: "import \"fmt\"\nconst base = 10\nconst twice = 2 * base"},
			{src: "func f() int { return base + twice }"},
			{src: "const base = 20"},
			{src: "fmt.Println(f(), twice)", want: "60 40\n"},
		}},
		{"a method", []runCell{
			{src: "import \"fmt\"\ntype T struct{}\nfunc (T) M() int { return 1 }"},
			{src: "func f() int { return T{}.M() }"},
			{src: "func (T) M() int { return 2 }"},
			{src: "fmt.Println(f(), T{}.M())", want: "2 2\n"},
		}},
		// The interpreter keeps a method's first body: the method comes
		// again with its type, as when it is declared again itself.
		{"a function a method calls", []runCell{
			{src: g1},
			{src: "type T struct{ n int }\nfunc (t T) M() int { return t.n + g() }\nx := T{5}"},
			{src: "func g() int { return 2 }"},
			{src: "fmt.Println(T{1}.M(), x.M())", want: "3 7\n"},
		}},
		{"a function whose signature changes", []runCell{
			{src: g1},
			{src: "func f() int { return g() }\nfunc h() int { return f() + 1 }"},
			{src: "func g() string { return \"two\" }\nfmt.Println(g())",
				want: "two\n" +
					"note: g declared again: f no longer compiles and is dropped (line 1, column 23 of its cell: cannot use g() (value of type string) as int value in return statement); declare it again to have it back\n" +
					"note: g declared again: h no longer compiles and is dropped (line 2, column 23 of its cell: undefined: f); declare it again to have it back\n"},
			{src: "fmt.Println(f())", errHas: "undefined: f (dropped when g declared again: it no longer compiles, line 1, column 23 of its cell: cannot use g() (value of type string) as int value in return statement)"},
			{src: "func f() int { return len(g()) }\nfmt.Println(f())", want: "3\n"},
			{src: "func h() int { return f() + 1 }\nfmt.Println(h())", want: "4\n"},
		}},
		{"a variable defined again with another type", []runCell{
			{src: "import \"fmt\"\nbase := 10"},
			{src: "func f() int { return base + 1 }"},
			{src: "base := \"s\"",
				want: "note: base declared again: f no longer compiles and is dropped (line 1, column 23 of its cell: invalid operation: base + 1 (mismatched types string and untyped int)); declare it again to have it back\n"},
			{src: "fmt.Println(base, f())", errHas: "undefined: f (dropped when base declared again"},
		}},
		// os.Stat returns an fs.FileInfo, and no cell imports io/fs.
		{"a variable defined again with a type of a package not imported", []runCell{
			{src: "import (\"fmt\"; \"os\")\ninfo := 1"},
			{src: "func f() int { return info * 2 }\nfunc name() string { return fmt.Sprint(info) }"},
			{src: "info, _ := os.Stat(\".\")",
				want: "note: info declared again: f no longer compiles and is dropped (line 1, column 23 of its cell: invalid operation: info * 2 (mismatched types os.FileInfo and untyped int)); declare it again to have it back\n"},
			{src: "fmt.Println(info.IsDir(), name() != \"1\")", want: "true true\n"},
		}},
		// A value made before stays as it was made: its initializer does
		// not run again, and a function value calls what it was taken
		// from.
		{"values made with the earlier function", []runCell{
			{src: g1},
			{src: "var x = g() + 1\nh := g"},
			{src: "func g() string { return \"two\" }"},
			{src: "var y = x * 10\nfmt.Println(x, y, h(), g())", want: "2 20 1 two\n"},
		}},
		{"an init function does not run again", []runCell{
			{src: g1},
			{src: "func init() { fmt.Println(\"init\", g()) }", want: "init 1\n"},
			{src: "func g() int { return 2 }\nfmt.Println(g())", want: "2\n"},
		}},
	}
	checkCellRuns(t, tests)
}

// A function compiled again keeps its cell's lines in tracebacks.
func TestFunctionDeclaredAgainTraceback(t *testing.T) {
	s, out := newTestSession(t, "")
	for _, c := range []string{
		"import \"fmt\"\nfunc g() int { return 1 }",
		"\n\nfunc f() int {\n\treturn g()\n}",
		"func g() int { panic(\"boom\") }",
	} {
		if r := s.Execute(context.Background(), c); r.Err != nil {
			t.Fatalf("cell %q: %+v", c, r.Err)
		}
	}
	out.take()
	r := s.Execute(context.Background(), "fmt.Println(f())")
	if r.Err == nil {
		t.Fatal("no panic")
	}
	tb := strings.Join(r.Err.Traceback, "\n")
	for _, want := range []string{"main.g(...)\n\tcell[3]:1\n", "main.f(...)\n\tcell[2]:4\n"} {
		if !strings.Contains(tb, want) {
			t.Errorf("traceback %q lacks %q", tb, want)
		}
	}
}
