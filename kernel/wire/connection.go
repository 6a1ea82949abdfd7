package wire

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
)

// ConnectionInfo is the content of a Jupyter connection file: where the
// kernel's five sockets listen and the key that signs messages.
type ConnectionInfo struct {
	Transport       string `json:"transport"` // "tcp" or "ipc"
	IP              string `json:"ip"`        // host for tcp, path prefix for ipc
	ShellPort       int    `json:"shell_port"`
	ControlPort     int    `json:"control_port"`
	StdinPort       int    `json:"stdin_port"`
	IOPubPort       int    `json:"iopub_port"`
	HBPort          int    `json:"hb_port"`
	SignatureScheme string `json:"signature_scheme"`
	Key             string `json:"key"`
	KernelName      string `json:"kernel_name,omitempty"`
}

// ReadConnectionFile reads and checks the connection file at path.
func ReadConnectionFile(path string) (*ConnectionInfo, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading connection file: %w", err)
	}
	info, err := ParseConnectionInfo(data)
	if err != nil {
		return nil, fmt.Errorf("connection file %s: %w", path, err)
	}
	return info, nil
}

// ParseConnectionInfo decodes and checks a connection file's JSON.
// Missing transport and signature scheme take jupyter_client's defaults,
// tcp and hmac-sha256.
func ParseConnectionInfo(data []byte) (*ConnectionInfo, error) {
	var info ConnectionInfo
	if err := json.Unmarshal(data, &info); err != nil {
		return nil, fmt.Errorf("decoding connection info: %w", err)
	}
	if info.Transport == "" {
		info.Transport = "tcp"
	}
	if info.SignatureScheme == "" {
		info.SignatureScheme = DefaultSignatureScheme
	}
	if err := info.check(); err != nil {
		return nil, err
	}
	return &info, nil
}

func (c *ConnectionInfo) check() error {
	switch c.Transport {
	case "tcp", "ipc":
	default:
		return fmt.Errorf("unsupported transport %q: want tcp or ipc", c.Transport)
	}
	if c.IP == "" {
		return errors.New("no ip given")
	}
	ports := []struct {
		name string
		port int
	}{
		{"shell_port", c.ShellPort},
		{"control_port", c.ControlPort},
		{"stdin_port", c.StdinPort},
		{"iopub_port", c.IOPubPort},
		{"hb_port", c.HBPort},
	}
	for _, p := range ports {
		// Port 0 asks for any free port; a tcp port is 16 bits. An ipc
		// "port" only names a file, but a negative one is a mistake.
		if p.port < 0 || c.Transport == "tcp" && p.port > 65535 {
			return fmt.Errorf("%s %d out of range", p.name, p.port)
		}
	}
	if _, err := NewSigner(c.SignatureScheme, []byte(c.Key)); err != nil {
		return err
	}
	return nil
}

// Endpoint returns the ZeroMQ address of port, spelt as jupyter_client
// spells it: tcp://IP:PORT, or ipc://IP-PORT for the ipc transport.
func (c *ConnectionInfo) Endpoint(port int) string {
	if c.Transport == "ipc" {
		return "ipc://" + c.IP + "-" + strconv.Itoa(port)
	}
	return "tcp://" + net.JoinHostPort(c.IP, strconv.Itoa(port))
}

// Signer returns the signer for the connection's key and scheme.
func (c *ConnectionInfo) Signer() (*Signer, error) {
	return NewSigner(c.SignatureScheme, []byte(c.Key))
}
