/* luhn-check: validates numbers, or completes them with --complete. */
#include <stdio.h>
#include <string.h>

#include "luhn.h"

int main(int argc, char **argv) {
    int complete = 0, bad = 0;
    printf("libluhn %s\n", luhn_version());
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--complete") == 0) {
            complete = 1;
            continue;
        }
        if (complete) {
            int d = luhn_check_digit(argv[i]);
            if (d < 0) {
                fprintf(stderr, "%s: not a number\n", argv[i]);
                bad = 1;
            } else {
                printf("%s -> %s%d\n", argv[i], argv[i], d);
            }
        } else {
            int ok = luhn_valid(argv[i]);
            printf("%-22s %s\n", argv[i], ok ? "valid" : "INVALID");
            bad |= !ok;
        }
    }
    return bad;
}
