package engine

import (
	"context"
	"strings"
	"testing"
)

// A type declared again in a later cell is the one every later cell
// sees, methods included; what the earlier cells made of the earlier
// type keeps its value when only methods change, and is dropped with a
// note when the type's fields change.
func TestTypeDeclaredAgain(t *testing.T) {
	const account = "import \"fmt\"\ntype Account struct { ID int; Balance int }\n"
	tests := []cellRun{
		{"a struct gains a field", []runCell{
			{src: account + "a := Account{1, 10}\nfmt.Println(a)", want: "{1 10}\n"},
			{src: "type Account struct { ID int; Owner string; Balance int }\nb := Account{ID: 2, Owner: \"x\", Balance: 5}\nfmt.Printf(\"%v %T\\n\", b, b)",
				want: "{2 x 5} main.Account\nnote: Account declared again: a, made with the earlier declaration, is dropped; run its cell again to have it back\n"},
			{src: "fmt.Printf(\"%+v\\n\", Account{ID: 3})", want: "{ID:3 Owner: Balance:0}\n"},
			{src: "fmt.Println(a)", errHas: "undefined: a"},
			{src: "a := Account{4, \"y\", 1}\nfmt.Println(a)", want: "{4 y 1}\n"},
		}},
		{"a variable made again in the cell that declares its type again", []runCell{
			{src: account + "a := Account{1, 10}\nn := 1", want: ""},
			{src: "type Account struct { ID int; Owner string }\na := Account{2, \"x\"}\nm := a\nfmt.Println(a, m, n)", want: "{2 x} {2 x} 1\n"},
			{src: "fmt.Println(a.Owner, m.Owner)", want: "x x\n"},
		}},
		{"declared a third time", []runCell{
			{src: account + "fmt.Println(Account{1, 2})", want: "{1 2}\n"},
			{src: "type Account struct { ID int; Owner string }\nfmt.Println(Account{3, \"x\"})", want: "{3 x}\n"},
			{src: "type Account struct { Owner string; Limit, Balance int }\nfmt.Println(Account{\"y\", 4, 5})", want: "{y 4 5}\n"},
		}},
		{"a type and its methods in one cell", []runCell{
			{src: account + "func (a Account) String() string { return fmt.Sprint(\"#\", a.ID) }\nfunc (a *Account) Deposit(n int) { a.Balance += n }\nfmt.Println(Account{1, 0})", want: "#1\n"},
			{src: "type Account struct { ID int; Owner string; Balance int }\nfunc (a Account) String() string { return a.Owner }\nfunc (a *Account) Deposit(n int) { a.Balance += 2 * n }\ntype Stringer interface{ String() string }\nb := &Account{ID: 2, Owner: \"ann\"}\nb.Deposit(5)\nvar s Stringer = b\nfmt.Println(s.String(), b.Balance)",
				want: "ann 10\n"},
		}},
		{"only a method", []runCell{
			{src: "import \"fmt\"\ntype T struct{ N int }\nfunc (t T) Show() string { return fmt.Sprint(\"old \", t.N) }\nfunc (t *T) Inc() { t.N++ }\nfmt.Println(T{1}.Show())", want: "old 1\n"},
			{src: "func (t T) Show() string { return fmt.Sprint(\"new \", t.N) }\nx := &T{2}\nx.Inc()\nvar s interface{ Show() string } = x\nfmt.Println(s.Show())", want: "new 3\n"},
			{src: "func (t *T) Inc() { t.N += 10 }\ny := T{1}\ny.Inc()\nfmt.Println(y.Show())", want: "new 11\n"},
			{src: "x.Inc()\nfmt.Println(x.Show())", want: "new 13\n"},
		}},
		{"methods carried over, or left out when they no longer compile", []runCell{
			{src: account + "func (a Account) String() string { return fmt.Sprint(\"#\", a.ID) }\nfunc (a Account) Rich() bool { return a.Balance > 100 }\nfmt.Println(Account{1, 200}.Rich())", want: "true\n"},
			{src: "type Account struct { ID int; Owner string }\nfmt.Println(Account{7, \"x\"})",
				want: "#7\nnote: Account declared again: Account.Rich no longer compiles and is dropped (line 4, column 41 of its cell: a.Balance undefined (type Account has no field or method Balance)); declare it again to have it back\n"},
			{src: "Account{}.Rich()", errHas: "Rich undefined"},
		}},
		// The functions and types that use the type are compiled again
		// with it; only the variables holding the earlier type's values
		// are dropped.
		{"what uses the earlier type comes again, but its values", []runCell{
			{src: account + "type Bank struct{ accts []Account }\nfunc (b *Bank) Add(a Account) { b.accts = append(b.accts, a) }\nfunc total(b *Bank) int { return len(b.accts) }\nfunc report(b *Bank) { fmt.Println(total(b)) }\nbank := &Bank{}\nbank.Add(Account{1, 2})\nreport(bank)", want: "1\n"},
			{src: "n := 5\ntype Account struct { ID int; Owner string; Balance int }\nfmt.Println(Account{ID: n})",
				want: "{5  0}\nnote: Account declared again, and with it Bank: bank, made with the earlier declaration, is dropped; run its cell again to have it back\n"},
			{src: "b := &Bank{}\nb.Add(Account{Owner: \"y\"})\nreport(b)\nfmt.Println(b.accts[0].Owner)", want: "1\ny\n"},
			{src: "type Bank struct{ accts []Account }\nfunc (b *Bank) Add(a Account) { b.accts = append(b.accts, a) }\nbank := &Bank{}\nbank.Add(Account{Owner: \"z\"})\nfmt.Println(len(bank.accts), bank.accts[0].Owner, n)", want: "1 z 5\n"},
		}},
		{"a method added in a later cell keeps the type", []runCell{
			{src: account + "a := Account{1, 2}", want: ""},
			{src: "func (a Account) Double() int { return 2 * a.Balance }\nfmt.Println(a.Double())", want: "4\n"},
		}},
		{"a cell run again as it was changes nothing", []runCell{
			{src: account + "func (a Account) String() string { return fmt.Sprint(\"#\", a.ID) }", want: ""},
			{src: "a := Account{1, 2}", want: ""},
			{src: account + "func (a Account) String() string { return fmt.Sprint(\"#\", a.ID) }", want: ""},
			{src: "fmt.Println(a)", want: "#1\n"},
		}},
		{"a type that points to itself, a basic type, a constant", []runCell{
			{src: "import \"fmt\"\ntype Node struct{ next *Node }\ntype Celsius float64\nconst Boil Celsius = 100", want: ""},
			{src: "type Node struct{ next *Node; v int }\nn := &Node{v: 3}\nn.next = n\nfmt.Println(n.next.next.v)", want: "3\n"},
			{src: "type Celsius int\nconst Boil Celsius = 100\nfmt.Printf(\"%T %v\\n\", Boil, Boil/3)", want: "main.Celsius 33\n"},
		}},
		// Each cell instantiates the type with other type arguments: the
		// interpreter keeps one instance of a generic method for a
		// method name and type arguments (see redeclare.go).
		{"a generic type", []runCell{
			{src: "import \"fmt\"\ntype Box[V any] struct{ v V }\nfunc (b *Box[V]) Put(v V) { b.v = v }\nfunc (b Box[V]) Get() V { return b.v }\nx := &Box[int]{}\nx.Put(1)\nfmt.Println(x.Get())", want: "1\n"},
			{src: "type Box[V any] struct{ v V; n int }\nfunc (b *Box[V]) Put(v V) { b.v = v; b.n++ }\ny := &Box[string]{}\ny.Put(\"b\")\ny.Put(\"c\")\nfmt.Println(y.Get(), y.n)",
				want: "c 2\nnote: Box declared again: x, made with the earlier declaration, is dropped; run its cell again to have it back\n"},
			{src: "func (b Box[V]) Get() V { var zero V; return zero }\nz := Box[float64]{1.5, 3}\nfmt.Println(z.Get(), z.n)", want: "0 3\n"},
			{src: "y.Put(\"d\")\nfmt.Printf(\"%q %d\\n\", y.Get(), y.n)", want: "\"\" 3\n"},
		}},
		// The same type arguments in every cell: each declaration's
		// methods run, not the first one's.
		{"a generic type, instances with the same type arguments", []runCell{
			{src: "import \"fmt\"\ntype Stack[T any] struct{ xs []T }\nfunc (s *Stack[T]) Push(v T) { s.xs = append(s.xs, v) }\nfunc (s Stack[T]) Len() int { return len(s.xs) }\na := &Stack[int]{}\na.Push(1)\nfmt.Println(a.Len())", want: "1\n"},
			{src: "type Stack[T any] struct{ xs []T; pushes int }\nfunc (s *Stack[T]) Push(v T) { s.xs = append(s.xs, v); s.pushes++ }\nfunc (s Stack[T]) Len() int { return 10 * len(s.xs) }\nb := &Stack[int]{}\nb.Push(1)\nb.Push(2)\nfmt.Println(b.Len(), b.pushes)",
				want: "20 2\nnote: Stack declared again: a, made with the earlier declaration, is dropped; run its cell again to have it back\n"},
		}},
		{"two generic types with a method of the same name", []runCell{
			{src: "import \"fmt\"\ntype Set[T comparable] struct{ m map[T]bool }\nfunc (s Set[T]) Len() int { return len(s.m) }\ntype Queue[T any] struct{ in, out []T }\nfunc (q *Queue[T]) Len() int { return len(q.in) + len(q.out) }\nfmt.Println(Set[int]{m: map[int]bool{1: true}}.Len(), (&Queue[int]{in: []int{1, 2}, out: []int{3}}).Len())", want: "1 3\n"},
		}},
	}
	checkCellRuns(t, tests)
}

// A cellRun is a run of cells in a new session, each cell checked for
// what it prints (notes included) or for what its error says.
type cellRun struct {
	name  string
	cells []runCell
}

type runCell struct {
	src    string
	want   string // what the cell prints, notes included
	errHas string // or what its error says
}

// checkCellRuns runs each of runs in a session of its own.
func checkCellRuns(t *testing.T, runs []cellRun) {
	t.Helper()
	for _, run := range runs {
		t.Run(run.name, func(t *testing.T) {
			s, out := newTestSession(t, "")
			for _, c := range run.cells {
				r := s.Execute(context.Background(), c.src)
				got := out.take()
				if c.errHas != "" {
					if r.Err == nil || !strings.Contains(r.Err.Value, c.errHas) {
						t.Errorf("cell %q: err = %+v, want one saying %q", c.src, r.Err, c.errHas)
					}
					continue
				}
				if r.Err != nil {
					t.Errorf("cell %q: %+v", c.src, r.Err)
					continue
				}
				if got != c.want {
					t.Errorf("cell %q printed %q, want %q", c.src, got, c.want)
				}
			}
		})
	}
}
