package engine

import (
	"fmt"
	"reflect"

	"github.com/traefik/yaegi/interp"
)

// The package through which a cell's trailing value is rendered. It is
// bound in every session under a name no cell can declare by accident.
const (
	showPackage = "goconc/kernel/engine/show"
	showName    = "goconc_show"
	showCall    = showName + ".Value"
)

// Interfaces a value can implement to draw itself in a notebook.
type (
	htmler     interface{ HTML() string }
	svger      interface{ SVG() string }
	markdowner interface{ Markdown() string }
)

// Wrappers through which the interpreter passes an interpreted value as
// one of the interfaces above: it looks them up by the interface's name
// with a leading underscore, and fills W<Method> with the method.
type (
	svgerWrapper struct {
		IValue any
		WSVG   func() string
	}
	htmlerWrapper struct {
		IValue any
		WHTML  func() string
	}
	markdownerWrapper struct {
		IValue    any
		WMarkdown func() string
	}
)

func (w svgerWrapper) SVG() string           { return w.WSVG() }
func (w htmlerWrapper) HTML() string         { return w.WHTML() }
func (w markdownerWrapper) Markdown() string { return w.WMarkdown() }

// showValue renders a cell's trailing value as a MIME bundle.
func showValue(v any) map[string]any {
	bundle := map[string]any{}
	switch r := v.(type) {
	case svger:
		bundle["image/svg+xml"] = r.SVG()
	case htmler:
		bundle["text/html"] = r.HTML()
	case markdowner:
		bundle["text/markdown"] = r.Markdown()
	}
	switch r := v.(type) {
	case fmt.Stringer:
		bundle["text/plain"] = r.String()
	case error:
		bundle["text/plain"] = r.Error()
	default:
		if len(bundle) > 0 {
			// A wrapped interpreted value prints as its wrapper; say
			// what it is instead.
			bundle["text/plain"] = "[rich output]"
		} else {
			bundle["text/plain"] = plainText(v)
		}
	}
	return bundle
}

// showExports makes showValue callable from cells. The map-types entry
// asks the interpreter to wrap interpreted values so that their methods
// satisfy these interfaces when passed to showValue.
func showExports() interp.Exports {
	fn := reflect.ValueOf(showValue)
	return interp.Exports{
		showPackage + "/show": {"Value": fn},
		reflect.TypeFor[svger]().PkgPath() + "/engine": {
			"_svger":      reflect.ValueOf((*svgerWrapper)(nil)),
			"_htmler":     reflect.ValueOf((*htmlerWrapper)(nil)),
			"_markdowner": reflect.ValueOf((*markdownerWrapper)(nil)),
		},
		".": {"MapTypes": reflect.ValueOf(map[reflect.Value][]reflect.Type{
			// The interpreter wraps a value as the first of these it
			// implements, so the richest come first.
			fn: {
				reflect.TypeFor[svger](),
				reflect.TypeFor[htmler](),
				reflect.TypeFor[markdowner](),
				reflect.TypeFor[error](),
				reflect.TypeFor[fmt.Stringer](),
			},
		})},
	}
}
