package engine

import "testing"

// TestGoSemantics checks small program shapes the interpreter got wrong,
// each as the Go specification has it.
func TestGoSemantics(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import "fmt"`)
	checkCells(t, s, out, []cellCase{
		// A comma-ok receive in an if, switch or else-if init sees the
		// channel closed.
		{cell: "closed := make(chan int)\nclose(closed)\nif x, ok := <-closed; ok {\n\tfmt.Println(\"open\", x)\n} else {\n\tfmt.Println(\"closed\", x, ok)\n}", want: "closed 0 false\n"},
		{cell: "switch v, ok := <-closed; {\ncase ok:\n\tfmt.Println(\"open\", v)\ndefault:\n\tfmt.Println(\"closed\", v)\n}", want: "closed 0\n"},
		{cell: "full := make(chan string, 1)\nfull <- \"x\"\nif false {\n} else if v, ok := <-full; ok {\n\tfmt.Println(\"got\", v)\n}", want: "got x\n"},
		{cell: "func drained(c chan int) bool {\n\tif _, ok := <-c; !ok {\n\t\treturn true\n\t}\n\treturn false\n}\nfmt.Println(drained(closed))", want: "true\n"},
		// new of a value, Go 1.26.
		{cell: "p := new(42)\ns := new(\"text\")\nf := new(1.5 * 2)\nfmt.Println(*p, *s, *f)\n*p++\nfmt.Println(*p, *new(*p))", want: "42 text 3\n43 43\n"},
	})
}
