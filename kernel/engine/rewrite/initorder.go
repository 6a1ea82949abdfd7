package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
)

// The order of package-level variables. Go initializes them in an order
// of dependencies that goes through the bodies of the functions their
// initializers call (types.Info.InitOrder); the interpreter orders them
// by the variables their initializers name themselves, and otherwise
// keeps their order in the source, so that
//
//	var total = sum()
//	var base = 10
//	func sum() int { return base * 2 }
//
// gave total 0. The session gives the interpreter the declarations it
// evaluates together in Go's order (InitOrder.Sort), each variable in a
// declaration of its own, after those without initializers. One
// declaration each also keeps var x, p = 1, point{} from leaving x zero
// (parallelassign.go).

// InitOrder ranks the initializers of a cell's package-level variables
// in the order Go runs them.
type InitOrder struct {
	rank map[initKey]int
}

// initKey is an initializer: a variable specification and the index of
// its value, or -1 for a specification with one value for all its names.
type initKey struct {
	spec *ast.ValueSpec
	i    int
}

func keyOf(spec *ast.ValueSpec, i int) initKey {
	if len(spec.Values) <= 1 {
		i = -1
	}
	return initKey{spec, i}
}

// NewInitOrder ranks the initializers of the variables decls declare, as
// info, the checker's findings, orders them. Call it before the passes
// change the initializers.
func NewInitOrder(info *types.Info, decls []ast.Decl) *InitOrder {
	at := map[ast.Expr]initKey{}
	for _, d := range decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			continue
		}
		for _, s := range g.Specs {
			spec := s.(*ast.ValueSpec)
			for i, v := range spec.Values {
				at[v] = keyOf(spec, i)
			}
		}
	}
	o := &InitOrder{rank: map[initKey]int{}}
	for _, init := range info.InitOrder {
		if k, ok := at[init.Rhs]; ok {
			if _, seen := o.rank[k]; !seen {
				o.rank[k] = len(o.rank)
			}
		}
	}
	return o
}

// Sort returns nodes, declarations the interpreter evaluates together,
// with their variables in Go's order of initialization: the variable
// declarations give way, where the first of them stood, to one
// declaration per initializer, those without initializers first. nodes
// is returned as it is when its variables are in that order already and
// no declaration gives several variables their values.
func (o *InitOrder) Sort(nodes []ast.Node) []ast.Node {
	type unit struct {
		spec *ast.ValueSpec
		rank int // -1 without an initializer the order knows
	}
	var units []unit
	split := false // a specification of several values split up
	first := -1
	for i, n := range nodes {
		g, ok := n.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			continue
		}
		if first < 0 {
			first = i
		}
		for _, s := range g.Specs {
			spec := s.(*ast.ValueSpec)
			if len(spec.Values) > 1 && len(spec.Values) == len(spec.Names) {
				split = true
				for i, name := range spec.Names {
					r, ok := o.rank[keyOf(spec, i)]
					if !ok {
						r = -1
					}
					one := &ast.ValueSpec{Names: []*ast.Ident{name}, Type: spec.Type, Values: []ast.Expr{spec.Values[i]}}
					units = append(units, unit{one, r})
				}
				continue
			}
			r, ok := o.rank[keyOf(spec, -1)]
			if !ok {
				r = -1
			}
			units = append(units, unit{spec, r})
		}
	}
	if !split && sort.SliceIsSorted(units, func(i, j int) bool { return units[i].rank < units[j].rank }) {
		return nodes
	}
	sort.SliceStable(units, func(i, j int) bool { return units[i].rank < units[j].rank })
	out := make([]ast.Node, 0, len(nodes)+len(units))
	for i, n := range nodes {
		if g, ok := n.(*ast.GenDecl); ok && g.Tok == token.VAR {
			if i == first {
				for _, u := range units {
					out = append(out, &ast.GenDecl{TokPos: u.spec.Pos(), Tok: token.VAR, Specs: []ast.Spec{u.spec}})
				}
			}
			continue
		}
		out = append(out, n)
	}
	return out
}
