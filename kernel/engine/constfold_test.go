package engine

import "testing"

// TestExactConstants checks constant expressions whose values the Go
// compiler works out exactly, whatever their size: comparisons of
// constants beyond int64 or float64, and integers beyond int64 that an
// expression makes a float or a uint64 (the Go distribution's const.go).
func TestExactConstants(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, "import \"fmt\"\nconst (\n\thuge = 1 << 100\n\tless = huge - 1\n\tmaxU = 1<<64 - 1\n\tfar = 1e400\n)")
	checkCells(t, s, out, []cellCase{
		// Comparisons, in expressions, conditions and cases, at top level
		// and in functions.
		{cell: "fmt.Println(huge > less, less+1 == huge, huge+(-1)+1 == huge, -huge < 0, maxU+1 > maxU, far > 1e399, far/10 == 1e399)", want: "true true true true true true true\n"},
		{cell: "func sign() string {\n\tswitch {\n\tcase -huge > 0:\n\t\treturn \"positive\"\n\tcase huge != less && less > 0:\n\t\treturn \"both\"\n\t}\n\treturn \"none\"\n}\nfmt.Println(sign())", want: "both\n"},
		{cell: "func local() (bool, int) {\n\tconst big = 1 << 70\n\tconst over = big > 1<<69\n\tconst quarter = big >> 68\n\treturn over, quarter\n}\nfmt.Println(local())", want: "true 4\n"},
		{cell: "type flag bool\nvar on flag = huge > less && true\nfmt.Printf(\"%T %v\\n\", on, on)", want: "main.flag true\n"},
		// Integers beyond int64 made floats and uint64s: results,
		// operations, variables, operands of operations on variables.
		{cell: "func asFloat() float64 { return huge }\nfunc asUint() uint64 { return maxU - 0 }\nfunc half() float32 { return less >> 1 }\nfmt.Println(asFloat(), asUint(), half())", want: "1.2676506002282294e+30 18446744073709551615 6.338253e+29\n"},
		{cell: "var f float64 = 2 * less\nx := 0.5\nvar u uint64 = 1<<63 + 5\nfmt.Println(f, x*huge, u, less%1000, huge>>98)", want: "2.535301200456459e+30 6.338253001141147e+29 9223372036854775813 375 4\n"},
		{cell: "const (\n\tbig float64 = 1 << 100\n\tbigLess float64 = huge - 1\n)\nfmt.Println(big == bigLess, big+1 == big)", want: "true true\n"},
		// iota repeated in later specifications keeps its own value.
		{cell: "const (\n\tfirst = iota*huge>>100 > 0\n\tsecond\n)\nfmt.Println(first, second)", want: "false true\n"},
	})
}
