/* zstat: how well zlib compresses a few kinds of data, at each level, with a round-trip check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static unsigned char *make_sample(const char *kind, size_t n) {
    unsigned char *buf = malloc(n);
    unsigned int x = 12345;
    if (!buf) return NULL;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(kind, "text") == 0) {
            static const char words[] = "the quick brown fox jumps over the lazy dog and keeps running ";
            buf[i] = (unsigned char)words[i % (sizeof words - 1)];
        } else if (strcmp(kind, "ramp") == 0) {
            buf[i] = (unsigned char)(i / 64);
        } else { /* noise: a fixed linear congruential sequence */
            x = x * 1103515245u + 12345u;
            buf[i] = (unsigned char)(x >> 16);
        }
    }
    return buf;
}

int main(int argc, char **argv) {
    size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 65536;
    const char *kinds[] = {"text", "ramp", "noise"};
    if (n == 0 || n > (1u << 24)) {
        fprintf(stderr, "usage: zstat [bytes, 1..16777216]\n");
        return 2;
    }
    printf("zlib %s, %zu bytes per sample\n", zlibVersion(), n);
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        unsigned char *in = make_sample(kinds[k], n);
        uLongf bound = compressBound(n);
        unsigned char *out = malloc(bound), *back = malloc(n);
        if (!in || !out || !back) return 1;
        printf("%-5s crc32 %08lx adler32 %08lx:", kinds[k], crc32(0L, in, (uInt)n), adler32(1L, in, (uInt)n));
        for (int level = 1; level <= 9; level += 4) {
            uLongf clen = bound, blen = n;
            if (compress2(out, &clen, in, n, level) != Z_OK || uncompress(back, &blen, out, clen) != Z_OK ||
                blen != n || memcmp(in, back, n) != 0) {
                printf(" level %d FAILED\n", level);
                return 1;
            }
            printf("  L%d %6lu (%5.1f%%)", level, (unsigned long)clen, 100.0 * clen / n);
        }
        printf("\n");
        free(in), free(out), free(back);
    }
    return 0;
}
