#include "fletcher.h"

#include <math.h>

uint32_t fletcher32(const uint8_t *data, size_t len) {
    uint32_t a = 0xffff, b = 0xffff;
    size_t i = 0;
    while (i < len) {
        size_t block = len - i > 359 ? 359 : len - i;
        for (size_t j = 0; j < block; j += 2, i += 2) {
            uint16_t word = data[i];
            if (i + 1 < len) {
                word |= (uint16_t)data[i + 1] << 8;
            }
            a += word;
            b += a;
        }
        a = (a & 0xffff) + (a >> 16);
        b = (b & 0xffff) + (b >> 16);
    }
    a = (a & 0xffff) + (a >> 16);
    b = (b & 0xffff) + (b >> 16);
    return b << 16 | a;
}

double shannon_entropy(const uint8_t *data, size_t len) {
    size_t counts[256] = {0};
    double h = 0.0;
    if (len == 0) {
        return 0.0;
    }
    for (size_t i = 0; i < len; i++) {
        counts[data[i]]++;
    }
    for (int c = 0; c < 256; c++) {
        if (counts[c] != 0) {
            double p = (double)counts[c] / (double)len;
            h -= p * log2(p);
        }
    }
    return h;
}
