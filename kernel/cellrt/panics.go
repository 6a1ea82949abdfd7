package cellrt

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unsafe"
)

// Run-time errors in interpreted code surface as the panics of the
// interpreter's own machinery: reflect's messages for an index out of
// range or a nil pointer, an error carrying the cell position for a
// failed type assertion. A program sees them only through recover, so
// every recover() in a cell becomes goconc_rt.Recovered(recover()), which
// gives back the runtime.Error Go would have raised. Bounds errors carry
// their index and length only when the cell checked them itself (see
// package rewrite's bounds.go); the interpreter's messages lack them.

// RuntimeError is a run-time panic as Go raises it: an error whose text is
// Go's, which implements runtime.Error.
type RuntimeError string

func (e RuntimeError) Error() string { return string(e) }

// RuntimeError marks e as a runtime.Error.
func (RuntimeError) RuntimeError() {}

// goTypeName is the name %T gives the value Go's runtime panics with for
// the error e stands for: one type for failed bounds checks, one for
// failed assertions, one for the messages without "runtime error: "
// (a closed channel, a nil map), one for the rest.
func (e RuntimeError) goTypeName() string {
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

// RuntimePanic returns the panic value Go would have raised for v, a value
// recovered from interpreted code; any other value is returned as it is.
func RuntimePanic(v any) any {
	switch v := v.(type) {
	case nil, RuntimeError:
		return v
	case reflect.Value:
		// panic(f()) with f compiled: the interpreter panics with the
		// reflect.Value of the result.
		if v.IsValid() && v.CanInterface() {
			return RuntimePanic(v.Interface())
		}
		return nil
	case *reflect.ValueError:
		// An operation on the zero Value: what a nil pointer, a nil
		// interface or a nil function leaves.
		return RuntimeError("runtime error: invalid memory address or nil pointer dereference")
	case string:
		return reflectPanic(v)
	case error:
		if m := assertionPosition.FindStringSubmatch(v.Error()); m != nil {
			return RuntimeError(m[1])
		}
		// A map the interpreter assigns through reflect reports an
		// unhashable key in words of its own.
		if t, ok := strings.CutPrefix(v.Error(), "hash of unhashable type: "); ok {
			return RuntimeError("runtime error: hash of unhashable type " + unhashableTypeName(t))
		}
	}
	return v
}

// reflectPanic translates the messages reflect panics with (as strings)
// when the interpreter carries out an operation that fails at run time.
func reflectPanic(msg string) any {
	switch {
	case strings.HasPrefix(msg, "reflect: ") && strings.HasSuffix(msg, " index out of range"):
		return RuntimeError("runtime error: index out of range")
	case strings.HasPrefix(msg, "reflect.Value.Slice") && strings.HasSuffix(msg, "out of bounds"):
		return RuntimeError("runtime error: slice bounds out of range")
	case msg == "reflect.MakeChan: negative buffer size":
		return RuntimeError("makechan: size out of range")
	case msg == "reflect.MakeSlice: negative len":
		return RuntimeError("runtime error: makeslice: len out of range")
	case msg == "reflect.MakeSlice: negative cap" || msg == "reflect.MakeSlice: len > cap":
		return RuntimeError("runtime error: makeslice: cap out of range")
	case msg == "reflect.Value.Call: call of nil function",
		msg == "reflect: Call using zero Value argument":
		// The zero Value is what the interpreter makes of a nil
		// pointer's dereference passed on to a call.
		return RuntimeError("runtime error: invalid memory address or nil pointer dereference")
	case strings.HasPrefix(msg, "reflect: cannot convert slice with length "):
		var n, m int
		for _, format := range []string{
			"reflect: cannot convert slice with length %d to array with length %d",
			"reflect: cannot convert slice with length %d to pointer to array with length %d",
		} {
			if _, err := fmt.Sscanf(msg, format, &n, &m); err == nil {
				return RuntimeError(fmt.Sprintf("runtime error: cannot convert slice with length %d to array or pointer to array with length %d", n, m))
			}
		}
	}
	return msg
}

// PanicText is what Go prints after "panic: " for an unrecovered panic
// with value v, as far as the interpreter's value tells.
func PanicText(v any) string {
	v = RuntimePanic(v)
	switch x := v.(type) {
	case nil:
		return "nil"
	case Named:
		return x.panicText()
	case error:
		return x.Error()
	case fmt.Stringer:
		return x.String()
	}
	switch t := reflect.TypeOf(v); t.Kind() {
	case reflect.Array, reflect.Struct, reflect.Slice, reflect.Map, reflect.Pointer,
		reflect.Chan, reflect.Func, reflect.Interface, reflect.UnsafePointer:
		// Go prints neither the value nor its fields: the type and
		// the interface's data word.
		return "(" + goTypeString(t) + ") " + hexAddr(efaceData(v))
	}
	return fmt.Sprint(v)
}

// efaceData is the data word of the interface value v, which Go prints
// for a panic value it cannot print otherwise.
func efaceData(v any) uintptr {
	return uintptr((*[2]unsafe.Pointer)(unsafe.Pointer(&v))[1])
}

// panicText is what Go prints for a panic with a value of a named basic
// type: the type, and the value as the print builtin writes it, in
// parentheses, a string quoted: main.Cents(5), main.Label("bye").
func (n Named) panicText() string {
	v := n.value()
	if s, ok := v.(string); ok {
		return n.Type + `("` + s + `")`
	}
	text := runtimeFormat(v)
	if reflect.ValueOf(v).CanComplex() {
		text = strings.TrimSuffix(strings.TrimPrefix(text, "("), ")")
	}
	return n.Type + "(" + text + ")"
}

// BoundsError builds Go's message for a failed bounds check. code is one
// of the BoundsIndex... constants; x and y are the integers (of any
// integer type) the message shows. A cell raises it as
// panic(goconc_rt.BoundsError(code, x, y)), so that the panic starts in
// interpreted code.
func BoundsError(code int, x, y any) RuntimeError {
	if code < 0 || code >= len(boundsFormats) {
		return RuntimeError("runtime error: index out of range")
	}
	xs, neg := integerText(x)
	if neg {
		return RuntimeError("runtime error: " + fmt.Sprintf(boundsNegFormats[code], xs))
	}
	ys, _ := integerText(y)
	return RuntimeError("runtime error: " + fmt.Sprintf(boundsFormats[code], xs, ys))
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
	BoundsIndex = iota
	BoundsSliceAlen
	BoundsSliceAcap
	BoundsSliceB
	BoundsSlice3Alen
	BoundsSlice3Acap
	BoundsSlice3B
	BoundsSlice3C
)

var boundsFormats = [...]string{
	BoundsIndex:      "index out of range [%s] with length %s",
	BoundsSliceAlen:  "slice bounds out of range [:%s] with length %s",
	BoundsSliceAcap:  "slice bounds out of range [:%s] with capacity %s",
	BoundsSliceB:     "slice bounds out of range [%s:%s]",
	BoundsSlice3Alen: "slice bounds out of range [::%s] with length %s",
	BoundsSlice3Acap: "slice bounds out of range [::%s] with capacity %s",
	BoundsSlice3B:    "slice bounds out of range [:%s:%s]",
	BoundsSlice3C:    "slice bounds out of range [%s:%s:]",
}

// With a negative x the length does not matter.
var boundsNegFormats = [...]string{
	BoundsIndex:      "index out of range [%s]",
	BoundsSliceAlen:  "slice bounds out of range [:%s]",
	BoundsSliceAcap:  "slice bounds out of range [:%s]",
	BoundsSliceB:     "slice bounds out of range [%s:]",
	BoundsSlice3Alen: "slice bounds out of range [::%s]",
	BoundsSlice3Acap: "slice bounds out of range [::%s]",
	BoundsSlice3B:    "slice bounds out of range [:%s:]",
	BoundsSlice3C:    "slice bounds out of range [%s::]",
}

// AssertionError is the panic of a failed assertion to an interface a
// cell declares (see package rewrite's assert.go). dynamic names the value's type
// when the cell knows it, with its missing method; otherwise reflect
// names the compiled type and missing lists the interface's methods, of
// which the first the value lacks is reported.
func AssertionError(x any, dynamic, iface, missing string) RuntimeError {
	if x == nil {
		return RuntimeError("interface conversion: interface is nil, not " + iface)
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
	return RuntimeError(fmt.Sprintf("interface conversion: %s is not %s: missing method %s", dynamic, iface, missing))
}

// HasMethods reports whether x's type, as reflect sees it, has methods
// of the names given: whether x may be of a compiled type that satisfies
// an interface with those methods. Values of the cell's own types have
// none that reflect sees.
func HasMethods(x any, names ...string) bool {
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

// unhashableTypeName is t, a type as a failed hash spells it, with a cell
// struct type by its name (main.T): the rewrite tags the first field of
// each with a goconc key naming the type (see cellTypeName), and the
// first tag outside the braces of the field's own type is that field's.
func unhashableTypeName(t string) string {
	rest, ok := strings.CutPrefix(t, "struct {")
	if !ok {
		return t
	}
	depth := 0
	for i := 0; i < len(rest); i++ {
		switch rest[i] {
		case '{':
			depth++
		case '}':
			if depth--; depth < 0 {
				return t
			}
		case '"':
			quoted, err := strconv.QuotedPrefix(rest[i:])
			if err != nil {
				return t
			}
			if depth > 0 {
				i += len(quoted) - 1
				continue
			}
			tag, err := strconv.Unquote(quoted)
			if name := reflect.StructTag(tag).Get("goconc"); err == nil && name != "" {
				return "main." + name
			}
			return t
		}
	}
	return t
}
