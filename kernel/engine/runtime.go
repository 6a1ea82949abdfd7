package engine

import (
	"context"
	"fmt"
	"io"
	"reflect"
	"sync"
	"sync/atomic"
	"time"

	"github.com/traefik/yaegi/interp"

	"goconc/kernel/cellrt"
)

// cellRuntime is a cellrt.Runtime bound to one Session: with cellrt's
// stateless functions (panics, errors, formatting) it is the package
// goconc_rt that rewritten cells call, and it adds what needs the
// session (which cell a goroutine belongs to, its standard error).
type cellRuntime struct {
	*cellrt.Runtime
	stderr io.Writer
	owners *owners // which cell each goroutine belongs to, for its output
	// numbers are the goroutines' numbers as Go would give them, for
	// panic reports.
	numbers cellrt.Numbers
	stacks  *panicStacks // the frames of panics, for a goroutine Go starts
	// end is Options.End, to be called once; nil outside a program run
	// from a file.
	end func()
	// goexited is set when the goroutine of the step being evaluated
	// calls runtime.Goexit (goexit.go).
	goexited atomic.Bool
}

// programEnded tells a program's Options.End that the program has ended.
func (rt *cellRuntime) programEnded() {
	if rt.end != nil {
		rt.end()
	}
}

// MainReturned is called, in a program run from a file, by the cell that
// calls main, as soon as main returns: the program ends there, whatever
// its other goroutines are doing (compile.go's chunkFunc).
func (rt *cellRuntime) MainReturned() { rt.programEnded() }

const (
	runtimePackage = cellrt.ImportPath
	runtimeName    = cellrt.ImportName
)

// codeFrames mark, in a stack trace, a goroutine running interpreted code.
var codeFrames = []string{"github.com/traefik/yaegi/interp.runCfg("}

// goroutinePanic is the cause a cell ends with when a goroutine panics.
type goroutinePanic struct{ value any }

func (g goroutinePanic) Error() string { return fmt.Sprint(g.value) }

// startCell makes ctx the running cell's context and returns the context
// the cell runs under, which a deadlock or a goroutine's panic cancels
// too, and a function that ends the cell.
func (rt *cellRuntime) startCell(ctx context.Context, cell uint64) (context.Context, func()) {
	ctx, end := rt.BeginCell(ctx)
	rt.owners.begin(cell)
	return ctx, func() {
		end()
		rt.owners.end()
	}
}

// GoroutinePanic ends the running cell with the panic of a goroutine it
// (or an earlier cell) started. In a compiled program the panic would end
// the program; in a notebook it ends the cell and keeps the state.
func (rt *cellRuntime) GoroutinePanic(v any) {
	rt.programEnded()
	rt.Fail(goroutinePanic{v})
}

// Enter and Exit bracket the run of a cell's statements (started is "")
// and of every goroutine a cell starts (started says where, and g is what
// its go statement's Spawn gave it).
func (rt *cellRuntime) Enter(started string, g *cellrt.Goroutine) {
	// When output is attributed, the goroutine that started this one
	// is needed: its go statement's Spawn read its id; failing that (a
	// goroutine started otherwise), one stack trace gives both ids.
	var id, parent int64
	if g != nil {
		id, parent = cellrt.Goid(), g.ParentID
	} else {
		id, parent = rt.owners.goroutine(rt.owners.enabled && started != "")
	}
	rt.EnterAs(id, started)
	rt.owners.enter(id, parent, started)
	rt.numbers.Enter(g)
}

// Exit ends what Enter began.
func (rt *cellRuntime) Exit() {
	rt.numbers.Exit()
	rt.Runtime.Exit()
}

// spawn is what a go statement of the cells runs for the goroutine it
// starts: its number, the function and place that start it, the
// function it starts, and the wrapper Go runs that function's call in,
// if any.
func (rt *cellRuntime) spawn(creator, site, fn, wrapper string) *cellrt.Goroutine {
	g := rt.numbers.Spawn(creator, site)
	g.Func, g.Wrapper = fn, wrapper
	return g
}

// Go is wg.Go(f): f runs in a goroutine counted as the go statement's
// are, whose panic ends the cell before Wait can return.
func (rt *cellRuntime) Go(wg *sync.WaitGroup, f func(), started string) {
	wg.Add(1)
	g := rt.numbers.Spawn("", started)
	go func() {
		defer wg.Done()
		rt.Enter(started, g)
		defer rt.Exit()
		defer func() {
			if v := recover(); v != nil {
				if rt.stacks != nil {
					v = rt.stacks.withStack(v, g)
				}
				rt.GoroutinePanic(v)
			}
		}()
		f()
	}()
}

// Start starts f as the goroutine of a go statement of the cells (g is
// what the statement's Spawn gave it, started says where), guarded as
// the rewrite guards other goroutines (rewrite.go's goStmt): counted
// while it runs, and its panic ends the cell. Exit comes before the
// recover, so that the goroutine, no longer counted, holds the ones the
// panic woke until the cell stops. The interpreter reports f's own frame
// as the panic leaves it.
func (rt *cellRuntime) Start(g *cellrt.Goroutine, started string, f func()) {
	go func() {
		rt.Enter(started, g)
		defer func() {
			rt.Exit()
			if v := recover(); v != nil {
				switch {
				case rt.stacks != nil && isGoWrapper(g.Func):
					v = rt.stacks.withWrapper(v, g)
				case rt.stacks != nil:
					v = rt.stacks.withStack(v, g)
				}
				rt.GoroutinePanic(v)
			}
		}()
		f()
	}()
}

// recovered is recover() in a cell: the value, translated to Go's, and a
// note to the runtime that the goroutine no longer panics.
func (rt *cellRuntime) recovered(v any) any {
	if v != nil {
		rt.Recovered()
	}
	return cellrt.RuntimePanic(v)
}

// keptAside is recovered for a recover that keeps a deferred call's panic
// aside to raise it again (the rewrite's nestedpanic.go): no panic is
// over yet.
func (rt *cellRuntime) keptAside(v any) any {
	if v != nil {
		rt.KeptAside()
	}
	return cellrt.RuntimePanic(v)
}

// boundsError is the runtime error of a failed bounds check, which the
// cell panics with at once.
func (rt *cellRuntime) boundsError(code int, x, y any) cellrt.RuntimeError {
	if rt.stacks != nil {
		rt.stacks.starting()
	}
	rt.Panicking()
	return cellrt.BoundsError(code, x, y)
}

// shiftCount is a signed shift count as the unsigned one the shift
// takes; a negative count panics as Go's shift does, which the
// interpreter's does not.
func (rt *cellRuntime) shiftCount(n int64) uint64 {
	if n < 0 {
		rt.Panicking()
		panic(cellrt.RuntimeError("runtime error: negative shift amount"))
	}
	return uint64(n)
}

// settle waits up to d for every cell function and goroutine to end and
// returns how many are still running (see cellrt.Runtime.Settle).
func (rt *cellRuntime) settle(d time.Duration) int { return rt.Settle(d) }

func (rt *cellRuntime) exports() interp.Exports {
	return interp.Exports{
		runtimePackage + "/rt": {
			"Select":            reflect.ValueOf(rt.Select),
			"GoroutinePanic":    reflect.ValueOf(rt.GoroutinePanic),
			"BoundsError":       reflect.ValueOf(rt.boundsError),
			"ShiftCount":        reflect.ValueOf(rt.shiftCount),
			"Panicking":         reflect.ValueOf(rt.Panicking),
			"Enter":             reflect.ValueOf(rt.Enter),
			"Spawn":             reflect.ValueOf(rt.spawn),
			"Goroutine":         reflect.ValueOf((*cellrt.Goroutine)(nil)),
			"Exit":              reflect.ValueOf(rt.Exit),
			"MainReturned":      reflect.ValueOf(rt.MainReturned),
			"Send":              reflect.ValueOf(rt.Send),
			"Recv":              reflect.ValueOf(rt.Recv),
			"Recv1":             reflect.ValueOf(rt.Recv1),
			"SendPtr":           reflect.ValueOf(rt.SendPtr),
			"RecvPtr":           reflect.ValueOf(rt.RecvPtr),
			"RecvPtr1":          reflect.ValueOf(rt.RecvPtr1),
			"Lock":              reflect.ValueOf(rt.Lock),
			"Unlock":            reflect.ValueOf(rt.Unlock),
			"LockMutex":         reflect.ValueOf(rt.LockMutex),
			"LockRW":            reflect.ValueOf(rt.LockRW),
			"UnlockMutex":       reflect.ValueOf(rt.UnlockMutex),
			"UnlockRW":          reflect.ValueOf(rt.UnlockRW),
			"RLock":             reflect.ValueOf(rt.RLock),
			"RUnlock":           reflect.ValueOf(rt.RUnlock),
			"WaitGroupWait":     reflect.ValueOf(rt.WaitGroupWait),
			"CondWait":          reflect.ValueOf(rt.CondWait),
			"WaitGroupDone":     reflect.ValueOf(rt.WaitGroupDone),
			"CondSignal":        reflect.ValueOf(rt.CondSignal),
			"CondBroadcast":     reflect.ValueOf(rt.CondBroadcast),
			"Sleep":             reflect.ValueOf(rt.Sleep),
			"After":             reflect.ValueOf(rt.After),
			"TimedArg":          reflect.ValueOf(rt.TimedArg),
			"DeadlineArg":       reflect.ValueOf(rt.DeadlineArg),
			"TickingArg":        reflect.ValueOf(rt.TickingArg),
			"SignalsArg":        reflect.ValueOf(rt.SignalsArg),
			"SignalsContextArg": reflect.ValueOf(rt.SignalsContextArg),
			"SelectCase":        reflect.ValueOf((*cellrt.SelectCase)(nil)),
			"Go":                reflect.ValueOf(rt.Go),
			"Start":             reflect.ValueOf(rt.Start),
			"UnsafeString":      reflect.ValueOf(rt.UnsafeString),
			"UnsafeSlice":       reflect.ValueOf(rt.UnsafeSlice),
			"Deref":             reflect.ValueOf(cellrt.Deref),
			"RLocker":           reflect.ValueOf(rt.RLocker),
			"TryLockMutex":      reflect.ValueOf(rt.TryLockMutex),
			"TryLockRW":         reflect.ValueOf(rt.TryLockRW),
			"TryRLock":          reflect.ValueOf(rt.TryRLock),
		},
	}
}

// useErrorWrappers registers the wrappers with the interpreter. It keys
// them by its own error wrapper, a type it does not export, so it learns
// that type from a value it hands compiled code.
func useErrorWrappers(i *interp.Interpreter) error {
	var wrapper reflect.Type
	probe := interp.Exports{runtimePackage + "probe/probe": {
		"Probe": reflect.ValueOf(func(err error) { wrapper = reflect.TypeOf(err) }),
	}}
	if err := i.Use(probe); err != nil {
		return err
	}
	src := fmt.Sprintf(`import goconc_probe %q
type goconc_probeError struct{}
func (goconc_probeError) Error() string { return "" }`, runtimePackage+"probe")
	if _, err := i.Eval(src); err != nil {
		return err
	}
	if _, err := i.Eval("goconc_probe.Probe(goconc_probeError{})"); err != nil {
		return err
	}
	if wrapper == nil || wrapper.Kind() != reflect.Struct {
		return fmt.Errorf("the interpreter's error wrapper is %v, not a struct", wrapper)
	}
	key := reflect.Zero(reflect.PointerTo(wrapper))
	return i.Use(interp.Exports{".": {"MapTypes": reflect.ValueOf(map[reflect.Value][]reflect.Type{
		key:                                 cellrt.ErrorWrappers(),
		reflect.ValueOf(cellrt.ErrorsEqual): {reflect.TypeFor[error]()},
	})}})
}
