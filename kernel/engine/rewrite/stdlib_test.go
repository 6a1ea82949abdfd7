package rewrite

import "testing"

func TestOneLine(t *testing.T) {
	tests := []struct{ src, want string }{
		{"func() {\n\tx := 1 // one\n\treturn\n}", "func ( ) { x := 1 ; return ; }"},
		{"func(s []int) int {\n\tif len(s) > 0 {\n\t\treturn s[0]\n\t}\n\treturn -1\n}", "func ( s [ ] int ) int { if len ( s ) > 0 { return s [ 0 ] ; } ; return - 1 ; }"},
		{"`raw\nstring`", "`raw\nstring`"},
	}
	for _, tt := range tests {
		if got := oneLine([]byte(tt.src)); got != tt.want {
			t.Errorf("oneLine(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}
