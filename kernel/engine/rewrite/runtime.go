package rewrite

import "goconc/kernel/cellrt"

// runtimeName is the name the rewritten code calls package cellrt by.
const runtimeName = cellrt.ImportName

// boxTag is the struct tag key naming the cell type a box struct holds
// (namedbasic.go), which keeps box structs apart from the cells' own
// struct types.
const boxTag = "goconcbox"

// The codes of the bounds checks the rewrite inserts, which
// cellrt.BoundsError turns into Go's messages.
const (
	boundsIndex      = cellrt.BoundsIndex
	boundsSliceAlen  = cellrt.BoundsSliceAlen
	boundsSliceAcap  = cellrt.BoundsSliceAcap
	boundsSliceB     = cellrt.BoundsSliceB
	boundsSlice3Alen = cellrt.BoundsSlice3Alen
	boundsSlice3Acap = cellrt.BoundsSlice3Acap
	boundsSlice3B    = cellrt.BoundsSlice3B
	boundsSlice3C    = cellrt.BoundsSlice3C
)

// concreteFunc names the function of concreteSource.
const concreteFunc = "goconc_concrete"

// concreteSource declares, once per session, the function that asserting
// to a cell's type goes through: it returns the cell's value a wrapper
// holds, or x as it is. Asserting a wrapper to the cell's type fails.
const concreteSource = `func goconc_concrete(x any) any {
	if v, ok := goconc_rt.Concrete(x); ok {
		return v
	}
	return x
}`
