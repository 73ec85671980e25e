#include "fractal.h"

#include <math.h>
#include <string.h>

static const char RAMP[] = " .:-=+*%#";

char palette_char(double smooth, int max_iter) {
    if (smooth < 0.0) {
        return '@';
    }
    size_t n = strlen(RAMP);
    double t = sqrt(smooth / max_iter);
    size_t idx = (size_t)floor(t * (double)(n - 1) + 0.5);
    return RAMP[idx < n ? idx : n - 1];
}
