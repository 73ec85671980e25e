// guestbook keeps its entries in a file under $GUESTBOOK_DIR. It runs as an unprivileged user, so
// that folder must exist and belong to it: at start it writes a marker file and stops if it cannot.
package main

import (
	"bufio"
	"fmt"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

var validName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9 _-]{0,31}$`)

type book struct {
	mu   sync.Mutex
	path string
}

func (b *book) entries() ([]string, error) {
	f, err := os.Open(b.path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	s := bufio.NewScanner(f)
	for s.Scan() {
		out = append(out, s.Text())
	}
	return out, s.Err()
}

func (b *book) sign(name string) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	f, err := os.OpenFile(b.path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o640)
	if err != nil {
		return 0, err
	}
	if _, err := fmt.Fprintln(f, name); err != nil {
		f.Close()
		return 0, err
	}
	if err := f.Close(); err != nil {
		return 0, err
	}
	all, err := b.entries()
	return len(all), err
}

func main() {
	dir := os.Getenv("GUESTBOOK_DIR")
	if dir == "" {
		log.Fatal("guestbook: GUESTBOOK_DIR is not set")
	}
	marker := filepath.Join(dir, ".started")
	if err := os.WriteFile(marker, []byte(fmt.Sprintf("uid %d\n", os.Getuid())), 0o640); err != nil {
		log.Fatalf("guestbook: the data folder is not writable: %v", err)
	}
	b := &book{path: filepath.Join(dir, "entries.txt")}

	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		all, err := b.entries()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintf(w, "%d signatures\n", len(all))
		for i, e := range all {
			fmt.Fprintf(w, "%d. %s\n", i+1, e)
		}
	})
	http.HandleFunc("/sign", func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimSpace(r.URL.Query().Get("name"))
		if !validName.MatchString(name) {
			http.Error(w, "a name is 1-32 letters, digits, spaces, _ or -", http.StatusBadRequest)
			return
		}
		n, err := b.sign(name)
		if err != nil {
			// Not writable as this user: the data folder belongs to someone else.
			http.Error(w, "cannot save the entry", http.StatusInternalServerError)
			log.Printf("guestbook: %v", err)
			return
		}
		fmt.Fprintf(w, "thanks %s, you are number %d\n", name, n)
	})
	http.HandleFunc("/whoami", func(w http.ResponseWriter, r *http.Request) {
		info, err := os.Stat(dir)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintf(w, "running as uid %d gid %d; %s is %s\n", os.Getuid(), os.Getgid(), dir, info.Mode().Perm())
	})
	log.Print("guestbook: listening on :8080")
	log.Fatal(http.ListenAndServe(":8080", nil))
}
