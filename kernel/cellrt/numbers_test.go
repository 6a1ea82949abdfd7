package cellrt

import "testing"

// TestNumbers checks that goroutines are numbered as a simple Go program's
// are: the first the cells start is 7, each later one the next, and the
// parent of each is the number of the goroutine that ran its go
// statement, 1 for a cell's own.
func TestNumbers(t *testing.T) {
	var n Numbers
	first := n.Spawn("main.main", "cell 1, line 3")
	if first.Number != 7 || first.Parent != 1 || first.Creator != "main.main" || first.Site != "cell 1, line 3" {
		t.Fatalf("first spawn = %+v, want number 7, parent 1 and its creator and site", *first)
	}
	type spawned struct{ inner, after *Goroutine }
	got := make(chan spawned)
	go func() {
		n.Enter(first)
		defer n.Exit()
		if c := n.Current(); c != first.Number {
			t.Errorf("Current in the started goroutine = %d, want %d", c, first.Number)
		}
		inner := n.Spawn("main.main.func1", "cell 1, line 4")
		got <- spawned{inner: inner}
	}()
	s := <-got
	if s.inner.Number != 8 || s.inner.Parent != 7 {
		t.Errorf("a goroutine's spawn = %+v, want number 8, parent 7", *s.inner)
	}
	if c := n.Current(); c != 1 {
		t.Errorf("Current in a goroutine no go statement started = %d, want 1", c)
	}
	done := make(chan bool)
	go func() {
		n.Enter(s.inner)
		n.Exit()
		done <- n.Current() == 1
	}()
	if !<-done {
		t.Error("after Exit, the goroutine still has its number")
	}
	if third := n.Spawn("", "cell 2, line 1"); third.Number != 9 {
		t.Errorf("third spawn numbered %d, want 9", third.Number)
	}
}
