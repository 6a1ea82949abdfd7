package rewrite

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
)

// A value of a cell type held in an error variable reaches fmt without
// the Error method of a value receiver, and passing the variable to a
// function whose parameter is an error makes the interpreter panic. So
// such an argument is passed as an any to a function that switches over
// the cell's types that are errors and converts the concrete value as
// its static type would be converted; values of other types go on as
// they are.
//
// Interfaces without the Error method are left alone: the interpreter
// prints a value they hold with its String method, and the switch would
// lose it for the values its cases miss (those of basic kinds stored in
// an any, pointers once converted to an any).

// dynamic returns the name of the function converting values held in an
// interface of type iface, declaring it first if needed. It reports
// false when no package-level type of the cells needs converting.
func (c *fmtConversions) dynamic(iface types.Type) (string, bool) {
	for i, done := range c.dyn {
		if types.Identical(done, iface) {
			return c.dynName(i), c.dynDecl[i]
		}
	}
	i := len(c.dyn)
	c.dyn = append(c.dyn, iface)
	c.dynDecl = append(c.dynDecl, false)
	scope := c.rw.mainPackageScope()
	it, ok := iface.Underlying().(*types.Interface)
	if scope == nil || !ok {
		return "", false
	}
	var cases []string
	for _, tn := range c.rw.visibleTypes(scope, token.NoPos) {
		if types.IsInterface(tn.Type()) {
			continue
		}
		for _, t := range []types.Type{tn.Type(), types.NewPointer(tn.Type())} {
			if !types.Implements(t, it) || !c.needs(t) {
				continue
			}
			cases = append(cases, fmt.Sprintf("case %s:\nreturn %s", types.TypeString(t, c.rw.qualify), c.value("x", t)))
		}
	}
	if len(cases) == 0 {
		return "", false
	}
	name := c.dynName(i)
	// The value may come in the interpreter's error wrapper (a function's
	// result), which goconc_concrete opens.
	src := fmt.Sprintf("func %s(v any) any {\nswitch x := %s(v).(type) {\n%s\n}\nreturn v\n}", name, concreteFunc, strings.Join(cases, "\n"))
	f, err := parser.ParseFile(c.rw.fset, "", "package p\n"+src, parser.SkipObjectResolution)
	if err != nil {
		return "", false
	}
	c.decls = append(c.decls, f.Decls[0])
	c.dynDecl[i] = true
	return name, true
}

func (c *fmtConversions) dynName(i int) string {
	return fmt.Sprintf("goconc_fmtdyn%d_%d", c.rw.cell, i)
}

// dynamicArg converts arg, of interface type t, as dynamic does, and
// returns it unchanged when there is nothing to convert.
func (c *fmtConversions) dynamicArg(arg ast.Expr, t types.Type) ast.Expr {
	if _, ok := types.Unalias(t).(*types.TypeParam); ok {
		return arg
	}
	if !types.Implements(t, errorInterface) {
		return arg
	}
	name, ok := c.dynamic(t)
	if !ok {
		return arg
	}
	return &ast.CallExpr{Fun: ast.NewIdent(name), Args: []ast.Expr{arg}}
}
