/* test_stencil.c - @stencil through the C API: a stencil called directly
 * with host arrays, its loop nest vectorized like hand-written loops, the
 * parallel twin chosen from parallel code, and load-time errors. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../include/jit.h"

static const char *SRC =
    "import numpy as np\n"
    "from numba import njit, stencil\n"
    "\n"
    "@stencil\n"
    "def life(g):\n"
    "    s = g[-1, -1] + g[-1, 0] + g[-1, 1] + g[0, -1] + g[0, 1] + g[1, -1] + g[1, 0] + g[1, 1]\n"
    "    return np.uint8(1) if s == 3 or (s == 2 and g[0, 0] == 1) else np.uint8(0)\n"
    "\n"
    "@stencil(cval=9.0)\n"
    "def diff(a, b):\n"
    "    return a[1] - b[-1]\n"
    "\n"
    "@njit(parallel=True)\n"
    "def par(g):\n"
    "    return life(g)\n"
    "\n"
    "@njit\n"
    "def ser(g):\n"
    "    return life(g)\n";

static jit_ctx *ctx;
static jit_module *mod;

static void setup(void)
{
    jit_error err = {0};
    ctx = jit_ctx_new(NULL, &err);
    ck_assert_ptr_nonnull(ctx);
    mod = jit_load_string(ctx, "stencil_test.py", SRC, &err);
    ck_assert_msg(mod != NULL, "%s", err.report ? err.report : err.message);
}

static void teardown(void)
{
    jit_module_free(mod);
    jit_ctx_free(ctx);
}

START_TEST(direct_call)
{
    jit_error err = {0};
    double a[5] = {1, 2, 4, 8, 16}, b[5] = {0, 1, 2, 3, 4};
    int64_t n = 5;
    jit_array x = jit_array_wrap(a, JIT_FLOAT64, 1, &n, NULL), y = jit_array_wrap(b, JIT_FLOAT64, 1, &n, NULL);
    jit_value args[2] = {jit_arr(&x), jit_arr(&y)}, r;
    ck_assert_int_eq(jit_call(jit_get(mod, "diff", &err), args, 2, &r, &err), 0);
    ck_assert_int_eq(r.tag, JIT_V_ARRAY);
    ck_assert_int_eq(r.arr->dtype, JIT_FLOAT64);
    double *o = r.arr->data;
    /* out[i] = a[i + 1] - b[i - 1] for i in 1..3; the border is cval */
    ck_assert(o[0] == 9 && o[1] == 4 && o[2] == 7 && o[3] == 14 && o[4] == 9);
    jit_value_release(&r);
    /* inputs of different shapes */
    int64_t m = 4;
    jit_array z = jit_array_wrap(b, JIT_FLOAT64, 1, &m, NULL);
    args[1] = jit_arr(&z);
    ck_assert_int_eq(jit_call(jit_get(mod, "diff", &err), args, 2, &r, &err), -1);
    ck_assert_int_eq(err.kind, JIT_ERR_VALUE);
    ck_assert_str_eq(err.message, "stencil 'diff': array 'b' does not have the shape of 'a'");
    jit_error_clear(&err);
}
END_TEST

START_TEST(life_vectorizes)
{
    jit_error err = {0};
    /* a 3 x 3 blinker turns */
    uint8_t g[25] = {0};
    g[11] = g[12] = g[13] = 1;
    int64_t sh[2] = {5, 5};
    jit_array x = jit_array_wrap(g, JIT_UINT8, 2, sh, NULL);
    jit_value a = jit_arr(&x), out;
    ck_assert_int_eq(jit_call(jit_get(mod, "ser", &err), &a, 1, &out, &err), 0);
    ck_assert_int_eq(out.arr->dtype, JIT_UINT8);
    uint8_t *o = out.arr->data;
    for (int i = 0; i < 25; i++)
        ck_assert_int_eq(o[i], i == 7 || i == 12 || i == 17);
    jit_value_release(&out);
    /* last: remarks switch LLVM's remark output on for the process */
    char *r = jit_remarks(jit_get(mod, "life", &err), "(u1[:, ::1])", &err);
    ck_assert_msg(r != NULL, "%s", err.message);
    ck_assert_msg(strstr(r, "remark: vectorized loop") != NULL, "%s", r);
    jit_free(r);
}
END_TEST

START_TEST(parallel_twin)
{
    jit_error err = {0};
    char *ir = jit_ir(jit_get(mod, "par", &err), "(u1[:, ::1])", 0, &err);
    ck_assert_ptr_nonnull(ir);
    ck_assert_ptr_nonnull(strstr(ir, "life$par"));
    jit_free(ir);
    ir = jit_ir(jit_get(mod, "ser", &err), "(u1[:, ::1])", 0, &err);
    ck_assert_ptr_nonnull(ir);
    ck_assert_ptr_null(strstr(ir, "life$par"));
    jit_free(ir);
}
END_TEST

START_TEST(load_errors)
{
    static const struct { const char *body; int line, col; const char *msg; } cases[] = {
        {"@stencil\ndef k(a, n):\n    return a[n]\n", 4, 14, "relative index must be a constant integer"},
        {"@stencil(neighborhood=((-1, 1),))\ndef k(a):\n    return a[2]\n", 4, 14,
         "relative index 2 is outside the neighborhood (-1, 1) of dimension 0"},
        {"@stencil(neighborhood=((1, -1),))\ndef k(a):\n    return a[0]\n", 2, 24, "low end above its high end"},
        {"@stencil\ndef k(a):\n    return a[1:2]\n", 4, 14, "slices are not supported"},
        {"@stencil\ndef k(a):\n    a[0] = 1\n    return 1\n", 4, 5, "cannot write into its input 'a'"},
        {"@stencil\ndef k(a):\n    return 1\n", 3, 1, "indexes none of its parameters relatively"},
        {"@stencil('wrap')\ndef k(a):\n    return a[0]\n", 2, 10, "the only stencil mode is 'constant'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char src[512];
        snprintf(src, sizeof src, "from numba import stencil\n%s", cases[i].body);
        jit_error err = {0};
        jit_module *m = jit_load_string(ctx, "bad.py", src, &err);
        ck_assert_msg(m == NULL, "case %zu loaded", i);
        ck_assert_int_eq(err.kind, JIT_ERR_TYPE);
        ck_assert_msg(err.line == cases[i].line && err.col == cases[i].col, "case %zu at %d:%d: %s", i, err.line,
                      err.col, err.message);
        ck_assert_msg(strstr(err.message, cases[i].msg) != NULL, "case %zu: %s", i, err.message);
        jit_error_clear(&err);
    }
}
END_TEST

Suite *suite_stencil(void)
{
    Suite *s = suite_create("stencil");
    TCase *t = tcase_create("stencil");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 60);
    tcase_add_test(t, direct_call);
    tcase_add_test(t, life_vectorizes);
    tcase_add_test(t, parallel_twin);
    tcase_add_test(t, load_errors);
    suite_add_tcase(s, t);
    return s;
}
