// Package wire implements the Jupyter messaging protocol's wire format,
// version 5.3: connection files, messages, their HMAC signatures and their
// encoding into ZeroMQ multipart frames.
//
// A message on the wire is a list of frames:
//
//	identity ...     routing prefix (zero or more frames)
//	<IDS|MSG>        delimiter
//	signature        hex HMAC of the next four frames
//	header           JSON object
//	parent_header    JSON object
//	metadata         JSON object
//	content          JSON object
//	buffer ...       raw binary buffers (zero or more frames)
//
// See https://jupyter-client.readthedocs.io/en/stable/messaging.html.
package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// ProtocolVersion is the version of the messaging protocol spoken here.
const ProtocolVersion = "5.3"

// Delimiter separates the routing identities from the message proper.
const Delimiter = "<IDS|MSG>"

// ErrBadSignature reports a message whose signature is missing or does
// not match its content.
var ErrBadSignature = errors.New("bad signature")

// Header is a message header.
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"` // ISO 8601 with time zone
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// NewHeader returns a header for a new message of type msgType, with a
// fresh id and the current time.
func NewHeader(msgType, session, username string) Header {
	return Header{
		MsgID:    uuid.NewString(),
		Session:  session,
		Username: username,
		Date:     time.Now().UTC().Format("2006-01-02T15:04:05.000000Z07:00"),
		MsgType:  msgType,
		Version:  ProtocolVersion,
	}
}

// Message is one Jupyter message. ParentHeader, Metadata and Content hold
// JSON objects; nil stands for the empty object.
type Message struct {
	// Identities is the ZeroMQ routing prefix: for a request on a ROUTER
	// socket, the identity of the client that sent it; for a message
	// published on IOPub, its topic.
	Identities   [][]byte
	Header       Header
	ParentHeader json.RawMessage
	Metadata     json.RawMessage
	Content      json.RawMessage
	Buffers      [][]byte

	// rawHeader is the header frame as received. A reply names its
	// request by copying it whole, fields unknown here included.
	rawHeader json.RawMessage
	// signature is the signature frame as received.
	signature string
}

// Signature returns the signature the message arrived with: "" for a
// message that was not decoded or not signed.
func (m *Message) Signature() string { return m.signature }

// HeaderJSON returns the message's header as JSON: the frame it arrived
// in, for a decoded message, so that a reply's parent_header is an exact
// copy of its request's header.
func (m *Message) HeaderJSON() (json.RawMessage, error) {
	if m.rawHeader != nil {
		return m.rawHeader, nil
	}
	b, err := json.Marshal(m.Header)
	if err != nil {
		return nil, fmt.Errorf("encoding header: %w", err)
	}
	return b, nil
}

// DecodeContent unmarshals the message's content into v.
func (m *Message) DecodeContent(v any) error {
	content := m.Content
	if content == nil {
		content = emptyObject
	}
	if err := json.Unmarshal(content, v); err != nil {
		return fmt.Errorf("decoding %s content: %w", m.Header.MsgType, err)
	}
	return nil
}

var emptyObject = json.RawMessage("{}")

// Encode returns m as multipart frames, signed by s.
func Encode(m *Message, s *Signer) ([][]byte, error) {
	header, err := m.HeaderJSON()
	if err != nil {
		return nil, err
	}
	parts := [4][]byte{header, m.ParentHeader, m.Metadata, m.Content}
	for i, p := range parts[1:] {
		if p == nil {
			parts[i+1] = emptyObject
		}
	}
	frames := make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, []byte(Delimiter), []byte(s.Sign(parts[:]...)))
	frames = append(frames, parts[:]...)
	frames = append(frames, m.Buffers...)
	return frames, nil
}

// Decode parses multipart frames into a message, checking the signature
// with s before looking at the content. A missing or wrong signature
// gives an error wrapping ErrBadSignature; malformed frames give an error
// saying what is wrong with them.
func Decode(frames [][]byte, s *Signer) (*Message, error) {
	delim := -1
	for i, f := range frames {
		if string(f) == Delimiter {
			delim = i
			break
		}
	}
	if delim < 0 {
		return nil, fmt.Errorf("malformed message: no %s delimiter among %d frames", Delimiter, len(frames))
	}
	rest := frames[delim+1:]
	if len(rest) < 5 {
		return nil, fmt.Errorf("malformed message: %d frames after the delimiter, want at least 5", len(rest))
	}
	signature, parts := rest[0], rest[1:5]
	if s.Enabled() {
		if len(signature) == 0 {
			return nil, fmt.Errorf("message is unsigned: %w", ErrBadSignature)
		}
		if !s.Verify(signature, parts...) {
			return nil, fmt.Errorf("signature does not match the message: %w", ErrBadSignature)
		}
	}

	names := [4]string{"header", "parent_header", "metadata", "content"}
	for i, p := range parts {
		if !isObject(p) {
			return nil, fmt.Errorf("malformed message: %s is not a JSON object", names[i])
		}
	}
	m := &Message{
		Identities:   clone(frames[:delim]),
		ParentHeader: bytes.Clone(parts[1]),
		Metadata:     bytes.Clone(parts[2]),
		Content:      bytes.Clone(parts[3]),
		Buffers:      clone(rest[5:]),
		// A client's invalid UTF-8 is replaced, as Python's decoder does
		// for ipykernel, so that it never reaches other clients raw in
		// the parent_header of the replies and output.
		rawHeader: bytes.ToValidUTF8(parts[0], []byte("\uFFFD")),
	}
	if s.Enabled() {
		m.signature = string(signature)
	}
	if err := json.Unmarshal(parts[0], &m.Header); err != nil {
		return nil, fmt.Errorf("malformed message: header: %w", err)
	}
	if m.Header.MsgType == "" {
		return nil, errors.New("malformed message: header has no msg_type")
	}
	return m, nil
}

// isObject reports whether b is one well-formed JSON object.
func isObject(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n")
	return len(b) > 0 && b[0] == '{' && json.Valid(b)
}

// clone copies frames so that a message owns its bytes and never shares
// them with a socket's buffers.
func clone(frames [][]byte) [][]byte {
	if len(frames) == 0 {
		return nil
	}
	out := make([][]byte, len(frames))
	for i, f := range frames {
		out[i] = bytes.Clone(f)
	}
	return out
}
