package worker

import (
	"io"
	"os"
	"syscall"
	"testing"
)

// TestSilencer checks that what is written to a file after silence goes
// nowhere, through the *os.File and straight to its descriptor, while
// what was written before stays, in its order.
func TestSilencer(t *testing.T) {
	tests := []struct {
		name   string
		before []string
		after  []string
	}{
		{"nothing after", []string{"one\n", "two\n"}, nil},
		{"writes after", []string{"one\n"}, []string{"late\n", "later\n"}},
		{"nothing before", nil, []string{"late\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			// Writes that do not go through w, as a child process's.
			fd := int(w.Fd())
			s, err := newSilencer(w)
			if err != nil {
				t.Fatal(err)
			}
			want := ""
			for _, line := range tt.before {
				if _, err := syscall.Write(fd, []byte(line)); err != nil {
					t.Fatal(err)
				}
				want += line
			}
			s.silence()
			for _, line := range tt.after {
				if _, err := w.WriteString(line); err != nil {
					t.Errorf("write after silence: %v", err)
				}
				if _, err := syscall.Write(fd, []byte(line)); err != nil {
					t.Errorf("write after silence: %v", err)
				}
			}
			// The pipe's write end was closed in the descriptor's place:
			// the reader sees the end once w is closed.
			w.Close()
			got, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != want {
				t.Errorf("read %q, want %q", got, want)
			}
		})
	}
}
