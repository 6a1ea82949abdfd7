// Promise is the result of a task, available once Done is closed.
type Promise struct {
	done  chan struct{}
	value int
}

// Done returns a channel that is closed when the task has finished.
func (p *Promise) Done() <-chan struct{} { return p.done }

// Get waits for the task and returns its result.
func (p *Promise) Get() int {
	<-p.done
	return p.value
}

// Workers runs at most n tasks at once.
type Workers struct {
	slots chan struct{} // a semaphore of n slots
}

func NewWorkers(n int) *Workers { return &Workers{slots: make(chan struct{}, n)} }

// Submit queues task and returns its promise without waiting for it.
func (w *Workers) Submit(task func() int) *Promise {
	p := &Promise{done: make(chan struct{})}
	go func() {
		w.slots <- struct{}{} // wait for a free worker
		defer func() { <-w.slots }()
		p.value = task()
		close(p.done)
	}()
	return p
}

// InOrderDone delivers each promise once it has finished, in the order
// they finish, and then closes the channel.
func InOrderDone(promises []*Promise) <-chan *Promise {
	out := make(chan *Promise, len(promises))
	finished := make(chan *Promise)
	for _, p := range promises {
		go func(p *Promise) {
			<-p.Done()
			finished <- p
		}(p)
	}
	go func() {
		for range promises {
			out <- <-finished
		}
		close(out)
	}()
	return out
}
