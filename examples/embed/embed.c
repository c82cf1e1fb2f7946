/* embed.c - a host application calling kernels from kernels.py through the
 * libjit C API, both ways: a dynamic call with tagged values (compiled on
 * first use) and a static compile to a plain C function pointer. Exits 0
 * only if every result is right. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <jit.h>

#define CHECK(c, ...) do { if (!(c)) { fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); return 1; } } while (0)

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "examples/embed/kernels.py";
    jit_error err = {0};
    jit_ctx *ctx = jit_ctx_new(NULL, &err);
    CHECK(ctx, "context: %s", err.message);
    jit_module *m = jit_load_file(ctx, path, &err);
    CHECK(m, "load: %s", err.message);

    double xs[1000], ys[1000];
    for (int i = 0; i < 1000; i++) {
        xs[i] = i * 0.5;
        ys[i] = 2.0;
    }
    int64_t n = 1000;
    jit_array a = jit_array_wrap(xs, JIT_FLOAT64, 1, &n, NULL);
    jit_array b = jit_array_wrap(ys, JIT_FLOAT64, 1, &n, NULL);

    /* dynamic: jit_call with tagged values */
    jit_fn *dot = jit_get(m, "dot", &err);
    CHECK(dot, "get: %s", err.message);
    jit_value args[2] = {jit_arr(&a), jit_arr(&b)}, r;
    CHECK(jit_call(dot, args, 2, &r, &err) == 0, "call: %s", err.message);
    CHECK(r.tag == JIT_V_FLOAT && fabs(r.f - 499500.0) < 1e-9, "dot = %g", r.f);
    printf("dynamic dot: %.1f\n", r.f);

    /* static: a plain C function pointer for the hot path */
    double (*fdot)(const jit_array *, const jit_array *) =
        (double (*)(const jit_array *, const jit_array *))jit_compile(dot, "f8(f8[::1], f8[::1])", &err);
    CHECK(fdot, "compile: %s", err.message);
    double s = 0;
    for (int k = 0; k < 100; k++)
        s += fdot(&a, &b);
    CHECK(fabs(s - 100 * 499500.0) < 1e-6, "static dot = %g", s);
    printf("static dot x100: %.1f\n", s);

    /* an array returned by a kernel belongs to the host until released */
    jit_fn *scale = jit_get(m, "scale", &err);
    jit_value sargs[2] = {jit_arr(&a), jit_float(3.0)};
    CHECK(jit_call(scale, sargs, 2, &r, &err) == 0, "scale: %s", err.message);
    CHECK(r.tag == JIT_V_ARRAY && r.arr->shape[0] == 1000 && ((double *)r.arr->data)[10] == 15.0, "scale result");
    printf("scale: shape %lld, out[10] = %.1f\n", (long long)r.arr->shape[0], ((double *)r.arr->data)[10]);
    jit_value_release(&r);

    /* exceptions come back as errors with kind, message, file and line */
    jit_fn *checked = jit_get(m, "checked", &err);
    jit_value cargs[2] = {jit_arr(&a), jit_int(5000)};
    CHECK(jit_call(checked, cargs, 2, &r, &err) == -1 && err.kind == JIT_ERR_INDEX, "no IndexError");
    printf("error: %s:%d: %s: %s\n", err.file, err.line, jit_error_kind_name(err.kind), err.message);
    jit_error_clear(&err);

    /* wrong argument count is an error, not a crash */
    CHECK(jit_call(checked, cargs, 1, &r, &err) == -1, "bad argc accepted");
    jit_error_clear(&err);

    jit_module_free(m);
    jit_ctx_free(ctx);
    return 0;
}
