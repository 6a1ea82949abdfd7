package rewrite

import "testing"

func TestScanVerbs(t *testing.T) {
	cases := []struct {
		format string
		want   []formatVerb
	}{
		{"%T:%d ", []formatVerb{{'T', 1, 0, ""}, {'d', 4, 1, ""}}},
		{"100%% %v", []formatVerb{{'v', 7, 0, ""}}},
		{"%-8T|%+.2f", []formatVerb{{'T', 3, 0, "-"}, {'f', 9, 1, "+"}}},
		{"%*d %T", []formatVerb{{'*', 1, 0, ""}, {'d', 2, 1, ""}, {'T', 5, 2, ""}}},
		{"%[2]T %[1]v %#+v", []formatVerb{{'T', 4, 1, ""}, {'v', 10, 0, ""}, {'v', 15, 1, "#+"}}},
		{"%", nil},
		{"%[x", []formatVerb{{'[', 1, 0, ""}}},
	}
	for _, c := range cases {
		got := scanVerbs(c.format)
		if len(got) != len(c.want) {
			t.Errorf("scanVerbs(%q) = %v, want %v", c.format, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("scanVerbs(%q) = %v, want %v", c.format, got, c.want)
				break
			}
		}
	}
}

// FuzzScanVerbs checks that any format string scans without a panic, and
// that each verb's offset is where its letter is, since typeVerbs splices
// the format there.
func FuzzScanVerbs(f *testing.F) {
	for _, seed := range []string{"%T:%d ", "%[2]*[1]d", "%%%", "%-08.3[3]T", "%[", "%[99]v%!", "héllo %T"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, format string) {
		for _, v := range scanVerbs(format) {
			if v.at < 0 || v.at >= len(format) || v.arg < 0 {
				t.Fatalf("scanVerbs(%q): verb %+v out of range", format, v)
			}
			if v.verb != '*' && rune(format[v.at]) != v.verb {
				t.Fatalf("scanVerbs(%q): verb %+v not at its offset", format, v)
			}
		}
	})
}
