/* fuzz_script.c - fuzz target: script source through lex, parse, infer,
 * lower and optimize (compile only; nothing compiled is run).
 *
 * The bytes are parsed as they are, NUL bytes included (parse_module takes a
 * length), then loaded through the public API: jit_check type-checks every
 * function with a declared signature, and the first functions that compile
 * with their declared signature, or with all parameters int64, or all
 * float64[:], are lowered to LLVM IR and optimized (jit_ir), which also runs
 * the LLVM verifier. Any input may be rejected with an error; none may crash, hang,
 * leak or trip a sanitizer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/arena.h"
#include "frontend/ast.h"
#include "frontend/diag.h"
#include "jit.h"
#include "jit/jit_int.h"

/* Inputs over this are cut: big sources test the allocator, not the compiler. */
#define FUZZ_MAX_SRC 16384
/* Functions lowered per input, and the optimization level: bound the time
 * one input may take (1 s under libFuzzer on a loaded machine). -O1 runs the
 * same lowering and verifier as -O3 and a shorter pass pipeline. */
#define FUZZ_MAX_LOWER 2
#define FUZZ_OPT_LEVEL 1

static jit_ctx *ctx;

static int parses(const uint8_t *data, size_t size)
{
    Arena a;
    arena_init(&a);
    Diags d;
    diag_init(&d, &a, "fuzz.py", (const char *)data);
    Module *m = parse_module(&a, &d, "fuzz.py", (const char *)data, size);
    int ok = m && d.count == 0;
    arena_free(&a);
    return ok;
}

/* Lowers fn with its declared signature, else with every parameter int64,
 * else float64[:]; returns whether one of them compiled. */
static int lower_one(jit_fn *fn)
{
    jit_error err = {0};
    char *ir = jit_ir(fn, NULL, 1, &err);
    jit_error_clear(&err);
    int np = jit_fn_nparams(fn);
    for (int k = 0; !ir && k < 2 && np > 0 && np <= 8; k++) {
        char sig[128] = "(";
        for (int i = 0; i < np; i++)
            strcat(strcat(sig, i ? ", " : ""), k ? "f8[:]" : "i8");
        strcat(sig, ")");
        ir = jit_ir(fn, sig, 1, &err);
        jit_error_clear(&err);
    }
    jit_free(ir);
    return ir != NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_SRC)
        size = FUZZ_MAX_SRC;
    char *src = malloc(size + 1);
    if (!src)
        return 0;
    memcpy(src, data, size);
    src[size] = 0;
    jit_error err = {0};
    if (!ctx) {
        jit_options o = jit_options_default();
        o.cache = 0;
        o.opt_level = FUZZ_OPT_LEVEL;
        ctx = jit_ctx_new(&o, &err);
        if (!ctx)
            abort();   /* the harness itself is broken */
    }
    if (parses((const uint8_t *)src, size) && !memchr(src, 0, size)) {
        jit_module *m = jit_load_string(ctx, "fuzz.py", src, &err);
        jit_error_clear(&err);
        if (m) {
            jit_check(m, &err);
            jit_error_clear(&err);
            for (int i = 0, lowered = 0; i < m->nfns && lowered < FUZZ_MAX_LOWER; i++)
                lowered += lower_one(&m->fns[i]);
            jit_module_free(m);
        }
    }
    free(src);
    return 0;
}
