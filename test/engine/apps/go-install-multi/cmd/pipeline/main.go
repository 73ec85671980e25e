// pipeline computes a small table and hands it to the `render` program (another main package of
// this module, installed beside it) through a pipe. `render` is looked up on PATH.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

func main() {
	rows := 5
	if len(os.Args) > 1 {
		n, err := strconv.Atoi(os.Args[1])
		if err != nil || n < 1 || n > 20 {
			fmt.Fprintln(os.Stderr, "usage: pipeline [ROWS 1-20]")
			os.Exit(2)
		}
		rows = n
	}
	var table strings.Builder
	table.WriteString("n\tsquare\tcube\ttriangular\n")
	for i := 1; i <= rows; i++ {
		fmt.Fprintf(&table, "%d\t%d\t%d\t%d\n", i, i*i, i*i*i, i*(i+1)/2)
	}
	path, err := exec.LookPath("render")
	if err != nil {
		fmt.Fprintln(os.Stderr, "pipeline: the render program is not installed:", err)
		os.Exit(1)
	}
	cmd := exec.Command(path, "--border")
	cmd.Stdin = strings.NewReader(table.String())
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "pipeline: render failed:", err)
		os.Exit(1)
	}
}
