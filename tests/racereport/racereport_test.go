package racereport

import "testing"

func TestParse(t *testing.T) {
	yaegi := `==================
WARNING: DATA RACE
Read at 0x00c0016b9720 by goroutine 79:
  reflect.Value.call()
      /usr/local/go/src/reflect/value.go:436 +0x8c5
  github.com/traefik/yaegi/interp.call.func9.2()
      /root/go/pkg/mod/github.com/traefik/yaegi@v0.16.1/interp/run.go:1391 +0x1d0

Previous write at 0x00c0016b9720 by goroutine 78:
  reflect.Value.Set()
      /usr/local/go/src/reflect/value.go:2106 +0x115
  github.com/traefik/yaegi/interp.call.func9()
      /root/go/pkg/mod/github.com/traefik/yaegi@v0.16.1/interp/run.go:1385 +0x2a8

Goroutine 79 (running) created at:
  goconc/kernel/engine.(*Session).execute()
      /work/main/kernel/engine/session.go:211 +0x1d0
==================
`
	own := `==================
WARNING: DATA RACE
Write at 0x00c000d3c7 by goroutine 12:
  sync/atomic.AddInt64()
      /usr/local/go/src/sync/atomic/doc.go:1 +0x10
  github.com/traefik/yaegi/interp.runCfg()
      /root/go/pkg/mod/github.com/traefik/yaegi@v0.16.1/interp/run.go:200 +0x2a8

Previous read at 0x00c000d3c7 by goroutine 13:
  runtime.mapaccess1()
      /usr/local/go/src/runtime/map.go:1 +0x1
  goconc/kernel/engine.(*owners).lookup()
      /work/main/kernel/engine/attribution.go:80 +0x44
==================
`
	tests := []struct {
		log  string
		want []bool
	}{
		{"", nil},
		{"ok\n", nil},
		{yaegi, []bool{false}},
		{own, []bool{true}},
		{yaegi + own + yaegi, []bool{false, true, false}},
	}
	for _, tt := range tests {
		races := Parse(tt.log)
		if len(races) != len(tt.want) {
			t.Errorf("Parse found %d races, want %d", len(races), len(tt.want))
			continue
		}
		for i, r := range races {
			if r.Own != tt.want[i] {
				t.Errorf("race %d: Own = %v, want %v\n%s", i, r.Own, tt.want[i], r.Text)
			}
		}
	}
}
