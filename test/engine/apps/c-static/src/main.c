/* hashit: SHA-256 of its arguments (or of known test vectors with --self-test). */
#include <stdio.h>
#include <string.h>

#include "sha256.h"

static void hex(const char *s, char out[65]) {
    sha256_ctx ctx;
    uint8_t d[32];
    sha256_init(&ctx);
    sha256_update(&ctx, s, strlen(s));
    sha256_final(&ctx, d);
    for (int i = 0; i < 32; i++) {
        sprintf(out + 2 * i, "%02x", d[i]);
    }
}

static int self_test(void) {
    static const char *vectors[][2] = {
        {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    };
    int failed = 0;
    for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
        char out[65];
        hex(vectors[i][0], out);
        int ok = strcmp(out, vectors[i][1]) == 0;
        failed += !ok;
        printf("vector %zu: %s\n", i, ok ? "ok" : "MISMATCH");
    }
    return failed ? 1 : 0;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--self-test") == 0) {
        return self_test();
    }
    if (argc < 2) {
        fprintf(stderr, "usage: hashit TEXT... | --self-test\n");
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        char out[65];
        hex(argv[i], out);
        printf("%s  %s\n", out, argv[i]);
    }
    return 0;
}
