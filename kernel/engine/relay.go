package engine

import (
	"reflect"

	"github.com/traefik/yaegi/interp"

	"goconc/kernel/cellrt"
)

// relayExports binds goconc_rt.Relay, through which the rewrite defers
// the calls whose function the interpreter's recover cannot see a panic
// from (see cellrt.Relays), and makes goconc_rt.Recovered, what every
// recover() in a cell becomes, take such a relayed panic when the
// interpreter's recover found none. recovered is the rest of what
// Recovered does (see the session's set-up). keptAside is the same for
// goconc_rt.KeptAside, the recover of the rewrite's nested-panic wrappers.
// goingOn is called as a relay raises again a panic nobody took: the same
// panic goes on, which the panic's frames must not take for one the
// deferred call raised.
func relayExports(rs *cellrt.Relays, recovered, keptAside func(any) any, goingOn func()) interp.Exports {
	take := func(recovered func(any) any) func(any) any {
		return func(v any) any {
			if v == nil {
				v, _ = rs.Take()
			}
			return recovered(v)
		}
	}
	return interp.Exports{
		runtimePackage + "/rt": {
			"Relay": reflect.ValueOf(func(p any, fn func()) {
				if left := rs.RelayAside(p, fn); left != nil {
					goingOn()
					panic(left)
				}
			}),
			"RelayAside": reflect.ValueOf(rs.RelayAside),
			"Recovered":  reflect.ValueOf(take(recovered)),
			"KeptAside":  reflect.ValueOf(take(keptAside)),
		},
	}
}
