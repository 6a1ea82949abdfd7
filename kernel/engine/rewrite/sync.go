package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// Blocking operations go through the runtime (package cellrt), which can
// then stop them and report a deadlock with who waits on what.

// where is a string literal naming a position in the cell, for reports:
// in an earlier cell's, for the code of its declarations that a cell
// copies (a generic function's instance).
func (rw *rewriter) where(pos token.Pos) ast.Expr {
	p := rw.fset.Position(pos)
	cell := rw.cell
	if n, ok := earlierCell(p.Filename); ok {
		cell = n
	}
	return &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(fmt.Sprintf("cell %d, line %d", cell, p.Line))}
}

// EarlierCellFile names, in the line directive before an earlier cell's
// declaration, the cell it comes from.
func EarlierCellFile(cell int) string { return fmt.Sprintf("earlier cell %d", cell) }

// earlierCell returns the cell an EarlierCellFile names.
func earlierCell(file string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimPrefix(file, "earlier cell "))
	return n, err == nil && strings.HasPrefix(file, "earlier cell ")
}

func (rw *rewriter) rtCall(name string, args ...ast.Expr) *ast.CallExpr {
	return &ast.CallExpr{Fun: &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent(name)}, Args: args}
}

// syncCall rewrites, in place, calls of the blocking methods of sync's
// types, of time's and context's timer functions and of signal.Notify.
func (rw *rewriter) syncCall(call *ast.CallExpr) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	if s, ok := rw.info.Selections[sel]; ok && s.Kind() == types.MethodVal {
		rw.syncMethod(call, sel, s)
		return
	}
	fn, ok := rw.info.Uses[sel.Sel].(*types.Func)
	if !ok || fn.Pkg() == nil {
		return
	}
	switch fn.Pkg().Path() + "." + fn.Name() {
	case "time.Sleep":
		call.Fun = rw.rtCall("Sleep").Fun
	case "time.After":
		call.Fun = rw.rtCall("After").Fun
	case "time.NewTimer", "time.AfterFunc":
		call.Args[0] = rw.rtCall("TimedArg", call.Args[0])
	case "context.WithTimeout", "context.WithTimeoutCause":
		call.Args[1] = rw.rtCall("TimedArg", call.Args[1])
	case "context.WithDeadline", "context.WithDeadlineCause":
		call.Args[1] = rw.rtCall("DeadlineArg", call.Args[1])
	case "time.NewTicker", "time.Tick":
		call.Args[0] = rw.rtCall("TickingArg", call.Args[0])
	case "os/signal.Notify":
		call.Args[0] = rw.rtCall("SignalsArg", call.Args[0])
	case "os/signal.NotifyContext":
		call.Args[0] = rw.rtCall("SignalsContextArg", call.Args[0])
	}
}

func (rw *rewriter) syncMethod(call *ast.CallExpr, sel *ast.SelectorExpr, s *types.Selection) {
	fn := s.Obj().(*types.Func)
	recv := fn.Signature().Recv()
	if fn.Pkg() == nil || fn.Pkg().Path() != "sync" || recv == nil {
		return
	}
	named, ok := types.Unalias(derefType(recv.Type())).(*types.Named)
	if !ok {
		return
	}
	target := rw.receiverPointer(sel.X, s)
	if target == nil {
		return
	}
	switch named.Obj().Name() + "." + fn.Name() {
	// Each type has its own Lock and Unlock, whose parameter the
	// interpreter need not convert to an interface.
	case "Mutex.Lock":
		call.Fun, call.Args = rw.rtCall("LockMutex").Fun, []ast.Expr{target, rw.where(call.Pos())}
	case "RWMutex.Lock":
		call.Fun, call.Args = rw.rtCall("LockRW").Fun, []ast.Expr{target, rw.where(call.Pos())}
	case "Mutex.Unlock":
		call.Fun, call.Args = rw.rtCall("UnlockMutex").Fun, []ast.Expr{target}
	case "RWMutex.Unlock":
		call.Fun, call.Args = rw.rtCall("UnlockRW").Fun, []ast.Expr{target}
	case "RWMutex.RLock":
		call.Fun, call.Args = rw.rtCall("RLock").Fun, []ast.Expr{target, rw.where(call.Pos())}
	case "RWMutex.RUnlock":
		call.Fun, call.Args = rw.rtCall("RUnlock").Fun, []ast.Expr{target}
	case "WaitGroup.Wait":
		call.Fun, call.Args = rw.rtCall("WaitGroupWait").Fun, []ast.Expr{target, rw.where(call.Pos())}
	case "Cond.Wait":
		call.Fun, call.Args = rw.rtCall("CondWait").Fun, []ast.Expr{target, rw.where(call.Pos())}
	case "WaitGroup.Done":
		call.Fun, call.Args = rw.rtCall("WaitGroupDone").Fun, []ast.Expr{target}
	case "Cond.Signal":
		call.Fun, call.Args = rw.rtCall("CondSignal").Fun, []ast.Expr{target}
	case "Cond.Broadcast":
		call.Fun, call.Args = rw.rtCall("CondBroadcast").Fun, []ast.Expr{target}
	case "Mutex.TryLock":
		call.Fun, call.Args = rw.rtCall("TryLockMutex").Fun, []ast.Expr{target, rw.where(call.Pos())}
	case "RWMutex.TryLock":
		call.Fun, call.Args = rw.rtCall("TryLockRW").Fun, []ast.Expr{target, rw.where(call.Pos())}
	case "RWMutex.TryRLock":
		call.Fun, call.Args = rw.rtCall("TryRLock").Fun, []ast.Expr{target, rw.where(call.Pos())}
	case "RWMutex.RLocker":
		call.Fun, call.Args = rw.rtCall("RLocker").Fun, []ast.Expr{target, rw.where(call.Pos())}
	case "Locker.Lock":
		// Any Locker: the runtime's Lock tells sync's own from a cell's.
		call.Fun, call.Args = rw.rtCall("Lock").Fun, []ast.Expr{target, rw.where(call.Pos())}
	case "Locker.Unlock":
		call.Fun, call.Args = rw.rtCall("Unlock").Fun, []ast.Expr{target}
	case "WaitGroup.Go":
		// The goroutine is counted and guarded as a go statement's is.
		call.Fun, call.Args = rw.rtCall("Go").Fun, []ast.Expr{target, call.Args[0], rw.where(call.Pos())}
	}
}

func derefType(t types.Type) types.Type {
	if p, ok := t.(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// receiverPointer returns an expression for a pointer to the sync value a
// method is called on: &x, x itself when it is a pointer or an interface
// (a sync.Locker), or &x.Mutex (through embedded fields) when the method
// is promoted.
func (rw *rewriter) receiverPointer(x ast.Expr, s *types.Selection) ast.Expr {
	path := s.Index()
	expr := x
	t := rw.info.Types[x].Type
	if t == nil {
		return nil
	}
	for _, i := range path[:len(path)-1] {
		st, ok := derefType(t).Underlying().(*types.Struct)
		if !ok {
			return nil
		}
		f := st.Field(i)
		expr = &ast.SelectorExpr{X: expr, Sel: ast.NewIdent(f.Name())}
		t = f.Type()
	}
	if _, ok := t.(*types.Pointer); ok || types.IsInterface(t) {
		return expr
	}
	return &ast.UnaryExpr{Op: token.AND, X: expr}
}

// chanElem returns the element type of a channel expression, when its
// operations can go through the runtime: not a type parameter's, which
// the interpreter's generic code may instantiate with any type.
func (rw *rewriter) chanElem(ch ast.Expr) (types.Type, bool) {
	tv, ok := rw.info.Types[ch]
	if !ok {
		return nil, false
	}
	c, ok := tv.Type.Underlying().(*types.Chan)
	if !ok {
		return nil, false
	}
	return c.Elem(), true
}

// A channel of interfaces goes through the runtime's SendPtr and RecvPtr,
// which pass a pointer to the value: a value passed as an any would lose
// the interface type the interpreter may wrap it in or represent in its
// own way.

// byPointer reports whether values of elem go through the runtime by
// pointer: interfaces do, type parameters (whose constraints are
// interfaces) do not.
func byPointer(elem types.Type) bool {
	return types.IsInterface(elem)
}

// isTypeParam reports whether t is a type parameter. A channel of a type
// parameter's values goes through the runtime by pointer, as one of
// interfaces does, since the parameter may be instantiated with an
// interface type; the value received is copied out by the runtime.
func isTypeParam(t types.Type) bool {
	_, ok := types.Unalias(t).(*types.TypeParam)
	return ok
}

// recvFunc returns the name of the runtime's receive for a channel of
// elem: the comma-ok form, or the value only.
func recvFunc(elem types.Type, commaOk bool) string {
	name := "Recv"
	if byPointer(elem) {
		name = "RecvPtr"
	}
	if !commaOk {
		name += "1"
	}
	return name
}

// received returns x, what the runtime's receive from a channel of elem
// returned, as an elem.
func (rw *rewriter) received(x ast.Expr, elem types.Type) ast.Expr {
	if isTypeParam(elem) {
		// func() (v T) { goconc_rt.Deref(&v, x); return }(): the
		// interpreter takes *T for T in some instantiations.
		v := ast.NewIdent(rw.name("v"))
		return &ast.CallExpr{Fun: &ast.FuncLit{
			Type: &ast.FuncType{Params: &ast.FieldList{}, Results: &ast.FieldList{List: []*ast.Field{{Names: []*ast.Ident{v}, Type: rw.typeExpr(elem)}}}},
			Body: &ast.BlockStmt{List: []ast.Stmt{
				&ast.ExprStmt{X: rw.rtCall("Deref", &ast.UnaryExpr{Op: token.AND, X: ast.NewIdent(v.Name)}, x)},
				&ast.ReturnStmt{},
			}},
		}}
	}
	if byPointer(elem) {
		return &ast.StarExpr{X: &ast.TypeAssertExpr{X: x, Type: &ast.StarExpr{X: rw.typeExpr(elem)}}}
	}
	return &ast.TypeAssertExpr{X: x, Type: rw.typeExpr(elem)}
}

// recvExpr is <-ch, the value only, through the runtime.
func (rw *rewriter) recvExpr(u *ast.UnaryExpr, elem types.Type) ast.Expr {
	return rw.received(rw.rtCall(recvFunc(elem, false), u.X, rw.where(u.Pos())), elem)
}

// sendValue returns the value argument of the runtime's send to a
// channel of elem: T(v), or for an interface a pointer to it, &[]T{v}[0].
func (rw *rewriter) sendValue(v ast.Expr, elem types.Type) ast.Expr {
	if byPointer(elem) {
		return &ast.UnaryExpr{Op: token.AND, X: &ast.IndexExpr{
			X:     &ast.CompositeLit{Type: &ast.ArrayType{Elt: rw.typeExpr(elem)}, Elts: []ast.Expr{v}},
			Index: &ast.BasicLit{Kind: token.INT, Value: "0"},
		}}
	}
	return &ast.CallExpr{Fun: &ast.ParenExpr{X: rw.typeExpr(elem)}, Args: []ast.Expr{v}}
}

// sendStmt: ch <- v becomes goconc_rt.Send(ch, T(v), where).
func (rw *rewriter) sendStmt(s *ast.SendStmt) ast.Stmt {
	elem, ok := rw.chanElem(s.Chan)
	if !ok {
		return nil
	}
	send := "Send"
	if byPointer(elem) {
		send = "SendPtr"
	}
	return &ast.ExprStmt{X: rw.rtCall(send, s.Chan, rw.sendValue(s.Value, elem), rw.where(s.Pos()))}
}

// recvAssign: v, ok := <-ch becomes
// r, ok2 := goconc_rt.Recv(ch, where); v, ok := r.(T), ok2.
func (rw *rewriter) recvAssign(s *ast.AssignStmt) []ast.Stmt {
	if len(s.Lhs) != 2 || len(s.Rhs) != 1 {
		return nil
	}
	u, ok := ast.Unparen(s.Rhs[0]).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return nil
	}
	elem, ok := rw.chanElem(u.X)
	if !ok {
		return nil
	}
	r, got := ast.NewIdent(rw.name("r")), ast.NewIdent(rw.name("ok"))
	return []ast.Stmt{
		&ast.AssignStmt{Lhs: []ast.Expr{r, got}, Tok: token.DEFINE, Rhs: []ast.Expr{rw.rtCall(recvFunc(elem, true), u.X, rw.where(u.Pos()))}},
		&ast.AssignStmt{Lhs: s.Lhs, TokPos: s.TokPos, Tok: s.Tok, Rhs: []ast.Expr{
			rw.received(ast.NewIdent(r.Name), elem), ast.NewIdent(got.Name)}},
	}
}

// rangeChan: for v := range ch { body } becomes
// for { r, ok := goconc_rt.Recv(ch, where); if !ok { break }; v := r.(T); body }.
func (rw *rewriter) rangeChan(s *ast.RangeStmt) ast.Stmt {
	elem, ok := rw.chanElem(s.X)
	if !ok || (s.Key != nil && s.Tok != token.DEFINE) {
		return nil
	}
	r, got := ast.NewIdent(rw.name("r")), ast.NewIdent(rw.name("ok"))
	ch := ast.NewIdent(rw.name("ch"))
	list := []ast.Stmt{
		&ast.AssignStmt{Lhs: []ast.Expr{r, got}, Tok: token.DEFINE, Rhs: []ast.Expr{rw.rtCall(recvFunc(elem, true), ast.NewIdent(ch.Name), rw.where(s.Pos()))}},
		&ast.IfStmt{Cond: &ast.UnaryExpr{Op: token.NOT, X: ast.NewIdent(got.Name)}, Body: &ast.BlockStmt{List: []ast.Stmt{&ast.BranchStmt{Tok: token.BREAK}}}},
	}
	if id, ok := s.Key.(*ast.Ident); ok && id.Name != "_" {
		list = append(list, &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(id.Name)}, Tok: token.DEFINE,
			Rhs: []ast.Expr{rw.received(ast.NewIdent(r.Name), elem)}})
	}
	body := append(list, s.Body.List...)
	return &ast.ForStmt{
		For:  s.For,
		Init: &ast.AssignStmt{Lhs: []ast.Expr{ch}, Tok: token.DEFINE, Rhs: []ast.Expr{s.X}},
		// The interpreter runs the init statement of a loop that has no
		// condition again on every iteration.
		Cond: ast.NewIdent("true"),
		Body: &ast.BlockStmt{Lbrace: s.Body.Lbrace, List: body, Rbrace: s.Body.Rbrace},
	}
}

// recvExprs replaces every remaining receive expression <-ch under root
// with goconc_rt.Recv's value asserted to the element type.
func (rw *rewriter) recvExprs(root ast.Node) {
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		eachChild(n, func(child ast.Node) ast.Node {
			walk(child)
			u, ok := child.(*ast.UnaryExpr)
			if !ok || u.Op != token.ARROW {
				return child
			}
			elem, ok := rw.chanElem(u.X)
			if !ok {
				return child
			}
			return rw.recvExpr(u, elem)
		})
	}
	walk(root)
}

// panicValueName is the variable a panic statement's value is kept in.
const panicValueName = "goconc_panicv"

// panicStmt: panic(v) becomes
//
//	{
//		goconc_panicv := v
//		goconc_rt.Panicking()
//		goconc_rt.PanicStarts(goconc_panicv)
//		if goconc_panicv == nil { panic(goconc_rt.NilPanic()) } // v an interface
//		panic(goconc_panicv)
//	}
//
// so that goroutines the panicking one wakes in its deferred calls wait
// for the cell to stop (see cellrt.Runtime.Panicking); so that the
// engine knows the value of every panic under way when v has been
// evaluated, for Go's report of a panic raised while others were
// (panic(recover()) repanics the value it recovers); and so that a nil
// value panics with *runtime.PanicNilError, as Go's panic(nil) does,
// where the interpreter panics with nil, which recover cannot tell from
// no panic.
func (rw *rewriter) panicStmt(s ast.Stmt) []ast.Stmt {
	e, ok := s.(*ast.ExprStmt)
	if !ok {
		return nil
	}
	call, ok := ast.Unparen(e.X).(*ast.CallExpr)
	if !ok {
		return nil
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return nil
	}
	if b, ok := rw.info.Uses[id].(*types.Builtin); !ok || b.Name() != "panic" {
		return nil
	}
	if len(call.Args) != 1 {
		return []ast.Stmt{&ast.ExprStmt{X: rw.rtCall("Panicking")}, s}
	}
	if madeHere(call.Args[0]) {
		return nil // the walk over the block made here
	}
	arg := call.Args[0]
	if id, ok := ast.Unparen(arg).(*ast.Ident); ok && id.Name == "nil" && rw.info.Uses[id] == types.Universe.Lookup("nil") {
		call.Args[0] = rw.rtCall("NilPanic")
		return []ast.Stmt{&ast.ExprStmt{X: rw.rtCall("Panicking")}, &ast.ExprStmt{X: rw.rtCall("PanicStarts", call.Args[0])}, s}
	}
	// The value keeps its own type, so that panic converts it as it
	// would have: the interpreter hands a compiled function an
	// interface variable's value in a form of its own.
	v := func() *ast.Ident { return ast.NewIdent(panicValueName) }
	list := []ast.Stmt{
		&ast.AssignStmt{Lhs: []ast.Expr{v()}, Tok: token.DEFINE, Rhs: []ast.Expr{arg}},
		&ast.ExprStmt{X: rw.rtCall("Panicking")},
		&ast.ExprStmt{X: rw.rtCall("PanicStarts", v())},
	}
	if t := rw.info.TypeOf(arg); t != nil && types.IsInterface(t) {
		list = append(list, &ast.IfStmt{
			Cond: &ast.BinaryExpr{X: v(), Op: token.EQL, Y: ast.NewIdent("nil")},
			Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: &ast.CallExpr{
				Fun: ast.NewIdent("panic"), Args: []ast.Expr{rw.rtCall("NilPanic")},
			}}}},
		})
	}
	call.Args[0] = v()
	return []ast.Stmt{&ast.BlockStmt{List: append(list, s)}}
}

// madeHere reports whether a panic's argument is one panicStmt made.
func madeHere(arg ast.Expr) bool {
	switch a := arg.(type) {
	case *ast.Ident:
		return a.Name == panicValueName
	case *ast.CallExpr:
		sel, ok := a.Fun.(*ast.SelectorExpr)
		if !ok {
			return false
		}
		x, ok := sel.X.(*ast.Ident)
		return ok && x.Name == runtimeName && sel.Sel.Name == "NilPanic"
	}
	return false
}
