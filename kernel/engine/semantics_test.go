package engine

import "testing"

// TestGoSemantics checks small program shapes the interpreter got wrong,
// each as the Go specification has it.
func TestGoSemantics(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import "fmt"`)
	checkCells(t, s, out, []cellCase{
		// A comma-ok receive in an if, switch or else-if init sees the
		// channel closed.
		{cell: "closed := make(chan int)\nclose(closed)\nif x, ok := <-closed; ok {\n\tfmt.Println(\"open\", x)\n} else {\n\tfmt.Println(\"closed\", x, ok)\n}", want: "closed 0 false\n"},
		{cell: "switch v, ok := <-closed; {\ncase ok:\n\tfmt.Println(\"open\", v)\ndefault:\n\tfmt.Println(\"closed\", v)\n}", want: "closed 0\n"},
		{cell: "full := make(chan string, 1)\nfull <- \"x\"\nif false {\n} else if v, ok := <-full; ok {\n\tfmt.Println(\"got\", v)\n}", want: "got x\n"},
		{cell: "func drained(c chan int) bool {\n\tif _, ok := <-c; !ok {\n\t\treturn true\n\t}\n\treturn false\n}\nfmt.Println(drained(closed))", want: "true\n"},
		// A range over an array that assigns leaves the last index.
		{cell: "var i, v int\nfor i = range [2]int{} {\n}\nfmt.Println(i)\nfor i, v = range [3]int{4, 5, 6} {\n\tif v == 5 {\n\t\tcontinue\n\t}\n}\nfmt.Println(i, v)\narr := &[4]string{}\nfor i = range arr {\n}\nfmt.Println(i)", want: "1\n2 6\n3\n"},
		// A range over a slice, map, string or channel that assigns
		// leaves the last values.
		{cell: "var j, w int\nfor j = range []int{5, 6, 7} {\n}\nfmt.Println(j)\nfor j, w = range []int{5, 6, 7} {\n}\nfmt.Println(j, w)\nkey := 0\nfor key = range map[int]bool{42: true} {\n}\nvar r rune\nfor j, r = range \"héllo\" {\n}\nfmt.Println(key, j, r)\nvals := make(chan int, 2)\nvals <- 3\nvals <- 4\nclose(vals)\nfor w = range vals {\n}\nfmt.Println(w)", want: "2\n2 7\n42 5 111\n4\n"},
		// A range over a pointer to an array takes the length from the
		// type: a nil pointer ranges without being dereferenced.
		{cell: "var nilArr *[3]int\nn := 0\nfor i := range nilArr {\n\tn += i\n}\nfor range nilArr {\n\tn++\n}\nfor i, _ := range nilArr {\n\tn += 10 * i\n}\nfmt.Println(n)", want: "36\n"},
		{cell: "var nilArr2 *[4]int\nsum := 0\nfor i := 0; i < len(nilArr2); i++ {\n\tsum += i\n}\nfmt.Println(sum, cap(nilArr2))", want: "6 4\n"},
		// A compiled package's variable of a basic type is assigned.
		{cell: "import \"runtime\"\nold := runtime.MemProfileRate\nruntime.MemProfileRate = 0\nfmt.Println(runtime.MemProfileRate)\nruntime.MemProfileRate += 7\nruntime.MemProfileRate++\nfmt.Println(runtime.MemProfileRate)\nruntime.MemProfileRate = old\nfmt.Println(runtime.MemProfileRate == old)", want: "0\n8\ntrue\n"},
		// A closure whose parameters are named like earlier cells'
		// variables, held in a variable of its own.
		{cell: "import \"context\"\nctx := context.Background()\nid := 7", want: ""},
		{cell: "worker := func(ctx context.Context, id int) (err error) {\n\tfmt.Println(\"worker\", id, ctx.Err())\n\treturn nil\n}\ntwice := func(id ...int) (n int, ctx string) { return 2 * len(id), \"x\" }\nfmt.Println(worker(ctx, id+1))\nfmt.Println(twice(id, id))", want: "worker 8 <nil>\n<nil>\n4 x\n"},
		// A typed constant of a compiled package is a constant, not a
		// variable to be read through its address.
		{cell: "import \"goconc/lessons/gil\"\nconst twice = 2 * gil.DefaultSwitchInterval\nfmt.Println(gil.DefaultSwitchInterval, twice)", want: "5ms 10ms\n"},
		// Pointers to a cell's struct over channels: the runtime's send
		// converts to the element type, (*P)(p), which must keep its
		// parentheses.
		{cell: "type P struct{ v int }\nout := make(chan *P, 2)\nout <- &P{3}\nvar q *P = &P{4}\nselect {\ncase out <- q:\n}\nfmt.Println((<-out).v, (<-out).v)", want: "3 4\n"},
		// A range over a declared function, and a declared function
		// called in parentheses.
		{cell: "func count3(yield func(int) bool) {\n\t_ = yield(1) && yield(2) && yield(3)\n}\nfunc twice(yield func() bool) {\n\t_ = yield() && yield()\n}\nsum := 0\nfor v := range count3 {\n\tsum += v\n}\nfor range twice {\n\tsum += 10\n}\n(count3)(func(v int) bool { sum += 100 * v; return v < 2 })\nfmt.Println(sum)", want: "326\n"},
		// A defer in the body of a range over a function runs when the
		// enclosing function returns, in order with its other defers,
		// with the arguments the defer statement saw.
		{cell: "func upTo(n int) func(func(int) bool) {\n\treturn func(yield func(int) bool) {\n\t\tfor i := range n {\n\t\t\tif !yield(i) {\n\t\t\t\treturn\n\t\t\t}\n\t\t}\n\t}\n}\nvar trail []int\nfunc push(v int) { trail = append(trail, v) }\nfunc deferring() {\n\tdefer push(-1)\n\tfor i := range upTo(4) {\n\t\tdefer push(i)\n\t\tif i == 2 {\n\t\t\tbreak\n\t\t}\n\t\tfor j := range upTo(2) {\n\t\t\tdefer func() { push(10*i + j) }()\n\t\t}\n\t}\n\tpush(100)\n\tdefer push(5)\n}\ndeferring()\nfmt.Println(trail)", want: "[100 5 2 11 10 1 1 0 0 -1]\n"},
		// A closure assigned together with the variable it uses sees the
		// variable's new value.
		{cell: "var stop func() int\ndone := 0\ndone, stop = 1, func() int { return done }\nvar total float64\nvar add func(float64)\nadd, total, _ = func(x float64) { total += x }, 2, 0\nadd(0.5)\nfmt.Println(stop(), total)", want: "1 2.5\n"},
		// unsafe's size functions, as the compiler gives them.
		{cell: "import \"unsafe\"\ntype pair struct {\n\ta int32\n\tb int64\n}\nfmt.Println(unsafe.Sizeof(int64(0)), unsafe.Sizeof(pair{}), unsafe.Alignof(pair{}.b), unsafe.Sizeof(\"\"))", want: "8 16 8 16\n"},
		// unsafe's views: String, StringData, Slice and SliceData, and
		// the runtime's error for a negative length.
		{cell: "type cell struct{ a, b int16 }\ncells := [3]cell{{1, 2}, {3, 4}, {5, 6}}\nview := unsafe.Slice(&cells[1], 2)\nview[1].b = 60\nraw := []byte(\"bytes\")\nstr := unsafe.String(unsafe.SliceData(raw), uint8(len(raw)))\nback := unsafe.Slice(unsafe.StringData(str), 3)\nminus := -1\nfunc sliced(f func()) (msg any) {\n\tdefer func() { msg = recover() }()\n\tf()\n\treturn nil\n}\nfmt.Println(view, cells[2].b, str, string(back), *unsafe.SliceData(view), sliced(func() { _ = unsafe.Slice(&raw[0], minus) }))", want: "[{3 4} {5 60}] 60 bytes byt {3 4} runtime error: unsafe.Slice: len out of range\n"},
		// Constants Go allows that the interpreter took for a definition
		// loop: a repeated conversion of iota, len of an array reached
		// through a variable, several iota expressions per line.
		{cell: "type grid struct{ cells [6]int }\nvar board grid\nconst (\n\tratio = float32(iota) / 2\n\thalf\n\twhole\n)\nconst (\n\tcellCount = len(board.cells)\n\tbit, mask = 1 << iota, 1<<iota - 1\n\tbit2, mask2\n)\nconst letter = string(rune(iota + 'a'))\nfmt.Println(ratio, half, whole, cellCount, bit, mask, bit2, mask2, letter)\nfmt.Printf(\"%T %T\\n\", whole, cellCount)", want: "0 0.5 1 6 2 1 4 3 a\nfloat32 int\n"},
		// new of a value, Go 1.26.
		{cell: "p := new(42)\ns := new(\"text\")\nf := new(1.5 * 2)\nfmt.Println(*p, *s, *f)\n*p++\nfmt.Println(*p, *new(*p))", want: "42 text 3\n43 43\n"},
		// Assertions of a value of type any to an interface: nil gives
		// false or Go's panic, recover()'s result included; a cell's
		// type is found; every non-nil value is an any.
		{cell: "var nilStringer fmt.Stringer\n_, ok1 := any(nilStringer).(fmt.Stringer)\nvar nilAny any\n_, ok2 := nilAny.(error)\n_, ok3 := nilAny.(any)\nfunc noPanic() (err error, ok bool) {\n\tdefer func() { err, ok = recover().(error) }()\n\treturn nil, true\n}\nerr, ok4 := noPanic()\nfmt.Println(ok1, ok2, ok3, err, ok4)", want: "false false false <nil> false\n"},
		{cell: "func conv(f func()) (msg any) {\n\tdefer func() { msg = recover() }()\n\tf()\n\treturn nil\n}\nvar none any\nfmt.Println(conv(func() { _ = none.(fmt.Stringer) }))\nfmt.Println(conv(func() { _ = none.(any) }))", want: "interface conversion: interface is nil, not fmt.Stringer\ninterface conversion: interface is nil, not interface {}\n"},
		{cell: "type label struct{ s string }\nfunc (l label) String() string { return \"label \" + l.s }\nvar held any = label{\"x\"}\nst, ok := held.(fmt.Stringer)\nheld2 := any(7)\nv, ok2 := held2.(any)\nfmt.Println(st, ok, held.(fmt.Stringer).String(), v, ok2)", want: "label x true label x 7 true\n"},
		// make with a negative size computed at run time panics with
		// Go's runtime errors.
		{cell: "func made(f func()) (msg any) {\n\tdefer func() {\n\t\tif _, ok := recover().(interface{ RuntimeError() }); ok {\n\t\t\tmsg = \"runtime.Error\"\n\t\t}\n\t}()\n\tf()\n\treturn nil\n}\nminus := -1\nfunc madeMsg(f func()) (msg any) {\n\tdefer func() { msg = recover() }()\n\tf()\n\treturn nil\n}\nfmt.Println(madeMsg(func() { _ = make(chan int, minus) }))\nfmt.Println(madeMsg(func() { _ = make([]int, minus) }))\nfmt.Println(madeMsg(func() { _ = make([]byte, 1, minus) }))\nfmt.Println(madeMsg(func() { _ = make([]int, 2, minus+2) }))\nfmt.Println(made(func() { _ = make(chan int, minus) }), made(func() { _ = make([]int, minus) }))\nfmt.Println(len(make(map[int]int, minus)))", want: "makechan: size out of range\nruntime error: makeslice: len out of range\nruntime error: makeslice: cap out of range\nruntime error: makeslice: cap out of range\nruntime.Error runtime.Error\n0\n"},
		// A nil pointer dereferenced for nothing, into the blank
		// identifier, panics as Go's load does.
		{cell: "func loaded(f func()) (msg any) {\n\tdefer func() {\n\t\tif r := recover(); r != nil {\n\t\t\tmsg = r\n\t\t}\n\t}()\n\tf()\n\treturn \"no panic\"\n}\ntype node struct{ next *node }\nvar nilInt *int\nvar nilNode *node\nfmt.Println(loaded(func() { _ = *nilInt }))\nfmt.Println(loaded(func() { _, _ = (*nilNode), 1 }))\nfmt.Println(loaded(func() { var _ = *nilInt }))\nlive := 3\nfmt.Println(loaded(func() { _ = *&live; var _, n = *(&live), 1; _ = n }))", want: "runtime error: invalid memory address or nil pointer dereference\nruntime error: invalid memory address or nil pointer dereference\nruntime error: invalid memory address or nil pointer dereference\nno panic\n"},
		// A deferred function that defers recover itself stops the
		// panic when it returns normally, and nothing while it panics.
		{cell: "var got string\nfunc() {\n\tdefer func() { got += fmt.Sprint(\"outer:\", recover()) }()\n\tdefer func() {\n\t\tdefer recover()\n\t}()\n\tpanic(\"five\")\n}()\nfmt.Println(got)\ngot = \"\"\nfunc() {\n\tdefer func() { got += fmt.Sprint(\" outer:\", recover()) }()\n\tdefer func() {\n\t\tdefer recover()\n\t\tdefer func() { got += fmt.Sprint(\"inner:\", recover()) }()\n\t\tpanic(\"three\")\n\t}()\n\tpanic(\"two\")\n}()\nfmt.Println(got)\ngot = \"\"\nfunc() {\n\tdefer func() { got += fmt.Sprint(\" outer:\", recover()) }()\n\tdefer func() {\n\t\tdefer func() { got += fmt.Sprint(\"inner:\", recover()) }()\n\t\tdefer recover()\n\t\tpanic(\"three\")\n\t}()\n\tpanic(\"two\")\n}()\nfmt.Println(got)\ngot = \"\"\nfunc() {\n\tdefer func() { got += fmt.Sprint(\" outer:\", recover()) }()\n\tdefer func() {\n\t\tdefer recover()\n\t\tfor i := range 3 {\n\t\t\tif i == 1 {\n\t\t\t\treturn\n\t\t\t}\n\t\t\tgot += fmt.Sprint(\"i\", i)\n\t\t}\n\t}()\n\tpanic(\"loop\")\n}()\nfmt.Println(got)", want: "outer:<nil>\ninner:three outer:<nil>\ninner:three outer:two\ni0 outer:<nil>\n"},
		// An unhashable map key panics with Go's words.
		{cell: "import \"runtime\"\nfunc keyed(f func()) (msg string) {\n\tdefer func() {\n\t\tr := recover()\n\t\t_, isRuntime := r.(runtime.Error)\n\t\tmsg = fmt.Sprint(r, \" \", isRuntime)\n\t}()\n\tf()\n\treturn\n}\nanyKeys := map[any]int{}\nfmt.Println(keyed(func() { anyKeys[[]int{1}] = 1 }))\nfmt.Println(keyed(func() { _ = anyKeys[map[string]int{}] }))", want: "runtime error: hash of unhashable type []int true\nruntime error: hash of unhashable type map[string]int true\n"},
		// A struct key of a cell's type is named as Go names it.
		{cell: "type withSlice struct {\n\ta int\n\tf []int\n}\nfmt.Println(keyed(func() { anyKeys[withSlice{a: 1}] = 1 }))", want: "runtime error: hash of unhashable type main.withSlice true\n"},
		// A negative shift count computed at run time panics; signed
		// and unsigned counts of every width shift as in Go.
		{cell: "type count int8\nshifted := func(f func()) (msg any) {\n\tdefer func() { msg = recover() }()\n\tf()\n\treturn\n}\nsh, ush, csh := 3, uint(2), count(1)\nbits := 1 << sh\nbits <<= csh\nbits >>= ush\nvar wide int64 = 1024\nwide >>= sh\nfmt.Println(bits, wide, 1<<ush, uint8(200)>>csh, -8>>csh)\nneg := -1\nfmt.Println(shifted(func() { _ = bits << neg }), shifted(func() { wide >>= count(neg) }))", want: "4 128 4 100 -4\nruntime error: negative shift amount runtime error: negative shift amount\n"},
	})
}

// TestRuntimeErrorMarker checks that the Go runtime's errors, of types the
// runtime does not export, satisfy an interface literal with their
// methods where the program does not import runtime.
func TestRuntimeErrorMarker(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import "fmt"`)
	checkCells(t, s, out, []cellCase{
		{cell: "func marked(f func()) string {\n\tdefer func() {\n\t\tr := recover()\n\t\t_, isRuntime := r.(interface{ RuntimeError() })\n\t\terr, isErr := r.(interface {\n\t\t\tError() string\n\t\t\tRuntimeError()\n\t\t})\n\t\tfmt.Println(r, isRuntime, isErr && err.Error() == fmt.Sprint(r))\n\t}()\n\tf()\n\treturn \"\"\n}\nvar nilChan chan int\nzero := 0\nmarked(func() { close(nilChan) })\nmarked(func() { _ = 1 / zero })\nmarked(func() { panic(fmt.Errorf(\"plain\")) })", want: "close of nil channel true true\nruntime error: integer divide by zero true true\nplain false false\n"},
	})
}
