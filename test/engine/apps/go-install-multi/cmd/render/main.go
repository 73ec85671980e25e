// render reads tab-separated lines on stdin and prints them as an aligned text table.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"
)

func main() {
	border := flag.Bool("border", false, "draw a border")
	flag.Parse()
	var rows [][]string
	s := bufio.NewScanner(os.Stdin)
	for s.Scan() {
		if line := s.Text(); line != "" {
			rows = append(rows, strings.Split(line, "\t"))
		}
	}
	if err := s.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "render:", err)
		os.Exit(1)
	}
	widths := []int{}
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			if n := utf8.RuneCountInString(c); n > widths[i] {
				widths[i] = n
			}
		}
	}
	rule := "+"
	for _, w := range widths {
		rule += strings.Repeat("-", w+2) + "+"
	}
	if *border {
		fmt.Println(rule)
	}
	for ri, r := range rows {
		line := "|"
		for i, w := range widths {
			c := ""
			if i < len(r) {
				c = r[i]
			}
			line += " " + strings.Repeat(" ", w-utf8.RuneCountInString(c)) + c + " |"
		}
		if !*border {
			line = strings.Trim(strings.ReplaceAll(line, "|", ""), " ")
		}
		fmt.Println(line)
		if *border && ri == 0 {
			fmt.Println(rule)
		}
	}
	if *border {
		fmt.Println(rule)
	}
}
