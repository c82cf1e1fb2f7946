/* test_parallel.c - the threading layer: chunking and error choice of
 * rt_par_run, the thread-count controls, parallel kernels called from many
 * host threads at once and from a child process after fork(). */
#include <check.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../include/jit.h"
#include "../../runtime/rt.h"

/* ---- the runtime alone ---- */

typedef struct Cover {
    int hits[1000];
    int64_t fail_from;      /* iterations >= this raise */
} Cover;

static int32_t cover_body(void *ctx, int64_t lo, int64_t hi, int64_t chunk)
{
    Cover *c = ctx;
    for (int64_t k = lo; k < hi; k++) {
        if (k >= c->fail_from) {
            char msg[64];
            snprintf(msg, sizeof msg, "iteration %lld", (long long)k);
            rt_raise(JIT_ERR_VALUE, msg, "cover.py", (int)chunk);
            return 1;
        }
        __atomic_fetch_add(&c->hits[k], 1, __ATOMIC_RELAXED);
    }
    return 0;
}

START_TEST(test_chunks_cover_once)
{
    ck_assert_int_eq(rt_par_threads(0, 4), 0);
    ck_assert_int_eq(rt_par_threads(1, 4), 1);
    ck_assert_int_eq(rt_par_threads(3, 8), 3);
    ck_assert_int_eq(rt_par_threads(1000, 5), 5);
    ck_assert_int_ge(rt_par_threads(1000, 0), 1);
    int64_t sizes[] = {1, 2, 7, 999, 1000};
    int64_t chunks[] = {1, 2, 3, 7, 64};
    for (int a = 0; a < 5; a++)
        for (int b = 0; b < 5; b++) {
            Cover *c = calloc(1, sizeof *c);
            c->fail_from = 1 << 30;
            int64_t t = chunks[b] < sizes[a] ? chunks[b] : sizes[a];
            ck_assert_int_eq(rt_par_run(cover_body, c, sizes[a], t), 0);
            for (int64_t k = 0; k < sizes[a]; k++)
                ck_assert_int_eq(c->hits[k], 1);
            for (int64_t k = sizes[a]; k < 1000; k++)
                ck_assert_int_eq(c->hits[k], 0);
            free(c);
        }
}
END_TEST

START_TEST(test_lowest_chunk_error_wins)
{
    for (int t = 2; t <= 8; t++) {
        Cover *c = calloc(1, sizeof *c);
        c->fail_from = 500;   /* every chunk from the one holding 500 fails */
        rt_error_clear();
        ck_assert_int_eq(rt_par_run(cover_body, c, 1000, t), 1);
        jit_error e = {0};
        ck_assert_int_eq(rt_error_take(&e), JIT_ERR_VALUE);
        /* the first failing chunk starts at or before 500 and raises there
         * or at its own start, whichever is later */
        int64_t per = 1000 / t, rem = 1000 % t, lo = 0;
        for (int k = 0; k < t; k++) {
            int64_t hi = lo + per + (k < rem);
            if (hi > 500) {
                char want[64];
                snprintf(want, sizeof want, "iteration %lld", (long long)(lo > 500 ? lo : 500));
                ck_assert_str_eq(e.message, want);
                ck_assert_int_eq(e.line, k);
                break;
            }
            lo = hi;
        }
        free(c);
    }
}
END_TEST

/* ---- through the API ---- */

static const char *SRC =
    "import numpy as np\n"
    "from numba import njit, prange\n"
    "\n"
    "@njit(parallel=True)\n"
    "def psum(n, w):\n"
    "    s = 0\n"
    "    for i in prange(n):\n"
    "        s += i * w\n"
    "    return s\n"
    "\n"
    "@njit(parallel=True)\n"
    "def scale(a, k):\n"
    "    out = np.empty_like(a)\n"
    "    for i in prange(a.shape[0]):\n"
    "        out[i] = a[i] * k\n"
    "    return out\n";

static jit_ctx *ctx;
static jit_module *mod;

static void setup(void)
{
    jit_error err = {0};
    ctx = jit_ctx_new(NULL, &err);
    ck_assert_msg(ctx != NULL, "%s", err.message);
    mod = jit_load_string(ctx, "par_test.py", SRC, &err);
    ck_assert_msg(mod != NULL, "%s", err.message);
}

static void teardown(void)
{
    jit_module_free(mod);
    jit_ctx_free(ctx);
}

static int psum_ok(jit_fn *f, int64_t n, int64_t w)
{
    jit_value a[2] = {jit_int(n), jit_int(w)}, r;
    jit_error err = {0};
    if (jit_call(f, a, 2, &r, &err) < 0)
        return 0;
    return r.tag == JIT_V_INT && r.i == w * n * (n - 1) / 2;
}

START_TEST(test_thread_count_controls)
{
    ck_assert_int_eq(jit_set_num_threads(ctx, 3), 3);
    ck_assert_int_eq(jit_get_num_threads(ctx), 3);
    jit_error err = {0};
    jit_fn *f = jit_get(mod, "psum", &err);
    ck_assert(psum_ok(f, 100000, 3));
    ck_assert_int_eq(jit_set_num_threads(ctx, 0), rt_default_threads());
    ck_assert(psum_ok(f, 100000, 3));
    jit_options o = jit_options_default();
    o.num_threads = 5;
    jit_ctx *c2 = jit_ctx_new(&o, &err);
    ck_assert_int_eq(jit_get_num_threads(c2), 5);
    jit_ctx_free(c2);
}
END_TEST

typedef struct Worker {
    jit_fn *fn;
    int id, failures;
} Worker;

static void *hammer(void *arg)
{
    Worker *w = arg;
    for (int k = 0; k < 30; k++)
        if (!psum_ok(w->fn, 1000 + 37 * k + w->id, (k + w->id) % 5))
            w->failures++;
    return NULL;
}

/* host threads each starting parallel regions, while the thread count moves */
START_TEST(test_host_threads_call_parallel_kernels)
{
    jit_error err = {0};
    jit_fn *f = jit_get(mod, "psum", &err);
    pthread_t t[8];
    Worker w[8];
    for (int i = 0; i < 8; i++) {
        w[i] = (Worker){f, i, 0};
        pthread_create(&t[i], NULL, hammer, &w[i]);
    }
    for (int k = 1; k <= 4; k++)
        jit_set_num_threads(ctx, k);
    for (int i = 0; i < 8; i++) {
        pthread_join(t[i], NULL);
        ck_assert_int_eq(w[i].failures, 0);
    }
}
END_TEST

/* libgomp hangs here; libomp re-initializes in the child */
START_TEST(test_parallel_after_fork)
{
    jit_error err = {0};
    jit_fn *f = jit_get(mod, "psum", &err);
    jit_set_num_threads(ctx, 2);
    ck_assert(psum_ok(f, 100000, 1));
    pid_t pid = fork();
    if (pid == 0) {
        alarm(20);
        int ok = psum_ok(f, 100000, 2) && psum_ok(f, 5000, 7);
        /* a fresh signature compiles and runs in the child too */
        jit_fn *g = jit_get(mod, "scale", &err);
        double d[4] = {1, 2, 3, 4};
        int64_t n = 4;
        jit_array a = jit_array_wrap(d, JIT_FLOAT64, 1, &n, NULL);
        jit_value args[2] = {jit_arr(&a), jit_float(2.0)}, r;
        ok = ok && jit_call(g, args, 2, &r, &err) == 0 && ((double *)r.arr->data)[3] == 8.0;
        _exit(ok ? 0 : 1);
    }
    int st = 0;
    ck_assert_int_eq(waitpid(pid, &st, 0), pid);
    ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child status %d", st);
    ck_assert(psum_ok(f, 100000, 1));
}
END_TEST

/* Without bounds checks, a loop from a run-time start (a prange chunk's
 * start, range(lo, n)) is versioned on a non-negative start, so its
 * accesses need no wraparound and load contiguous vectors, not gathers. */
START_TEST(test_unchecked_loops_stay_contiguous)
{
    static const char *src =
        "from numba import njit, prange\n"
        "@njit\n"
        "def cp(out, a, lo):\n"
        "    for i in range(lo, a.shape[0]):\n"
        "        out[i] = a[i] * 2.0\n"
        "@njit(parallel=True)\n"
        "def pcp(out, a):\n"
        "    for i in prange(a.shape[0]):\n"
        "        out[i] = a[i] * 2.0\n";
    jit_error err = {0};
    jit_options o = jit_options_default();
    o.boundscheck = 0;
    jit_ctx *c = jit_ctx_new(&o, &err);
    jit_module *m = jit_load_string(c, "unchecked.py", src, &err);
    ck_assert_msg(m != NULL, "%s", err.message);
    const char *names[2] = {"cp", "pcp"}, *sigs[2] = {"none(f8[::1], f8[::1], i8)", "none(f8[::1], f8[::1])"};
    for (int k = 0; k < 2; k++) {
        char *ir = jit_ir(jit_get(m, names[k], &err), sigs[k], 1, &err);
        ck_assert_msg(ir != NULL, "%s", err.message);
        ck_assert_msg(strstr(ir, "load <") != NULL, "%s: no vector load", names[k]);
        ck_assert_msg(strstr(ir, "gather") == NULL, "%s: gathers", names[k]);
        jit_free(ir);
    }
    jit_module_free(m);
    jit_ctx_free(c);
}
END_TEST

Suite *suite_parallel(void)
{
    Suite *s = suite_create("parallel");
    TCase *rt = tcase_create("runtime");
    tcase_add_test(rt, test_chunks_cover_once);
    tcase_add_test(rt, test_lowest_chunk_error_wins);
    tcase_add_test(rt, test_unchecked_loops_stay_contiguous);
    suite_add_tcase(s, rt);
    TCase *tc = tcase_create("api");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_thread_count_controls);
    tcase_add_test(tc, test_host_threads_call_parallel_kernels);
    tcase_add_test(tc, test_parallel_after_fork);
    suite_add_tcase(s, tc);
    return s;
}
