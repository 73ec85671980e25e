#ifndef FLETCHER_H
#define FLETCHER_H

#include <stddef.h>
#include <stdint.h>

uint32_t fletcher32(const uint8_t *data, size_t len);
double shannon_entropy(const uint8_t *data, size_t len);

#endif
