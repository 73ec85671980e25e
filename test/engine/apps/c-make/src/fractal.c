#include "fractal.h"

#include <math.h>

double mandel_smooth(double re, double im, int max_iter) {
    double zr = 0.0, zi = 0.0;
    for (int i = 0; i < max_iter; i++) {
        double zr2 = zr * zr, zi2 = zi * zi;
        if (zr2 + zi2 > 256.0) {
            return i + 1.0 - log2(log2(sqrt(zr2 + zi2)));
        }
        zi = 2.0 * zr * zi + im;
        zr = zr2 - zi2 + re;
    }
    return -1.0;
}
