/* proverb: prints proverbs from the collection installed with it. Where the collection lives is
 * decided when the program is built (PROVERB_DATADIR, from the Makefile's PREFIX). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef PROVERB_DATADIR
#error "build with -DPROVERB_DATADIR=..."
#endif

#define MAX_LINES 256

int main(int argc, char **argv) {
    const char *path = PROVERB_DATADIR "/proverbs.txt";
    int count = argc > 1 ? atoi(argv[1]) : 3;
    unsigned seed = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 10) : 7u;
    if (count < 1 || count > 20) {
        fprintf(stderr, "usage: proverb [COUNT 1-20] [SEED]\n");
        return 2;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return 1;
    }
    static char lines[MAX_LINES][160];
    int n = 0;
    while (n < MAX_LINES && fgets(lines[n], sizeof lines[n], f)) {
        if (lines[n][0] != '#' && lines[n][0] != '\n') n++;
    }
    fclose(f);
    if (n == 0) {
        fprintf(stderr, "%s: no proverbs\n", path);
        return 1;
    }
    printf("%d of %d proverbs:\n", count, n);
    for (int i = 0; i < count; i++) {
        seed = seed * 1103515245u + 12345u;
        printf("  %s", lines[(seed >> 16) % (unsigned)n]);
    }
    return 0;
}
