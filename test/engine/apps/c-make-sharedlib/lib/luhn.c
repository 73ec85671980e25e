#include "luhn.h"

#include <ctype.h>
#include <string.h>

static int sum(const char *s, int double_first) {
    int total = 0, dbl = double_first;
    for (int i = (int)strlen(s) - 1; i >= 0; i--) {
        if (s[i] == ' ' || s[i] == '-') continue;
        if (!isdigit((unsigned char)s[i])) return -1;
        int d = s[i] - '0';
        if (dbl) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        total += d;
        dbl = !dbl;
    }
    return total;
}

int luhn_valid(const char *digits) {
    int s = sum(digits, 0);
    return s >= 0 && s % 10 == 0;
}

int luhn_check_digit(const char *digits) {
    int s = sum(digits, 1);
    return s < 0 ? -1 : (10 - s % 10) % 10;
}

const char *luhn_version(void) { return "1.2.0"; }
