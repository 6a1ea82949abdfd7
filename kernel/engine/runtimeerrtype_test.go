package engine

import "testing"

// TestRuntimeErrorTypeNames checks that %T of a recovered run-time error
// the engine raises names the type Go's runtime would have used.
func TestRuntimeErrorTypeNames(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import ("fmt"; "reflect")
var _ = reflect.TypeOf
func typeOf(f func()) {
	defer func() { r := recover(); fmt.Printf("%T\n", r) }()
	f()
}`)
	tests := []cellCase{
		{"var s []int\ni := 2\ntypeOf(func() { _ = s[i] })", "runtime.boundsError\n"},
		{"var s []int\ni := 2\ntypeOf(func() { _ = s[i:] })", "runtime.boundsError\n"},
		{"var x any = 1\ntypeOf(func() { _ = x.(string) })", "*runtime.TypeAssertionError\n"},
		{"var p *struct{ X int }\ntypeOf(func() { _ = p.X })", "runtime.errorString\n"},
		{"c := make(chan int)\nclose(c)\ntypeOf(func() { close(c) })", "runtime.plainError\n"},
		{"func() {\n\tdefer func() { var err error = recover().(error); fmt.Printf(\"%T\\n\", err) }()\n\tvar s []int\n\t_ = s[len(s)]\n}()", "runtime.boundsError\n"},
		{"func() {\n\tdefer func() { fmt.Println(reflect.TypeOf(recover()).String()) }()\n\tvar s []int\n\ti := 1\n\t_ = s[i:]\n}()", "runtime.boundsError\n"},
	}
	checkCells(t, s, out, tests)
}
