#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fractal.h"

static void usage(void) {
    fprintf(stderr, "usage: mandel [-w width] [-h height] [-i iterations]\n");
}

int main(int argc, char **argv) {
    int width = 64, height = 20, iters = 200, opt;
    while ((opt = getopt(argc, argv, "w:h:i:")) != -1) {
        switch (opt) {
        case 'w': width = atoi(optarg); break;
        case 'h': height = atoi(optarg); break;
        case 'i': iters = atoi(optarg); break;
        default: usage(); return 2;
        }
    }
    if (width < 2 || height < 2 || iters < 1) {
        usage();
        return 2;
    }
    long inside = 0;
    for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
            double re = -2.2 + 3.0 * x / (width - 1);
            double im = -1.2 + 2.4 * y / (height - 1);
            double s = mandel_smooth(re, im, iters);
            inside += s < 0.0;
            putchar(palette_char(s, iters));
        }
        putchar('\n');
    }
    printf("%dx%d, %d iterations, %ld points inside\n", width, height, iters, inside);
    return 0;
}
