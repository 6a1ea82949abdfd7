package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
)

// A File is one type-checked cell, in the parts the session runs it as.
// The passes change it in place.
type File struct {
	Fset    *token.FileSet
	Info    *types.Info     // types of the cell as it will run (Vars, Decls, Chunks, Trailing)
	Qualify types.Qualifier // how the cell names other packages
	Cell    int             // the cell's number in the session, for names the passes make
	Name    string          // the cell's source name for the interpreter ("cell3/_.go")

	Vars     []ast.Decl   // package-level declarations of the variables the statements define
	Decls    []ast.Decl   // the cell's declarations
	Chunks   [][]ast.Stmt // the cell's statements: each chunk runs as the body of a function
	Trailing ast.Expr     // the expression whose value the cell shows, or nil

	// ChunkFunc names the function chunk i of Chunks runs as.
	ChunkFunc func(i int) string
	// Callers and CallLines are what the session keeps across cells of
	// the functions that read their callers' lines and of the lines the
	// cells' functions call each other on; the passes add this cell's.
	Callers   CallerNeeds
	CallLines CallLines
	// LiteralNames, when not nil, gets the name Go gives each of the
	// cell's function literals (main.f.func1, main.f.func1.2), for
	// tracebacks: the interpreter names them all main.f.func.
	LiteralNames map[*ast.FuncLit]string
	// InitLiterals counts the function literals in the initializers of
	// the package-level variables of the session's cells, which Go
	// numbers across them (main.init.func1); the passes add this cell's.
	InitLiterals int
	// InitFuncs counts the init functions of the session's cells, which
	// Go numbers across them (main.init.0); the passes add this cell's.
	InitFuncs int
	// VarStatementLines are the lines, first and last, of the
	// package-level variable declarations of Chunks that run as
	// statements: Go runs them in main.init, and names the literals in
	// them with those of the initializers (InitLiterals).
	VarStatementLines [][2]int

	// Declarations is source the passes add, to be evaluated after the
	// cell's types and constants: types and methods the rewritten code
	// needs.
	Declarations []string

	rw *rewriter
}

// A Pass is one rewrite of a cell, as an analysis.Analyzer is one
// analysis: Name says what it is called, Doc which fault of the
// interpreter it works around and how, and Run changes the file.
type Pass struct {
	Name string
	Doc  string
	Run  func(*File)
}

// Rewrite runs the passes over f in order.
func Rewrite(f *File) {
	for _, p := range Passes {
		p.Run(f)
	}
}

// Helpers are the functions the rewritten calls of fmt use to convert
// values of the cell's types, declared by the passes; the session
// evaluates them with the cell's function declarations, since they call
// the cell's methods.
func (f *File) Helpers() []ast.Decl {
	if f.rw == nil || f.rw.fmtConv == nil {
		return nil
	}
	return f.rw.fmtConv.decls
}

// Prelude is source the session evaluates once, before any cell: the
// declarations the rewritten code uses besides package cellrt.
var Prelude = []string{concreteSource, atomicPointerSource, keysSource, compiledKeysSource}

// TypeString spells t as the interpreter must read it.
func TypeString(t types.Type, q types.Qualifier) string { return interpTypeString(t, q) }

// rewriter returns the state the passes share: the names made so far,
// the conversions fmt's calls need, ...
func (f *File) rewriter() *rewriter {
	if f.rw == nil {
		f.rw = &rewriter{fset: f.Fset, info: f.Info, qualify: f.Qualify, cell: f.Cell, file: f.Name}
	}
	return f.rw
}

// eachDecl applies a rewrite to each of the cell's declarations.
func (f *File) eachDecl(rewrite func(ast.Node)) {
	for _, d := range f.Decls {
		rewrite(d)
	}
}

// eachTopLevel applies a rewrite to the declarations of the variables the
// statements define, then to the cell's declarations.
func (f *File) eachTopLevel(rewrite func(ast.Node)) {
	for _, d := range f.Vars {
		rewrite(d)
	}
	f.eachDecl(rewrite)
}

// eachStmtOf applies a rewrite to each statement of the cell's chunks,
// which may change it in place but not replace it.
func (f *File) eachStmtOf(rewrite func(ast.Node)) {
	for _, c := range f.Chunks {
		for _, s := range c {
			rewrite(s)
		}
	}
}

// inBodies applies a rewrite to the cell's statements and its trailing
// expression, which run inside functions; the rewrite may replace either.
func (f *File) inBodies(rewrite func(ast.Node) ast.Node) {
	for _, c := range f.Chunks {
		for i, s := range c {
			c[i] = rewrite(s).(ast.Stmt)
		}
	}
	if f.Trailing != nil {
		f.Trailing = rewrite(f.Trailing).(ast.Expr)
	}
}

// everywhere applies a rewrite of whole function bodies to the
// declarations and the statements.
func (f *File) everywhere(rewrite func(ast.Node) ast.Node) {
	f.eachDecl(func(d ast.Node) { rewrite(d) })
	f.inBodies(rewrite)
}

// varsThenEverywhere returns the Run of a pass that rewrites, with
// rewrite, each package-level variable declaration of the cell, then
// everything else (see everywhere).
func varsThenEverywhere(rewrite func(*rewriter, ast.Node) ast.Node) func(*File) {
	return func(f *File) {
		rw := f.rewriter()
		for _, d := range f.Vars {
			rewrite(rw, d)
		}
		f.everywhere(func(n ast.Node) ast.Node { return rewrite(rw, n) })
	}
}

// declsThenChunks returns the Run of a pass that rewrites each of the
// cell's declarations with decl, then each chunk of its statements, as
// the body of the function it runs as, with chunk.
func declsThenChunks(decl func(*rewriter, ast.Node), chunk func(*rewriter, []ast.Stmt) []ast.Stmt) func(*File) {
	return func(f *File) {
		rw := f.rewriter()
		f.eachDecl(func(d ast.Node) { decl(rw, d) })
		for k := range f.Chunks {
			f.Chunks[k] = chunk(rw, f.Chunks[k])
		}
	}
}

// eachStmt makes a rewrite of one node a rewrite of a chunk: each of its
// statements in turn.
func eachStmt(rewrite func(*rewriter, ast.Node)) func(*rewriter, []ast.Stmt) []ast.Stmt {
	return func(rw *rewriter, stmts []ast.Stmt) []ast.Stmt {
		for _, s := range stmts {
			rewrite(rw, s)
		}
		return stmts
	}
}

// Passes are the rewrites, in the order they run. Generic functions are
// copied per instance before them (Monomorphise), since the passes need
// every expression's type.
var Passes = []*Pass{
	{
		Name: "gowraps",
		Doc: "numbers the wrappers Go's compiler makes for go and defer statements in each function, " +
			"for the name of the frame a goroutine that panics in a builtin (go panic(v), go close(ch)) " +
			"has in Go's report (main.main.gowrap1), which the interpreter has no frame for. It changes nothing.",
		Run: func(f *File) { f.rewriter().numberGoWraps(f.Decls, f.Chunks, f.ChunkFunc) },
	},
	{
		Name: "callers",
		Doc: "finds the functions that read their callers' lines (runtime.Caller(k), " +
			"log.Output(k+1)) or their whole stack (runtime.Stack, debug.Stack, debug.PrintStack) and the lines the cells' functions call each other on, for " +
			"callsites and for tracebacks: the interpreter keeps no call stack a program can read. " +
			"It changes nothing.",
		Run: func(f *File) {
			rw := f.rewriter()
			if f.Callers != nil {
				rw.findCallerNeeds(f.Decls, f.Chunks, f.Callers)
			}
			if f.CallLines != nil && f.ChunkFunc != nil {
				rw.recordCallLines(f.Decls, f.Chunks, f.ChunkFunc, f.InitLiterals, f.CallLines)
			}
		},
	},
	{
		Name: "multivalue",
		Doc: "package-level variables initialized together from one expression of several values " +
			"are declared without values and assigned by a variable of the pass's own, where their " +
			"initializer was: the interpreter rejects them when the function called is declared " +
			"after them, and gives functions compiled with them, called from a later evaluation, " +
			"invalid values for them.",
		Run: func(f *File) { f.rewriter().multiValueVars(f.Decls) },
	},
	{
		Name: "params",
		Doc: "parameters without names are named _: the interpreter stores their arguments in " +
			"a slot of the frame it meant for something else, and panics when the function calls " +
			"compiled code.",
		Run: varsThenEverywhere(func(_ *rewriter, n ast.Node) ast.Node { nameParams(n); return n }),
	},
	{
		Name: "namedresults",
		Doc: "functions and methods with named results start by setting them to their zero " +
			"values: the interpreter leaves them, on a call, as the previous call from the same " +
			"site left them.",
		Run: func(f *File) { f.eachDecl(f.rewriter().zeroNamedResults) },
	},
	{
		Name: "blanktypes",
		Doc: "package-level type declarations of the blank name (type _ int) are dropped: Go " +
			"lets nothing refer to them, and the interpreter's compiler rejects them.",
		Run: func(f *File) { f.Decls = withoutBlankTypes(f.Decls) },
	},
	{
		Name: "complexparts",
		Doc: "real and imag of a constant become the constant they are (real(C) is 10.0): " +
			"the interpreter's compiler computes them with reflect on what it keeps of the " +
			"constant, which is no complex number, and panics.",
		Run: varsThenEverywhere((*rewriter).constantComplexParts),
	},
	{
		Name: "constfold",
		Doc: "a boolean constant expression becomes its value, true or false (1<<100 > 1<<100-1), " +
			"and a constant expression that names an integer beyond int64 becomes its value, " +
			"converted to its type (2 * (1<<100) in a float64): the interpreter compares constants " +
			"on int64 and float64 values when the program runs, and makes such an integer an " +
			"int64 where a type is asked for, so its compiler stopped (\"overflows int64\") or a " +
			"comparison was false (1e400 > 1e399) (constfold.go).",
		Run: varsThenEverywhere((*rewriter).foldConstants),
	},
	{
		Name: "convnil",
		Doc: "a conversion to an interface type compared with nil (any(t) != nil, error(e) == nil) " +
			"becomes cellrt.ConvertedIsNil(x), which evaluates x and is false, for x of a type that is " +
			"no interface, and x compared with nil for an interface x: the interpreter asks reflect " +
			"whether the converted value is nil, and panics on a struct, number or string and takes " +
			"a nil pointer for a nil interface.",
		Run: varsThenEverywhere((*rewriter).convertedNils),
	},
	{
		Name: "comparetypes",
		Doc: "in == and != between two values of different types that are no interfaces, one " +
			"assignable to the other's type (a chan int and a <-chan int, a named type and its " +
			"unnamed underlying type), that operand is converted to the other's type: the " +
			"interpreter's compiler rejects the comparison as mismatched types.",
		Run: varsThenEverywhere((*rewriter).mixedComparisons),
	},
	{
		Name: "namedbasic",
		Doc: "values of method-less cell types with a basic, slice, map, array, pointer or " +
			"channel underlying type, and composites of them ([]Cents), go into " +
			"interfaces boxed (cellrt.Named), and assertions and type switches look inside: " +
			"the interpreter gives them their underlying type's run-time type.",
		Run: varsThenEverywhere((*rewriter).namedBasics),
	},
	{
		Name: "ifacelits",
		Doc: "a composite literal of a compiled struct type (time.Time{}, a box of namedbasic) " +
			"assigned to a variable of an empty interface type is converted to interface{} " +
			"first: the interpreter stores such a literal as the struct type, and the variable's " +
			"next assignment (nil, any other value) panics in reflect.Set.",
		Run: varsThenEverywhere((*rewriter).interfaceLiterals),
	},
	{
		Name: "arraylen",
		Doc: "len and cap of a pointer to an array that are no constants (len(f()), cap(<-c)) " +
			"become cellrt.ArrayLen(p, N), which evaluates p and gives the array's length: " +
			"the interpreter dereferences p and panics when it is nil.",
		Run: varsThenEverywhere((*rewriter).arrayPointerLens),
	},
	{
		Name: "deferrecover",
		Doc: "a function that defers recover() stops the panic it was deferred during when " +
			"it returns normally, as in Go; the interpreter's deferred recover stops nothing.",
		Run: func(f *File) { f.everywhere(f.rewriter().deferredRecovers) },
	},
	{
		Name: "rangefunc",
		Doc: "range over functions (iter.Seq) becomes a call with a yield closure, with break, " +
			"continue, labels and return carried through; the interpreter has no range-over-func.",
		Run: func(f *File) { f.everywhere(f.rewriter().rangeFuncs) },
	},
	{
		Name: "errorcompare",
		Doc: "== and != on two errors compare the cells' values (cellrt.ErrorsEqual): the " +
			"interpreter compares its wrappers of them.",
		Run: func(f *File) { f.everywhere(f.rewriter().errorComparisons) },
	},
	{
		Name: "typednil",
		Doc: "a nil pointer of a cell type becomes a non-nil error holding it (cellrt.NilError), " +
			"as in Go; the interpreter makes it a nil error.",
		Run: func(f *File) { f.everywhere(f.rewriter().typedNilErrors) },
	},
	{
		Name: "ifaceconv",
		Doc: "a conversion of a cell's value to a compiled interface with methods (error(v)), " +
			"and a composite literal assigned to one, go through a literal returning the " +
			"interface: the interpreter panics on the one and leaves the other without the " +
			"wrapper that gives compiled code its methods. A conversion of a value of a cell " +
			"type with methods to any other interface (any(c)), and such a value returned as one, " +
			"go through a variable of the interface type: the conversion alone loses the value's type.",
		Run: varsThenEverywhere((*rewriter).interfaceConversions),
	},
	{
		Name: "repeateddefers",
		Doc: "finds the defer statements one call of their function may run more than once " +
			"(in a loop, or in a function with labels), whose boxed arguments the calls pass " +
			"must keep apart, and the functions whose deferred calls all go through recover " +
			"relays (relay.go). It changes nothing.",
		Run: func(f *File) {
			rw := f.rewriter()
			f.everywhere(func(n ast.Node) ast.Node { rw.markRepeatedDefers(n); return n })
			declsThenChunks((*rewriter).markRelayedDefers, (*rewriter).relayedDeferStmts)(f)
		},
	},
	{
		Name: "calls",
		Doc: "one walk over every statement and call: select, sends, receives and sync waits " +
			"go to cellrt (the interpreter shares a select's cases among goroutines and cannot stop " +
			"a blocked goroutine); go statements run under a recover (from goconc_rt.Start, whose recover " +
			"is compiled code); range over integers, over " +
			"pointers to arrays, over a string's indexes alone (which the interpreter steps by byte), over a string " +
			"that may hold invalid UTF-8 (which the interpreter steps three bytes past each bad one), min, max, clear and new(expr) get equivalents the interpreter " +
			"supports; the sizes of make([]T, ...) are checked as Go's runtime checks them (reflect reports an " +
			"allocation too large without naming the length or the capacity); deferred calls evaluate their function and arguments at the defer; " +
			"printing calls of fmt and log see cell types' methods and names (the interpreter " +
			"drops them in compiled code, and reads a value that came through an any parameter " +
			"from the wrong frame); print, recover, runtime.Caller, runtime.Stack, debug.Stack and debug.PrintStack and unsafe's " +
			"String, Slice and their Data get Go's results; " +
			"errors.Is, As, Unwrap and Join see the cells' values in their wrappers; " +
			"compiled packages' variables are assigned through their address (the interpreter " +
			"takes them for constants); deferred calls recover through relays where the " +
			"interpreter's recover sees no panic; assignments of several values to interfaces go " +
			"through typed temporaries and switches on interfaces compare with == (the " +
			"interpreter loses values and converts the tag to the cases' types).",
		Run: func(f *File) {
			rw := f.rewriter()
			f.eachTopLevel(func(d ast.Node) { ast.Inspect(d, rw.visit) })
			for k := range f.Chunks {
				f.Chunks[k] = rw.list(f.Chunks[k])
				for _, s := range f.Chunks[k] {
					ast.Inspect(s, rw.visit)
				}
			}
		},
	},
	{
		Name: "receives",
		Doc: "the receive expressions the calls pass left become cellrt.Recv calls, so that a " +
			"blocked receive can be stopped and counted for deadlocks. The trailing expression " +
			"gets the calls pass here, after its receives.",
		Run: func(f *File) {
			rw := f.rewriter()
			f.eachDecl(rw.recvExprs)
			f.eachStmtOf(rw.recvExprs)
			if f.Trailing != nil {
				if u, ok := ast.Unparen(f.Trailing).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
					if elem, ok := rw.chanElem(u.X); ok {
						f.Trailing = rw.recvExpr(u, elem)
					}
				}
				rw.recvExprs(f.Trailing)
				ast.Inspect(f.Trailing, rw.visit)
			}
		},
	},
	{
		Name: "conditions",
		Doc: "a type assertion standing alone as a condition (if v.(bool), a received bool) " +
			"becomes c == true: the interpreter takes it for true whatever the value.",
		Run: func(f *File) { f.everywhere(f.rewriter().assertedConditions) },
	},
	{
		Name: "ifaceequal",
		Doc: "a value of a cell type with methods compared with an interface (s == Running, " +
			"s an any, State a type with a String method) is compared with the interface " +
			"asserted to its type: the interpreter keeps, in an interface, the node that " +
			"converted the value, and == compares that too. Two interfaces compared with each " +
			"other (a == b, both any) compare the values of the cell's types with methods they " +
			"hold.",
		Run: varsThenEverywhere((*rewriter).interfaceComparisons),
	},
	{
		Name: "blankfields",
		Doc: "comparisons of values of a type with blank fields (struct{ _, a int }) compare " +
			"the other fields, and keys of maps keyed by such a type have their blank fields " +
			"zeroed, and two interfaces that may hold such values compare them so: Go leaves " +
			"blank fields out of ==, the interpreter compares them.",
		Run: varsThenEverywhere((*rewriter).blankComparisons),
	},
	{
		Name: "mapkeys",
		Doc: "a key of a map with empty interface keys that may hold a value of a cell type " +
			"with methods and a basic underlying type (an enum) goes through goconc_intern, " +
			"which gives one interface value for each value: the interpreter keeps, in an " +
			"interface, the node that converted the value, and the map compares that too.",
		Run: varsThenEverywhere((*rewriter).mapKeys),
	},
	{
		Name: "methodvalues",
		Doc: "method values copy their receiver when made, and method expressions become " +
			"literals: the interpreter reads the receiver when the value is called, and fails " +
			"on method expressions used as values.",
		Run: func(f *File) {
			rw := f.rewriter()
			rw.findRecoveringMethods(f.Decls)
			f.everywhere(rw.methodValues)
		},
	},
	{
		Name: "loopvar",
		Doc: "loop variables that escape become per-iteration variables (Go 1.22); the " +
			"interpreter gives a variable fresh storage each time its definition runs, but closures " +
			"read the creating frame when they run.",
		Run: declsThenChunks((*rewriter).captureLoopVars, eachStmt((*rewriter).captureLoopVars)),
	},
	{
		Name: "genericlits",
		Doc: "in methods of generic types, composite literals of generic types become a " +
			"variable set field by field: the interpreter stops without a word or builds later " +
			"values with the wrong field types.",
		Run: func(f *File) { f.eachDecl(f.rewriter().genericLiterals) },
	},
	{
		Name: "closures",
		Doc: "every function literal that can outlive its evaluation is made in a fresh frame: " +
			"the interpreter keeps a literal's value in a slot of the creating frame, which each " +
			"call puts back on return, so a loop starting goroutines could start an older closure.",
		Run: func(f *File) {
			f.eachTopLevel(func(d ast.Node) { closureFrames(d, false) })
			f.inBodies(func(n ast.Node) ast.Node {
				closureFrames(n, true)
				return n
			})
		},
	},
	{
		Name: "instantiate",
		Doc: "every use of a generic function the cells declare names all its type arguments, " +
			"which go/types inferred: the interpreter infers them wrongly.",
		Run: func(f *File) { f.everywhere(f.rewriter().instantiate) },
	},
	{
		Name: "stdgeneric",
		Doc: "uses of the generic functions of slices, maps, cmp and sync become literals made " +
			"from our own source for their type arguments, and iter.Seq and atomic.Pointer the " +
			"types they stand for: the interpreter's symbol tables cannot hold generic functions.",
		Run: varsThenEverywhere((*rewriter).stdGenericUses),
	},
	{
		Name: "assert",
		Doc: "type assertions and switches to interfaces a cell declares check method sets " +
			"through the runtime, and assertions of nil to interfaces fail as in Go; the " +
			"interpreter dereferences nil and cannot see cell types' methods from compiled code. " +
			"Switches with a variable and a case of a cell's struct type with methods find the " +
			"case by assertions: the interpreter's switch misses such a value that came through " +
			"an any parameter.",
		Run: declsThenChunks((*rewriter).assertions, (*rewriter).assertionStmts),
	},
	{
		Name: "nestedpanic",
		Doc: "a panicking deferred call no longer skips the function's other deferred calls, " +
			"and a later recover returns the new panic: the interpreter abandons them.",
		Run: declsThenChunks((*rewriter).nestedPanics, (*rewriter).nestedPanicStmts),
	},
	{
		Name: "bounds",
		Doc: "index, slice and division expressions get Go's checks and messages " +
			"(cellrt.BoundsError); the interpreter's panics come from reflect, without the values.",
		Run: declsThenChunks((*rewriter).boundsChecks, (*rewriter).boundsStmts),
	},
	{
		Name: "callsites",
		Doc: "calls of functions that read their callers' lines record their site while " +
			"they run (goconc_rt.PushSite, PopSite), which goconc_rt.Caller and the stack readers read.",
		Run: func(f *File) {
			varsThenEverywhere(func(rw *rewriter, n ast.Node) ast.Node { return rw.callSites(n, f.Callers) })(f)
		},
	},
	{
		Name: "arrayaddr",
		Doc: "&p[i] through a pointer to an array becomes &(*p)[i]: the interpreter cannot " +
			"take the address of an element indexed through the pointer.",
		Run: varsThenEverywhere(func(rw *rewriter, n ast.Node) ast.Node { rw.arrayElemAddrs(n); return n }),
	},
	{
		Name: "funcvalues",
		Doc: "functions the cells declare, named as values outside calls, are converted to " +
			"their own types: before it has compiled a function's body, the interpreter gives " +
			"the function named as a value as its own node, which interfaces then hold (no " +
			"assertion to the function's type matches) and reflect.Set refuses.",
		Run: varsThenEverywhere(func(rw *rewriter, n ast.Node) ast.Node { rw.funcValues(n); return n }),
	},
	{
		Name: "funcappend",
		Doc: "functions the cells declare, appended to a slice by name, are converted to the " +
			"slice's element type: the interpreter appends its own node for them, and reflect.Set panics.",
		Run: varsThenEverywhere(func(rw *rewriter, n ast.Node) ast.Node { rw.funcAppends(n); return n }),
	},
	{
		Name: "recoverdone",
		Doc: "a function that calls recover defers goconc_rt.RecoverDone, so that a panic " +
			"starting after it recovered one is reported as Go reports it ([recovered], " +
			"[recovered, repanicked]) only while it runs: the interpreter keeps no chain of panics.",
		Run: func(f *File) {
			f.eachDecl(recoverDones)
			f.inBodies(func(n ast.Node) ast.Node { recoverDones(n); return n })
		},
	},
	{
		Name: "framelines",
		Doc: "functions that call a function of the cells on two lines, or through a function " +
			"value or an interface, keep the line of their latest call and hand it to the engine " +
			"as a panic leaves them (goconc_rt.FrameLine), for the traceback's outer frames: the " +
			"interpreter reports no line for them, and the table of calls gives one only for a " +
			"callee called on one line. A go statement's literal hands its line and name to the " +
			"recover guarding the goroutine (goconc_rt.WithStackAt), whose frame the interpreter " +
			"never reports, and each go statement names the function that holds it to goconc_rt.Spawn, " +
			"for the \"created by\" line of the goroutine's report. A function whose first statement holds a literal starts with a " +
			"declaration, since the interpreter names its frames after the first node it runs. " +
			"A function that defers a call and can return from several lines notes the line of " +
			"each return as it runs it (goconc_rt.Returning), for the frame of a deferred call's panic.",
		Run: func(f *File) { f.rewriter().frameLines(f) },
	},
	{
		Name: "structtags",
		Doc: "each cell struct type's first field, a function's own types' too, gets a tag naming the type: the interpreter " +
			"builds a struct's run-time type from its fields, so two types with the same fields " +
			"were one; and unexported fields, which the interpreter exports, get json:\"-\" and xml:\"-\" (structtags.go).",
		Run: func(f *File) {
			tagStructTypes(f.Decls)
			f.everywhere(func(n ast.Node) ast.Node { tagLocalStructTypes(n); return n })
		},
	},
	{
		Name: "consts",
		Doc: "a cell's top-level constants are declared with the values the checker computed: " +
			"the interpreter reports a definition loop for some constant expressions Go allows " +
			"(a repeated conversion of iota, len of an array field).",
		Run: func(f *File) {
			rw := f.rewriter()
			f.eachDecl(func(d ast.Node) {
				if g, ok := d.(*ast.GenDecl); ok {
					rw.constValues(g)
				}
			})
		},
	},
	{
		Name: "typecycles",
		Doc: "struct types that lead to one another are first used, after the cell's types, " +
			"through a member every cycle passes through: the interpreter builds the run-time " +
			"types of such a group right only from there, and otherwise gives fields the wrong " +
			"type (reflect.Set panics on assignment).",
		Run: func(f *File) { f.Declarations = append(f.Declarations, f.rewriter().typeCycleStarts(f.Decls)...) },
	},
	{
		Name: "boxes",
		Doc: "the box types namedbasic's values go in are declared with the cell's types, " +
			"and those of the composite types of them the cell boxes.",
		Run: func(f *File) {
			rw := f.rewriter()
			f.Declarations = append(f.Declarations, rw.boxTypes(f.Decls)...)
			f.Declarations = append(f.Declarations, rw.compositeBoxTypes()...)
		},
	},
	{
		Name: "promoted",
		Doc: "structs embedding compiled types get their promoted methods declared; the " +
			"interpreter ignores them when converting to an interface.",
		Run: func(f *File) { f.Declarations = append(f.Declarations, f.rewriter().promotedMethods(f.Decls)...) },
	},
	{
		Name: "self",
		Doc: "each cell type with methods gets goconc_self, through which cellrt finds " +
			"the cell's value inside the interpreter's wrappers of compiled interfaces.",
		Run: func(f *File) { f.Declarations = append(f.Declarations, f.rewriter().selfMethods(f.Decls)...) },
	},
	{
		Name: "panicsites",
		Doc: "each panic statement is preceded by a record of its line, so that the panic's " +
			"report names the cell line; the interpreter reports none.",
		Run: func(f *File) {
			mark := func(n ast.Node) { markPanicSites(f.Fset, f.Name, n) }
			f.eachTopLevel(mark)
			for k, c := range f.Chunks {
				// As a body: a check the engine put before a statement
				// at the chunk's top level takes that statement's line.
				body := &ast.BlockStmt{List: c}
				mark(body)
				f.Chunks[k] = body.List
			}
			for _, d := range f.Helpers() {
				mark(d)
			}
		},
	},
	{
		Name: "shiftoperand",
		Doc: "the constant on the left of a shift by a variable is converted to the shift's " +
			"type (val | 1<<n, val a uint64, shifts a uint64 1): the interpreter gives it int, " +
			"and panics where the expression around it has another type.",
		Run: varsThenEverywhere((*rewriter).typeShiftedConstants),
	},
	{
		Name: "parallelassign",
		Doc: "the calls, receives and composite literals among the values of an assignment, " +
			"definition or variable declaration of several values are first given variables of " +
			"their own: the interpreter writes such a value straight into its variable and skips " +
			"the assignment of the others (x, y = 1, f() leaves x as it was), before the other " +
			"values are evaluated (x, y = f(y), g(x)).",
		Run: func(f *File) {
			rw := f.rewriter()
			f.eachDecl(func(d ast.Node) { rw.splitParallelAssigns(d) })
			for k := range f.Chunks {
				f.Chunks[k] = rw.splitChunk(f.Chunks[k])
			}
			if f.Trailing != nil {
				f.Trailing = rw.splitParallelAssigns(f.Trailing).(ast.Expr)
			}
		},
	},
	{
		Name: "clauselabels",
		Doc: "the statements of a case clause (switch, type switch, select) that declares a " +
			"label at its top go in a block of their own: the interpreter declares a block's " +
			"labels before compiling it, but not a clause's, so a break, continue or goto " +
			"naming such a label failed with \"undefined\" (clauselabels.go).",
		Run: varsThenEverywhere(func(_ *rewriter, n ast.Node) ast.Node { blockLabeledClauses(n); return n }),
	},
	{
		Name: "defaultlast",
		Doc: "a default clause that a fallthrough enters or leaves, and that is not last, " +
			"moves to the end of its switch, with copies of the statements the fallthroughs " +
			"reach: the interpreter's fallthrough skips a default that is not last, and goes " +
			"past the clause after one. It runs last, so that no pass changes what it copies.",
		Run: varsThenEverywhere(func(_ *rewriter, n ast.Node) ast.Node { defaultsLast(n); return n }),
	},
}
