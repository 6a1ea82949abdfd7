package engine

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"go/types"
	"maps"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"goconc/kernel/engine/rewrite"
)

// A cell is compiled before it runs: type-checked against the cells before
// it, so that mistakes are reported as the Go compiler reports them, and
// rewritten into a form the interpreter runs as the Go runtime would.
//
// Variables that a cell's top-level statements define become package-level
// variables, and the statements themselves become the body of a function.
// Inside a function the interpreter handles every construct; at top level
// it mishandles several (comma-ok assignments, among others).

// cellFile is the name positions in a cell carry.
const cellFile = "cell"

// program is what earlier cells leave for later ones to be checked
// against: their imports and their top-level declarations, as source.
type program struct {
	imports map[string]string // name bound in cells to import path
	decls   []declSource
	vars    map[string]string   // hoisted variable to its type, as declared in the interpreter
	funcs   funcNames           // receivers of the methods declared, for tracebacks
	callers rewrite.CallerNeeds // functions that read their callers' lines (rewrite's callsites.go)
	calls   callLines           // the lines functions call the cells' functions on, for tracebacks
	lits    literalNames        // the function literals of the cells' functions, for tracebacks
	inits   []initFunc          // the cells' init functions, in the order Go numbers them
	// varStmts are the cells' package-level variable declarations that
	// run as statements, in a cell's function: Go runs them in main.init.
	varStmts []initFunc
	// initLits counts the literals in the cells' initializers of
	// package-level variables, which Go numbers main.init.func1 on.
	initLits int
	// tables guards calls, lits and inits: a program reading its stack
	// (readstack.go) names its frames while a later cell may compile.
	tables sync.RWMutex
	cells  int // cells compiled, to name their functions
	// typeDecls counts the declarations of each type the interpreter
	// has been given (redeclare.go).
	typeDecls map[string]int
	// files names, for each earlier cell's file in line directives
	// (rewrite.EarlierCellFile), the file the interpreter knows it by
	// (sourceFile): code compiled again keeps its cell's positions.
	files map[string]string
	// gone says why an earlier declaration dropped when a later cell
	// declared something again is gone, by name (redeclare.go).
	gone map[string]string
	// wholeFile is set when the one cell is a program's file: an import
	// it does not use is then an error, as the Go compiler has it. A
	// notebook's imports serve every later cell, so a cell may import
	// what only later cells use.
	wholeFile bool
}

// recordLiterals notes the function literals of src, printed from nodes,
// for tracebacks (literalNames.record); chunk is the function a chunk's
// statements run as, or "" for declarations.
func (p *program) recordLiterals(src string, nodes []ast.Node, names map[*ast.FuncLit]string, chunk string) {
	p.tables.Lock()
	defer p.tables.Unlock()
	p.lits.record(src, uint64(p.cells), nodes, names, chunk)
}

// goFrames names a traceback's frames as Go does and gives them the lines
// of the calls in them; msg is the panic's, whose site is the innermost
// frame's line.
func (p *program) goFrames(frames []stackFrame, msg string) []stackFrame {
	p.tables.RLock()
	defer p.tables.RUnlock()
	frames = p.varInits(p.lits.name(frames))
	frames = p.calls.fill(p.calls.exitLine(p.calls.panicLine(frames, msg)))
	return p.funcs.goFrames(p.initNames(valueLines(frames)))
}

// valueLines gives the frame of a cell's trailing expression, which runs
// in a function of its own (compile's goconc_valueN_), the expression's
// line when it has none: the function is written on the expression's
// line, which the interpreter reports as the frame's first. The table of
// calls, made of the cell's statements, does not know the function.
func valueLines(frames []stackFrame) []stackFrame {
	out := slices.Clone(frames)
	for i, f := range out {
		if f.line == 0 && f.first > 0 && strings.HasPrefix(f.fn, "main.goconc_value") {
			out[i].line = f.first
		}
	}
	return out
}

// initFunc is a function init of a cell, at lines from to to of file.
type initFunc struct {
	file     string
	from, to int
}

// varInitsPrefix starts every rewrite.VarInits name.
var varInitsPrefix = strings.TrimSuffix(rewrite.VarInits(0), "0)")

// varInits names the frames of the initializers of package-level
// variables for the table of calls: a frame the interpreter names main,
// in a cell that declares variables with initializers, runs those
// (rewrite.VarInits), in a notebook's cell as in a program run from a
// file. The frame of the interpreter's own wrapper of a cell's statements
// is named main too, but belongs to no cell (cell 0). p.tables is held.
func (p *program) varInits(frames []stackFrame) []stackFrame {
	out := slices.Clone(frames)
	for i, f := range out {
		// When an initializer calls a literal written in it, the
		// interpreter names the initializer's frame, the outermost,
		// after the literal: main.func.
		outer := f.fn == "main.func" && i > 0 && i == len(out)-1
		if (f.fn == "main" || outer) && f.cell != 0 {
			if name := rewrite.VarInits(int(f.cell)); p.calls[name] != nil {
				out[i].fn, out[i].lit = name, ""
			}
		}
	}
	return out
}

// initNames names the frames of init functions and of variables'
// initializers as Go does: the interpreter names every init function
// main.init, where Go numbers them in the order they are written,
// main.init.0, main.init.1, and the line the interpreter reports with the
// frame tells which it is; Go runs the initializers in main.init.
// p.tables is held.
func (p *program) initNames(frames []stackFrame) []stackFrame {
	out := slices.Clone(frames)
	for i, f := range out {
		switch {
		case f.fn == "main.init" && f.lit == "":
			for k, in := range p.inits {
				if in.file == sourceFile(f.cell) && f.first >= in.from && f.first <= in.to {
					out[i].fn = "main.init." + strconv.Itoa(k)
				}
			}
		case strings.HasPrefix(f.fn, varInitsPrefix):
			out[i].fn = "main.init"
		case strings.HasPrefix(f.fn, "main.goconc_cell") && strings.Count(f.fn, ".") == 1 && f.lit == "":
			if slices.ContainsFunc(p.varStmts, func(in initFunc) bool {
				return in.file == sourceFile(f.cell) && f.line >= in.from && f.line <= in.to
			}) {
				out[i].fn = "main.init"
			}
		}
	}
	return out
}

// recordVarStatements notes the lines of file the package-level variable
// declarations that run as statements are on.
func (p *program) recordVarStatements(file string, lines [][2]int) {
	p.tables.Lock()
	defer p.tables.Unlock()
	for _, l := range lines {
		p.varStmts = append(p.varStmts, initFunc{file: file, from: l[0], to: l[1]})
	}
}

// recordInits notes the init functions among decls, declared in file.
func (p *program) recordInits(fset *token.FileSet, file string, decls []ast.Decl) {
	p.tables.Lock()
	defer p.tables.Unlock()
	for _, d := range decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "init" && fd.Body != nil {
			p.inits = append(p.inits, initFunc{file: file, from: fset.Position(fd.Body.Lbrace).Line, to: fset.Position(fd.Body.Rbrace).Line})
		}
	}
}

type declSource struct {
	names []string // what it declares; "T.M" for a method
	src   string
	// at is a line directive that puts src in the cell that declared it,
	// for reports of what code copied from it does; empty for the
	// declarations of variables a cell's statements define.
	at string
}

func newProgram() *program {
	return &program{imports: map[string]string{}, vars: map[string]string{}, typeDecls: map[string]int{}, gone: map[string]string{}, files: map[string]string{}, callers: rewrite.CallerNeeds{}, calls: callLines{}, lits: literalNames{}}
}

// step is one thing to hand the interpreter, in order.
type step struct {
	importPath, importName string // an import
	src                    string // or source to evaluate
	pos                    token.Position
	decls                  []ast.Node // or declarations to print into src
	// carry names the variables src declares again that keep the values
	// of the earlier ones (redeclare.go).
	carry []string
}

// compiled is a cell ready to run.
type compiled struct {
	steps    []step
	imports  []string // the paths the cell imports, bound before or not
	trailing string   // source of the trailing expression to show, if any
	commit   func()   // records the cell's declarations once it has run
	note     string   // what the cell's declarations replaced, to tell the user once it has run
}

// errCannotCheck reports that the packages' types could not be loaded
// (no Go source tree, say); the cell then runs without checking.
var errCannotCheck = errors.New("type information unavailable")

// diagnostics is the list of compile errors of a cell.
type diagnostics []types.Error

func (d diagnostics) Error() string { return d[0].Msg }

// compile checks and rewrites a cell.
// file names the cell in the source the interpreter is given (see
// sourceFile), so that the positions it reports say which cell they are in.
func (p *program) compile(code string, units []unit, imp *typesImporter, file string) (*compiled, error) {
	c, err := p.compileCell(code, units, imp, file, nil)
	var retyped retypedVars
	if errors.As(err, &retyped) {
		return p.compileCell(code, units, imp, file, retyped)
	}
	return c, err
}

// retypedVars names the variables of earlier cells' statements that a
// cell's statements define again with another type: new variables, which
// the earlier functions that use them must see (redeclare.go). Their
// types are known once the cell is checked, so the cell is compiled again
// knowing them.
type retypedVars map[string]bool

func (r retypedVars) Error() string { return "variables defined again with another type" }

// compileCell is compile, given the variables the cell defines again
// with another type.
func (p *program) compileCell(code string, units []unit, imp *typesImporter, file string, retyped retypedVars) (*compiled, error) {
	fset := imp.fset
	var (
		imports []*ast.ImportSpec
		decls   []ast.Decl
		chunks  [][]ast.Stmt // statements, grouped as in the cell
		order   []any        // ast.Decl or int (chunk index), in cell order
	)
	var trailing ast.Expr
	// The text of the cell's generic functions, which later cells may
	// copy (rewrite.Monomorphise): their reports name the lines of the
	// text, which printing a declaration does not keep.
	written := map[ast.Decl]string{}
	vars := p.packageVars()
	var run []string // variables of the declarations since the last statements
	// varStatements are the package-level variable declarations that run
	// as statements.
	varStatements := map[ast.Stmt]bool{}
	// addStatements puts top-level statements after what comes before
	// them, in the same chunk as statements just before. Their variables
	// and those of the declarations before them are then package-level
	// variables of an earlier evaluation.
	addStatements := func(body []ast.Stmt) {
		for _, id := range definedVars(body) {
			vars[id.Name] = true
		}
		for _, name := range run {
			vars[name] = true
		}
		run = nil
		if n := len(order); n > 0 {
			if k, ok := order[n-1].(int); ok {
				chunks[k] = append(chunks[k], body...)
				return
			}
		}
		chunks = append(chunks, body)
		order = append(order, len(chunks)-1)
	}
	for i, u := range units {
		text := lineDirective(code, u.start) + code[u.start:u.end]
		switch u.kind {
		case importUnit:
			f, err := parser.ParseFile(fset, cellFile, "package main\n"+text, parser.ImportsOnly)
			if err != nil {
				return nil, err // a syntax error: Session reports it with its position
			}
			imports = append(imports, f.Imports...)
		case declUnit:
			f, err := parser.ParseFile(fset, cellFile, "package main\n"+text, parser.SkipObjectResolution)
			if err != nil {
				return nil, err // a syntax error: Session reports it with its position
			}
			for _, d := range f.Decls {
				if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
					afterStatements, afterVar := false, false
					if n := len(order); n > 0 {
						if k, ok := order[n-1].(int); ok {
							afterStatements = zeroValued(g)
							afterVar = varStatements[chunks[k][len(chunks[k])-1]]
						}
					}
					if usesVars(g, vars, run) || afterStatements || afterVar {
						// The interpreter cannot initialize a
						// package-level variable from one an earlier
						// evaluation declared ("variable definition
						// loop"): the declaration runs as a statement,
						// whose variables are declared at package level
						// like any cell statement's. So does one
						// without values between statements, which
						// would otherwise cut them into two functions,
						// and a deferred call before it would run at
						// the end of the first, and one right after
						// such a statement, which it may need first
						// (inInitOrder).
						st := &ast.DeclStmt{Decl: g}
						varStatements[st] = true
						addStatements([]ast.Stmt{st})
						continue
					}
					for _, spec := range g.Specs {
						for _, id := range spec.(*ast.ValueSpec).Names {
							run = append(run, id.Name)
						}
					}
				}
				decls = append(decls, d)
				order = append(order, d)
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Type.TypeParams != nil && len(f.Decls) == 1 {
					written[d] = code[u.start:u.end]
				}
			}
		case stmtUnit:
			f, err := parser.ParseFile(fset, cellFile, "package main\nfunc _() {\n"+text+"\n}", parser.SkipObjectResolution)
			if err != nil {
				return nil, err // a syntax error: Session reports it with its position
			}
			body := f.Decls[0].(*ast.FuncDecl).Body.List
			if i == len(units)-1 && len(body) == 1 {
				if es, ok := body[0].(*ast.ExprStmt); ok && displaysValue(code, u) {
					trailing = es.X
					continue
				}
			}
			addStatements(body)
		}
	}

	for k, c := range chunks {
		chunks[k] = inInitOrder(c, varStatements)
	}
	// The lines of the declarations run as statements, whose frames Go
	// names main.init.
	var varLines [][2]int
	for st := range varStatements {
		varLines = append(varLines, [2]int{fset.Position(st.Pos()).Line, fset.Position(st.End()).Line})
	}
	slices.SortFunc(varLines, func(a, b [2]int) int { return a[0] - b[0] })

	// The imports cells see: earlier cells' and this one's.
	visible := map[string]string{}
	for name, path := range p.imports {
		visible[name] = path
	}
	for _, spec := range imports {
		path, _ := strconv.Unquote(spec.Path.Value)
		visible[importName(spec, path, imp)] = path
	}

	// First pass: learn the types of the variables the statements define.
	var all []ast.Stmt
	for _, c := range chunks {
		all = append(all, c...)
	}
	if trailing != nil {
		all = append(all, &ast.ExprStmt{X: trailing})
	}
	// Declarations of earlier cells declared again (redeclare.go). A
	// variable the statements define is a new one when an earlier cell
	// declared the name otherwise, or with another type.
	defines := map[string]bool{}
	for _, c := range chunks {
		for _, id := range definedVars(c) {
			if _, hoistedBefore := p.vars[id.Name]; retyped[id.Name] || !hoistedBefore && p.declares(id.Name) {
				defines[id.Name] = true
			}
		}
	}
	re, err := p.redeclared(fset, imp, visible, decls, defines)
	if err != nil {
		return nil, err
	}
	own := slices.Clone(decls)
	decls = append(decls, re.copies...)
	order = append(asAny(re.copies), order...)
	redefined := declNames(decls)
	for _, name := range re.gone() {
		redefined[name] = true
	}
	first, firstErrs, err := p.check(fset, imp, visible, redefined, decls, [][]ast.Stmt{all}, nil)
	if err != nil {
		return nil, err
	}
	// Local types named like package-level ones, and declarations of
	// predeclared names, get names of their own (rewrite.RenameLocalTypes,
	// rewrite.RenamePredeclared), which the second check sees.
	rewrite.RenameLocalTypes(first)
	rewrite.RenamePredeclared(first)
	hoisted, broken := hoist(chunks, first)
	hoisted = append(hoisted, re.carried...)
	for _, h := range hoisted {
		redefined[h.name] = true
	}

	// Second pass: the cell as it will run, with those variables at
	// package level. Its errors are the cell's.
	hidden := map[string]string{} // import path to hidden name, for types in hoisted declarations
	var varDecls []ast.Decl
	typeText := map[string]string{}
	for _, h := range hoisted {
		text := types.TypeString(h.typ, qualifier(visible, hidden))
		expr, err := parser.ParseExprFrom(fset, "", text, 0)
		if err != nil {
			return nil, fmt.Errorf("cannot declare %s of type %s: %w", h.name, text, err)
		}
		if unnameParams(expr) {
			var b bytes.Buffer
			printer.Fprint(&b, token.NewFileSet(), expr)
			text = b.String()
		}
		typeText[h.name] = text
		varDecls = append(varDecls, &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{
			&ast.ValueSpec{Names: []*ast.Ident{ast.NewIdent(h.name)}, Type: expr},
		}})
	}
	if retyped == nil {
		again := retypedVars{}
		for _, h := range hoisted {
			if old, ok := p.vars[h.name]; ok && old != typeText[h.name] && p.usedByEarlier(h.name) {
				again[h.name] = true
			}
		}
		if len(again) > 0 {
			return nil, again
		}
	}
	for path, name := range hidden {
		visible[name] = path
	}
	// Copies that no longer compile with what the cell declares, its
	// variables included, are dropped.
	if re.prune(p, fset, imp, visible, append(slices.Clone(varDecls), own...)) {
		kept := map[ast.Decl]bool{}
		for _, d := range re.copies {
			kept[d] = true
		}
		isDropped := func(d ast.Decl) bool { _, copied := re.sources[d]; return copied && !kept[d] }
		decls = slices.DeleteFunc(decls, isDropped)
		order = slices.DeleteFunc(order, func(o any) bool { d, ok := o.(ast.Decl); return ok && isDropped(d) })
	}
	for _, c := range chunks {
		for i, s := range c {
			c[i] = assignHoisted(s, first)
		}
	}
	second, typeErrs, err := p.check(fset, imp, visible, redefined, append(varDecls, decls...), chunks, trailing)
	if err != nil {
		return nil, err
	}
	if p.wholeFile {
		typeErrs = append(typeErrs, unusedImports(fset, imports, imp, first)...)
		sort.SliceStable(typeErrs, func(i, j int) bool { return typeErrs[i].Pos < typeErrs[j].Pos })
	}
	if len(typeErrs) == 0 {
		typeErrs = append(selfContainedTypes(fset, second, decls, chunks), unseenMethods(fset, cellFile, second, decls, chunks)...)
		sort.SliceStable(typeErrs, func(i, j int) bool { return typeErrs[i].Pos < typeErrs[j].Pos })
	}
	if len(typeErrs) > 0 {
		// Uses of a variable whose definition failed would repeat that
		// failure once for every use.
		all := slices.Clone(typeErrs)
		kept := typeErrs[:0]
		why := re.why(nil)
		for _, e := range typeErrs {
			if name, ok := strings.CutPrefix(e.Msg, "undefined: "); ok && broken[name] {
				continue
			} else if ok {
				if w, ok := why[name]; ok {
					e.Msg += " (" + w + ")"
				} else if w, ok := p.gone[name]; ok {
					e.Msg += " (" + w + ")"
				}
			}
			e.Msg = rewrite.LocalName(e.Msg)
			kept = append(kept, e)
		}
		if len(kept) == 0 {
			// Every error is a use of a variable whose definition
			// failed: the failures are the first check's.
			kept = append(firstErrs, all...)[:max(len(firstErrs), 1)]
		}
		return nil, kept
	}

	// A trailing expression without exactly one value (a call of a
	// function without results, say) runs as a statement.
	var trailingType types.Type
	if trailing != nil {
		if tv, ok := second.Types[trailing]; ok {
			trailingType = tv.Type
		}
		if b, ok := trailingType.(*types.Basic); ok && b.Kind() == types.UntypedNil {
			trailingType = nil
		}
		if st, ok := trailingType.(*types.Struct); ok && st.NumFields() == 0 {
			trailingType = nil // <-done and the like: nothing to show
		}
		if isDisplayHandle(trailingType) {
			trailingType = nil // display.HTML(...) has shown its output already
		}
		if tv, ok := second.Types[trailing]; !ok || !tv.IsValue() || isTuple(tv.Type) || trailingType == nil {
			addStatements([]ast.Stmt{&ast.ExprStmt{X: trailing}})
			trailing = nil
		}
	}

	// What later cells are checked against: the declarations as written.
	var sources []declSource
	for _, d := range decls {
		// The line directive keeps the declaration's place in this cell,
		// for reports of what code copied from it does.
		var b bytes.Buffer
		if text, ok := written[d]; ok {
			b.WriteString(text)
		} else {
			printer.Fprint(&b, fset, d)
		}
		src := declSource{names: namesOf(d), src: b.String()}
		if pos := fset.Position(d.Pos()); pos.Filename == cellFile {
			src.at = fmt.Sprintf("/*line %s:%d:%d*/", rewrite.EarlierCellFile(p.cells+1), pos.Line, pos.Column)
		}
		if at, ok := re.sources[d]; ok {
			src.at = at // copied from an earlier cell, and still its
		}
		sources = append(sources, src)
	}

	// Generic functions run as concrete copies (rewrite.Monomorphise).
	recheck := func(copies []ast.Decl) (*types.Info, bool) {
		for path, name := range hidden {
			visible[name] = path
		}
		all := append(append(append([]ast.Decl(nil), varDecls...), decls...), copies...)
		info, errs, err := p.check(fset, imp, visible, redefined, all, chunks, trailing)
		return info, err == nil && len(errs) == 0
	}
	if mono := rewrite.Monomorphise(p.cells+1, fset, second, qualifier(visible, hidden), recheck, decls, chunks, trailing); mono != nil {
		second, trailing = mono.Info, mono.Trailing
		decls = append(decls, mono.Copies...)
		order = mono.Place(order)
	}
	order = functionsFirst(order)

	// Go's order of initialization of the package-level variables, read
	// before the passes change their initializers.
	initOrder := rewrite.NewInitOrder(second, decls)

	// A program's main, called by the cell that runs the program, ends
	// the program as it returns (Options.End). Found before the rewrites,
	// which may change the call.
	endsProgram := map[int]bool{}
	if p.wholeFile {
		for i, c := range chunks {
			endsProgram[i] = endsWithMainCall(second, c)
		}
	}

	// Rewrites the interpreter needs, now that every expression has a type.
	rf := &rewrite.File{Fset: fset, Info: second, Qualify: qualifier(visible, hidden), Cell: p.cells + 1, Name: file,
		Vars: varDecls, Decls: decls, Chunks: chunks, Trailing: trailing,
		ChunkFunc: func(i int) string { return fmt.Sprintf("goconc_cell%d_%d", p.cells+1, i) },
		Callers:   p.callers, CallLines: rewrite.CallLines(p.calls), LiteralNames: map[*ast.FuncLit]string{},
		InitLiterals: p.initLits, InitFuncs: len(p.inits), VarStatementLines: varLines}
	p.tables.Lock()
	rewrite.Rewrite(rf) // adds to p.calls
	p.initLits = rf.InitLiterals
	p.tables.Unlock()
	trailing = rf.Trailing

	// The steps, in the cell's order.
	out := &compiled{}
	seen := map[string]bool{}
	addImport := func(name, path string) {
		if !seen[name] && p.imports[name] != path {
			out.steps = append(out.steps, step{importPath: path, importName: name})
		}
		seen[name] = true
	}
	for _, spec := range imports {
		path, _ := strconv.Unquote(spec.Path.Value)
		out.imports = append(out.imports, path)
		addImport(importName(spec, path, imp), path)
	}
	for path, name := range hidden {
		addImport(name, path)
	}
	// Types and constants first, since hoisted variables may have those
	// types; then the hoisted variables, which functions may use; then the
	// rest in the cell's order.
	isTypeOrConst := func(o any) bool {
		g, ok := o.(*ast.GenDecl)
		return ok && (g.Tok == token.TYPE || g.Tok == token.CONST)
	}
	var typesAndConsts []*ast.GenDecl
	for _, o := range order {
		if isTypeOrConst(o) {
			typesAndConsts = append(typesAndConsts, o.(*ast.GenDecl))
		}
	}
	typeSteps := len(out.steps)
	undo := re.rename(decls, second)
	for _, group := range declaredFirst(typesAndConsts) {
		if len(group) == 1 {
			d := group[0]
			out.steps = append(out.steps, step{src: printNodeFrom(fset, file, p.files, d), pos: fset.Position(d.Pos())})
			continue
		}
		st := step{pos: fset.Position(group[0].Pos())}
		for _, d := range group {
			st.decls = append(st.decls, d)
		}
		out.steps = append(out.steps, st)
	}
	if len(re.fresh) > 0 {
		// Printed under the interpreter's names, then aliased.
		for i := typeSteps; i < len(out.steps); i++ {
			if st := &out.steps[i]; st.decls != nil {
				st.src, st.decls = linedSourceFrom(fset, file, p.files, st.decls, "", ""), nil
			}
		}
		for _, alias := range re.aliases() {
			out.steps = append(out.steps, step{src: alias})
		}
	}
	undo()
	for _, src := range rf.Declarations {
		out.steps = append(out.steps, step{src: src})
	}
	// A variable of an instance of a generic type the cell declares waits
	// for the type's methods (placeLate).
	generic := genericTypes(decls)
	var late []step
	for i, h := range hoisted {
		if h.carried || p.vars[h.name] != typeText[h.name] || slices.Contains(re.dropped, h.name) {
			st := step{src: printNode(fset, file, varDecls[i])}
			if h.carried {
				st.carry = []string{h.name}
			}
			if mentions(h.typ, generic, map[types.Type]bool{}) {
				late = append(late, st)
				continue
			}
			out.steps = append(out.steps, st)
		}
	}
	p.cells++
	cell := p.cells
	firstOwn := len(out.steps) // the first step of the cell's own declarations and statements
	for i, o := range order {
		switch o := o.(type) {
		case ast.Decl:
			if isTypeOrConst(o) {
				continue
			}
			// Consecutive declarations go in together, so that a function
			// may call one declared after it.
			if n := len(out.steps); i > 0 && n > 0 && out.steps[n-1].decls != nil {
				out.steps[n-1].decls = append(out.steps[n-1].decls, o)
				continue
			}
			out.steps = append(out.steps, step{decls: []ast.Node{o}, pos: fset.Position(o.Pos())})
		case int:
			name := fmt.Sprintf("goconc_cell%d_%d", p.cells, o)
			after := ""
			if endsProgram[o] {
				after = runtimeName + ".MainReturned()\n"
			}
			src := chunkFunc(fset, file, name, chunks[o], after)
			p.recordLiterals(src, stmtNodes(chunks[o]), rf.LiteralNames, name)
			out.steps = append(out.steps, step{src: src})
			out.steps = append(out.steps,
				step{src: fmt.Sprintf("/*line %s:%d:1*/%s()", file, max(fset.Position(chunks[o][0].Pos()).Line, 1), name), pos: fset.Position(chunks[o][0].Pos())})
		}
	}
	var before int // variables placed before the cell's own steps
	out.steps, before = placeLate(out.steps, firstOwn, late, generic)
	firstOwn += before
	out.steps = placeHelpers(out.steps, firstOwn, rf.Helpers())
	out.steps = re.placeRewraps(out.steps, firstOwn)
	undo = re.renameReceivers(decls)
	for i := range out.steps {
		if st := &out.steps[i]; st.decls != nil {
			st.decls = initOrder.Sort(st.decls)
			st.src = linedSourceFrom(fset, file, p.files, st.decls, "", "")
			p.recordLiterals(st.src, st.decls, rf.LiteralNames, "")
		}
	}
	p.recordInits(fset, file, decls)
	p.recordVarStatements(file, varLines)
	undo()
	if trailing != nil {
		// The value is computed in a function of the value's own type, so
		// that the cell's goroutine is counted while it runs (a receive
		// may block) and the value keeps its methods for display.
		typ := trailingType
		if b, ok := typ.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
			typ = types.Default(typ)
		}
		name := fmt.Sprintf("goconc_value%d", p.cells)
		typeName := rewrite.TypeString(typ, qualifier(visible, hidden))
		line := max(fset.Position(trailing.Pos()).Line, 1)
		var expr bytes.Buffer
		printer.Fprint(&expr, fset, trailing)
		// The value is passed to the display through a variable: the
		// interpreter gives interpreted values their methods when they are
		// passed to compiled code from a variable, not from a call.
		out.steps = append(out.steps,
			step{src: fmt.Sprintf("var %s %s", name, typeName)},
			step{src: fmt.Sprintf("/*line %s:%d:1*/func %s_() %s { %s.Enter(\"\", nil); defer %s.Exit(); return %s\n}",
				file, line, name, typeName, runtimeName, runtimeName, expr.String())},
			step{src: fmt.Sprintf("%s = %s_()", name, name)})
		out.trailing = name
	}
	// The receivers of the cell's methods name its panics' frames, those
	// of a panic in the cell itself too.
	p.funcs.declare(decls)
	defined := map[string]bool{}
	for _, h := range hoisted {
		defined[h.name] = true
	}
	out.note = re.note(defined)
	out.commit = func() {
		for name, path := range visible {
			p.imports[name] = path
		}
		p.files[rewrite.EarlierCellFile(cell)] = file
		p.forget(redefined)
		for i, d := range p.decls {
			if src, ok := re.frozen[d.src]; ok {
				p.decls[i].src = src
			}
		}
		for name := range redefined {
			delete(p.gone, name)
		}
		for _, h := range hoisted {
			delete(p.gone, h.name)
		}
		maps.Copy(p.gone, re.why(defined))
		for _, ts := range typeSpecs(decls) {
			p.typeDecls[ts.Name.Name]++
		}
		for _, h := range hoisted {
			p.vars[h.name] = typeText[h.name]
			p.decls = append(p.decls, declSource{names: []string{h.name}, src: "var " + h.name + " " + typeText[h.name]})
		}
		p.decls = append(p.decls, sources...)
	}
	return out, nil
}

// packageVars is the set of package-level variables earlier cells
// declared.
func (p *program) packageVars() map[string]bool {
	vars := map[string]bool{}
	for name := range p.vars {
		vars[name] = true
	}
	for _, d := range p.decls {
		if strings.HasPrefix(d.src, "var") {
			for _, name := range d.names {
				vars[name] = true
			}
		}
	}
	return vars
}

// usesVars reports whether the values of a var declaration name one of
// vars, and not one of run, declared in the same evaluation.
func usesVars(g *ast.GenDecl, vars map[string]bool, run []string) bool {
	found := false
	for _, spec := range g.Specs {
		for _, v := range spec.(*ast.ValueSpec).Values {
			ast.Inspect(v, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && vars[id.Name] && !slices.Contains(run, id.Name) {
					found = true
				}
				return !found
			})
		}
	}
	return found
}

// definedVars lists the variables top-level statements define.
func definedVars(stmts []ast.Stmt) []*ast.Ident {
	var ids []*ast.Ident
	for _, s := range stmts {
		switch s := s.(type) {
		case *ast.AssignStmt:
			if s.Tok == token.DEFINE {
				for _, l := range s.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						ids = append(ids, id)
					}
				}
			}
		case *ast.DeclStmt:
			if g, ok := s.Decl.(*ast.GenDecl); ok && g.Tok == token.VAR {
				for _, spec := range g.Specs {
					ids = append(ids, spec.(*ast.ValueSpec).Names...)
				}
			}
		}
	}
	return ids
}

// forget drops earlier declarations of names a cell declares again: in a
// notebook, the newest definition wins.
func (p *program) forget(names map[string]bool) {
	kept := p.decls[:0]
	for _, d := range p.decls {
		drop := false
		for _, n := range d.names {
			if names[n] {
				drop = true
			}
		}
		if !drop {
			kept = append(kept, d)
		}
	}
	p.decls = kept
	for n := range names {
		delete(p.vars, n)
	}
}

// declaredFirst orders type and constant declarations so that each comes
// after the others of decls it names: Go lets a type use one declared
// below it (an embedded field, a pointer to a later struct); the
// interpreter, given them one at a time, does not. Declarations that name
// each other, directly or not, are given to it together, in one group:
// it then accepts them, but struct types that point to each other still
// get mismatched run-time types (a reflect.Set panic on assignment).
func declaredFirst(decls []*ast.GenDecl) [][]*ast.GenDecl {
	declares := map[string]int{} // name to the index of its declaration
	for i, d := range decls {
		for _, spec := range d.Specs {
			switch spec := spec.(type) {
			case *ast.TypeSpec:
				declares[spec.Name.Name] = i
			case *ast.ValueSpec:
				for _, n := range spec.Names {
					declares[n.Name] = i
				}
			}
		}
	}
	needs := make([]map[int]bool, len(decls))
	for i, d := range decls {
		needs[i] = map[int]bool{}
		ast.Inspect(d, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if j, ok := declares[id.Name]; ok && j != i {
					needs[i][j] = true
				}
			}
			return true
		})
	}
	var out [][]*ast.GenDecl
	done := make([]bool, len(decls))
	left := len(decls)
	for left > 0 {
		next := -1
		for i := range decls {
			if done[i] {
				continue
			}
			ready := true
			for j := range needs[i] {
				ready = ready && done[j]
			}
			if ready {
				next = i
				break
			}
		}
		if next >= 0 {
			done[next] = true
			left--
			out = append(out, []*ast.GenDecl{decls[next]})
			continue
		}
		// A cycle: the first declaration left and all it needs, that is
		// not declared yet, go together, in their order.
		first := -1
		for i := range decls {
			if !done[i] {
				first = i
				break
			}
		}
		group := map[int]bool{first: true}
		for queue := []int{first}; len(queue) > 0; queue = queue[1:] {
			for j := range needs[queue[0]] {
				if !done[j] && !group[j] {
					group[j] = true
					queue = append(queue, j)
				}
			}
		}
		var together []*ast.GenDecl
		for i := range decls {
			if group[i] {
				done[i] = true
				left--
				together = append(together, decls[i])
			}
		}
		out = append(out, together)
	}
	return out
}

// unusedImports returns the Go compiler's error for each of imports that
// the cell, checked as info, does not use. The checker cannot tell, since
// every cell is checked with all the session's imports.
func unusedImports(fset *token.FileSet, imports []*ast.ImportSpec, imp *typesImporter, info *types.Info) diagnostics {
	used := map[string]bool{}
	for id, obj := range info.Uses {
		if pn, ok := obj.(*types.PkgName); ok && fset.Position(id.Pos()).Filename == cellFile {
			used[pn.Name()] = true
		}
	}
	var errs diagnostics
	for _, spec := range imports {
		path, _ := strconv.Unquote(spec.Path.Value)
		name := importName(spec, path, imp)
		if name == "_" || name == "." || used[name] {
			continue
		}
		msg := strconv.Quote(path) + " imported and not used"
		if spec.Name != nil {
			msg = fmt.Sprintf("%q imported as %s and not used", path, name)
		}
		errs = append(errs, types.Error{Fset: fset, Pos: spec.Pos(), Msg: msg})
	}
	return errs
}

// check type-checks the cell's declarations and statement chunks against
// the earlier cells. It returns the cell's own errors; errCannotCheck
// when packages could not be loaded.
func (p *program) check(fset *token.FileSet, imp *typesImporter, visible map[string]string, redefined map[string]bool,
	decls []ast.Decl, chunks [][]ast.Stmt, trailing ast.Expr) (*types.Info, diagnostics, error) {

	importDecls := func() []ast.Decl {
		d := &ast.GenDecl{Tok: token.IMPORT}
		names := make([]string, 0, len(visible))
		for name := range visible {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			d.Specs = append(d.Specs, &ast.ImportSpec{Name: ast.NewIdent(name), Path: &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(visible[name])}})
		}
		if len(d.Specs) == 0 {
			return nil
		}
		return []ast.Decl{d}
	}

	// Earlier cells, less what this one redefines.
	var prev strings.Builder
	prev.WriteString("package main\n")
	for _, d := range p.decls {
		skip := false
		for _, n := range d.names {
			if redefined[n] {
				skip = true
			}
		}
		if !skip {
			prev.WriteString(d.at + d.src + "\n")
		}
	}
	prevFile, err := parser.ParseFile(fset, "earlier cells", prev.String(), parser.SkipObjectResolution)
	if err != nil {
		return nil, nil, fmt.Errorf("re-reading earlier cells: %w", err)
	}
	prevFile.Decls = append(importDecls(), prevFile.Decls...)

	cell := &ast.File{Name: ast.NewIdent("main"), Decls: importDecls()}
	cell.Decls = append(cell.Decls, decls...)
	for i, c := range chunks {
		body := append([]ast.Stmt(nil), c...)
		if i == len(chunks)-1 && trailing != nil {
			body = append(body, useExpr(trailing))
		}
		cell.Decls = append(cell.Decls, &ast.FuncDecl{
			Name: ast.NewIdent(fmt.Sprintf("goconc_chunk%d", i)),
			Type: &ast.FuncType{Params: &ast.FieldList{}},
			Body: &ast.BlockStmt{List: body},
		})
	}
	if len(chunks) == 0 && trailing != nil {
		cell.Decls = append(cell.Decls, &ast.FuncDecl{
			Name: ast.NewIdent("goconc_trailing"),
			Type: &ast.FuncType{Params: &ast.FieldList{}},
			Body: &ast.BlockStmt{List: []ast.Stmt{useExpr(trailing)}},
		})
	}

	info := &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Scopes:       map[ast.Node]*types.Scope{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		Instances:    map[*ast.Ident]types.Instance{},
		FileVersions: map[*ast.File]string{},
	}
	var errs diagnostics
	unavailable := false
	conf := types.Config{
		Importer: imp,
		Error: func(err error) {
			te, ok := err.(types.Error)
			if !ok {
				return
			}
			pos := fset.Position(te.Pos)
			switch {
			case strings.Contains(te.Msg, "could not import"):
				unavailable = true
			case trailing != nil && te.Pos == trailing.Pos() && strings.HasSuffix(te.Msg, "is not used"):
				// A trailing value is shown, so it is used.
			case strings.Contains(te.Msg, "imported and not used"), pos.Filename != cellFile:
				// Imports are shared by all cells; earlier cells were
				// checked when they ran.
			default:
				errs = append(errs, te)
			}
		},
	}
	conf.Check("main", fset, []*ast.File{prevFile, cell}, info)
	if unavailable {
		return nil, nil, errCannotCheck
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Pos < errs[j].Pos })
	return info, errs, nil
}

// useExpr makes a statement of an expression without "is not used"
// errors: calls stand alone, anything else is assigned to the blank.
func useExpr(e ast.Expr) ast.Stmt {
	if _, ok := ast.Unparen(e).(*ast.CallExpr); ok {
		return &ast.ExprStmt{X: e}
	}
	return &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent("_")}, Tok: token.ASSIGN, Rhs: []ast.Expr{e}}
}

// hoisted is a variable a cell's top-level statement defines.
type hoisted struct {
	name string
	typ  types.Type
	// carried is set for an earlier variable of a type declared again,
	// declared again with the new type and keeping its value.
	carried bool
}

// hoist lists the variables to declare at package level; broken names
// those whose type could not be known, because of an error reported for
// the statement that defines them.
func hoist(chunks [][]ast.Stmt, info *types.Info) (out []hoisted, broken map[string]bool) {
	broken = map[string]bool{}
	seen := map[string]bool{}
	add := func(id *ast.Ident) {
		obj := info.Defs[id]
		if obj == nil || id.Name == "_" || seen[id.Name] {
			return
		}
		typ := obj.Type()
		if b, ok := typ.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
			typ = types.Default(typ)
		}
		if typ == nil || typ == types.Typ[types.Invalid] {
			broken[id.Name] = true
			return
		}
		seen[id.Name] = true
		out = append(out, hoisted{name: id.Name, typ: typ})
	}
	for _, c := range chunks {
		for _, id := range definedVars(c) {
			add(id)
		}
	}
	return out, broken
}

// assignHoisted turns a top-level definition into an assignment to the
// package-level variables it now names.
func assignHoisted(s ast.Stmt, info *types.Info) ast.Stmt {
	switch s := s.(type) {
	case *ast.AssignStmt:
		if s.Tok == token.DEFINE {
			s.Tok = token.ASSIGN
		}
	case *ast.DeclStmt:
		g, ok := s.Decl.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			return s
		}
		var list []ast.Stmt
		for _, spec := range g.Specs {
			vs := spec.(*ast.ValueSpec)
			lhs := make([]ast.Expr, len(vs.Names))
			for i, id := range vs.Names {
				lhs[i] = id
			}
			rhs := vs.Values
			if len(rhs) == 0 {
				// var x T: the zero value, even when the cell runs again.
				for range vs.Names {
					rhs = append(rhs, &ast.StarExpr{X: &ast.CallExpr{Fun: ast.NewIdent("new"), Args: []ast.Expr{vs.Type}}})
				}
			} else if vs.Type != nil && len(rhs) == len(lhs) {
				for i, v := range rhs {
					rhs[i] = &ast.CallExpr{Fun: &ast.ParenExpr{X: vs.Type}, Args: []ast.Expr{v}}
				}
			}
			list = append(list, &ast.AssignStmt{Lhs: lhs, TokPos: vs.Pos(), Tok: token.ASSIGN, Rhs: rhs})
		}
		if len(list) == 1 {
			return list[0]
		}
		return &ast.BlockStmt{List: list}
	}
	return s
}

// qualifier names packages in type expressions by the names cells import
// them under, inventing a hidden import for a package no cell imported.
func qualifier(visible, hidden map[string]string) types.Qualifier {
	return func(pkg *types.Package) string {
		if pkg.Path() == "main" {
			return ""
		}
		for name, path := range visible {
			if path == pkg.Path() {
				return name
			}
		}
		if name, ok := hidden[pkg.Path()]; ok {
			return name
		}
		name := "goconc_" + strings.NewReplacer("/", "_", ".", "_", "-", "_").Replace(pkg.Path())
		hidden[pkg.Path()] = name
		return name
	}
}

func importName(spec *ast.ImportSpec, importPath string, imp *typesImporter) string {
	if spec.Name != nil {
		return spec.Name.Name
	}
	if pkg, err := imp.Import(importPath); err == nil {
		return pkg.Name()
	}
	return path.Base(importPath)
}

// declNames lists what declarations declare, for redefinition.
func declNames(decls []ast.Decl) map[string]bool {
	names := map[string]bool{}
	for _, d := range decls {
		for _, n := range namesOf(d) {
			names[n] = true
		}
	}
	return names
}

func namesOf(d ast.Decl) []string {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv != nil && len(d.Recv.List) > 0 {
			return []string{receiverName(d.Recv.List[0].Type) + "." + d.Name.Name}
		}
		return []string{d.Name.Name}
	case *ast.GenDecl:
		var names []string
		for _, spec := range d.Specs {
			switch s := spec.(type) {
			case *ast.TypeSpec:
				names = append(names, s.Name.Name)
			case *ast.ValueSpec:
				for _, id := range s.Names {
					names = append(names, id.Name)
				}
			}
		}
		return names
	}
	return nil
}

func receiverName(e ast.Expr) string {
	if id := receiverIdent(e); id != nil {
		return id.Name
	}
	return ""
}

// chunkFunc prints a chunk of statements as a function for the
// interpreter, with the statements of after, if any, at its end.
func chunkFunc(fset *token.FileSet, file, name string, stmts []ast.Stmt, after string) string {
	nodes := make([]ast.Node, len(stmts))
	for i, s := range stmts {
		nodes[i] = s
	}
	head := fmt.Sprintf("func %s() { %s.Enter(\"\", nil); defer %s.Exit(); ", name, runtimeName, runtimeName)
	return linedSource(fset, file, nodes, head, after+"}")
}

// endsWithMainCall reports whether a chunk of statements ends with a call
// of the program's main function (renamed MainName): in a program run
// from a file, the cell that runs it.
func endsWithMainCall(info *types.Info, stmts []ast.Stmt) bool {
	if len(stmts) == 0 {
		return false
	}
	es, ok := stmts[len(stmts)-1].(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return false
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || id.Name != MainName {
		return false
	}
	_, isFunc := info.Uses[id].(*types.Func)
	return isFunc
}

// stmtNodes returns stmts as nodes.
func stmtNodes(stmts []ast.Stmt) []ast.Node {
	nodes := make([]ast.Node, len(stmts))
	for i, s := range stmts {
		nodes[i] = s
	}
	return nodes
}

// linedSource prints nodes between head and tail for the interpreter,
// after a line directive that puts the first on its cell line. Each node
// is placed on its cell line where the printed nodes before it leave room,
// and after a line directive of its own where they took its line (nodes
// out of the cell's order).
func linedSource(fset *token.FileSet, file string, nodes []ast.Node, head, tail string) string {
	return linedSourceFrom(fset, file, nil, nodes, head, tail)
}

// linedSourceFrom is linedSource for nodes some of which come from
// earlier cells (copies, redeclare.go): files gives, for the file their
// positions name, the file the interpreter knows the cell by, which their
// line directives then name.
func linedSourceFrom(fset *token.FileSet, file string, files map[string]string, nodes []ast.Node, head, tail string) string {
	var b strings.Builder
	fileOf := func(n ast.Node) string {
		if f, ok := files[fset.Position(n.Pos()).Filename]; ok {
			return f
		}
		return file
	}
	line := max(fset.Position(nodes[0].Pos()).Line, 1)
	current := fileOf(nodes[0])
	fmt.Fprintf(&b, "/*line %s:%d:1*/%s", current, line, head)
	cfg := printer.Config{Mode: printer.TabIndent, Tabwidth: 8}
	for _, n := range nodes {
		want := fset.Position(n.Pos()).Line
		switch f := fileOf(n); {
		case f != current:
			fmt.Fprintf(&b, "/*line %s:%d:1*/", f, max(want, 1))
			line, current = max(want, 1), f
		case want > line:
			b.WriteString(strings.Repeat("\n", want-line))
			line = want
		case want > 0 && want < line:
			fmt.Fprintf(&b, "/*line %s:%d:1*/", file, want)
			line = want
		}
		var text bytes.Buffer
		if err := cfg.Fprint(&text, fset, n); err != nil {
			fmt.Fprintf(&text, "/* %v */", err)
		}
		b.Write(text.Bytes())
		b.WriteString("\n")
		line += bytes.Count(text.Bytes(), []byte("\n")) + 1
	}
	b.WriteString(tail)
	return b.String()
}

// lineDirective makes what follows it carry its position in the cell.
func lineDirective(code string, offset int) string {
	line := strings.Count(code[:offset], "\n") + 1
	col := offset - strings.LastIndexByte(code[:offset], '\n')
	return fmt.Sprintf("/*line %s:%d:%d*/", cellFile, line, col)
}

// printNode prints a node after a line directive that gives its position
// in the cell, so that the interpreter reports positions in the cell. The
// printer keeps the node's line breaks, so the lines after the first
// keep their numbers too.
func printNode(fset *token.FileSet, file string, node ast.Node) string {
	return printNodeFrom(fset, file, nil, node)
}

// printNodeFrom is printNode for a node that may come from an earlier
// cell (see linedSourceFrom).
func printNodeFrom(fset *token.FileSet, file string, files map[string]string, node ast.Node) string {
	var b bytes.Buffer
	if pos := fset.Position(node.Pos()); pos.Filename == cellFile {
		fmt.Fprintf(&b, "/*line %s:%d:%d*/", file, pos.Line, pos.Column)
	} else if f, ok := files[pos.Filename]; ok {
		fmt.Fprintf(&b, "/*line %s:%d:%d*/", f, pos.Line, pos.Column)
	}
	cfg := printer.Config{Mode: printer.TabIndent, Tabwidth: 8}
	if err := cfg.Fprint(&b, fset, node); err != nil {
		return fmt.Sprintf("/* %v */", err)
	}
	return b.String()
}

// compileError reports a cell's type errors the way the Go compiler
// prints them, with their line and column in the cell.
func compileError(fset *token.FileSet, diags diagnostics, names sourceNames, cell uint64) *CellError {
	const most = 10
	tb := make([]string, 0, len(diags))
	for i, d := range diags {
		if i == most {
			tb = append(tb, fmt.Sprintf("(and %d more)", len(diags)-most))
			break
		}
		pos := fset.Position(d.Pos)
		tb = append(tb, names.position(cell, pos.Line, pos.Column)+": "+d.Msg)
	}
	pos := fset.Position(diags[0].Pos)
	return &CellError{
		Name:      "CompileError",
		Value:     fmt.Sprintf("%d:%d: %s", pos.Line, pos.Column, diags[0].Msg),
		Traceback: tb,
	}
}

// isDisplayHandle reports whether t is *display.Handle, which the display
// functions return after showing their output.
func isDisplayHandle(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := p.Elem().(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "goconc/display" && n.Obj().Name() == "Handle"
}

// zeroValued reports whether a var declaration gives no values: its
// variables start at their zero values.
func zeroValued(g *ast.GenDecl) bool {
	for _, spec := range g.Specs {
		if vs, ok := spec.(*ast.ValueSpec); ok && len(vs.Values) > 0 {
			return false
		}
	}
	return true
}

// unnameParams drops the names of the parameters and results of the
// function types in a declared variable's type, in place, and reports
// whether there were any. The interpreter orders package-level variables
// by the names their declarations use, and takes a parameter named like
// an earlier cell's variable for a use of it: "var worker func(ctx
// context.Context)" after "ctx := ..." was "a variable definition loop".
func unnameParams(typ ast.Expr) bool {
	changed := false
	ast.Inspect(typ, func(n ast.Node) bool {
		ft, ok := n.(*ast.FuncType)
		if !ok {
			return true
		}
		for _, list := range []*ast.FieldList{ft.Params, ft.Results} {
			if list == nil {
				continue
			}
			var fields []*ast.Field
			for _, f := range list.List {
				if len(f.Names) == 0 {
					fields = append(fields, f)
					continue
				}
				changed = true
				for range f.Names {
					fields = append(fields, &ast.Field{Type: f.Type})
				}
			}
			list.List = fields
		}
		return true
	})
	return changed
}

// placeHelpers adds the conversion functions of a cell's calls of fmt
// (rewrite.File.Helpers) to its steps. They call the methods of the
// cell's types, which the interpreter must know before it reads them: so
// they go in with the cell's last function declarations, or, in a cell
// declaring no functions, before its statements (from first on).
func placeHelpers(steps []step, first int, helpers []ast.Decl) []step {
	if len(helpers) == 0 {
		return steps
	}
	nodes := make([]ast.Node, len(helpers))
	for i, d := range helpers {
		nodes[i] = d
	}
	for i := len(steps) - 1; i >= first; i-- {
		if steps[i].decls != nil {
			steps[i].decls = append(steps[i].decls, nodes...)
			return steps
		}
	}
	return slices.Insert(steps, first, step{decls: nodes})
}

// genericTypes returns the names of the generic types decls declare.
func genericTypes(decls []ast.Decl) map[string]bool {
	names := map[string]bool{}
	for _, d := range decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE {
			continue
		}
		for _, spec := range g.Specs {
			if ts := spec.(*ast.TypeSpec); ts.TypeParams != nil {
				names[ts.Name.Name] = true
			}
		}
	}
	return names
}

// mentions reports whether t is or holds one of the cells' types named
// in names (an instance of it, for a generic type).
func mentions(t types.Type, names map[string]bool, seen map[types.Type]bool) bool {
	if len(names) == 0 || seen[t] {
		return false
	}
	seen[t] = true
	switch t := t.(type) {
	case *types.Named:
		if obj := t.Obj(); obj.Pkg() != nil && obj.Pkg().Path() == "main" && names[obj.Name()] {
			return true
		}
		for i := 0; i < t.TypeArgs().Len(); i++ {
			if mentions(t.TypeArgs().At(i), names, seen) {
				return true
			}
		}
	default:
		for _, part := range rewrite.TypeParts(t) {
			if mentions(part, names, seen) {
				return true
			}
		}
	}
	return false
}

// placeLate places the declarations of variables of instances of the
// cell's generic types (early, as steps) after the last declarations of
// the cell that declare methods of those types, since the interpreter gives an instance
// only the methods declared before its first use ("undefined selector"
// for the methods of a type the cell both declares and instantiates).
// Where a statement of the cell comes before those methods, the
// variables stay before the cell's own steps, where every variable goes.
// It returns the steps and how many it put before the first.
func placeLate(steps []step, first int, early []step, generic map[string]bool) ([]step, int) {
	if len(early) == 0 {
		return steps, 0
	}
	last := -1
	for i := first; i < len(steps); i++ {
		if steps[i].decls == nil {
			if last < 0 && steps[i].src != "" {
				break // a statement before any method
			}
			continue
		}
		for _, d := range steps[i].decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && len(fd.Recv.List) > 0 && generic[receiverName(fd.Recv.List[0].Type)] {
				last = i
			}
		}
	}
	if last < 0 {
		return slices.Insert(steps, first, early...), len(early)
	}
	// Steps of their own: a method's receiver named as a variable is
	// taken for it when the two are declared in one evaluation.
	return slices.Insert(steps, last+1, early...), 0
}

// isTuple reports whether t is the type of a multi-value expression.
func isTuple(t types.Type) bool {
	_, ok := t.(*types.Tuple)
	return ok
}

// asAny lists decls as the values of a cell's order.
func asAny(decls []ast.Decl) []any {
	out := make([]any, len(decls))
	for i, d := range decls {
		out[i] = d
	}
	return out
}

// functionsFirst moves the functions and methods a cell declares after
// its first statements to before them: the statements may call them, as
// main may call a function declared below it, and would otherwise run
// before the interpreter has them (undefined, or the earlier declaration
// of the name). A cell that declares package-level variables keeps its
// order: the functions may use them, and their initializers run in the
// cell's order. Init functions keep their place, where they run.
func functionsFirst(order []any) []any {
	first := -1
	for i, o := range order {
		switch o := o.(type) {
		case int:
			if first < 0 {
				first = i
			}
		case *ast.GenDecl:
			if o.Tok == token.VAR {
				return order
			}
		}
	}
	if first < 0 {
		return order
	}
	isFunc := func(o any) bool {
		fd, ok := o.(*ast.FuncDecl)
		return ok && !isInitDecl(fd)
	}
	out := slices.Clone(order[:first])
	for _, o := range order[first:] {
		if isFunc(o) {
			out = append(out, o)
		}
	}
	for _, o := range order[first:] {
		if !isFunc(o) {
			out = append(out, o)
		}
	}
	return out
}

// inInitOrder orders each run of package-level variable declarations
// that run as statements (in varStatements) as Go initializes
// package-level variables: each after those its initializer names, and
// otherwise in the order they are written. Go's order holds for the
// cell's variables that stay declarations too (rewrite.NewInitOrder).
func inInitOrder(stmts []ast.Stmt, varStatements map[ast.Stmt]bool) []ast.Stmt {
	out := slices.Clone(stmts)
	for i := 0; i < len(out); {
		j := i
		for j < len(out) && varStatements[out[j]] {
			j++
		}
		if j-i > 1 {
			copy(out[i:j], dependenciesFirst(out[i:j]))
		}
		i = max(j, i+1)
	}
	return out
}

// dependenciesFirst orders variable declarations so that each comes
// after those of them its values name, keeping their order otherwise. In
// a loop (an error the checker reports) the rest keep their order.
func dependenciesFirst(run []ast.Stmt) []ast.Stmt {
	declaredBy := map[string]int{}
	for i, s := range run {
		for _, spec := range s.(*ast.DeclStmt).Decl.(*ast.GenDecl).Specs {
			for _, id := range spec.(*ast.ValueSpec).Names {
				declaredBy[id.Name] = i
			}
		}
	}
	needs := make([][]int, len(run))
	for i, s := range run {
		for _, spec := range s.(*ast.DeclStmt).Decl.(*ast.GenDecl).Specs {
			for _, v := range spec.(*ast.ValueSpec).Values {
				ast.Inspect(v, func(n ast.Node) bool {
					if id, ok := n.(*ast.Ident); ok {
						if j, ok := declaredBy[id.Name]; ok && j != i {
							needs[i] = append(needs[i], j)
						}
					}
					return true
				})
			}
		}
	}
	done := make([]bool, len(run))
	var out []ast.Stmt
	for len(out) < len(run) {
		next := -1
		for i := range run {
			if !done[i] && !slices.ContainsFunc(needs[i], func(j int) bool { return !done[j] }) {
				next = i
				break
			}
		}
		if next < 0 {
			next = slices.Index(done, false)
		}
		done[next] = true
		out = append(out, run[next])
	}
	return out
}
