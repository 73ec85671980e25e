// weekday prints the day of the week of a few dates (Zeller's congruence, checked against time).
package main

import (
	"fmt"
	"os"
	"time"
)

func zeller(y, m, d int) int {
	if m < 3 {
		m += 12
		y--
	}
	k, j := y%100, y/100
	return (d + 13*(m+1)/5 + k + k/4 + j/4 + 5*j) % 7
}

var names = []string{"Saturday", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}

func main() {
	dates := [][3]int{{1969, 7, 20}, {1989, 11, 9}, {2000, 1, 1}, {2024, 2, 29}}
	for _, dt := range dates {
		z := names[zeller(dt[0], dt[1], dt[2])]
		t := time.Date(dt[0], time.Month(dt[1]), dt[2], 0, 0, 0, 0, time.UTC).Weekday().String()
		if z != t {
			fmt.Fprintf(os.Stderr, "mismatch for %v: %s vs %s\n", dt, z, t)
			os.Exit(1)
		}
		fmt.Printf("%04d-%02d-%02d %s\n", dt[0], dt[1], dt[2], z)
	}
}
