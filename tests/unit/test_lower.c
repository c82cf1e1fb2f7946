/* test_lower.c - what lowering and the optimizer make of kernels, read from
 * the IR, assembly and PTX text: float32 stays float32, fast-math flags,
 * bounds checks present or removed, loop versioning, the loop interchange,
 * vector math, integer narrowing, and the GPU entry. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../include/jit.h"
#include "../../runtime/rt.h"

static const char *SRC =
    "import math\n"
    "import numpy as np\n"
    "from numba import njit, cuda, prange\n"
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
    "@njit(parallel=True)\n"
    "def plife(g, out):\n"
    "    n = g.shape[0]\n"
    "    m = g.shape[1]\n"
    "    for i in prange(n):\n"
    "        up = (i - 1 + n) % n\n"
    "        dn = (i + 1) % n\n"
    "        for j in range(m):\n"
    "            lf = (j - 1 + m) % m\n"
    "            rt = (j + 1) % m\n"
    "            k = (g[up, lf] + g[up, j] + g[up, rt] + g[i, lf] + g[i, rt] +\n"
    "                 g[dn, lf] + g[dn, j] + g[dn, rt])\n"
    "            out[i, j] = 1 if k == 3 or (g[i, j] == 1 and k == 2) else 0\n"
    "\n"
    "@njit\n"
    "def fresh(n):\n"
    "    a = np.zeros(n)\n"
    "    return a.sum()\n"
    "\n"
    "@njit\n"
    "def fresh2(n):\n"
    "    a = b = np.zeros(n)\n"
    "    for i in range(3):\n"
    "        c = np.ones(n)\n"
    "        a[i % n] += c[0]\n"
    "    return b[0] + a[0]\n"
    "\n"
    "@njit\n"
    "def tmp_index(a, i):\n"
    "    return (a + 1.0)[i] + (a * 2.0)[i]\n"
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

/* The text of the function whose name contains `part` (from "define" to
 * its closing brace), in a copy the caller frees. */
static char *function_text(const char *ir_text, const char *part)
{
    const char *d = ir_text;
    while ((d = strstr(d, "define ")) != NULL) {
        const char *eol = strchr(d, '\n');
        const char *name = strstr(d, part);
        if (name && eol && name < eol)
            break;
        d = eol ? eol : d + 7;
    }
    ck_assert_msg(d != NULL, "no function %s", part);
    const char *end = strstr(d, "\n}\n");
    ck_assert_ptr_nonnull(end);
    return strndup(d, (size_t)(end - d) + 2);
}

/* The instructions of the block named `label`, up to the next blank line. */
static char *block_text(const char *fn_text, const char *label)
{
    char want[64];
    snprintf(want, sizeof want, "\n%s:", label);
    const char *b = strstr(fn_text, want);
    if (!b)
        return NULL;
    const char *end = strstr(b + 1, "\n\n");
    return strndup(b, end ? (size_t)(end - b) : strlen(b));
}

/* An outlined prange body gets the grid's extents at run time; the wrap-
 * around (j - 1 + m) % m, (j + 1) % m still runs without a divide, in
 * loop segments where it is affine, so the row loop vectorizes; and the
 * context is read once, on entry, not in the loops. */
START_TEST(test_prange_body_periodic)
{
    char *s = ir("plife", "void(u1[:, ::1], u1[:, ::1])", 0);
    char *f = function_text(s, ".prange.");
    ck_assert_ptr_nonnull(strstr(f, "seg.body"));
    free(f);
    jit_free(s);

    s = ir("plife", "void(u1[:, ::1], u1[:, ::1])", 1);
    f = function_text(s, ".prange.");
    char *vb = block_text(f, "vector.body");
    ck_assert_msg(vb != NULL, "the row loop of the prange body is not vectorized");
    ck_assert_msg(strstr(vb, "srem") == NULL && strstr(vb, "sdiv") == NULL, "a divide in the vector loop");
    ck_assert_msg(strstr(vb, "rt_raise_index") == NULL, "a bounds check in the vector loop");
    free(vb);
    /* %0 is the context: used in the entry block only */
    const char *rest = strstr(f, "\n\n");
    ck_assert_ptr_nonnull(rest);
    ck_assert_msg(strstr(rest, " %0,") == NULL && strstr(rest, " %0\n") == NULL && strstr(rest, "(ptr %0") == NULL,
                  "the context is read outside the entry block");
    free(f);
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

/* Cheap error paths (compile time): a failed check only raises and jumps to
 * the unwind block, which releases every temporary once; and the C entry
 * wrapper calls the body without inlining it (the optimizer would otherwise
 * simplify the whole body twice). The raise with live temporaries must
 * still release them all. */
START_TEST(test_error_paths_are_short)
{
    char *s = ir("tmp_index", "f8(f8[::1], i8)", 0);
    int nfail = 0;
    for (char *p = strstr(s, "\noob"); p; p = strstr(p + 1, "\noob")) {
        char *end = strstr(p, "br label %unwind");
        ck_assert_ptr_nonnull(end);
        char *next = strstr(p + 1, "\n\n");
        ck_assert_msg(next == NULL || end < next, "an oob block does more than raise and unwind");
        *end = 0;
        ck_assert_msg(strstr(p, "rt_meminfo_decref") == NULL, "an oob block releases temporaries itself");
        *end = 'b';
        nfail++;
    }
    ck_assert_int_ge(nfail, 2);
    ck_assert_ptr_nonnull(strstr(s, "noinline"));   /* the wrapper's call of the body */
    jit_free(s);

    jit_error err = {0};
    double xs[3] = {1, 2, 3};
    int64_t n = 3;
    jit_array a = jit_array_wrap(xs, JIT_FLOAT64, 1, &n, NULL);
    jit_value args[2] = {jit_arr(&a), jit_int(1)}, r;
    RtStats before, after;
    rt_stats(&before);
    ck_assert_int_eq(jit_call(jit_get(mod, "tmp_index", &err), args, 2, &r, &err), 0);
    ck_assert_double_eq(r.f, 7.0);
    args[1] = jit_int(5);
    ck_assert_int_ne(jit_call(jit_get(mod, "tmp_index", &err), args, 2, &r, &err), 0);
    ck_assert_int_eq(err.kind, JIT_ERR_INDEX);
    jit_error_clear(&err);
    rt_stats(&after);
    ck_assert_int_eq(after.mi_allocs - before.mi_allocs, after.mi_frees - before.mi_frees);
    ck_assert_int_ge(after.mi_allocs - before.mi_allocs, 3);
}
END_TEST

/* x = <new array>: the variable takes over the temporary's reference (no
 * incref, no release at the end of the statement); a second target of the
 * same value still takes its own. */
START_TEST(test_assignment_takes_over_temporary)
{
    char *s = ir("fresh", "f8(i8)", 0);
    char *body = strstr(s, "define internal");
    ck_assert_ptr_nonnull(body);
    char *end = strstr(body, "\n}\n");
    ck_assert_ptr_nonnull(end);
    *end = 0;
    ck_assert_msg(strstr(body, "rt_meminfo_incref") == NULL, "a = np.zeros(n) takes a reference");
    *end = '\n';
    jit_free(s);

    jit_error err = {0};
    RtStats before, after;
    rt_stats(&before);
    jit_value args[1] = {jit_int(4)}, r;
    ck_assert_int_eq(jit_call(jit_get(mod, "fresh", &err), args, 1, &r, &err), 0);
    ck_assert_double_eq(r.f, 0.0);
    ck_assert_int_eq(jit_call(jit_get(mod, "fresh2", &err), args, 1, &r, &err), 0);
    ck_assert_double_eq(r.f, 2.0);
    args[0] = jit_int(-1);   /* negative dimensions: raises */
    ck_assert_int_ne(jit_call(jit_get(mod, "fresh2", &err), args, 1, &r, &err), 0);
    jit_error_clear(&err);
    rt_stats(&after);
    ck_assert_int_eq(after.mi_allocs - before.mi_allocs, after.mi_frees - before.mi_frees);
    ck_assert_int_ge(after.mi_allocs - before.mi_allocs, 5);
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
    tcase_add_test(tc, test_error_paths_are_short);
    tcase_add_test(tc, test_assignment_takes_over_temporary);
    tcase_add_test(tc, test_narrow_integer_sums);
    tcase_add_test(tc, test_prange_body_periodic);
    tcase_add_test(tc, test_prelude_follows_callers_fastmath);
    suite_add_tcase(s, tc);
    return s;
}
