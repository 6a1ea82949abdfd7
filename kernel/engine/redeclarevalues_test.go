package engine

import "testing"

// A method declared again in a later cell is the one every later call
// runs, and the variables holding values of its type keep them, in
// slices, maps and other types' fields too, as when a program is edited
// and built again with the same data; a value held in an interface
// variable calls the new methods too. A type whose fields change makes
// values the interpreter cannot carry over: those are dropped with a
// note (TestTypeDeclaredAgain).
func TestValuesKeptWhenMethodDeclaredAgain(t *testing.T) {
	const counter = "import \"fmt\"\ntype Counter struct{ n int }\nfunc (c *Counter) Inc() { c.n++ }"
	tests := []cellRun{
		{"a pointer variable", []runCell{
			{src: counter},
			{src: "c := &Counter{}\nc.Inc()"},
			{src: "func (c *Counter) Inc() { c.n += 10 }"},
			{src: "c.Inc()\nfmt.Println(c.n)", want: "11\n"},
		}},
		{"used in the cell that declares the method again", []runCell{
			{src: counter + "\nc := &Counter{}\nc.Inc()"},
			{src: "func (c *Counter) Inc() { c.n += 10 }\nc.Inc()\nfmt.Println(c.n)", want: "11\n"},
		}},
		{"a value, a package-level variable, and two pointers to one value", []runCell{
			{src: counter + "\nfunc (c Counter) Show() string { return fmt.Sprint(\"n=\", c.n) }\nvar top = &Counter{n: 4}\nv := Counter{n: 7}\nalias := top"},
			{src: "func (c Counter) Show() string { return fmt.Sprint(\"count \", c.n) }"},
			{src: "alias.Inc()\nfmt.Println(v.Show(), top.Show(), alias == top)", want: "count 7 count 5 true\n"},
		}},
		{"in a slice, a map, an array and another type's field", []runCell{
			{src: counter + "\ntype Team struct{ lead *Counter; all []Counter }\nlist := []*Counter{{n: 1}, {n: 2}}\nbyName := map[string]*Counter{\"a\": {n: 3}}\nvar pair [2]Counter\npair[1].n = 9\nteam := Team{lead: list[0], all: []Counter{{n: 5}}}"},
			{src: "func (c *Counter) Inc() { c.n += 100 }"},
			{src: "list[1].Inc()\nbyName[\"a\"].Inc()\nteam.lead.Inc()\nteam.all[0].Inc()\npair[1].Inc()\nfmt.Println(list[0].n, list[1].n, byName[\"a\"].n, team.all[0].n, pair[1].n)", want: "101 102 103 105 109\n"},
		}},
		{"an earlier function that uses the variable", []runCell{
			{src: counter + "\nc := &Counter{}"},
			{src: "func bump() int { c.Inc(); return c.n }\nfmt.Println(bump())", want: "1\n"},
			{src: "func (c *Counter) Inc() { c.n *= 10 }"},
			{src: "fmt.Println(bump(), c.n)", want: "10 10\n"},
		}},
		{"the type declared again as it was, with a method changed", []runCell{
			{src: counter + "\nc := &Counter{n: 2}"},
			{src: "type Counter struct{ n int }\nfunc (c *Counter) Inc() { c.n-- }\nc.Inc()\nfmt.Println(c.n)", want: "1\n"},
		}},
		{"a method added and one changed, then a third version", []runCell{
			{src: counter + "\nc := Counter{}"},
			{src: "func (c *Counter) Inc() { c.n += 2 }\nfunc (c Counter) Twice() int { return 2 * c.n }\nc.Inc()"},
			{src: "func (c *Counter) Inc() { c.n += 3 }\nc.Inc()\nfmt.Println(c.n, c.Twice())", want: "5 10\n"},
		}},
		{"fields changed: the values are dropped", []runCell{
			{src: counter + "\nc := &Counter{n: 2}\nk := 1"},
			{src: "type Counter struct{ n, max int }\nfmt.Println(k)",
				want: "1\nnote: Counter declared again: c, made with the earlier declaration, is dropped; run its cell again to have it back\n"},
		}},
		{"a type using one whose fields change: both dropped", []runCell{
			{src: counter + "\ntype Team struct{ lead *Counter }\nfunc (t Team) N() int { return t.lead.n }\nteam := Team{&Counter{1}}\nc := Counter{}"},
			{src: "type Counter struct{ n, max int }",
				want: "note: Counter declared again, and with it Team: team, c, made with the earlier declaration, are dropped; run their cells again to have them back\n"},
		}},
		{"a type using one whose method changes", []runCell{
			{src: counter + "\ntype Team struct{ lead *Counter }\nfunc (t Team) Bump() { t.lead.Inc() }\nteam := Team{&Counter{1}}"},
			{src: "func (c *Counter) Inc() { c.n += 10 }\nteam.Bump()\nfmt.Println(team.lead.n)", want: "11\n"},
		}},
		{"held in interface variables", []runCell{
			{src: counter + "\nfunc (c Counter) Show() string { return fmt.Sprint(\"#\", c.n) }\ntype Incer interface{ Inc() }\ntype Shower interface{ Show() string }\nvar a any = &Counter{n: 7}"},
			{src: "var s Incer = &Counter{}\nvar sh Shower = Counter{n: 4}"},
			{src: "n := 5"},
			{src: "func (c *Counter) Inc() { c.n += 10 }\nfunc (c Counter) Show() string { return fmt.Sprint(\"count \", c.n) }"},
			{src: "s.Inc()\na.(*Counter).Inc()\nfmt.Println(s.(*Counter).Show(), sh.Show(), a.(*Counter).Show(), n)", want: "count 10 count 4 count 17 5\n"},
		}},
		{"an interface that names the type, declared again with it", []runCell{
			{src: counter + "\ntype Merger interface{ Merge(*Counter) }\nfunc (c *Counter) Merge(o *Counter) { c.n += o.n }\nvar m Merger = &Counter{n: 1}"},
			{src: "func (c *Counter) Merge(o *Counter) { c.n += 100 * o.n }\nm.Merge(&Counter{n: 2})\nfmt.Println(m)", want: "&{201}\n"},
		}},
	}
	checkCellRuns(t, tests)
}
