package differential

import (
	"strings"
	"testing"
)

func TestFirstDifference(t *testing.T) {
	tests := []struct {
		name      string
		want, got string
		contains  []string
	}{
		{
			name: "same",
			want: "a\nb\n", got: "a\nb\n",
			contains: []string{"(standard output is the same)"},
		},
		{
			name: "changed line keeps context",
			want: "1\n2\n3\n4\n5\n", got: "1\n2\n3\nX\n5\n",
			contains: []string{"@@ first difference at line 4 @@", "  2\n  3\n- 4\n+ X\n  5"},
		},
		{
			name: "missing output",
			want: "a\nb\n", got: "a\n",
			contains: []string{"line 2", "  a\n- b\n+ (nothing)"},
		},
		{
			name: "extra output",
			want: "", got: "panic\n",
			contains: []string{"line 1", "- (nothing)\n+ panic"},
		},
		{
			name: "missing final newline",
			want: "a\n", got: "a",
			contains: []string{"- a\n+ a (no newline at end)"},
		},
		{
			name: "lines missing in the middle",
			want: "a\nb\nc\nd\n", got: "a\nd\n",
			contains: []string{"line 2", "  a\n- b\n- c\n+ (nothing)\n  d"},
		},
		{
			name: "long tails are counted",
			want: strings.Repeat("x\n", 20), got: "y\n",
			contains: []string{"- ... 12 more lines", "+ y"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := firstDifference([]byte(tt.want), []byte(tt.got))
			for _, c := range tt.contains {
				if !strings.Contains(d, c) {
					t.Errorf("firstDifference(%q, %q) =\n%s\nwant it to contain\n%s", tt.want, tt.got, d, c)
				}
			}
		})
	}
}

func TestTail(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"", 3, "(empty)"},
		{"a\nb\n", 3, "a\nb"},
		{"a\nb\nc\nd\n", 2, "...\nc\nd"},
	}
	for _, tt := range tests {
		if got := tail([]byte(tt.in), tt.n); got != tt.want {
			t.Errorf("tail(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestTraceText(t *testing.T) {
	native := "panic: boom\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x49e150]\n\n" +
		"goroutine 9 [running]:\nmain.check(0x3, {0x4b2f00, 0x5})\n\t/p/x.go:15 +0x25\nmain.main()\n\t/p/x.go:20 +0x1d\n" +
		"created by main.main in goroutine 1\n\t/p/x.go:30 +0x176\n"
	goconc := "panic: boom\n\ngoroutine 9 [running]:\nmain.check(...)\n\t/p/x.go:15\nmain.main()\n\t/p/x.go:20\n" +
		"created by main.main in goroutine 1\n\t/p/x.go:30\n"
	if n, g := traceText([]byte(native)), traceText([]byte(goconc)); n != g {
		t.Errorf("traceText differs:\nnative\n%s\ngoconc\n%s", n, g)
	}
	for _, other := range []string{
		strings.Replace(goconc, "goroutine 9 ", "goroutine 8 ", 1),
		strings.Replace(goconc, "x.go:15", "x.go:16", 1),
		strings.Replace(goconc, "main.check(...)", "main.check.func1(...)", 1),
		strings.Replace(goconc, "in goroutine 1", "in goroutine 7", 1),
	} {
		if traceText([]byte(native)) == traceText([]byte(other)) {
			t.Errorf("traceText makes\n%s\nthe same as the native report", other)
		}
	}
	// A value printed by its type: the addresses differ, the types not.
	byType := "panic: first [recovered]\n\tpanic: (main.reading) 0xc000012345\n\ngoroutine 1 [running]:\n"
	if n, g := traceText([]byte(byType)), traceText([]byte(strings.Replace(byType, "0xc000012345", "0x3b054fe48060", 1))); n != g {
		t.Errorf("traceText keeps the address of a panic value:\n%s\n%s", n, g)
	}
	if traceText([]byte(byType)) == traceText([]byte(strings.Replace(byType, "main.reading", "main.other", 1))) {
		t.Error("traceText makes panic values of two types the same")
	}
}
