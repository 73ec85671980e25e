// envsrv reports the configuration it was started with. Some of its settings share their names with
// Go's build variables (CGO_ENABLED, GOFLAGS, GOOS, GOARCH): the service reads them at run time, so
// an image that drops them because they look build-only changes what it does.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

var settings = []string{"APP_MODE", "CGO_ENABLED", "GOFLAGS", "GOOS", "GOARCH", "GODEBUG", "ENVSRV_CACHE"}

func describe() string {
	var b strings.Builder
	for _, k := range settings {
		v, ok := os.LookupEnv(k)
		if !ok {
			v = "(unset)"
		}
		fmt.Fprintf(&b, "%s=%s\n", k, v)
	}
	return b.String()
}

// mode is what the settings mean for this service.
func mode() string {
	parts := []string{"mode " + os.Getenv("APP_MODE")}
	if os.Getenv("CGO_ENABLED") == "0" {
		parts = append(parts, "pure-go plugins only")
	} else {
		parts = append(parts, "native plugins allowed")
	}
	if strings.Contains(os.Getenv("GOFLAGS"), "-mod=vendor") {
		parts = append(parts, "vendored plugin sources")
	}
	return strings.Join(parts, ", ") + "\n"
}

func probe(addr string) int {
	c := http.Client{Timeout: 2 * time.Second}
	host := addr
	if strings.HasPrefix(host, ":") {
		host = "127.0.0.1" + host
	}
	r, err := c.Get("http://" + host + "/healthz")
	if err != nil {
		fmt.Fprintln(os.Stderr, "probe:", err)
		return 1
	}
	defer r.Body.Close()
	if r.StatusCode != http.StatusOK {
		return 1
	}
	return 0
}

func main() {
	addr := flag.String("listen", ":8080", "listen address")
	doProbe := flag.Bool("probe", false, "check a running server and exit")
	flag.Parse()
	if *doProbe {
		os.Exit(probe(*addr))
	}

	cache := os.Getenv("ENVSRV_CACHE")
	if cache == "" {
		log.Fatal("envsrv: ENVSRV_CACHE is not set")
	}
	if err := os.WriteFile(filepath.Join(cache, "boot"), []byte("started\n"), 0o644); err != nil {
		log.Fatalf("envsrv: cache folder: %v", err)
	}

	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, mode()) })
	mux.HandleFunc("/env", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, describe()) })
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	srv := &http.Server{Addr: *addr, Handler: mux}

	// SIGINT (the image's STOPSIGNAL) shuts down cleanly with status 0; SIGTERM is not handled and
	// ends the process the default way.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT)
	defer stop()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Fatal(err)
		}
	}()
	log.Printf("envsrv: listening on %s", *addr)
	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		log.Fatal(err)
	}
	log.Print("envsrv: stopped")
}
