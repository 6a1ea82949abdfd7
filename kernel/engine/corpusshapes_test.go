package engine

import "testing"

// TestCorpusShapes checks program shapes that public Go programs (the Go
// release's run tests among them) found the interpreter getting wrong,
// each with its neighbours, as the Go specification has them.
func TestCorpusShapes(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, "import (\n\t\"fmt\"\n\t\"math\"\n)")
	checkCells(t, s, out, []cellCase{
		// Map keys not equal to themselves: len counts them, a range
		// visits them, clear removes them, through any key type that
		// can hold a NaN.
		{cell: "nan := math.NaN()\nm := map[float64]int{nan: 1, 2: 2}\nm[nan] = 3\nseen := 0\nfor k := range m {\n\tif k != k {\n\t\tseen++\n\t}\n}\ndelete(m, nan)\nfmt.Println(len(m), seen)\nclear(m)\nfmt.Println(len(m), m != nil)", want: "3 2\n0 true\n"},
		{cell: "type key struct{ x float64 }\ntype set map[key]bool\nks := set{{nan}: true, {nan}: true}\nas := map[any]int{nan: 1, [1]float64{nan}: 2}\nclear(ks)\nclear(as)\nvar none map[float64]bool\nclear(none)\nfmt.Println(len(ks), len(as), none == nil)", want: "0 0 true\n"},
		// Declared functions named as values before their bodies are
		// compiled keep their types in interfaces and variables.
		{cell: "func again(n int) interface{} {\n\tif n == 0 {\n\t\treturn n\n\t}\n\treturn again\n}\nfunc later() (any, error) { return last, nil }\nfunc last() int { return 7 }\n_, ok := again(1).(func(int) interface{})\nv, _ := later()\nswitch f := v.(type) {\ncase func() int:\n\tfmt.Println(ok, f())\ndefault:\n\tfmt.Printf(\"%T\\n\", v)\n}", want: "true 7\n"},
		{cell: "func first() func() int { g := last; return g }\nfmt.Println(first()())", want: "7\n"},
		// make with sizes too large for memory names the length or the
		// capacity as Go's runtime does.
		{cell: "func sized(f func()) (msg any) {\n\tdefer func() { msg = recover() }()\n\tf()\n\treturn nil\n}\nhuge, wide := 1<<60, ^uint64(0)\nfmt.Println(sized(func() { _ = make([]int64, huge) }))\nfmt.Println(sized(func() { _ = make([]int64, 1, huge) }))\nfmt.Println(sized(func() { _ = make([]byte, wide) }))\nfmt.Println(sized(func() { _ = append([]int{}, make([]int, huge)...) }))\nfmt.Println(len(make([]struct{}, huge)), cap(make([]byte, 1, uint8(wide))))", want: "runtime error: makeslice: len out of range\nruntime error: makeslice: cap out of range\nruntime error: makeslice: len out of range\nruntime error: growslice: len out of range\n1152921504606846976 255\n"},
		// A range over a string with invalid UTF-8 yields U+FFFD for
		// each bad byte and steps one byte.
		{cell: "bad := \"a\\xffb\\xe2\\x82c\\xf0\\x9f\\x98€\"\nfor i, r := range bad {\n\tfmt.Print(i, \":\", r, \" \")\n}\nfmt.Println()\nvar at []int\nfor i := range bad {\n\tat = append(at, i)\n}\nvar last rune\nvar j int\nfor j, last = range bad[:3] {\n}\ncount := 0\nfor range bad {\n\tcount++\n}\nfmt.Println(at, j, last, count)", want: "0:97 1:65533 2:98 3:65533 4:65533 5:99 6:65533 7:65533 8:65533 9:8364 \n[0 1 2 3 4 5 6 7 8 9] 2 98 10\n" +
			// The variable last takes the place of the function last of a
			// cell above, and first, which returns that function, no
			// longer compiles (redeclare.go).
			"note: last declared again: first no longer compiles and is dropped (line 1, column 45 of its cell: cannot use g (variable of type rune) as func() int value in return statement); declare it again to have it back\n"},
		// fallthrough into and out of a default that is not last.
		{cell: "func route(n int) string {\n\tout := \"\"\n\tswitch n {\n\tcase 1:\n\t\tout += \"one \"\n\t\tfallthrough\n\tdefault:\n\t\tout += \"default \"\n\t\tif n == 7 {\n\t\t\tbreak\n\t\t}\n\t\tfallthrough\n\tcase 2:\n\t\tout += \"two \"\n\t\tfallthrough\n\tcase 3:\n\t\tout += \"three\"\n\tcase 4:\n\t\tout += \"four\"\n\t}\n\treturn out\n}\nfor _, n := range []int{1, 2, 3, 4, 5, 7} {\n\tfmt.Printf(\"%d: %s|\", n, route(n))\n}\nfmt.Println()\nswitch {\ndefault:\n\tfmt.Print(\"d \")\n\tfallthrough\ncase false:\n\tfmt.Println(\"f\")\ncase true:\n\tfmt.Println(\"t\")\n}", want: "1: one default two three|2: two three|3: three|4: four|5: default two three|7: default |\nt\n"},
		// Package-level variables in Go's order of initialization,
		// through function bodies; several from one call of a function
		// declared after them.
		{cell: "var total = sum()\nvar base = 10\nfunc sum() int { return base * 2 }\nvar lo, hi = bounds()\nfunc bounds() (int, int) { return base - 1, base + 1 }\nfunc show() { fmt.Println(total, base, lo, hi) }\nshow()", want: "20 10 9 11\n"},
		{cell: "show()\nvar seen, ok = map[string]int{\"k\": 4}[\"k\"]\nfunc report() string { return fmt.Sprint(seen, ok) }\nfmt.Println(report())", want: "20 10 9 11\n4 true\n"},
		// Named results start at zero on every call from the same site.
		// Assignments of several values, one of them a call, a receive
		// or a composite literal, assign every value, each evaluated
		// before any is assigned: in statements, definitions, variable
		// declarations, init and post statements, cells' top level.
		{cell: "type pair struct{ a, b int }\nfunc id(n int) int { return n }\nfunc swapped(x, y int) (int, int) {\n\tx, y = id(y), id(x)\n\treturn x, y\n}\nvar pa, pp = 4, pair{5, 6}\nfunc locals() string {\n\tvar n, p = 1, pair{2, 3}\n\tm, q := 7, pair{8, 9}\n\tvar f float64\n\tvar e error\n\tf, m = 2, id(m+1)\n\te, n = nil, len(\"abc\")\n\treturn fmt.Sprint(n, p, m, q, f, e)\n}\nfmt.Println(swapped(1, 2))\nfmt.Println(pa, pp, locals())", want: "2 1\n4 {5 6} 3 {2 3} 8 {8 9} 2 <nil>\n"},
		{cell: "var steps []int\nfor i, j := 0, id(6); i < j; i, j = i+1, id(j-1) {\n\tsteps = append(steps, i, j)\n}\nch := make(chan int, 1)\nch <- 5\ntotal, got := 10, <-ch\nif lo, hi := total, id(got); lo > hi {\n\tfmt.Println(steps, lo, hi)\n}\nm := map[string]int{}\nm[\"k\"], total = 1, id(2)\nfmt.Println(m, total)", want: "[0 6 1 5 2 4] 10 5\nmap[k:1] 2\n"},
		// A constant shifted by a variable takes the type of the shift.
		{cell: "type perms uint8\nfunc bits(val uint64, pos int) (uint64, bool, perms, []uint16) {\n\tx := val | 1<<uint(pos)\n\tconst one = 1\n\tvar p perms = one << pos\n\treturn x, val&(1<<pos) != 0, p | 1<<(pos+1), []uint16{1 << pos}\n}\nfmt.Println(bits(4, 1))\nfmt.Println(bits(6, 2))\nn := 3\nvar mask int64 = 1<<n - 1\nfmt.Println(mask, 1<<n)", want: "6 false 6 [2]\n6 true 12 [4]\n7 8\n"},
		// A value of a type with methods compared with an interface
		// holding it, in both orders, in a switch, through a pointer.
		{cell: "type phase int\nfunc (p phase) String() string { return [...]string{\"idle\", \"busy\"}[p] }\ntype job struct{ id int }\nfunc (j *job) Run() {}\nvar cur any = phase(1)\nvar st fmt.Stringer = phase(0)\nj := &job{7}\nvar r interface{ Run() } = j\nfmt.Println(cur == phase(1), phase(1) == cur, cur != phase(0), st == phase(0), r == j, r == &job{7})\nswitch cur {\ncase phase(0):\n\tfmt.Println(\"idle\")\ncase phase(1):\n\tfmt.Println(\"busy\")\n}", want: "true true true true true false\nbusy\n"},
		{cell: "import \"errors\"\nfunc validate(n int) (err error) {\n\tif n%2 == 1 {\n\t\terr = errors.New(\"odd\")\n\t}\n\treturn\n}\nfunc collect(n int) (items []int, count int) {\n\tfor i := range n {\n\t\titems = append(items, i)\n\t\tcount++\n\t}\n\treturn\n}\nfor n := 1; n <= 2; n++ {\n\tfmt.Println(validate(n))\n\tfmt.Println(collect(n))\n}", want: "odd\n[0] 1\n<nil>\n[0 1] 2\n"},
	})
}
