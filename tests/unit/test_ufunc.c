/* test_ufunc.c - ufuncs through the C API: @vectorize and @guvectorize
 * called with host arrays (broadcast, strided, output passed), scalars,
 * loop selection, errors with their positions, memory balance; and the
 * layout parser and casting rules of frontend/ufunc.c. */
#include <check.h>
#include <string.h>

#include "../../frontend/ufunc.h"
#include "../../include/jit.h"
#include "../../runtime/rt.h"

static const char *SRC =
    "import numpy as np\n"
    "from numba import vectorize, guvectorize\n"
    "\n"
    "@vectorize(['float32(float32, float32)', 'float64(float64, float64)'])\n"
    "def wsum(x, y):\n"
    "    return x + 10 * y\n"
    "\n"
    "@guvectorize(['void(float64[:], float64[:], float64[:])'], '(n),(n)->()')\n"
    "def dot(x, y, res):\n"
    "    s = 0.0\n"
    "    for i in range(x.shape[0]):\n"
    "        s += x[i] * y[i]\n"
    "    res[0] = s\n"
    "\n"
    "@vectorize(['int8(int8)'])\n"
    "def small(x):\n"
    "    return x\n";

static jit_ctx *ctx;
static jit_module *mod;

static void setup(void)
{
    jit_error err = {0};
    ctx = jit_ctx_new(NULL, &err);
    ck_assert_msg(ctx != NULL, "%s", err.message);
    mod = jit_load_string(ctx, "ufunc_test.py", SRC, &err);
    ck_assert_msg(mod != NULL, "%s", err.message);
}

static void teardown(void)
{
    jit_module_free(mod);
    jit_ctx_free(ctx);
}

START_TEST(test_vectorize_arrays)
{
    jit_error err = {0};
    RtStats before, after;
    rt_stats(&before);
    double m[6] = {0, 1, 2, 3, 4, 5}, v[6] = {1, 9, 2, 9, 3, 9};
    int64_t ms[2] = {2, 3}, vn = 3, vst = 16;   /* v: every other element */
    jit_array a = jit_array_wrap(m, JIT_FLOAT64, 2, ms, NULL);
    jit_array b = jit_array_wrap(v, JIT_FLOAT64, 1, &vn, &vst);
    jit_value args[3] = {jit_arr(&a), jit_arr(&b)}, r;
    jit_fn *f = jit_get(mod, "wsum", &err);
    ck_assert_int_eq(jit_call(f, args, 2, &r, &err), 0);
    ck_assert_int_eq(r.tag, JIT_V_ARRAY);
    ck_assert_int_eq(r.arr->ndim, 2);
    ck_assert_int_eq(r.arr->shape[0], 2);
    ck_assert_int_eq(r.arr->shape[1], 3);
    const double *d = r.arr->data;
    ck_assert_double_eq(d[0], 10.0);
    ck_assert_double_eq(d[4], 24.0);
    ck_assert_double_eq(d[5], 35.0);
    jit_value_release(&r);
    /* into an output array: the result is that array */
    double o[6] = {0};
    jit_array out = jit_array_wrap(o, JIT_FLOAT64, 2, ms, NULL);
    args[2] = jit_arr(&out);
    ck_assert_int_eq(jit_call(f, args, 3, &r, &err), 0);
    ck_assert_ptr_eq(r.arr->data, o);
    ck_assert_double_eq(o[3], 13.0);
    jit_value_release(&r);
    rt_stats(&after);
    ck_assert_int_eq(after.mi_allocs - before.mi_allocs, after.mi_frees - before.mi_frees);
}
END_TEST

START_TEST(test_vectorize_scalars_pick_a_loop)
{
    jit_error err = {0};
    jit_fn *f = jit_get(mod, "wsum", &err);
    jit_value args[2] = {jit_int(1), jit_int(2)}, r;
    ck_assert_int_eq(jit_call(f, args, 2, &r, &err), 0);
    ck_assert_int_eq(r.tag, JIT_V_FLOAT);   /* int64 casts safely to float64 only */
    ck_assert_double_eq(r.f, 21.0);
    args[0] = jit_float32(1.5f);
    args[1] = jit_float32(0.25f);
    ck_assert_int_eq(jit_call(f, args, 2, &r, &err), 0);
    ck_assert_int_eq(r.tag, JIT_V_FLOAT32);
    ck_assert_double_eq(r.f, 4.0);
    ck_assert_ptr_nonnull(jit_compile(f, "f8[::1](f8[:], f8[:])", &err));
    /* from the host, NumPy's rule: an int64 array and a float32 take the
     * float64 loop (inside a kernel, Numba's mixed rule takes float32) */
    int64_t iv[3] = {0, 1, 2}, n3 = 3;
    jit_array ia = jit_array_wrap(iv, JIT_INT64, 1, &n3, NULL);
    args[0] = jit_arr(&ia);
    args[1] = jit_float32(0.5f);
    ck_assert_int_eq(jit_call(f, args, 2, &r, &err), 0);
    ck_assert_int_eq(r.tag, JIT_V_ARRAY);
    ck_assert_int_eq(r.arr->dtype, JIT_FLOAT64);
    ck_assert_double_eq(((double *)r.arr->data)[2], 7.0);
    jit_value_release(&r);
}
END_TEST

START_TEST(test_guvectorize)
{
    jit_error err = {0};
    double m[6] = {0, 1, 2, 3, 4, 5}, ones[3] = {1, 1, 1};
    int64_t ms[2] = {2, 3}, n = 3, n4 = 4;
    jit_array a = jit_array_wrap(m, JIT_FLOAT64, 2, ms, NULL);
    jit_array b = jit_array_wrap(ones, JIT_FLOAT64, 1, &n, NULL);
    jit_value args[3] = {jit_arr(&a), jit_arr(&b)}, r;
    jit_fn *f = jit_get(mod, "dot", &err);
    ck_assert_int_eq(jit_call(f, args, 2, &r, &err), 0);
    ck_assert_int_eq(r.tag, JIT_V_ARRAY);
    ck_assert_int_eq(r.arr->shape[0], 2);
    ck_assert_double_eq(((double *)r.arr->data)[1], 12.0);
    jit_value_release(&r);
    /* no outer dimensions: a scalar */
    args[0] = jit_arr(&b);
    ck_assert_int_eq(jit_call(f, args, 2, &r, &err), 0);
    ck_assert_int_eq(r.tag, JIT_V_FLOAT);
    ck_assert_double_eq(r.f, 3.0);
    /* core dimensions that differ: ValueError */
    jit_array c = jit_array_wrap(m, JIT_FLOAT64, 1, &n4, NULL);
    args[1] = jit_arr(&c);
    ck_assert_int_eq(jit_call(f, args, 2, &r, &err), -1);
    ck_assert_int_eq(err.kind, JIT_ERR_VALUE);
    ck_assert_msg(strstr(err.message, "core dimension 0") != NULL, "%s", err.message);
    jit_error_clear(&err);
}
END_TEST

START_TEST(test_no_matching_loop)
{
    jit_error err = {0};
    jit_value args[1] = {jit_float(1.5)}, r;
    ck_assert_int_eq(jit_call(jit_get(mod, "small", &err), args, 1, &r, &err), -1);
    ck_assert_int_eq(err.kind, JIT_ERR_TYPE);
    ck_assert_msg(strstr(err.message, "no signature of ufunc 'small'") != NULL, "%s", err.message);
    jit_error_clear(&err);
    /* too many arguments */
    jit_value three[3] = {jit_float(1), jit_float(2), jit_float(3)};
    ck_assert_int_eq(jit_call(jit_get(mod, "small", &err), three, 3, &r, &err), -1);
    jit_error_clear(&err);
}
END_TEST

START_TEST(test_check_types_every_signature)
{
    /* the second loop does not type: jit_check finds it without a call */
    jit_error err = {0};
    jit_module *m = jit_load_string(ctx, "mask.py",
                                    "from numba import vectorize\n"
                                    "\n"
                                    "@vectorize(['int64(int64, int64)', 'float64(float64, float64)'])\n"
                                    "def mask(x, y):\n"
                                    "    return x & y\n", &err);
    ck_assert_ptr_nonnull(m);
    ck_assert_int_eq(jit_check(m, &err), -1);
    ck_assert_int_eq(err.kind, JIT_ERR_TYPE);
    ck_assert_int_eq(err.line, 5);
    ck_assert_int_eq(err.col, 12);
    jit_error_clear(&err);
    jit_module_free(m);
    ck_assert_int_eq(jit_check(mod, &err), 0);
}
END_TEST

START_TEST(test_layout_parser)
{
    Arena a;
    arena_init(&a);
    GuCore core[UF_MAX_ARGS];
    int nin = 0, nout = 0;
    const char *err = NULL;
    ck_assert_int_eq(ufunc_parse_layout(&a, "(m, n),(n)->(m)", core, &nin, &nout, &err), 0);
    ck_assert_int_eq(nin, 2);
    ck_assert_int_eq(nout, 1);
    ck_assert_int_eq(core[0].ndim, 2);
    ck_assert_str_eq(core[0].dims[1], "n");
    ck_assert_int_eq(core[2].ndim, 1);
    ck_assert_int_eq(ufunc_parse_layout(&a, "(n),()->(),()", core, &nin, &nout, &err), 0);
    ck_assert_int_eq(nout, 2);
    ck_assert_int_eq(core[1].ndim, 0);
    const char *bad[] = {"(n)", "(n)->", "(n->()", "(1)->()", "(n),(n)->() x", "n->()", NULL};
    for (int i = 0; bad[i]; i++)
        ck_assert_msg(ufunc_parse_layout(&a, bad[i], core, &nin, &nout, &err) < 0, "accepted %s", bad[i]);
    arena_free(&a);
}
END_TEST

START_TEST(test_casting_rules)
{
    const Type *i8 = &ty_scalars[TY_INT8], *i32 = ty_int32, *i64 = ty_int64, *u8 = ty_uint8;
    ck_assert(ufunc_can_cast(i32, ty_float64, 0, 0));
    ck_assert(!ufunc_can_cast(i32, ty_float32, 0, 0));
    ck_assert(ufunc_can_cast(i32, ty_float32, 0, 1));    /* mixed int/float inputs */
    ck_assert(!ufunc_can_cast(ty_float64, ty_float32, 0, 0));
    ck_assert(ufunc_can_cast(ty_float64, ty_float32, 1, 0));   /* same_kind */
    ck_assert(!ufunc_can_cast(ty_float64, i64, 1, 0));
    ck_assert(ufunc_can_cast(u8, i8, 1, 0));
    ck_assert(!ufunc_can_cast(u8, i8, 0, 0));
    ck_assert(ufunc_can_cast(ty_bool, i8, 0, 0));
}
END_TEST

Suite *suite_ufunc(void)
{
    Suite *s = suite_create("ufunc");
    TCase *tc = tcase_create("ufunc");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_vectorize_arrays);
    tcase_add_test(tc, test_vectorize_scalars_pick_a_loop);
    tcase_add_test(tc, test_guvectorize);
    tcase_add_test(tc, test_no_matching_loop);
    tcase_add_test(tc, test_check_types_every_signature);
    tcase_add_test(tc, test_layout_parser);
    tcase_add_test(tc, test_casting_rules);
    suite_add_tcase(s, tc);
    return s;
}
