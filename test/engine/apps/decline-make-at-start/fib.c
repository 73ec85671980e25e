/* fib: Fibonacci numbers with exact 128-bit arithmetic. */
#include <stdio.h>
#include <stdlib.h>

static void print_u128(unsigned __int128 v) {
    char buf[40];
    int i = 39;
    buf[i] = '\0';
    do {
        buf[--i] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v);
    fputs(buf + i, stdout);
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 20;
    if (n < 1 || n > 180) {
        fprintf(stderr, "usage: fib N (1-180)\n");
        return 2;
    }
    unsigned __int128 a = 0, b = 1;
    for (int i = 1; i <= n; i++) {
        unsigned __int128 t = a + b;
        a = b;
        b = t;
        if (i % 30 == 0 || i == n) {
            printf("fib(%d) = ", i);
            print_u128(a);
            putchar('\n');
        }
    }
    return 0;
}
