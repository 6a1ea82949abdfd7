package engine

import "testing"

// TestEncodeCellValues checks encoding/json on cell
// types: struct tags, unexported fields left out, and values of types
// with methods inside interfaces (a []Shape, a map[string]any, a
// struct's interface field), which the encoders saw as {}.
func TestEncodeCellValues(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import (
	"bytes"
	"encoding/json"
	"fmt"
)
type Shape interface{ Area() float64 }
type Circle struct {
	R float64 `+"`json:\"r\"`"+`
}
func (c Circle) Area() float64 { return 3 * c.R * c.R }
type Rect struct{ W, H float64 }
func (r Rect) Area() float64 { return r.W * r.H }
type Person struct {
	Name  string `+"`json:\"name\" xml:\"name\"`"+`
	Age   int    `+"`json:\"age,omitempty\"`"+`
	email string `+"`json:\"email\"`"+`
	Pet   Shape  `+"`json:\"pet,omitempty\"`"+`
}
func show(v any) {
	b, err := json.Marshal(v)
	fmt.Println(string(b), err)
}`)
	checkCells(t, s, out, []cellCase{
		{`b, err := json.Marshal([]Shape{Circle{1}, Rect{2, 3}})
fmt.Println(string(b), err)`, `[{"r":1},{"W":2,"H":3}] <nil>` + "\n"},
		{`b, _ := json.Marshal(Person{Name: "ann", Age: 3, email: "a@x"})
fmt.Println(string(b))`, `{"name":"ann","age":3}` + "\n"},
		{`show(Person{Name: "bob", Pet: Circle{2}})`, `{"name":"bob","pet":{"r":2}} <nil>` + "\n"},
		{`b, _ := json.Marshal(map[string]any{"s": Circle{2}, "n": 1, "l": []Shape{Rect{1, 1}}})
fmt.Println(string(b))`, `{"l":[{"W":1,"H":1}],"n":1,"s":{"r":2}}` + "\n"},
		{`b, _ := json.MarshalIndent(map[int]Shape{2: Circle{1}, 1: nil}, "", " ")
fmt.Println(string(b))`, "{\n \"1\": null,\n \"2\": {\n  \"r\": 1\n }\n}\n"},
		{`var buf bytes.Buffer
json.NewEncoder(&buf).Encode(struct{ S []Shape }{[]Shape{Circle{3}}})
fmt.Print(buf.String())`, `{"S":[{"r":3}]}` + "\n"},
		{`var p Person
err := json.Unmarshal([]byte(` + "`" + `{"name":"zed","age":9,"email":"z"}` + "`" + `), &p)
fmt.Println(p.Name, p.Age, p.email == "", err)`, "zed 9 true <nil>\n"},
	})
}

// TestXMLCellStructs checks encoding/xml on cell struct types at the top
// level, which Go names after the type: xml.Marshal failed with
// "unsupported type" for a struct without an XMLName.
func TestXMLCellStructs(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import (
	"bytes"
	"encoding/xml"
	"fmt"
)
type Item struct {
	ID   int    `+"`xml:\"id,attr\"`"+`
	Name string `+"`xml:\"name\"`"+`
	note string
}
type Shape interface{ Area() int }
type Sq struct{ S int }
func (s Sq) Area() int { return s.S * s.S }
type Tagged struct {
	XMLName xml.Name
	V       int
}
type Pair[T any] struct{ A, B T }
func show(v any) {
	b, err := xml.Marshal(v)
	fmt.Println(string(b), err)
}`)
	checkCells(t, s, out, []cellCase{
		{`b, err := xml.Marshal(Item{1, "a", "n"})
fmt.Println(string(b), err)`, `<Item id="1"><name>a</name></Item> <nil>` + "\n"},
		{`b, err := xml.MarshalIndent([]Item{{1, "a", ""}, {2, "b", ""}}, "", " ")
fmt.Println(string(b), err)`, "<Item id=\"1\">\n <name>a</name>\n</Item>\n<Item id=\"2\">\n <name>b</name>\n</Item> <nil>\n"},
		{`b, err := xml.Marshal([2]*Item{{ID: 3}, nil})
fmt.Println(string(b), err)`, `<Item id="3"><name></name></Item> <nil>` + "\n"},
		{`var sh Shape = Sq{2}
show(sh)`, `<Sq><S>2</S></Sq> <nil>` + "\n"},
		{`show([]any{Item{ID: 4}, 5})`, `<Item id="4"><name></name></Item><int>5</int> <nil>` + "\n"},
		{`show(Tagged{V: 1})`, `<Tagged><V>1</V></Tagged> <nil>` + "\n"},
		{`show(Tagged{XMLName: xml.Name{Local: "t"}, V: 1})`, `<t><V>1</V></t> <nil>` + "\n"},
		{`show(Pair[int]{1, 2})`, `<Pair><A>1</A><B>2</B></Pair> <nil>` + "\n"},
		{`var buf bytes.Buffer
e := xml.NewEncoder(&buf)
fmt.Println(e.Encode(Item{ID: 9}), e.EncodeElement(Item{ID: 8}, xml.StartElement{Name: xml.Name{Local: "x"}}), buf.String())`, `<nil> <nil> <Item id="9"><name></name></Item><x id="8"><name></name></x>` + "\n"},
		{`show(map[string]Item{})`, " xml: unsupported type: map[string]main.Item\n"},
		{`type Holder struct{ M map[int]Sq }
show(Holder{})`, " xml: unsupported type: map[int]main.Sq\n"},
		{`var it Item
err := xml.Unmarshal([]byte(` + "`" + `<Item id="7"><name>q</name><note>z</note></Item>` + "`" + `), &it)
fmt.Println(err, it.ID, it.Name, it.note == "")`, "<nil> 7 q true\n"},
	})
}

// TestDeclaredStructTags checks that reflection gives a cell struct
// field's tag as written, an unexported field's json and xml keys too,
// which the rewrite replaces to hide the field from the encoders.
func TestDeclaredStructTags(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import (
	"encoding/json"
	"fmt"
	"reflect"
)
type T struct {
	a int    `+"`json:\"aa\" xml:\"x,attr\" db:\"o\"`"+`
	B string `+"`json:\"b,omitempty\"`"+`
	c int
}`)
	checkCells(t, s, out, []cellCase{
		{`for i := 0; i < 3; i++ {
	f := reflect.TypeOf(T{}).Field(i)
	fmt.Printf("%q %q %q\n", f.Tag, f.Tag.Get("json"), f.Tag.Get("xml"))
}`, "\"json:\\\"aa\\\" xml:\\\"x,attr\\\" db:\\\"o\\\"\" \"aa\" \"x,attr\"\n\"json:\\\"b,omitempty\\\"\" \"b,omitempty\" \"\"\n\"\" \"\" \"\"\n"},
		{`f, ok := reflect.ValueOf(&T{}).Elem().Type().FieldByName("B")
v, found := f.Tag.Lookup("json")
fmt.Println(v, found, ok)`, "b,omitempty true true\n"},
		{`type L struct{ x int ` + "`json:\"ex\"`" + ` }
fmt.Println(reflect.TypeOf(L{}).Field(0).Tag.Get("json"))`, "ex\n"},
		{`b, _ := json.Marshal(T{1, "s", 2})
fmt.Println(string(b))`, `{"b":"s"}` + "\n"},
	})
}

// TestUnexportedLiteralFields checks that encoding/json and encoding/xml
// leave out the unexported fields of struct type literals, which the
// interpreter exports (the yaegi edit in tools/yaegipatch's
// structtags_interp.go tags them), and that reflection still gives their
// tags as written.
func TestUnexportedLiteralFields(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"reflect"
)
func show(v any) {
	b, err := json.Marshal(v)
	fmt.Println(string(b), err)
}`)
	checkCells(t, s, out, []cellCase{
		{`show(struct{ A int; b int }{1, 2})`, `{"A":1} <nil>` + "\n"},
		{`show(struct {
	X  int ` + "`json:\"x\"`" + `
	y  int ` + "`json:\"why\"`" + `
	Xa int
}{1, 2, 3})`, `{"x":1,"Xa":3} <nil>` + "\n"},
		{`show([]struct{ A, b int }{{1, 2}})`, `[{"A":1}] <nil>` + "\n"},
		{`show(map[string]struct{ A, b int }{"k": {1, 2}})`, `{"k":{"A":1}} <nil>` + "\n"},
		{`var v any = struct{ A, b int }{5, 6}
show(v)`, `{"A":5} <nil>` + "\n"},
		{`type local struct{ A, b int }
show(local{1, 2})`, `{"A":1} <nil>` + "\n"},
		{`var d struct{ A, b int }
err := json.Unmarshal([]byte(` + "`" + `{"A":1,"b":2,"Xb":3}` + "`" + `), &d)
fmt.Println(err, d.A, d.b)`, "<nil> 1 0\n"},
		{`b, err := xml.Marshal(struct {
	XMLName xml.Name ` + "`xml:\"r\"`" + `
	A, b    int
}{A: 1, b: 2})
fmt.Println(string(b), err)`, `<r><A>1</A></r> <nil>` + "\n"},
		{`s := struct{ y int ` + "`json:\"why\" db:\"d\"`" + ` }{}
fmt.Println(reflect.TypeOf(s).Field(0).Tag.Get("json"), reflect.TypeOf(s).Field(0).Tag.Get("db"))`, "why d\n"},
	})
}

// TestEmbeddedFieldsEncode checks that encoding/json and encoding/xml
// promote the fields of an embedded struct among several fields, as Go
// does; the interpreter marked an embedded field as such only when it
// was the struct's one field (the yaegi edit in tools/yaegipatch's
// structtags_interp.go).
func TestEmbeddedFieldsEncode(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"sync"
)
type Inner struct {
	P int
	q int
}
type Base struct{ ID int `+"`json:\"id\"`"+` }
type Outer struct {
	Inner
	*Base
	C int
}
type Locked struct {
	sync.Mutex
	N int
}`)
	checkCells(t, s, out, []cellCase{
		{`b, err := json.Marshal(Outer{Inner{1, 2}, &Base{7}, 3})
fmt.Println(string(b), err)`, `{"P":1,"id":7,"C":3} <nil>` + "\n"},
		{`var o Outer
err := json.Unmarshal([]byte(` + "`" + `{"P":5,"id":9,"C":1}` + "`" + `), &o)
fmt.Println(err, o.P, o.Base != nil && o.ID == 9, o.C)`, "<nil> 5 true 1\n"},
		{`b, err := json.Marshal(&Locked{N: 1})
fmt.Println(string(b), err)`, `{"N":1} <nil>` + "\n"},
		{`b, err := xml.Marshal(Outer{Inner{1, 2}, nil, 3})
fmt.Println(string(b), err)`, `<Outer><P>1</P><C>3</C></Outer> <nil>` + "\n"},
		{`b, err := json.Marshal(struct {
	Inner
	D int
}{Inner{4, 5}, 6})
fmt.Println(string(b), err)`, `{"P":4,"D":6} <nil>` + "\n"},
		{`var l Locked
l.Lock()
l.N++
l.Unlock()
fmt.Println(l.N)`, "1\n"},
	})
}
