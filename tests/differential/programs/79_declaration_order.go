//go:build ignore

// Types used before their declaration, as Go allows at package level: a
// job embeds a type declared below it, a queue points to nodes declared
// after it, a constant has a type declared later; and the sizes and
// offsets unsafe reports for them, one through a pointer to a struct with
// an embedded field.
package main

import (
	"fmt"
	"unsafe"
)

type job struct {
	meta
	id int32
}

type queue struct {
	head, tail *node
	size       int
}

type node struct {
	value job
	next  *node
	owner *string
}

const urgent priority = 3

type meta struct {
	level priority
	tag   string
}

type priority int8

func (q *queue) push(j job) {
	n := &node{value: j}
	if q.tail == nil {
		q.head = n
	} else {
		q.tail.next = n
	}
	q.tail = n
	q.size++
}

func main() {
	q := &queue{}
	q.push(job{meta{urgent, "a"}, 1})
	q.push(job{meta: meta{level: 1, tag: "b"}, id: 2})
	for n := q.head; n != nil; n = n.next {
		fmt.Println(n.value.id, n.value.tag, n.value.level, n.owner == nil)
	}
	var j job
	p := &j
	fmt.Println(unsafe.Sizeof(j), unsafe.Offsetof(j.id), unsafe.Offsetof(p.tag), unsafe.Offsetof(p.meta.tag), unsafe.Alignof(q.size))
	var buf [unsafe.Sizeof(node{})]byte
	fmt.Println(len(buf), q.size)
}
