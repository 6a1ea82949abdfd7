package symbols

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"sync"
)

// stdTypes is the compiler's export data of every standard package with
// a table, written by ./gen: the type checker reads the standard library
// from it, so the binary needs no Go source tree at run time.
//
//go:embed stdtypes.tar.gz
var stdTypes []byte

// ErrNoStdTypes is returned by StdTypes's lookup for a package the
// archive does not hold.
var ErrNoStdTypes = errors.New("no export data")

var stdTypesOnce = sync.OnceValues(func() (map[string][]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(stdTypes))
	if err != nil {
		return nil, fmt.Errorf("reading the standard library's types: %w", err)
	}
	tr := tar.NewReader(zr)
	data := map[string][]byte{}
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, fmt.Errorf("reading the standard library's types: %w", err)
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, fmt.Errorf("reading the standard library's types of %s: %w", hdr.Name, err)
		}
		data[hdr.Name] = b
	}
})

// StdTypes opens the export data of the standard package with the given
// import path, in the form go/importer's "gc" importer reads through its
// lookup function. It returns an error wrapping ErrNoStdTypes for a
// package that has none.
func StdTypes(path string) (io.ReadCloser, error) {
	all, err := stdTypesOnce()
	if err != nil {
		return nil, err
	}
	b, ok := all[path]
	if !ok {
		return nil, fmt.Errorf("%s: %w", path, ErrNoStdTypes)
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}
