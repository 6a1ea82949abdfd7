// Package rewrite changes a type-checked cell into Go that the yaegi
// interpreter runs as the Go compiler and runtime would run the original.
// It uses go/ast and go/types only; the session (kernel/engine) parses and
// checks the cell, hands it over as a File, and evaluates the result.
//
// Each rewrite is a Pass, as golang.org/x/tools/go/analysis has Analyzers:
// a name, a doc saying which fault of the interpreter it works around, and
// a Run over the File. Rewrite runs Passes in this order:
//
//   - gowraps: numbers the wrappers Go's compiler makes for go and defer
//     statements, for the frame a goroutine that panics in a builtin has
//     in Go's report (main.main.gowrap1); it changes nothing (gowraps.go);
//   - callers: finds the functions that read their callers' lines, and the
//     lines the cells' functions call each other on; it changes nothing
//     (callsites.go);
//   - multivalue: package-level variables initialized from one
//     expression of several values are assigned by a function literal
//     (multivalue.go);
//   - params: parameters without names are named _ (params.go);
//   - namedresults: declared functions set their named results to zero
//     first (namedresults.go);
//   - blanktypes: package-level type declarations of the blank name are
//     dropped (blanktypes.go);
//   - complexparts: real and imag of a constant become that constant
//     (complexparts.go);
//   - constfold: boolean constant expressions (comparisons of constants),
//     and constant expressions that name an integer beyond int64, become
//     their values (constfold.go);
//   - convnil: a conversion to an interface type compared with nil is
//     false for a value of a type that is no interface, once the value
//     is evaluated, and the value's own comparison for an interface
//     (convnil.go);
//   - comparetypes: in == and != between values of two types that are no
//     interfaces, the operand assignable to the other's type is converted
//     to it (comparetypes.go);
//   - namedbasic: values of method-less cell types with a basic, slice,
//     map, array, pointer, channel or function underlying type, and
//     composites of them, go into interfaces boxed, keeping their type
//     (namedbasic.go, compositebox.go);
//   - ifacelits: a compiled struct literal (or a box) assigned to a
//     variable of an empty interface type is converted to interface{}
//     first, or the variable's next assignment panics (ifacelits.go);
//   - arraylen: len and cap of a pointer to an array that are no
//     constants evaluate the pointer and give the array's length, nil
//     or not (arraylen.go);
//   - deferrecover: a function that defers recover() recovers when it
//     returns normally (deferrecover.go);
//   - rangefunc: range over functions becomes a call with a yield closure
//     (rangefunc.go);
//   - errorcompare: == on errors compares the cells' values (errors.go);
//   - typednil: a nil pointer of a cell type is a non-nil error (errors.go);
//   - ifaceconv: a cell's value converted to a compiled interface, or a
//     literal assigned to one, keeps its methods for compiled code
//     (ifaceconv.go);
//   - repeateddefers: finds the defer statements a call may run more than
//     once, and the functions whose deferred calls go through recover
//     relays, for calls; it changes nothing (defer.go, relay.go);
//   - calls: one walk over statements and calls (rewrite.go, with sync.go,
//     defer.go, builtins.go, methods.go, fmtdyn.go, typeverb.go,
//     fieldverbs.go, print.go, recover.go, caller.go, errors.go,
//     rangechan.go, rangestring.go, unsafe.go, relay.go, reflecttype.go, assign.go,
//     switchtag.go, makesize.go): blocking operations go to the runtime (package cellrt),
//     go statements run under a recover (most from goconc_rt.Start, whose recover is compiled;
//     promoted and interface method values under an interpreted one), deferred calls evaluate their
//     arguments at the defer, a deferred call whose function is no literal
//     or declaration recovers through a relay (relay.go), fmt and log see
//     cell types' methods and, with %#v and wrong verbs, the names of
//     the parts of values whose types are such cell types (typenames.go),
//     reflect.TypeOf names boxed types and cell struct types, encoders
//     see the values in interfaces (encoders.go), assignments
//     of several values to interfaces and switches on interfaces take
//     forms the interpreter gets right;
//   - receives: the remaining receive expressions go to the runtime
//     (sync.go);
//   - conditions: an assertion standing alone as a condition is compared
//     with true (conditions.go);
//   - ifaceequal: a value of a cell type with methods compared with an
//     interface is compared with the interface asserted to its type, and
//     two interfaces compare the values of such types they hold
//     (ifaceequal.go);
//   - blankfields: values of types with blank fields compare, and key
//     maps, without them (blankfields.go);
//   - mapkeys: keys of maps with empty interface keys that may hold a
//     cell's enum with methods go through one interface value per value
//     (mapkeys.go);
//   - methodvalues: method values copy their receiver when made, and a
//     deferred one recovers as its method would (methodvalues.go);
//   - loopvar: loop variables are per iteration (loopvar.go);
//   - genericlits: literals of generic types in their methods are built
//     field by field (genericlits.go);
//   - closures: function literals that outlive their evaluation are made
//     in a fresh frame (closures.go);
//   - instantiate: uses of generic functions name all their type arguments
//     (generics.go);
//   - stdgeneric: the generic standard library comes from our own source
//     (stdlib.go);
//   - assert: type assertions to cell interfaces check method sets
//     (assert.go);
//   - nestedpanic: a panicking deferred call does not skip the others
//     (nestedpanic.go);
//   - bounds: index, slice and division expressions get Go's checks and
//     messages (bounds.go);
//   - callsites: calls of functions that read their callers' lines record
//     their site while they run (callsites.go);
//   - arrayaddr: &p[i] through a pointer to an array takes the address
//     through *p (arrayaddr.go);
//   - funcvalues: declared functions named as values are converted to
//     their own types (funcvalues.go);
//   - funcappend: declared functions appended to slices by name are
//     converted to the element type (funcappend.go);
//   - recoverdone: a function that calls recover tells the engine when
//     it returns, for the report of a later panic (recover.go);
//   - framelines: functions whose panic frames' lines the table of calls
//     cannot give, and go statements' literals, keep the line of their
//     latest call (framelines.go);
//   - structtags: each cell struct type, package-level or local, is told
//     apart by a tag, and unexported fields are hidden from encoding/json
//     and encoding/xml (structtags.go);
//   - consts: top-level constants get the checker's values (consts.go);
//   - typecycles: struct types that lead to one another are first used
//     through a type the interpreter builds them right from (typecycles.go);
//   - boxes: the box types of namedbasic are declared (namedbasic.go);
//   - promoted: methods promoted from embedded compiled types are declared
//     (promoted.go);
//   - self: cell error types get goconc_self, by which the runtime finds
//     them in the interpreter's wrappers (errors.go);
//   - panicsites: each panic statement records its line (panicsites.go);
//   - shiftoperand: the constant on the left of a shift by a variable
//     takes the shift's type (shiftoperand.go);
//   - parallelassign: the calls, receives and composite literals among
//     the values of an assignment of several values are given variables
//     of their own first (parallelassign.go);
//   - clauselabels: the statements of a case clause that declares a label
//     go in a block of their own (clauselabels.go);
//   - defaultlast: a default clause that a fallthrough enters or leaves
//     moves to the end of its switch, labels in the statements it copies
//     renamed (defaultlast.go).
//
// The session gives the interpreter the package-level variables in Go's
// order of initialization, one declaration each (InitOrder, initorder.go).
//
// Before the passes, Monomorphise replaces the uses of generic functions
// with concrete copies (generics.go), which the session checks again; and
// before the session's second check, RenameLocalTypes gives a function's
// own type named like a type of an enclosing scope a name of its own
// (localtypes.go): the interpreter takes the name for the package's type.
// The code the passes write calls package cellrt by cellrt.ImportName;
// Prelude is the source the session declares once for them.
package rewrite
