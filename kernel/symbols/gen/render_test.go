package main

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"
)

// sample is a package with one of each kind of exported name, named like
// a package the generated file imports itself, so that one of the two
// must be renamed.
const sample = `package token

import (
	"fmt"
	"io"
)

func Plain(s string) int                { return len(s) }
func Generic[T any](v T) T              { return v }
func Variadic(format string, a ...any)  {}
var Counter int
const Untyped = 1 << 70
const Typed int64 = 7
const Flag = true
type Struct struct{ N int }
type List[T any] struct{ items []T }
type Ints = List[int]
type Pair[T any] = [2]T
type Number interface{ ~int | ~float64 }
type Comparable interface{ comparable }

// Source mixes an embedded interface of another package, a variadic
// method, a String method and an unexported method.
type Source interface {
	io.Reader
	fmt.Stringer
	Logf(format string, args ...any) (n int, err error)
	Reset()
	private()
}

type Sink interface{ Put(s Struct) *Struct }
type unexported struct{}
func hidden() {}
`

func checkSource(t *testing.T, fset *token.FileSet, path, src string, imp types.Importer) *types.Package {
	t.Helper()
	f, err := parser.ParseFile(fset, path+".go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	conf := types.Config{Importer: imp}
	pkg, err := conf.Check(path, fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatalf("checking %s: %v\n%s", path, err, src)
	}
	return pkg
}

func TestTableKeepsWhatReflectionRepresents(t *testing.T) {
	fset := token.NewFileSet()
	pkg := checkSource(t, fset, "example.com/token", sample, importer.ForCompiler(fset, "source", nil))
	tab := newTable(pkg, false)

	var values, typeNames, wrappers []string
	for _, obj := range tab.values {
		values = append(values, obj.Name())
	}
	for _, obj := range tab.types {
		typeNames = append(typeNames, obj.Name())
	}
	for _, w := range tab.wrappers {
		var methods []string
		for _, m := range w.methods {
			methods = append(methods, m.Name())
		}
		wrappers = append(wrappers, w.iface.Name()+"("+strings.Join(methods, ",")+")")
	}
	tests := []struct {
		what      string
		got, want []string
	}{
		{"values", values, []string{"Counter", "Flag", "Plain", "Typed", "Untyped", "Variadic"}},
		{"types", typeNames, []string{"Ints", "Sink", "Source", "Struct"}},
		{"wrappers", wrappers, []string{"Sink(Put)", "Source(Logf,Read,Reset,String)"}},
	}
	for _, tt := range tests {
		if !slices.Equal(tt.got, tt.want) {
			t.Errorf("%s = %v, want %v", tt.what, tt.got, tt.want)
		}
	}
}

// TestRenderedFileCompiles type-checks the file rendered for sample as
// part of package symbols, and checks that the wrappers implement the
// interfaces they stand for.
func TestRenderedFileCompiles(t *testing.T) {
	fset := token.NewFileSet()
	std := importer.ForCompiler(fset, "source", nil)
	pkg := checkSource(t, fset, "example.com/token", sample, std)

	src, err := render(newTable(pkg, true), "go1.26")
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	for _, want := range []string{
		"//go:build go1.26\n",
		`Symbols["example.com/token/token"]`,
		`example_com_token "example.com/token"`, // renamed: go/token is "token"
		`"Untyped":  reflect.ValueOf(constant.MakeFromLiteral("1180591620717411303424", token.INT, 0))`,
		`"Typed":    reflect.ValueOf(example_com_token.Typed)`,
		`"Flag":     reflect.ValueOf(example_com_token.Flag)`,
		`"Counter":  reflect.ValueOf(&example_com_token.Counter).Elem()`,
		`"_Source": reflect.ValueOf((*_example_com_token_Source)(nil))`,
		"func (w _example_com_token_Source) Logf(a0 string, a1 ...any) (int, error) {\n\treturn w.WLogf(a0, a1...)\n}",
		"if w.WString == nil {",
		// The variant for the cells' types with methods, which the
		// interpreter picks by its extra field.
		"type _example_com_token_Source_self struct {",
		"\tWgoconc_self     func() any\n\tWgoconc_typename func() string\n}",
		"selfWrappers[reflect.ValueOf((*_example_com_token_Source)(nil))] = reflect.TypeFor[_example_com_token_Source_self]()",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("rendered file lacks %q:\n%s", want, text)
		}
	}

	files := []*ast.File{}
	for name, s := range map[string]string{
		"table.go":   text,
		"symbols.go": "package symbols\n\nimport \"reflect\"\n\nvar Symbols = map[string]map[string]reflect.Value{}\n\nvar selfWrappers = map[reflect.Value]reflect.Type{}\n",
	} {
		f, err := parser.ParseFile(fset, name, s, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	imp := importerFunc(func(path string) (*types.Package, error) {
		if path == pkg.Path() {
			return pkg, nil
		}
		return std.Import(path)
	})
	conf := types.Config{Importer: imp}
	symbols, err := conf.Check("goconc/kernel/symbols", fset, files, nil)
	if err != nil {
		t.Fatalf("rendered file does not compile: %v\n%s", err, text)
	}
	for _, iface := range []string{"Sink", "Source"} {
		for _, name := range []string{wrapperName(pkg.Path(), iface), wrapperName(pkg.Path(), iface) + selfSuffix} {
			wrap := symbols.Scope().Lookup(name).Type()
			it := pkg.Scope().Lookup(iface).Type().Underlying().(*types.Interface)
			missing, _ := types.MissingMethod(wrap, it, false)
			if missing != nil && missing.Exported() {
				t.Errorf("wrapper %s of %s lacks method %s", name, iface, missing.Name())
			}
		}
	}
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
