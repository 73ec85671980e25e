// relnotes prints release notes for a version, grouped by kind of change. The changes are built in;
// the version and the build date are stamped in at build time with -ldflags -X.
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
)

var (
	version   = "dev"
	buildDate = "unknown"
)

type change struct{ kind, text string }

var changes = []change{
	{"fix", "the importer no longer drops the last line of a file without a newline"},
	{"feature", "exports can be filtered by tag"},
	{"fix", "dates before 1970 are shown correctly"},
	{"docs", "the configuration reference lists every option"},
	{"feature", "a --dry-run flag for the sync command"},
}

func main() {
	format := flag.String("format", "text", "text or markdown")
	flag.Parse()
	groups := map[string][]string{}
	for _, c := range changes {
		groups[c.kind] = append(groups[c.kind], c.text)
	}
	kinds := make([]string, 0, len(groups))
	for k := range groups {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	switch *format {
	case "markdown":
		fmt.Printf("# Release %s (%s)\n", version, buildDate)
		for _, k := range kinds {
			fmt.Printf("\n## %s\n\n", strings.ToUpper(k[:1])+k[1:])
			for _, t := range groups[k] {
				fmt.Printf("- %s\n", t)
			}
		}
	case "text":
		fmt.Printf("Release %s (%s)\n", version, buildDate)
		for _, k := range kinds {
			fmt.Printf("%s: %d\n", k, len(groups[k]))
		}
	default:
		fmt.Fprintf(os.Stderr, "relnotes: unknown format %q\n", *format)
		os.Exit(2)
	}
	if os.Getenv("GOBIN") != "" {
		fmt.Printf("\n(installed in %s)\n", os.Getenv("GOBIN"))
	}
}
