package wire

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseConnectionInfo(t *testing.T) {
	tests := []struct {
		name      string
		json      string
		wantErr   string
		endpoints [5]string // shell, control, stdin, iopub, hb
		signed    bool
	}{
		{
			name: "jupyter_client tcp",
			json: `{"shell_port": 53794, "iopub_port": 53795, "stdin_port": 53796, "control_port": 53797,
				"hb_port": 53798, "ip": "127.0.0.1", "key": "0b1c5b07-7e0c", "transport": "tcp",
				"signature_scheme": "hmac-sha256", "kernel_name": "goconc"}`,
			endpoints: [5]string{"tcp://127.0.0.1:53794", "tcp://127.0.0.1:53797", "tcp://127.0.0.1:53796", "tcp://127.0.0.1:53795", "tcp://127.0.0.1:53798"},
			signed:    true,
		},
		{
			name:      "ipc",
			json:      `{"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5, "ip": "/tmp/kernel-x-ipc", "key": "", "transport": "ipc", "signature_scheme": "hmac-sha256"}`,
			endpoints: [5]string{"ipc:///tmp/kernel-x-ipc-1", "ipc:///tmp/kernel-x-ipc-4", "ipc:///tmp/kernel-x-ipc-3", "ipc:///tmp/kernel-x-ipc-2", "ipc:///tmp/kernel-x-ipc-5"},
		},
		{
			name:      "defaults and IPv6",
			json:      `{"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5, "ip": "::1", "key": "k"}`,
			endpoints: [5]string{"tcp://[::1]:1", "tcp://[::1]:4", "tcp://[::1]:3", "tcp://[::1]:2", "tcp://[::1]:5"},
			signed:    true,
		},
		{
			name:      "any free port",
			json:      `{"ip": "127.0.0.1", "key": "k"}`,
			endpoints: [5]string{"tcp://127.0.0.1:0", "tcp://127.0.0.1:0", "tcp://127.0.0.1:0", "tcp://127.0.0.1:0", "tcp://127.0.0.1:0"},
			signed:    true,
		},
		{name: "not JSON", json: `shell_port=1`, wantErr: "decoding connection info"},
		{name: "port as string", json: `{"ip": "127.0.0.1", "shell_port": "1"}`, wantErr: "decoding connection info"},
		{name: "unknown transport", json: `{"ip": "127.0.0.1", "transport": "udp"}`, wantErr: `unsupported transport "udp"`},
		{name: "no ip", json: `{"shell_port": 1}`, wantErr: "no ip"},
		{name: "port too large", json: `{"ip": "127.0.0.1", "hb_port": 70000}`, wantErr: "hb_port 70000 out of range"},
		{name: "negative port", json: `{"ip": "127.0.0.1", "stdin_port": -1}`, wantErr: "stdin_port -1 out of range"},
		{name: "unsupported scheme", json: `{"ip": "127.0.0.1", "key": "k", "signature_scheme": "hmac-blake3"}`, wantErr: "unsupported signature scheme"},
		{name: "not hmac", json: `{"ip": "127.0.0.1", "key": "k", "signature_scheme": "sha256"}`, wantErr: "unsupported signature scheme"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := ParseConnectionInfo([]byte(tt.json))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := [5]string{
				info.Endpoint(info.ShellPort), info.Endpoint(info.ControlPort), info.Endpoint(info.StdinPort),
				info.Endpoint(info.IOPubPort), info.Endpoint(info.HBPort),
			}
			if got != tt.endpoints {
				t.Errorf("endpoints = %q, want %q", got, tt.endpoints)
			}
			s, err := info.Signer()
			if err != nil {
				t.Fatal(err)
			}
			if s.Enabled() != tt.signed {
				t.Errorf("signing enabled = %v, want %v", s.Enabled(), tt.signed)
			}
		})
	}
}

func TestReadConnectionFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "kernel-1.json")
	if err := os.WriteFile(path, []byte(`{"ip":"127.0.0.1","shell_port":5000,"key":"abc"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	info, err := ReadConnectionFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.ShellPort != 5000 || info.Key != "abc" || info.Transport != "tcp" || info.SignatureScheme != DefaultSignatureScheme {
		t.Errorf("info = %+v", info)
	}
	if _, err := ReadConnectionFile(filepath.Join(dir, "missing.json")); err == nil || !strings.Contains(err.Error(), "reading connection file") {
		t.Errorf("missing file: error = %v", err)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"ip":""}`), 0o600)
	if _, err := ReadConnectionFile(bad); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("bad file: error = %v, want it to name the file", err)
	}
}
