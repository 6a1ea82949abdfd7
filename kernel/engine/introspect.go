package engine

import (
	"go/ast"
	"go/build"
	"go/doc"
	"go/format"
	"go/parser"
	"go/scanner"
	"go/token"
	"path"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"goconc/kernel/symbols"
)

// Introspector answers completion and inspection requests from the cells
// run so far and the packages cells can import. It needs no interpreter,
// so it works while a cell runs and after the interpreter restarts.
type Introspector struct {
	mu       sync.Mutex
	cells    []string
	packages map[string]map[string]reflect.Value // import path to exported symbols
	names    map[string]string                   // import path to package name
	docs     map[string]*doc.Package             // import path to parsed documentation
}

// NewIntrospector returns an Introspector that knows no cells yet.
func NewIntrospector() *Introspector {
	pkgs := map[string]map[string]reflect.Value{}
	names := map[string]string{}
	for key, syms := range symbols.All() {
		pkgs[path.Dir(key)] = syms
		names[path.Dir(key)] = path.Base(key)
	}
	return &Introspector{packages: pkgs, names: names, docs: map[string]*doc.Package{}}
}

// Add records a cell that ran, so later completions know its names.
func (in *Introspector) Add(cell string) {
	in.mu.Lock()
	in.cells = append(in.cells, cell)
	in.mu.Unlock()
}

// Reset forgets the cells, as when the interpreter restarts.
func (in *Introspector) Reset() {
	in.mu.Lock()
	in.cells = nil
	in.mu.Unlock()
}

// Complete returns the names that can replace the identifier before the
// cursor. The cursor counts Unicode code points, as Jupyter does.
func (in *Introspector) Complete(code string, cursor int) Completion {
	off := byteOffset(code, cursor)
	start := off
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(code[:start])
		if !isIdentRune(r) {
			break
		}
		start -= size
	}
	prefix := code[start:off]
	end := off
	for end < len(code) {
		r, size := utf8.DecodeRuneInString(code[end:])
		if !isIdentRune(r) {
			break
		}
		end += size
	}
	var candidates []string
	if qual, ok := qualifierBefore(code, start); ok {
		candidates = in.members(code, qual)
	} else if inImportPath(code, start) {
		candidates = in.importPaths()
	} else {
		candidates = in.unqualifiedNames(code)
	}
	seen := map[string]bool{}
	var matches []string
	for _, c := range candidates {
		if strings.HasPrefix(c, prefix) && !seen[c] {
			seen[c] = true
			matches = append(matches, c)
		}
	}
	sort.Strings(matches)
	return Completion{
		Matches:     matches,
		CursorStart: utf8.RuneCountInString(code[:start]),
		CursorEnd:   utf8.RuneCountInString(code[:end]),
	}
}

// Inspect returns the documentation of the name under the cursor: a
// standard library or goconc symbol, a package, or a name a cell defined.
func (in *Introspector) Inspect(code string, cursor, detail int) Doc {
	off := byteOffset(code, cursor)
	start, end := off, off
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(code[:start])
		if !isIdentRune(r) {
			break
		}
		start -= size
	}
	for end < len(code) {
		r, size := utf8.DecodeRuneInString(code[end:])
		if !isIdentRune(r) {
			break
		}
		end += size
	}
	if start == end {
		return Doc{}
	}
	name := code[start:end]
	imports := in.importsOf(code)
	if qual, ok := qualifierBefore(code, start); ok {
		if p, ok := imports[qual]; ok {
			return in.packageDoc(p, name)
		}
	}
	if p, ok := imports[name]; ok {
		return in.packageDoc(p, "")
	}
	if text, ok := in.cellDecl(code, name); ok {
		return Doc{Found: true, Text: text}
	}
	if text, ok := builtinDoc(name); ok {
		return Doc{Found: true, Text: text}
	}
	return Doc{}
}

func byteOffset(s string, runes int) int {
	off := 0
	for i := 0; i < runes && off < len(s); i++ {
		_, size := utf8.DecodeRuneInString(s[off:])
		off += size
	}
	return off
}

func isIdentRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// qualifierBefore returns X when the identifier at start is preceded by
// "X.".
func qualifierBefore(code string, start int) (string, bool) {
	if start == 0 || code[start-1] != '.' {
		return "", false
	}
	end := start - 1
	begin := end
	for begin > 0 {
		r, size := utf8.DecodeLastRuneInString(code[:begin])
		if !isIdentRune(r) {
			break
		}
		begin -= size
	}
	if begin == end {
		return "", false
	}
	return code[begin:end], true
}

// inImportPath reports whether start is inside the quotes of an import.
func inImportPath(code string, start int) bool {
	line := code[strings.LastIndexByte(code[:start], '\n')+1 : start]
	trimmed := strings.TrimSpace(line)
	return strings.Count(line, `"`)%2 == 1 && (strings.HasPrefix(trimmed, "import") || strings.HasPrefix(trimmed, `"`) ||
		(len(trimmed) > 0 && strings.Contains(trimmed, ` "`)))
}

func (in *Introspector) importPaths() []string {
	var out []string
	for p := range in.packages {
		if p != "." && p != "" {
			out = append(out, p)
		}
	}
	return out
}

// importsOf maps the names bound by imports in earlier cells and in code
// to their paths.
func (in *Introspector) importsOf(code string) map[string]string {
	in.mu.Lock()
	cells := append(append([]string(nil), in.cells...), code)
	in.mu.Unlock()
	imports := map[string]string{}
	for _, cell := range cells {
		units, err := splitCell(cell)
		if err != nil {
			continue
		}
		for _, u := range units {
			if u.kind != importUnit {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+cell[u.start:u.end], parser.ImportsOnly)
			if err != nil {
				continue
			}
			for _, spec := range f.Imports {
				p, _ := strconv.Unquote(spec.Path.Value)
				name, ok := in.names[p]
				if !ok {
					name = path.Base(p)
				}
				if spec.Name != nil {
					name = spec.Name.Name
				}
				imports[name] = p
			}
		}
	}
	return imports
}

func (in *Introspector) members(code, qual string) []string {
	p, ok := in.importsOf(code)[qual]
	if !ok {
		return nil
	}
	var out []string
	for name := range in.packages[p] {
		if !strings.HasPrefix(name, "_") {
			out = append(out, name)
		}
	}
	return out
}

// unqualifiedNames lists what an unqualified identifier can be: keywords, builtins,
// imported package names and names the cells declared.
func (in *Introspector) unqualifiedNames(code string) []string {
	out := append([]string(nil), goKeywords...)
	out = append(out, goBuiltins...)
	for name := range in.importsOf(code) {
		out = append(out, name)
	}
	in.mu.Lock()
	cells := append(append([]string(nil), in.cells...), code)
	in.mu.Unlock()
	for _, cell := range cells {
		out = append(out, declaredNames(cell)...)
	}
	return out
}

// declaredNames lists the names a cell declares at top level, including
// variables its statements define with := or var.
func declaredNames(cell string) []string {
	var names []string
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(cell))
	var s scanner.Scanner
	s.Init(file, []byte(cell), nil, 0)
	var prev []string // identifiers since the last statement start
	depth := 0
	startOfStmt := true
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		switch tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		}
		switch {
		case tok == token.SEMICOLON:
			startOfStmt, prev = true, prev[:0]
			continue
		case depth == 0 && tok == token.IDENT:
			prev = append(prev, lit)
		case depth == 0 && tok == token.DEFINE:
			names = append(names, prev...)
		case depth <= 1 && startOfStmt && (tok == token.FUNC || tok == token.TYPE || tok == token.VAR || tok == token.CONST):
			// The next identifier is the declared name.
			_, t2, lit2 := s.Scan()
			if t2 == token.IDENT {
				names = append(names, lit2)
			}
			if t2 == token.LPAREN && tok == token.FUNC {
				// A method: its name follows the receiver.
				d := 1
				for d > 0 {
					_, t3, _ := s.Scan()
					if t3 == token.EOF {
						break
					}
					if t3 == token.LPAREN {
						d++
					} else if t3 == token.RPAREN {
						d--
					}
				}
				if _, t3, lit3 := s.Scan(); t3 == token.IDENT {
					names = append(names, lit3)
				}
			}
			if t2 == token.LPAREN && tok != token.FUNC {
				depth++
			}
		}
		startOfStmt = tok == token.SEMICOLON || (depth == 1 && tok == token.LPAREN)
	}
	return names
}

// cellDecl finds the declaration of name in the cells and shows it with
// its doc comment.
func (in *Introspector) cellDecl(code, name string) (string, bool) {
	in.mu.Lock()
	cells := append([]string{code}, in.cells...)
	in.mu.Unlock()
	for i := len(cells) - 1; i >= 0; i-- {
		cell := cells[i]
		units, err := splitCell(cell)
		if err != nil {
			continue
		}
		for _, u := range units {
			if u.kind != declUnit {
				continue
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, "", "package p\n"+cell[u.lead:u.end], parser.ParseComments)
			if err != nil {
				continue
			}
			for _, d := range f.Decls {
				if text, ok := describeDecl(fset, d, name); ok {
					return text, true
				}
			}
		}
	}
	return "", false
}

func describeDecl(fset *token.FileSet, d ast.Decl, name string) (string, bool) {
	var b strings.Builder
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Name.Name != name {
			return "", false
		}
		docText := d.Doc.Text()
		d.Body, d.Doc = nil, nil
		format.Node(&b, fset, d)
		if docText != "" {
			b.WriteString("\n\n" + docText)
		}
		return b.String(), true
	case *ast.GenDecl:
		for _, spec := range d.Specs {
			var names []*ast.Ident
			switch s := spec.(type) {
			case *ast.TypeSpec:
				names = []*ast.Ident{s.Name}
			case *ast.ValueSpec:
				names = s.Names
			}
			for _, n := range names {
				if n.Name == name {
					docText := d.Doc.Text()
					d.Doc = nil
					format.Node(&b, fset, &ast.GenDecl{Tok: d.Tok, Specs: []ast.Spec{spec}})
					if docText != "" {
						b.WriteString("\n\n" + docText)
					}
					return b.String(), true
				}
			}
		}
	}
	return "", false
}

// packageDoc returns the documentation of a package, or of one of its
// members, read from the Go source tree.
func (in *Introspector) packageDoc(importPath, member string) Doc {
	pkg := in.parsedDoc(importPath)
	if pkg == nil {
		if syms, ok := in.packages[importPath]; ok {
			if v, ok := syms[member]; ok {
				return Doc{Found: true, Text: importPath + "." + member + " " + v.Type().String()}
			}
		}
		return Doc{}
	}
	if member == "" {
		return Doc{Found: true, Text: "package " + pkg.Name + " // import \"" + importPath + "\"\n\n" + pkg.Doc}
	}
	fset := token.NewFileSet()
	show := func(node any, docText string) Doc {
		var b strings.Builder
		format.Node(&b, fset, node)
		return Doc{Found: true, Text: b.String() + "\n\n" + docText}
	}
	for _, f := range pkg.Funcs {
		if f.Name == member {
			f.Decl.Body = nil
			return show(f.Decl, f.Doc)
		}
	}
	for _, t := range pkg.Types {
		if t.Name == member {
			return show(t.Decl, t.Doc)
		}
		for _, f := range t.Funcs {
			if f.Name == member {
				f.Decl.Body = nil
				return show(f.Decl, f.Doc)
			}
		}
		for _, v := range append(t.Consts, t.Vars...) {
			for _, n := range v.Names {
				if n == member {
					return show(v.Decl, v.Doc)
				}
			}
		}
	}
	for _, v := range append(pkg.Consts, pkg.Vars...) {
		for _, n := range v.Names {
			if n == member {
				return show(v.Decl, v.Doc)
			}
		}
	}
	return Doc{}
}

// parsedDoc parses a package's source for its documentation, once.
func (in *Introspector) parsedDoc(importPath string) *doc.Package {
	in.mu.Lock()
	if pkg, ok := in.docs[importPath]; ok {
		in.mu.Unlock()
		return pkg
	}
	in.mu.Unlock()
	var pkg *doc.Package
	if dir := sourceDir(importPath); dir != "" {
		bp, err := build.ImportDir(dir, 0)
		if err == nil {
			fset := token.NewFileSet()
			var files []*ast.File
			for _, name := range bp.GoFiles {
				if f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments); err == nil {
					files = append(files, f)
				}
			}
			pkg, _ = doc.NewFromFiles(fset, files, importPath)
		}
	}
	in.mu.Lock()
	in.docs[importPath] = pkg
	in.mu.Unlock()
	return pkg
}

// sourceDir finds a standard library package's source directory.
func sourceDir(importPath string) string {
	root := build.Default.GOROOT
	if root == "" || strings.Contains(strings.SplitN(importPath, "/", 2)[0], ".") {
		return ""
	}
	return filepath.Join(root, "src", filepath.FromSlash(importPath))
}

var goKeywords = []string{
	"break", "case", "chan", "const", "continue", "default", "defer", "else",
	"fallthrough", "for", "func", "go", "goto", "if", "import", "interface",
	"map", "package", "range", "return", "select", "struct", "switch", "type", "var",
}

var goBuiltins = []string{
	"append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len",
	"make", "max", "min", "new", "panic", "print", "println", "real", "recover",
	"bool", "byte", "complex64", "complex128", "error", "float32", "float64",
	"int", "int8", "int16", "int32", "int64", "rune", "string",
	"uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "any", "comparable",
	"true", "false", "iota", "nil",
}

// builtinDoc documents a predeclared identifier from the builtin
// package's source.
func builtinDoc(name string) (string, bool) {
	dir := sourceDir("builtin")
	if dir == "" {
		return "", false
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join(dir, "builtin.go"), nil, parser.ParseComments)
	if err != nil {
		return "", false
	}
	for _, d := range f.Decls {
		if text, ok := describeDecl(fset, d, name); ok {
			return text, true
		}
	}
	return "", false
}
