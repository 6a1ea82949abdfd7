package symbols

import (
	"bufio"
	"encoding"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"reflect"
)

// interfaceArguments lists the compiled functions that take values as
// any and look for methods on them: fmt.Println calls String, json.Marshal
// calls MarshalJSON. For each it gives those interfaces, most specific
// first. The interpreter hands such a function an interpreted value
// wrapped as the first of the interfaces the value implements, so that
// the function finds the methods a compiled value would have.
//
// Wrapper types are keys too: an interpreted value converted to io.Reader
// that also has WriteTo becomes a wrapper with both methods, which
// io.Copy then calls, as it would on a compiled reader.
func interfaceArguments() map[reflect.Value][]reflect.Type {
	m := map[reflect.Value][]reflect.Type{}
	add := func(ifaces []reflect.Type, funcs ...any) {
		for _, f := range funcs {
			m[reflect.ValueOf(f)] = ifaces
		}
	}
	// The interpreter redirects fmt.Print and fmt.Scan, and log's
	// functions, to its own output and input; it looks the redirected
	// functions up here by the originals.
	add([]reflect.Type{reflect.TypeFor[fmt.Formatter](), reflect.TypeFor[fmt.Stringer]()},
		fmt.Print, fmt.Printf, fmt.Println,
		fmt.Sprint, fmt.Sprintf, fmt.Sprintln,
		fmt.Fprint, fmt.Fprintf, fmt.Fprintln,
		fmt.Append, fmt.Appendf, fmt.Appendln,
		log.Print, log.Printf, log.Println,
		log.Fatal, log.Fatalf, log.Fatalln,
		log.Panic, log.Panicf, log.Panicln,
	)
	// fmt.Errorf wraps what it is given for %w when it is an error.
	add([]reflect.Type{reflect.TypeFor[error](), reflect.TypeFor[fmt.Formatter](), reflect.TypeFor[fmt.Stringer]()},
		fmt.Errorf)
	add([]reflect.Type{reflect.TypeFor[fmt.Scanner]()},
		fmt.Scan, fmt.Scanf, fmt.Scanln,
		fmt.Sscan, fmt.Sscanf, fmt.Sscanln,
		fmt.Fscan, fmt.Fscanf, fmt.Fscanln,
	)
	add([]reflect.Type{reflect.TypeFor[json.Marshaler](), reflect.TypeFor[encoding.TextMarshaler]()},
		json.Marshal, json.MarshalIndent)
	add([]reflect.Type{reflect.TypeFor[json.Unmarshaler](), reflect.TypeFor[encoding.TextUnmarshaler]()},
		json.Unmarshal)
	add([]reflect.Type{reflect.TypeFor[xml.Marshaler](), reflect.TypeFor[encoding.TextMarshaler]()},
		xml.Marshal, xml.MarshalIndent)
	add([]reflect.Type{reflect.TypeFor[xml.Unmarshaler](), reflect.TypeFor[encoding.TextUnmarshaler]()},
		xml.Unmarshal)

	m[reflect.ValueOf((*_io_Reader)(nil))] = []reflect.Type{reflect.TypeFor[_io_Reader_WriterTo]()}
	m[reflect.ValueOf((*_io_Writer)(nil))] = []reflect.Type{reflect.TypeFor[_io_Writer_ReaderFrom]()}
	m[reflect.ValueOf((*_net_http_ResponseWriter)(nil))] = []reflect.Type{reflect.TypeFor[_net_http_ResponseWriter_Hijacker]()}
	return m
}

// The wrappers below implement two interfaces at once, for the functions
// that look for the second on values of the first. Like the generated
// wrappers, each begins with the wrapped value, then has a field for each
// method, named for it with a W in front.

// _io_Reader_WriterTo wraps a reader that can write itself out.
type _io_Reader_WriterTo struct {
	IValue   any
	WRead    func(p []byte) (int, error)
	WWriteTo func(w io.Writer) (int64, error)
}

func (w _io_Reader_WriterTo) Read(p []byte) (int, error)           { return w.WRead(p) }
func (w _io_Reader_WriterTo) WriteTo(dst io.Writer) (int64, error) { return w.WWriteTo(dst) }

// _io_Writer_ReaderFrom wraps a writer that can read its input itself.
type _io_Writer_ReaderFrom struct {
	IValue    any
	WWrite    func(p []byte) (int, error)
	WReadFrom func(r io.Reader) (int64, error)
}

func (w _io_Writer_ReaderFrom) Write(p []byte) (int, error)           { return w.WWrite(p) }
func (w _io_Writer_ReaderFrom) ReadFrom(src io.Reader) (int64, error) { return w.WReadFrom(src) }

// _net_http_ResponseWriter_Hijacker wraps a response writer whose
// connection a handler can take over.
type _net_http_ResponseWriter_Hijacker struct {
	IValue       any
	WHeader      func() http.Header
	WWrite       func(p []byte) (int, error)
	WWriteHeader func(statusCode int)
	WHijack      func() (net.Conn, *bufio.ReadWriter, error)
}

func (w _net_http_ResponseWriter_Hijacker) Header() http.Header         { return w.WHeader() }
func (w _net_http_ResponseWriter_Hijacker) Write(p []byte) (int, error) { return w.WWrite(p) }
func (w _net_http_ResponseWriter_Hijacker) WriteHeader(statusCode int)  { w.WWriteHeader(statusCode) }
func (w _net_http_ResponseWriter_Hijacker) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return w.WHijack()
}
