package wire

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
)

// frameSep splits a fuzz input into frames. 0xFF never occurs in UTF-8,
// so it cannot collide with the JSON frames of the seeds.
const frameSep = "\xff"

func join(frames [][]byte) []byte { return bytes.Join(frames, []byte(frameSep)) }

// FuzzDecode feeds arbitrary frames to Decode. It must never panic, and
// a message it accepts must survive Encode and Decode unchanged.
func FuzzDecode(f *testing.F) {
	for _, key := range []string{"", testKey} {
		f.Add(join(signed(key, []string{"client"}, execHeader, `{}`, `{}`, `{"code":"fmt.Println(1)","silent":false}`)), key)
		f.Add(join(signed(key, nil, execHeader, execHeader, `{"x":[1,2]}`, `{}`, "buffer")), key)
		f.Add(join(signed(key, []string{"a", "b"}, `{"msg_type":"kernel_info_request"}`, `{}`, `{}`, `{}`)), key)
	}
	f.Add([]byte("<IDS|MSG>"), testKey)
	f.Add([]byte("id\xff<IDS|MSG>\xff\xff{}\xff{}\xff{}\xff{}"), "")
	f.Add([]byte("<IDS|MSG>\xff\xff{\"msg_type\":1}\xff{}\xff{}\xff{}"), "")
	f.Add([]byte("<IDS|MSG>\xff\xff {\"msg_type\":\"x\"}\xff[]\xff{}\xff{}"), "")
	f.Add([]byte(""), "")

	f.Fuzz(func(t *testing.T, data []byte, key string) {
		s := mustSigner(t, key)
		frames := bytes.Split(data, []byte(frameSep))
		m, err := Decode(frames, s)
		if err != nil {
			if m != nil {
				t.Fatalf("Decode returned a message with error %v", err)
			}
			return
		}
		again, err := Encode(m, s)
		if err != nil {
			t.Fatalf("Encode of a decoded message: %v", err)
		}
		m2, err := Decode(again, s)
		if err != nil {
			t.Fatalf("Decode(Encode(m)): %v", err)
		}
		if !reflect.DeepEqual(m, m2) {
			t.Fatalf("round trip changed the message:\n%#v\n%#v", m, m2)
		}
		if s.Enabled() {
			// Any change to a signed frame must be caught.
			tampered := append([][]byte(nil), again...)
			i := len(m.Identities) + 5 // content
			tampered[i] = append(bytes.Clone(tampered[i]), ' ')
			if _, err := Decode(tampered, s); !errors.Is(err, ErrBadSignature) {
				t.Fatalf("tampered content: error = %v, want ErrBadSignature", err)
			}
		}
	})
}

// FuzzParseConnectionInfo feeds arbitrary JSON to ParseConnectionInfo: it
// must never panic, and what it accepts must name valid endpoints.
func FuzzParseConnectionInfo(f *testing.F) {
	f.Add([]byte(`{"shell_port": 53794, "iopub_port": 53795, "stdin_port": 53796, "control_port": 53797, "hb_port": 53798, "ip": "127.0.0.1", "key": "0b1c", "transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": "goconc"}`))
	f.Add([]byte(`{"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5, "ip": "kernel-ipc", "key": "", "transport": "ipc"}`))
	f.Add([]byte(`{"ip": "::1", "hb_port": 65535}`))
	f.Add([]byte(`{"ip": "127.0.0.1", "hb_port": 65536}`))
	f.Add([]byte(`{"ip": "127.0.0.1", "signature_scheme": "hmac-md5", "key": "x"}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := ParseConnectionInfo(data)
		if err != nil {
			return
		}
		if info.IP == "" || (info.Transport != "tcp" && info.Transport != "ipc") {
			t.Fatalf("accepted %+v", info)
		}
		for _, p := range []int{info.ShellPort, info.ControlPort, info.StdinPort, info.IOPubPort, info.HBPort} {
			if p < 0 || info.Transport == "tcp" && p > 65535 {
				t.Fatalf("accepted port %d", p)
			}
			if ep := info.Endpoint(p); len(ep) < len("tcp://") {
				t.Fatalf("endpoint %q", ep)
			}
		}
		if _, err := info.Signer(); err != nil {
			t.Fatalf("accepted connection info whose signer fails: %v", err)
		}
	})
}
