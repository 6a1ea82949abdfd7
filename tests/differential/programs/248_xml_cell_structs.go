//go:build ignore

// encoding/xml on a program's own struct types at the top level, which Go
// names after the type: Marshal, MarshalIndent, slices and arrays of them,
// one in an interface, an XMLName field with and without a value, a
// generic type, Encoder.Encode and EncodeElement, and decoding back.
package main

import (
	"encoding/xml"
	"fmt"
	"os"
)

type Item struct {
	ID   int    `xml:"id,attr"`
	Name string `xml:"name"`
	note string
}

type Shape interface{ Area() int }
type Sq struct{ S int }

func (s Sq) Area() int { return s.S * s.S }

type Named struct {
	XMLName xml.Name
	V       int
}

type Pair[T any] struct{ A, B T }

func main() {
	b, err := xml.Marshal(Item{1, "a", "n"})
	fmt.Println(string(b), err)
	b, err = xml.MarshalIndent([]Item{{1, "a", ""}, {2, "b", ""}}, ">", "  ")
	fmt.Println(string(b), err)
	b, err = xml.Marshal([2]*Item{{ID: 3}, nil})
	fmt.Println(string(b), err)
	var s Shape = Sq{2}
	b, err = xml.Marshal(s)
	fmt.Println(string(b), err)
	b, err = xml.Marshal([]any{Item{ID: 4}, 5, "x"})
	fmt.Println(string(b), err)
	b, err = xml.Marshal(Named{V: 1})
	fmt.Println(string(b), err)
	b, err = xml.Marshal(Named{XMLName: xml.Name{Local: "nm"}, V: 1})
	fmt.Println(string(b), err)
	b, err = xml.Marshal(Pair[int]{1, 2})
	fmt.Println(string(b), err)
	enc := xml.NewEncoder(os.Stdout)
	enc.Indent("", " ")
	fmt.Println(enc.Encode(Item{ID: 9, Name: "z"}))
	fmt.Println(enc.EncodeElement(Item{ID: 8}, xml.StartElement{Name: xml.Name{Local: "thing"}}))
	var it Item
	fmt.Println(xml.Unmarshal([]byte(`<Item id="7"><name>q</name></Item>`), &it), it.ID, it.Name)
	var items struct {
		List []Item `xml:"Item"`
	}
	fmt.Println(xml.Unmarshal([]byte(`<r><Item id="1"/><Item id="2"/></r>`), &items), len(items.List), items.List[1].ID)
	var p *Item
	b, err = xml.Marshal(p)
	fmt.Println(string(b), err)
	b, err = xml.Marshal(map[string]Item{})
	fmt.Println(string(b), err)
	type Holder struct{ M map[int]Sq }
	b, err = xml.Marshal(Holder{})
	fmt.Println(string(b), err)
}
