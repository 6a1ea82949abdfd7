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
