// Command yaegipatch writes a Go workspace (go.work) in which the yaegi
// interpreter calls compiled functions of a few common signatures
// directly instead of through reflect.Value.Call, the largest part of
// what a Lock or an Unlock costs a cell. It prints the go.work file's
// path:
//
//	GOWORK="$(go run ./tools/yaegipatch)" go build -o goconc ./cmd/goconc
//
// The workspace uses this module and replaces yaegi by a copy of the
// module cache's, with one line added at the end of callBin in
// interp/run.go and fastcall_interp.go (ours) added to the package. (An
// overlay, go build -overlay, may not replace files in the module
// cache.) The copy must be the file the patch was written for, checked
// by its SHA-256: for any other, the command fails and says so, rather
// than build something untested. For that patch, a build without the
// workspace behaves the same, only slower.
//
// A second patch fixes a fault: genAST in interp/generic.go keeps the
// instances of a generic method under its name and type arguments
// only, so two generic types with a method of the same name, or a
// generic type declared again in a later cell, share the first one's
// instance. The key of a method's instances names its type too
// (generics_interp.go, ours). A build without the workspace keeps the
// fault; install.sh and test.sh build with it.
//
// A third patch makes panics readable: runCfg reports a frame a panic
// leaves only after the frame's deferred calls have run, so a deferred
// call that panics loses the report of the function that deferred it.
// runCfg's loop over deferred calls becomes a call of goconcRunDeferred
// (deferred_interp.go, ours), which reports that frame, marked, and says
// when a function runs its deferred calls during a panic. A build
// without the workspace gives tracebacks without those frames. The loop
// also stopped at a deferred call that called runtime.Goexit, dropping
// the calls deferred before it, which Go makes: goconcRunDeferred makes
// them too.
//
// A fourth patch fixes a fault: genValueInterface in interp/value.go
// wraps the value it converts to an interface without copying it, so an
// interface made from a frame's slot (&T{...} in a loop, a call's
// pointer result) changes when the slot is written again. The value is
// copied first (goconcDetach, interfaces_interp.go, ours), and every
// value of one type keeps one node (goconcNode, in a table the
// Interpreter struct of interp/interp.go gains), so that interfaces
// holding one pointer are equal. And addr in
// interp/run.go takes the address of a slice, array or map literal's
// slot, which the next evaluation fills again: it takes a copy's
// (goconcAddr). A build without the workspace keeps both faults. A
// value of a compiled interface holding a cell's value (var s
// fmt.Stringer = Cell{1}) converted to a cell's interface or to any
// kept the compiled interface's wrapper as its value, with the
// interface type as its type: asserting it back to Cell failed and %T
// printed interp.valueInterface. The conversion takes the cell's value
// out of the wrapper (goconcUnwrapped), and keeps a compiled type's value
// with its own type rather than the compiled interface's (goconcDynamic);
// converted the other way, a cell's interface gives its value the
// wrapper its own type's methods choose (goconcRewrapped). A call's
// result passed straight to a parameter of an interface type was wrapped
// once more, an interface holding an interface; it becomes the
// parameter's value as any other argument does (goconcArgument).
//
// A fifth patch fixes a fault: refType in interp/type.go exports every
// struct field of a run-time type, so encoding/json and encoding/xml
// wrote the unexported fields of struct type literals (a defined type's
// the session's rewrite tags). Each unexported field gets json:"-" and
// xml:"-", its tag as written kept under goconctag (structtags_interp.go,
// ours); and embedded fields among several are marked embedded where
// reflect allows it, so that the encoders promote their fields. A build
// without the workspace keeps the faults.
//
// A sixth patch fixes a fault: a value put in an empty interface is
// wrapped with its type only when its type has methods of its own, so
// a pointer to a type whose methods have value receivers (*Celsius of
// type Celsius float64) went in as a bare *float64. genDestValue
// (value.go) and the wrapping of call arguments, struct fields, appended
// elements and sent values (run.go) ask goconcHasMethods instead
// (interfaces_interp.go).
//
// A seventh patch fixes a fault: the control-flow graph (interp/cfg.go)
// stores a unary or binary operation's result straight into the variable
// it is assigned to, or the result it is returned as, even when that is
// an interface: a = !a.(bool) panicked and b = -n stopped the program. An
// operation with an interface-typed target keeps a slot of its own
// (goconcInterfaceTarget, results_interp.go, ours). A build without the
// workspace keeps the fault.
//
// An eighth patch fixes a fault: refType in interp/type.go names each blank
// field of a struct's run-time type X_, and reflect.StructOf refuses a
// struct with two. A blank field after the first gets a name of its own
// (goconcFieldName, blanks_interp.go, ours). A build without the
// workspace keeps the fault.
//
// A ninth patch fixes a fault: an empty string lost its data pointer,
// which the compiler keeps (unsafe.StringData(s[len(s):]) ==
// unsafe.StringData(s)). slice and slice0 in interp/run.go slice a
// string with reflect.Value.Slice, which gives s[len(s):] a nil pointer,
// and call leaves a parameter unset for an argument that is a zero
// value, as an empty string is to reflect. A string is sliced by Go
// (goconcSlice) and a string parameter is always set (goconcZeroArg,
// strings_interp.go, ours). A build without the workspace keeps the
// fault.
//
// A tenth patch fixes two faults of generic code: genType in
// interp/type.go names an instance of a generic type (fooA[int]) but
// leaves its type string the underlying type's (struct {}), so two
// instances of one shape were one type to a type switch, and the
// control-flow graph rejected a type switch whose cases name one type
// twice, which an instance of a generic function's switch does (case T
// and case int, T being int) and Go allows, the first case winning. The
// instance's type string gets its name (goconcNameInstance,
// generics_interp.go), and the check of duplicate cases, which go/types
// has done on the source before, is dropped (goconcCasesChecked). And an
// instance of a generic type that an expression names before any
// declaration did, IteratorFunc[R](nil) or x.(S[int]), was "type not
// found": the control-flow graph makes it then (goconcInstantiate). A
// type switch binding a variable took a case that a type argument
// without a name replaced (case T, T being interface{ M() }) for no type,
// and the control-flow graph lost the error of an instance of a generic
// function it could not compile, which then crashed it (a nil pointer
// dereference): the case's type is the argument's, and the error is the
// cell's. An instance asserting an interface to a type argument that
// does not implement it (dst.(T), T being holder) was refused as an
// impossible type assertion, which Go reports only of code without type
// parameters and go/types has checked: the instance asserts at run time
// (goconcAssertionChecked). A build without the workspace keeps the
// faults.
//
// An eleventh patch fixes a fault: make of a directional channel type
// (make(Recv), type Recv <-chan int) panicked in reflect.MakeChan; the
// interpreter's make makes a bidirectional channel and converts it
// (goconcMakeChan, chans_interp.go, ours). A build without the workspace
// keeps the fault.
//
// A twelfth patch fixes a fault: a type switch's case of an interface
// type the interpreter declares (case any, case T with T an interface)
// matched no value, the interpreter comparing type names only. Each
// case clause with such a type first matches a value implementing it
// (goconcInterfaceCases, typeswitch_interp.go, ours). A build without
// the workspace keeps the fault.
package main

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

const (
	module  = "github.com/traefik/yaegi"
	version = "v0.16.1"
	// runGoSum is the SHA-256 of interp/run.go of yaegi v0.16.1.
	runGoSum = "476e7af96383088dbcee4e0acf7f981567cfd204d12dc8b149ffafc80289a484"
	// addedFile is the name fastcall_interp.go takes in the package.
	addedFile = "fastcall_goconc.go"
	// genericGoSum is the SHA-256 of interp/generic.go of yaegi v0.16.1.
	genericGoSum = "f8be9d752fc084af9f9b8b4b13188933a049e7acaca1cd4685feb6dba5b94c9d"
	// genericsFile is the name generics_interp.go takes in the package.
	genericsFile = "generics_goconc.go"
	// valueGoSum is the SHA-256 of interp/value.go of yaegi v0.16.1.
	valueGoSum = "b3f63f8bae027de20f4f83a389ae53cd751e3839fc6e226ef419bcc3da48fae0"
	// interfacesFile is the name interfaces_interp.go takes in the package.
	interfacesFile = "interfaces_goconc.go"
	// interpGoSum is the SHA-256 of interp/interp.go of yaegi v0.16.1.
	interpGoSum = "1e5efc40dc1239d619c47055cd86e04080451262dfbd411ca13247235e04f415"

	// typeGoSum is the SHA-256 of interp/type.go of yaegi v0.16.1.
	typeGoSum = "bc4170fb9d511179f7b7d876d16c70e3c7b68e44af2aac78b46b7ff6475d67c4"
	// structTagsFile is the name structtags_interp.go takes in the package.
	structTagsFile = "structtags_goconc.go"
	// cfgGoSum is the SHA-256 of interp/cfg.go of yaegi v0.16.1.
	cfgGoSum = "476fe23c547f31feb4107f0cd3b36f084b4b79edd653ca02b4e2bb172e299f3d"
	// resultsFile is the name results_interp.go takes in the package.
	resultsFile = "results_goconc.go"
	// blanksFile is the name blanks_interp.go takes in the package.
	blanksFile = "blanks_goconc.go"
	// stringsFile is the name strings_interp.go takes in the package.
	stringsFile = "strings_goconc.go"
)

// fieldTagAnchor is where refType gives a struct field of a run-time
// type its tag, and fieldTag what it becomes: unexported fields are
// hidden from the encoders (structtags_interp.go).
const (
	fieldTagAnchor = "\t\t\t\tTag:  reflect.StructTag(f.tag),\n"
	fieldTag       = "\t\t\t\tTag:  reflect.StructTag(goconcFieldTag(f)),\n"
)

// embeddedAnchor is where refType marks an embedded field anonymous,
// only when it is the struct's one field, and embedded what it becomes
// (goconcEmbedded, structtags_interp.go).
const (
	embeddedAnchor = "\t\t\tif len(t.field) == 1 && f.embed {\n"
	embedded       = "\t\t\tif f.embed && goconcEmbedded(len(t.field), field.Type) {\n"
)

//go:embed structtags_interp.go
var structTags []byte

// addrAnchor is where addr takes the address of its operand, and
// addrCopy what it becomes (goconcAddr, interfaces_interp.go).
const (
	addrAnchor = "\t\tdest(f).Set(value(f).Addr())\n"
	addrCopy   = "\t\tdest(f).Set(goconcAddr(c0, value(f)))\n"
)

// interfaceAnchor is where genValueInterface wraps the value it converts
// to an interface, and interfaceCopy what it becomes: a compiled
// interface's wrapper of a cell's value gives the value back, the value
// is copied and the node is its type's (interfaces_interp.go).
const (
	interfaceAnchor = "\t\t// empty interface, do not wrap.\n\t\tif nod != nil && isEmptyInterface(nod.typ) {\n"
	interfaceCopy   = "\t\tv, nod = goconcUnwrapped(v, nod)\n\t\tv, nod = goconcDetach(v), goconcNode(nod)\n\n" + interfaceAnchor
)

// nodesAnchor ends the Interpreter struct, and nodesField adds the table
// of the node each type's interface values keep (goconcNode): held by the
// interpreter, it goes with it.
const (
	nodesAnchor = "\tdebugger *Debugger\n}\n"
	nodesField  = "\tdebugger *Debugger\n\n\t// goconcNodes holds the node each type's interface values keep.\n\tgoconcNodes sync.Map\n}\n"
)

// The conditions under which a value put in an empty interface is
// wrapped with its type, in genDestValue (value.go), and in a call's
// arguments, a struct literal's fields, append's elements and a send
// (run.go), and what each becomes: a pointer to a type whose methods
// have value receivers is wrapped too (goconcHasMethods).
const destAnchor = "\tcase isInterfaceSrc(typ) && (!isEmptyInterface(typ) || len(n.typ.method) > 0):\n"

var pointerMethodAnchors = []string{
	"isInterfaceSrc(arg) && (!isEmptyInterface(arg) || len(c.typ.method) > 0):\n",
	"isInterfaceSrc(ft) && (!isEmptyInterface(ft) || len(val.typ.method) > 0):\n",
	"isInterfaceSrc(elem) && (!isEmptyInterface(elem) || len(arg.typ.method) > 0):\n",
	"isInterfaceSrc(elem) && (!isEmptyInterface(elem) || len(n.child[2].typ.method) > 0):\n",
}

// withPointerMethods is anchor with its test of the value's methods
// asking goconcHasMethods.
func withPointerMethods(anchor string) string {
	i := strings.Index(anchor, "len(")
	j := strings.Index(anchor, ".method) > 0")
	return anchor[:i] + "goconcHasMethods(" + anchor[i+len("len("):j] + ")" + anchor[j+len(".method) > 0"):]
}

//go:embed interfaces_interp.go
var interfaces []byte

// genericAnchor is where genAST makes the key of a generic function's
// instances, and genericKey what it becomes: a method's key names its
// type too (generics_interp.go).
const (
	genericAnchor = "\tif root.kind == funcDecl {\n\t\tsname = root.child[1].ident + \"[\"\n\t}\n"
	genericKey    = "\tif root.kind == funcDecl {\n\t\tsname = goconcReceiverKey(root) + root.child[1].ident + \"[\"\n\t}\n"
)

// anchor is the end of callBin, the function that builds the call of a
// compiled function, and the start of the function after it.
const anchor = "\n}\n\nfunc getIndexBinMethod(n *node) {\n"

// wrapperAnchor is where genInterfaceWrapper puts a value in a compiled
// interface's wrapper, and wrapperRecord what it becomes: the value's
// type is recorded for goconcUnwrapped, and a value of an interface of
// the program gets the wrapper its own type's methods choose
// (goconcRewrapped, interfaces_interp.go).
const (
	wrapperAnchor = "\t\tv = getConcreteValue(v)\n\t\tw := reflect.New(wrap).Elem()\n"
	wrapperRecord = "\t\tgoconcWrapped(n, n2, v)\n\t\tif w, ok := goconcRewrapped(n, n2, typ, wrap, v, f); ok {\n\t\t\treturn w\n\t\t}\n" + wrapperAnchor
)

// The wrappings of a nested call's result passed to a parameter of an
// interface type (callBin's arguments), and what each becomes: the
// result is the interface's value as any other argument's is
// (goconcArgument, interfaces_interp.go), not wrapped once more.
const (
	binCallArgAnchor     = "\t\t\t\t\treturn reflect.ValueOf(valueInterface{value: f.data[ind]})\n"
	binCallArg           = "\t\t\t\t\treturn goconcArgument(nil, c, f.data[ind])\n"
	regularCallArgAnchor = "\t\t\t\t\treturn reflect.ValueOf(valueInterface{node: cc0.typ.ret[j].node, value: f.data[ind]})\n"
	regularCallArg       = "\t\t\t\t\treturn goconcArgument(cc0.typ.ret[j].node, c, f.data[ind])\n"
)

// hook is the line added at the end of callBin: it sees the exec that
// callBin built and the values it built it from.
const hook = "\n\tfastCallBin(n, funcType, value, values, getMapType, tnext, fnext)"

//go:embed fastcall_interp.go
var fastcall []byte

//go:embed generics_interp.go
var generics []byte

// instanceAnchor is where genType records an instance of a generic type,
// and instanceName what it becomes: the instance's type string gets its
// name first (goconcNameInstance, generics_interp.go).
const (
	instanceAnchor = "\tlt.instance = append(lt.instance, t)\n"
	instanceName   = "\tgoconcNameInstance(t, lt, name)\n" + instanceAnchor
)

// duplicateCaseAnchor is where the control-flow graph rejects a type
// switch naming one type in two cases, and casesChecked what it becomes:
// only when go/types has not checked the cases (goconcCasesChecked,
// generics_interp.go).
const (
	duplicateCaseAnchor = "\t\t\t\t\tif usedCase[tid] {\n"
	casesChecked        = "\t\t\t\t\tif usedCase[tid] && !goconcCasesChecked {\n"
)

// typeArgCaseAnchor is where the control-flow graph refuses a case of a
// type switch binding a variable that is no type, and typeArgCase what
// it becomes: not when the case already has its type, which is so of a
// type argument genAST put in for a type parameter (case T, T being
// interface{ M() }), whose name is no type's.
const (
	typeArgCaseAnchor = "\t\t\t\t\tcase !n.child[0].isType(sc):\n"
	typeArgCase       = "\t\t\t\t\tcase !n.child[0].isType(sc) && n.child[0].typ == nil:\n"
)

// instanceErrAnchor and callInstanceErrAnchor are where the control-flow
// graph makes an instance of a generic function (f[T] and f[K, V](...))
// into an err of the block's own, which it then loses, and instanceErr
// and callInstanceErr what they become: the error is the graph's.
const (
	instanceErrAnchor     = "\t\t\t\tg, found, err := genAST(sc, t.node.anc, []*itype{c1.typ})\n"
	instanceErr           = "\t\t\t\tg, found, genErr := genAST(sc, t.node.anc, []*itype{c1.typ})\n\t\t\t\terr = genErr\n"
	callInstanceErrAnchor = "\t\t\t\tg, found, err := genAST(sc, fun, lt)\n"
	callInstanceErr       = "\t\t\t\tg, found, genErr := genAST(sc, fun, lt)\n\t\t\t\terr = genErr\n"
)

// assertionCheckAnchor is where the control-flow graph checks that a type
// assertion is possible, and assertionChecked what it becomes: only when
// go/types has not (goconcAssertionChecked, generics_interp.go).
const (
	assertionCheckAnchor = "\t\t\terr = check.typeAssertionExpr(c0, c1.typ)\n"
	assertionChecked     = "\t\t\tif !goconcAssertionChecked {\n\t\t\t\terr = check.typeAssertionExpr(c0, c1.typ)\n\t\t\t}\n"
)

// instanceNotFoundAnchor is where the control-flow graph gives up on an
// instance of a generic type no declaration made yet, and instantiate
// what it becomes: the instance is made (goconcInstantiate,
// generics_interp.go).
const (
	instanceNotFoundAnchor = "\t\t\t\tif !ok {\n\t\t\t\t\terr = n.cfgErrorf(\"type not found: %s\", name)\n\t\t\t\t\treturn\n\t\t\t\t}\n"
	instantiate            = "\t\t\t\tif !ok {\n\t\t\t\t\tn.gen = nop\n\t\t\t\t\tn.typ, err = goconcInstantiate(interp, sc, n)\n\t\t\t\t\treturn\n\t\t\t\t}\n"
)

// deferredAnchor is runCfg's loop over a frame's deferred calls, and
// deferredCall what replaces it (deferred_interp.go, ours).
const (
	deferredAnchor = "\t\tfor _, val := range f.deferred {\n\t\t\tval[0].Call(val[1:])\n\t\t}\n"
	deferredCall   = "\t\tgoconcRunDeferred(n, f)\n"
)

//go:embed deferred_interp.go
var deferred []byte

// binaryTargetAnchor and unaryTargetAnchor are where the control-flow
// graph gives a binary or a unary operation the slot of the variable it
// is assigned to; each gets a case before it that keeps the operation's
// own slot when the target is an interface (results_interp.go).
const (
	binaryTargetAnchor = "\t\t\tcase n.anc.kind == assignStmt && n.anc.action == aAssign && n.anc.nleft == 1:\n"
	unaryTargetAnchor  = "\t\t\tcase n.anc.kind == assignStmt && n.anc.action == aAssign && n.anc.nright == 1:\n"
	ownSlot            = "\t\t\tcase goconcInterfaceTarget(sc, n):\n\t\t\t\tn.findex = sc.add(n.typ)\n"
)

// returnAnchor is where _return counts on a binary operation having
// stored its result in the result slot, and returnOwnSlot what it
// becomes: only when the operation was given that slot (index 0), not
// when it kept its own (results_interp.go).
const (
	returnAnchor  = "\t\tcase !child[0].rval.IsValid() && child[0].kind == binaryExpr:\n"
	returnOwnSlot = "\t\tcase !child[0].rval.IsValid() && child[0].kind == binaryExpr && child[0].findex == 0:\n"
)

//go:embed results_interp.go
var results []byte

// compositeTargetAnchor is where the control-flow graph keeps a composite
// literal assigned to a compiled interface from being built straight in
// the variable's slot, and compositeTarget what it becomes: an
// interpreter's interface (any) too, so that the assignment wraps the
// value with its type (var e any = Names{"a"} held a bare []string,
// which a type switch's case Names missed).
const (
	compositeTargetAnchor = "\t\t\t\t\tif dest.typ.cat == valueT && dest.typ.rtype.Kind() == reflect.Interface {\n"
	compositeTarget       = "\t\t\t\t\tif isEmptyInterface(dest.typ) && goconcHasMethods(src.typ) || dest.typ.cat == valueT && dest.typ.rtype.Kind() == reflect.Interface {\n"
)

// fieldNameAnchor is where refType names a field of a struct's run-time
// type, and blankFieldName what it becomes (blanks_interp.go).
const (
	fieldNameAnchor = "\t\t\t\tName: exportName(f.name),\n"
	blankFieldName  = "\t\t\t\tName: goconcFieldName(f.name, len(fields)),\n"
)

//go:embed blanks_interp.go
var blanks []byte

// sliceAnchor begins each of the four statements of slice and slice0
// (run.go) that slice a string, an array or a slice with two indices,
// and sliceNative what it becomes: a string is sliced by Go
// (goconcSlice, strings_interp.go).
const (
	sliceAnchor = "getFrame(f, l).data[i] = a.Slice("
	sliceNative = "getFrame(f, l).data[i] = goconcSlice(a, "
)

// sliceAnchors is how many times sliceAnchor occurs in run.go.
const sliceAnchors = 4

// zeroArgAnchor is where call leaves a parameter unset for an argument
// that is a zero value, and zeroArg what it becomes: not for a string
// (goconcZeroArg, strings_interp.go).
const (
	zeroArgAnchor = "if val.IsZero() && dest[i].Kind() != reflect.Interface {\n"
	zeroArg       = "if goconcZeroArg(val, dest[i]) {\n"
)

//go:embed strings_interp.go
var stringsSrc []byte

// makeChanAnchor and makeBufferedChanAnchor are where the interpreter's
// make makes a channel, and makeChan and makeBufferedChan what they
// become: of a directional type too (goconcMakeChan, chans_interp.go).
const (
	makeChanAnchor         = "\t\t\t\tdest(f).Set(reflect.MakeChan(typ, 0))\n"
	makeChan               = "\t\t\t\tdest(f).Set(goconcMakeChan(typ, 0))\n"
	makeBufferedChanAnchor = "\t\t\t\tdest(f).Set(reflect.MakeChan(typ, int(vInt(value(f)))))\n"
	makeBufferedChan       = "\t\t\t\tdest(f).Set(goconcMakeChan(typ, int(vInt(value(f)))))\n"
)

// caseClauseEndAnchor starts _case, which makes a case clause, and
// caseClauseEnd what it becomes: a type switch's clause, once made,
// matches values implementing its interface types first
// (goconcInterfaceCases, typeswitch_interp.go).
const (
	caseClauseEndAnchor = "func _case(n *node) {\n"
	caseClauseEnd       = caseClauseEndAnchor + "\tdefer goconcInterfaceCases(n)\n"
)

//go:embed typeswitch_interp.go
var typeSwitch []byte

// typeSwitchFile is the name typeswitch_interp.go takes in the package.
const typeSwitchFile = "typeswitch_goconc.go"

//go:embed chans_interp.go
var chans []byte

// chansFile is the name chans_interp.go takes in the package.
const chansFile = "chans_goconc.go"

// deferredFile is the name deferred_interp.go takes in the package.
const deferredFile = "deferred_goconc.go"

func main() {
	dir := flag.String("dir", "", "directory to write the workspace and the patched copy into (default: goconc/yaegipatch in the user's cache)")
	flag.Parse()
	path, err := run(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "yaegipatch:", err)
		os.Exit(1)
	}
	fmt.Println(path)
}

func run(dir string) (string, error) {
	root, goVersion, err := mainModule()
	if err != nil {
		return "", err
	}
	modDir, err := moduleDir()
	if err != nil {
		return "", err
	}
	replace := map[string][]byte{}
	var parts [][]byte // what the copy is made of, which names it
	for _, f := range patchedFiles {
		orig := filepath.Join(modDir, "interp", f.name)
		src, err := os.ReadFile(orig)
		if err != nil {
			return "", err
		}
		patched, err := f.patch(src)
		if err != nil {
			return "", fmt.Errorf("%s: %w", orig, err)
		}
		replace[filepath.Join("interp", f.name)] = patched
		parts = append(parts, patched)
	}
	for _, f := range addedFiles {
		added, err := withoutConstraint(f.src, f.source)
		if err != nil {
			return "", err
		}
		replace[filepath.Join("interp", f.name)] = added
		parts = append(parts, added)
	}
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			cache = os.TempDir() // no home directory
		}
		dir = filepath.Join(cache, "goconc", "yaegipatch")
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return "", err
	}
	// The copy is named by its content, the workspace by the module it
	// uses: several checkouts share one copy, each has its own go.work.
	copyDir := filepath.Join(dir, "yaegi-"+version+"-"+shortSum(parts...))
	if err := copyModule(modDir, copyDir, replace); err != nil {
		return "", err
	}
	work := fmt.Sprintf("go %s\n\nuse %s\n\nreplace %s %s => %s\n", goVersion, strconv.Quote(root), module, version, strconv.Quote(copyDir))
	path := filepath.Join(dir, "work-"+shortSum([]byte(root)), "go.work")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	return path, writeIfChanged(path, []byte(work))
}

// patchedFiles are the files of yaegi's interp package the copy changes,
// each with its patch.
var patchedFiles = []struct {
	name  string
	patch func([]byte) ([]byte, error)
}{
	{"run.go", patch},
	{"generic.go", patchGeneric},
	{"value.go", patchValue},
	{"type.go", patchType},
	{"interp.go", patchInterp},
	{"cfg.go", patchCfg},
}

// addedFiles are the files of ours the copy adds to the interp package:
// their name there, their source and its name here.
var addedFiles = []struct {
	name   string
	src    []byte
	source string
}{
	{addedFile, fastcall, "fastcall_interp.go"},
	{genericsFile, generics, "generics_interp.go"},
	{deferredFile, deferred, "deferred_interp.go"},
	{interfacesFile, interfaces, "interfaces_interp.go"},
	{structTagsFile, structTags, "structtags_interp.go"},
	{resultsFile, results, "results_interp.go"},
	{blanksFile, blanks, "blanks_interp.go"},
	{stringsFile, stringsSrc, "strings_interp.go"},
	{chansFile, chans, "chans_interp.go"},
	{typeSwitchFile, typeSwitch, "typeswitch_interp.go"},
}

// mainModule returns the directory and the Go version of the module the
// command runs in.
func mainModule() (dir, goVersion string, err error) {
	out, err := exec.Command("go", "mod", "edit", "-json").Output()
	if err != nil {
		return "", "", fmt.Errorf("go mod edit -json (run from goconc's module): %w", err)
	}
	var m struct{ Go string }
	if err := json.Unmarshal(out, &m); err != nil || m.Go == "" {
		return "", "", fmt.Errorf("go mod edit -json: no go version (%v)", err)
	}
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", "", fmt.Errorf("go env GOMOD: %w", err)
	}
	return filepath.Dir(strings.TrimSpace(string(gomod))), m.Go, nil
}

func shortSum(parts ...[]byte) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// moduleDir returns the directory of yaegi in the module cache,
// downloading it (from the module proxy) when it is not there yet.
func moduleDir() (string, error) {
	cmd := exec.Command("go", "mod", "download", "-json", module+"@"+version)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s@%s: %w\n%s%s", module, version, err, out, stderr.Bytes())
	}
	var m struct{ Dir, Error string }
	if err := json.Unmarshal(out, &m); err != nil {
		return "", fmt.Errorf("go mod download %s@%s: %w", module, version, err)
	}
	if m.Error != "" || m.Dir == "" {
		return "", fmt.Errorf("go mod download %s@%s: %s", module, version, m.Error)
	}
	return m.Dir, nil
}

// errMismatch is returned for a file the patch was not written for.
var errMismatch = errors.New("not the file the patch was written for")

// patch returns run.go with the hook added at the end of callBin,
// runCfg's deferred calls run by goconcRunDeferred, addr's address
// taken by goconcAddr, _return copying a binary operation's result
// that is not in place, strings sliced by goconcSlice, a call's
// parameters set for an empty string, genInterfaceWrapper recording the
// types of the values it wraps (goconcWrapped), make's channels made by
// goconcMakeChan and a type switch's case clauses matching interfaces
// (goconcInterfaceCases).
func patch(src []byte) ([]byte, error) {
	withHook, err := replaceOnce(src, "interp/run.go", runGoSum, "the end of callBin", anchor, hook+anchor)
	if err != nil {
		return nil, err
	}
	for _, e := range []struct{ what, anchor, with string }{
		{"runCfg's loop over deferred calls", deferredAnchor, deferredCall},
		{"addr's address of its operand", addrAnchor, addrCopy},
		{"a call argument's wrapping", pointerMethodAnchors[0], withPointerMethods(pointerMethodAnchors[0])},
		{"a struct field's wrapping", pointerMethodAnchors[1], withPointerMethods(pointerMethodAnchors[1])},
		{"an appended element's wrapping", pointerMethodAnchors[2], withPointerMethods(pointerMethodAnchors[2])},
		{"a sent value's wrapping", pointerMethodAnchors[3], withPointerMethods(pointerMethodAnchors[3])},
		{"_return's binary operation in place", returnAnchor, returnOwnSlot},
		{"call's unset zero parameters", zeroArgAnchor, zeroArg},
		{"genInterfaceWrapper's wrapping", wrapperAnchor, wrapperRecord},
		{"a compiled call's result as an argument", binCallArgAnchor, binCallArg},
		{"a call's result as an argument", regularCallArgAnchor, regularCallArg},
		{"make of an unbuffered channel", makeChanAnchor, makeChan},
		{"make of a buffered channel", makeBufferedChanAnchor, makeBufferedChan},
		{"a type switch's case clause", caseClauseEndAnchor, caseClauseEnd},
	} {
		if n := bytes.Count(withHook, []byte(e.anchor)); n != 1 {
			return nil, fmt.Errorf("%w: in interp/run.go, %s occurs %d times", errMismatch, e.what, n)
		}
		withHook = bytes.Replace(withHook, []byte(e.anchor), []byte(e.with), 1)
	}
	if n := bytes.Count(withHook, []byte(sliceAnchor)); n != sliceAnchors {
		return nil, fmt.Errorf("%w: in interp/run.go, slice's and slice0's two-index slicing occurs %d times, want %d", errMismatch, n, sliceAnchors)
	}
	return bytes.ReplaceAll(withHook, []byte(sliceAnchor), []byte(sliceNative)), nil
}

// patchGeneric returns generic.go with the key of a method's instances
// naming its type.
func patchGeneric(src []byte) ([]byte, error) {
	return replaceOnce(src, "interp/generic.go", genericGoSum, "genAST's key", genericAnchor, genericKey)
}

// patchValue returns value.go with genValueInterface copying the value
// it converts to an interface, and genDestValue wrapping a pointer to a
// type with methods.
func patchValue(src []byte) ([]byte, error) {
	patched, err := replaceOnce(src, "interp/value.go", valueGoSum, "genValueInterface's wrapping", interfaceAnchor, interfaceCopy)
	if err != nil {
		return nil, err
	}
	if n := bytes.Count(patched, []byte(destAnchor)); n != 1 {
		return nil, fmt.Errorf("%w: in interp/value.go, genDestValue's wrapping occurs %d times", errMismatch, n)
	}
	return bytes.Replace(patched, []byte(destAnchor), []byte(withPointerMethods(destAnchor)), 1), nil
}

// patchType returns type.go with refType hiding unexported fields from
// the encoders, marking embedded fields anonymous where it can, and
// naming the blank fields of a struct apart, and genType giving an
// instance of a generic type a type string of its own.
func patchType(src []byte) ([]byte, error) {
	patched, err := replaceOnce(src, "interp/type.go", typeGoSum, "refType's field tag", fieldTagAnchor, fieldTag)
	if err != nil {
		return nil, err
	}
	for _, e := range []struct{ what, anchor, with string }{
		{"refType's embedded field", embeddedAnchor, embedded},
		{"refType's field name", fieldNameAnchor, blankFieldName},
		{"genType's instance", instanceAnchor, instanceName},
	} {
		if n := bytes.Count(patched, []byte(e.anchor)); n != 1 {
			return nil, fmt.Errorf("%w: in interp/type.go, %s occurs %d times", errMismatch, e.what, n)
		}
		patched = bytes.Replace(patched, []byte(e.anchor), []byte(e.with), 1)
	}
	return patched, nil
}

// patchInterp returns interp.go with the Interpreter holding the nodes of
// interface values (goconcNode).
func patchInterp(src []byte) ([]byte, error) {
	return replaceOnce(src, "interp/interp.go", interpGoSum, "the Interpreter struct's end", nodesAnchor, nodesField)
}

// patchCfg returns cfg.go with a binary and a unary operation whose
// target is an interface keeping a slot of their own, and a composite
// literal of a type with methods assigned to an interface wrapped, and a
// type switch's cases not checked again, and an instance of a generic
// type made where an expression names it first.
func patchCfg(src []byte) ([]byte, error) {
	withBinary, err := replaceOnce(src, "interp/cfg.go", cfgGoSum, "a binary operation's target slot", binaryTargetAnchor, ownSlot+binaryTargetAnchor)
	if err != nil {
		return nil, err
	}
	for _, e := range []struct{ what, anchor, with string }{
		{"a unary operation's target slot", unaryTargetAnchor, ownSlot + unaryTargetAnchor},
		{"a composite literal's interface target", compositeTargetAnchor, compositeTarget},
		{"a type switch's duplicate cases", duplicateCaseAnchor, casesChecked},
		{"an instance not found", instanceNotFoundAnchor, instantiate},
		{"a type switch case's type argument", typeArgCaseAnchor, typeArgCase},
		{"an instance's lost error", instanceErrAnchor, instanceErr},
		{"an instance's lost error in a call", callInstanceErrAnchor, callInstanceErr},
		{"a type assertion's check", assertionCheckAnchor, assertionChecked},
	} {
		if n := bytes.Count(withBinary, []byte(e.anchor)); n != 1 {
			return nil, fmt.Errorf("%w: in interp/cfg.go, %s occurs %d times", errMismatch, e.what, n)
		}
		withBinary = bytes.Replace(withBinary, []byte(e.anchor), []byte(e.with), 1)
	}
	return withBinary, nil
}

// replaceOnce returns src, which must be the file whose SHA-256 is sum,
// with its one occurrence of anchor (described by what) replaced by with.
func replaceOnce(src []byte, file, sum, what, anchor, with string) ([]byte, error) {
	got := sha256.Sum256(src)
	if h := hex.EncodeToString(got[:]); h != sum {
		return nil, fmt.Errorf("%w: %s of yaegi %s has SHA-256 %s, this one's is %s: update tools/yaegipatch",
			errMismatch, file, version, sum, h)
	}
	if n := bytes.Count(src, []byte(anchor)); n != 1 {
		return nil, fmt.Errorf("%w: in %s, %s occurs %d times", errMismatch, file, what, n)
	}
	return bytes.Replace(src, []byte(anchor), []byte(with), 1), nil
}

// addedSource is fastcall_interp.go without the build constraint that
// keeps it out of this command.
func addedSource() ([]byte, error) {
	return withoutConstraint(fastcall, "fastcall_interp.go")
}

// withoutConstraint is src, the file name, without the build constraint
// that keeps it out of this command.
func withoutConstraint(src []byte, name string) ([]byte, error) {
	const constraint = "//go:build ignore\n"
	if !bytes.HasPrefix(src, []byte(constraint)) {
		return nil, errors.New(name + " does not start with " + strings.TrimSpace(constraint))
	}
	return bytes.TrimPrefix(src, []byte(constraint)), nil
}

// copyModule copies the module at src to dst, but for its tests and
// examples, with the files in replace (by path relative to the module)
// replaced or added. An existing dst, named by its content, is kept.
func copyModule(src, dst string, replace map[string][]byte) error {
	if _, err := os.Stat(filepath.Join(dst, "go.mod")); err == nil {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dst), filepath.Base(dst)+".tmp")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	err = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case "_test", "testdata", "example", "_example":
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(tmp, rel), 0o755)
		}
		if strings.HasSuffix(path, "_test.go") || !d.Type().IsRegular() {
			return nil
		}
		content, ok := replace[rel]
		if !ok {
			if content, err = os.ReadFile(path); err != nil {
				return err
			}
		}
		return os.WriteFile(filepath.Join(tmp, rel), content, 0o644)
	})
	if err != nil {
		return err
	}
	for rel, content := range replace {
		if err := os.WriteFile(filepath.Join(tmp, rel), content, 0o644); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, dst); err != nil {
		if _, statErr := os.Stat(filepath.Join(dst, "go.mod")); statErr == nil {
			return nil // another build made the same copy first
		}
		return err
	}
	return nil
}

func writeIfChanged(path string, content []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, content) {
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(content); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
