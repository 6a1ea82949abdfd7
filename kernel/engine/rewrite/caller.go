package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
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
// of two or more, read the sites of the calls under way (callsites.go).
// The engine's callers (kernel/engine/caller.go) carry them out.

// stackReaders are the functions that read the calling goroutine's stack,
// with the functions of goconc_rt that stand in for them:
//
//	runtime.Callers(skip, pcs)  becomes  goconc_rt.Callers(skip, pcs, "cell3/_.go:12", "main.worker")
//	runtime.Stack(buf, all)  becomes  goconc_rt.Stack(buf, all, "cell3/_.go:12", "main.worker")
//	debug.Stack()            becomes  goconc_rt.DebugStack("cell3/_.go:12", "main.worker")
//	debug.PrintStack()       becomes  goconc_rt.PrintStack("cell3/_.go:12", "main.worker")
//
// with the call's site and the function making it; the outer frames are
// the sites of the calls under way (callsites.go), which every function
// leading to such a call records.
var stackReaders = map[string]string{
	"runtime.Callers":          "Callers",
	"runtime.Stack":            "Stack",
	"runtime/debug.Stack":      "DebugStack",
	"runtime/debug.PrintStack": "PrintStack",
}

// isStackReader reports whether fn is one of stackReaders.
func isStackReader(fn *types.Func) bool {
	if fn.Pkg() == nil || fn.Signature().Recv() != nil {
		return false
	}
	_, ok := stackReaders[fn.Pkg().Path()+"."+fn.Name()]
	return ok
}

// callerCall rewrites a call of runtime.Caller or of a log printing
// function in place.
func (rw *rewriter) callerCall(call *ast.CallExpr) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || call.Pos() == token.NoPos || rw.file == "" {
		return
	}
	fn, ok := rw.info.Uses[sel.Sel].(*types.Func)
	if !ok || fn.Pkg() == nil {
		return
	}
	site := &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(fmt.Sprintf("%s:%d", rw.file, rw.callLine(call)))}
	if isStackReader(fn) {
		// The function making the call is named by the frame lines
		// pass, which names functions as Go does.
		call.Fun = &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent(stackReaders[fn.Pkg().Path()+"."+fn.Name()])}
		call.Args = append(call.Args, site, &ast.BasicLit{Kind: token.STRING, Value: `""`})
		return
	}
	switch fn.Pkg().Path() {
	case "runtime":
		if fn.Name() == "CallersFrames" || fn.Name() == "FuncForPC" {
			call.Fun = &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent(fn.Name())}
			return
		}
		if fn.Name() != "Caller" || len(call.Args) != 1 {
			return
		}
		call.Fun = &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent("Caller")}
		// The function making the call, for the program counter, is
		// named by the frame lines pass.
		call.Args = append(call.Args, site, &ast.BasicLit{Kind: token.STRING, Value: `""`})
	case "log":
		if fn.Name() == "Output" && len(call.Args) == 2 {
			var logger ast.Expr = ast.NewIdent("nil")
			if fn.Signature().Recv() != nil {
				logger = sel.X
				if _, isPtr := rw.info.TypeOf(sel.X).(*types.Pointer); !isPtr {
					logger = &ast.UnaryExpr{Op: token.AND, X: sel.X}
				}
			}
			call.Fun = &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent("LogOutput")}
			call.Args = []ast.Expr{call.Args[0], site, logger, call.Args[1]}
			return
		}
		name, ok := rw.printerOf(call)
		if !ok {
			return
		}
		method := strings.TrimPrefix(strings.TrimPrefix(name, "log.Logger."), "log.")
		var logger ast.Expr = ast.NewIdent("nil")
		if fn.Signature().Recv() != nil {
			logger = sel.X
			if _, isPtr := rw.info.TypeOf(sel.X).(*types.Pointer); !isPtr {
				logger = &ast.UnaryExpr{Op: token.AND, X: sel.X}
			}
		}
		call.Fun = &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent("Log")}
		call.Args = append([]ast.Expr{&ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(method)}, site, logger}, call.Args...)
	}
}

// frameTypes are package runtime's types of the frames runtime.Callers
// describes, which goconc_rt's stand in for (the engine's
// callerframes.go): runtime.CallersFrames and FuncForPC become goconc_rt's.
var frameTypes = map[string]bool{"Frames": true, "Frame": true, "Func": true}

// frameType makes a mention of runtime.Frames, Frame or Func name
// goconc_rt's type, in place.
func (rw *rewriter) frameType(sel *ast.SelectorExpr) {
	x, ok := sel.X.(*ast.Ident)
	if !ok || !frameTypes[sel.Sel.Name] {
		return
	}
	pkg, ok := rw.info.Uses[x].(*types.PkgName)
	if !ok || pkg.Imported().Path() != "runtime" {
		return
	}
	if _, ok := rw.info.Uses[sel.Sel].(*types.TypeName); ok {
		sel.X = ast.NewIdent(runtimeName)
	}
}
