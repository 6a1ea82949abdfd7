package rewrite

import "testing"

// The calls pass's handling of runtime.Callers, CallersFrames and
// FuncForPC and of runtime's frame types (caller.go), and the frame
// lines pass naming the function that calls Callers or Caller.
func TestCallerFrames(t *testing.T) {
	tests := []struct {
		name, src     string
		want, notWant []string
	}{
		{
			name: "callers and its frames",
			src: `package main
import "runtime"
func chain() []string {
	pcs := make([]uintptr, 8)
	var frames *runtime.Frames = runtime.CallersFrames(pcs[:runtime.Callers(1, pcs)])
	var names []string
	for {
		var f runtime.Frame
		f, more := frames.Next()
		names = append(names, f.Function)
		if !more {
			return names
		}
	}
}`,
			want: []string{
				`var frames *goconc_rt.Frames = goconc_rt.CallersFrames(pcs[:goconc_rt.Callers(1, pcs, "cell1/_.go:5", "main.chain")])`,
				"var f goconc_rt.Frame",
			},
			notWant: []string{"runtime."},
		},
		{
			name: "a caller's function",
			src: `package main
import "runtime"
func caller() *runtime.Func {
	pc, _, _, _ := runtime.Caller(1)
	return runtime.FuncForPC(pc)
}`,
			want:    []string{`pc, _, _, _ := goconc_rt.Caller(1, "cell1/_.go:4", "main.caller")`, "func caller() *goconc_rt.Func", "return goconc_rt.FuncForPC(pc)"},
			notWant: []string{"runtime."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := checked(t, tt.src)
			runPasses(f, "calls", "framelines")
			checkPrinted(t, f, tt.want, tt.notWant)
		})
	}
}
