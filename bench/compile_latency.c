/* compile_latency.c - cold compile cost of the first call and the cost of
 * later calls, for small kernels of the examples (run time is negligible
 * with these inputs, so the first call is almost all compile).
 *
 *   build/bench/compile_latency [REPEATS]
 *
 * Each kernel is compiled in a fresh context (no warm LLVM state besides
 * the process-wide target initialization, which the first context pays). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jit.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

typedef struct Case {
    const char *file, *func;
    int nargs;
    const char *kinds;   /* per argument: a = small float64 array, i = int, f = float */
} Case;

static const Case cases[] = {
    {"examples/mandelbrot.py", "escape", 3, "ffi"},
    {"examples/mandelbrot.py", "total", 2, "ii"},
    {"examples/dtw.py", "series", 3, "iff"},
    {"examples/dtw.py", "dtw", 2, "aa"},
    {"examples/embed/kernels.py", "dot", 2, "aa"},
};

int main(int argc, char **argv)
{
    int reps = argc > 1 ? atoi(argv[1]) : 5;
    double xs[16];
    for (int i = 0; i < 16; i++)
        xs[i] = i * 0.25;
    int64_t n = 16;
    jit_array a = jit_array_wrap(xs, JIT_FLOAT64, 1, &n, NULL);
    jit_error err = {0};
    double t0 = now_ms();
    jit_ctx *warm = jit_ctx_new(NULL, &err);   /* pays LLVM's one-time target set-up */
    double t_init = now_ms() - t0;
    jit_ctx_free(warm);
    printf("LLVM target initialization + first context: %.2f ms\n", t_init);
    printf("%-28s %12s %12s %12s\n", "kernel", "context ms", "1st call ms", "later us");
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const Case *k = &cases[c];
        double best_ctx = 1e9, best_first = 1e9, best_later = 1e9;
        for (int r = 0; r < reps; r++) {
            double a0 = now_ms();
            jit_ctx *ctx = jit_ctx_new(NULL, &err);
            jit_module *m = ctx ? jit_load_file(ctx, k->file, &err) : NULL;
            jit_fn *fn = m ? jit_get(m, k->func, &err) : NULL;
            double a1 = now_ms();
            if (!fn) {
                fprintf(stderr, "%s: %s\n", k->file, err.message);
                return 1;
            }
            jit_value args[4];
            for (int i = 0; i < k->nargs; i++)
                args[i] = k->kinds[i] == 'a' ? jit_arr(&a) : k->kinds[i] == 'i' ? jit_int(8) : jit_float(0.25);
            jit_value ret;
            if (jit_call(fn, args, k->nargs, &ret, &err) < 0) {
                fprintf(stderr, "%s.%s: %s\n", k->file, k->func, err.message);
                return 1;
            }
            double a2 = now_ms();
            jit_value_release(&ret);
            int calls = 1000;
            for (int i = 0; i < calls; i++) {
                jit_call(fn, args, k->nargs, &ret, &err);
                jit_value_release(&ret);
            }
            double a3 = now_ms();
            best_ctx = a1 - a0 < best_ctx ? a1 - a0 : best_ctx;
            best_first = a2 - a1 < best_first ? a2 - a1 : best_first;
            double later = (a3 - a2) / calls * 1e3;
            best_later = later < best_later ? later : best_later;
            jit_module_free(m);
            jit_ctx_free(ctx);
        }
        char name[64];
        snprintf(name, sizeof name, "%s.%s", strrchr(k->file, '/') + 1, k->func);
        printf("%-28s %12.2f %12.2f %12.2f\n", name, best_ctx, best_first, best_later);
    }
    return 0;
}
