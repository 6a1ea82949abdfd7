package procs

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func TestEncoderDecoderRoundTrip(t *testing.T) {
	type item struct {
		Name  string
		Count int
	}
	tests := []struct {
		name string
		in   any
		into func() any // a pointer to decode into
	}{
		{"string", "Is", func() any { return new(string) }},
		{"newline inside", "line one\nline two", func() any { return new(string) }},
		{"int", 10_000_000, func() any { return new(int) }},
		{"list", []int{1, 5, 0}, func() any { return new([]int) }},
		{"struct", item{"BTC", 31}, func() any { return new(item) }},
		{"map", map[string]float64{"open": 1.5}, func() any { return new(map[string]float64) }},
		{"null", nil, func() any { return new(any) }},
		{"html", "<a & b>", func() any { return new(string) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			enc := NewEncoder(&buf)
			if err := enc.Encode(tt.in); err != nil {
				t.Fatal(err)
			}
			if err := enc.Encode(tt.in); err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(buf.String(), "\n"); n != 2 {
				t.Fatalf("two values took %d lines: %q", n, buf.String())
			}
			dec := NewDecoder(&buf)
			for range 2 {
				got := tt.into()
				if err := dec.Decode(got); err != nil {
					t.Fatal(err)
				}
				if v := reflect.ValueOf(got).Elem().Interface(); !reflect.DeepEqual(v, tt.in) {
					t.Errorf("decoded %#v, want %#v", v, tt.in)
				}
			}
			if err := dec.Decode(tt.into()); err != io.EOF {
				t.Errorf("Decode at the end = %v, want io.EOF", err)
			}
		})
	}
}

func TestDecoder(t *testing.T) {
	tests := []struct {
		name     string
		input    string
		maxLine  int
		want     []any  // values decoded before the error
		wantErr  string // "" for io.EOF
		wantLine int    // the LineError's line
	}{
		{name: "lines", input: "1\n\"two\"\n[3]\n", want: []any{1.0, "two", []any{3.0}}},
		{name: "blank lines skipped", input: "\n1\n  \n\n2\n", want: []any{1.0, 2.0}},
		{name: "crlf", input: "1\r\n2\r\n", want: []any{1.0, 2.0}},
		{name: "last line without newline", input: "1\n2", want: []any{1.0, 2.0}},
		{name: "empty", input: ""},
		{name: "not json", input: "1\npanic: boom\n", want: []any{1.0}, wantErr: `line 2 "panic: boom"`, wantLine: 2},
		{name: "two values on a line", input: "1 2\n", wantErr: "line 1", wantLine: 1},
		{name: "long line", input: "1\n\"" + strings.Repeat("x", 100) + "\"\n3\n", maxLine: 50,
			want: []any{1.0}, wantErr: "longer than 50 bytes", wantLine: 2},
		{name: "long line at the limit", input: "\"" + strings.Repeat("x", 48) + "\"\n", maxLine: 50,
			want: []any{strings.Repeat("x", 48)}},
		{name: "long line quoted short", input: strings.Repeat("y", 200) + "\n", wantErr: `"` + strings.Repeat("y", 64) + `"...`, wantLine: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dec := NewDecoder(strings.NewReader(tt.input))
			dec.MaxLine = tt.maxLine
			var got []any
			var err error
			for {
				var v any
				if err = dec.Decode(&v); err != nil {
					break
				}
				got = append(got, v)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("decoded %#v, want %#v", got, tt.want)
			}
			if tt.wantErr == "" {
				if err != io.EOF {
					t.Errorf("error %v, want io.EOF", err)
				}
				return
			}
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("error %v, want a *LineError", err)
			}
			if le.Line != tt.wantLine {
				t.Errorf("error on line %d, want %d", le.Line, tt.wantLine)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

// A too-long line is skipped, and decoding goes on with the next one.
func TestDecoderResumesAfterLongLine(t *testing.T) {
	dec := NewDecoder(strings.NewReader(strings.Repeat("7", 10_000) + "\n8\n"))
	dec.MaxLine = 100
	var v int
	if err := dec.Decode(&v); err == nil {
		t.Fatal("decoded a line over MaxLine")
	}
	if err := dec.Decode(&v); err != nil || v != 8 {
		t.Errorf("next Decode = %d, %v; want 8", v, err)
	}
}

// Lines from goroutines sharing an Encoder never interleave, even when
// each is larger than a pipe writes atomically.
func TestEncoderConcurrent(t *testing.T) {
	r, w := io.Pipe()
	enc := NewEncoder(w)
	const writers, each = 8, 20
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			for j := range each {
				enc.Encode([]string{fmt.Sprint(i, j), strings.Repeat("z", 10_000)})
			}
		})
	}
	go func() {
		wg.Wait()
		w.Close()
	}()
	dec := NewDecoder(r)
	seen := map[string]bool{}
	for {
		var v []string
		err := dec.Decode(&v)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		seen[v[0]] = true
	}
	if len(seen) != writers*each {
		t.Errorf("decoded %d distinct values, want %d", len(seen), writers*each)
	}
}

func TestEncoderErrors(t *testing.T) {
	if err := NewEncoder(io.Discard).Encode(make(chan int)); err == nil {
		t.Error("encoded a channel")
	}
	r, w := io.Pipe()
	r.Close()
	if err := NewEncoder(w).Encode(1); err == nil {
		t.Error("no error writing to a closed pipe")
	}
}

func FuzzDecoder(f *testing.F) {
	for _, s := range []string{
		"1\n2\n", "\"Is\"\n\"this\"\n\"on?\"\n\"end\"\n", "{\"id\":1,\"value\":9}\n", "\n\n", "[1,\n2]\n",
		"panic: runtime error\n", "\xff\xfe\n", "{\"a\":[{}]}", "1 2\n3",
	} {
		f.Add([]byte(s), 0)
	}
	f.Add([]byte(strings.Repeat("9", 300)+"\n1\n"), 100)
	f.Fuzz(func(t *testing.T, data []byte, maxLine int) {
		dec := NewDecoder(bytes.NewReader(data))
		dec.MaxLine = maxLine % 1000
		lines := bytes.Count(data, []byte("\n")) + 1
		for i := 0; ; i++ {
			if i > lines {
				t.Fatalf("%d values from %d lines", i, lines)
			}
			var v any
			err := dec.Decode(&v)
			if err == io.EOF {
				return
			}
			var le *LineError
			if err != nil {
				if !errors.As(err, &le) {
					t.Fatalf("error %v is not a *LineError", err)
				}
				continue
			}
			// What was decoded encodes and decodes to the same.
			var buf bytes.Buffer
			if err := NewEncoder(&buf).Encode(v); err != nil {
				t.Fatalf("re-encoding %#v: %v", v, err)
			}
			var again any
			if err := NewDecoder(&buf).Decode(&again); err != nil || !reflect.DeepEqual(v, again) {
				t.Fatalf("round trip of %#v gave %#v, %v", v, again, err)
			}
		}
	})
}
