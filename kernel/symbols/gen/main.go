// Command gen writes the interpreter's symbol table for each package named
// on its command line, one file per package, in the current directory.
package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/traefik/yaegi/extract"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: gen IMPORTPATH...")
		os.Exit(2)
	}
	ext := extract.Extractor{Dest: "symbols"}
	for _, path := range os.Args[1:] {
		var buf bytes.Buffer
		if _, err := ext.Extract(path, path, &buf); err != nil {
			fmt.Fprintf(os.Stderr, "gen: %s: %v\n", path, err)
			os.Exit(1)
		}
		name := strings.NewReplacer("/", "_", ".", "_", "-", "_").Replace(path) + ".go"
		if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
			fmt.Fprintf(os.Stderr, "gen: %v\n", err)
			os.Exit(1)
		}
	}
}
