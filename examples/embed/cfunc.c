/* cfunc.c - kernels as plain C functions: a @cfunc is the comparator of the
 * C library's qsort and the integrand of a C integration routine, and a
 * kernel calls back into this program through a host function registered
 * with jit_extern (how a kernel does I/O or reports progress). Exits 0 only
 * if every result is right. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <jit.h>

#define CHECK(c, ...) do { if (!(c)) { fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); return 1; } } while (0)

typedef double (*integrand)(double x, void *params);

/* Composite Simpson's rule over [a, b] with n (even) intervals. */
static double simpson(integrand f, void *params, double a, double b, int n)
{
    double h = (b - a) / n, s = f(a, params) + f(b, params);
    for (int i = 1; i < n; i++)
        s += (i % 2 ? 4 : 2) * f(a + i * h, params);
    return s * h / 3;
}

static double c_gauss(double x, void *params) { return exp(-*(double *)params * x * x); }

static int reports;
static void progress(int64_t i, double s)
{
    reports++;
    printf("progress: step %lld, sum %.1f\n", (long long)i, s);
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "examples/embed/cfuncs.py";
    jit_error err = {0};
    jit_ctx *ctx = jit_ctx_new(NULL, &err);
    CHECK(ctx, "context: %s", err.message);
    /* host functions are registered before the modules that call them load */
    CHECK(jit_extern(ctx, "progress", (void *)progress, "void(int64, float64)", &err) == 0, "extern: %s",
          err.message);
    jit_module *m = jit_load_file(ctx, path, &err);
    CHECK(m, "load: %s", err.report ? err.report : err.message);

    /* a @cfunc as the comparator of qsort */
    int (*cmp)(const void *, const void *) = (int (*)(const void *, const void *))jit_cfunc(m, "by_magnitude", &err);
    CHECK(cmp, "cfunc: %s", err.message);
    double v[] = {3.5, -0.25, 2, -7, 1, -1.5};
    qsort(v, sizeof v / sizeof *v, sizeof *v, cmp);
    printf("sorted by magnitude:");
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        printf(" %g", v[i]);
    printf("\n");
    for (size_t i = 1; i < sizeof v / sizeof *v; i++)
        CHECK(fabs(v[i - 1]) <= fabs(v[i]), "qsort order");

    /* a @cfunc as the integrand of a C routine, with a parameter block */
    integrand g = (integrand)jit_cfunc(m, "gauss", &err);
    CHECK(g, "cfunc: %s", err.message);
    double k = 1.0;
    double got = simpson(g, &k, 0, 1, 100), want = simpson(c_gauss, &k, 0, 1, 100);
    printf("integral of exp(-x^2) over [0, 1]: %.12f\n", got);
    CHECK(fabs(got - want) < 1e-14 && fabs(got - 0.746824132812) < 1e-9, "integral %.15f, C gives %.15f", got, want);

    /* a kernel calling back into the host */
    jit_value n = jit_int(1000), r;
    CHECK(jit_call(jit_get(m, "sum_squares", &err), &n, 1, &r, &err) == 0, "call: %s", err.message);
    printf("sum_squares(1000) = %.1f after %d progress reports\n", r.f, reports);
    CHECK(r.f == 332833500.0 && reports == 4, "sum_squares");

    jit_module_free(m);
    jit_ctx_free(ctx);
    return 0;
}
