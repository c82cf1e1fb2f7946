/* test_api.c - the public C API end to end: load, call, compile, errors,
 * misuse, returned arrays and their memory, concurrent callers. */
#include <check.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../../include/jit.h"
#include "../../runtime/rt.h"

static const char *SRC =
    "import numpy as np\n"
    "import math\n"
    "from numba import njit\n"
    "\n"
    "@njit\n"
    "def add(a, b):\n"
    "    return a + b\n"
    "\n"
    "@njit\n"
    "def total(v):\n"
    "    s = 0.0\n"
    "    for i in range(v.shape[0]):\n"
    "        s += v[i]\n"
    "    return s\n"
    "\n"
    "@njit\n"
    "def ramp(n):\n"
    "    out = np.empty(n)\n"
    "    for i in range(n):\n"
    "        out[i] = i * 0.5\n"
    "    return out\n"
    "\n"
    "@njit\n"
    "def pair(x):\n"
    "    return x, x * 2.5, x > 0\n"
    "\n"
    "@njit\n"
    "def get(v, i):\n"
    "    return v[i]\n"
    "\n"
    "@njit\n"
    "def poly(x, k):\n"
    "    s = 0.0\n"
    "    for j in range(k):\n"
    "        s = s * x + j\n"
    "    return s\n";

static jit_ctx *ctx;
static jit_module *mod;

static void setup(void)
{
    jit_error err = {0};
    ctx = jit_ctx_new(NULL, &err);
    ck_assert_msg(ctx != NULL, "%s", err.message);
    mod = jit_load_string(ctx, "api_test.py", SRC, &err);
    ck_assert_msg(mod != NULL, "%s", err.message);
}

static void teardown(void)
{
    jit_module_free(mod);
    jit_ctx_free(ctx);
}

START_TEST(test_dynamic_call_specializes)
{
    jit_error err = {0};
    jit_fn *f = jit_get(mod, "add", &err);
    ck_assert_ptr_nonnull(f);
    jit_value args[2] = {jit_int(40), jit_int(2)}, r;
    ck_assert_int_eq(jit_call(f, args, 2, &r, &err), 0);
    ck_assert_int_eq(r.tag, JIT_V_INT);
    ck_assert_int_eq(r.i, 42);
    args[1] = jit_float(0.5);   /* a new signature: int64, float64 */
    ck_assert_int_eq(jit_call(f, args, 2, &r, &err), 0);
    ck_assert_int_eq(r.tag, JIT_V_FLOAT);
    ck_assert_double_eq(r.f, 40.5);
    args[0] = jit_float32(1.5f);
    args[1] = jit_float32(2.25f);
    ck_assert_int_eq(jit_call(f, args, 2, &r, &err), 0);
    ck_assert_int_eq(r.tag, JIT_V_FLOAT32);   /* float32 + float32 stays float32 */
    ck_assert_double_eq(r.f, 3.75);
}
END_TEST

START_TEST(test_arrays_in_and_out)
{
    jit_error err = {0};
    double xs[5] = {1, 2, 3, 4, 5};
    int64_t n = 5;
    jit_array a = jit_array_wrap(xs, JIT_FLOAT64, 1, &n, NULL);
    jit_value args[1] = {jit_arr(&a)}, r;
    ck_assert_int_eq(jit_call(jit_get(mod, "total", &err), args, 1, &r, &err), 0);
    ck_assert_double_eq(r.f, 15.0);
    /* a strided view: every other element */
    int64_t n3 = 3, st = 16;
    jit_array b = jit_array_wrap(xs, JIT_FLOAT64, 1, &n3, &st);
    args[0] = jit_arr(&b);
    ck_assert_int_eq(jit_call(jit_get(mod, "total", &err), args, 1, &r, &err), 0);
    ck_assert_double_eq(r.f, 9.0);

    RtStats before, after;
    rt_stats(&before);
    jit_value na[1] = {jit_int(4)};
    ck_assert_int_eq(jit_call(jit_get(mod, "ramp", &err), na, 1, &r, &err), 0);
    ck_assert_int_eq(r.tag, JIT_V_ARRAY);
    ck_assert_int_eq(r.arr->ndim, 1);
    ck_assert_int_eq(r.arr->shape[0], 4);
    ck_assert_double_eq(((double *)r.arr->data)[3], 1.5);
    jit_value_release(&r);
    rt_stats(&after);
    ck_assert_int_eq(after.mi_allocs - before.mi_allocs, after.mi_frees - before.mi_frees);
}
END_TEST

START_TEST(test_tuple_return)
{
    jit_error err = {0};
    jit_value args[1] = {jit_int(-2)}, r;
    ck_assert_int_eq(jit_call(jit_get(mod, "pair", &err), args, 1, &r, &err), 0);
    ck_assert_int_eq(r.tag, JIT_V_TUPLE);
    ck_assert_int_eq(r.tuple.n, 3);
    ck_assert_int_eq(r.tuple.items[0].i, -2);
    ck_assert_double_eq(r.tuple.items[1].f, -5.0);
    ck_assert_int_eq(r.tuple.items[2].tag, JIT_V_BOOL);
    ck_assert_int_eq(r.tuple.items[2].i, 0);
    jit_value_release(&r);
}
END_TEST

START_TEST(test_static_compile)
{
    jit_error err = {0};
    jit_fn *f = jit_get(mod, "poly", &err);
    double (*p)(double, int64_t) = (double (*)(double, int64_t))jit_compile(f, "f8(f8, i8)", &err);
    ck_assert_msg(p != NULL, "%s", err.message);
    ck_assert_double_eq(p(2.0, 4), ((0 * 2 + 1) * 2 + 2) * 2 + 3);
    /* the same signature from jit_call reuses the compiled entry */
    ck_assert_ptr_eq(jit_compile(f, "float64(float64, int64)", &err), (void *)p);
    ck_assert_ptr_null(jit_compile(f, "f8(f8, i8, i8)", &err));
    ck_assert_int_eq(err.kind, JIT_ERR_ARGUMENT);
    jit_error_clear(&err);
    ck_assert_ptr_null(jit_compile(f, "f8(f9)", &err));
    ck_assert_int_eq(err.kind, JIT_ERR_ARGUMENT);
    jit_error_clear(&err);
    ck_assert_ptr_null(jit_compile(f, "i8(f8, i8)", &err));   /* wrong declared return */
    ck_assert_int_eq(err.kind, JIT_ERR_TYPE);
    jit_error_clear(&err);
}
END_TEST

START_TEST(test_exceptions_and_last_error)
{
    jit_error err = {0};
    double xs[3] = {1, 2, 3};
    int64_t n = 3;
    jit_array a = jit_array_wrap(xs, JIT_FLOAT64, 1, &n, NULL);
    jit_fn *g = jit_get(mod, "get", &err);
    jit_value args[2] = {jit_arr(&a), jit_int(-1)}, r;
    ck_assert_int_eq(jit_call(g, args, 2, &r, &err), 0);
    ck_assert_double_eq(r.f, 3.0);   /* negative indices wrap */
    args[1] = jit_int(3);
    ck_assert_int_eq(jit_call(g, args, 2, &r, &err), -1);
    ck_assert_int_eq(err.kind, JIT_ERR_INDEX);
    ck_assert_int_eq(err.line, 29);
    ck_assert_str_eq(err.file, "api_test.py");
    ck_assert_ptr_nonnull(strstr(err.message, "index 3 is out of bounds for axis 0 with size 3"));
    jit_error_clear(&err);

    double (*p)(const jit_array *, int64_t) =
        (double (*)(const jit_array *, int64_t))jit_compile(g, "f8(f8[::1], i8)", &err);
    ck_assert_ptr_nonnull(p);
    ck_assert_double_eq(p(&a, 1), 2.0);
    ck_assert_int_eq(jit_last_error(&err), 0);
    ck_assert_double_eq(p(&a, 7), 0.0);
    ck_assert_int_eq(jit_last_error(&err), JIT_ERR_INDEX);
    jit_error_clear(&err);
}
END_TEST

START_TEST(test_misuse)
{
    jit_error err = {0};
    jit_value r;
    ck_assert_int_eq(jit_call(NULL, NULL, 0, &r, &err), -1);
    ck_assert_int_eq(err.kind, JIT_ERR_ARGUMENT);
    jit_fn *f = jit_get(mod, "add", &err);
    jit_value one[1] = {jit_int(1)};
    ck_assert_int_eq(jit_call(f, one, 1, &r, &err), -1);
    ck_assert_int_eq(err.kind, JIT_ERR_ARGUMENT);
    ck_assert_ptr_null(jit_get(mod, "nope", &err));
    ck_assert_int_eq(err.kind, JIT_ERR_NAME);
    ck_assert_ptr_null(jit_get(NULL, "add", &err));
    ck_assert_ptr_null(jit_load_file(ctx, "/nonexistent/x.py", &err));
    ck_assert_int_eq(err.kind, JIT_ERR_IO);
    ck_assert_ptr_null(jit_load_string(ctx, "bad.py", "def f(:\n", &err));
    ck_assert_int_eq(err.kind, JIT_ERR_SYNTAX);
    ck_assert_ptr_nonnull(err.report);
    ck_assert_ptr_nonnull(strstr(err.report, "bad.py:1:"));
    jit_error_clear(&err);
    ck_assert_ptr_null(err.report);
    jit_array bad = {0};
    bad.ndim = 0;
    jit_value ba[1] = {jit_arr(&bad)};
    ck_assert_int_eq(jit_call(jit_get(mod, "total", &err), ba, 1, &r, &err), -1);
    ck_assert_int_eq(err.kind, JIT_ERR_ARGUMENT);
}
END_TEST

START_TEST(test_type_error_reports_position)
{
    jit_error err = {0};
    jit_module *m = jit_load_string(ctx, "t.py",
        "from numba import njit\n@njit\ndef f(x):\n    y = x\n    if x > 0:\n        y = (1, 2)\n    return y\n", &err);
    ck_assert_ptr_nonnull(m);
    jit_value a[1] = {jit_float(1.0)}, r;
    ck_assert_int_eq(jit_call(jit_get(m, "f", &err), a, 1, &r, &err), -1);
    ck_assert_int_eq(err.kind, JIT_ERR_TYPE);
    ck_assert_int_eq(err.line, 6);
    ck_assert_ptr_nonnull(strstr(err.message, "it was float64 at line 4"));
    jit_error_clear(&err);
    jit_module_free(m);
}
END_TEST

START_TEST(test_ir_and_asm_text)
{
    jit_error err = {0};
    jit_fn *f = jit_get(mod, "total", &err);
    char *ir = jit_ir(f, "f8(f8[::1])", 1, &err);
    ck_assert_ptr_nonnull(ir);
    ck_assert_ptr_nonnull(strstr(ir, "define"));
    jit_free(ir);
    char *as = jit_asm(f, "f8(f8[::1])", &err);
    ck_assert_ptr_nonnull(as);
    ck_assert_ptr_nonnull(strstr(as, "ret"));
    jit_free(as);
    ck_assert_ptr_null(jit_ir(f, NULL, 1, &err));   /* no declared signature */
    ck_assert_int_eq(err.kind, JIT_ERR_ARGUMENT);
}
END_TEST

/* ---- many host threads: fresh and cached signatures at once ---- */

typedef struct Worker {
    jit_fn *fn;
    int id;
    int failures;
} Worker;

static void *hammer(void *arg)
{
    Worker *w = arg;
    for (int k = 0; k < 40; k++) {
        jit_error err = {0};
        jit_value r;
        /* cycle through 4 argument type pairs: each compiles once overall */
        int kind = (k + w->id) % 4;
        jit_value a[2];
        a[0] = kind & 1 ? jit_float(w->id) : jit_int(w->id);
        a[1] = kind & 2 ? jit_float(k) : jit_int(k);
        if (jit_call(w->fn, a, 2, &r, &err) < 0) {
            w->failures++;
            continue;
        }
        double got = r.tag == JIT_V_INT ? (double)r.i : r.f;
        if (got != (double)(w->id + k))
            w->failures++;
    }
    return NULL;
}

START_TEST(test_threads)
{
    jit_error err = {0};
    jit_fn *f = jit_get(mod, "add", &err);
    pthread_t t[8];
    Worker w[8];
    for (int i = 0; i < 8; i++) {
        w[i] = (Worker){f, i, 0};
        pthread_create(&t[i], NULL, hammer, &w[i]);
    }
    for (int i = 0; i < 8; i++) {
        pthread_join(t[i], NULL);
        ck_assert_int_eq(w[i].failures, 0);
    }
}
END_TEST

/* One script loaded twice into a context with the disk cache: the second
 * module's entry is the first one's cached code, which the engine links
 * once (jit/engine.c keeps the names of linked objects); a fresh context
 * loads it from the disk. */
START_TEST(test_cached_code_loaded_twice)
{
    char dir[] = "/tmp/jit_api_cache_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    for (int round = 0; round < 2; round++) {
        jit_error err = {0};
        jit_options o = jit_options_default();
        o.cache = 1;
        o.cache_dir = dir;
        jit_ctx *c = jit_ctx_new(&o, &err);
        ck_assert_ptr_nonnull(c);
        jit_module *m1 = jit_load_string(c, "twice.py", SRC, &err);
        jit_module *m2 = jit_load_string(c, "twice.py", SRC, &err);
        ck_assert_ptr_nonnull(m1);
        ck_assert_ptr_nonnull(m2);
        jit_fn *f1 = jit_get(m1, "add", &err), *f2 = jit_get(m2, "add", &err);
        jit_value a[2] = {jit_int(40), jit_int(2)}, r1, r2;
        ck_assert_int_eq(jit_call(f1, a, 2, &r1, &err), 0);
        ck_assert_int_eq(jit_call(f2, a, 2, &r2, &err), 0);
        ck_assert_int_eq(r1.i, 42);
        ck_assert_int_eq(r2.i, 42);
        int n = 0, hits1 = 0, hits2 = 0;
        double ms = 0;
        jit_fn_stats(f1, &n, &ms, &hits1);
        jit_fn_stats(f2, &n, &ms, &hits2);
        ck_assert_int_eq(hits1, round);   /* compiled, then from the disk */
        ck_assert_int_eq(hits2, 1);       /* the first module's code */
        jit_module_free(m1);
        jit_module_free(m2);
        jit_ctx_free(c);
    }
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* More misuse: NULLs everywhere, a signature that does not parse, the wrong
 * argument type, and a module that failed to load. */
START_TEST(test_misuse_more)
{
    jit_error err = {0};
    jit_value r;
    ck_assert_ptr_null(jit_load_string(NULL, "x.py", "def f():\n    return 1\n", &err));
    ck_assert_int_eq(err.kind, JIT_ERR_ARGUMENT);
    ck_assert_ptr_null(jit_load_string(ctx, "x.py", NULL, &err));
    ck_assert_ptr_null(jit_load_file(ctx, NULL, &err));
    ck_assert_ptr_null(jit_compile(NULL, "f8(f8)", &err));
    jit_fn *add = jit_get(mod, "add", &err);
    ck_assert_ptr_null(jit_compile(add, NULL, &err));
    static const char *sigs[] = {"f8(", "f8(f8, f8", "q9(i8, i8)", "f8(f8[:::])", "(((", "f8(f8)extra", ""};
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        jit_error_clear(&err);
        ck_assert_msg(jit_compile(add, sigs[i], &err) == NULL, "signature '%s' accepted", sigs[i]);
        ck_assert_msg(err.kind == JIT_ERR_ARGUMENT || err.kind == JIT_ERR_TYPE, "'%s': kind %d", sigs[i], err.kind);
        ck_assert_msg(err.message[0], "'%s': no message", sigs[i]);
    }
    /* an array where a scalar is expected: a type error, not a crash */
    double d[2] = {1, 2};
    jit_array arr = jit_array_wrap(d, JIT_FLOAT64, 1, (int64_t[]){2}, NULL);
    jit_value args[2] = {jit_arr(&arr), jit_int(1)};
    jit_error_clear(&err);
    ck_assert_int_eq(jit_call(jit_get(mod, "total", &err), args + 1, 1, &r, &err), -1);
    ck_assert_int_ne(err.kind, 0);
    jit_error_clear(&err);
    ck_assert_int_eq(jit_call(add, args, -1, &r, &err), -1);
    ck_assert_int_eq(jit_call(add, NULL, 2, &r, &err), -1);
    /* a module that failed to load is NULL; everything downstream refuses it */
    jit_module *m = jit_load_string(ctx, "bad.py", "def f(:\n", &err);
    ck_assert_ptr_null(m);
    jit_error_clear(&err);   /* frees the rendered report before err is reused */
    ck_assert_ptr_null(jit_get(m, "f", &err));
    ck_assert_int_eq(jit_check(m, &err), -1);
    ck_assert_ptr_null(jit_ir(NULL, NULL, 1, &err));
    ck_assert_ptr_null(jit_asm(NULL, "f8()", &err));
    ck_assert_ptr_null(jit_npy_load(NULL, &err));
    jit_module_free(NULL);
    jit_error_clear(&err);
}
END_TEST

/* Fault injection through the C API: fail the N-th allocation of a whole
 * session (context, load, dynamic call, static compile, array result) for
 * every N until one runs clean. Each call either works or returns -1/NULL
 * with a MemoryError, and array buffers balance afterwards. */
static int fault_session(int *oom)
{
    jit_error err = {0};
    jit_value r = {0};
    int ok = 0;
    *oom = 0;
    jit_ctx *c = jit_ctx_new(NULL, &err);
    jit_module *m = c ? jit_load_string(c, "k.py", SRC, &err) : NULL;
    jit_fn *f = m ? jit_get(m, "ramp", &err) : NULL;
    jit_value n = jit_int(5);
    if (f && jit_call(f, &n, 1, &r, &err) == 0) {
        ok = r.tag == JIT_V_ARRAY && r.arr && r.arr->shape[0] == 5;
        jit_value_release(&r);
        jit_fn *g = jit_get(m, "add", &err);
        ok = ok && g && jit_compile(g, "f8(f8, f8)", &err) != NULL;
    }
    if (!ok) {
        *oom = err.kind == JIT_ERR_MEMORY;
        ck_assert_msg(err.kind == JIT_ERR_MEMORY, "kind %d: %s", err.kind, err.message);
    }
    jit_error_clear(&err);
    jit_module_free(m);
    jit_ctx_free(c);
    return ok;
}

START_TEST(test_fault_sweep)
{
    RtStats before, after;
    rt_stats(&before);
    int hits = 0, clean = 0, n;
    for (n = 1; n < 400 && clean < 5; n++) {
        rt_fault_after(n);
        int oom;
        if (fault_session(&oom))
            clean++;
        else {
            clean = 0;
            hits += oom;
        }
        rt_fault_after(0);
    }
    rt_stats(&after);
    ck_assert_int_ge(hits, 5);
    ck_assert_int_eq(clean, 5);
    ck_assert_int_eq(after.mi_allocs - before.mi_allocs, after.mi_frees - before.mi_frees);
    ck_assert_int_eq(after.allocs - before.allocs, after.frees - before.frees);
}
END_TEST

Suite *suite_api(void)
{
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("api");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_dynamic_call_specializes);
    tcase_add_test(tc, test_arrays_in_and_out);
    tcase_add_test(tc, test_tuple_return);
    tcase_add_test(tc, test_static_compile);
    tcase_add_test(tc, test_exceptions_and_last_error);
    tcase_add_test(tc, test_misuse);
    tcase_add_test(tc, test_type_error_reports_position);
    tcase_add_test(tc, test_ir_and_asm_text);
    tcase_add_test(tc, test_threads);
    tcase_add_test(tc, test_cached_code_loaded_twice);
    tcase_add_test(tc, test_misuse_more);
    tcase_add_test(tc, test_fault_sweep);
    suite_add_tcase(s, tc);
    return s;
}
