package wire

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
)

// DefaultSignatureScheme is the scheme jupyter_client writes into
// connection files, and the only one this package implements.
const DefaultSignatureScheme = "hmac-sha256"

// A Signer computes and checks message signatures: the hex HMAC-SHA256,
// under the connection file's key, of a message's four JSON frames. With
// an empty key messages are not signed and signatures are not checked,
// as Jupyter specifies.
type Signer struct {
	key []byte
}

// NewSigner returns a signer for scheme and key.
func NewSigner(scheme string, key []byte) (*Signer, error) {
	if scheme != DefaultSignatureScheme {
		if len(key) == 0 {
			// Nothing is signed, so the scheme is never used.
			return &Signer{}, nil
		}
		return nil, fmt.Errorf("unsupported signature scheme %q: want %s", scheme, DefaultSignatureScheme)
	}
	return &Signer{key: append([]byte(nil), key...)}, nil
}

// Enabled reports whether messages are signed.
func (s *Signer) Enabled() bool { return s != nil && len(s.key) > 0 }

// Sign returns the signature of the frames header, parent header,
// metadata and content, in that order: the hex digest, or "" when
// signing is disabled.
func (s *Signer) Sign(parts ...[]byte) string {
	if !s.Enabled() {
		return ""
	}
	return hex.EncodeToString(s.mac(parts))
}

// Verify reports whether signature is the signature of parts. The
// comparison takes the same time wherever the first difference lies.
// With signing disabled every signature is accepted.
func (s *Signer) Verify(signature []byte, parts ...[]byte) bool {
	if !s.Enabled() {
		return true
	}
	got := make([]byte, hex.DecodedLen(len(signature)))
	if _, err := hex.Decode(got, signature); err != nil {
		return false
	}
	return hmac.Equal(got, s.mac(parts))
}

func (s *Signer) mac(parts [][]byte) []byte {
	var h hash.Hash = hmac.New(sha256.New, s.key)
	for _, p := range parts {
		h.Write(p)
	}
	return h.Sum(nil)
}
