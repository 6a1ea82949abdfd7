package rewrite

import (
	"go/ast"
	"go/types"
)

// Struct types that point to each other. The interpreter builds a struct
// type's run-time type when the type is first used, and stands in a
// placeholder for a field that leads back to a struct still being built;
// when the build is done it replaces every placeholder with the last type
// it found leading back. Where all the ways back lead to the type the
// build started from, that is right; otherwise fields get the wrong type,
// and assigning to them panics in reflect.Set. With
//
//	type Node struct{ val int; edge *Edge }
//	type Edge struct{ to *Node; next *Edge }
//
// a build that starts from Node gives Edge.to the type *Edge; one that
// starts from Edge is right, since every cycle passes through Edge. So,
// for each group of struct types that lead to one another, a member that
// every cycle of the group passes through is used first:
//
//	var _ Edge
//
// declared after the cell's types, groups that others lead to first. A
// group with no such member is left as it is.

// typeCycleStarts returns declarations that make the interpreter build the
// struct types decls declares, where they lead to one another, from a
// type it builds right.
func (rw *rewriter) typeCycleStarts(decls []ast.Decl) []string {
	var nodes []*types.Named
	index := map[*types.Named]int{}
	for _, ts := range definedTypes(decls) {
		if ts.TypeParams != nil && len(ts.TypeParams.List) > 0 {
			continue
		}
		obj, ok := rw.info.Defs[ts.Name].(*types.TypeName)
		if !ok {
			continue
		}
		named, ok := obj.Type().(*types.Named)
		if !ok {
			continue
		}
		if _, ok := named.Underlying().(*types.Struct); !ok {
			continue
		}
		index[named] = len(nodes)
		nodes = append(nodes, named)
	}
	if len(nodes) < 2 {
		return nil
	}
	edges := make([][]int, len(nodes))
	for i, n := range nodes {
		seen := map[types.Type]bool{}
		var walk func(t types.Type)
		walk = func(t types.Type) {
			if seen[t] {
				return
			}
			seen[t] = true
			switch t := t.(type) {
			case *types.Named:
				if j, ok := index[t]; ok {
					edges[i] = append(edges[i], j)
					return
				}
				if t.Obj().Pkg() != nil && t.Obj().Pkg().Path() == "main" && t.TypeArgs().Len() == 0 {
					walk(t.Underlying())
				}
			case *types.Struct:
				for f := range t.Fields() {
					walk(f.Type())
				}
			default:
				for _, part := range TypeParts(t) {
					walk(part)
				}
			}
		}
		walk(n.Underlying())
	}
	var starts []string
	for _, group := range stronglyConnected(edges) {
		if len(group) < 2 {
			continue
		}
		if v, ok := cutVertex(edges, group); ok {
			starts = append(starts, "var _ "+interpTypeString(nodes[v], rw.qualify))
		}
	}
	return starts
}

// stronglyConnected returns the strongly connected components of the graph
// edges describes, each after the components it leads to (Tarjan).
func stronglyConnected(edges [][]int) [][]int {
	n := len(edges)
	order, low := make([]int, n), make([]int, n)
	onStack := make([]bool, n)
	for i := range order {
		order[i] = -1
	}
	var stack []int
	var groups [][]int
	next := 0
	var visit func(v int)
	visit = func(v int) {
		order[v], low[v] = next, next
		next++
		stack = append(stack, v)
		onStack[v] = true
		for _, w := range edges[v] {
			switch {
			case order[w] < 0:
				visit(w)
				low[v] = min(low[v], low[w])
			case onStack[w]:
				low[v] = min(low[v], order[w])
			}
		}
		if low[v] != order[v] {
			return
		}
		var group []int
		for {
			w := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			onStack[w] = false
			group = append(group, w)
			if w == v {
				break
			}
		}
		groups = append(groups, group)
	}
	for v := range n {
		if order[v] < 0 {
			visit(v)
		}
	}
	return groups
}

// cutVertex returns a member of group that every cycle within the group
// passes through: without it, the group's edges form no cycle. Of several,
// the first in group's order is returned.
func cutVertex(edges [][]int, group []int) (int, bool) {
	in := map[int]bool{}
	for _, v := range group {
		in[v] = true
	}
	for _, cut := range group {
		if !hasCycle(edges, in, cut) {
			return cut, true
		}
	}
	return 0, false
}

// hasCycle reports whether the members of in other than without have a
// cycle among them, self-loops included.
func hasCycle(edges [][]int, in map[int]bool, without int) bool {
	const (
		unseen = iota
		open
		done
	)
	state := map[int]int{}
	var visit func(v int) bool
	visit = func(v int) bool {
		state[v] = open
		for _, w := range edges[v] {
			if !in[w] || w == without {
				continue
			}
			switch state[w] {
			case open:
				return true
			case unseen:
				if visit(w) {
					return true
				}
			}
		}
		state[v] = done
		return false
	}
	for v := range in {
		if v != without && state[v] == unseen && visit(v) {
			return true
		}
	}
	return false
}
