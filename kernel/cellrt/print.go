package cellrt

import (
	"io"
	"reflect"
	"strconv"
	"strings"
)

// The print and println builtins write to standard error, in the Go
// runtime's own formats: floats in their shortest form (Go 1.26), pointers, channels,
// maps and functions as their address (0x0 when nil), slices as
// [len/cap]0xaddress, interfaces as (0xtype,0xdata). The interpreter
// writes them to standard output in fmt's formats, so a cell's calls go
// to goconc_rt.Print and goconc_rt.Println instead; an argument of
// interface type is marked with goconc_rt.Eface, since a compiled
// function receives only its dynamic value.

// eface is an argument of interface type to print.
type eface struct{ x any }

// Printer carries out print and println for cells, writing to w.
type Printer struct{ w io.Writer }

// NewPrinter returns a Printer writing to w (the session's standard error).
func NewPrinter(w io.Writer) Printer { return Printer{w} }

func (p Printer) print(args ...any) { p.write(args, false) }

func (p Printer) println(args ...any) { p.write(args, true) }

func (p Printer) write(args []any, line bool) {
	var b strings.Builder
	for i, a := range args {
		if line && i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(runtimeFormat(a))
	}
	if line {
		b.WriteByte('\n')
	}
	// One write, as the runtime makes, so that lines printed by several
	// goroutines do not mix.
	io.WriteString(p.w, b.String())
}

// runtimeFormat formats one argument of print as the Go runtime does.
func runtimeFormat(a any) string {
	if e, ok := a.(eface); ok {
		if e.x == nil {
			return "(0x0,0x0)"
		}
		return "(" + hexAddr(reflect.ValueOf(reflect.TypeOf(e.x)).Pointer()) + "," + hexAddr(dataAddr(reflect.ValueOf(e.x))) + ")"
	}
	if a == nil {
		return "nil"
	}
	v := reflect.ValueOf(a)
	switch v.Kind() {
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'g', -1, v.Type().Bits())
	case reflect.Complex64, reflect.Complex128:
		return strconv.FormatComplex(v.Complex(), 'g', -1, v.Type().Bits())
	case reflect.String:
		return v.String()
	case reflect.Slice:
		return "[" + strconv.Itoa(v.Len()) + "/" + strconv.Itoa(v.Cap()) + "]" + hexAddr(dataAddr(v))
	case reflect.Pointer, reflect.Chan, reflect.Map, reflect.Func, reflect.UnsafePointer:
		return hexAddr(dataAddr(v))
	}
	return "(" + hexAddr(dataAddr(v)) + ")"
}

// dataAddr is the address a value of a pointer-like kind holds, or 0.
func dataAddr(v reflect.Value) uintptr {
	switch v.Kind() {
	case reflect.Pointer, reflect.Chan, reflect.Map, reflect.Func, reflect.UnsafePointer, reflect.Slice:
		return v.Pointer()
	}
	return 0
}

func hexAddr(p uintptr) string { return "0x" + strconv.FormatUint(uint64(p), 16) }

func (p Printer) Symbols() map[string]map[string]reflect.Value {
	return map[string]map[string]reflect.Value{
		ImportPath + "/rt": {
			"Print":   reflect.ValueOf(p.print),
			"Println": reflect.ValueOf(p.println),
			"Eface":   reflect.ValueOf(func(x any) any { return eface{x} }),
		},
	}
}
