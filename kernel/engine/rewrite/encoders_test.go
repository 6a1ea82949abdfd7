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
			"email string `json:\"-\" xml:\"-\"`",
			"json.Marshal(goconc_rt.JSONOpen([]Shape{}))",
			"Encode(goconc_rt.JSONOpen(map[string]any{}))",
			"json.Marshal(P{})",
		},
		[]string{`"email"`, `y int ` + "`"})
}
