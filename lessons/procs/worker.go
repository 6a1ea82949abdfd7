package procs

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"sort"
	"strings"
)

// workerProgram is the source a Pool's workers run: the lesson's functions
// with a main that serves them over standard input and output.
type workerProgram struct {
	src   string
	funcs map[string]*workerFunc // every top-level function, callable or not
}

// workerFunc is one function of the worker source, as the parent sees it.
type workerFunc struct {
	name   string
	params []string // the parameters' types, as written
	result string   // the type of the value result, "" if there is none
	hasErr bool     // whether it returns an error, last
	// decodeAs is the type the result is decoded into in the parent, or
	// nil to decode it as a plain JSON value (map[string]any for a
	// struct), which is all the parent can do for a type it only knows
	// by name.
	decodeAs reflect.Type
	// why tells why the function cannot be called from the parent; it
	// is empty if it can.
	why string
}

// WorkerSource returns the program a Pool's worker processes run for the
// worker source src: src itself, with a main added that reads requests
// from standard input, calls the functions they name, and writes the
// replies to standard output. A lesson can print it to show that a worker
// is an ordinary program.
func WorkerSource(src string) (string, error) {
	prog, err := parseWorker(src)
	if err != nil {
		return "", err
	}
	return prog.src, nil
}

// parseWorker checks the worker source and builds its program.
//
// The source is a package main file without a main, or the same without
// its package clause. Each top-level function that takes parameters JSON
// can decode and returns nothing, a value, an error, or a value and an
// error, can be called by name from the parent. The program keeps the
// source's lines where they were, so that the interpreter's messages
// about them point at the right line.
func parseWorker(src string) (*workerProgram, error) {
	fset := token.NewFileSet()
	clause, err := parser.ParseFile(fset, "worker.go", src, parser.PackageClauseOnly)
	switch {
	case err != nil:
		// No package clause; one line is the price of adding it.
		src = "package main\n" + src
	case clause.Name.Name != "main":
		return nil, fmt.Errorf("procs: worker source is package %s, want package main", clause.Name.Name)
	}
	f, err := parser.ParseFile(fset, "worker.go", src, parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("procs: worker source: %w", err)
	}
	prog := &workerProgram{funcs: map[string]*workerFunc{}}
	var callable []*workerFunc
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv != nil {
			continue
		}
		switch name := fd.Name.Name; {
		case name == "main":
			return nil, errors.New("procs: worker source declares main: the worker's main is added to it")
		case name == "init" || name == "_":
			continue
		case strings.HasPrefix(name, "procs"):
			return nil, fmt.Errorf("procs: worker source declares %s: names beginning with procs are kept for the worker's main", name)
		}
		wf := describe(fset, src, fd)
		prog.funcs[wf.name] = wf
		if wf.why == "" {
			callable = append(callable, wf)
		}
	}
	if len(callable) == 0 {
		return nil, errors.New("procs: worker source has no function a parent can call")
	}
	for _, imp := range f.Imports {
		if imp.Name != nil && strings.HasPrefix(imp.Name.Name, "procs") {
			return nil, fmt.Errorf("procs: worker source imports as %s: names beginning with procs are kept for the worker's main", imp.Name.Name)
		}
	}
	sort.Slice(callable, func(i, j int) bool { return callable[i].name < callable[j].name })

	// The worker's own imports go at the start of the line of the first
	// declaration, which keeps every other line in place.
	at := fset.Position(f.Decls[0].Pos()).Offset
	var b strings.Builder
	b.WriteString(src[:at])
	b.WriteString(`import (procsbufio "bufio"; procsjson "encoding/json"; procsfmt "fmt"; procsos "os"); `)
	b.WriteString(src[at:])
	if !strings.HasSuffix(src, "\n") {
		b.WriteString("\n")
	}
	writeMain(&b, callable)
	prog.src = b.String()
	return prog, nil
}

// describe reads a function's signature.
func describe(fset *token.FileSet, src string, fd *ast.FuncDecl) *workerFunc {
	text := func(n ast.Node) string {
		return src[fset.Position(n.Pos()).Offset:fset.Position(n.End()).Offset]
	}
	wf := &workerFunc{name: fd.Name.Name}
	if fd.Type.TypeParams != nil {
		wf.why = "it has type parameters"
		return wf
	}
	for _, field := range fd.Type.Params.List {
		if _, ok := field.Type.(*ast.Ellipsis); ok {
			wf.why = "it is variadic"
			return wf
		}
		if _, ok := field.Type.(*ast.FuncType); ok {
			wf.why = "a function cannot be sent to a process"
			return wf
		}
		if _, ok := field.Type.(*ast.ChanType); ok {
			wf.why = "a channel cannot be sent to a process"
			return wf
		}
		n := max(len(field.Names), 1)
		for range n {
			wf.params = append(wf.params, text(field.Type))
		}
	}
	var results []ast.Expr
	if fd.Type.Results != nil {
		for _, field := range fd.Type.Results.List {
			for range max(len(field.Names), 1) {
				results = append(results, field.Type)
			}
		}
	}
	isError := func(e ast.Expr) bool {
		id, ok := e.(*ast.Ident)
		return ok && id.Name == "error"
	}
	switch {
	case len(results) == 0:
	case len(results) == 1 && isError(results[0]):
		wf.hasErr = true
	case len(results) == 1:
		wf.result = text(results[0])
		wf.decodeAs = goType(results[0])
	case len(results) == 2 && isError(results[1]) && !isError(results[0]):
		wf.result = text(results[0])
		wf.decodeAs = goType(results[0])
		wf.hasErr = true
	default:
		wf.why = "it returns more than a value and an error"
	}
	return wf
}

// goType returns the type e denotes if it is built from predeclared types
// only, and nil otherwise, or if JSON could not decode into it.
func goType(e ast.Expr) reflect.Type {
	switch e := e.(type) {
	case *ast.Ident:
		return predeclared(e.Name)
	case *ast.ParenExpr:
		return goType(e.X)
	case *ast.ArrayType:
		elem := goType(e.Elt)
		if elem == nil {
			return nil
		}
		if e.Len == nil {
			return reflect.SliceOf(elem)
		}
		lit, ok := e.Len.(*ast.BasicLit)
		if !ok || lit.Kind != token.INT {
			return nil
		}
		var n int
		if _, err := fmt.Sscan(lit.Value, &n); err != nil {
			return nil
		}
		return reflect.ArrayOf(n, elem)
	case *ast.MapType:
		key, elem := goType(e.Key), goType(e.Value)
		if key == nil || elem == nil {
			return nil
		}
		switch key.Kind() {
		case reflect.String, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			return reflect.MapOf(key, elem)
		}
		return nil
	case *ast.InterfaceType:
		if e.Methods == nil || len(e.Methods.List) == 0 {
			return reflect.TypeFor[any]()
		}
	}
	return nil
}

// predeclared returns the predeclared type called name, if JSON can
// decode into it.
func predeclared(name string) reflect.Type {
	switch name {
	case "bool":
		return reflect.TypeFor[bool]()
	case "string":
		return reflect.TypeFor[string]()
	case "int":
		return reflect.TypeFor[int]()
	case "int8":
		return reflect.TypeFor[int8]()
	case "int16":
		return reflect.TypeFor[int16]()
	case "int32", "rune":
		return reflect.TypeFor[int32]()
	case "int64":
		return reflect.TypeFor[int64]()
	case "uint":
		return reflect.TypeFor[uint]()
	case "uint8", "byte":
		return reflect.TypeFor[uint8]()
	case "uint16":
		return reflect.TypeFor[uint16]()
	case "uint32":
		return reflect.TypeFor[uint32]()
	case "uint64":
		return reflect.TypeFor[uint64]()
	case "uintptr":
		return reflect.TypeFor[uintptr]()
	case "float32":
		return reflect.TypeFor[float32]()
	case "float64":
		return reflect.TypeFor[float64]()
	case "any":
		return reflect.TypeFor[any]()
	}
	return nil
}

// writeMain writes the worker's main and its helpers, each after what it
// uses, which the interpreter needs.
func writeMain(b *strings.Builder, funcs []*workerFunc) {
	b.WriteString(workerHelpers)
	b.WriteString(`
// procsCall calls the function named fn with the arguments encoded in arg.
func procsCall(fn string, arg procsjson.RawMessage) (procsResult any, procsErr error) {
	defer func() {
		if r := recover(); r != nil {
			procsResult, procsErr = nil, procsfmt.Errorf("panic: %v", r)
		}
	}()
	switch fn {
`)
	for _, f := range funcs {
		fmt.Fprintf(b, "\tcase %q:\n", f.name)
		var vars []string
		for i, t := range f.params {
			v := fmt.Sprintf("procsA%d", i)
			fmt.Fprintf(b, "\t\tvar %s %s\n", v, t)
			vars = append(vars, v)
		}
		fmt.Fprint(b, "\t\tif err := procsArgs(arg")
		for _, v := range vars {
			fmt.Fprintf(b, ", &%s", v)
		}
		fmt.Fprint(b, "); err != nil {\n\t\t\treturn nil, err\n\t\t}\n")
		call := fmt.Sprintf("%s(%s)", f.name, strings.Join(vars, ", "))
		switch {
		case f.result != "" && f.hasErr:
			fmt.Fprintf(b, "\t\tprocsR, procsE := %s\n\t\treturn procsR, procsE\n", call)
		case f.result != "":
			fmt.Fprintf(b, "\t\tprocsR := %s\n\t\treturn procsR, nil\n", call)
		case f.hasErr:
			fmt.Fprintf(b, "\t\treturn nil, %s\n", call)
		default:
			fmt.Fprintf(b, "\t\t%s\n\t\treturn nil, nil\n", call)
		}
	}
	b.WriteString("\t}\n\treturn nil, procsfmt.Errorf(\"no function %s\", fn)\n}\n")
	b.WriteString(workerLoop)
}

// workerHelpers declares the messages of the worker's protocol and the
// helpers its main uses. Requests and replies are JSON lines; a reply
// begins with a newline as well, which ends any line a function printed
// without one, and the parent passes lines that are not replies through
// as output.
const workerHelpers = `
// The worker's main, added by package procs: it reads requests, one JSON
// object a line, from standard input, calls the function each one names,
// and answers each with a line on standard output, until its input ends.

type procsRequest struct {
	ID  int64                ` + "`json:\"id\"`" + `
	Fn  string               ` + "`json:\"fn\"`" + `
	Arg procsjson.RawMessage ` + "`json:\"arg\"`" + `
}

type procsReply struct {
	ID    int64                ` + "`json:\"id\"`" + `
	PID   int                  ` + "`json:\"pid,omitempty\"`" + `
	Value procsjson.RawMessage ` + "`json:\"value,omitempty\"`" + `
	Error string               ` + "`json:\"error,omitempty\"`" + `
}

func procsSend(r procsReply) {
	b, err := procsjson.Marshal(r)
	if err != nil {
		panic(err)
	}
	line := append([]byte{'\n'}, b...)
	procsos.Stdout.Write(append(line, '\n'))
}

// procsArgs decodes arg into the parameters: a single value for one, a
// list for more.
func procsArgs(arg procsjson.RawMessage, params ...any) error {
	if len(arg) == 0 {
		arg = procsjson.RawMessage("null")
	}
	switch len(params) {
	case 0:
		return nil
	case 1:
		if err := procsjson.Unmarshal(arg, params[0]); err != nil {
			return procsfmt.Errorf("decoding the argument: %v", err)
		}
		return nil
	}
	var list []procsjson.RawMessage
	if err := procsjson.Unmarshal(arg, &list); err != nil || len(list) != len(params) {
		return procsfmt.Errorf("want a list of %d arguments, got %s", len(params), arg)
	}
	for i, a := range list {
		if err := procsjson.Unmarshal(a, params[i]); err != nil {
			return procsfmt.Errorf("decoding argument %d: %v", i+1, err)
		}
	}
	return nil
}
`

// workerLoop is the worker's main: a ready message with its process id,
// then a reply for each request until standard input ends.
const workerLoop = `
func main() {
	in := procsbufio.NewScanner(procsos.Stdin)
	in.Buffer(make([]byte, 64<<10), 1<<30)
	procsSend(procsReply{PID: procsos.Getpid()}) // ready
	for in.Scan() {
		var req procsRequest
		if err := procsjson.Unmarshal(in.Bytes(), &req); err != nil {
			procsSend(procsReply{Error: "bad request: " + err.Error()})
			continue
		}
		reply := procsReply{ID: req.ID}
		value, err := procsCall(req.Fn, req.Arg)
		if err != nil {
			reply.Error = err.Error()
			if reply.Error == "" {
				// An empty text would read as success.
				reply.Error = procsfmt.Sprintf("%T with no text", err)
			}
		} else if b, err := procsjson.Marshal(value); err != nil {
			reply.Error = "encoding the result: " + err.Error()
		} else {
			reply.Value = b
		}
		procsSend(reply)
	}
}
`
