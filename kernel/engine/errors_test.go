package engine

import (
	"context"
	"testing"
)

// TestCellErrors checks errors.Is, As, Unwrap and Join, and fmt.Errorf
// with %w, on the cells' error types: value and pointer receivers, Is
// and Unwrap methods, several wrapped errors, and assertions and type
// switches to error and to the types.
func TestCellErrors(t *testing.T) {
	s, out := newTestSession(t, "")
	setup := `import ("errors"; "fmt"; "io/fs")
var ErrNotFound = errors.New("not found")
type ValueErr struct{ Code int }
func (e ValueErr) Error() string { return fmt.Sprintf("value error %d", e.Code) }
type PtrErr struct { Op string; Err error }
func (e *PtrErr) Error() string { return e.Op + ": " + e.Err.Error() }
func (e *PtrErr) Unwrap() error { return e.Err }
type Temporary struct{ Reason string }
func (t Temporary) Error() string { return "temporary: " + t.Reason }
func (t Temporary) Is(target error) bool { _, ok := target.(Temporary); return ok }
type Multi struct{ a, b error }
func (m Multi) Error() string { return "multi" }
func (m Multi) Unwrap() []error { return []error{m.a, m.b} }
func multi(a, b error) error { return Multi{a, b} }
type Celsius float64
func (c Celsius) String() string { return "C" }
func find(key string) error {
	if key == "" {
		return &PtrErr{Op: "find", Err: ErrNotFound}
	}
	return ValueErr{Code: len(key)}
}
var _ fs.FileMode`
	runSetup(t, s, out, setup)
	tests := []cellCase{
		{`w := fmt.Errorf("lookup: %w", find(""))
var pe *PtrErr
fmt.Println(w, errors.Is(w, ErrNotFound), errors.As(w, &pe), pe.Op, errors.Unwrap(errors.Unwrap(w)) == ErrNotFound)`,
			"lookup: find: not found true true find true\n"},
		{`v := fmt.Errorf("2: %w", fmt.Errorf("1: %w", find("abc")))
var ve ValueErr
fmt.Println(errors.As(v, &ve), ve.Code, errors.Is(v, ValueErr{3}), errors.Is(v, ValueErr{4}))`,
			"true 3 true false\n"},
		{`t := fmt.Errorf("retry: %w", Temporary{"disk"})
fmt.Println(errors.Is(t, Temporary{}), errors.Is(t, ErrNotFound))`, "true false\n"},
		{`m := fmt.Errorf("both: %w and %w", ErrNotFound, Temporary{"net"})
fmt.Println(m, errors.Is(m, ErrNotFound), errors.Is(m, Temporary{}), errors.Unwrap(m) == nil)`,
			"both: not found and temporary: net true true true\n"},
		{`j := errors.Join(ValueErr{1}, nil, &PtrErr{"write", fs.ErrPermission})
var pe *PtrErr
fmt.Println(errors.Is(j, fs.ErrPermission), errors.As(j, &pe), pe.Op)`, "true true write\n"},
		{`m := multi(ValueErr{2}, ErrNotFound)
var ve ValueErr
fmt.Println(errors.Is(m, ErrNotFound), errors.As(m, &ve), ve.Code, errors.Unwrap(m) == nil)`, "true true 2 true\n"},
		// errors.AsType is generic: the interpreter's tables lack it.
		{`w := fmt.Errorf("lookup: %w", find(""))
pe, ok := errors.AsType[*PtrErr](w)
ve, vok := errors.AsType[ValueErr](fmt.Errorf("1: %w", find("ab")))
fs1, fok := errors.AsType[*fs.PathError](fmt.Errorf("open: %w", &fs.PathError{Op: "open", Path: "x", Err: fs.ErrNotExist}))
_, nok := errors.AsType[ValueErr](w)
fmt.Println(ok, pe.Op, vok, ve.Code, fok, fs1.Path, nok)`, "true find true 2 true x false\n"},
		{`x := any(&PtrErr{"x", ErrNotFound})
_, isErr := x.(error)
u, ok := x.(interface{ Unwrap() error })
fmt.Println(isErr, ok, u.Unwrap() == ErrNotFound)`, "true true true\n"},
		{`var e error = find("")
var a any = e
p, ok := a.(*PtrErr)
fmt.Println(ok, p.Op)`, "true find\n"},
		{`for _, v := range []any{ValueErr{5}, 3.5, Celsius(1), errors.New("plain")} {
	switch x := v.(type) {
	case Celsius:
		fmt.Println("celsius")
	case error:
		var ve ValueErr
		fmt.Println("error", x, errors.As(x, &ve))
	default:
		fmt.Printf("other %T\n", x)
	}
}`, "error value error 5 true\nother float64\ncelsius\nerror plain false\n"},
		{`v := fmt.Errorf("2: %w", find("abc"))
fmt.Println(errors.Unwrap(v) == error(ValueErr{3}), errors.Unwrap(v) != error(ValueErr{4}), errors.Unwrap(v) == ErrNotFound)`,
			"true true false\n"},
		{`var nilPtr *PtrErr
var asErr error = nilPtr
p, ok := asErr.(*PtrErr)
var pe *PtrErr
fmt.Println(asErr != nil, ok, p == nil, errors.As(asErr, &pe), pe == nil)
fmt.Println(asErr)
fmt.Printf("%T\n", asErr)`, "true true true true true\n<nil>\n*main.PtrErr\n"},
		{`mayFail := func(fail bool) error {
	var p *PtrErr
	if fail {
		p = &PtrErr{"op", ErrNotFound}
	}
	return p
}
fmt.Println(mayFail(false) != nil, mayFail(true))`, "true op: not found\n"},
		{`var p *PtrErr
errs := []error{p, nil}
m := map[string]error{"p": p}
st := struct{ Err error }{Err: p}
ch := make(chan error, 1)
ch <- p
fmt.Println(errs[0] != nil, errs[1] != nil, m["p"] != nil, st.Err != nil, <-ch != nil)`, "true false true true true\n"},
		{`var target *PtrErr
func() {
	defer func() { fmt.Println(recover()) }()
	errors.As(ErrNotFound, (**PtrErr)(nil))
}()
_ = target`, "errors: target cannot be nil\n"},
		// As methods of the cells' errors, with targets of cell and
		// compiled types, through errors.As and errors.AsType.
		{`type Reads struct{ code int }
func (r Reads) Error() string { return "reads" }
func (r Reads) As(target any) bool {
	switch t := target.(type) {
	case *ValueErr:
		*t = ValueErr{r.code}
		return true
	case **fs.PathError:
		*t = &fs.PathError{Op: "read", Path: "p", Err: ErrNotFound}
		return true
	}
	return false
}
w := fmt.Errorf("w: %w", Reads{7})
var ve ValueErr
var pe *fs.PathError
av, ap := errors.As(w, &ve), errors.As(w, &pe)
ve2, ok := errors.AsType[ValueErr](errors.Join(ErrNotFound, Reads{8}))
fmt.Println(av, ve.Code, ap, pe.Op, ok, ve2.Code)`, "true 7 true read true 8\n"},
		// A cell's value converted to error, or a literal assigned to
		// one, reaches compiled code with its methods.
		{`e1 := error(ValueErr{9})
var e2 error = Multi{ValueErr{1}, ErrNotFound}
var e3 error
e3 = ValueErr{4}
fmt.Println(fmt.Errorf("a: %w", e1), errors.Unwrap(e1) == nil, errors.Is(fmt.Errorf("b: %w", e2), ErrNotFound), fmt.Errorf("c: %w", e3))`,
			"a: value error 9 true true c: value error 4\n"},
	}
	checkCells(t, s, out, tests)
}

// TestDynamicTypeVerb checks that %T names the dynamic type of an
// interface value of a cell's type.
func TestDynamicTypeVerb(t *testing.T) {
	s, out := newTestSession(t, "")
	cell := `import "fmt"
type Shape interface{ Area() float64 }
type Rect struct{ W, H float64 }
func (r Rect) Area() float64 { return r.W * r.H }
type Square struct{ S float64 }
func (s *Square) Area() float64 { return s.S * s.S }
for _, s := range []Shape{Rect{1, 2}, &Square{3}, nil} {
	fmt.Printf("%T ", s)
}
var x any = 7
fmt.Printf("%T\n", x)`
	r := s.Execute(context.Background(), cell)
	if r.Err != nil {
		t.Fatalf("%+v", r.Err)
	}
	if got, want := out.take(), "main.Rect *main.Square <nil> int\n"; got != want {
		t.Errorf("printed %q, want %q", got, want)
	}
}

// TestStructTypesInInterfaces checks that struct types with the same
// fields stay apart in interfaces: type switches with and without a
// variable, assertions, %T, conversions between them and json tags.
func TestStructTypesInInterfaces(t *testing.T) {
	s, out := newTestSession(t, "")
	setup := `import ("encoding/json"; "fmt")
type Deposit struct{ Amount int }
type Withdraw struct{ Amount int ` + "`json:\"amount\"`" + ` }
func kind(v any) string {
	switch v.(type) {
	case Deposit:
		return "deposit"
	case Withdraw:
		return "withdraw"
	case *Deposit:
		return "*deposit"
	}
	return "other"
}
var _ = json.Marshal`
	runSetup(t, s, out, setup)
	tests := []cellCase{
		{`fmt.Println(kind(Withdraw{1}), kind(Deposit{1}), kind(&Deposit{}), kind(struct{ Amount int }{1}))`, "withdraw deposit *deposit other\n"},
		{`ch := make(chan any, 2)
ch <- Withdraw{2}
ch <- Deposit{3}
for range 2 {
	switch m := (<-ch).(type) {
	case Deposit:
		fmt.Println("deposit", m.Amount)
	case Withdraw:
		fmt.Println("withdraw", m.Amount)
	}
}`, "withdraw 2\ndeposit 3\n"},
		{`var x any = Withdraw{4}
_, isDeposit := x.(Deposit)
w, isWithdraw := x.(Withdraw)
fmt.Printf("%v %v %d %T\n", isDeposit, isWithdraw, w.Amount, x)`, "false true 4 main.Withdraw\n"},
		{`for _, v := range []any{Deposit{1}, Withdraw{2}, 3} {
	switch m := v.(type) {
	case interface{ Area() float64 }:
		fmt.Println("shape", m.Area())
	case Withdraw:
		fmt.Println("withdraw", m.Amount)
	case Deposit:
		fmt.Println("deposit", m.Amount)
	default:
		fmt.Println("other", m)
	}
}`, "deposit 1\nwithdraw 2\nother 3\n"},
		{`b, _ := json.Marshal(Withdraw(Deposit{5}))
fmt.Println(string(b))`, "{\"amount\":5}\n"},
	}
	checkCells(t, s, out, tests)
}
