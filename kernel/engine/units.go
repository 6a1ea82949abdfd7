package engine

// UnitKind says what a top-level unit of a cell is.
type UnitKind int

// The kinds of units a cell holds.
const (
	ImportUnit    UnitKind = UnitKind(importUnit)
	DeclUnit      UnitKind = UnitKind(declUnit)
	StatementUnit UnitKind = UnitKind(stmtUnit)
)

// Unit is one top-level import, declaration or statement of a cell, as
// byte offsets into the cell's source.
type Unit struct {
	Kind  UnitKind
	Start int // the first token
	End   int // just past the last token
	Lead  int // just past the previous unit: its doc comment comes along
}

// SplitCell cuts a cell into its top-level units the way Session does,
// with Go's own semicolon insertion, so that other runners of cells (the
// native builder) read cells exactly as the interpreter does. Errors are
// syntax errors with their position in the cell.
func SplitCell(code string) ([]Unit, error) {
	units, err := splitCell(code)
	if err != nil {
		return nil, err
	}
	out := make([]Unit, len(units))
	for i, u := range units {
		out[i] = Unit{Kind: UnitKind(u.kind), Start: u.start, End: u.end, Lead: u.lead}
	}
	return out, nil
}
