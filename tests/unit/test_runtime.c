/* test_runtime.c - unit tests of the runtime: counted allocation and fault
 * injection, MemInfo refcounts, jit_array helpers, the thread-local pending
 * error, and print() output (Python float repr, NumPy array str/repr).
 *
 * Expected strings were produced by CPython 3.11 / NumPy 2.x, e.g.
 *   python3 -c 'import numpy as np; print(repr(str(np.array([0.5, 1.25]))))' */
#include <check.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/rt.h"

/* ------------------------------------------------------------ helpers */

/* Captures what fn writes to the runtime's output stream. */
typedef struct Capture {
    char *text;
    size_t len;
    FILE *f;
} Capture;

static void capture_begin(Capture *c)
{
    c->text = NULL;
    c->len = 0;
    c->f = open_memstream(&c->text, &c->len);
    ck_assert_ptr_nonnull(c->f);
    rt_set_output(c->f);
}

/* Returns the captured text (free it). */
static char *capture_end(Capture *c)
{
    fclose(c->f);
    rt_set_output(NULL);
    return c->text;
}

static char *array_str(const jit_array *a)
{
    Capture c;
    capture_begin(&c);
    rt_print_array(a);
    return capture_end(&c);
}

static char *value_str(const jit_value *v)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    jit_value_print(f, v);
    fclose(f);
    return text;
}

#define ck_assert_array_str(a, want) do {            \
        char *got_ = array_str(a);                   \
        ck_assert_str_eq(got_, want);                \
        free(got_);                                  \
    } while (0)

#define ck_assert_value_str(v, want) do {            \
        char *got_ = value_str(v);                   \
        ck_assert_str_eq(got_, want);                \
        free(got_);                                  \
    } while (0)

static jit_array wrap1(void *data, jit_dtype t, int64_t n)
{
    return jit_array_wrap(data, t, 1, &n, NULL);
}

/* ------------------------------------------------------------ alloc */

START_TEST(test_alloc_counts_balance)
{
    RtStats s0, s1;
    rt_stats(&s0);
    void *a = rt_malloc(10);
    void *b = rt_calloc(4, 8);
    char *c = rt_strdup("hello");
    void *d = rt_realloc(NULL, 16);
    d = rt_realloc(d, 4096);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(c, "hello");
    ck_assert_int_eq(((int64_t *)b)[3], 0);
    rt_stats(&s1);
    ck_assert_int_eq(s1.allocs - s0.allocs, 4);
    ck_assert_int_eq(s1.frees - s0.frees, 0);
    rt_free(a);
    rt_free(b);
    rt_free(c);
    rt_free(d);
    rt_free(NULL);
    rt_stats(&s1);
    ck_assert_int_eq(s1.allocs - s0.allocs, s1.frees - s0.frees);
}
END_TEST

START_TEST(test_alloc_zero_bytes_is_not_failure)
{
    void *p = rt_malloc(0);
    ck_assert_ptr_nonnull(p);
    rt_free(p);
}
END_TEST

START_TEST(test_fault_injection)
{
    rt_fault_after(2);
    void *a = rt_malloc(8);
    void *b = rt_calloc(1, 8);
    void *c = rt_malloc(8);      /* the third allocation fails */
    void *d = rt_malloc(8);      /* and only that one */
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_ptr_null(c);
    ck_assert_ptr_nonnull(d);
    rt_free(a);
    rt_free(b);
    rt_free(d);
}
END_TEST

START_TEST(test_fault_injection_disable)
{
    rt_fault_after(1);
    rt_fault_after(0);
    void *a = rt_malloc(8), *b = rt_malloc(8);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    rt_free(a);
    rt_free(b);
}
END_TEST

START_TEST(test_fault_injection_fails_meminfo)
{
    rt_error_clear();
    rt_fault_after(1);
    void *a = rt_malloc(8);
    RtMemInfo *mi = rt_meminfo_alloc(64);
    ck_assert_ptr_null(mi);
    jit_error err = {0};
    ck_assert_int_eq(rt_error_take(&err), JIT_ERR_MEMORY);
    ck_assert_str_eq(err.message, "cannot allocate array of 64 bytes");
    rt_free(a);
}
END_TEST

/* JIT_FAULT_ALLOC is read once, at the first allocation of the process, so
 * this test only means something in a fresh forked test process. */
START_TEST(test_fault_env)
{
    const char *fork_mode = getenv("CK_FORK");
    if (fork_mode && strcmp(fork_mode, "no") == 0)
        return;
    setenv("JIT_FAULT_ALLOC", "1", 1);
    void *a = rt_malloc(8);
    void *b = rt_malloc(8);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_null(b);
    rt_free(a);
}
END_TEST

/* ------------------------------------------------------------ meminfo */

START_TEST(test_meminfo_refcount_and_stats)
{
    RtStats s0, s1;
    rt_stats(&s0);
    RtMemInfo *mi = rt_meminfo_alloc(100);
    ck_assert_ptr_nonnull(mi);
    ck_assert_int_eq(mi->refcnt, 1);
    ck_assert_uint_eq(mi->size, 100);
    ck_assert_uint_eq((uintptr_t)mi->data % 64, 0);
    memset(mi->data, 0xab, 100);
    rt_meminfo_incref(mi);
    rt_meminfo_incref(mi);
    ck_assert_int_eq(mi->refcnt, 3);
    rt_meminfo_decref(mi);
    rt_meminfo_decref(mi);
    rt_stats(&s1);
    ck_assert_int_eq(s1.mi_allocs - s0.mi_allocs, 1);
    ck_assert_int_eq(s1.mi_frees - s0.mi_frees, 0);
    rt_meminfo_decref(mi);       /* last reference frees */
    rt_meminfo_incref(NULL);
    rt_meminfo_decref(NULL);
    rt_stats(&s1);
    ck_assert_int_eq(s1.mi_frees - s0.mi_frees, 1);
    ck_assert_int_eq(s1.allocs - s0.allocs, s1.frees - s0.frees);
}
END_TEST

START_TEST(test_meminfo_zero_bytes)
{
    RtMemInfo *mi = rt_meminfo_alloc(0);
    ck_assert_ptr_nonnull(mi);
    ck_assert_ptr_nonnull(mi->data);
    rt_meminfo_decref(mi);
}
END_TEST

START_TEST(test_meminfo_too_big)
{
    jit_error err = {0};
    rt_error_clear();
    ck_assert_ptr_null(rt_meminfo_alloc(INT64_C(36028797018963968)));
    ck_assert_int_eq(rt_error_take(&err), JIT_ERR_MEMORY);
    ck_assert_str_eq(err.message, "cannot allocate array of 36028797018963968 bytes");
    ck_assert_ptr_null(rt_meminfo_alloc(INT64_MAX));
    ck_assert_int_eq(rt_error_take(&err), JIT_ERR_MEMORY);
    ck_assert_ptr_null(rt_meminfo_alloc(-8));
    ck_assert_int_eq(rt_error_take(&err), JIT_ERR_MEMORY);
    ck_assert_ptr_nonnull(strstr(err.message, "negative"));
}
END_TEST

enum { REF_THREADS = 4, REF_ITERS = 100000 };

static void *hammer_refcount(void *arg)
{
    RtMemInfo *mi = arg;
    for (int i = 0; i < REF_ITERS; i++) {
        rt_meminfo_incref(mi);
        rt_meminfo_decref(mi);
    }
    return NULL;
}

START_TEST(test_meminfo_refcount_is_atomic)
{
    RtMemInfo *mi = rt_meminfo_alloc(8);
    pthread_t th[REF_THREADS];
    for (int i = 0; i < REF_THREADS; i++)
        pthread_create(&th[i], NULL, hammer_refcount, mi);
    for (int i = 0; i < REF_THREADS; i++)
        pthread_join(th[i], NULL);
    ck_assert_int_eq(mi->refcnt, 1);
    rt_meminfo_decref(mi);
}
END_TEST

/* ------------------------------------------------------------ arrays */

START_TEST(test_dtype_tables)
{
    static const struct { jit_dtype t; size_t size; const char *name; } want[] = {
        {JIT_BOOL, 1, "bool"}, {JIT_INT8, 1, "int8"}, {JIT_INT16, 2, "int16"},
        {JIT_INT32, 4, "int32"}, {JIT_INT64, 8, "int64"}, {JIT_UINT8, 1, "uint8"},
        {JIT_UINT16, 2, "uint16"}, {JIT_UINT32, 4, "uint32"}, {JIT_UINT64, 8, "uint64"},
        {JIT_FLOAT32, 4, "float32"}, {JIT_FLOAT64, 8, "float64"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        ck_assert_uint_eq(jit_dtype_size(want[i].t), want[i].size);
        ck_assert_str_eq(jit_dtype_name(want[i].t), want[i].name);
    }
    ck_assert_uint_eq(jit_dtype_size((jit_dtype)99), 0);
    ck_assert_str_eq(jit_dtype_name((jit_dtype)99), "unknown");
}
END_TEST

START_TEST(test_array_wrap_strides)
{
    double buf[24];
    int64_t shape[3] = {2, 3, 4};
    jit_array a = jit_array_wrap(buf, JIT_FLOAT64, 3, shape, NULL);
    ck_assert_ptr_eq(a.data, buf);
    ck_assert_ptr_null(a.base);
    ck_assert_int_eq(a.strides[0], 96);
    ck_assert_int_eq(a.strides[1], 32);
    ck_assert_int_eq(a.strides[2], 8);
    ck_assert_int_eq(jit_array_size(&a), 24);
    int64_t fstrides[3] = {8, 16, 48};
    jit_array f = jit_array_wrap(buf, JIT_FLOAT64, 3, shape, fstrides);
    ck_assert_int_eq(f.strides[2], 48);
    jit_array bad = jit_array_wrap(buf, JIT_FLOAT64, 9, shape, NULL);
    ck_assert_ptr_null(bad.data);
    ck_assert_int_eq(jit_array_size(NULL), 0);
}
END_TEST

START_TEST(test_array_new_and_release)
{
    RtStats s0, s1;
    rt_stats(&s0);
    jit_error err = {0};
    int64_t shape[2] = {3, 5};
    jit_array *a = jit_array_new(JIT_INT32, 2, shape, &err);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(a->base);
    ck_assert_ptr_eq(((RtMemInfo *)a->base)->data, a->data);
    ck_assert_int_eq(((RtMemInfo *)a->base)->refcnt, 1);
    ck_assert_int_eq(a->strides[0], 20);
    ck_assert_int_eq(a->strides[1], 4);
    for (int i = 0; i < 15; i++)
        ck_assert_int_eq(((int32_t *)a->data)[i], 0);
    jit_array_release(a);
    jit_array_release(NULL);
    rt_stats(&s1);
    ck_assert_int_eq(s1.mi_allocs - s0.mi_allocs, s1.mi_frees - s0.mi_frees);
    ck_assert_int_eq(s1.allocs - s0.allocs, s1.frees - s0.frees);
}
END_TEST

START_TEST(test_array_new_errors)
{
    jit_error err = {0};
    int64_t neg[1] = {-1};
    ck_assert_ptr_null(jit_array_new(JIT_FLOAT64, 1, neg, &err));
    ck_assert_int_eq(err.kind, JIT_ERR_VALUE);
    ck_assert_str_eq(err.message, "negative dimensions are not allowed");
    int64_t huge[2] = {INT64_C(1) << 40, INT64_C(1) << 40};
    ck_assert_ptr_null(jit_array_new(JIT_FLOAT64, 2, huge, &err));
    ck_assert_int_eq(err.kind, JIT_ERR_MEMORY);
    int64_t big[1] = {INT64_C(1) << 52};
    ck_assert_ptr_null(jit_array_new(JIT_FLOAT64, 1, big, &err));
    ck_assert_int_eq(err.kind, JIT_ERR_MEMORY);
    ck_assert_str_eq(err.message, "cannot allocate array of 36028797018963968 bytes");
    ck_assert_int_eq(rt_error_take(NULL), 0);      /* nothing left pending */
    ck_assert_ptr_null(jit_array_new(JIT_FLOAT64, 9, big, &err));
    ck_assert_int_eq(err.kind, JIT_ERR_ARGUMENT);
    ck_assert_ptr_null(jit_array_new((jit_dtype)42, 1, big, NULL));
}
END_TEST

START_TEST(test_value_release_tuple)
{
    RtStats s0, s1;
    rt_stats(&s0);
    int64_t n = 4;
    jit_value v = {.tag = JIT_V_TUPLE};
    v.tuple.n = 3;
    v.tuple.items = calloc(3, sizeof(jit_value));
    v.tuple.items[0] = jit_arr(jit_array_new(JIT_FLOAT64, 1, &n, NULL));
    v.tuple.items[1] = jit_int(7);
    v.tuple.items[2].tag = JIT_V_TUPLE;
    v.tuple.items[2].tuple.n = 1;
    v.tuple.items[2].tuple.items = calloc(1, sizeof(jit_value));
    v.tuple.items[2].tuple.items[0] = jit_arr(jit_array_new(JIT_INT8, 1, &n, NULL));
    jit_value_release(&v);
    ck_assert_int_eq(v.tag, JIT_V_NONE);
    jit_value_release(NULL);
    rt_stats(&s1);
    ck_assert_int_eq(s1.mi_allocs - s0.mi_allocs, 2);
    ck_assert_int_eq(s1.mi_frees - s0.mi_frees, 2);
}
END_TEST

/* ------------------------------------------------------------ errors */

START_TEST(test_raise_and_take)
{
    jit_error err = {0};
    rt_error_clear();
    ck_assert_int_eq(rt_error_take(&err), 0);
    rt_raise(JIT_ERR_ZERO_DIVISION, "division by zero", "k.py", 12);
    ck_assert_int_eq(rt_error_take(&err), JIT_ERR_ZERO_DIVISION);
    ck_assert_str_eq(err.message, "division by zero");
    ck_assert_str_eq(err.file, "k.py");
    ck_assert_int_eq(err.line, 12);
    ck_assert_int_eq(err.col, 0);
    ck_assert_ptr_null(err.report);
    ck_assert_int_eq(rt_error_take(&err), 0);      /* taking clears */
}
END_TEST

START_TEST(test_raise_index_message)
{
    jit_error err = {0};
    rt_raise_index(10, 0, 5, "k.py", 3);
    ck_assert_int_eq(jit_last_error(&err), JIT_ERR_INDEX);
    ck_assert_str_eq(err.message, "index 10 is out of bounds for axis 0 with size 5");
    ck_assert_int_eq(jit_last_error(&err), 0);
}
END_TEST

START_TEST(test_raise_alloc_keeps_precise_message)
{
    jit_error err = {0};
    rt_error_clear();
    ck_assert_ptr_null(rt_meminfo_alloc(-1));
    rt_raise_alloc(-1, "k.py", 8);
    ck_assert_int_eq(rt_error_take(&err), JIT_ERR_MEMORY);
    ck_assert_str_eq(err.file, "k.py");
    ck_assert_int_eq(err.line, 8);
    ck_assert_ptr_nonnull(strstr(err.message, "-1 bytes"));
    rt_raise_alloc(-3, "k.py", 9);
    ck_assert_int_eq(rt_error_take(&err), JIT_ERR_VALUE);
    ck_assert_str_eq(err.message, "negative dimensions are not allowed");
}
END_TEST

static void *raise_in_thread(void *arg)
{
    jit_error *out = arg;
    rt_raise(JIT_ERR_ASSERTION, "from the thread", "t.py", 1);
    rt_error_take(out);
    return NULL;
}

static void *take_in_thread(void *arg)
{
    *(int *)arg = rt_error_take(NULL);
    return NULL;
}

START_TEST(test_error_is_thread_local)
{
    jit_error theirs = {0}, mine = {0};
    pthread_t th;
    rt_error_clear();
    rt_raise(JIT_ERR_VALUE, "main thread", NULL, 0);
    pthread_create(&th, NULL, raise_in_thread, &theirs);
    pthread_join(th, NULL);
    ck_assert_int_eq(theirs.kind, JIT_ERR_ASSERTION);
    ck_assert_str_eq(theirs.message, "from the thread");
    int other = -1;
    pthread_create(&th, NULL, take_in_thread, &other);
    pthread_join(th, NULL);
    ck_assert_int_eq(other, 0);          /* a fresh thread has nothing pending */
    ck_assert_int_eq(rt_error_take(&mine), JIT_ERR_VALUE);
    ck_assert_str_eq(mine.message, "main thread");
}
END_TEST

START_TEST(test_error_set_and_clear)
{
    jit_error err;
    memset(&err, 0x5a, sizeof err);
    rt_error_set(&err, JIT_ERR_TYPE, "f.py", 4, 7, "x was %s at line %d", "int64", 2);
    ck_assert_int_eq(err.kind, JIT_ERR_TYPE);
    ck_assert_str_eq(err.message, "x was int64 at line 2");
    ck_assert_str_eq(err.file, "f.py");
    ck_assert_int_eq(err.col, 7);
    ck_assert_ptr_null(err.report);
    err.report = malloc(16);
    jit_error_clear(&err);
    ck_assert_int_eq(err.kind, 0);
    ck_assert_ptr_null(err.report);
    ck_assert_str_eq(err.message, "");
    rt_error_set(NULL, JIT_ERR_TYPE, NULL, 0, 0, "ignored");
    jit_error_clear(NULL);
    /* a message longer than the buffer is truncated, not overflowed */
    char long_msg[3000];
    memset(long_msg, 'x', sizeof long_msg - 1);
    long_msg[sizeof long_msg - 1] = '\0';
    rt_error_set(&err, JIT_ERR_VALUE, NULL, 0, 0, "%s", long_msg);
    ck_assert_uint_eq(strlen(err.message), sizeof err.message - 1);
    rt_raise(JIT_ERR_VALUE, long_msg, long_msg, 1);
    ck_assert_int_eq(rt_error_take(&err), JIT_ERR_VALUE);
    ck_assert_uint_eq(strlen(err.file), sizeof err.file - 1);
}
END_TEST

START_TEST(test_error_kind_names)
{
    static const char *const names[] = {
        "OK", "SyntaxError", "TypingError", "UnsupportedError", "NameError", "ValueError",
        "IndexError", "ZeroDivisionError", "RuntimeError", "AssertionError", "MemoryError",
        "OSError", "ArgumentError", "CudaError", "InternalError", "RecursionError",
        "OverflowError",
    };
    for (int k = 0; k <= JIT_ERR_OVERFLOW; k++)
        ck_assert_str_eq(jit_error_kind_name((jit_error_kind)k), names[k]);
    ck_assert_str_eq(jit_error_kind_name((jit_error_kind)1000), "Error");
    ck_assert_str_eq(jit_error_kind_name((jit_error_kind)-1), "Error");
}
END_TEST

/* ------------------------------------------------------------ float repr */

static const struct { double v; const char *repr; } f64_cases[] = {
    {1.0, "1.0"}, {0.1, "0.1"}, {-0.0, "-0.0"}, {0.0, "0.0"},
    {1e16, "1e+16"}, {1e-5, "1e-05"}, {1e-4, "0.0001"},
    {123456789012345.0, "123456789012345.0"}, {9999999999999998.0, "9999999999999998.0"},
    {1.5e-7, "1.5e-07"}, {2.5e+20, "2.5e+20"}, {0.30000000000000004, "0.30000000000000004"},
    {1.0 / 3.0, "0.3333333333333333"}, {-2.5, "-2.5"}, {100.0, "100.0"},
    {5e-324, "5e-324"}, {1.7976931348623157e308, "1.7976931348623157e+308"},
    {1e100, "1e+100"}, {1.262177448353619e-29, "1.262177448353619e-29"},  /* 2**-96 */
};

START_TEST(test_format_f64_matches_python_repr)
{
    char buf[64];
    for (size_t i = 0; i < sizeof f64_cases / sizeof f64_cases[0]; i++) {
        rt_format_f64(buf, sizeof buf, f64_cases[i].v);
        ck_assert_str_eq(buf, f64_cases[i].repr);
    }
    rt_format_f64(buf, sizeof buf, INFINITY);
    ck_assert_str_eq(buf, "inf");
    rt_format_f64(buf, sizeof buf, -INFINITY);
    ck_assert_str_eq(buf, "-inf");
    rt_format_f64(buf, sizeof buf, NAN);
    ck_assert_str_eq(buf, "nan");
    rt_format_f64(buf, 4, 0.30000000000000004);     /* truncates safely */
    ck_assert_str_eq(buf, "0.3");
}
END_TEST

/* Numba boxes a float32 as a Python float: print(np.float32(0.1)) in a
 * kernel prints the float64 repr of the widened value. */
START_TEST(test_format_f32_widens)
{
    char buf[64];
    rt_format_f32(buf, sizeof buf, 0.1f);
    ck_assert_str_eq(buf, "0.10000000149011612");
    rt_format_f32(buf, sizeof buf, 1.5f);
    ck_assert_str_eq(buf, "1.5");
}
END_TEST

START_TEST(test_print_scalars)
{
    Capture c;
    capture_begin(&c);
    rt_print_i64(-42);
    rt_print_sep();
    rt_print_u64(UINT64_MAX);
    rt_print_sep();
    rt_print_f64(2.5);
    rt_print_sep();
    rt_print_f32(0.1f);
    rt_print_sep();
    rt_print_bool(1);
    rt_print_sep();
    rt_print_bool(0);
    rt_print_sep();
    rt_print_none();
    rt_print_sep();
    rt_print_str("hi");
    rt_print_end();
    char *text = capture_end(&c);
    ck_assert_str_eq(text, "-42 18446744073709551615 2.5 0.10000000149011612 True False None hi\n");
    free(text);
}
END_TEST

static void *print_in_thread(void *arg)
{
    Capture c;
    capture_begin(&c);
    rt_print_str("thread");
    *(char **)arg = capture_end(&c);
    return NULL;
}

START_TEST(test_print_output_is_per_thread)
{
    Capture c;
    char *theirs = NULL;
    pthread_t th;
    capture_begin(&c);
    rt_print_str("main");
    pthread_create(&th, NULL, print_in_thread, &theirs);
    pthread_join(th, NULL);
    rt_print_str("!");
    char *mine = capture_end(&c);
    ck_assert_str_eq(mine, "main!");
    ck_assert_str_eq(theirs, "thread");
    free(mine);
    free(theirs);
}
END_TEST

/* ------------------------------------------------------------ arrays */

START_TEST(test_print_int_arrays)
{
    int64_t a[] = {1, 2, 3}, b[] = {1, 10}, neg[] = {-5, 100, 7};
    jit_array x = wrap1(a, JIT_INT64, 3);
    ck_assert_array_str(&x, "[1 2 3]");
    x = wrap1(b, JIT_INT64, 2);
    ck_assert_array_str(&x, "[ 1 10]");
    x = wrap1(neg, JIT_INT64, 3);
    ck_assert_array_str(&x, "[ -5 100   7]");
    uint64_t u[] = {UINT64_MAX, 0};
    x = wrap1(u, JIT_UINT64, 2);
    ck_assert_array_str(&x, "[18446744073709551615                    0]");
    int8_t m[] = {1, 2, 3, 4};
    int64_t shape[2] = {2, 2};
    x = jit_array_wrap(m, JIT_INT8, 2, shape, NULL);
    ck_assert_array_str(&x, "[[1 2]\n [3 4]]");
}
END_TEST

START_TEST(test_print_bool_array)
{
    uint8_t v[] = {1, 0};
    jit_array x = wrap1(v, JIT_BOOL, 2);
    ck_assert_array_str(&x, "[ True False]");
}
END_TEST

static const struct { double v[4]; int n; const char *str; } f64_arrays[] = {
    {{1.0, 2.0, 3.0}, 3, "[1. 2. 3.]"},
    {{0.5, 1.25}, 2, "[0.5  1.25]"},
    {{1.0, 2.5}, 2, "[1.  2.5]"},
    {{0.30000000000000004}, 1, "[0.3]"},
    {{1.0 / 3.0}, 1, "[0.33333333]"},
    {{1e16, 1.5e-7}, 2, "[1.0e+16 1.5e-07]"},
    {{1e100, 1e-5}, 2, "[1.e+100 1.e-005]"},
    {{1.5, -1e-9}, 2, "[ 1.5e+00 -1.0e-09]"},
    {{1.0, 1000.0}, 2, "[   1. 1000.]"},
    {{1.0, 1001.0}, 2, "[1.000e+00 1.001e+03]"},
    {{-0.0, 0.0}, 2, "[-0.  0.]"},
    {{NAN, 1.5, -2.25}, 3, "[  nan  1.5  -2.25]"},
    {{INFINITY, -INFINITY, NAN}, 3, "[ inf -inf  nan]"},
    {{1e20, NAN}, 2, "[1.e+20    nan]"},
};

START_TEST(test_print_float_arrays)
{
    for (size_t i = 0; i < sizeof f64_arrays / sizeof f64_arrays[0]; i++) {
        jit_array x = wrap1((void *)f64_arrays[i].v, JIT_FLOAT64, f64_arrays[i].n);
        ck_assert_array_str(&x, f64_arrays[i].str);
    }
    double m[] = {1, 2, 3, 4};
    int64_t shape[2] = {2, 2};
    jit_array x = jit_array_wrap(m, JIT_FLOAT64, 2, shape, NULL);
    ck_assert_array_str(&x, "[[1. 2.]\n [3. 4.]]");
}
END_TEST

START_TEST(test_print_float32_array)
{
    float v[] = {0.1f, 1.5f, 3.25f};
    jit_array x = wrap1(v, JIT_FLOAT32, 3);
    ck_assert_array_str(&x, "[0.1  1.5  3.25]");
}
END_TEST

START_TEST(test_print_3d_and_strided)
{
    int64_t v[10];
    for (int i = 0; i < 10; i++)
        v[i] = i;
    int64_t shape3[3] = {2, 2, 2};
    jit_array x = jit_array_wrap(v, JIT_INT64, 3, shape3, NULL);
    ck_assert_array_str(&x, "[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]]");
    int64_t n = 5, step = 16;        /* v[::2] */
    x = jit_array_wrap(v, JIT_INT64, 1, &n, &step);
    ck_assert_array_str(&x, "[0 2 4 6 8]");
}
END_TEST

START_TEST(test_print_wraps_long_lines)
{
    double v[26];
    for (int i = 0; i < 26; i++)
        v[i] = i;
    jit_array x = wrap1(v, JIT_FLOAT64, 26);
    ck_assert_array_str(&x, "[ 0.  1.  2.  3.  4.  5.  6.  7.  8.  9. 10. 11. 12. 13. 14. 15. 16. 17.\n"
                            " 18. 19. 20. 21. 22. 23. 24. 25.]");
}
END_TEST

START_TEST(test_print_summarizes_big_arrays)
{
    int64_t *v = malloc(2000 * sizeof *v);
    for (int i = 0; i < 2000; i++)
        v[i] = i;
    jit_array x = wrap1(v, JIT_INT64, 2000);
    ck_assert_array_str(&x, "[   0    1    2 ... 1997 1998 1999]");
    double *d = malloc(2000 * sizeof *d);
    for (int i = 0; i < 2000; i++)
        d[i] = i / 3.0;
    int64_t shape[2] = {2, 1000};
    x = jit_array_wrap(d, JIT_FLOAT64, 2, shape, NULL);
    ck_assert_array_str(&x,
        "[[0.00000000e+00 3.33333333e-01 6.66666667e-01 ... 3.32333333e+02\n"
        "  3.32666667e+02 3.33000000e+02]\n"
        " [3.33333333e+02 3.33666667e+02 3.34000000e+02 ... 6.65666667e+02\n"
        "  6.66000000e+02 6.66333333e+02]]");
    jit_value t = {.tag = JIT_V_TUPLE};
    jit_value item = jit_arr(&x);
    t.tuple.n = 1;
    t.tuple.items = &item;
    ck_assert_value_str(&t,
        "(array([[0.00000000e+00, 3.33333333e-01, 6.66666667e-01, ...,\n"
        "        3.32333333e+02, 3.32666667e+02, 3.33000000e+02],\n"
        "       [3.33333333e+02, 3.33666667e+02, 3.34000000e+02, ...,\n"
        "        6.65666667e+02, 6.66000000e+02, 6.66333333e+02]], shape=(2, 1000)),)");
    free(v);
    free(d);
}
END_TEST

START_TEST(test_print_empty_and_0d)
{
    double d = 1.5;
    int64_t zero = 0;
    jit_array x = wrap1(&d, JIT_FLOAT64, 0);
    ck_assert_array_str(&x, "[]");
    x = jit_array_wrap(&d, JIT_FLOAT64, 0, &zero, NULL);
    ck_assert_array_str(&x, "1.5");
}
END_TEST

/* ------------------------------------------------------------ values */

START_TEST(test_value_print_scalars)
{
    jit_value v = jit_int(-3);
    ck_assert_value_str(&v, "-3");
    v = jit_float(1e16);
    ck_assert_value_str(&v, "1e+16");
    v = jit_float32(0.1f);
    ck_assert_value_str(&v, "0.10000000149011612");
    v = jit_bool(1);
    ck_assert_value_str(&v, "True");
    v = (jit_value){.tag = JIT_V_NONE};
    ck_assert_value_str(&v, "None");
    v = (jit_value){.tag = JIT_V_SCALAR, .dtype = JIT_UINT64, .u = UINT64_MAX};
    ck_assert_value_str(&v, "18446744073709551615");
    v = (jit_value){.tag = JIT_V_SCALAR, .dtype = JIT_BOOL, .i = 0};
    ck_assert_value_str(&v, "False");
}
END_TEST

START_TEST(test_value_print_tuples)
{
    double d[] = {1.0, 2.0};
    int32_t i32[] = {1, 2};
    jit_array a = wrap1(d, JIT_FLOAT64, 2), b = wrap1(i32, JIT_INT32, 2);
    jit_value items[3] = {jit_int(1), jit_float(2.5), jit_bool(1)};
    jit_value t = {.tag = JIT_V_TUPLE};
    t.tuple.items = items;
    t.tuple.n = 2;
    ck_assert_value_str(&t, "(1, 2.5)");
    t.tuple.n = 1;
    ck_assert_value_str(&t, "(1,)");
    t.tuple.n = 3;
    ck_assert_value_str(&t, "(1, 2.5, True)");
    t.tuple.n = 0;
    ck_assert_value_str(&t, "()");
    items[0] = jit_arr(&a);
    items[1] = jit_int(3);
    t.tuple.n = 2;
    ck_assert_value_str(&t, "(array([1., 2.]), 3)");
    items[0] = jit_arr(&b);
    t.tuple.n = 1;
    ck_assert_value_str(&t, "(array([1, 2], dtype=int32),)");
    jit_value arr = jit_arr(&a);       /* top level: str, not repr */
    ck_assert_value_str(&arr, "[1. 2.]");
}
END_TEST

/* ------------------------------------------------------------ symbols */

START_TEST(test_symbol_table)
{
    static const char *const must[] = {
        "rt_meminfo_alloc", "rt_meminfo_free", "rt_meminfo_incref", "rt_meminfo_decref",
        "rt_raise", "rt_raise_index", "rt_raise_alloc", "rt_malloc", "rt_free",
        "rt_print_i64", "rt_print_u64", "rt_print_f64", "rt_print_f32", "rt_print_bool",
        "rt_print_str", "rt_print_none", "rt_print_sep", "rt_print_end", "rt_print_array",
    };
    const RtSymbol *t = rt_symbols();
    int n = 0;
    while (t[n].name)
        ck_assert_ptr_nonnull(t[n++].addr);
    for (size_t i = 0; i < sizeof must / sizeof must[0]; i++) {
        int found = 0;
        for (int k = 0; k < n; k++)
            found |= strcmp(t[k].name, must[i]) == 0;
        ck_assert_msg(found, "%s missing from rt_symbols()", must[i]);
    }
    for (int k = 0; k < n; k++)
        if (strcmp(t[k].name, "rt_raise_index") == 0)
            ck_assert_ptr_eq(t[k].addr, (void *)rt_raise_index);
}
END_TEST

/* ------------------------------------------------------------ suite */

Suite *suite_runtime(void)
{
    Suite *s = suite_create("runtime");
    TCase *tc = tcase_create("alloc");
    tcase_add_test(tc, test_alloc_counts_balance);
    tcase_add_test(tc, test_alloc_zero_bytes_is_not_failure);
    tcase_add_test(tc, test_fault_injection);
    tcase_add_test(tc, test_fault_injection_disable);
    tcase_add_test(tc, test_fault_injection_fails_meminfo);
    tcase_add_test(tc, test_fault_env);
    suite_add_tcase(s, tc);

    tc = tcase_create("meminfo");
    tcase_add_test(tc, test_meminfo_refcount_and_stats);
    tcase_add_test(tc, test_meminfo_zero_bytes);
    tcase_add_test(tc, test_meminfo_too_big);
    tcase_add_test(tc, test_meminfo_refcount_is_atomic);
    tcase_set_timeout(tc, 60);     /* slow under valgrind */
    suite_add_tcase(s, tc);

    tc = tcase_create("array");
    tcase_add_test(tc, test_dtype_tables);
    tcase_add_test(tc, test_array_wrap_strides);
    tcase_add_test(tc, test_array_new_and_release);
    tcase_add_test(tc, test_array_new_errors);
    tcase_add_test(tc, test_value_release_tuple);
    suite_add_tcase(s, tc);

    tc = tcase_create("error");
    tcase_add_test(tc, test_raise_and_take);
    tcase_add_test(tc, test_raise_index_message);
    tcase_add_test(tc, test_raise_alloc_keeps_precise_message);
    tcase_add_test(tc, test_error_is_thread_local);
    tcase_add_test(tc, test_error_set_and_clear);
    tcase_add_test(tc, test_error_kind_names);
    suite_add_tcase(s, tc);

    tc = tcase_create("print");
    tcase_add_test(tc, test_format_f64_matches_python_repr);
    tcase_add_test(tc, test_format_f32_widens);
    tcase_add_test(tc, test_print_scalars);
    tcase_add_test(tc, test_print_output_is_per_thread);
    tcase_add_test(tc, test_print_int_arrays);
    tcase_add_test(tc, test_print_bool_array);
    tcase_add_test(tc, test_print_float_arrays);
    tcase_add_test(tc, test_print_float32_array);
    tcase_add_test(tc, test_print_3d_and_strided);
    tcase_add_test(tc, test_print_wraps_long_lines);
    tcase_add_test(tc, test_print_summarizes_big_arrays);
    tcase_add_test(tc, test_print_empty_and_0d);
    tcase_add_test(tc, test_value_print_scalars);
    tcase_add_test(tc, test_value_print_tuples);
    suite_add_tcase(s, tc);

    tc = tcase_create("symbols");
    tcase_add_test(tc, test_symbol_table);
    suite_add_tcase(s, tc);
    return s;
}
