package wire

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"maps"
	"slices"
	"strings"
)

// DefaultSignatureScheme is the scheme jupyter_client writes into
// connection files.
const DefaultSignatureScheme = "hmac-sha256"

// hashes are the hashes of the signature schemes supported: "hmac-" and
// the name of a hash in Python's hashlib, as the protocol specifies.
var hashes = map[string]func() hash.Hash{
	"md5":        md5.New,
	"sha1":       sha1.New,
	"sha224":     sha256.New224,
	"sha256":     sha256.New,
	"sha384":     sha512.New384,
	"sha512":     sha512.New,
	"sha512_224": sha512.New512_224,
	"sha512_256": sha512.New512_256,
	"sha3_224":   func() hash.Hash { return sha3.New224() },
	"sha3_256":   func() hash.Hash { return sha3.New256() },
	"sha3_384":   func() hash.Hash { return sha3.New384() },
	"sha3_512":   func() hash.Hash { return sha3.New512() },
}

// A Signer computes and checks message signatures: the hex HMAC, under
// the connection file's key and with the scheme's hash (SHA-256 by
// default), of a message's four JSON frames. With an empty key messages
// are not signed and signatures are not checked, as Jupyter specifies.
type Signer struct {
	key  []byte
	hash func() hash.Hash
}

// NewSigner returns a signer for scheme and key.
func NewSigner(scheme string, key []byte) (*Signer, error) {
	name, ok := strings.CutPrefix(scheme, "hmac-")
	h := hashes[name]
	if !ok || h == nil {
		if len(key) == 0 {
			// Nothing is signed, so the scheme is never used.
			return &Signer{}, nil
		}
		return nil, fmt.Errorf("unsupported signature scheme %q: want hmac- and one of %s", scheme, strings.Join(slices.Sorted(maps.Keys(hashes)), ", "))
	}
	return &Signer{key: append([]byte(nil), key...), hash: h}, nil
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
	var h hash.Hash = hmac.New(s.hash, s.key)
	for _, p := range parts {
		h.Write(p)
	}
	return h.Sum(nil)
}
