package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
	buildOut  []byte
)

// goconcBinary builds goconc once per test run: goconc run starts its
// worker by running its own executable, which must be goconc, not the
// test binary.
func goconcBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "goconc-bin-")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "goconc")
		buildOut, buildErr = exec.Command("go", "build", "-o", builtBin, ".").CombinedOutput()
	})
	if buildErr != nil {
		t.Fatalf("go build: %v\n%s", buildErr, buildOut)
	}
	return builtBin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtBin != "" {
		os.RemoveAll(filepath.Dir(builtBin))
	}
	os.Exit(code)
}

// writeNotebook writes a goconc notebook of code cells; a source starting
// with "#raises\n" is tagged raises-exception (the marker line is removed).
func writeNotebook(t *testing.T, sources ...string) string {
	t.Helper()
	var cells []map[string]any
	for _, src := range sources {
		meta := map[string]any{}
		if rest, ok := strings.CutPrefix(src, "#raises\n"); ok {
			src = rest
			meta["tags"] = []string{"raises-exception"}
		}
		cells = append(cells, map[string]any{
			"cell_type": "code", "source": src, "metadata": meta,
			"outputs": []any{}, "execution_count": nil,
		})
	}
	nb := map[string]any{
		"nbformat": 4, "nbformat_minor": 5, "cells": cells,
		"metadata": map[string]any{"kernelspec": map[string]any{"name": "goconc", "language": "go", "display_name": "Go (goconc)"}},
	}
	b, err := json.Marshal(nb)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "nb.ipynb")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestRunRaisesException checks that goconc run goes on past a failing
// cell tagged raises-exception, stops at any other failing cell, and fails
// a tagged cell that does not fail.
func TestRunRaisesException(t *testing.T) {
	bin := goconcBinary(t)
	tests := []struct {
		name    string
		cells   []string
		ok      bool
		ran     []string // markers every run must print
		notRan  []string // markers that must not be printed
		message string   // on stderr
	}{
		{
			name:  "tagged panic, then on",
			cells: []string{`println("one")`, "#raises\npanic(\"meant\")", `println("three")`},
			ok:    true, ran: []string{"one", "three"},
			message: "code cell 2 failed as its tag raises-exception says it should",
		},
		{
			name:  "tagged compile error and deadlock",
			cells: []string{"#raises\nx := undefinedName", "#raises\nch := make(chan int)\nch <- 1", `println("after")`},
			ok:    true, ran: []string{"after"},
		},
		{
			name:  "tagged fatal error loses the worker, the next cell gets a new one",
			cells: []string{"#raises\nm := map[int]int{}\nfor i := range 2 {\n\tgo func() {\n\t\tfor j := 0; ; j++ {\n\t\t\tm[j%64+i] = j\n\t\t}\n\t}()\n}\nselect {}", `println("alive")`},
			ok:    true, ran: []string{"alive"},
		},
		{
			name:  "untagged failure stops the run",
			cells: []string{`panic("not meant")`, `println("never")`},
			ok:    false, notRan: []string{"never"},
		},
		{
			name:  "tagged cell that does not fail is an error",
			cells: []string{"#raises\nprintln(\"fine\")", `println("never")`},
			ok:    false, ran: []string{"fine"}, notRan: []string{"never"},
			message: "code cell 1 is tagged raises-exception but did not fail",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nb := writeNotebook(t, tt.cells...)
			out := filepath.Join(t.TempDir(), "out.ipynb")
			cmd := exec.Command(bin, "run", "--out", out, nb)
			output, err := cmd.CombinedOutput()
			if ok := err == nil; ok != tt.ok {
				t.Fatalf("goconc run succeeded = %v, want %v (%v)\n%s", ok, tt.ok, err, output)
			}
			for _, m := range tt.ran {
				if !strings.Contains(string(output), m) {
					t.Errorf("output lacks %q:\n%s", m, output)
				}
			}
			for _, m := range tt.notRan {
				if strings.Contains(string(output), m) {
					t.Errorf("output has %q, from a cell that must not run:\n%s", m, output)
				}
			}
			if tt.message != "" && !strings.Contains(string(output), tt.message) {
				t.Errorf("output lacks %q:\n%s", tt.message, output)
			}
			if _, err := os.Stat(out); err != nil {
				t.Errorf("no executed notebook written: %v", err)
			}
		})
	}
}
