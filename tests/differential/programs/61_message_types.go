//go:build ignore

// Message passing over a channel of any: an account goroutine receives
// message structs without methods, two of them with the same fields, and
// tells them apart with type switches, as an actor does.
package main

import (
	"fmt"
	"sync"
)

type Deposit struct{ Amount int }
type Withdraw struct{ Amount int }
type Balance struct{ Reply chan int }
type Audit struct {
	Note  string `json:"note"`
	Reply chan string
}

func account(inbox <-chan any, wg *sync.WaitGroup) {
	defer wg.Done()
	balance := 0
	for msg := range inbox {
		switch msg.(type) {
		case Balance, Audit:
		default:
			if _, ok := msg.(*Deposit); ok {
				fmt.Println("pointer messages are refused")
			}
		}
		switch m := msg.(type) {
		case Deposit:
			balance += m.Amount
		case Withdraw:
			balance -= m.Amount
		case Balance:
			m.Reply <- balance
		case Audit:
			m.Reply <- fmt.Sprintf("%s: %d", m.Note, balance)
		}
	}
}

func main() {
	inbox := make(chan any)
	var wg sync.WaitGroup
	wg.Add(1)
	go account(inbox, &wg)
	var senders sync.WaitGroup
	for i := range 200 {
		senders.Add(1)
		go func() {
			defer senders.Done()
			inbox <- Deposit{i + 1}
			inbox <- Withdraw{1}
		}()
	}
	senders.Wait()
	reply := make(chan int)
	inbox <- Balance{reply}
	fmt.Println("balance:", <-reply)
	inbox <- &Deposit{5}
	notes := make(chan string)
	inbox <- Audit{"audit", notes}
	fmt.Println(<-notes)
	msgs := []any{Deposit{1}, Withdraw{2}, &Deposit{3}, Audit{Note: "n"}}
	for _, m := range msgs {
		fmt.Printf("%T\n", m)
	}
	fmt.Printf("%v %+v\n", Withdraw(Deposit{7}), msgs[1])
	close(inbox)
	wg.Wait()
}
