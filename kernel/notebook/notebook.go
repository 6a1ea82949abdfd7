// Package notebook reads and writes Jupyter notebooks (nbformat 4) as far
// as goconc needs: cells in order, their sources and their outputs.
package notebook

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Notebook is an nbformat 4 notebook. Fields goconc does not use are kept
// as they were read, so that writing a notebook back loses nothing.
type Notebook struct {
	Cells         []*Cell
	Metadata      map[string]any
	NBFormat      int
	NBFormatMinor int
}

// Cell is one notebook cell.
type Cell struct {
	Type           string // "code", "markdown" or "raw"
	Source         string
	Outputs        []map[string]any // code cells only
	ExecutionCount *int             // code cells only
	Tags           []string         // metadata.tags, such as RaisesException
	raw            map[string]json.RawMessage
}

// RaisesException is the tag of a cell that is meant to fail, as nbconvert
// and nbclient name it: running the notebook goes on past such a cell.
const RaisesException = "raises-exception"

// HasTag reports whether the cell carries tag in its metadata.
func (c *Cell) HasTag(tag string) bool {
	for _, t := range c.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

// Read parses a notebook. Errors name the problem in one line: bad JSON,
// an nbformat other than 4, a kernel whose language is not Go.
func Read(data []byte) (*Notebook, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, fmt.Errorf("not a notebook: invalid JSON: %w", err)
	}
	var nb Notebook
	if err := json.Unmarshal(top["nbformat"], &nb.NBFormat); err != nil {
		return nil, errors.New("not a notebook: no nbformat number")
	}
	if nb.NBFormat != 4 {
		return nil, fmt.Errorf("unsupported nbformat %d: goconc reads nbformat 4", nb.NBFormat)
	}
	if m, ok := top["nbformat_minor"]; ok {
		if err := json.Unmarshal(m, &nb.NBFormatMinor); err != nil {
			return nil, fmt.Errorf("bad nbformat_minor: %w", err)
		}
	}
	if m, ok := top["metadata"]; ok {
		if err := json.Unmarshal(m, &nb.Metadata); err != nil {
			return nil, fmt.Errorf("bad notebook metadata: %w", err)
		}
	}
	if lang := language(nb.Metadata); lang != "" && lang != "go" {
		return nil, fmt.Errorf("notebook is for language %q: goconc runs Go notebooks", lang)
	}
	var cells []map[string]json.RawMessage
	if err := json.Unmarshal(top["cells"], &cells); err != nil {
		return nil, fmt.Errorf("bad cells list: %w", err)
	}
	for i, raw := range cells {
		c, err := readCell(raw)
		if err != nil {
			return nil, fmt.Errorf("cell %d: %w", i+1, err)
		}
		nb.Cells = append(nb.Cells, c)
	}
	return &nb, nil
}

// language is the notebook's kernel language, from its metadata.
func language(meta map[string]any) string {
	if li, ok := meta["language_info"].(map[string]any); ok {
		if name, ok := li["name"].(string); ok {
			return name
		}
	}
	if ks, ok := meta["kernelspec"].(map[string]any); ok {
		if lang, ok := ks["language"].(string); ok {
			return lang
		}
	}
	return ""
}

func readCell(raw map[string]json.RawMessage) (*Cell, error) {
	c := &Cell{raw: raw}
	if err := json.Unmarshal(raw["cell_type"], &c.Type); err != nil {
		return nil, errors.New("no cell_type")
	}
	switch c.Type {
	case "code", "markdown", "raw":
	default:
		return nil, fmt.Errorf("unknown cell_type %q", c.Type)
	}
	src, err := multiline(raw["source"])
	if err != nil {
		return nil, fmt.Errorf("bad source: %w", err)
	}
	c.Source = src
	if m, ok := raw["metadata"]; ok {
		var meta struct {
			Tags []string `json:"tags"`
		}
		if err := json.Unmarshal(m, &meta); err != nil {
			return nil, fmt.Errorf("bad metadata: %w", err)
		}
		c.Tags = meta.Tags
	}
	if c.Type == "code" {
		if o, ok := raw["outputs"]; ok {
			if err := json.Unmarshal(o, &c.Outputs); err != nil {
				return nil, fmt.Errorf("bad outputs: %w", err)
			}
		}
	}
	return c, nil
}

// multiline decodes nbformat's "multiline string": a string or a list of
// strings to be joined.
func multiline(raw json.RawMessage) (string, error) {
	if len(raw) == 0 {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var parts []string
	if err := json.Unmarshal(raw, &parts); err != nil {
		return "", errors.New("neither a string nor a list of strings")
	}
	return strings.Join(parts, ""), nil
}

// Marshal encodes the notebook as nbformat 4 JSON, indented as Jupyter
// writes it.
func (nb *Notebook) Marshal() ([]byte, error) {
	cells := make([]map[string]any, 0, len(nb.Cells))
	for _, c := range nb.Cells {
		m := map[string]any{}
		for k, v := range c.raw {
			m[k] = v
		}
		m["cell_type"] = c.Type
		m["source"] = c.Source
		if _, ok := m["metadata"]; !ok {
			m["metadata"] = map[string]any{}
		}
		if c.Type == "code" {
			outputs := c.Outputs
			if outputs == nil {
				outputs = []map[string]any{}
			}
			m["outputs"] = outputs
			m["execution_count"] = c.ExecutionCount
		}
		cells = append(cells, m)
	}
	meta := nb.Metadata
	if meta == nil {
		meta = map[string]any{}
	}
	return json.MarshalIndent(map[string]any{
		"cells":          cells,
		"metadata":       meta,
		"nbformat":       4,
		"nbformat_minor": nb.NBFormatMinor,
	}, "", " ")
}
