package engine

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"io"
	"log"
	"os"
	"reflect"
	"regexp"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/traefik/yaegi/interp"
	yaegisyscall "github.com/traefik/yaegi/stdlib/syscall"
	"github.com/traefik/yaegi/stdlib/unrestricted"
	"github.com/traefik/yaegi/stdlib/unsafe"

	"goconc/kernel/cellrt"
	"goconc/kernel/engine/rewrite"
	"goconc/kernel/symbols"
)

// Options configure a Session.
type Options struct {
	// Stdin is what cells read as os.Stdin and through fmt.Scan.
	// Nil means no input: reads report io.EOF.
	Stdin io.Reader
	// Stdout and Stderr receive what cells print. A *os.File also
	// becomes the cells' os.Stdout (or os.Stderr), so that writes to
	// it directly, and by child processes given it, arrive too.
	// Nil means os.Stdout and os.Stderr.
	Stdout, Stderr io.Writer
	// CellStdout and CellStderr, when set, receive instead of Stdout and
	// Stderr what cells print through fmt's Print functions, the print
	// and println builtins and package log, with the cell each write
	// comes from. Text written by other routes (to os.Stdout, by child
	// processes) still goes to Stdout and Stderr.
	CellStdout, CellStderr CellWriter
	// Args is what cells see as os.Args.
	Args []string
	// Program, when set, is the file the cells come from (a program run
	// from a file): positions and messages speak of it rather than of
	// cells.
	Program string
	// Noise, when set, is called at the synchronisation points cells
	// reach through the cell runtime (see cellrt.Options.Noise).
	Noise func()
	// AfterDone, when set, is called after a WaitGroup's Done that left
	// its counter at zero (see cellrt.Options.AfterDone).
	AfterDone func()
	// End, for a program run from a file (with Program), is called once, at
	// the moment the program ends: when the cell that calls its main sees
	// main return (in main's goroutine, before the cell goes on), when it
	// calls os.Exit, when a goroutine's panic ends it, or when its cell
	// fails. A compiled program's other goroutines print nothing after
	// that point, so End must make sure that the program's do not:
	// the worker points the process's standard output and error away.
	End func()
}

// A Session is one interpreter whose state lives from one cell to the
// next. Its methods must not be called concurrently with each other,
// except Complete, Inspect and IsComplete, which only read.
type Session struct {
	interp  *interp.Interpreter
	stderr  io.Writer
	mu      sync.Mutex        // guards imports
	imports map[string]string // import path to the name it is bound to
	prog    *program          // what earlier cells declared, for checking
	rt      *cellRuntime
	types   *typesImporter
	warm    sync.WaitGroup // loading the most used packages' types
	done    chan struct{}  // closed by Close
	stacks  *panicStacks   // the frames of panics under way
	chains  *panicChains   // the panics a later one interrupted
	names   sourceNames
	count   uint64 // cells run by Execute, to number them
	// numbered is set once a program run from a file has its first
	// goroutine's number (goroutines.go).
	numbered bool
}

// Close stops the session's background work. The interpreter's own
// goroutines, if any still run, are not stopped.
func (s *Session) Close() {
	close(s.done)
}

// NewSession starts an interpreter with the standard library and
// goconc's packages available to import.
func NewSession(opts Options) (*Session, error) {
	if opts.Stdin == nil {
		opts.Stdin = strings.NewReader("")
	}
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	if opts.Args == nil {
		opts.Args = []string{"goconc"}
	}
	cells := cellrt.New(cellrt.Options{CodeFrames: codeFrames, Noise: opts.Noise, AfterDone: opts.AfterDone})
	owners := newOwners(cells)
	stdout, stderr := opts.printers(owners)
	stacks := newPanicStacks()
	chains := &panicChains{}
	i := interp.New(interp.Options{
		Stdin:        opts.Stdin,
		Stdout:       stdout,
		Stderr:       stackFilter{stderr, stacks, chains},
		Args:         opts.Args,
		Env:          os.Environ(),
		Unrestricted: true, // os/exec and real environment: lesson 08 runs processes
	})
	if err := i.Use(symbols.All()); err != nil {
		return nil, fmt.Errorf("loading standard library symbols: %w", err)
	}
	// syscall: the calls of this platform's table (Getpid, Getpagesize,
	// the signals), to which unrestricted adds Exec, Kill and the others
	// that act on processes.
	if err := i.Use(yaegisyscall.Symbols); err != nil {
		return nil, fmt.Errorf("loading syscall symbols: %w", err)
	}
	if err := i.Use(unrestricted.Symbols); err != nil {
		return nil, fmt.Errorf("loading process symbols: %w", err)
	}
	// unsafe: Sizeof, Alignof, Offsetof, Add and the Pointer conversions
	// the interpreter implements (String, Slice and their Data functions
	// are rewritten, rewrite_unsafe.go).
	if err := i.Use(unsafe.Symbols); err != nil {
		return nil, fmt.Errorf("loading unsafe: %w", err)
	}
	stdin := opts.Stdin
	rt := &cellRuntime{Runtime: cells, stderr: stderr, owners: owners, stacks: stacks}
	if opts.End != nil && opts.Program != "" {
		// A program ends once, but several paths may see its end, and
		// race to say so: main's return, os.Exit, a goroutine's panic
		// and a failed cell.
		rt.end = sync.OnceFunc(opts.End)
	}
	overrides := interp.Exports{
		"os/os": {
			// A cell that calls os.Exit ends, as the program would,
			// without running deferred calls; the interpreter and every
			// definition stay.
			"Exit": reflect.ValueOf(rt.exit),
			// os.Stdin is a reader rather than a file so that a read can
			// become a request for input from the notebook (but see
			// bindFiles).
			"Stdin": reflect.ValueOf(&stdin).Elem(),
		},
	}
	// runtime.Goexit in a cell's own goroutine ends the cell rather
	// than only the step the interpreter runs (goexit.go).
	overrides["runtime/runtime"] = map[string]reflect.Value{"Goexit": reflect.ValueOf(rt.goexit)}
	overrides["flag/flag"] = map[string]reflect.Value{"Parse": reflect.ValueOf(rt.flagParse(opts.Args))}
	// syscall.Exec would put another program in the place of the worker,
	// which the kernel and goconc run then lose: it fails instead, saying
	// so (os/exec runs other programs).
	overrides["syscall/syscall"] = map[string]reflect.Value{"Exec": reflect.ValueOf(execUnsupported)}
	opts.bindFiles(overrides["os/os"])
	if err := i.Use(overrides); err != nil {
		return nil, fmt.Errorf("installing os overrides: %w", err)
	}
	if err := i.Use(cellrt.Symbols()); err != nil {
		return nil, fmt.Errorf("installing cell runtime: %w", err)
	}
	if err := i.Use(rt.exports()); err != nil {
		return nil, fmt.Errorf("installing cell runtime: %w", err)
	}
	if err := i.Use(stacks.exports()); err != nil {
		return nil, fmt.Errorf("installing panic stacks: %w", err)
	}
	// goconc_rt.Recovered is bound once, here, as every part that must
	// see a recover wraps it: the runtime (a recovered goroutine holds
	// no waker up), the panic's frames and the chain of panics.
	if err := i.Use(relayExports(&cellrt.Relays{}, chains.recover(stacks.recover(rt.recovered)), chains.keepAside(stacks.keepAside(rt.keptAside)), stacks.goingOn)); err != nil {
		return nil, fmt.Errorf("installing recover relays: %w", err)
	}
	if err := i.Use(chains.exports(func() { stacks.starting(); rt.Panicking() }, stacks.recoverDone, rt.WaitGroupDone)); err != nil {
		return nil, fmt.Errorf("installing panic chains: %w", err)
	}
	prog := newProgram()
	sites := &siteStacks{}
	names := sourceNames{program: opts.Program}
	reader := stackReader{names: names, goName: prog.funcs.goName, numbers: &rt.numbers, cells: rt.Runtime, sites: sites, pcs: &pcTable{}, stderr: stderr,
		panicFrames: func(id int64) ([]stackFrame, string, string, bool) {
			v, recovering := chains.recovering(id)
			if !recovering && !rt.InPanic() {
				return nil, "", "", false
			}
			msg := ""
			if recovering {
				msg = cellrt.PanicText(v)
			}
			frames, site := stacks.peek(id)
			return frames, msg, site, true
		},
		named: func(frames []stackFrame, msg string) []stackFrame {
			return prog.goFrames(frames, msg)
		},
	}
	if err := i.Use(callers{names: names, exit: rt.exit, panicAt: stacks.panicAt, std: log.New(stderr, "", log.LstdFlags), sites: sites, pcOf: reader.pcOf, frameAt: reader.callerAt}.exports()); err != nil {
		return nil, fmt.Errorf("installing call sites: %w", err)
	}
	if err := i.Use(reader.exports()); err != nil {
		return nil, fmt.Errorf("installing stack traces: %w", err)
	}
	if err := i.Use(cellrt.NewPrinter(stderr).Symbols()); err != nil {
		return nil, fmt.Errorf("installing print and println: %w", err)
	}
	if err := useErrorWrappers(i); err != nil {
		return nil, fmt.Errorf("installing error wrappers: %w", err)
	}
	if err := i.Use(cellrt.FmtSymbols()); err != nil {
		return nil, fmt.Errorf("installing value formatting: %w", err)
	}
	if err := i.Use(cellrt.BoxSymbols()); err != nil {
		return nil, fmt.Errorf("installing boxes of named basic types: %w", err)
	}
	if _, err := i.Eval(fmt.Sprintf("import %s %q", runtimeName, runtimePackage)); err != nil {
		return nil, fmt.Errorf("binding cell runtime: %w", err)
	}
	for _, src := range rewrite.Prelude {
		if _, err := i.Eval(src); err != nil {
			return nil, fmt.Errorf("declaring what rewritten cells use: %w", err)
		}
	}
	if err := i.Use(showExports()); err != nil {
		return nil, fmt.Errorf("installing value display: %w", err)
	}
	if _, err := i.Eval(fmt.Sprintf("import %s %q", showName, showPackage)); err != nil {
		return nil, fmt.Errorf("binding value display: %w", err)
	}
	s := &Session{
		interp:  i,
		rt:      rt,
		stderr:  opts.Stderr,
		imports: map[string]string{},
		prog:    prog,
		types:   newTypesImporter(token.NewFileSet()),
		stacks:  stacks,
		chains:  chains,
		names:   names,
	}
	s.prog.wholeFile = opts.Program != ""
	s.done = make(chan struct{})
	// Type-checking fmt from source takes a good part of a second; do it
	// while the user is still reading the notebook.
	s.warm.Add(1)
	go func() {
		defer s.warm.Done()
		for _, p := range []string{"fmt", "sync", "time", "context"} {
			s.types.Import(p)
		}
	}()
	return s, nil
}

// exitCode is the cause a cell ends with when it calls os.Exit.
type exitCode int

func (c exitCode) Error() string { return fmt.Sprintf("exit status %d", int(c)) }

// Execute runs one cell. Output goes to the Session's writers as it is
// produced. Cancelling ctx interrupts the cell.
func (s *Session) Execute(ctx context.Context, code string) Result {
	return s.execute(ctx, 0, code)
}

func (s *Session) execute(ctx context.Context, cell uint64, code string) Result {
	// number names the cell in positions; cell, when not zero, is also
	// whom its goroutines' output belongs to.
	number := cell
	if number == 0 {
		s.count++
		number = s.count
	}
	code = RenameMain(code)
	units, err := splitCell(code)
	if err != nil {
		return Result{Err: syntaxError(err, s.names, number)}
	}
	s.warm.Wait()
	ctx, done := s.rt.startCell(ctx, cell)
	defer done()
	c, err := s.prog.compile(code, units, s.types, sourceFile(number))
	var diags diagnostics
	switch {
	case err == nil:
	case errors.As(err, &diags):
		return Result{Err: compileError(s.types.fset, diags, s.names, number)}
	case errors.Is(err, errCannotCheck):
		return s.executeUnchecked(ctx, number, code, units)
	default:
		var list scanner.ErrorList
		if errors.As(err, &list) {
			return Result{Err: syntaxError(err, s.names, number)}
		}
		fmt.Fprintf(s.stderr, "goconc: cell not checked: %v\n", err)
		return s.executeUnchecked(ctx, number, code, units)
	}
	defer c.commit()
	if s.names.program != "" && !s.numbered {
		// A program's goroutines are numbered as Go numbers them, which
		// depends on what the program, its first cell, imports.
		s.rt.numbers.SetFirst(firstGoroutine(c.imports))
		s.numbered = true
	}
	for _, st := range c.steps {
		var err error
		if st.importPath != "" {
			err = s.bindImport(ctx, st.importName, st.importPath)
		} else {
			kept := s.keep(st.carry)
			_, err = s.eval(ctx, st.src)
			s.carry(kept)
		}
		if err != nil {
			return s.failure(ctx, number, err)
		}
	}
	if c.note != "" {
		fmt.Fprint(s.stderr, c.note)
	}
	var value map[string]any
	if c.trailing != "" {
		v, err := s.evalValue(ctx, c.trailing)
		if err != nil {
			return s.failure(ctx, number, err)
		}
		value = v
	}
	return Result{Value: value}
}

// executeUnchecked runs a cell as written, unit by unit, when it cannot
// be type-checked.
func (s *Session) executeUnchecked(ctx context.Context, number uint64, code string, units []unit) Result {
	var trailing *unit
	if n := len(units); n > 0 && units[n-1].kind == stmtUnit && displaysValue(code, units[n-1]) {
		trailing = &units[n-1]
		units = units[:n-1]
	}
	for _, c := range group(units) {
		var err error
		switch c.kind {
		case importUnit:
			err = s.importChunk(ctx, code, c)
		default:
			from, to := c.units[0].lead, c.units[len(c.units)-1].end
			_, err = s.eval(ctx, positioned(code, from, to))
		}
		if err != nil {
			return s.failure(ctx, number, err)
		}
	}
	var value map[string]any
	if trailing != nil {
		v, err := s.evalValue(ctx, positioned(code, trailing.lead, trailing.end))
		if err != nil {
			return s.failure(ctx, number, err)
		}
		value = v
	}
	return Result{Value: value}
}

// importChunk binds each imported package once: yaegi refuses to import
// the same path twice, but re-running a cell that imports must work.
func (s *Session) importChunk(ctx context.Context, code string, c chunk) error {
	from, to := c.units[0].start, c.units[len(c.units)-1].end
	f, err := parser.ParseFile(token.NewFileSet(), "cell", "package p\n"+code[from:to], parser.ImportsOnly)
	if err != nil {
		return err
	}
	for _, spec := range f.Imports {
		path, _ := strconv.Unquote(spec.Path.Value)
		name := ""
		if spec.Name != nil {
			name = spec.Name.Name
		}
		if err := s.bindImport(ctx, name, path); err != nil {
			return err
		}
	}
	return nil
}

// bindImport imports a package under a name, once: the interpreter
// refuses to import the same path twice, but re-running a cell that
// imports must work.
func (s *Session) bindImport(ctx context.Context, name, path string) error {
	s.mu.Lock()
	bound, seen := s.imports[path]
	s.mu.Unlock()
	if seen && bound == name {
		return nil
	}
	if _, err := s.eval(ctx, fmt.Sprintf("import %s %q", name, path)); err != nil {
		return fmt.Errorf("import %q: %w", path, unwrapImportError(path, err))
	}
	s.mu.Lock()
	s.imports[path] = name
	s.mu.Unlock()
	return nil
}

// eval compiles src and runs it under ctx. The compiling happens here
// rather than in the goroutine the interpreter runs code in: a cell
// interrupted while it was being compiled would otherwise leave that
// compilation going beside the next one, and the interpreter's file set
// does not survive two parses at once ("invalid base").
func (s *Session) eval(ctx context.Context, src string) (reflect.Value, error) {
	prog, err := s.compile(src)
	if err != nil {
		return reflect.Value{}, err
	}
	if err := ctx.Err(); err != nil {
		return reflect.Value{}, err
	}
	s.rt.goexited.Store(false)
	v, err := s.interp.ExecuteWithContext(ctx, prog)
	if err == nil && s.rt.goexited.Load() {
		return v, errGoexit
	}
	return v, err
}

// compile compiles src, turning a panic of the interpreter's compiler into
// the error evaluating src would have returned.
func (s *Session) compile(src string) (prog *interp.Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			var pc [64]uintptr
			n := runtime.Callers(1, pc[:])
			err = interp.Panic{Value: r, Callers: pc[:n], Stack: debug.Stack()}
		}
	}()
	return s.interp.Compile(src)
}

// execUnsupported stands for syscall.Exec.
func execUnsupported(argv0 string, argv []string, envv []string) error {
	return fmt.Errorf("syscall.Exec(%q) is not supported: it would replace the process that runs the program; os/exec can run %s as a child process", argv0, argv0)
}

// unsupportedStd says why goconc cannot give cells a standard package,
// for the ones a program may import.
var unsupportedStd = map[string]string{
	"embed":       "files are embedded (//go:embed) by the Go compiler only, and goconc interprets the program",
	"plugin":      "the interpreter cannot load plugins",
	"runtime/cgo": "cgo needs the Go compiler",
}

func unwrapImportError(path string, err error) error {
	msg := err.Error()
	if strings.Contains(msg, "unable to find source related to") {
		if why, ok := unsupportedStd[path]; ok {
			return fmt.Errorf("package %s is not supported: %s", path, why)
		}
		return errors.New("package not found: cells can import the standard library, golang.org/x/sync and goconc's packages")
	}
	return err
}

// evalValue evaluates a cell's trailing expression and renders its value.
// It passes the value to showValue, a compiled function for which the
// interpreter wraps interpreted values so that their String, Error, HTML,
// SVG and Markdown methods can be called. An expression that cannot be
// passed (a call with several results, say) is evaluated as it stands.
func (s *Session) evalValue(ctx context.Context, expr string) (map[string]any, error) {
	v, err := s.eval(ctx, showCall+"("+expr+")")
	var p interp.Panic
	if err != nil && ctx.Err() == nil && !errors.As(err, &p) && !errors.Is(err, errGoexit) {
		// Not a single value (a call with several results or none, say):
		// a compile error, before anything ran. Run it as it stands;
		// there is no one value to show.
		_, err = s.eval(ctx, expr)
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	if bundle, ok := v.Interface().(map[string]any); ok {
		return bundle, nil
	}
	return nil, nil
}

// displaysValue reports whether the unit is an expression whose value the
// cell should show. Calls into fmt, log and display are run for their
// effect; showing the byte count fmt.Println returns would be noise.
func displaysValue(code string, u unit) bool {
	expr, err := parser.ParseExpr(code[u.start:u.end])
	if err != nil {
		return false
	}
	call, ok := expr.(*ast.CallExpr)
	if !ok {
		return true
	}
	if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
		if pkg, ok := sel.X.(*ast.Ident); ok {
			switch pkg.Name {
			case "fmt", "log", "display":
				return false
			}
		}
	}
	return true
}

var (
	positionPrefix  = regexp.MustCompile(`^(?:cell(\d+)/_\.go:)?(\d+):(\d+): `)
	scannerPosition = regexp.MustCompile(`^cell:(\d+):(\d+): (.*)$`)
)

// failure is the result of a cell that ended with err, or by os.Exit.
func (s *Session) failure(ctx context.Context, cell uint64, err error) Result {
	if errors.Is(err, errGoexit) && ctx.Err() == nil {
		return s.goexitCell(ctx, cell)
	}
	// A program run from a file ends with its cell's failure: what its
	// goroutines print from now on would come after the report.
	s.rt.programEnded()
	var code exitCode
	if errors.As(context.Cause(ctx), &code) {
		if s.names.program == "" {
			// The next cell must not find the goroutines of this one
			// still stopping; a program has no next cell.
			s.rt.settle(100 * time.Millisecond)
		}
		r := Result{Exited: true, ExitCode: int(code)}
		if code != 0 {
			msg := fmt.Sprintf("os.Exit(%d): %v", int(code), code)
			r.Err = &CellError{Name: "Exit", Value: msg, Traceback: []string{msg}}
		}
		return r
	}
	return Result{Err: s.cellError(ctx, cell, err)}
}

// kept is what a notebook user is told after a cell that failed at run
// time; a program run from a file simply ends.
func (s *Session) kept(tb []string) []string {
	if s.names.program != "" {
		return tb
	}
	return append(tb, "", "The cell was stopped; the interpreter and its state were kept.")
}

// cellError turns an interpreter error into what the user sees.
func (s *Session) cellError(ctx context.Context, cell uint64, err error) *CellError {
	var dl cellrt.Deadlock
	if errors.As(context.Cause(ctx), &dl) {
		return &CellError{Name: "Deadlock", Value: dl.Error(), Traceback: s.kept(s.names.report(dl.Report))}
	}
	var gp goroutinePanic
	if errors.As(context.Cause(ctx), &gp) {
		v, id, frames, origin := gp.value, int64(0), []stackFrame(nil), (*cellrt.Goroutine)(nil)
		if st, ok := v.(stackedPanic); ok {
			v, id, frames, origin = st.value, st.goroutine, st.frames, st.origin
		}
		msg := cellrt.PanicText(v)
		frames = s.prog.goFrames(frames, msg)
		if origin != nil {
			frames = goroutineFrames(frames)
			named := *origin
			named.Creator = s.prog.funcs.goName(origin.Creator)
			origin = &named
		}
		tb := s.names.traceback(msg, id, frames, origin)
		return &CellError{Name: "panic", Value: msg, Traceback: s.kept(s.chains.withHeader(tb, id, v, msg))}
	}
	if ctx.Err() != nil {
		e := &CellError{Name: "Interrupted", Value: "the cell was interrupted", Traceback: []string{"Interrupted: the cell was interrupted"}}
		if n := s.rt.settle(900 * time.Millisecond); n > 0 {
			e.Unstoppable = n
		}
		return e
	}
	var p interp.Panic
	if errors.As(err, &p) {
		frames := s.stacks.take(goroutineID(p.Stack))
		msg := cellrt.PanicText(p.Value)
		// The cell's own statements run in goroutine 1, as main does.
		tb := s.names.traceback(msg, 1, s.prog.goFrames(frames, msg), nil)
		return &CellError{Name: "panic", Value: msg, Traceback: s.chains.withHeader(tb, goroutineID(p.Stack), p.Value, msg)}
	}
	msg := err.Error()
	name := "CompileError"
	tb := []string{}
	if m := positionPrefix.FindStringSubmatch(msg); m != nil {
		msg = msg[len(m[0]):]
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		tb = append(tb, s.names.position(cell, line, col)+": "+msg)
	} else {
		tb = append(tb, msg)
	}
	return &CellError{Name: name, Value: msg, Traceback: tb}
}

func syntaxError(err error, names sourceNames, cell uint64) *CellError {
	msg := err.Error()
	tb := []string{}
	if m := scannerPosition.FindStringSubmatch(strings.SplitN(msg, "\n", 2)[0]); m != nil {
		msg = m[3]
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		tb = append(tb, names.position(cell, line, col)+": "+m[3])
	} else {
		tb = append(tb, msg)
	}
	return &CellError{Name: "SyntaxError", Value: msg, Traceback: tb}
}

func plainText(x any) string {
	switch v := x.(type) {
	case string:
		return strconv.Quote(v)
	case error:
		return v.Error()
	}
	return fmt.Sprintf("%v", x)
}
