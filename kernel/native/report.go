package native

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"regexp"
	"strconv"
	"strings"

	"goconc/kernel/engine"
)

var (
	// A frame's location line: the file and line, and the pc offset.
	locationLine = regexp.MustCompile(`^\s+(\S.*?):(\d+)(?: \+0x[0-9a-f]+)?$`)
	cellFile     = regexp.MustCompile(`^cell\[(\d+)\]$`)
	goroutineNum = regexp.MustCompile(`(?i)\bgoroutine (\d+)\b`)
)

// section is a heading and the frames under it.
type section struct {
	title  string
	frames []rawFrame
}

type rawFrame struct {
	fn, file string
	line     int
}

// parseSections reads a stack report: headings, each followed by pairs of
// lines naming a function and its location. Lines that are neither are
// headings of their own, with no frames.
func parseSections(text string) []section {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	var out []section
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if i+1 < len(lines) && strings.TrimSpace(l) != "" && !locationLine.MatchString(l) {
			if m := locationLine.FindStringSubmatch(lines[i+1]); m != nil && len(out) > 0 && isFuncLine(l) {
				n, _ := strconv.Atoi(m[2])
				s := &out[len(out)-1]
				s.frames = append(s.frames, rawFrame{fn: strings.TrimSpace(l), file: m[1], line: n})
				i++
				continue
			}
		}
		out = append(out, section{title: l})
	}
	return out
}

// isFuncLine reports whether a line names a function in a stack: an
// indented call, or an unindented one in a goroutine dump.
func isFuncLine(l string) bool {
	t := strings.TrimSpace(l)
	return strings.HasPrefix(t, "created by ") || strings.HasSuffix(t, ")") || strings.HasSuffix(t, "...")
}

// fold writes sections with only their cell frames, each followed by its
// line of cell code, and turns them into Accesses.
func fold(sections []section, cells cellMap) (string, []Access) {
	var b strings.Builder
	var accesses []Access
	for _, s := range sections {
		b.WriteString(s.title)
		b.WriteByte('\n')
		if len(s.frames) == 0 {
			continue
		}
		a := Access{Title: strings.TrimSuffix(strings.TrimSpace(s.title), ":")}
		if m := goroutineNum.FindStringSubmatch(s.title); m != nil {
			a.Goroutine, _ = strconv.Atoi(m[1])
		}
		indent := "  "
		if !strings.HasPrefix(s.title, " ") && strings.HasPrefix(s.title, "goroutine ") {
			indent = ""
		}
		for _, f := range s.frames {
			m := cellFile.FindStringSubmatch(f.file)
			if m == nil {
				continue
			}
			slot, _ := strconv.Atoi(m[1])
			fr := Frame{Func: strings.ReplaceAll(f.fn, engine.MainName, "main"), Line: f.line}
			fr.Cell, fr.Name, fr.Text = cells.frame(slot, f.line)
			a.Frames = append(a.Frames, fr)
			fmt.Fprintf(&b, "%s%s\n%s    %s", indent, fr.Func, indent, fr)
			if fr.Text != "" {
				fmt.Fprintf(&b, "    %s", fr.Text)
			}
			b.WriteByte('\n')
		}
		if len(a.Frames) == 0 {
			fmt.Fprintf(&b, "%s    (no frame in cell code: goconc, the runtime or the standard library)\n", indent)
		}
		accesses = append(accesses, a)
	}
	return b.String(), accesses
}

// parseRaces reads the race detector's reports.
func parseRaces(log string, cells cellMap) []Race {
	var races []Race
	for _, block := range strings.Split(log, "==================\n") {
		block = strings.TrimSpace(block)
		if !strings.HasPrefix(block, "WARNING: DATA RACE") {
			continue
		}
		text, accesses := fold(parseSections(block), cells)
		r := Race{Accesses: accesses, Report: text}
		r.Variable = racedVariable(accesses)
		if r.Variable != "" {
			r.Report = strings.Replace(r.Report, "\n", "\nVariable: "+r.Variable+"\n", 1)
		}
		races = append(races, r)
	}
	return races
}

// racedVariable names what the racing write assigns, from the line of
// the innermost cell frame of a write access.
func racedVariable(accesses []Access) string {
	for _, a := range accesses {
		if !strings.Contains(strings.ToLower(a.Title), "write at") || len(a.Frames) == 0 {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), "", "package p\nfunc _() {\n"+a.Frames[0].Text+"\n}", 0)
		if err != nil {
			return ""
		}
		body := f.Decls[0].(*ast.FuncDecl).Body.List
		if len(body) != 1 {
			return ""
		}
		var lhs []ast.Expr
		switch st := body[0].(type) {
		case *ast.AssignStmt:
			if st.Tok != token.DEFINE {
				lhs = st.Lhs
			}
		case *ast.IncDecStmt:
			lhs = []ast.Expr{st.X}
		}
		var names []string
		for _, e := range lhs {
			if id, ok := e.(*ast.Ident); ok && id.Name == "_" {
				continue
			}
			names = append(names, types.ExprString(e))
		}
		return strings.Join(names, ", ")
	}
	return ""
}

// parseFailure reads the runtime's report of a panic or fatal error.
func parseFailure(report string, cells cellMap) *Failure {
	f := &Failure{Kind: "panic"}
	head, _, _ := strings.Cut(report, "\n\n")
	switch {
	case strings.HasPrefix(head, "fatal error: "):
		f.Kind = "fatal error"
		f.Message = strings.TrimPrefix(head, "fatal error: ")
		if strings.Contains(head, "all goroutines are asleep") {
			f.Kind = "deadlock"
		}
	default:
		f.Message = strings.TrimPrefix(head, "panic: ")
	}
	// A report can hold several goroutines and lines of the runtime's
	// own ("[signal SIGSEGV ...]", "exit status"); blank lines separate
	// goroutines.
	text, goroutines := fold(parseSections(report), cells)
	f.Report = strings.TrimRight(text, "\n")
	f.Goroutines = goroutines
	return f
}
