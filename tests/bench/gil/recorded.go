package main

// recordedPythons are releases the lesson talks about that a machine
// may lack: 2.7 (JD's talk) and 3.9 (the last before 3.10 moved the
// checks). Their figures were measured with CPython 2.7.18 and 3.9.18
// on a 2-core VM with this bench's demos at the same sizes; where only
// a median and range were kept, the values are [min, median, max].
// The bench uses them, marked as recorded, when the release is absent.
var recordedPythons = []struct {
	python
	values map[string][]float64
}{
	{
		python{path: "recorded (CPython 2.7.18, 2-core VM)", version: "2.7", major: 2, minor: 7},
		map[string][]float64{
			"cpu":           {1.53, 1.87, 2.40},
			"convoy-socket": {26e-6, 31e-6, 42e-6},
			"lost1000":      {1, 2, 2, 4, 0, 0, 1, 1, 0, 2},
			"lost-inc":      {0.769, 0.784, 0.795},
			"connect":       {1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
			"runs":          {1.3, 2.2, 5.3},
		},
	},
	{
		python{path: "recorded (CPython 3.9.18, 2-core VM)", version: "3.9", major: 3, minor: 9},
		map[string][]float64{
			"lost1000": {0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
			"lost-inc": {0.747, 0.795, 0.850},
		},
	},
}
