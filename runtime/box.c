/* box.c - handing arrays from compiled code to the host.
 *
 * Generated entry wrappers call rt_array_box to turn an array value they own
 * (one reference on its MemInfo) into a heap jit_array descriptor the host
 * releases with jit_array_release. */
#include <string.h>

#include "rt.h"

jit_array *rt_array_box(const jit_array *a)
{
    jit_array *d = rt_malloc(sizeof *d);
    if (!d) {
        /* the reference we were handed must not leak */
        rt_meminfo_decref(a->base);
        rt_raise(JIT_ERR_MEMORY, "out of memory boxing an array", "", 0);
        return NULL;
    }
    memcpy(d, a, sizeof *d);
    return d;
}
