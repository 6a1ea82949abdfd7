package rewrite

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"runtime"
	"strconv"

	"goconc/kernel/cellrt"
)

// Sizes given to make for a slice. The interpreter makes a slice through
// reflect, which panics with "runtime: allocation size out of range"
// when the memory would be too large, where Go names the length or the
// capacity ("makeslice: len out of range"); a negative size it reports
// right. Each size that is not a constant Go accepts goes through
// cellrt.SliceSize first, which panics as Go's runtime does:
//
//	make([]int, n, c)    becomes  make([]int, goconc_rt.SliceSize(0, int64(n), 8), goconc_rt.SliceSize(1, int64(c), 8))
//
// with the size of the element, and SliceSizeUint for unsigned sizes.
// A make appended whole, append(s, make([]T, n)...), reports a length too
// large as growslice does, as Go's compiler makes it grow s instead.

// maxAlloc is the largest allocation of Go's runtime on 64-bit platforms.
const maxAlloc = 1 << 48

var sizes = types.SizesFor("gc", runtime.GOARCH)

// appendedMakes marks the make calls appended whole by call, an append.
func (rw *rewriter) appendedMakes(call *ast.CallExpr) {
	if !call.Ellipsis.IsValid() || len(call.Args) != 2 {
		return
	}
	if m, ok := ast.Unparen(call.Args[1]).(*ast.CallExpr); ok && rw.isBuiltin(m.Fun, "make") && len(m.Args) == 2 {
		if rw.grown == nil {
			rw.grown = map[*ast.CallExpr]bool{}
		}
		rw.grown[m] = true
	}
}

// makeSizes checks the sizes of call, a make of a slice.
func (rw *rewriter) makeSizes(call *ast.CallExpr) {
	if len(call.Args) < 2 {
		return
	}
	t := rw.info.TypeOf(call.Args[0])
	if t == nil {
		return
	}
	slice, ok := t.Underlying().(*types.Slice)
	if !ok || hasTypeParam(slice.Elem(), map[types.Type]bool{}) {
		return // a generic function's own body: its size is not known
	}
	size := sizes.Sizeof(slice.Elem())
	for i, arg := range call.Args[1:] {
		kind := cellrt.MakeLen
		switch {
		case i == 1:
			kind = cellrt.MakeCap
		case rw.grown[call]:
			kind = cellrt.GrowLen
		}
		tv, ok := rw.info.Types[arg]
		if !ok {
			continue
		}
		if tv.Value != nil {
			n, exact := constant.Uint64Val(constant.ToInt(tv.Value))
			if exact && (size == 0 || n <= maxAlloc/uint64(size)) {
				continue // checked by the compiler, and small enough
			}
		}
		fn, conv := "SliceSize", "int64"
		if isUnsigned(tv.Type) {
			fn, conv = "SliceSizeUint", "uint64"
		}
		call.Args[i+1] = rw.rtCall(fn,
			&ast.BasicLit{ValuePos: arg.Pos(), Kind: token.INT, Value: strconv.Itoa(kind)},
			&ast.CallExpr{Fun: ast.NewIdent(conv), Args: []ast.Expr{arg}},
			&ast.BasicLit{Kind: token.INT, Value: strconv.FormatInt(size, 10)})
	}
}
