package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"io"
	"strings"
	"testing"
	"time"

	"goconc/lessons/prices"
)

func TestPricesServesUntilCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, stdout := io.Pipe()
	var stderr strings.Builder
	done := make(chan error, 1)
	go func() {
		err := runPrices(ctx, []string{"--addr", "127.0.0.1:0", "--delay", "10ms"}, stdout, &stderr)
		stdout.Close()
		done <- err
	}()

	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the first line: %v (stderr: %s)", err, stderr.String())
	}
	url := strings.TrimSuffix(line, "\n")
	if !strings.HasPrefix(url, "http://127.0.0.1:") || strings.HasSuffix(url, ":0") {
		t.Fatalf("first line %q, want http://127.0.0.1:PORT", line)
	}

	c := &prices.Client{BaseURL: url}
	got, err := c.Price(ctx, "kraken", "btc", "2020-03-01")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := prices.Lookup("kraken", "btc", "2020-03-01")
	if got == nil || *got != *want {
		t.Errorf("Price = %+v, want %+v", got, want)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("runPrices after cancel: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("runPrices still running 10s after its context was cancelled")
	}
	if _, err := c.Symbols(context.Background()); err == nil {
		t.Error("server still answers after runPrices returned")
	}
}

func TestPricesArguments(t *testing.T) {
	tests := []struct {
		args   []string
		want   error  // checked with errors.Is, when not nil
		stderr string // expected in stderr or in the error
	}{
		{[]string{"--help"}, flag.ErrHelp, "usage: goconc prices"},
		{[]string{"-h"}, flag.ErrHelp, "--delay"},
		{[]string{"--bogus"}, exitError(2), "flag provided but not defined"},
		{[]string{"--delay", "soon"}, exitError(2), "invalid value"},
		{[]string{"extra"}, exitError(2), `unexpected argument "extra"`},
		{[]string{"--delay", "-1s"}, nil, "must not be negative"},
		{[]string{"--addr", "127.0.0.1:99999"}, nil, "listening"},
	}
	for _, tt := range tests {
		var stdout, stderr strings.Builder
		err := runPrices(context.Background(), tt.args, &stdout, &stderr)
		if err == nil {
			t.Errorf("runPrices(%q) succeeded", tt.args)
			continue
		}
		if tt.want != nil && !errors.Is(err, tt.want) {
			t.Errorf("runPrices(%q) = %v, want %v", tt.args, err, tt.want)
		}
		if msg := stderr.String() + err.Error(); !strings.Contains(msg, tt.stderr) {
			t.Errorf("runPrices(%q): %q does not mention %q", tt.args, msg, tt.stderr)
		}
		if stdout.Len() != 0 {
			t.Errorf("runPrices(%q) printed %q on stdout", tt.args, stdout.String())
		}
	}
}
