package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// Lines of outer frames, at run time. The table of calls (CallLines)
// gives an outer frame of a panic the line its function calls the next
// inner frame's function on, when there is one such line. A function that
// calls the same function on two lines, or calls through a function
// value or an interface, needs the line known when the panic passes: it
// keeps the line of its latest call in a variable, which a call deferred
// first hands to the engine as the panic leaves the function:
//
//	func main() {
//		var goconc_line int
//		defer goconc_rt.FrameLine("main.main", &goconc_line)
//		goconc_line = 12
//		check(1)
//		goconc_line = 13
//		check(2)
//	}
//
// The line is set before each statement that makes such calls, to the
// line of its first one; a condition of a loop evaluated again after the
// body keeps the body's last line.

// frameLineVar is the variable a function keeps its latest call's line in.
const frameLineVar = "goconc_line"

// A frameBody is one function's body: a declared function's, a chunk's or
// a literal's, with the name the interpreter gives its frames.
type frameBody struct {
	name string
	body *ast.BlockStmt
	// goName is the name Go gives the function: literals are numbered
	// in the order they are written, main.f.func1, main.f.func1.1, and
	// those the passes wrote have no name of their own.
	goName string
}

// literalSep is what Go puts between a function's name and the number of
// a literal in it: main.f.func1 in a declared function, main.f.func1.1 in
// a literal.
func literalSep(topLevel bool) string {
	if topLevel {
		return ".func"
	}
	return "."
}

// frameLines adds the keeping of call lines to the functions of f whose
// frames' lines the table of calls cannot give.
func (rw *rewriter) frameLines(f *File) {
	var bodies []frameBody
	literals := map[string]int{} // literals numbered so far, by the Go name of their function
	// nameLiteral notes litName, the name Go gives lit.
	nameLiteral := func(lit *ast.FuncLit, litName string) {
		if f.LiteralNames != nil {
			f.LiteralNames[lit] = litName
		}
		if f.CallLines != nil {
			// The lines of its run-time panics, under the literal's
			// own name (panicrecord.go).
			table := map[string][]int{}
			rw.recordPanicLines(lit.Body, table)
			f.CallLines[litName] = table
		}
	}
	// isVarStatement reports whether a chunk's statement s is a variable
	// declaration run as a statement (File.VarStatementLines).
	isVarStatement := func(s ast.Stmt) bool {
		if len(f.VarStatementLines) == 0 || !s.Pos().IsValid() {
			return false
		}
		line := rw.fset.Position(s.Pos()).Line
		for _, l := range f.VarStatementLines {
			if line >= l[0] && line <= l[1] {
				return true
			}
		}
		return false
	}
	// collect notes body, of the function the interpreter names name and
	// Go bodyName; isChunk says it is a chunk's, whose variable
	// declarations run as statements Go runs in main.init, or a literal
	// the passes wrote in one of those.
	var collect func(name, bodyName string, topLevel bool, body *ast.BlockStmt, isChunk bool)
	collect = func(name, bodyName string, topLevel bool, body *ast.BlockStmt, isChunk bool) {
		bodies = append(bodies, frameBody{name, body, bodyName})
		for _, s := range body.List {
			goName := bodyName
			if isChunk && isVarStatement(s) {
				goName = "main.init"
			}
			inInit := isChunk && goName == "main.init"
			ast.Inspect(s, func(n ast.Node) bool {
				// The Go name of the next literal numbered in this body.
				nextLiteral := func() ast.Expr {
					if inInit {
						return &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote("main.init.func" + strconv.Itoa(f.InitLiterals+1))}
					}
					return &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(goName + literalSep(topLevel) + strconv.Itoa(literals[goName]+1))}
				}
				if g, ok := n.(*ast.GoStmt); ok {
					// A go statement starting a literal (which the closures
					// pass may have wrapped in one of its own): the
					// goroutine's function is the literal numbered next.
					if startsLiteral(g) && len(g.Call.Args) > 0 {
						if spawn, ok := g.Call.Args[0].(*ast.CallExpr); ok && isRtCall(spawn, "Spawn") && len(spawn.Args) == 4 {
							spawn.Args[2] = nextLiteral()
						}
					}
				}
				if call, ok := n.(*ast.CallExpr); ok && isRtCall(call, "Start") && len(call.Args) == 3 && startsOwnLiteral(call.Args[2]) {
					// A go statement of a literal that starts from compiled
					// code (rewrite.go's start): its literal is numbered next
					// too. One of a declared function (startCall) names it.
					if spawn, ok := call.Args[0].(*ast.CallExpr); ok && isRtCall(spawn, "Spawn") && len(spawn.Args) == 4 {
						spawn.Args[2] = nextLiteral()
					}
				}
				if call, ok := n.(*ast.CallExpr); ok && isRtCall(call, "Spawn") && len(call.Args) == 4 {
					// A go statement here: the goroutine it starts was
					// created by this function (rewrite.go's numberGoroutine).
					if creator, ok := call.Args[0].(*ast.BasicLit); ok && creator.Value == `""` {
						creator.Value = strconv.Quote(goName)
					}
					// The wrapper of a builtin's call (startCall) is named
					// after this function too.
					if started, ok := call.Args[2].(*ast.BasicLit); ok && strings.HasPrefix(started.Value, `".gowrap`) {
						started.Value = strconv.Quote(goName + started.Value[1:len(started.Value)-1])
					}
					// So is the wrapper of a named function's call
					// (rewrite.go's spawn).
					if wrapper, ok := call.Args[3].(*ast.BasicLit); ok && strings.HasPrefix(wrapper.Value, `".gowrap`) {
						wrapper.Value = strconv.Quote(goName + wrapper.Value[1:len(wrapper.Value)-1])
					}
				}
				if call, ok := n.(*ast.CallExpr); ok && namesCaller(call) {
					// A call's site recorded for the stack readers, or a
					// stack reader's call: made by this function
					// (callsites.go, caller.go).
					if by, ok := call.Args[len(call.Args)-1].(*ast.BasicLit); ok && by.Value == `""` {
						by.Value = strconv.Quote(goName)
					}
				}
				lit, ok := n.(*ast.FuncLit)
				if !ok {
					return true
				}
				litName, litTop := goName, topLevel
				switch {
				case lit.Body.Lbrace.IsValid() && inInit:
					f.InitLiterals++
					litName, litTop = "main.init.func"+strconv.Itoa(f.InitLiterals), false
					nameLiteral(lit, litName)
				case lit.Body.Lbrace.IsValid():
					literals[goName]++
					litName, litTop = goName+literalSep(topLevel)+strconv.Itoa(literals[goName]), false
					nameLiteral(lit, litName)
				}
				collect(name+".func", litName, litTop, lit.Body, inInit && !lit.Body.Lbrace.IsValid())
				return false
			})
		}
	}
	// The literals in the initializers of package-level variables, which
	// the interpreter names main.func: Go names them main.init.func1,
	// main.init.func2, numbered across the package's initializers, those
	// of the session's earlier cells included.
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
			ast.Inspect(g, func(n ast.Node) bool {
				lit, ok := n.(*ast.FuncLit)
				if !ok || !lit.Body.Lbrace.IsValid() {
					return true // a literal the passes wrote may hold one of the cell's
				}
				f.InitLiterals++
				litName := "main.init.func" + strconv.Itoa(f.InitLiterals)
				nameLiteral(lit, litName)
				collect("main.func", litName, false, lit.Body, false)
				return false
			})
		}
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
			name := "main." + fd.Name.Name
			goName := name
			if fd.Name.Name == "init" && fd.Recv == nil {
				// Go numbers the init functions, main.init.0, and
				// names their literals after them.
				goName = "main.init." + strconv.Itoa(f.InitFuncs)
				f.InitFuncs++
			}
			collect(name, goName, true, fd.Body, false)
		}
	}
	chunks := make([]*ast.BlockStmt, len(f.Chunks))
	if f.ChunkFunc != nil {
		for i, c := range f.Chunks {
			if len(c) == 0 {
				continue
			}
			chunks[i] = &ast.BlockStmt{List: c}
			name := "main." + f.ChunkFunc(i)
			collect(name, name, true, chunks[i], true)
		}
	}

	// A name is tracked when a callee is called on two lines, or an
	// unknown one is called, in any of the bodies of that name.
	lines := map[string]map[string]map[int]bool{}
	for _, b := range bodies {
		calls := lines[b.name]
		if calls == nil {
			calls = map[string]map[int]bool{}
			lines[b.name] = calls
		}
		for _, c := range rw.trackedCalls(b.body) {
			if calls[c.callee] == nil {
				calls[c.callee] = map[int]bool{}
			}
			calls[c.callee][c.line] = true
		}
	}
	tracked := map[string]bool{}
	for name, calls := range lines {
		for callee, at := range calls {
			if callee == "" || len(at) > 1 {
				tracked[name] = true
			}
		}
	}
	for _, b := range bodies {
		rw.exitLines(b)
	}
	for _, b := range bodies {
		switch {
		case rw.goroutineLine(b):
		case tracked[b.name] && len(rw.trackedCalls(b.body)) > 0:
			rw.keepFrameLine(b)
		case startsWithLiteral(b.body) && !onlyReturnsLiteral(b.body):
			b.body.List = append([]ast.Stmt{lineVar(b.body.List[0].Pos())}, b.body.List...)
		}
	}
	// The others go in the table of calls, literals' included, by the
	// names the interpreter gives them in the code as it runs.
	if f.CallLines != nil {
		for name, calls := range lines {
			if tracked[name] || len(calls) == 0 {
				continue
			}
			table := map[string][]int{}
			for callee, at := range calls {
				for line := range at {
					table[callee] = []int{line}
				}
			}
			for kind, at := range f.CallLines[name] {
				if strings.HasPrefix(kind, "!") { // the lines of run-time panics (panicrecord.go)
					table[kind] = at
				}
			}
			f.CallLines[name] = table
		}
	}
	for i, c := range chunks {
		if c != nil {
			f.Chunks[i] = c.List
		}
	}
}

// A trackedCall is a call whose line an outer frame may need: its callee
// as the interpreter names it ("" when known only at run time) and line.
type trackedCall struct {
	callee string
	line   int
}

// trackedCalls returns the calls n makes itself, outside the function
// literals in it: of the cells' functions and through function values
// and the cells' interfaces. Calls a go or defer statement makes are not
// made there and then; their arguments are.
func (rw *rewriter) trackedCalls(n ast.Node) []trackedCall {
	var calls []trackedCall
	var inspect func(n ast.Node) bool
	inspect = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.GoStmt:
			for _, a := range n.Call.Args {
				ast.Inspect(a, inspect)
			}
			return false
		case *ast.DeferStmt:
			for _, a := range n.Call.Args {
				ast.Inspect(a, inspect)
			}
			return false
		case *ast.CallExpr:
			if !n.Lparen.IsValid() {
				return true
			}
			if fn := rw.callee(n); fn != nil {
				calls = append(calls, trackedCall{"main." + fn.Name(), rw.callLine(n)})
			} else if rw.unknownCallee(n) {
				calls = append(calls, trackedCall{"", rw.callLine(n)})
			}
		}
		return true
	}
	ast.Inspect(n, inspect)
	return calls
}

// unknownCallee reports whether call may run the cells' code chosen at
// run time: a function value, a literal, or a method of an interface the
// cells declare.
func (rw *rewriter) unknownCallee(call *ast.CallExpr) bool {
	fun := ast.Unparen(call.Fun)
	if _, ok := fun.(*ast.FuncLit); ok {
		return true
	}
	var id *ast.Ident
	switch f := fun.(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
		if s, ok := rw.info.Selections[f]; ok && s.Kind() == types.MethodVal {
			if !types.IsInterface(s.Recv()) {
				return false
			}
			pkg := s.Obj().Pkg()
			return pkg != nil && pkg.Path() == "main"
		}
	}
	if id != nil {
		if _, ok := rw.info.Uses[id].(*types.Func); ok {
			return false
		}
	}
	tv, ok := rw.info.Types[call.Fun]
	if !ok || !tv.IsValue() || tv.IsBuiltin() {
		return false
	}
	_, ok = tv.Type.Underlying().(*types.Signature)
	return ok
}

// startsWithLiteral reports whether the first statement of body holds a
// function literal. The interpreter names a function's frames after the
// function of the first node it runs, which is then the literal's
// (main.main.func for main with a deferred closure first); a declaration
// first gives the frame its function's name.
func startsWithLiteral(body *ast.BlockStmt) bool {
	if len(body.List) == 0 {
		return false
	}
	found := false
	ast.Inspect(body.List[0], func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			found = true
		}
		return !found
	})
	return found
}

// onlyReturnsLiteral reports whether body is a factory's, return func()
// {...}, which runs no code of the cells' and has no frame in a panic's
// report: the declaration startsWithLiteral calls for is of no use there.
func onlyReturnsLiteral(body *ast.BlockStmt) bool {
	if len(body.List) != 1 {
		return false
	}
	ret, ok := body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return false
	}
	_, ok = ret.Results[0].(*ast.FuncLit)
	return ok
}

// lineVar declares the variable a function keeps its latest call's line in.
func lineVar(pos token.Pos) ast.Stmt {
	return &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: pos, Tok: token.VAR, Specs: []ast.Spec{
		&ast.ValueSpec{Names: []*ast.Ident{ast.NewIdent(frameLineVar)}, Type: ast.NewIdent("int")},
	}}}
}

// keepFrameLine makes b keep the line of its latest call and hand it over
// as a panic leaves it.
func (rw *rewriter) keepFrameLine(b frameBody) {
	pos := b.body.Lbrace
	if len(b.body.List) > 0 {
		pos = b.body.List[0].Pos()
	}
	decl := &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: pos, Tok: token.VAR, Specs: []ast.Spec{
		&ast.ValueSpec{Names: []*ast.Ident{ast.NewIdent(frameLineVar)}, Type: ast.NewIdent("int")},
	}}}
	deferred := &ast.DeferStmt{Defer: pos, Call: rw.rtCall("FrameLine",
		&ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(b.name)},
		&ast.UnaryExpr{Op: token.AND, X: ast.NewIdent(frameLineVar)})}
	b.body.List = append([]ast.Stmt{decl, deferred}, rw.lineStmts(b.body.List)...)
}

// setLine is the statement that records line as the latest call's.
func setLine(line int) ast.Stmt {
	return &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(frameLineVar)}, Tok: token.ASSIGN,
		Rhs: []ast.Expr{&ast.BasicLit{Kind: token.INT, Value: strconv.Itoa(line)}}}
}

// lineStmts returns list with the line of the first tracked call of each
// statement recorded before it, in nested blocks too.
func (rw *rewriter) lineStmts(list []ast.Stmt) []ast.Stmt {
	out := make([]ast.Stmt, 0, len(list))
	for _, s := range list {
		if line, ok := rw.headLine(s); ok {
			out = append(out, setLine(line))
		}
		rw.lineBlocks(s)
		out = append(out, s)
	}
	return out
}

// headLine returns the line of the first tracked call s makes outside
// the blocks nested in it.
func (rw *rewriter) headLine(s ast.Stmt) (int, bool) {
	var parts []ast.Node
	switch s := s.(type) {
	case *ast.BlockStmt:
		return 0, false
	case *ast.LabeledStmt:
		return rw.headLine(s.Stmt)
	case *ast.IfStmt:
		parts = []ast.Node{s.Init, s.Cond}
	case *ast.ForStmt:
		parts = []ast.Node{s.Init, s.Cond, s.Post}
	case *ast.RangeStmt:
		parts = []ast.Node{s.X}
	case *ast.SwitchStmt:
		parts = []ast.Node{s.Init, s.Tag}
		for _, c := range s.Body.List {
			for _, e := range c.(*ast.CaseClause).List {
				parts = append(parts, e)
			}
		}
	case *ast.TypeSwitchStmt:
		parts = []ast.Node{s.Init, s.Assign}
	case *ast.SelectStmt:
		for _, c := range s.Body.List {
			parts = append(parts, c.(*ast.CommClause).Comm)
		}
	default:
		parts = []ast.Node{s}
	}
	for _, p := range parts {
		if p == nil {
			continue
		}
		if calls := rw.trackedCalls(p); len(calls) > 0 {
			return calls[0].line, true
		}
	}
	return 0, false
}

// lineBlocks records lines in the blocks nested in s.
func (rw *rewriter) lineBlocks(s ast.Stmt) {
	switch s := s.(type) {
	case *ast.BlockStmt:
		s.List = rw.lineStmts(s.List)
	case *ast.LabeledStmt:
		rw.lineBlocks(s.Stmt)
	case *ast.IfStmt:
		s.Body.List = rw.lineStmts(s.Body.List)
		switch e := s.Else.(type) {
		case *ast.BlockStmt:
			e.List = rw.lineStmts(e.List)
		case *ast.IfStmt:
			if line, ok := rw.headLine(e); ok {
				rw.lineBlocks(e)
				s.Else = &ast.BlockStmt{List: []ast.Stmt{setLine(line), e}}
			} else {
				rw.lineBlocks(e)
			}
		}
	case *ast.ForStmt:
		s.Body.List = rw.lineStmts(s.Body.List)
	case *ast.RangeStmt:
		s.Body.List = rw.lineStmts(s.Body.List)
	case *ast.SwitchStmt:
		for _, c := range s.Body.List {
			cc := c.(*ast.CaseClause)
			cc.Body = rw.lineStmts(cc.Body)
		}
	case *ast.TypeSwitchStmt:
		for _, c := range s.Body.List {
			cc := c.(*ast.CaseClause)
			cc.Body = rw.lineStmts(cc.Body)
		}
	case *ast.SelectStmt:
		for _, c := range s.Body.List {
			cc := c.(*ast.CommClause)
			cc.Body = rw.lineStmts(cc.Body)
		}
	}
}

// goroutineLine makes b, when it is the function literal of a go
// statement, keep the line of its latest call for the recover that guards
// the goroutine (the calls pass's goStmt): as that recover stops the panic
// in the literal's own frame, the interpreter never reports the frame, so
// the guard hands it over, with the line, as the panic's outermost frame:
//
//	goconc_rt.WithStack(r, goconc_g)  becomes  goconc_rt.WithStackAt(r, goconc_g, "main.main.func1", 3, goconc_line)
//
// A literal the go statement of a named function was wrapped in has no
// position, and no frame in Go's report: it is left as it is.
func (rw *rewriter) goroutineLine(b frameBody) bool {
	list := b.body.List
	if !b.body.Lbrace.IsValid() || len(list) < 2 || !isRtStmt(list[0], "Enter") {
		return false
	}
	guard, ok := list[1].(*ast.DeferStmt)
	if !ok {
		return false
	}
	var withStack *ast.CallExpr
	ast.Inspect(guard, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && isRtCall(call, "WithStack") && len(call.Args) == 2 {
			withStack = call
		}
		return withStack == nil
	})
	if withStack == nil {
		return false
	}
	withStack.Fun = &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent("WithStackAt")}
	withStack.Args = append(withStack.Args,
		&ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(b.goName)},
		&ast.BasicLit{Kind: token.INT, Value: strconv.Itoa(rw.cell)},
		ast.NewIdent(frameLineVar))
	decl := &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: list[0].Pos(), Tok: token.VAR, Specs: []ast.Spec{
		&ast.ValueSpec{Names: []*ast.Ident{ast.NewIdent(frameLineVar)}, Type: ast.NewIdent("int")},
	}}}
	b.body.List = append([]ast.Stmt{decl, list[0], list[1]}, rw.lineStmts(list[2:])...)
	return true
}

// isRtStmt reports whether s is a call of goconc_rt's function name.
func isRtStmt(s ast.Stmt, name string) bool {
	e, ok := s.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := e.X.(*ast.CallExpr)
	return ok && isRtCall(call, name)
}

// namesCaller reports whether call is one of goconc_rt's that takes the
// name of the function making it as its last argument.
func namesCaller(call *ast.CallExpr) bool {
	switch {
	case isRtCall(call, "PushSite"):
		return len(call.Args) == 2
	case isRtCall(call, "Stack"), isRtCall(call, "Callers"):
		return len(call.Args) == 4
	case isRtCall(call, "Caller"):
		return len(call.Args) == 3
	case isRtCall(call, "DebugStack"), isRtCall(call, "PrintStack"):
		return len(call.Args) == 2
	}
	return false
}

// startsOwnLiteral reports whether fn, the function goconc_rt.Start is
// given, is a literal of the cell's, alone or returned by the factory
// that takes its parameters (rewrite.go's start), or handed as the
// function to call to the factory of startCall (a literal with results),
// rather than the factory's closure around a call of a named function.
func startsOwnLiteral(fn ast.Expr) bool {
	if call, ok := fn.(*ast.CallExpr); ok {
		if len(call.Args) > 0 {
			if lit, ok := call.Args[0].(*ast.FuncLit); ok && lit.Body.Lbrace.IsValid() {
				return true
			}
		}
		factory, ok := call.Fun.(*ast.FuncLit)
		if !ok || len(factory.Body.List) != 1 {
			return false
		}
		ret, ok := factory.Body.List[0].(*ast.ReturnStmt)
		if !ok || len(ret.Results) != 1 {
			return false
		}
		fn = ret.Results[0]
	}
	lit, ok := fn.(*ast.FuncLit)
	return ok && lit.Body.Lbrace.IsValid()
}

// startsLiteral reports whether g starts a function literal of the
// cells'.
func startsLiteral(g *ast.GoStmt) bool {
	found := false
	ast.Inspect(g.Call.Fun, func(n ast.Node) bool {
		if lit, ok := n.(*ast.FuncLit); ok && lit.Body.Lbrace.IsValid() {
			found = true
		}
		return !found
	})
	return found
}
