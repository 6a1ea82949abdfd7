package engine

import (
	"context"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkNamedBasicBoxing measures what keeping a named basic type's
// identity in an interface costs a cell (package rewrite's namedbasic.go): one op
// is one iteration of the cell's loop. Each named case has a peer with
// int, whose values are not boxed; compare them with benchstat, or the
// ratios, from one run.
func BenchmarkNamedBasicBoxing(b *testing.B) {
	setup := `type Cents int
var sink any
var total int
var named any = Cents(5)
var plain any = 5
func kind(v any) int {
	switch v.(type) {
	case Cents:
		return 1
	case int:
		return 2
	}
	return 0
}`
	loops := []struct{ name, body string }{
		{"convert/int", "sink = i"},
		{"convert/named", "sink = Cents(i)"},
		{"assert/int", "total += plain.(int)"},
		{"assert/named", "total += int(named.(Cents))"},
		{"switch/int", "total += kind(plain)"},
		{"switch/named", "total += kind(named)"},
	}
	out := &lockedBuffer{}
	s, err := NewSession(Options{Stdout: out, Stderr: out})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if r := s.Execute(context.Background(), setup); r.Err != nil {
		b.Fatal(r.Err)
	}
	for _, l := range loops {
		b.Run(l.name, func(b *testing.B) {
			cell := strings.ReplaceAll("for i := 0; i < N; i++ { BODY }", "BODY", l.body)
			cell = strings.ReplaceAll(cell, "N", strconv.Itoa(b.N))
			b.ResetTimer()
			if r := s.Execute(context.Background(), cell); r.Err != nil {
				b.Fatal(r.Err)
			}
		})
	}
}
