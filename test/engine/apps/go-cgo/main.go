// Command checksums prints Fletcher-32 sums and byte entropy, computed by C code through cgo.
package main

/*
#cgo CFLAGS: -O2 -Wall
#cgo LDFLAGS: -lm
#include <stdlib.h>
#include "fletcher.h"
*/
import "C"

import (
	"flag"
	"fmt"
	"os"
	"unsafe"
)

func fletcher32(data []byte) uint32 {
	if len(data) == 0 {
		return uint32(C.fletcher32(nil, 0))
	}
	return uint32(C.fletcher32((*C.uint8_t)(unsafe.Pointer(&data[0])), C.size_t(len(data))))
}

func entropy(data []byte) float64 {
	if len(data) == 0 {
		return 0
	}
	return float64(C.shannon_entropy((*C.uint8_t)(unsafe.Pointer(&data[0])), C.size_t(len(data))))
}

var samples = []string{
	"",
	"abcde",
	"abcdef",
	"abcdefgh",
	"The quick brown fox jumps over the lazy dog",
	"multi-stage builds keep the toolchain out of the runtime image",
}

func main() {
	repeat := flag.Int("repeat", 1, "repeat each sample this many times")
	flag.Parse()
	if *repeat < 1 {
		fmt.Fprintln(os.Stderr, "checksums: -repeat must be at least 1")
		os.Exit(2)
	}
	for _, s := range samples {
		var data []byte
		for i := 0; i < *repeat; i++ {
			data = append(data, s...)
		}
		fmt.Printf("%08x  %.4f bits/byte  %4d bytes  %q\n", fletcher32(data), entropy(data), len(data), s)
	}
	// cgo in use: the C library's own allocator answers too.
	p := C.malloc(16)
	defer C.free(p)
	fmt.Println("c allocator ok:", p != nil)
}
