// Package api holds the greeter's HTTP handlers.
package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// Primes returns the primes below n (sieve of Eratosthenes).
func Primes(n int) []int {
	if n < 2 {
		return []int{}
	}
	composite := make([]bool, n)
	var out []int
	for i := 2; i < n; i++ {
		if composite[i] {
			continue
		}
		out = append(out, i)
		for j := i * i; j < n; j += i {
			composite[j] = true
		}
	}
	return out
}

// Handler serves the greeting, the health endpoint and the primes API.
func Handler(name string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello from %s\n", name)
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /api/primes", func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(r.URL.Query().Get("below"))
		if err != nil || n < 0 || n > 1_000_000 {
			http.Error(w, "below must be a number from 0 to 1000000", http.StatusBadRequest)
			return
		}
		p := Primes(n)
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"below": n, "count": len(p), "primes": p})
	})
	return mux
}
