package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// stdTypesFile is the archive of the standard packages' export data that
// gen writes beside the tables (see kernel/symbols.StdTypes).
const stdTypesFile = "stdtypes.tar.gz"

// writeStdTypes writes, for every standard package with a table, the
// compiler's export data: the type checker reads cells' imports of the
// standard library from it, so that a binary needs no Go source tree at
// run time. The archive is deterministic: entries sorted by import path
// (pkgs already is), no times, no owners.
func writeStdTypes(file string, pkgs []loadedPackage) error {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(zw)
	for _, p := range pkgs {
		if !p.standard {
			continue
		}
		data, err := exportData(p.export)
		if err != nil {
			return fmt.Errorf("export data of %s: %w", p.types.Path(), err)
		}
		hdr := &tar.Header{Name: p.types.Path(), Mode: 0o644, Size: int64(len(data)), Format: tar.FormatPAX}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if _, err := tw.Write(data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(file, buf.Bytes(), 0o644)
}

// exportData returns the part of a compiled package archive the type
// checker reads: the archive's magic and its first member, __.PKGDEF,
// leaving the object code out.
func exportData(file string) ([]byte, error) {
	ar, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	const magic, header = "!<arch>\n", 60
	if !bytes.HasPrefix(ar, []byte(magic)) || len(ar) < len(magic)+header {
		return nil, fmt.Errorf("%s is not a package archive", file)
	}
	hdr := ar[len(magic) : len(magic)+header]
	if name := strings.TrimSpace(string(hdr[:16])); name != "__.PKGDEF" {
		return nil, fmt.Errorf("%s starts with %q, not __.PKGDEF", file, name)
	}
	size, err := strconv.Atoi(strings.TrimSpace(string(hdr[48:58])))
	if err != nil {
		return nil, fmt.Errorf("%s: member size: %w", file, err)
	}
	end := len(magic) + header + size
	if end > len(ar) {
		return nil, fmt.Errorf("%s is truncated", file)
	}
	return ar[:end], nil
}
