package worker

import (
	"fmt"
	"sync"
	"unicode/utf8"

	"goconc/kernel/engine"
)

// limitedOutput passes a cell's text on until the cell has printed max
// bytes, then drops the rest, saying so once on stderr. A cell printing
// in a loop would otherwise fill the kernel's and the client's memory,
// and a browser tab showing it would freeze; displays are not counted.
type limitedOutput struct {
	engine.Output
	mu   sync.Mutex
	left int64
	max  int64
	told bool
}

func limitOutput(out engine.Output, max int64) engine.Output {
	if max <= 0 {
		return out
	}
	return &limitedOutput{Output: out, left: max, max: max}
}

func (l *limitedOutput) Stream(name, text string) {
	l.mu.Lock()
	if int64(len(text)) <= l.left {
		l.left -= int64(len(text))
		l.mu.Unlock()
		l.Output.Stream(name, text)
		return
	}
	cut := int(l.left)
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut-- // keep whole characters
	}
	keep := text[:cut]
	l.left = 0
	tell := !l.told
	l.told = true
	l.mu.Unlock()
	if keep != "" {
		l.Output.Stream(name, keep)
	}
	if tell {
		l.Output.Stream("stderr", fmt.Sprintf("\n[goconc: this cell printed more than %d bytes; the rest of its output is dropped (GOCONC_OUTPUT_LIMIT)]\n", l.max))
	}
}
