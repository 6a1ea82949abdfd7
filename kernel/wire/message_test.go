package wire

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

const testKey = "a0436f6c-1916-498b-8eb9-e81ab9368e84"

// signed returns the frames of a message with the given routing prefix
// and JSON parts, signed with key the way jupyter_client signs.
func signed(key string, ids []string, header, parent, metadata, content string, buffers ...string) [][]byte {
	var frames [][]byte
	for _, id := range ids {
		frames = append(frames, []byte(id))
	}
	sig := ""
	if key != "" {
		h := hmac.New(sha256.New, []byte(key))
		for _, p := range []string{header, parent, metadata, content} {
			h.Write([]byte(p))
		}
		sig = hex.EncodeToString(h.Sum(nil))
	}
	frames = append(frames, []byte(Delimiter), []byte(sig), []byte(header), []byte(parent), []byte(metadata), []byte(content))
	for _, b := range buffers {
		frames = append(frames, []byte(b))
	}
	return frames
}

const execHeader = `{"msg_id":"m1","session":"s1","username":"u","date":"2024-05-01T10:00:00.000000Z","msg_type":"execute_request","version":"5.3"}`

func mustSigner(t testing.TB, key string) *Signer {
	t.Helper()
	s, err := NewSigner(DefaultSignatureScheme, []byte(key))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestDecode(t *testing.T) {
	good := signed(testKey, []string{"client-1"}, execHeader, `{}`, `{}`, `{"code":"1+1"}`)
	tamper := func(i int, v string) [][]byte {
		f := signed(testKey, []string{"client-1"}, execHeader, `{}`, `{}`, `{"code":"1+1"}`)
		f[i] = []byte(v)
		return f
	}
	tests := []struct {
		name    string
		key     string
		frames  [][]byte
		wantErr string // substring; "" means success
		badSig  bool
		ids     int
		buffers int
	}{
		{name: "signed", key: testKey, frames: good, ids: 1},
		{name: "no identities", key: testKey, frames: signed(testKey, nil, execHeader, `{}`, `{}`, `{}`)},
		{name: "two identities and buffers", key: testKey, frames: signed(testKey, []string{"a", "b"}, execHeader, `{}`, `{}`, `{}`, "\x00\x01", "raw"), ids: 2, buffers: 2},
		{name: "unsigned with empty key", key: "", frames: signed("", []string{"c"}, execHeader, `{}`, `{}`, `{}`), ids: 1},
		{name: "signature ignored with empty key", key: "", frames: signed("other", []string{"c"}, execHeader, `{}`, `{}`, `{}`), ids: 1},
		{name: "empty frames", key: testKey, frames: nil, wantErr: "no <IDS|MSG> delimiter"},
		{name: "no delimiter", key: testKey, frames: [][]byte{[]byte("id"), []byte("sig")}, wantErr: "no <IDS|MSG> delimiter"},
		{name: "too few frames", key: testKey, frames: good[:5], wantErr: "3 frames after the delimiter"},
		{name: "missing signature", key: testKey, frames: tamper(2, ""), badSig: true},
		{name: "wrong signature", key: testKey, frames: tamper(2, strings.Repeat("0", 64)), badSig: true},
		{name: "signature not hex", key: testKey, frames: tamper(2, "zz"), badSig: true},
		{name: "content changed", key: testKey, frames: tamper(6, `{"code":"2+2"}`), badSig: true},
		{name: "signed with another key", key: testKey, frames: signed("another", []string{"c"}, execHeader, `{}`, `{}`, `{}`), badSig: true},
		{name: "content not an object", key: "", frames: signed("", nil, execHeader, `{}`, `{}`, `[1]`), wantErr: "content is not a JSON object"},
		{name: "metadata not JSON", key: "", frames: signed("", nil, execHeader, `{}`, `{`, `{}`), wantErr: "metadata is not a JSON object"},
		{name: "parent empty frame", key: "", frames: signed("", nil, execHeader, ``, `{}`, `{}`), wantErr: "parent_header is not a JSON object"},
		{name: "header wrong type", key: "", frames: signed("", nil, `{"msg_type":7}`, `{}`, `{}`, `{}`), wantErr: "header"},
		{name: "header without type", key: "", frames: signed("", nil, `{"msg_id":"x"}`, `{}`, `{}`, `{}`), wantErr: "no msg_type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Decode(tt.frames, mustSigner(t, tt.key))
			switch {
			case tt.badSig:
				if !errors.Is(err, ErrBadSignature) {
					t.Fatalf("Decode error = %v, want ErrBadSignature", err)
				}
				return
			case tt.wantErr != "":
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Decode error = %v, want one containing %q", err, tt.wantErr)
				}
				if errors.Is(err, ErrBadSignature) {
					t.Fatalf("malformed message reported as a bad signature: %v", err)
				}
				return
			case err != nil:
				t.Fatalf("Decode: %v", err)
			}
			if len(m.Identities) != tt.ids || len(m.Buffers) != tt.buffers {
				t.Errorf("got %d identities and %d buffers, want %d and %d", len(m.Identities), len(m.Buffers), tt.ids, tt.buffers)
			}
			if m.Header.MsgType != "execute_request" || m.Header.MsgID != "m1" || m.Header.Version != "5.3" {
				t.Errorf("header = %+v", m.Header)
			}
		})
	}
}

func TestDecodeCopiesFrames(t *testing.T) {
	frames := signed("", []string{"id"}, execHeader, `{}`, `{}`, `{"code":"x"}`, "buf")
	m, err := Decode(frames, mustSigner(t, ""))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range frames {
		for i := range f {
			f[i] = '#'
		}
	}
	if string(m.Identities[0]) != "id" || string(m.Content) != `{"code":"x"}` || string(m.Buffers[0]) != "buf" {
		t.Errorf("message shares memory with its frames: %q %q %q", m.Identities[0], m.Content, m.Buffers[0])
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	parent := NewHeader("execute_request", "client-session", "alice")
	parentJSON, _ := json.Marshal(parent)
	tests := []struct {
		name string
		key  string
		msg  Message
	}{
		{"minimal", testKey, Message{Header: NewHeader("status", "k", "kernel")}},
		{"reply", testKey, Message{
			Identities:   [][]byte{[]byte("client")},
			Header:       NewHeader("execute_reply", "k", "kernel"),
			ParentHeader: parentJSON,
			Metadata:     json.RawMessage(`{"started":"now"}`),
			Content:      json.RawMessage(`{"status":"ok","execution_count":3}`),
		}},
		{"buffers, unsigned", "", Message{
			Identities: [][]byte{[]byte("stream")},
			Header:     NewHeader("comm_msg", "k", "kernel"),
			Content:    json.RawMessage(`{"comm_id":"c","data":{}}`),
			Buffers:    [][]byte{{0, 1, 2}, {}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustSigner(t, tt.key)
			frames, err := Encode(&tt.msg, s)
			if err != nil {
				t.Fatal(err)
			}
			if string(frames[len(tt.msg.Identities)]) != Delimiter {
				t.Fatalf("frame %d = %q, want the delimiter", len(tt.msg.Identities), frames[len(tt.msg.Identities)])
			}
			sig := frames[len(tt.msg.Identities)+1]
			if tt.key == "" && len(sig) != 0 || tt.key != "" && len(sig) != 64 {
				t.Errorf("signature %q for key %q", sig, tt.key)
			}
			got, err := Decode(frames, s)
			if err != nil {
				t.Fatalf("Decode(Encode(m)): %v", err)
			}
			if got.Header != tt.msg.Header {
				t.Errorf("header = %+v, want %+v", got.Header, tt.msg.Header)
			}
			wantParent := tt.msg.ParentHeader
			if wantParent == nil {
				wantParent = emptyObject
			}
			if !bytes.Equal(got.ParentHeader, wantParent) {
				t.Errorf("parent = %s, want %s", got.ParentHeader, wantParent)
			}
			if len(got.Buffers) != len(tt.msg.Buffers) {
				t.Errorf("%d buffers, want %d", len(got.Buffers), len(tt.msg.Buffers))
			}
			if !reflect.DeepEqual(got.Identities, tt.msg.Identities) {
				t.Errorf("identities = %q, want %q", got.Identities, tt.msg.Identities)
			}
		})
	}
}

// A reply's parent_header must be its request's header byte for byte,
// including fields this package does not know.
func TestHeaderJSONKeepsUnknownFields(t *testing.T) {
	header := `{"msg_id":"m","msg_type":"execute_request","session":"s","username":"u","date":"2024-01-01T00:00:00Z","version":"5.4","subshell_id":null}`
	m, err := Decode(signed("", nil, header, `{}`, `{}`, `{}`), mustSigner(t, ""))
	if err != nil {
		t.Fatal(err)
	}
	got, err := m.HeaderJSON()
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != header {
		t.Errorf("HeaderJSON = %s, want %s", got, header)
	}
}

func TestNewHeader(t *testing.T) {
	h := NewHeader("kernel_info_reply", "sess", "kernel")
	if h.MsgType != "kernel_info_reply" || h.Session != "sess" || h.Username != "kernel" || h.Version != ProtocolVersion {
		t.Errorf("header = %+v", h)
	}
	if len(h.MsgID) != 36 {
		t.Errorf("msg_id %q is not a UUID", h.MsgID)
	}
	if h2 := NewHeader("x", "s", "u"); h2.MsgID == h.MsgID {
		t.Error("two headers share a msg_id")
	}
	d, err := time.Parse(time.RFC3339Nano, h.Date)
	if err != nil {
		t.Fatalf("date %q is not ISO 8601 with a time zone: %v", h.Date, err)
	}
	if time.Since(d) > time.Minute || time.Since(d) < -time.Minute {
		t.Errorf("date %v is not now", d)
	}
}

func TestSigner(t *testing.T) {
	parts := [][]byte{[]byte(`{"a":1}`), []byte(`{}`), []byte(`{}`), []byte(`{"b":2}`)}
	// The digest Python's hmac module gives for these parts and key.
	h := hmac.New(sha256.New, []byte("secret"))
	for _, p := range parts {
		h.Write(p)
	}
	want := hex.EncodeToString(h.Sum(nil))

	s := mustSigner(t, "secret")
	got := s.Sign(parts...)
	if got != want {
		t.Fatalf("Sign = %s, want %s", got, want)
	}
	tests := []struct {
		name string
		sig  string
		ok   bool
	}{
		{"exact", want, true},
		{"upper case hex", strings.ToUpper(want), true},
		{"empty", "", false},
		{"truncated", want[:62], false},
		{"odd length", want[:63], false},
		{"one digit off", want[:63] + string("0123456789abcdef"[(strings.IndexByte("0123456789abcdef", want[63])+1)%16]), false},
		{"longer", want + "00", false},
	}
	for _, tt := range tests {
		if ok := s.Verify([]byte(tt.sig), parts...); ok != tt.ok {
			t.Errorf("%s: Verify = %v, want %v", tt.name, ok, tt.ok)
		}
	}
	if s := mustSigner(t, ""); s.Enabled() || s.Sign(parts...) != "" || !s.Verify(nil, parts...) {
		t.Error("empty key: want signing disabled")
	}
}

func TestNewSignerScheme(t *testing.T) {
	tests := []struct {
		scheme, key string
		ok          bool
	}{
		{"hmac-sha256", "k", true},
		{"hmac-sha256", "", true},
		{"hmac-sha512", "k", true},
		{"hmac-sha3_512", "k", true},
		{"hmac-md5", "k", true},
		{"hmac-blake2b", "k", false},
		{"hmac-whirlpool", "", true}, // nothing is signed
		{"sha256", "k", false},
		{"", "k", false},
	}
	for _, tt := range tests {
		_, err := NewSigner(tt.scheme, []byte(tt.key))
		if (err == nil) != tt.ok {
			t.Errorf("NewSigner(%q, %q) error = %v, want ok=%v", tt.scheme, tt.key, err, tt.ok)
		}
	}
}

// TestSignerSchemes checks each scheme against the digest Python's hmac
// module gives for the same parts and key (hmac.new(key, digestmod=...)).
func TestSignerSchemes(t *testing.T) {
	parts := [][]byte{[]byte(`{"a":1}`), []byte(`{}`), []byte(`{}`), []byte(`{"b":2}`)}
	tests := []struct{ scheme, want string }{
		{"hmac-sha512", "9cb30a3d92111c6ea9a137577025471caeb47fd0279ee25ed87844d712742dc4bae5fa70b7cd830a57c9026cbb0d921128d0e8a4fa722edd4fc570028ed981b0"},
		{"hmac-sha1", "1c914dbd338ed463bb97d8d8e2df862874bf7172"},
		{"hmac-sha3_256", "1c5b7e8c8405ed7312b961d359431bfb9a5854e80b17258457b855edb8f27a9b"},
		{"hmac-md5", "e1eb7abd412c65b8951391ab5a93126e"},
	}
	for _, tt := range tests {
		s, err := NewSigner(tt.scheme, []byte("secret"))
		if err != nil {
			t.Fatalf("%s: %v", tt.scheme, err)
		}
		if got := s.Sign(parts...); got != tt.want {
			t.Errorf("%s: Sign = %s, want %s", tt.scheme, got, tt.want)
		}
		if !s.Verify([]byte(tt.want), parts...) {
			t.Errorf("%s: Verify rejects its own signature", tt.scheme)
		}
	}
}

func BenchmarkEncodeDecode(b *testing.B) {
	s := mustSigner(b, testKey)
	m := &Message{
		Identities: [][]byte{[]byte("client")},
		Header:     NewHeader("stream", "k", "kernel"),
		Content:    json.RawMessage(`{"name":"stdout","text":"` + strings.Repeat("x", 1024) + `"}`),
	}
	b.ReportAllocs()
	for b.Loop() {
		frames, err := Encode(m, s)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Decode(frames, s); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDecodeReplacesInvalidUTF8 checks that bytes that are not UTF-8 in a
// header never reach the replies' parent_header, which every IOPub
// subscriber sees.
func TestDecodeReplacesInvalidUTF8(t *testing.T) {
	header := "{\"msg_id\":\"m\xff\xfe1\",\"session\":\"s1\",\"username\":\"u\xc3\",\"msg_type\":\"execute_request\"}"
	s := mustSigner(t, testKey)
	m, err := Decode(signed(testKey, []string{"c"}, header, `{}`, `{}`, `{}`), s)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := m.HeaderJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.Valid(raw) || !json.Valid(raw) {
		t.Fatalf("header = %q, want valid UTF-8 JSON", raw)
	}
	if want := `"msg_id":"m` + "\uFFFD" + `1"`; !strings.Contains(string(raw), want) {
		t.Errorf("header = %q, want it to contain %q", raw, want)
	}
	if m.Signature() == "" {
		t.Error("Signature() is empty for a signed message")
	}
}
