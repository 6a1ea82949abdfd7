// Your predictions: "faster" or "no faster", "yes" or "no".
predictions := map[string]string{
	"two-countdowns": "no faster", // one thread runs Python at a time
	"two-hashes":     "faster",    // C code that releases the GIL runs in parallel
	"five-sleepers":  "faster",    // blocking calls drop the GIL: the waits overlap
	"lost-310":       "no",        // 3.10+ never checks inside n += 1
	"lost-27":        "yes",       // 2.7 can switch between any two bytecodes
	"convoy":         "yes",       // a switch interval per call beside a CPU-bound thread
}
