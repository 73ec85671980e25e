/* conv: unit conversions in one binary. Like busybox, it picks the conversion from the name it was
 * started under (argv[0]): c2f, f2c, km2mi and mi2km are symbolic links to it. */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct conversion {
    const char *name;
    const char *from, *to;
    double scale, offset;
};

static const struct conversion table[] = {
    {"c2f", "degC", "degF", 9.0 / 5.0, 32.0},
    {"f2c", "degF", "degC", 5.0 / 9.0, -32.0 * 5.0 / 9.0},
    {"km2mi", "km", "mi", 0.621371192, 0.0},
    {"mi2km", "mi", "km", 1.609344, 0.0},
};

static const struct conversion *find(const char *name) {
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].name, name) == 0) return &table[i];
    return NULL;
}

int main(int argc, char **argv) {
    char *self = strdup(argv[0]);
    const char *name = basename(self);
    int first = 1;
    /* Called as `conv NAME VALUE...` it works like the link NAME. */
    if (strcmp(name, "conv") == 0) {
        if (argc < 2) {
            fprintf(stderr, "usage: conv c2f|f2c|km2mi|mi2km VALUE...\n");
            return 2;
        }
        name = argv[1];
        first = 2;
    }
    const struct conversion *c = find(name);
    if (!c) {
        fprintf(stderr, "conv: no conversion called %s\n", name);
        return 2;
    }
    if (first >= argc) {
        fprintf(stderr, "usage: %s VALUE...\n", name);
        return 2;
    }
    for (int i = first; i < argc; i++) {
        char *end;
        double v = strtod(argv[i], &end);
        if (*end != '\0' || end == argv[i]) {
            fprintf(stderr, "%s: not a number: %s\n", name, argv[i]);
            return 1;
        }
        printf("%g %s = %.2f %s\n", v, c->from, v * c->scale + c->offset, c->to);
    }
    free(self);
    return 0;
}
