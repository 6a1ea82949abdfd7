package engine

import (
	"go/ast"
	"slices"
	"strings"
	"sync"

	"goconc/kernel/engine/rewrite"
)

// The interpreter names a method's frame in a panic after the method
// alone, main.pop, where Go writes main.(*stack).pop for a pointer
// receiver and main.stack.pop for a value receiver. The cells' method
// declarations say which type a name belongs to; a name two types share,
// or that a function has too, is left as the interpreter gives it.

// funcNames records which receivers the methods the cells declare have.
type funcNames struct {
	// mu guards the maps: the stacks programs read (readstack.go) name
	// their frames while a later cell may be declaring functions.
	mu        sync.RWMutex
	receivers map[string][]string // method name to "(*T)" or "T", one per type
	funcs     map[string]bool     // names of package-level functions
}

// declare notes the functions and methods among decls.
func (fn *funcNames) declare(decls []ast.Decl) {
	fn.mu.Lock()
	defer fn.mu.Unlock()
	if fn.receivers == nil {
		fn.receivers, fn.funcs = map[string][]string{}, map[string]bool{}
	}
	for _, d := range decls {
		f, ok := d.(*ast.FuncDecl)
		if !ok {
			continue
		}
		if f.Recv == nil || len(f.Recv.List) != 1 {
			fn.funcs[f.Name.Name] = true
			continue
		}
		recv := tracebackReceiver(f.Recv.List[0].Type)
		if recv == "" {
			continue
		}
		if !slices.Contains(fn.receivers[f.Name.Name], recv) {
			fn.receivers[f.Name.Name] = append(fn.receivers[f.Name.Name], recv)
		}
	}
}

// tracebackReceiver spells a receiver type as Go's tracebacks do, or returns
// "" for a generic one.
func tracebackReceiver(t ast.Expr) string {
	switch t := t.(type) {
	case *ast.ParenExpr:
		return tracebackReceiver(t.X)
	case *ast.Ident:
		return t.Name
	case *ast.StarExpr:
		if id, ok := ast.Unparen(t.X).(*ast.Ident); ok {
			return "(*" + id.Name + ")"
		}
	}
	return ""
}

// goName returns the name Go gives the frame the interpreter names fn,
// with the names the session gave declarations of predeclared names
// (func true, rewrite.RenamePredeclared) as written.
func (fn *funcNames) goName(name string) string {
	return rewrite.LocalName(fn.receiverName(name))
}

// receiverName returns name with the receiver Go's traceback writes for
// a method.
func (fn *funcNames) receiverName(name string) string {
	fn.mu.RLock()
	defer fn.mu.RUnlock()
	rest, ok := strings.CutPrefix(name, "main.")
	if !ok || fn.receivers == nil {
		return name
	}
	method, tail, _ := strings.Cut(rest, ".")
	recv := fn.receivers[method]
	if len(recv) != 1 || fn.funcs[method] {
		return name
	}
	if tail != "" {
		tail = "." + tail
	}
	return "main." + recv[0] + "." + method + tail
}

// goFrames returns frames with their functions named as Go names them.
func (fn *funcNames) goFrames(frames []stackFrame) []stackFrame {
	out := make([]stackFrame, len(frames))
	for i, f := range frames {
		if f.lit != "" {
			f.fn = f.lit
		}
		f.fn = fn.goName(f.fn)
		out[i] = f
	}
	return out
}
