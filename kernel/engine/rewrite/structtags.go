package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strconv"
	"strings"

	"goconc/kernel/cellrt"
)

// The interpreter builds a cell struct type's run-time type from its
// fields alone, so two struct types with the same fields are one type to
// it: a Withdraw{1} sent on a chan any is a Deposit to a type switch that
// lists Deposit first. A struct tag naming the type on its first field
// makes the run-time types differ, as Go's do; conversions between them,
// which ignore tags, still work.
//
//	type Deposit struct{ Amount int }
//
// is declared as
//
//	type Deposit struct{ Amount int `goconc:"Deposit"` }
//
// A struct without fields gets none: Go gives all of them the same
// run-time behaviour but one, the type's name, which the interpreter
// loses.

// The interpreter also exports every field of the run-time type, adding
// an X to the names of unexported ones, which fmt's %+v and %#v print. A
// struct type with an unexported field lists its fields' names as
// written in a second key, goconcfields, for goconc_rt.FieldNames to
// print (cellrt's fields.go).

// tagStructTypes adds the tags, in place, to the struct types decls
// declare.
func tagStructTypes(decls []ast.Decl) {
	for _, ts := range definedTypes(decls) {
		tagStructType(ts)
	}
}

// tagLocalStructTypes adds the tags, in place, to the struct types
// declared in the functions under root.
func tagLocalStructTypes(root ast.Node) {
	ast.Inspect(root, func(n ast.Node) bool {
		if d, ok := n.(*ast.DeclStmt); ok {
			if g, ok := d.Decl.(*ast.GenDecl); ok && g.Tok == token.TYPE {
				for _, ts := range definedTypes([]ast.Decl{g}) {
					tagStructType(ts)
				}
			}
		}
		return true
	})
}

// tagStructType adds the tag to the struct type ts declares, if it
// declares one.
func tagStructType(ts *ast.TypeSpec) {
	st, ok := ts.Type.(*ast.StructType)
	if !ok || st.Fields == nil || len(st.Fields.List) == 0 {
		return
	}
	first := st.Fields.List[0]
	tag := ""
	if first.Tag != nil {
		tag, _ = strconv.Unquote(first.Tag.Value)
	}
	if _, ok := reflect.StructTag(tag).Lookup("goconc"); ok {
		return
	}
	hideUnexported(st) // before the name is added, which is no part of the field's own tag
	first = st.Fields.List[0]
	tag = ""
	if first.Tag != nil {
		tag, _ = strconv.Unquote(first.Tag.Value)
	}
	if tag != "" {
		tag += " "
	}
	tag += `goconc:` + strconv.Quote(LocalName(ts.Name.Name))
	if names, ok := fieldNames(st); ok {
		tag += ` goconcfields:` + strconv.Quote(strings.Join(names, ","))
	}
	value := strconv.Quote(tag)
	if strconv.CanBackquote(tag) {
		value = "`" + tag + "`"
	}
	pos := first.Type.End()
	if first.Tag != nil {
		pos = first.Tag.Pos()
	}
	first.Tag = &ast.BasicLit{ValuePos: pos, Kind: token.STRING, Value: value}
}

// hideUnexported tags the unexported fields of a struct type, which the
// interpreter exports, with json:"-" and xml:"-", so that encoding/json
// and encoding/xml leave them out as they leave out Go's. The field's tag
// as written is kept whole under goconctag, for reflection to give back
// (goconc_rt.DeclaredTag, cellrt's structtags.go). Only a defined
// type's own fields: a struct type literal (struct{ X, y int }) is
// written again by the passes from go/types, without the tags, and the
// interpreter would take the two for different types. The interpreter's
// run-time types tag a literal's unexported fields alike (the yaegi edit
// in tools/yaegipatch's structtags_interp.go), and skip fields tagged
// here.
func hideUnexported(st *ast.StructType) {
	var list []*ast.Field
	for _, f := range st.Fields.List {
		mixed := false
		for _, n := range f.Names {
			mixed = mixed || ast.IsExported(n.Name) != ast.IsExported(f.Names[0].Name)
		}
		if !mixed {
			list = append(list, f)
			continue
		}
		// struct{ X, y int }: a field each, to tag y alone.
		for _, n := range f.Names {
			list = append(list, &ast.Field{Names: []*ast.Ident{n}, Type: f.Type, Tag: f.Tag})
		}
	}
	st.Fields.List = list
	for _, f := range st.Fields.List {
		if len(f.Names) == 0 || ast.IsExported(f.Names[0].Name) || f.Names[0].Name == "_" {
			continue
		}
		tag := ""
		if f.Tag != nil {
			tag, _ = strconv.Unquote(f.Tag.Value)
		}
		if _, ok := reflect.StructTag(tag).Lookup(cellrt.DeclaredTagKey); ok {
			continue
		}
		tag = strings.TrimSpace(cellrt.TagWithout(tag, "json", "xml") + ` json:"-" xml:"-" ` + cellrt.DeclaredTagKey + `:` + strconv.Quote(tag))
		value := strconv.Quote(tag)
		if strconv.CanBackquote(tag) {
			value = "`" + tag + "`"
		}
		pos := f.Type.End()
		if f.Tag != nil {
			pos = f.Tag.Pos()
		}
		f.Tag = &ast.BasicLit{ValuePos: pos, Kind: token.STRING, Value: value}
	}
}

// fieldNames lists the names of a struct type's fields, embedded ones
// by their type's name, when one of them is unexported.
func fieldNames(st *ast.StructType) ([]string, bool) {
	var names []string
	unexported := false
	for _, f := range st.Fields.List {
		if len(f.Names) == 0 {
			name := embeddedName(f.Type)
			if name == "" {
				return nil, false
			}
			names = append(names, name)
			unexported = unexported || !ast.IsExported(name)
		}
		for _, n := range f.Names {
			if n.Name == "_" {
				return nil, false
			}
			names = append(names, n.Name)
			unexported = unexported || !ast.IsExported(n.Name)
		}
	}
	return names, unexported
}

// embeddedName is the name of an embedded field of type t.
func embeddedName(t ast.Expr) string {
	switch t := t.(type) {
	case *ast.Ident:
		return t.Name
	case *ast.StarExpr:
		return embeddedName(t.X)
	case *ast.SelectorExpr:
		return t.Sel.Name
	case *ast.IndexExpr:
		return embeddedName(t.X)
	case *ast.IndexListExpr:
		return embeddedName(t.X)
	}
	return ""
}

// declaredTags rewrites the reads of a reflect.StructField's Tag among
// n's children, f.Tag, as goconc_rt.DeclaredTag(f.Tag): the tag as the
// cell wrote it, without the keys the rewrite added above. An assigned
// or addressed Tag stays.
func (rw *rewriter) declaredTags(n ast.Node) {
	switch n := n.(type) {
	case *ast.UnaryExpr:
		if n.Op == token.AND {
			return
		}
	case *ast.CallExpr:
		if isRtCall(n, "DeclaredTag") {
			return
		}
	}
	var assigned map[ast.Expr]bool
	if a, ok := n.(*ast.AssignStmt); ok {
		assigned = map[ast.Expr]bool{}
		for _, l := range a.Lhs {
			assigned[l] = true
		}
	}
	eachChild(n, func(c ast.Node) ast.Node {
		sel, ok := c.(*ast.SelectorExpr)
		if !ok || assigned[sel] || !rw.isStructFieldTag(sel) {
			return c
		}
		call := rw.rtCall("DeclaredTag", sel)
		rw.info.Types[call] = rw.info.Types[sel]
		return call
	})
}

// isStructFieldTag reports whether sel reads the Tag field of a
// reflect.StructField.
func (rw *rewriter) isStructFieldTag(sel *ast.SelectorExpr) bool {
	if sel.Sel.Name != "Tag" {
		return false
	}
	s, ok := rw.info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return false
	}
	v := s.Obj()
	recv := s.Recv()
	if p, ok := recv.(*types.Pointer); ok {
		recv = p.Elem()
	}
	return v.Pkg() != nil && v.Pkg().Path() == "reflect" && isNamed(recv, "reflect", "StructField")
}
