/* test_lower.c - what lowering and the optimizer make of kernels, read from
 * the IR, assembly and PTX text: float32 stays float32, fast-math flags,
 * bounds checks present or removed, loop versioning, the loop interchange,
 * vector math, integer narrowing, and the GPU entry. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../include/jit.h"

static const char *SRC =
    "import math\n"
    "import numpy as np\n"
    "from numba import njit, cuda\n"
    "\n"
    "@njit\n"
    "def f32(a, b):\n"
    "    return a * b + np.float32(1.5)\n"
    "\n"
    "@njit(fastmath=True)\n"
    "def fsum(v):\n"
    "    s = 0.0\n"
    "    for i in range(v.shape[0]):\n"
    "        s += v[i]\n"
    "    return s\n"
    "\n"
    "@njit\n"
    "def get(v, i):\n"
    "    return v[i]\n"
    "\n"
    "@njit(boundscheck=False)\n"
    "def get_unchecked(v, i):\n"
    "    return v[i]\n"
    "\n"
    "@njit\n"
    "def scale(v, out):\n"
    "    for i in range(v.shape[0]):\n"
    "        out[i] = v[i] * 2.0\n"
    "\n"
    "@njit\n"
    "def mm(a, b, c):\n"
    "    for j in range(c.shape[1]):\n"
    "        acc = 0.0\n"
    "        for k in range(a.shape[1]):\n"
    "            acc += a[0, k] * b[k, j]\n"
    "        c[0, j] = acc\n"
    "\n"
    "@njit(fastmath=True)\n"
    "def vexp(x, y):\n"
    "    for i in range(x.shape[0]):\n"
    "        y[i] = math.exp(x[i])\n"
    "\n"
    "@njit\n"
    "def sexp(x, y):\n"
    "    for i in range(x.shape[0]):\n"
    "        y[i] = math.exp(x[i])\n"
    "\n"
    "@njit(fastmath=True)\n"
    "def npsum_fast(a):\n"
    "    return np.sum(a)\n"
    "\n"
    "@njit\n"
    "def npsum(a):\n"
    "    return np.sum(a)\n"
    "\n"
    "@njit\n"
    "def rule(g, out):\n"
    "    for j in range(1, g.shape[0] - 1):\n"
    "        s = g[j - 1] + g[j] + g[j + 1] + g[j - 1]\n"
    "        if s == 3 or (s == 2 and g[j] == 1):\n"
    "            out[j] = 1\n"
    "        else:\n"
    "            out[j] = 0\n"
    "\n"
    "@njit\n"
    "def sum3(a):\n"
    "    return a[0] + a[1] + a[2]\n"
    "\n"
    "@cuda.jit\n"
    "def kadd(a, b, out):\n"
    "    i = cuda.grid(1)\n"
    "    if i < out.size:\n"
    "        out[i] = a[i] + b[i]\n";

static jit_ctx *ctx;
static jit_module *mod;

static void setup(void)
{
    jit_error err = {0};
    ctx = jit_ctx_new(NULL, &err);
    ck_assert_ptr_nonnull(ctx);
    mod = jit_load_string(ctx, "lower_test.py", SRC, &err);
    ck_assert_msg(mod != NULL, "%s", err.message);
}

static void teardown(void)
{
    jit_module_free(mod);
    jit_ctx_free(ctx);
}

static char *ir(const char *fn, const char *sig, int opt)
{
    jit_error err = {0};
    char *s = jit_ir(jit_get(mod, fn, &err), sig, opt, &err);
    ck_assert_msg(s != NULL, "%s: %s", fn, err.message);
    return s;
}

START_TEST(test_float32_stays_float32)
{
    char *s = ir("f32", "f4(f4, f4)", 0);
    ck_assert_ptr_nonnull(strstr(s, "fmul float"));
    ck_assert_ptr_nonnull(strstr(s, "fadd float"));
    ck_assert_ptr_null(strstr(s, "fpext"));
    jit_free(s);
}
END_TEST

START_TEST(test_fastmath_flags_and_vector_reduction)
{
    char *s = ir("fsum", "f8(f8[::1])", 1);
    ck_assert_ptr_nonnull(strstr(s, "fadd fast"));
    ck_assert_ptr_nonnull(strstr(s, "<8 x double>"));   /* reassociation lets the reduction vectorize */
    jit_free(s);
}
END_TEST

START_TEST(test_bounds_checks)
{
    char *s = ir("get", "f8(f8[::1], i8)", 0);
    ck_assert_ptr_nonnull(strstr(s, "rt_raise_index"));
    jit_free(s);
    s = ir("get_unchecked", "f8(f8[::1], i8)", 0);
    ck_assert_ptr_null(strstr(s, "rt_raise_index"));
    jit_free(s);
}
END_TEST

START_TEST(test_loop_versioning_vectorizes)
{
    char *s = ir("scale", "void(f8[::1], f8[::1])", 0);
    ck_assert_ptr_nonnull(strstr(s, "bce.fast"));
    jit_free(s);
    s = ir("scale", "void(f8[::1], f8[::1])", 1);
    ck_assert_ptr_nonnull(strstr(s, "x double>"));       /* the unchecked copy is vectorized */
    ck_assert_ptr_nonnull(strstr(s, "rt_raise_index"));  /* the checked copy remains */
    jit_free(s);
}
END_TEST

START_TEST(test_interchange)
{
    char *s = ir("mm", "void(f8[:, ::1], f8[:, ::1], f8[:, ::1])", 0);
    ck_assert_ptr_nonnull(strstr(s, "xchg"));
    jit_free(s);
    s = ir("mm", "void(f8[:, ::1], f8[:, ::1], f8[:, ::1])", 1);
    ck_assert_ptr_nonnull(strstr(s, "x double>"));
    jit_free(s);
}
END_TEST

START_TEST(test_vector_math_only_with_afn)
{
    char *s = ir("vexp", "void(f4[::1], f4[::1])", 1);
    ck_assert_ptr_nonnull(strstr(s, "_ZGV"));
    jit_free(s);
    s = ir("sexp", "void(f4[::1], f4[::1])", 1);
    ck_assert_ptr_null(strstr(s, "_ZGV"));
    ck_assert_ptr_nonnull(strstr(s, "@expf("));
    jit_free(s);
}
END_TEST

START_TEST(test_ptx_entry)
{
    jit_error err = {0};
    jit_fn *k = jit_get(mod, "kadd", &err);
    char *p = jit_ptx(k, "void(f4[::1], f4[::1], f4[::1])", "sm_90", &err);
    ck_assert_msg(p != NULL, "%s", err.message);
    ck_assert_ptr_nonnull(strstr(p, ".entry kadd"));
    ck_assert_ptr_nonnull(strstr(p, ".target sm_90"));
    ck_assert_ptr_nonnull(strstr(p, "%tid.x"));
    ck_assert_ptr_nonnull(strstr(p, "ld.global.f32"));
    ck_assert_ptr_nonnull(strstr(p, "add.rn.f32"));
    jit_free(p);
    /* a kernel is not callable on the CPU, and a CPU function has no PTX */
    jit_value args[1] = {jit_int(1)}, r;
    ck_assert_int_eq(jit_call(k, args, 1, &r, &err), -1);
    ck_assert_ptr_null(jit_ptx(jit_get(mod, "f32", &err), "f4(f4, f4)", NULL, &err));
    ck_assert_int_eq(err.kind, JIT_ERR_CUDA);
}
END_TEST

START_TEST(test_prelude_follows_callers_fastmath)
{
    char *s = ir("npsum_fast", "f8(f8[::1])", 1);
    ck_assert_ptr_nonnull(strstr(s, "x double>"));   /* np.sum's loop vectorizes under fastmath */
    jit_free(s);
    s = ir("npsum", "f8(f8[::1])", 1);
    ck_assert_ptr_null(strstr(s, "x double>"));      /* strict order otherwise */
    jit_free(s);
}
END_TEST

START_TEST(test_narrow_integer_sums)
{
    /* uint8 + uint8 is uint64 in Numba's typing; the sum of four fits in
     * 16 bits, so lowering adds in i16 and compares in i16 */
    char *s = ir("rule", "void(u1[::1], u1[::1])", 0);
    ck_assert_ptr_nonnull(strstr(s, "zext i8"));
    ck_assert_ptr_nonnull(strstr(s, "add i16"));
    ck_assert_ptr_nonnull(strstr(s, "icmp eq i16"));
    ck_assert_ptr_null(strstr(s, "uitofp"));           /* no uint64 compare through double */
    jit_free(s);
    /* and the vectorized loop keeps 16-bit lanes */
    s = ir("rule", "void(u1[::1], u1[::1])", 1);
    ck_assert_ptr_nonnull(strstr(s, " x i16>"));
    ck_assert_ptr_null(strstr(s, " x i64>"));
    jit_free(s);
    /* int16 leaves: the sum of three fits in i32; int32 leaves do not */
    s = ir("sum3", "i8(i2[::1])", 0);
    ck_assert_ptr_nonnull(strstr(s, "add i32"));
    jit_free(s);
    s = ir("sum3", "i8(i4[::1])", 0);
    ck_assert_ptr_null(strstr(s, "add i32"));
    ck_assert_ptr_nonnull(strstr(s, "sext i32"));
    jit_free(s);
}
END_TEST

START_TEST(test_remarks)
{
    jit_error err = {0};
    char *r = jit_remarks(jit_get(mod, "fsum", &err), "f8(f8[::1])", &err);
    ck_assert_msg(r != NULL, "%s", err.message);
    ck_assert_ptr_nonnull(strstr(r, "remark: vectorized loop (vectorization width: "));
    jit_free(r);
}
END_TEST

Suite *suite_lower(void)
{
    Suite *s = suite_create("lower");
    TCase *tc = tcase_create("lower");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_float32_stays_float32);
    tcase_add_test(tc, test_fastmath_flags_and_vector_reduction);
    tcase_add_test(tc, test_bounds_checks);
    tcase_add_test(tc, test_loop_versioning_vectorizes);
    tcase_add_test(tc, test_interchange);
    tcase_add_test(tc, test_vector_math_only_with_afn);
    tcase_add_test(tc, test_ptx_entry);
    tcase_add_test(tc, test_remarks);
    tcase_add_test(tc, test_narrow_integer_sums);
    tcase_add_test(tc, test_prelude_follows_callers_fastmath);
    suite_add_tcase(s, tc);
    return s;
}
