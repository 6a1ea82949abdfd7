package main

import (
	"strings"
	"testing"
)

func TestMeanRun(t *testing.T) {
	tests := []struct {
		out  string
		want float64
	}{
		{"", 0},
		{"0", 1},
		{"0101", 1},
		{"00001111", 4},
		{"0001101", 7.0 / 4},
	}
	for _, tt := range tests {
		if got := meanRun(strings.Split(tt.out, "")); tt.out != "" && got != tt.want {
			t.Errorf("meanRun(%q) = %v, want %v", tt.out, got, tt.want)
		}
	}
}

func TestWithinSpread(t *testing.T) {
	py27 := python{version: "2.7", major: 2, minor: 7}
	tests := []struct {
		name    string
		sim, py []float64
		want    bool
	}{
		{"CPython never loses, nor the simulator", []float64{0, 0}, []float64{0, 0, 0}, true},
		{"CPython never loses, the simulator once", []float64{0, 1, 0}, []float64{0, 0, 0}, false},
		{"median inside CPython's range", []float64{0, 1, 2}, []float64{0, 4, 1}, true},
		{"median above it", []float64{90, 92, 300}, []float64{0, 4, 1}, false},
	}
	for _, tt := range tests {
		if got, _ := withinSpread(py27, tt.sim, tt.py); got != tt.want {
			t.Errorf("%s: withinSpread = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// Every demo names a shape for any value, and the simulator's mode for
// each release is the one the table promises.
func TestDemosAndModes(t *testing.T) {
	for _, p := range []python{{version: "2.7", major: 2, minor: 7}, {version: "3.9", major: 3, minor: 9}, {version: "3.12", major: 3, minor: 12}} {
		want := map[string]string{"2.7": "Python 2.7", "3.9": "Python 3.2-3.9", "3.12": "Python 3.10+"}[p.version]
		if got := p.mode().String(); !strings.HasPrefix(got, want) {
			t.Errorf("CPython %s simulated as %q, want %s", p.version, got, want)
		}
		for _, d := range demos() {
			for _, v := range []float64{0, 0.2, 1, 3, 200} {
				if d.shape(p, v) == "" {
					t.Errorf("demo %s has no shape for %v", d.name, v)
				}
			}
			if len(d.args(p)) == 0 || d.name == "" || d.what == "" {
				t.Errorf("demo %+v is missing a part", d.name)
			}
		}
	}
}
