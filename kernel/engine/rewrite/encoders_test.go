package rewrite

import "testing"

// Unexported fields of defined struct types are hidden from the
// encoders, those of struct type literals not (the passes write such
// types again without tags); the value an encoder encodes goes through JSONOpen when
// its type holds an interface, and only then.
func TestEncoderPasses(t *testing.T) {
	f := checked(t, `package main
import "encoding/json"
type Shape interface{ Area() float64 }
type P struct {
	Name  string `+"`json:\"name\"`"+`
	email string `+"`json:\"email\"`"+`
	In    struct{ X, y int }
}
func main() {
	json.Marshal([]Shape{})
	json.Marshal(P{})
	json.NewEncoder(nil).Encode(map[string]any{})
}
`)
	runPasses(f, "calls", "structtags")
	checkPrinted(t, f,
		[]string{
			"email string `json:\"-\" xml:\"-\" goconctag:\"json:\\\"email\\\"\"`",
			"json.Marshal(goconc_rt.JSONOpen([]Shape{}))",
			"Encode(goconc_rt.JSONOpen(map[string]any{}))",
			"json.Marshal(P{})",
		},
		[]string{`"email"`, `y int ` + "`"})
}

// A reflect.StructField's Tag a cell reads goes through
// goconc_rt.DeclaredTag, which gives back the tag as written; an
// assigned or addressed Tag and other fields named Tag stay.
func TestDeclaredTags(t *testing.T) {
	f := checked(t, `package main
import "reflect"
type P struct {
	Tag   string
	email string `+"`json:\"email\"`"+`
}
func main() {
	sf := reflect.TypeOf(P{}).Field(1)
	_ = sf.Tag.Get("json")
	p := &sf
	_ = p.Tag
	sf.Tag = "x"
	_ = &sf.Tag
	_ = P{}.Tag
}
`)
	runPasses(f, "calls", "structtags")
	checkPrinted(t, f,
		[]string{
			`goconc_rt.DeclaredTag(sf.Tag).Get("json")`,
			`_ = goconc_rt.DeclaredTag(p.Tag)`,
			`sf.Tag = "x"`,
			`_ = &sf.Tag`,
			`_ = P{}.Tag`,
			"email string `json:\"-\" xml:\"-\" goconctag:\"json:\\\"email\\\"\"`",
		},
		[]string{`DeclaredTag(goconc_rt.DeclaredTag`, `DeclaredTag(P{}`, `DeclaredTag(sf.Tag) =`})
}
