package engine

import "testing"

// TestTypeParamsInBodies checks what generic functions and methods do
// with their type parameters in their bodies, as Go does: a method of a
// generic type whose receiver has no name; an assertion to a type
// parameter, also to one whose argument does not implement the
// interface; type switches over instances of generic types and over a
// type parameter beside the type it stands for; instances of generic
// types an expression names first (a conversion, an assertion); and
// values of types made of type parameters printed ([]E).
func TestTypeParamsInBodies(t *testing.T) {
	out := &lockedBuffer{}
	s, err := NewSession(Options{Stdout: out, Stderr: out})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	runSetup(t, s, out, `import "fmt"`)
	checkCells(t, s, out, []cellCase{
		{"type tpBox[T any] struct{ v T }\nfunc (tpBox[T]) Name(x T) string { return fmt.Sprint(\"box \", x) }\nfunc (*tpBox[T]) Ptr(T) string { return \"ptr\" }\nvar b tpBox[int]\nfmt.Println(b.Name(3), b.Ptr(4))",
			"box 3 ptr\n"},
		{"func tpAs[T any](x any) (T, bool) { v, ok := x.(T); return v, ok }\nfmt.Println(tpAs[int](3))\nfmt.Println(tpAs[string](3))",
			"3 true\n false\n"},
		{"func tpMust[T any](x any) T { return x.(T) }\nfunc tpTry(f func()) { defer func() { fmt.Println(recover()) }(); f() }\nfmt.Println(tpMust[string](\"s\"))\ntpTry(func() { tpMust[int](\"s\") })",
			"s\ninterface conversion: interface {} is string, not int\n"},
		{"func tpKind[T any](x any) string {\n\tswitch x.(type) {\n\tcase T:\n\t\treturn \"T\"\n\tcase int:\n\t\treturn \"int\"\n\t}\n\treturn \"other\"\n}\nfmt.Println(tpKind[string](\"s\"), tpKind[string](1), tpKind[int](1), tpKind[bool](1.5))",
			"T int T other\n"},
		{"type tpSetter[T any] interface{ Set(T) }\ntype tpA[T any] struct{}\nfunc (tpA[T]) Set(T) {}\ntype tpB[T any] struct{}\nfunc (tpB[T]) Set(T) {}\nfunc tpWhich[T any](s tpSetter[T]) string {\n\tswitch s.(type) {\n\tcase tpA[T]:\n\t\treturn \"A\"\n\tcase tpB[T]:\n\t\treturn \"B\"\n\t}\n\treturn \"?\"\n}\nfmt.Println(tpWhich[int](tpA[int]{}), tpWhich[int](tpB[int]{}), tpWhich[string](tpB[string]{}))",
			"A B B\n"},
		{"type tpC[T any] struct{ v T }\ntype tpD[T any] struct{ v T }\nvar e any = tpD[int]{1}\n_, isC := e.(tpC[int])\n_, isD := e.(tpD[int])\n_, isDs := e.(tpD[string])\nfmt.Println(isC, isD, isDs)",
			"false true false\n"},
		{"type tpIter[T any] interface{ Iterate() int }\ntype tpIterFunc[T any] func(func(T) bool)\nfunc (f tpIterFunc[T]) Iterate() int { if f == nil { return 0 }; return 1 }\nfunc tpFrom[T any](it tpIter[T]) int { return it.Iterate() }\nfunc tpNil[T, R any]() int { return tpFrom[R](tpIterFunc[R](nil)) }\nfmt.Println(tpNil[int, string]())",
			"0\n"},
		{"type tpM interface{ M() }\nfunc tpBound[T any](i any) string {\n\tswitch x := i.(type) {\n\tcase T:\n\t\treturn fmt.Sprint(\"T \", x)\n\tcase int:\n\t\treturn fmt.Sprint(\"int \", x)\n\t}\n\treturn \"other\"\n}\nfmt.Println(tpBound[int](7), tpBound[interface{ M() }](11), tpBound[tpM](12), tpBound[string](\"s\"))",
			"T 7 int 11 int 12 T s\n"},
		{"type tpOrd interface{ ~int | ~string }\nfunc tpShow[E tpOrd](s []E, m map[string]E, e E) {\n\tfmt.Printf(\"%v %v %v\\n\", s, m, e)\n\tfmt.Println(s, m, e)\n}\ntpShow([]int{1, 2}, map[string]int{\"a\": 1}, 3)\ntpShow([]string{\"x\"}, nil, \"y\")",
			"[1 2] map[a:1] 3\n[1 2] map[a:1] 3\n[x] map[] y\n[x] map[] y\n"},
		{"type tpShaper interface{ Area() int }\ntype tpSq struct{ s int }\nfunc (q tpSq) Area() int { return q.s * q.s }\ntype tpPlain struct{}\nfunc tpAsShape[T any](s tpShaper) (T, bool) { v, ok := s.(T); return v, ok }\nfmt.Println(tpAsShape[tpSq](tpSq{2}))\nfmt.Println(tpAsShape[tpPlain](tpSq{2}))\nvar tpNone tpShaper\nfmt.Println(tpAsShape[tpPlain](tpNone))",
			"{2} true\n{} false\n{} false\n"},
	})
}

// TestMakeDirectionalChannel checks that make makes channels of
// directional types, as Go does: a defined receive-only type, a
// send-only literal type with places, and through a generic function.
func TestMakeDirectionalChannel(t *testing.T) {
	out := &lockedBuffer{}
	s, err := NewSession(Options{Stdout: out, Stderr: out})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	runSetup(t, s, out, `import "fmt"`)
	checkCells(t, s, out, []cellCase{
		{"type mdRecv <-chan int\nr := make(mdRecv)\nvar x <-chan int = r\nfmt.Println(r == nil, x == r, cap(r))", "false true 0\n"},
		{"snd := make(chan<- string, 2)\nsnd <- \"a\"\nfmt.Println(len(snd), cap(snd))", "1 2\n"},
		{"func mdMake[C ~<-chan E, E any]() C { return make(C, 3) }\nc := mdMake[<-chan bool]()\nfmt.Println(cap(c), len(c))", "3 0\n"},
		{"func mdAppend[S ~[]T, T any](s S, t ...T) S { return append(s, t...) }\nrs := mdAppend([]mdRecv{r}, make(mdRecv))\nfmt.Println(len(rs), rs[0] == r, rs[1] == r)", "2 true false\n"},
	})
}

// TestTypeSwitchInterfaceCases checks the cases of a type switch that
// name an interface the cell or the type arguments make, or nil: case
// any matches every value but nil, case interface{ M() } the values with
// M, case T as its argument does, and case nil the nil of an interface
// with methods, with and without a variable bound.
func TestTypeSwitchInterfaceCases(t *testing.T) {
	out := &lockedBuffer{}
	s, err := NewSession(Options{Stdout: out, Stderr: out})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	runSetup(t, s, out, `import "fmt"`)
	checkCells(t, s, out, []cellCase{
		{"func tsAny(i any) string {\n\tswitch i.(type) {\n\tcase nil:\n\t\treturn \"nil\"\n\tcase any:\n\t\treturn \"any\"\n\t}\n\treturn \"none\"\n}\nfmt.Println(tsAny(nil), tsAny(1), tsAny(\"s\"))",
			"nil any any\n"},
		{"type tsInt int\nfunc (tsInt) M() {}\nfunc tsM(i any) string {\n\tswitch x := i.(type) {\n\tcase interface{ M() }:\n\t\treturn fmt.Sprintf(\"M %v\", x)\n\tcase int:\n\t\treturn fmt.Sprintf(\"int %v\", x)\n\t}\n\treturn \"other\"\n}\nfmt.Println(tsM(tsInt(1)), tsM(2), tsM(\"s\"))",
			"M 1 int 2 other\n"},
		{"type tsUnit interface{ Unit() string }\ntype tsMeter int\nfunc (tsMeter) Unit() string { return \"m\" }\nfunc tsUnitOrAny(i any) string {\n\tswitch v := i.(type) {\n\tcase tsUnit:\n\t\treturn v.Unit()\n\tcase any:\n\t\treturn fmt.Sprint(\"any \", v)\n\t}\n\treturn \"none\"\n}\nfmt.Println(tsUnitOrAny(\"s\"), tsUnitOrAny(tsMeter(1)), tsUnitOrAny(nil))",
			"any s m none\n"},
		{"type tsShape interface{ Area() int }\nfunc tsNil(s tsShape) string {\n\tswitch s.(type) {\n\tcase nil:\n\t\treturn \"nil\"\n\t}\n\treturn \"set\"\n}\nvar tsNone tsShape\nfmt.Println(tsNil(nil), tsNil(tsNone))",
			"nil nil\n"},
		{"type tsSized interface{ Len() int }\nfunc tsNilBound(s tsSized) string {\n\tswitch x := s.(type) {\n\tcase nil:\n\t\treturn fmt.Sprint(\"nil \", x == nil)\n\t}\n\treturn \"set\"\n}\nfmt.Println(tsNilBound(nil))",
			"nil true\n"},
		{"type tsFooer interface{ foo() }\ntype tsMine int\nfunc (tsMine) foo() {}\nfunc tsT[T any](i any) string {\n\tswitch i.(type) {\n\tcase T:\n\t\treturn \"T\"\n\tcase int:\n\t\treturn \"int\"\n\t}\n\treturn \"other\"\n}\nfmt.Println(tsT[any](nil), tsT[any](6), tsT[interface{ foo() }](nil), tsT[interface{ foo() }](7), tsT[interface{ foo() }](tsMine(8)), tsT[tsFooer](tsMine(9)))",
			"other T other int T T\n"},
	})
}
