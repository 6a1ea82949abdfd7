package cellrt

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// A cell's value converted to error reaches compiled code as a wrapper
// the interpreter makes: a struct holding the value (IValue) and, for
// each method of the interface, a field with the method (W and its name).
// The interpreter's own error wrapper has Error alone, so the errors
// package found no Unwrap, Is or As on a cell's error; and for a struct
// with value receivers IValue holds one of its fields, not the struct,
// so two such errors could not be compared. The interpreter lets one
// register more wrappers for an interface, and wraps a value in the first
// whose methods its type has, by name. Each cell type with an Error
// method gets one more, goconc_self, returning its receiver
// (package rewrite's errors.go), and the wrappers below have it, and
// Unwrap, Is and As where the type has them. Those fields are any: the
// names may stand for Unwrap() error or Unwrap() []error, or for methods
// the errors package does not call.
//
// Cells' calls of errors.Is and errors.Unwrap go to ErrorsIs and
// ErrorsUnwrap, which compare the cells' values rather than wrappers, and
// errors.As with a target of a cell type walks ErrorChain in the cell,
// calling the As methods of cells' errors there; compiled code's
// errors.As calls them through the wrappers.

type errorUnwrapIsAs struct {
	IValue           any
	WError           func() string
	Wgoconc_self     func() any
	Wgoconc_typename func() string
	WUnwrap          any
	WIs              any
	WAs              any
}

type errorUnwrapIs struct {
	IValue           any
	WError           func() string
	Wgoconc_self     func() any
	Wgoconc_typename func() string
	WUnwrap          any
	WIs              any
}

type errorUnwrapAs struct {
	IValue           any
	WError           func() string
	Wgoconc_self     func() any
	Wgoconc_typename func() string
	WUnwrap          any
	WAs              any
}

type errorIsAs struct {
	IValue           any
	WError           func() string
	Wgoconc_self     func() any
	Wgoconc_typename func() string
	WIs              any
	WAs              any
}

type errorUnwrap struct {
	IValue           any
	WError           func() string
	Wgoconc_self     func() any
	Wgoconc_typename func() string
	WUnwrap          any
}

type errorIs struct {
	IValue           any
	WError           func() string
	Wgoconc_self     func() any
	Wgoconc_typename func() string
	WIs              any
}

type errorAs struct {
	IValue           any
	WError           func() string
	Wgoconc_self     func() any
	Wgoconc_typename func() string
	WAs              any
}

type errorSelf struct {
	IValue           any
	WError           func() string
	Wgoconc_self     func() any
	Wgoconc_typename func() string
}

func (w errorUnwrapIsAs) Error() string        { return w.WError() }
func (w errorUnwrapIsAs) Unwrap() error        { return unwrapMethod(w.WUnwrap) }
func (w errorUnwrapIsAs) Is(target error) bool { return isMethod(w.WIs, target) }
func (w errorUnwrapIsAs) As(target any) bool   { return asMethod(w.WAs, target) }
func (w errorUnwrapIsAs) goconc_self() any     { return w.Wgoconc_self() }
func (w errorUnwrapIs) Error() string          { return w.WError() }
func (w errorUnwrapIs) Unwrap() error          { return unwrapMethod(w.WUnwrap) }
func (w errorUnwrapIs) Is(target error) bool   { return isMethod(w.WIs, target) }
func (w errorUnwrapIs) goconc_self() any       { return w.Wgoconc_self() }
func (w errorUnwrapAs) Error() string          { return w.WError() }
func (w errorUnwrapAs) Unwrap() error          { return unwrapMethod(w.WUnwrap) }
func (w errorUnwrapAs) As(target any) bool     { return asMethod(w.WAs, target) }
func (w errorUnwrapAs) goconc_self() any       { return w.Wgoconc_self() }
func (w errorIsAs) Error() string              { return w.WError() }
func (w errorIsAs) Is(target error) bool       { return isMethod(w.WIs, target) }
func (w errorIsAs) As(target any) bool         { return asMethod(w.WAs, target) }
func (w errorIsAs) goconc_self() any           { return w.Wgoconc_self() }
func (w errorUnwrap) Error() string            { return w.WError() }
func (w errorUnwrap) Unwrap() error            { return unwrapMethod(w.WUnwrap) }
func (w errorUnwrap) goconc_self() any         { return w.Wgoconc_self() }
func (w errorIs) Error() string                { return w.WError() }
func (w errorIs) Is(target error) bool         { return isMethod(w.WIs, target) }
func (w errorIs) goconc_self() any             { return w.Wgoconc_self() }
func (w errorAs) Error() string                { return w.WError() }
func (w errorAs) As(target any) bool           { return asMethod(w.WAs, target) }
func (w errorAs) goconc_self() any             { return w.Wgoconc_self() }
func (w errorSelf) Error() string              { return w.WError() }
func (w errorSelf) goconc_self() any           { return w.Wgoconc_self() }

// ErrorWrappers are the wrappers above, those with the most methods first.
func ErrorWrappers() []reflect.Type {
	return []reflect.Type{
		reflect.TypeFor[errorUnwrapIsAs](),
		reflect.TypeFor[errorUnwrapIs](),
		reflect.TypeFor[errorUnwrapAs](),
		reflect.TypeFor[errorIsAs](),
		reflect.TypeFor[errorUnwrap](),
		reflect.TypeFor[errorIs](),
		reflect.TypeFor[errorAs](),
		reflect.TypeFor[errorSelf](),
	}
}

// multiUnwrap stands for the errors an Unwrap() []error method returns,
// behind a wrapper's Unwrap() error.
type multiUnwrap struct{ errs []error }

func (m *multiUnwrap) Error() string   { return errors.Join(m.errs...).Error() }
func (m *multiUnwrap) Unwrap() []error { return m.errs }

func unwrapMethod(f any) error {
	switch f := f.(type) {
	case func() error:
		return f()
	case func() []error:
		if errs := f(); len(errs) > 0 {
			return &multiUnwrap{errs}
		}
	}
	return nil
}

// isMethod calls an Is method of errors' signature.
func isMethod(f any, target error) bool {
	is, ok := f.(func(error) bool)
	return ok && is(target)
}

// asMethod calls an As method of errors' signature.
func asMethod(f any, target any) bool {
	as, ok := f.(func(any) bool)
	return ok && as(target)
}

// cellError is a wrapper of this file.
type cellError interface{ goconc_self() any }

// Concrete returns the cell's value an error wrapper of this file holds.
// Cells call it through a function the session declares (see the
// engine's concreteSource): a value passed to
// compiled code and back loses the interpreter's record of its type, so
// only a wrapper's value may come back.
//
// The interpreter's wrappers of compiled interfaces other than error
// (fmt.Stringer, sort.Interface) come from package symbols, which gives
// each a variant with a Wgoconc_self field that the interpreter fills
// for a cell type with a goconc_self method; Concrete finds that field
// by reflection, as symbols' unexported methods are not this package's.
func Concrete(x any) (any, bool) {
	var v any
	if w, ok := x.(cellError); ok {
		v = w.goconc_self()
	} else {
		self, ok := wrapperFunc[func() any](x, selfField)
		if !ok {
			return nil, false
		}
		v = self()
	}
	if p, ok := wrappedPointer(x); ok && reflect.TypeOf(v).Kind() != reflect.Pointer {
		// goconc_self of a value receiver, called through a pointer: the
		// pointer is the value.
		return p, true
	}
	return v, true
}

// The wrappers' fields the interpreter fills with a cell value's
// goconc_self and goconc_typename methods.
const (
	selfField     = "Wgoconc_self"
	typeNameField = "Wgoconc_typename"
)

// wrapperFunc returns the function in field name of x, a wrapper.
func wrapperFunc[F any](x any, name string) (F, bool) {
	var zero F
	v := reflect.ValueOf(x)
	if v.Kind() != reflect.Struct {
		return zero, false
	}
	f := v.FieldByName(name)
	if !f.IsValid() || f.Kind() != reflect.Func || f.IsNil() || !f.CanInterface() {
		return zero, false
	}
	fn, ok := f.Interface().(F)
	return fn, ok
}

// wrappedPointer returns the value a wrapper holds when it is a pointer.
func wrappedPointer(x any) (any, bool) {
	v := reflect.ValueOf(x)
	if v.Kind() != reflect.Struct || v.NumField() == 0 {
		return nil, false
	}
	f := v.Field(0)
	if f.Kind() == reflect.Interface {
		f = f.Elem()
	}
	if f.Kind() != reflect.Pointer || !f.CanInterface() {
		return nil, false
	}
	return f.Interface(), true
}

// wrappedTypeName is what %T prints for x when it is a wrapper of a cell
// type's value.
func wrappedTypeName(x any) (string, bool) {
	name, ok := wrapperFunc[func() string](x, typeNameField)
	if !ok {
		return "", false
	}
	n := name()
	if _, ptr := wrappedPointer(x); ptr && !strings.HasPrefix(n, "*") {
		n = "*" + n
	}
	return n, true
}

// ErrorsIs is errors.Is for cells: it compares the values wrappers hold.
func ErrorsIs(err, target error) bool {
	if err == nil || target == nil {
		return err == target
	}
	t := cellValue(target)
	comparable := reflect.TypeOf(t).Comparable()
	found := false
	walkErrors(err, func(e error) bool {
		if comparable && cellValue(e) == t {
			found = true
		} else if x, ok := e.(interface{ Is(error) bool }); ok && x.Is(target) {
			found = true
		}
		return found
	})
	return found
}

// cellValue is the cell's value a wrapper holds, or err.
func cellValue(err any) any {
	if v, ok := Concrete(err); ok {
		return v
	}
	return err
}

// ErrorsUnwrap is errors.Unwrap for cells: nil for an error whose Unwrap
// returns []error.
func ErrorsUnwrap(err error) error {
	u := errors.Unwrap(err)
	if _, ok := u.(*multiUnwrap); ok {
		return nil
	}
	return u
}

// ErrorChain lists err and the errors it wraps, depth first, as errors.As
// visits them.
func ErrorChain(err error) []any {
	var chain []any
	walkErrors(err, func(e error) bool {
		chain = append(chain, e)
		return false
	})
	return chain
}

// ErrorAs calls the As method of err, if it has one: a compiled error's,
// or a cell's, which its wrapper holds.
func ErrorAs(err any, target any) bool {
	x, ok := err.(interface{ As(any) bool })
	return ok && x.As(target)
}

// walkErrors calls visit on err and the errors it wraps, depth first,
// until visit returns true.
func walkErrors(err error, visit func(error) bool) bool {
	for err != nil {
		if _, multi := err.(*multiUnwrap); !multi && visit(err) {
			return true
		}
		switch x := err.(type) {
		case interface{ Unwrap() error }:
			err = x.Unwrap()
		case interface{ Unwrap() []error }:
			for _, e := range x.Unwrap() {
				if walkErrors(e, visit) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
	return false
}

// ErrorsEqual is a == b for two errors of cells: it compares the values
// wrappers hold, and panics as Go does for values of a type that cannot
// be compared. Its parameters are any, with the interpreter told to wrap
// them as errors: it passes error(v) for a parameter of type error as v.
func ErrorsEqual(a, b any) bool {
	return cellValue(a) == cellValue(b)
}

// nilCellError is an error holding a nil pointer of a cell's type: not a
// nil error, as in Go. Its Error calls the cell's method on the nil
// pointer, which may panic as it would in Go.
type nilCellError struct {
	ptr      any    // the nil pointer, of the cell's type
	typeName string // its type, as %T prints it
	errorFn  func() string
}

// NilError makes the error that holds ptr, a nil pointer of a cell's type
// named typeName, whose Error method errorFn calls.
func NilError(ptr any, typeName string, errorFn func() string) error {
	return &nilCellError{ptr: ptr, typeName: typeName, errorFn: errorFn}
}

func (e *nilCellError) Error() string    { return e.errorFn() }
func (e *nilCellError) goconc_self() any { return e.ptr }

// Format prints what fmt prints for an error holding a nil pointer whose
// Error method panics: <nil>.
func (e *nilCellError) Format(f fmt.State, verb rune) {
	msg, ok := func() (msg string, ok bool) {
		defer func() {
			if recover() != nil {
				ok = false
			}
		}()
		return e.errorFn(), true
	}()
	switch {
	case !ok:
		fmt.Fprint(f, "<nil>")
	case verb == 'q':
		fmt.Fprintf(f, "%q", msg)
	default:
		fmt.Fprint(f, msg)
	}
}
