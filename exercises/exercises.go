// Package exercises holds the course's graded exercises: the instructors'
// source notebooks (source/ID.ipynb, with reference solutions and hidden
// tests) and, generated from them, the students' releases
// (release/ID.ipynb).
package exercises

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"goconc/kernel/notebook"
)

//go:embed source/*.ipynb
var sources embed.FS

// IDs lists the exercises, sorted.
func IDs() []string {
	entries, _ := fs.ReadDir(sources, "source")
	var ids []string
	for _, e := range entries {
		if id, ok := strings.CutSuffix(e.Name(), ".ipynb"); ok {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}

// Source returns the source notebook of exercise id.
func Source(id string) (*notebook.Notebook, error) {
	data, err := sources.ReadFile(path.Join("source", id+".ipynb"))
	if err != nil {
		return nil, fmt.Errorf("unknown exercise %q (have %s)", id, strings.Join(IDs(), ", "))
	}
	nb, err := notebook.Read(data)
	if err != nil {
		return nil, fmt.Errorf("exercise %s: %w", id, err)
	}
	return nb, nil
}
