package engine

import "testing"

// TestAssertedConditions checks that an asserted or received bool standing
// alone as a condition is taken for its value, in every place a condition
// goes, in cells and in functions they declare.
func TestAssertedConditions(t *testing.T) {
	s, out := newTestSession(t, "")
	setup := `import "fmt"
func flag(v bool) any { return v }
func count(ch chan bool) int {
	n := 0
	for range cap(ch) {
		if <-ch {
			n++
		}
	}
	return n
}`
	runSetup(t, s, out, setup)
	checkCells(t, s, out, []cellCase{
		{"var a any = false\nif a.(bool) {\n\tfmt.Println(\"wrong\")\n}\nfmt.Println(\"ok\")", "ok\n"},
		{"if (flag(false).(bool)) {\n\tfmt.Println(\"wrong\")\n} else {\n\tfmt.Println(\"else\")\n}", "else\n"},
		{"ch := make(chan bool, 3)\nch <- false\nch <- true\nch <- false\nfmt.Println(count(ch))", "1\n"},
		{"ch := make(chan bool, 1)\nch <- false\nif <-ch {\n\tfmt.Println(\"wrong\")\n}\nfmt.Println(\"ok\")", "ok\n"},
		{"n := 0\nfor i := 0; flag(i < 2).(bool); i++ {\n\tn++\n}\nfmt.Println(n)", "2\n"},
		{"switch {\ncase flag(false).(bool):\n\tfmt.Println(\"wrong\")\ncase (flag(true).(bool)):\n\tfmt.Println(\"true case\")\n}", "true case\n"},
		{"if v := flag(false).(bool); !v && flag(true).(bool) {\n\tfmt.Println(\"both\")\n}", "both\n"},
	})
}
