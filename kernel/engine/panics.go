package engine

import (
	"fmt"
	"go/ast"
	"go/types"
	"reflect"
	"regexp"
	"strconv"
	"strings"
)

// Run-time errors in interpreted code surface as the panics of the
// interpreter's own machinery: reflect's messages for an index out of
// range or a nil pointer, an error carrying the cell position for a
// failed type assertion. A program sees them only through recover, so
// every recover() in a cell becomes goconc_rt.Recovered(recover()), which
// gives back the runtime.Error Go would have raised. Bounds errors carry
// their index and length only when the cell checked them itself (see
// rewrite_bounds.go); the interpreter's messages lack them.

// runtimeError is a run-time panic as Go raises it: an error whose text is
// Go's, which implements runtime.Error.
type runtimeError string

func (e runtimeError) Error() string { return string(e) }

// RuntimeError marks e as a runtime.Error.
func (runtimeError) RuntimeError() {}

// goTypeName is the name %T gives the value Go's runtime panics with for
// the error e stands for: one type for failed bounds checks, one for
// failed assertions, one for the messages without "runtime error: "
// (a closed channel, a nil map), one for the rest.
func (e runtimeError) goTypeName() string {
	msg := string(e)
	switch {
	case strings.Contains(msg, "index out of range") || strings.Contains(msg, "slice bounds out of range"):
		return "runtime.boundsError"
	case strings.HasPrefix(msg, "interface conversion: "):
		return "*runtime.TypeAssertionError"
	case !strings.HasPrefix(msg, "runtime error: "):
		return "runtime.plainError"
	}
	return "runtime.errorString"
}

// assertionPosition is the cell position the interpreter puts before a
// failed type assertion's message.
var assertionPosition = regexp.MustCompile(`^(?:\S+:)?\d+:\d+: (interface conversion: .*)$`)

// runtimePanic returns the panic value Go would have raised for v, a value
// recovered from interpreted code; any other value is returned as it is.
func runtimePanic(v any) any {
	switch v := v.(type) {
	case nil, runtimeError:
		return v
	case reflect.Value:
		// panic(f()) with f compiled: the interpreter panics with the
		// reflect.Value of the result.
		if v.IsValid() && v.CanInterface() {
			return runtimePanic(v.Interface())
		}
		return nil
	case *reflect.ValueError:
		// An operation on the zero Value: what a nil pointer, a nil
		// interface or a nil function leaves.
		return runtimeError("runtime error: invalid memory address or nil pointer dereference")
	case string:
		return reflectPanic(v)
	case error:
		if m := assertionPosition.FindStringSubmatch(v.Error()); m != nil {
			return runtimeError(m[1])
		}
		// A map the interpreter assigns through reflect reports an
		// unhashable key in words of its own.
		if t, ok := strings.CutPrefix(v.Error(), "hash of unhashable type: "); ok {
			return runtimeError("runtime error: hash of unhashable type " + t)
		}
	}
	return v
}

// reflectPanic translates the messages reflect panics with (as strings)
// when the interpreter carries out an operation that fails at run time.
func reflectPanic(msg string) any {
	switch {
	case strings.HasPrefix(msg, "reflect: ") && strings.HasSuffix(msg, " index out of range"):
		return runtimeError("runtime error: index out of range")
	case strings.HasPrefix(msg, "reflect.Value.Slice") && strings.HasSuffix(msg, "out of bounds"):
		return runtimeError("runtime error: slice bounds out of range")
	case msg == "reflect.MakeChan: negative buffer size":
		return runtimeError("makechan: size out of range")
	case msg == "reflect.MakeSlice: negative len":
		return runtimeError("runtime error: makeslice: len out of range")
	case msg == "reflect.MakeSlice: negative cap" || msg == "reflect.MakeSlice: len > cap":
		return runtimeError("runtime error: makeslice: cap out of range")
	case msg == "reflect.Value.Call: call of nil function":
		return runtimeError("runtime error: invalid memory address or nil pointer dereference")
	case strings.HasPrefix(msg, "reflect: cannot convert slice with length "):
		var n, m int
		if _, err := fmt.Sscanf(msg, "reflect: cannot convert slice with length %d to array with length %d", &n, &m); err == nil {
			return runtimeError(fmt.Sprintf("runtime error: cannot convert slice with length %d to array or pointer to array with length %d", n, m))
		}
	}
	return msg
}

// panicText is what Go prints after "panic: " for an unrecovered panic
// with value v, as far as the interpreter's value tells.
func panicText(v any) string { return fmt.Sprint(runtimePanic(v)) }

// boundsError builds Go's message for a failed bounds check. code is one
// of the boundsIndex... constants; x and y are the integers (of any
// integer type) the message shows. A cell raises it as
// panic(goconc_rt.BoundsError(code, x, y)), so that the panic starts in
// interpreted code.
func boundsError(code int, x, y any) runtimeError {
	if code < 0 || code >= len(boundsFormats) {
		return runtimeError("runtime error: index out of range")
	}
	xs, neg := integerText(x)
	if neg {
		return runtimeError("runtime error: " + fmt.Sprintf(boundsNegFormats[code], xs))
	}
	ys, _ := integerText(y)
	return runtimeError("runtime error: " + fmt.Sprintf(boundsFormats[code], xs, ys))
}

// integerText formats an integer of any integer type, as its number even
// when its type has a String method.
func integerText(v any) (string, bool) {
	r := reflect.ValueOf(v)
	switch {
	case r.CanInt():
		return strconv.FormatInt(r.Int(), 10), r.Int() < 0
	case r.CanUint():
		return strconv.FormatUint(r.Uint(), 10), false
	}
	return fmt.Sprint(v), false
}

// The bounds checks a cell makes, in the order Go's runtime numbers them.
const (
	boundsIndex = iota
	boundsSliceAlen
	boundsSliceAcap
	boundsSliceB
	boundsSlice3Alen
	boundsSlice3Acap
	boundsSlice3B
	boundsSlice3C
)

var boundsFormats = [...]string{
	boundsIndex:      "index out of range [%s] with length %s",
	boundsSliceAlen:  "slice bounds out of range [:%s] with length %s",
	boundsSliceAcap:  "slice bounds out of range [:%s] with capacity %s",
	boundsSliceB:     "slice bounds out of range [%s:%s]",
	boundsSlice3Alen: "slice bounds out of range [::%s] with length %s",
	boundsSlice3Acap: "slice bounds out of range [::%s] with capacity %s",
	boundsSlice3B:    "slice bounds out of range [:%s:%s]",
	boundsSlice3C:    "slice bounds out of range [%s:%s:]",
}

// With a negative x the length does not matter.
var boundsNegFormats = [...]string{
	boundsIndex:      "index out of range [%s]",
	boundsSliceAlen:  "slice bounds out of range [:%s]",
	boundsSliceAcap:  "slice bounds out of range [:%s]",
	boundsSliceB:     "slice bounds out of range [%s:]",
	boundsSlice3Alen: "slice bounds out of range [::%s]",
	boundsSlice3Acap: "slice bounds out of range [::%s]",
	boundsSlice3B:    "slice bounds out of range [:%s:]",
	boundsSlice3C:    "slice bounds out of range [%s::]",
}

// assertionError is the panic of a failed assertion to an interface a
// cell declares (see rewrite_assert.go). dynamic names the value's type
// when the cell knows it, with its missing method; otherwise reflect
// names the compiled type and missing lists the interface's methods, of
// which the first the value lacks is reported.
func assertionError(x any, dynamic, iface, missing string) runtimeError {
	if x == nil {
		return runtimeError("interface conversion: interface is nil, not " + iface)
	}
	if dynamic == "" {
		t := reflect.TypeOf(x)
		dynamic = t.String()
		names := strings.Fields(missing)
		missing = ""
		for _, name := range names {
			if _, ok := t.MethodByName(name); !ok {
				missing = name
				break
			}
		}
		if missing == "" && len(names) > 0 {
			missing = names[0]
		}
	}
	return runtimeError(fmt.Sprintf("interface conversion: %s is not %s: missing method %s", dynamic, iface, missing))
}

// hasMethods reports whether x's type, as reflect sees it, has methods
// of the names given: whether x may be of a compiled type that satisfies
// an interface with those methods. Values of the cell's own types have
// none that reflect sees.
func hasMethods(x any, names ...string) bool {
	t := reflect.TypeOf(x)
	if t == nil {
		return false
	}
	for _, name := range names {
		if _, ok := t.MethodByName(name); !ok {
			return false
		}
	}
	return true
}

// recoverCall makes a call of the builtin recover return what Go's would:
// recover() becomes goconc_rt.Recovered(recover()). The call stays in the
// deferred function, so recover still stops the panic.
func (rw *rewriter) recoverCall(call *ast.CallExpr) {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || id.Name != "recover" || len(call.Args) != 0 {
		return
	}
	if _, ok := rw.info.Uses[id].(*types.Builtin); !ok {
		return
	}
	// The inner identifier is new, so has no use recorded: it is not
	// rewritten again when the walk reaches it.
	inner := &ast.CallExpr{Fun: ast.NewIdent("recover"), Lparen: call.Lparen, Rparen: call.Rparen}
	call.Fun = &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent("Recovered")}
	call.Args = []ast.Expr{inner}
}
