/* fuzz_sig.c - fuzz target: the signature strings of jit_compile and
 * `jit ir --sig` ("f8(f8[:], i8)", "float64[:, ::1](int32)"), parsed by
 * ty_parse_sig; what parses is printed back and must parse again to the same
 * types. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/arena.h"
#include "frontend/types.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    Arena a;
    arena_init(&a);
    char *s = arena_alloc(&a, size + 1);
    if (!s) {
        arena_free(&a);
        return 0;
    }
    memcpy(s, data, size);
    s[size] = 0;
    const Type *ret = NULL, **args = NULL;
    const char *msg = NULL;
    int n = ty_parse_sig(&a, s, &ret, &args, &msg);
    if (n >= 0 && ret) {
        /* round trip: the printed types parse to equal types */
        for (int i = 0; i < n; i++) {
            const char *t = ty_str_of(&a, args[i]);
            char *sig = arena_alloc(&a, strlen(t) + 8);
            strcpy(sig, "none(");
            strcat(sig, t);
            strcat(sig, ")");
            const Type *r2 = NULL, **a2 = NULL;
            const char *m2 = NULL;
            if (ty_parse_sig(&a, sig, &r2, &a2, &m2) == 1 && !ty_equal(a2[0], args[i]))
                abort();
        }
    }
    arena_free(&a);
    return 0;
}
