#ifndef LUHN_H
#define LUHN_H

/* Checksums for identification numbers, in a shared library: libluhn.so.1. */
int luhn_valid(const char *digits);
int luhn_check_digit(const char *digits_without_check);
const char *luhn_version(void);

#endif
