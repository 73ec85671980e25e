// bookshelf: a small web app that renders pages from templates/ and serves files from static/,
// both read from the working directory when it starts.
package main

import (
	"flag"
	"html/template"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type book struct {
	ID     string
	Title  string
	Author string
	Year   int
	Tags   []string
}

var books = []book{
	{"sicp", "Structure and Interpretation of Computer Programs", "Abelson, Sussman", 1985, []string{"lisp", "classic"}},
	{"taocp1", "The Art of Computer Programming, Vol. 1", "Knuth", 1968, []string{"algorithms", "classic"}},
	{"tapl", "Types and Programming Languages", "Pierce", 2002, []string{"types"}},
	{"ostep", "Operating Systems: Three Easy Pieces", "Arpaci-Dusseau", 2018, []string{"systems"}},
}

func main() {
	addr := flag.String("addr", ":8080", "listen address")
	dir := flag.String("dir", ".", "folder holding templates/ and static/")
	flag.Parse()

	pages, err := template.New("").Funcs(template.FuncMap{"join": strings.Join}).
		ParseGlob(filepath.Join(*dir, "templates", "*.html"))
	if err != nil {
		log.Fatalf("bookshelf: loading templates: %v", err)
	}
	if _, err := os.Stat(filepath.Join(*dir, "static")); err != nil {
		log.Fatalf("bookshelf: %v", err)
	}

	mux := http.NewServeMux()
	mux.Handle("/static/", http.StripPrefix("/static/", http.FileServer(http.Dir(filepath.Join(*dir, "static")))))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	mux.HandleFunc("/book/", func(w http.ResponseWriter, r *http.Request) {
		id := strings.TrimPrefix(r.URL.Path, "/book/")
		for _, b := range books {
			if b.ID == id {
				render(w, pages, "book.html", b)
				return
			}
		}
		w.WriteHeader(http.StatusNotFound)
		render(w, pages, "missing.html", id)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		tag := r.URL.Query().Get("tag")
		var list []book
		for _, b := range books {
			if tag == "" || contains(b.Tags, tag) {
				list = append(list, b)
			}
		}
		sort.Slice(list, func(i, j int) bool { return list[i].Year < list[j].Year })
		render(w, pages, "index.html", map[string]any{"Tag": tag, "Books": list})
	})
	log.Printf("bookshelf: listening on %s", *addr)
	log.Fatal(http.ListenAndServe(*addr, mux))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func render(w http.ResponseWriter, t *template.Template, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := t.ExecuteTemplate(w, name, data); err != nil {
		log.Printf("bookshelf: rendering %s: %v", name, err)
	}
}
