/* spark: draws a sparkline of its arguments. The characters it draws with are read from
 * ../share/spark/ticks.txt next to the real location of its own executable (/proc/self/exe), so an
 * installed tree can be moved anywhere as a whole. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int load_ticks(char ticks[][8], int max) {
    char exe[PATH_MAX], path[PATH_MAX + 32];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len < 0) {
        perror("readlink /proc/self/exe");
        return -1;
    }
    exe[len] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) *slash = '\0';
    snprintf(path, sizeof path, "%s/../share/spark/ticks.txt", exe);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "spark: %s: %s\n", path, strerror(errno));
        return -1;
    }
    int n = 0;
    char line[32];
    while (n < max && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '\0' || line[0] == '#') continue;
        snprintf(ticks[n++], 8, "%s", line);
    }
    fclose(f);
    return n;
}

int main(int argc, char **argv) {
    char ticks[16][8];
    int levels = load_ticks(ticks, 16);
    if (levels < 2) return 1;
    if (argc < 2) {
        fprintf(stderr, "usage: spark NUMBER...\n");
        return 2;
    }
    double v[256], lo = 0, hi = 0;
    int n = 0;
    for (int i = 1; i < argc && n < 256; i++, n++) {
        char *end;
        v[n] = strtod(argv[i], &end);
        if (*end) {
            fprintf(stderr, "spark: not a number: %s\n", argv[i]);
            return 2;
        }
        if (n == 0 || v[n] < lo) lo = v[n];
        if (n == 0 || v[n] > hi) hi = v[n];
    }
    for (int i = 0; i < n; i++) {
        int level = hi > lo ? (int)((v[i] - lo) / (hi - lo) * (levels - 1) + 0.5) : 0;
        fputs(ticks[level], stdout);
    }
    printf("  min %g max %g (%d levels)\n", lo, hi, levels);
    return 0;
}
