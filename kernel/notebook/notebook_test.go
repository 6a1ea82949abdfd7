package notebook

import (
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		cells   int
		source  string
		wantErr string
	}{
		{"list source", `{"nbformat":4,"nbformat_minor":5,"metadata":{"kernelspec":{"language":"go","name":"goconc"}},"cells":[{"cell_type":"code","source":["a := 1\n","a"],"outputs":[],"metadata":{}}]}`, 1, "a := 1\na", ""},
		{"string source", `{"nbformat":4,"metadata":{},"cells":[{"cell_type":"markdown","source":"# hi","metadata":{}}]}`, 1, "# hi", ""},
		{"bad json", `{"nbformat":4,`, 0, "", "invalid JSON"},
		{"old format", `{"nbformat":3,"cells":[]}`, 0, "", "unsupported nbformat 3"},
		{"no format", `{"cells":[]}`, 0, "", "no nbformat"},
		{"python", `{"nbformat":4,"metadata":{"language_info":{"name":"python"}},"cells":[]}`, 0, "", `language "python"`},
		{"bad cell type", `{"nbformat":4,"cells":[{"cell_type":"weird","source":""}]}`, 0, "", `cell 1: unknown cell_type "weird"`},
		{"bad source", `{"nbformat":4,"cells":[{"cell_type":"code","source":3}]}`, 0, "", "cell 1: bad source"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nb, err := Read([]byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "\n") {
					t.Errorf("error spans lines: %q", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(nb.Cells) != tt.cells || nb.Cells[0].Source != tt.source {
				t.Fatalf("got %d cells, first %q", len(nb.Cells), nb.Cells[0].Source)
			}
		})
	}
}

func TestRoundTrip(t *testing.T) {
	in := `{"nbformat":4,"nbformat_minor":5,"metadata":{"x":1},"cells":[{"cell_type":"code","id":"abc","source":"1","outputs":[],"metadata":{"tags":["t"]},"execution_count":null}]}`
	nb, err := Read([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	n := 7
	nb.Cells[0].ExecutionCount = &n
	nb.Cells[0].Outputs = []map[string]any{{"output_type": "stream", "name": "stdout", "text": "x"}}
	out, err := nb.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	again, err := Read(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"id": "abc"`, `"execution_count": 7`, `"tags"`, `"output_type": "stream"`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("written notebook lacks %s:\n%s", want, out)
		}
	}
	if again.Cells[0].Source != "1" || len(again.Cells[0].Outputs) != 1 {
		t.Errorf("round trip lost data: %+v", again.Cells[0])
	}
}

func TestTags(t *testing.T) {
	tests := []struct {
		name    string
		meta    string
		raises  bool
		wantErr string
	}{
		{"tagged", `{"tags":["raises-exception"]}`, true, ""},
		{"other tags", `{"tags":["hide-input","x"]}`, false, ""},
		{"no tags", `{}`, false, ""},
		{"bad tags", `{"tags":"raises-exception"}`, false, "cell 1: bad metadata"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := `{"nbformat":4,"cells":[{"cell_type":"code","source":"1","metadata":` + tt.meta + `}]}`
			nb, err := Read([]byte(in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := nb.Cells[0].HasTag(RaisesException); got != tt.raises {
				t.Errorf("HasTag(%q) = %v, want %v", RaisesException, got, tt.raises)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(`{"nbformat":4,"cells":[{"cell_type":"code","source":["x"]}]}`))
	f.Add([]byte(`{"nbformat":4,"metadata":{"kernelspec":{"language":"go"}},"cells":[]}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		nb, err := Read(data)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("multi-line error %q", err)
			}
			return
		}
		if _, err := nb.Marshal(); err != nil {
			t.Errorf("read but cannot write: %v", err)
		}
	})
}
