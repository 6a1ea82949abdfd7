//go:build race

package differential

// raceEnabled: the suite runs under -race, and so does one extra run of
// each program, with goconc built with -race.
const raceEnabled = true
