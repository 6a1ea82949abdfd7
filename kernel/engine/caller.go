package engine

import (
	"fmt"
	"log"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/traefik/yaegi/interp"

	"goconc/kernel/cellrt"
)

// Where code is. runtime.Caller and the file flags of package log read the
// compiled program's call stack, which in a cell is the interpreter's own
// (log.Lshortfile gave "value.go:586"). The cell's position of each call
// is known when the cell is compiled, so calls of runtime.Caller and of
// log's printing functions are rewritten to pass it along:
//
//	runtime.Caller(0)   becomes  goconc_rt.Caller(0, "cell3/_.go:12", "main.where")
//	log.Println(a, b)   becomes  goconc_rt.Log("Println", "cell3/_.go:12", nil, a, b)
//	l.Printf(f, a)      becomes  goconc_rt.Log("Printf", "cell3/_.go:12", l, f, a)
//
// runtime.Caller with a skip of one or more, and log.Output with a depth
// of two or more, read the sites of the calls under way (package rewrite's callsites.go).

// callers answers the rewritten calls at run time.
type callers struct {
	names sourceNames
	exit  func(code int) // os.Exit for cells, for log.Fatal
	// panicAt records where the calling goroutine panics, for log.Panic
	// (panicStacks.panicAt).
	panicAt func(site string)
	std     *log.Logger // the cells' standard logger
	sites   *siteStacks // the sites of calls under way that need them
	// pcOf is the program counter of function fn at site
	// (callerframes.go), for runtime.FuncForPC.
	pcOf func(site, fn string) uintptr
	// frameAt is runtime.Caller(skip) by fn at site, for a skip of one
	// or more: the frame runtime.Callers lists there (callerframes.go),
	// the runtime's under the calls under way included.
	frameAt func(skip int, site, fn string) (uintptr, string, int, bool)
}

var callSite = regexp.MustCompile(`^cell(\d+)/_\.go:(\d+)$`)

// place returns the file and line a site names, as Go would report them:
// the program's path, or cell[N] in a notebook.
func (c callers) place(site string) (string, int) {
	m := callSite.FindStringSubmatch(site)
	if m == nil {
		return "???", 0
	}
	cell, _ := strconv.ParseUint(m[1], 10, 64)
	line, _ := strconv.Atoi(m[2])
	return c.names.file(cell), line
}

// caller is runtime.Caller for a call at site made by function fn.
func (c callers) caller(skip int, site, fn string) (uintptr, string, int, bool) {
	if skip < 0 {
		return 0, "", 0, false
	}
	if skip > 0 && c.frameAt != nil {
		return c.frameAt(skip, site, fn)
	}
	if skip > 0 {
		var ok bool
		if site, fn, ok = c.sites.at(skip); !ok {
			return 0, "", 0, false
		}
	}
	var pc uintptr
	if c.pcOf != nil {
		pc = c.pcOf(site, fn)
	}
	file, line := c.place(site)
	return pc, file, line, true
}

// logOutput is l.Output(depth, msg) (log.Output's when l is nil) called
// at site: depth 1 names the site, 2 its caller's, and so on.
func (c callers) logOutput(depth int, site string, l *log.Logger, msg string) error {
	if l == nil {
		l = c.std
	}
	file, line := "???", 0
	if depth <= 1 {
		file, line = c.place(site)
	} else if s, _, ok := c.sites.at(depth - 1); ok {
		file, line = c.place(s)
	}
	c.outputAt(l, file, line, msg)
	return nil
}

// log is a call of a printing function of package log, or of a Logger's
// method when l is not nil, made at site.
func (c callers) log(method, site string, l *log.Logger, args ...any) {
	if l == nil {
		l = c.std
	}
	var msg string
	switch {
	case strings.HasSuffix(method, "f"):
		format, _ := args[0].(string)
		msg = fmt.Sprintf(format, args[1:]...)
	case strings.HasSuffix(method, "ln"):
		msg = fmt.Sprintln(args...)
	default:
		msg = fmt.Sprint(args...)
	}
	c.output(l, site, msg)
	switch {
	case strings.HasPrefix(method, "Fatal"):
		c.exit(1)
	case strings.HasPrefix(method, "Panic"):
		if c.panicAt != nil {
			// The report's innermost frame in the cells is the caller's,
			// at the call.
			c.panicAt(site)
		}
		panic(msg)
	}
}

// output writes msg as l.Output would, with the site's file and line
// where l's flags ask for them.
func (c callers) output(l *log.Logger, site, msg string) {
	file, line := c.place(site)
	c.outputAt(l, file, line, msg)
}

// outputAt writes msg as l.Output would for a call at file:line.
func (c callers) outputAt(l *log.Logger, file string, line int, msg string) {
	flags := l.Flags()
	if flags&(log.Lshortfile|log.Llongfile) == 0 {
		l.Output(4, msg)
		return
	}
	var b strings.Builder
	if flags&log.Lmsgprefix == 0 {
		b.WriteString(l.Prefix())
	}
	if flags&(log.Ldate|log.Ltime|log.Lmicroseconds) != 0 {
		t := time.Now()
		if flags&log.LUTC != 0 {
			t = t.UTC()
		}
		if flags&log.Ldate != 0 {
			b.WriteString(t.Format("2006/01/02 "))
		}
		if flags&(log.Ltime|log.Lmicroseconds) != 0 {
			if flags&log.Lmicroseconds != 0 {
				b.WriteString(t.Format("15:04:05.000000 "))
			} else {
				b.WriteString(t.Format("15:04:05 "))
			}
		}
	}
	if flags&log.Lshortfile != 0 {
		file = filepath.Base(file)
	}
	fmt.Fprintf(&b, "%s:%d: ", file, line)
	if flags&log.Lmsgprefix != 0 {
		b.WriteString(l.Prefix())
	}
	b.WriteString(msg)
	if !strings.HasSuffix(msg, "\n") {
		b.WriteByte('\n')
	}
	// One write, as Logger.Output makes.
	l.Writer().Write([]byte(b.String()))
}

func (c callers) exports() interp.Exports {
	std := c.std
	fatal := func(msg string) {
		std.Output(3, msg)
		c.exit(1)
	}
	// Package log's functions, on the cells' standard logger, which
	// prints to the session's standard error. log.Fatal ends the program
	// (the cell) as os.Exit(1) does; the interpreter's own table makes
	// it panic instead.
	logFuncs := map[string]reflect.Value{
		"Default":   reflect.ValueOf(func() *log.Logger { return std }),
		"Flags":     reflect.ValueOf(std.Flags),
		"Output":    reflect.ValueOf(std.Output),
		"Prefix":    reflect.ValueOf(std.Prefix),
		"SetFlags":  reflect.ValueOf(std.SetFlags),
		"SetOutput": reflect.ValueOf(std.SetOutput),
		"SetPrefix": reflect.ValueOf(std.SetPrefix),
		"Writer":    reflect.ValueOf(std.Writer),
		"Print":     reflect.ValueOf(std.Print),
		"Printf":    reflect.ValueOf(std.Printf),
		"Println":   reflect.ValueOf(std.Println),
		"Panic":     reflect.ValueOf(std.Panic),
		"Panicf":    reflect.ValueOf(std.Panicf),
		"Panicln":   reflect.ValueOf(std.Panicln),
		"Fatal":     reflect.ValueOf(func(v ...any) { fatal(fmt.Sprint(v...)) }),
		"Fatalf":    reflect.ValueOf(func(format string, v ...any) { fatal(fmt.Sprintf(format, v...)) }),
		"Fatalln":   reflect.ValueOf(func(v ...any) { fatal(fmt.Sprintln(v...)) }),
	}
	logRt := reflect.ValueOf(c.log)
	printers := []reflect.Type{reflect.TypeFor[fmt.Formatter](), reflect.TypeFor[fmt.Stringer]()}
	mapTypes := map[reflect.Value][]reflect.Type{logRt: printers}
	for _, name := range []string{"Print", "Printf", "Println", "Panic", "Panicf", "Panicln", "Fatal", "Fatalf", "Fatalln"} {
		mapTypes[logFuncs[name]] = printers
	}
	return interp.Exports{
		runtimePackage + "/rt": {
			"Caller":    reflect.ValueOf(c.caller),
			"Log":       logRt,
			"LogOutput": reflect.ValueOf(c.logOutput),
			"PushSite":  reflect.ValueOf(c.sites.push),
			"PopSite":   reflect.ValueOf(c.sites.pop),
		},
		"log/log": logFuncs,
		".":       {"MapTypes": reflect.ValueOf(mapTypes)},
	}
}

// siteStacks holds, per goroutine, the sites of the calls under way of
// functions that need their callers' lines, with the functions making
// them.
type siteStacks struct {
	mu    sync.Mutex
	sites map[int64][]callSiteOf
}

// callSiteOf is a call under way: where it is and the function making
// it, as the rewrite names functions.
type callSiteOf struct {
	site, fn string
}

func (s *siteStacks) push(site, fn string) {
	id := cellrt.Goid()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sites == nil {
		s.sites = map[int64][]callSiteOf{}
	}
	s.sites[id] = append(s.sites[id], callSiteOf{site, fn})
}

func (s *siteStacks) pop() {
	id := cellrt.Goid()
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.sites[id]
	if len(st) <= 1 {
		delete(s.sites, id)
		return
	}
	s.sites[id] = st[:len(st)-1]
}

// at returns the site levels calls up from the current goroutine's
// innermost recorded call (1 is the innermost), and the function making
// that call.
func (s *siteStacks) at(levels int) (site, fn string, ok bool) {
	id := cellrt.Goid()
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.sites[id]
	if levels < 1 || levels > len(st) {
		return "", "", false
	}
	c := st[len(st)-levels]
	return c.site, c.fn, true
}

// of returns goroutine id's calls under way, the outermost first.
func (s *siteStacks) of(id int64) []callSiteOf {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.sites[id])
}
