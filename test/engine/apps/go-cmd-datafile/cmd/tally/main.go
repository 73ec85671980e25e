// tally prints the revenue per region of the order file named on the command line.
package main

import (
	"fmt"
	"os"

	"example.com/tally/internal/ledger"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: tally ORDERS.csv")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "tally:", err)
		os.Exit(1)
	}
	defer f.Close()
	totals, err := ledger.Read(f)
	if err != nil {
		fmt.Fprintf(os.Stderr, "tally: %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
	var all int64
	fmt.Printf("%-8s %6s %6s %12s\n", "region", "orders", "units", "revenue")
	for _, t := range totals {
		fmt.Printf("%-8s %6d %6d %9d.%02d\n", t.Region, t.Orders, t.Units, t.Cents/100, t.Cents%100)
		all += t.Cents
	}
	fmt.Printf("%-8s %6s %6s %9d.%02d\n", "total", "", "", all/100, all%100)
}
