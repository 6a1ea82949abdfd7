package engine

import (
	"context"
	"strings"
	"testing"
)

// A cell that would ask reflection for the methods of a cell type, which
// the interpreter's run-time types lack, fails to compile with a message
// that says so, rather than print what Go would not; the same look-ups
// on compiled types, and encoding a cell value whose marshaler is at the
// top, run.
func TestReflectionOfCellMethods(t *testing.T) {
	s, out := newTestSession(t, "")
	decls := `import ("encoding/json"; "fmt"; "reflect"; "time")
type Money struct{ Cents int }
func (m Money) MarshalJSON() ([]byte, error) { return []byte(fmt.Sprint(m.Cents)), nil }
type Item struct{ Price Money }
type Plain struct{ N int }
var _, _ = json.Marshal, reflect.TypeOf`
	if r := s.Execute(context.Background(), decls); r.Err != nil {
		t.Fatalf("declarations: %v", r.Err)
	}
	tests := []struct {
		name, cell, want, err string
	}{
		{"NumMethod", `fmt.Println(reflect.TypeOf(Money{}).NumMethod())`, "", "reflect cannot see the methods of Money"},
		{"through a variable", "t := reflect.TypeOf(&Money{})\n_, ok := t.MethodByName(\"MarshalJSON\")\nfmt.Println(ok)", "", "reflect cannot see the methods of *Money"},
		{"value's method", `fmt.Println(reflect.ValueOf(Money{}).NumMethod())`, "", "reflect cannot see the methods of Money"},
		{"nested marshaler", `b, _ := json.Marshal(Item{Money{1}}); fmt.Println(string(b))`, "", "json.Marshal would not call the MarshalJSON method of Money inside Item"},
		{"in a slice", `b, _ := json.Marshal([]Money{{1}}); fmt.Println(string(b))`, "", "method of Money inside []Money"},
		{"marshaler at the top", `b, _ := json.Marshal(Money{7}); fmt.Println(string(b))`, "7\n", ""},
		{"type without methods", `fmt.Println(reflect.TypeOf(Plain{}).NumMethod())`, "0\n", ""},
		{"compiled type", `fmt.Println(reflect.TypeOf(time.Second).NumMethod() > 0)`, "true\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := s.Execute(context.Background(), tc.cell)
			got := out.take()
			if tc.err != "" {
				if r.Err == nil || !strings.Contains(r.Err.Error(), tc.err) {
					t.Fatalf("%s: error %v, want one containing %q (output %q)", tc.cell, r.Err, tc.err, got)
				}
				return
			}
			if r.Err != nil {
				t.Fatalf("%s: %v", tc.cell, r.Err)
			}
			if got != tc.want {
				t.Errorf("%s\n got %q\nwant %q", tc.cell, got, tc.want)
			}
		})
	}
}
