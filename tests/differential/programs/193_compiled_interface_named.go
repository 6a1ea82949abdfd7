//go:build ignore

// Values of the program's own non-struct types with methods (a slice
// type implementing sort.Interface, a float and an int type with String
// and Error) and pointers in compiled interfaces: printed with several
// verbs, %T, asserted back.
package main

import (
	"fmt"
	"sort"
)

type Sq struct{ S int }
type ByS []Sq

func (b ByS) Len() int           { return len(b) }
func (b ByS) Less(i, j int) bool { return b[i].S < b[j].S }
func (b ByS) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

type Tag struct{ T string }

func (g Tag) String() string { return "#" + g.T }

type Deg float64

func (d Deg) String() string { return fmt.Sprintf("%.1f°", float64(d)) }

type Err int

func (e Err) Error() string { return fmt.Sprint("err ", int(e)) }

func main() {
	{
		var si sort.Interface = ByS{{2}}
		fmt.Println(si)
	}
	{
		var st fmt.Stringer = &Tag{"p"}
		_, ok := st.(*Tag)
		fmt.Printf("%T %v %v\n", st, st, ok)
	}
	{
		var st fmt.Stringer = Deg(2)
		fmt.Printf("%T %v %.2f\n", st, st, st)
	}
	{
		var err error = Err(3)
		fmt.Printf("%T %v %d\n", err, err, err)
	}
	{
		var st fmt.Stringer = Tag{"d"}
		fmt.Printf("%d\n", st)
	}
	{
		type h struct{ E error }
		fmt.Printf("%v %+v\n", h{Err(1)}, h{Err(2)})
	}
}
