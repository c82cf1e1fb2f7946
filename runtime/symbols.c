/* symbols.c - the names generated code calls, mapped to their addresses.
 *
 * The engine registers this table as absolute symbols in the JIT (ORC's
 * absoluteSymbols), so compiled kernels link against the runtime without
 * dlsym and without libjit exporting rt_* dynamically (jit/exports.map
 * exports only jit_*). Keep it in step with rt.h: lowering may emit a call
 * to any function listed here and to no other rt_* function. */
#include "rt.h"

/* Function-to-object pointer casts are what the table is for; POSIX
 * guarantees they round-trip (dlsym relies on the same). */
#define SYM(fn) {#fn, (void *)fn}

static const RtSymbol symbols[] = {
    SYM(rt_malloc),
    SYM(rt_calloc),
    SYM(rt_realloc),
    SYM(rt_free),
    SYM(rt_meminfo_alloc),
    SYM(rt_meminfo_free),
    SYM(rt_meminfo_incref),
    SYM(rt_meminfo_decref),
    SYM(rt_raise),
    SYM(rt_raise_index),
    SYM(rt_raise_alloc),
    SYM(rt_error_locate),
    SYM(rt_print_i64),
    SYM(rt_print_u64),
    SYM(rt_print_f64),
    SYM(rt_print_f32),
    SYM(rt_print_bool),
    SYM(rt_print_str),
    SYM(rt_print_none),
    SYM(rt_print_sep),
    SYM(rt_print_end),
    SYM(rt_print_array),
    SYM(rt_print_array_repr),
    SYM(rt_array_box),
    SYM(rt_recursion_check),
    SYM(rt_cuda_sreg),
    SYM(rt_cuda_syncthreads),
    SYM(rt_cuda_shared),
    SYM(rt_cuda_launch),
    SYM(rt_cuda_alloc),
    SYM(rt_par_threads),
    SYM(rt_par_run),
    {NULL, NULL},
};

const RtSymbol *rt_symbols(void)
{
    return symbols;
}
