// Command wordfreq prints the most frequent words of its built-in corpus (or of the files it is given).
package main

import (
	"crypto/sha256"
	_ "embed"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"example.com/wordfreq/internal/freq"
)

//go:embed corpus.txt
var corpus string

func main() {
	format := flag.String("format", "table", "output format: table or csv")
	flag.Parse()

	top := 5
	if v := os.Getenv("WORDFREQ_TOP"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "wordfreq: bad WORDFREQ_TOP %q\n", v)
			os.Exit(2)
		}
		top = n
	}

	text := corpus
	if flag.NArg() > 0 {
		var b strings.Builder
		for _, name := range flag.Args() {
			data, err := os.ReadFile(name)
			if err != nil {
				fmt.Fprintln(os.Stderr, "wordfreq:", err)
				os.Exit(1)
			}
			b.Write(data)
		}
		text = b.String()
	}

	counts := freq.Count(text)
	total := 0
	for _, c := range counts {
		total += c
	}
	fmt.Printf("corpus sha256 %x\n", sha256.Sum256([]byte(text)))
	fmt.Printf("%d words, %d distinct\n", total, len(counts))
	for i, e := range freq.Top(counts, top) {
		switch *format {
		case "csv":
			fmt.Printf("%s,%d\n", e.Word, e.Count)
		default:
			fmt.Printf("%2d. %-10s %3d %s\n", i+1, e.Word, e.Count, strings.Repeat("#", e.Count))
		}
	}
}
