/* test_interop.c - C interop: @cfunc pointers called from C (qsort, an
 * integrator), carray over C memory, errors raised inside a cfunc, host
 * functions registered with jit_extern or declared with ExternalFunction,
 * and every way their binding can fail at load time. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../include/jit.h"

static const char *CFUNCS =
    "import numpy as np\n"
    "from numba import cfunc, carray, farray, types\n"
    "from numba.types import CPointer, float64, intc, voidptr\n"
    "\n"
    "@cfunc('float64(float64, float64)')\n"
    "def add(x, y):\n"
    "    return x + y\n"
    "\n"
    "@cfunc(intc(CPointer(float64), CPointer(float64)))\n"
    "def cmp(a, b):\n"
    "    if a[0] < b[0]:\n"
    "        return -1\n"
    "    return 1 if a[0] > b[0] else 0\n"
    "\n"
    "@cfunc(types.float64(types.CPointer(types.float64), types.intc))\n"
    "def total(p, n):\n"
    "    a = carray(p, n)\n"
    "    return a.sum()\n"
    "\n"
    "@cfunc('void(voidptr, int64, int64)')\n"
    "def fill(p, m, n):\n"
    "    a = carray(p, (m, n), np.float64)\n"
    "    for i in range(m):\n"
    "        for j in range(n):\n"
    "            a[i, j] = i * 10 + j\n"
    "\n"
    "@cfunc('float64(CPointer(float64), int64, int64, int64)')\n"
    "def fget(p, m, n, k):\n"
    "    a = farray(p, (m, n))\n"
    "    return a[k % m, k // m]\n"
    "\n"
    "@cfunc('intc(float64)')\n"
    "def trunc2(x):\n"
    "    return x * 2\n"
    "\n"
    "@cfunc('float64(int64)')\n"
    "def bad(i):\n"
    "    a = np.zeros(2)\n"
    "    return a[i]\n"
    "\n"
    "def helper(x):\n"
    "    return x\n";

static jit_ctx *ctx;

static void setup(void)
{
    jit_error err = {0};
    ctx = jit_ctx_new(NULL, &err);
    ck_assert_msg(ctx != NULL, "%s", err.message);
}

static void teardown(void) { jit_ctx_free(ctx); }

static jit_module *load(const char *src, jit_error *err)
{
    return jit_load_string(ctx, "interop.py", src, err);
}

START_TEST(cfunc_scalars)
{
    jit_error err = {0};
    jit_module *m = load(CFUNCS, &err);
    ck_assert_msg(m != NULL, "%s", err.report ? err.report : err.message);
    double (*add)(double, double) = (double (*)(double, double))jit_cfunc(m, "add", &err);
    ck_assert_ptr_nonnull(add);
    ck_assert(add(1.5, 2.25) == 3.75);
    int (*t2)(double) = (int (*)(double))jit_cfunc(m, "trunc2", &err);
    ck_assert_int_eq(t2(1.6), 3);   /* the declared intc: converted as Numba does */
    ck_assert_int_eq(t2(-1.6), -3);
    jit_module_free(m);
    /* the code outlives the module */
    ck_assert(add(2, 3) == 5);
}
END_TEST

START_TEST(cfunc_qsort)
{
    jit_error err = {0};
    jit_module *m = load(CFUNCS, &err);
    ck_assert_ptr_nonnull(m);
    int (*cmp)(const void *, const void *) = (int (*)(const void *, const void *))jit_cfunc(m, "cmp", &err);
    ck_assert_ptr_nonnull(cmp);
    double v[] = {3, 1, 2, -5, 4, 2};
    qsort(v, 6, sizeof *v, cmp);
    double want[] = {-5, 1, 2, 2, 3, 4};
    for (int i = 0; i < 6; i++)
        ck_assert(v[i] == want[i]);
    jit_module_free(m);
}
END_TEST

START_TEST(cfunc_carray)
{
    jit_error err = {0};
    jit_module *m = load(CFUNCS, &err);
    ck_assert_ptr_nonnull(m);
    double (*total)(double *, int) = (double (*)(double *, int))jit_cfunc(m, "total", &err);
    double v[6] = {1, 2, 3, 4, 5, 6};
    ck_assert(total(v, 6) == 21);
    ck_assert(total(v, 0) == 0);
    void (*fill)(void *, int64_t, int64_t) = (void (*)(void *, int64_t, int64_t))jit_cfunc(m, "fill", &err);
    fill(v, 2, 3);
    double want[] = {0, 1, 2, 10, 11, 12};
    for (int i = 0; i < 6; i++)
        ck_assert(v[i] == want[i]);
    double (*fget)(double *, int64_t, int64_t, int64_t) =
        (double (*)(double *, int64_t, int64_t, int64_t))jit_cfunc(m, "fget", &err);
    ck_assert(fget(v, 2, 3, 4) == 11);
    jit_module_free(m);
}
END_TEST

START_TEST(cfunc_raise_returns_zero)
{
    jit_error err = {0};
    jit_module *m = load(CFUNCS, &err);
    ck_assert_ptr_nonnull(m);
    double (*bad)(int64_t) = (double (*)(int64_t))jit_cfunc(m, "bad", &err);
    jit_error e = {0};
    ck_assert_int_eq(jit_last_error(&e), 0);
    ck_assert(bad(1) == 0);
    ck_assert_int_eq(jit_last_error(&e), 0);   /* in bounds: no error */
    ck_assert(bad(5) == 0);
    ck_assert_int_eq(jit_last_error(&e), JIT_ERR_INDEX);
    ck_assert_int_eq(e.line, 39);
    ck_assert_str_eq(e.message, "index 5 is out of bounds for axis 0 with size 2");
    ck_assert_int_eq(jit_last_error(&e), 0);   /* taken once */
    jit_module_free(m);
}
END_TEST

START_TEST(cfunc_lookup_errors)
{
    jit_error err = {0};
    jit_module *m = load(CFUNCS, &err);
    ck_assert_ptr_nonnull(m);
    ck_assert_ptr_null(jit_cfunc(m, "helper", &err));
    ck_assert_int_eq(err.kind, JIT_ERR_TYPE);
    ck_assert_ptr_nonnull(strstr(err.message, "not a @cfunc"));
    jit_error_clear(&err);
    ck_assert_ptr_null(jit_cfunc(m, "nosuch", &err));
    ck_assert_int_eq(err.kind, JIT_ERR_NAME);
    jit_error_clear(&err);
    ck_assert_ptr_null(jit_cfunc(NULL, "add", &err));
    jit_error_clear(&err);
    jit_module_free(m);
}
END_TEST

START_TEST(cfunc_bad_signatures)
{
    static const struct { const char *src; int kind; const char *msg; } cases[] = {
        {"from numba import cfunc\n@cfunc('f8(f8[:])')\ndef f(a):\n    return a[0]\n", JIT_ERR_TYPE,
         "a C function takes numbers and C pointers"},
        {"from numba import cfunc\n@cfunc\ndef f(a):\n    return a\n", JIT_ERR_TYPE, "@cfunc needs a signature"},
        {"from numba import cfunc\n@cfunc('f8(f8, f8)')\ndef f(a):\n    return a\n", JIT_ERR_TYPE,
         "signature has 2 arguments but 'f' takes 1"},
        {"from numba import cfunc\n@cfunc('f8(CPointer(f8[:]))')\ndef f(a):\n    return 1.0\n", JIT_ERR_TYPE,
         "bad signature"},
        {"from numba import cfunc, carray\n@cfunc('f8(voidptr)')\ndef f(p):\n    return carray(p, 3)[0]\n",
         JIT_ERR_TYPE, "carray() of a voidptr needs the element type"},
        {"from numba import cfunc\n@cfunc('f8(f8)')\ndef f(a):\n    return (a, a)\n", JIT_ERR_TYPE,
         "returns UniTuple(float64 x 2) but its @cfunc signature declares float64"},
        {"from numba import cfunc\n@cfunc('f8(f8)')\ndef f(a):\n    return b\n", JIT_ERR_NAME,
         "name 'b' is not defined"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        jit_error err = {0};
        jit_module *m = load(cases[i].src, &err);
        ck_assert_msg(m == NULL, "case %zu loaded", i);
        ck_assert_msg((int)err.kind == cases[i].kind, "case %zu: kind %d: %s", i, err.kind, err.message);
        ck_assert_msg(strstr(err.message, cases[i].msg), "case %zu: %s", i, err.message);
        ck_assert_int_gt(err.line, 0);
        jit_error_clear(&err);
    }
}
END_TEST

/* ---- host functions ---- */

static int64_t calls;
static double twice(double x) { calls++; return 2 * x; }
static double thrice(double x) { return 3 * x; }
static void host_fill(double *p, int64_t n) { for (int64_t i = 0; i < n; i++) p[i] = (double)i * i; }
static int8_t is_odd(int64_t v) { return v & 1; }

START_TEST(extern_registered)
{
    jit_error err = {0};
    ck_assert_int_eq(jit_extern(ctx, "twice", (void *)twice, "f8(f8)", &err), 0);
    ck_assert_int_eq(jit_extern(ctx, "twice", (void *)twice, "float64(float64)", &err), 0);   /* same again */
    ck_assert_int_eq(jit_extern(ctx, "host_fill", (void *)host_fill, "void(CPointer(f8), i8)", &err), 0);
    ck_assert_int_eq(jit_extern(ctx, "is_odd", (void *)is_odd, "b1(i8)", &err), 0);
    const char *src =
        "from numba import njit, cfunc, types\n"
        "from numba.types import float64\n"
        "twice = types.ExternalFunction('twice', float64(float64))\n"
        "\n"
        "@njit\n"
        "def run(n):\n"
        "    s = 0.0\n"
        "    for i in range(n):\n"
        "        s += twice(i)\n"
        "        if is_odd(i):\n"
        "            s += 0.5\n"
        "    return s\n"
        "\n"
        "@cfunc('void(CPointer(float64), int64)')\n"
        "def fill(p, n):\n"
        "    host_fill(p, n)\n"
        "    p[0] = twice(p[n - 1])\n";
    jit_module *m = load(src, &err);
    ck_assert_msg(m != NULL, "%s", err.report ? err.report : err.message);
    jit_fn *run = jit_get(m, "run", &err);
    jit_value a = jit_int(5), r;
    calls = 0;
    ck_assert_int_eq(jit_call(run, &a, 1, &r, &err), 0);
    ck_assert(r.f == 2 * (0 + 1 + 2 + 3 + 4) + 1.0);
    ck_assert_int_eq(calls, 5);
    /* direct calls: the IR calls the host symbol itself */
    char *ir = jit_ir(run, "f8(i8)", 0, &err);
    ck_assert_ptr_nonnull(ir);
    ck_assert_ptr_nonnull(strstr(ir, "call double @jitx.twice(double"));
    jit_free(ir);
    double v[4];
    void (*fill)(double *, int64_t) = (void (*)(double *, int64_t))jit_cfunc(m, "fill", &err);
    fill(v, 4);
    ck_assert(v[0] == 18 && v[1] == 1 && v[2] == 4 && v[3] == 9);
    jit_module_free(m);
}
END_TEST

START_TEST(extern_mismatch)
{
    jit_error err = {0};
    ck_assert_int_eq(jit_extern(ctx, "thrice", (void *)thrice, "f8(f8)", &err), 0);
    const char *src =
        "from numba import njit, types\n"
        "from numba.types import float64, int64\n"
        "\n"
        "thrice = types.ExternalFunction('thrice', float64(int64))\n";
    ck_assert_ptr_null(load(src, &err));
    ck_assert_int_eq(err.kind, JIT_ERR_TYPE);
    ck_assert_int_eq(err.line, 4);
    ck_assert_int_eq(err.col, 10);
    ck_assert_str_eq(err.message, "'thrice' is declared here as float64(int64) but the host registered it as "
                                  "float64(float64)");
    jit_error_clear(&err);
}
END_TEST

START_TEST(extern_unknown)
{
    jit_error err = {0};
    const char *src =
        "from numba import types\n"
        "from numba.types import float64\n"
        "f = types.ExternalFunction('no_such_symbol_anywhere', float64(float64))\n";
    ck_assert_ptr_null(load(src, &err));
    ck_assert_int_eq(err.kind, JIT_ERR_NAME);
    ck_assert_int_eq(err.line, 3);
    ck_assert_ptr_nonnull(strstr(err.message, "unknown host function 'no_such_symbol_anywhere'"));
    jit_error_clear(&err);
    /* a process symbol (libm's cos) resolves without registration */
    const char *ok =
        "from numba import njit, types\n"
        "from numba.types import float64\n"
        "c = types.ExternalFunction('cos', float64(float64))\n"
        "@njit\n"
        "def f(x):\n"
        "    return c(x)\n";
    jit_module *m = load(ok, &err);
    ck_assert_ptr_nonnull(m);
    jit_value a = jit_float(0), r;
    ck_assert_int_eq(jit_call(jit_get(m, "f", &err), &a, 1, &r, &err), 0);
    ck_assert(r.f == 1.0);
    /* another module may declare the same symbol its own way: only a host
     * registration fixes a signature */
    const char *other =
        "from numba import types\n"
        "from numba.types import float64, int64\n"
        "c = types.ExternalFunction('cos', float64(int64))\n";
    jit_module *m2 = load(other, &err);
    ck_assert_msg(m2 != NULL, "%s", err.message);
    jit_module_free(m2);
    jit_module_free(m);
}
END_TEST

START_TEST(extern_misuse)
{
    jit_error err = {0};
    ck_assert_int_eq(jit_extern(ctx, "f", (void *)twice, "f8[:](f8)", &err), -1);
    ck_assert_int_eq(err.kind, JIT_ERR_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(err.message, "numbers and C pointers"));
    jit_error_clear(&err);
    ck_assert_int_eq(jit_extern(ctx, "f", (void *)twice, "f8(f8", &err), -1);
    ck_assert_ptr_nonnull(strstr(err.message, "bad signature"));
    jit_error_clear(&err);
    ck_assert_int_eq(jit_extern(ctx, "f", (void *)twice, "(f8)", &err), -1);
    jit_error_clear(&err);
    ck_assert_int_eq(jit_extern(ctx, "not a name", (void *)twice, "f8(f8)", &err), -1);
    jit_error_clear(&err);
    ck_assert_int_eq(jit_extern(ctx, "g", NULL, "f8(f8)", &err), -1);
    jit_error_clear(&err);
    ck_assert_int_eq(jit_extern(ctx, "g", (void *)twice, "f8(f8)", &err), 0);
    ck_assert_int_eq(jit_extern(ctx, "g", (void *)thrice, "f8(f8)", &err), -1);
    ck_assert_ptr_nonnull(strstr(err.message, "already registered"));
    jit_error_clear(&err);
    ck_assert_int_eq(jit_load_library(ctx, "/nonexistent/libnothing.so", &err), -1);
    ck_assert_int_eq(err.kind, JIT_ERR_IO);
    jit_error_clear(&err);
    /* a call with the wrong arguments is a type error at the call */
    const char *src =
        "from numba import njit\n"
        "@njit\n"
        "def f(x):\n"
        "    return g(x, 1)\n";
    jit_module *m = load(src, &err);
    ck_assert_ptr_nonnull(m);
    jit_value a = jit_float(1), r;
    ck_assert_int_eq(jit_call(jit_get(m, "f", &err), &a, 1, &r, &err), -1);
    ck_assert_int_eq(err.line, 4);
    ck_assert_ptr_nonnull(strstr(err.message, "g() takes 1 argument (2 given)"));
    jit_error_clear(&err);
    jit_module_free(m);
}
END_TEST

Suite *suite_interop(void)
{
    Suite *s = suite_create("interop");
    TCase *t = tcase_create("interop");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 60);
    tcase_add_test(t, cfunc_scalars);
    tcase_add_test(t, cfunc_qsort);
    tcase_add_test(t, cfunc_carray);
    tcase_add_test(t, cfunc_raise_returns_zero);
    tcase_add_test(t, cfunc_lookup_errors);
    tcase_add_test(t, cfunc_bad_signatures);
    tcase_add_test(t, extern_registered);
    tcase_add_test(t, extern_mismatch);
    tcase_add_test(t, extern_unknown);
    tcase_add_test(t, extern_misuse);
    suite_add_tcase(s, t);
    return s;
}
