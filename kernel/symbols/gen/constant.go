package main

import (
	"fmt"
	"go/constant"
	"math/big"
	"strconv"
)

// maxDecimal bounds the length of a float constant written in decimal;
// longer ones are written in hexadecimal or as a fraction, which are as
// exact and shorter. math.SmallestNonzeroFloat64 has over 700 significant
// decimal digits.
const maxDecimal = 80

// constantExpr returns an expression of type constant.Value that equals
// v exactly, referring to go/constant and go/token through use. It
// reports false for kinds a table keeps as typed values.
func constantExpr(v constant.Value, use func(path string) string) (string, bool) {
	switch v.Kind() {
	case constant.String:
		return fmt.Sprintf("%s.MakeString(%s)", use("go/constant"), strconv.Quote(constant.StringVal(v))), true
	case constant.Int:
		if i, ok := constant.Int64Val(v); ok {
			return fmt.Sprintf("%s.MakeInt64(%d)", use("go/constant"), i), true
		}
		if u, ok := constant.Uint64Val(v); ok {
			return fmt.Sprintf("%s.MakeUint64(%d)", use("go/constant"), u), true
		}
		return literal(v.ExactString(), "INT", use), true
	case constant.Float:
		r := exactRat(v)
		if lit, ok := floatLiteral(r); ok {
			return literal(lit, "FLOAT", use), true
		}
		// A fraction with a denominator other than a power of 2 and 5
		// has no finite expansion: divide two integers, exactly.
		return fmt.Sprintf("%s.BinaryOp(%s, %s.QUO, %s)", use("go/constant"),
			literal(r.Num().String(), "INT", use), use("go/token"), literal(r.Denom().String(), "INT", use)), true
	}
	return "", false
}

func literal(lit, tok string, use func(string) string) string {
	return fmt.Sprintf("%s.MakeFromLiteral(%q, %s.%s, 0)", use("go/constant"), lit, use("go/token"), tok)
}

// exactRat returns the value of a float constant as a fraction. The
// value is held as a fraction or as a big.Float, both finite.
func exactRat(v constant.Value) *big.Rat {
	switch x := constant.Val(v).(type) {
	case *big.Rat:
		return x
	case *big.Float:
		r, _ := x.Rat(nil)
		return r
	case *big.Int:
		return new(big.Rat).SetInt(x)
	case int64:
		return big.NewRat(x, 1)
	}
	panic(fmt.Sprintf("float constant %v held as %T", v, constant.Val(v)))
}

// floatLiteral writes r as a literal that go/constant parses back to r
// exactly: in decimal when that is short enough, else, if r's
// denominator is a power of 2, in hexadecimal. It reports false for the
// fractions neither can write.
func floatLiteral(r *big.Rat) (string, bool) {
	den := new(big.Int).Set(r.Denom())
	twos := den.TrailingZeroBits()
	den.Rsh(den, twos)
	fives := uint(0)
	five, rem := big.NewInt(5), new(big.Int)
	for den.Cmp(big.NewInt(1)) > 0 {
		q, m := new(big.Int).QuoRem(den, five, rem)
		if m.Sign() != 0 {
			return "", false
		}
		den, fives = q, fives+1
	}
	// r = n / (2^twos 5^fives) has exactly max(twos, fives) decimals.
	if dec := r.FloatString(int(max(twos, fives))); len(dec) <= maxDecimal {
		return dec, true
	}
	if fives > 0 {
		return "", false
	}
	prec := max(uint(r.Num().BitLen()), 1)
	f := new(big.Float).SetPrec(prec).SetRat(r)
	return f.Text('p', 0), true
}
