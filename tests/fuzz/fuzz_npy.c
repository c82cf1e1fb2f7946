/* fuzz_npy.c - fuzz target: the .npy reader (runtime/npy.c). The bytes are
 * written to a file (the reader takes a path, like `jit run f.py x.npy`) and
 * loaded; a file that loads is saved again and must load to the same array. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jit.h"
#include "tests/fuzz/fuzz_tmp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[512], again[520];
    if (fuzz_tmp_write("in.npy", data, size, path, sizeof path) < 0)
        return 0;
    jit_error err = {0};
    jit_array *a = jit_npy_load(path, &err);
    jit_error_clear(&err);
    if (a) {
        snprintf(again, sizeof again, "%s.2.npy", path);
        if (jit_npy_save(again, a, &err) == 0) {
            jit_array *b = jit_npy_load(again, &err);
            size_t n = (size_t)jit_array_size(a) * jit_dtype_size(a->dtype);
            if (!b || b->ndim != a->ndim || b->dtype != a->dtype ||
                memcmp(b->shape, a->shape, sizeof a->shape[0] * (size_t)a->ndim))
                abort();
            /* element-wise compare in logical order for C-ordered data only */
            if (a->ndim == 1 && n && memcmp(a->data, b->data, n))
                abort();
            jit_array_release(b);
        }
        jit_error_clear(&err);
        unlink(again);
        jit_array_release(a);
    }
    return 0;
}
