package cellrt

import (
	"sync"
	"testing"
)

// The benchmarks measure the runtime's operations alone, each beside the
// compiled operation it stands for ("native"), as called from a goroutine
// the cells started.

// tracked runs b's loop in a goroutine the runtime counts.
func tracked(b *testing.B, r *Runtime, loop func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.Enter("bench")
		defer r.Exit()
		loop()
	}()
	<-done
}

func BenchmarkGoid(b *testing.B) {
	b.Run("descriptor", func(b *testing.B) {
		for b.Loop() {
			Goid()
		}
	})
	b.Run("stack", func(b *testing.B) {
		for b.Loop() {
			stackGoid()
		}
	})
}

func BenchmarkLockUnlock(b *testing.B) {
	var mu sync.Mutex
	b.Run("native", func(b *testing.B) {
		for b.Loop() {
			mu.Lock()
			mu.Unlock() //nolint:staticcheck // the empty critical section is the point
		}
	})
	b.Run("cellrt", func(b *testing.B) {
		r := New(Options{})
		tracked(b, r, func() {
			for b.Loop() {
				r.Lock(&mu, "where")
				r.Unlock(&mu)
			}
		})
	})
	b.Run("cellrt-mutex", func(b *testing.B) {
		r := New(Options{})
		tracked(b, r, func() {
			for b.Loop() {
				r.LockMutex(&mu, "where")
				r.UnlockMutex(&mu)
			}
		})
	})
}

func BenchmarkLockContended(b *testing.B) {
	b.Run("native", func(b *testing.B) {
		var mu sync.Mutex
		n := 0
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				mu.Lock()
				n++
				mu.Unlock()
			}
		})
	})
	b.Run("cellrt", func(b *testing.B) {
		r := New(Options{})
		var mu sync.Mutex
		n := 0
		b.RunParallel(func(pb *testing.PB) {
			r.Enter("bench")
			defer r.Exit()
			for pb.Next() {
				r.Lock(&mu, "where")
				n++
				r.Unlock(&mu)
			}
		})
	})
}

func BenchmarkBuffered(b *testing.B) {
	b.Run("native", func(b *testing.B) {
		ch := make(chan int, 1)
		for b.Loop() {
			ch <- 1
			<-ch
		}
	})
	b.Run("cellrt", func(b *testing.B) {
		r := New(Options{})
		ch := make(chan int, 1)
		tracked(b, r, func() {
			for b.Loop() {
				r.Send(ch, 1, "send")
				r.Recv(ch, "recv")
			}
		})
	})
}

func BenchmarkPingPong(b *testing.B) {
	b.Run("native", func(b *testing.B) {
		ping, pong := make(chan int), make(chan int)
		go func() {
			for v := range ping {
				pong <- v
			}
		}()
		for b.Loop() {
			ping <- 1
			<-pong
		}
		close(ping)
	})
	b.Run("cellrt", func(b *testing.B) {
		r := New(Options{})
		ping, pong := make(chan int), make(chan int)
		spawn(r, "pong", func() {
			for {
				v, ok := r.Recv(ping, "recv")
				if !ok {
					return
				}
				r.Send(pong, v, "send")
			}
		})
		tracked(b, r, func() {
			for b.Loop() {
				r.Send(ping, 1, "send")
				r.Recv(pong, "recv")
			}
		})
		close(ping)
	})
}

func BenchmarkSelect(b *testing.B) {
	b.Run("native", func(b *testing.B) {
		a, c := make(chan int, 1), make(chan int, 1)
		for b.Loop() {
			a <- 1
			select {
			case <-a:
			case <-c:
			}
		}
	})
	b.Run("cellrt", func(b *testing.B) {
		r := New(Options{})
		a, c := make(chan int, 1), make(chan int, 1)
		cases := []SelectCase{{Dir: 1, Chan: a}, {Dir: 1, Chan: c}}
		tracked(b, r, func() {
			for b.Loop() {
				r.Send(a, 1, "send")
				r.Select(cases, false, "select")
			}
		})
	})
}
