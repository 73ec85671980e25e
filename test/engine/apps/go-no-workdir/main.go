// roman converts numbers to Roman numerals and back.
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

var numerals = []struct {
	value  int
	symbol string
}{
	{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"},
	{50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"},
}

func toRoman(n int) (string, error) {
	if n < 1 || n > 3999 {
		return "", fmt.Errorf("%d is out of range 1-3999", n)
	}
	var b strings.Builder
	for _, r := range numerals {
		for n >= r.value {
			b.WriteString(r.symbol)
			n -= r.value
		}
	}
	return b.String(), nil
}

func fromRoman(s string) (int, error) {
	total, rest := 0, strings.ToUpper(s)
	for _, r := range numerals {
		for strings.HasPrefix(rest, r.symbol) {
			total += r.value
			rest = rest[len(r.symbol):]
		}
	}
	if rest != "" || total == 0 {
		return 0, fmt.Errorf("%q is not a Roman numeral", s)
	}
	if back, _ := toRoman(total); back != strings.ToUpper(s) {
		return 0, fmt.Errorf("%q is not written the usual way (%s)", s, back)
	}
	return total, nil
}

func main() {
	wd, _ := os.Getwd()
	fmt.Printf("working in %s\n", wd)
	status := 0
	for _, arg := range os.Args[1:] {
		if n, err := strconv.Atoi(arg); err == nil {
			r, err := toRoman(n)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				status = 1
				continue
			}
			fmt.Printf("%s = %s\n", arg, r)
		} else {
			n, err := fromRoman(arg)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				status = 1
				continue
			}
			fmt.Printf("%s = %d\n", arg, n)
		}
	}
	os.Exit(status)
}
