package main

import (
	"strings"
	"testing"

	"goconc/kernel/worker"
)

func TestParseBytes(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1024", 1024, true}, {"512MiB", 512 << 20, true}, {"2 GiB", 2 << 30, true}, {"8KiB", 8 << 10, true},
		{"", 0, false}, {"-1", 0, false}, {"lots", 0, false}, {"1.5GiB", 0, false},
	}
	for _, tt := range tests {
		got, err := parseBytes(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseBytes(%q) = %d, %v; want %d, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestLimitsFromEnv(t *testing.T) {
	tests := []struct {
		env     map[string]string
		want    worker.Options
		wantErr string
	}{
		{env: nil, want: worker.Options{}},
		{
			env:  map[string]string{memoryLimitEnv: "512MiB", maxProcsEnv: " 2 ", outputLimitEnv: "1MiB"},
			want: worker.Options{MemoryLimit: 512 << 20, MaxProcs: 2, OutputLimit: 1 << 20},
		},
		{env: map[string]string{maxProcsEnv: "-1"}, wantErr: maxProcsEnv},
		{env: map[string]string{outputLimitEnv: "0"}, wantErr: outputLimitEnv},
	}
	for _, tt := range tests {
		got, err := limitsFromEnv(func(k string) string { return tt.env[k] })
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("limitsFromEnv(%v) = %v, want an error naming %s", tt.env, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got.MemoryLimit != tt.want.MemoryLimit || got.MaxProcs != tt.want.MaxProcs || got.OutputLimit != tt.want.OutputLimit {
			t.Errorf("limitsFromEnv(%v) = %+v, %v; want %+v", tt.env, got, err, tt.want)
		}
	}
}
