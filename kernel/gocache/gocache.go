// Package gocache is a build cache for the go command, served to it as a
// GOCACHEPROG program, in two layers: a shared layer that an administrator
// fills once (the packages native cells import, the race runtime) and every
// user reads, and each user's own layer, where that user's builds are
// written. On a shared machine every student's first native cell then
// builds as fast as a warm one, and no student can change what another
// student's builds read: the shared layer is only ever read, except by the
// administrator who fills it.
//
// Each layer is a directory holding a/ACTIONID, a small JSON record naming
// the output, and o/OUTPUTID, the output itself; files are written under a
// temporary name and renamed, so that concurrent go commands see whole
// entries only.
package gocache

import (
	"bufio"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// A Cache is a two-layer build cache.
type Cache struct {
	// Own is the directory the cache writes to and reads first.
	Own string
	// Shared, if not empty, is a directory the cache only reads, after Own.
	Shared string
}

// request is one message of the go command (cmd/go/internal/cacheprog).
type request struct {
	ID       int64
	Command  string
	ActionID []byte `json:",omitempty"`
	OutputID []byte `json:",omitempty"`
	BodySize int64  `json:",omitempty"`
}

// response answers one request; the first, with ID 0, lists the commands.
type response struct {
	ID            int64
	Err           string     `json:",omitempty"`
	KnownCommands []string   `json:",omitempty"`
	Miss          bool       `json:",omitempty"`
	OutputID      []byte     `json:",omitempty"`
	Size          int64      `json:",omitempty"`
	Time          *time.Time `json:",omitempty"`
	DiskPath      string     `json:",omitempty"`
}

// entry is what a layer records for an action.
type entry struct {
	OutputID string // hex
	Size     int64
	Time     time.Time
}

// Serve answers the go command's requests from r on w until it asks the
// cache to close, r ends, or ctx is done.
func (c *Cache) Serve(ctx context.Context, r io.Reader, w io.Writer) error {
	for _, sub := range []string{"a", "o"} {
		if err := os.MkdirAll(filepath.Join(c.Own, sub), 0o755); err != nil {
			return fmt.Errorf("build cache: %w", err)
		}
	}
	out := bufio.NewWriter(w)
	enc := json.NewEncoder(out)
	send := func(resp response) error {
		if err := enc.Encode(resp); err != nil {
			return err
		}
		return out.Flush()
	}
	if err := send(response{KnownCommands: []string{"get", "put", "close"}}); err != nil {
		return fmt.Errorf("build cache: %w", err)
	}
	dec := json.NewDecoder(bufio.NewReader(r))
	for ctx.Err() == nil {
		var req request
		if err := dec.Decode(&req); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("build cache: reading a request: %w", err)
		}
		var resp response
		var err error
		switch req.Command {
		case "get":
			resp, err = c.get(req)
		case "put":
			var body []byte
			if req.BodySize > 0 {
				// The body follows as a JSON string of base64.
				if err := dec.Decode(&body); err != nil {
					return fmt.Errorf("build cache: reading the body of request %d: %w", req.ID, err)
				}
				if int64(len(body)) != req.BodySize {
					return fmt.Errorf("build cache: request %d has %d bytes of body, not %d", req.ID, len(body), req.BodySize)
				}
			}
			resp, err = c.put(req, body)
		case "close":
			return send(response{ID: req.ID})
		default:
			err = fmt.Errorf("unknown command %q", req.Command)
		}
		resp.ID = req.ID
		if err != nil {
			resp.Err = err.Error()
		}
		if err := send(resp); err != nil {
			return fmt.Errorf("build cache: %w", err)
		}
	}
	return ctx.Err()
}

func (c *Cache) get(req request) (response, error) {
	key := hex.EncodeToString(req.ActionID)
	for _, dir := range []string{c.Own, c.Shared} {
		if dir == "" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, "a", key))
		if err != nil {
			continue
		}
		var e entry
		if json.Unmarshal(data, &e) != nil {
			continue
		}
		out := filepath.Join(dir, "o", e.OutputID)
		fi, err := os.Stat(out)
		if err != nil || fi.Size() != e.Size {
			continue
		}
		id, err := hex.DecodeString(e.OutputID)
		if err != nil {
			continue
		}
		return response{OutputID: id, Size: e.Size, Time: &e.Time, DiskPath: out}, nil
	}
	return response{Miss: true}, nil
}

func (c *Cache) put(req request, body []byte) (response, error) {
	if len(req.ActionID) == 0 || len(req.OutputID) == 0 {
		return response{}, errors.New("put without an action or output id")
	}
	outID := hex.EncodeToString(req.OutputID)
	out := filepath.Join(c.Own, "o", outID)
	if fi, err := os.Stat(out); err != nil || fi.Size() != int64(len(body)) {
		if err := writeAtomic(out, body); err != nil {
			return response{}, err
		}
	}
	rec, err := json.Marshal(entry{OutputID: outID, Size: int64(len(body)), Time: time.Now()})
	if err != nil {
		return response{}, err
	}
	if err := writeAtomic(filepath.Join(c.Own, "a", hex.EncodeToString(req.ActionID)), rec); err != nil {
		return response{}, err
	}
	return response{DiskPath: out}, nil
}

// writeAtomic writes data to path through a temporary file in the same
// directory, so that readers see the whole file or none.
func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr, os.Chmod(f.Name(), 0o644)); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}
