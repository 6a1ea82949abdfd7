//go:build ignore

// Struct types that point to one another: a graph of nodes and edges
// (the edge type also points to itself), a tree whose nodes know their
// tree, three types around one hub, and the two-type cycle. Values are
// built, linked up, copied and walked; before the types were used first
// through a type every cycle passes through, assignments panicked in
// reflect.Set.
package main

import (
	"fmt"
	"sort"
)

type Node struct {
	name string
	edge *Edge
}

type Edge struct {
	to   *Node
	next *Edge
}

func (n *Node) link(to *Node) { n.edge = &Edge{to: to, next: n.edge} }

func (n *Node) neighbours() []string {
	var out []string
	for e := n.edge; e != nil; e = e.next {
		out = append(out, e.to.name)
	}
	return out
}

type Tree struct {
	root  *TNode
	count int
}

type TNode struct {
	key    int
	parent *TNode
	kids   []*TNode
	tree   *Tree
}

func (t *Tree) add(parent *TNode, key int) *TNode {
	n := &TNode{key: key, parent: parent, tree: t}
	if parent == nil {
		t.root = n
	} else {
		parent.kids = append(parent.kids, n)
	}
	t.count++
	return n
}

func depth(n *TNode) int {
	d := 0
	for ; n.parent != nil; n = n.parent {
		d++
	}
	return d
}

// Three types around Hub: every cycle passes through it.
type Hub struct {
	spokes map[string]*Spoke
	rims   []Rim
}

type Spoke struct {
	hub  *Hub
	rim  *Rim
	size int
}

type Rim struct {
	back  *Hub
	label string
}

type A struct {
	b *B
	n int
}

type B struct {
	a *A
	s string
}

func main() {
	x, y, z := &Node{name: "x"}, &Node{name: "y"}, &Node{name: "z"}
	x.link(y)
	x.link(z)
	y.link(x)
	z.link(z)
	for _, n := range []*Node{x, y, z} {
		fmt.Println(n.name, "->", n.neighbours())
	}
	copied := *x
	copied.name = "x2"
	fmt.Println(copied.name, copied.edge.to.name, copied.edge.next.to.edge.to.name)

	t := &Tree{}
	r := t.add(nil, 1)
	c := t.add(r, 2)
	g := t.add(c, 3)
	t.add(r, 4)
	fmt.Println(t.count, len(r.kids), depth(g), g.tree == t, g.parent.parent == t.root)

	h := &Hub{spokes: map[string]*Spoke{}}
	h.rims = append(h.rims, Rim{back: h, label: "outer"}, Rim{back: h, label: "inner"})
	for i, name := range []string{"n", "e", "s"} {
		h.spokes[name] = &Spoke{hub: h, rim: &h.rims[i%2], size: i + 1}
	}
	var names []string
	for name, s := range h.spokes {
		names = append(names, fmt.Sprintf("%s:%s:%d:%v", name, s.rim.label, s.size, s.hub == h && s.rim.back == h))
	}
	sort.Strings(names)
	fmt.Println(names)

	var a A
	var b B
	a.b, a.n = &b, 7
	b.a, b.s = &a, "bee"
	other := A{b: &B{s: "other"}}
	other.b.a = &other
	fmt.Println(a.b.a.n, a.b.s, other.b.a.b.s, other.b.a == &other)
}
