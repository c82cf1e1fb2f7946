/* parallel.c - the threading layer under prange loops.
 *
 * Lowering outlines the body of a `prange` loop of a parallel=True function
 * into a function body(ctx, klo, khi, tid) that runs iterations [klo, khi)
 * of the loop's 0-based iteration space and returns 0, or 1 with an error
 * pending in its thread. The caller asks rt_par_threads how many chunks to
 * make (so that it can size the reduction partials), then rt_par_run splits
 * [0, n) into that many equal static chunks and runs them on an OpenMP team.
 *
 * OpenMP is LLVM's libomp rather than GCC's libgomp: libgomp's thread pool
 * does not survive fork() (a child that starts a parallel region hangs),
 * libomp re-initializes itself in the child.
 *
 * libomp is loaded by the first loop that could run in parallel (more than
 * one iteration), not when the process starts: a run without prange (and
 * every `jit run` from the disk cache without one) does not map and
 * relocate it (docs/performance.md, "Start-up"). Regions are started through
 * its GNU entry point GOMP_parallel, the call GCC makes for
 * `#pragma omp parallel num_threads(n)`. A libomp that the host process has
 * loaded already is the one used (one OpenMP runtime per process); without
 * any, loops run serially on the calling thread.
 *
 * Determinism: chunk c always covers the same iterations for a given chunk
 * count, whatever the team OpenMP hands out (a thread runs chunks tid,
 * tid + team, ...), so reductions combined in chunk order give the same
 * bits on every run with the same thread count.
 *
 * Errors: when chunks fail, the error of the lowest failing chunk (the one
 * serial execution would have hit first) is re-raised in the calling thread.
 *
 * Nesting: a prange reached inside a running parallel region (a parallel
 * function called from another one's prange body, or from a host thread's own
 * OpenMP region) runs serially on the calling thread instead of
 * oversubscribing or deadlocking. */
#include <dlfcn.h>
#include <pthread.h>
#include <sched.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt.h"

/* Where LLVM's libomp is (the Makefile passes $(LLVM_LIBDIR)/libomp.so.5). */
#ifndef JIT_LIBOMP
#define JIT_LIBOMP "libomp.so.5"
#endif

/* The OpenMP entry points, from libomp once loaded. */
static struct {
    void (*parallel)(void (*fn)(void *), void *data, unsigned num_threads, unsigned flags);
    int (*thread_num)(void);
    int (*num_threads)(void);
    int (*in_parallel)(void);
} omp;
static int omp_ok;
static pthread_once_t omp_once = PTHREAD_ONCE_INIT;

static void omp_load(void)
{
    /* the host's libomp if it has one (matched by soname), else ours */
    void *h = dlopen("libomp.so.5", RTLD_NOW | RTLD_GLOBAL | RTLD_NOLOAD);
    if (!h)
        h = dlopen(JIT_LIBOMP, RTLD_NOW | RTLD_GLOBAL);
    if (!h)
        h = dlopen("libomp.so.5", RTLD_NOW | RTLD_GLOBAL);
    if (!h)
        return;
    *(void **)&omp.parallel = dlsym(h, "GOMP_parallel");
    *(void **)&omp.thread_num = dlsym(h, "omp_get_thread_num");
    *(void **)&omp.num_threads = dlsym(h, "omp_get_num_threads");
    *(void **)&omp.in_parallel = dlsym(h, "omp_in_parallel");
    omp_ok = omp.parallel && omp.thread_num && omp.num_threads && omp.in_parallel;
}

/* Whether OpenMP can run a team (loading libomp the first time). */
static int omp_ready(void)
{
    pthread_once(&omp_once, omp_load);
    return omp_ok;
}

static int default_threads;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

/* A positive count from the environment variable, or 0. */
static int env_count(const char *name, int list)
{
    const char *s = getenv(name);
    char *end;
    long v = s && *s ? strtol(s, &end, 10) : 0;
    if (v <= 0 || v > RT_MAX_THREADS || (*end && !(list && *end == ',')))
        return 0;
    return (int)v;
}

/* JIT_NUM_THREADS, else what OpenMP would choose: OMP_NUM_THREADS (its first
 * level), else the CPUs this process may run on. Read without asking
 * OpenMP: omp_get_max_threads() initializes libomp, which costs several
 * milliseconds, and this runs in every sysinfo and on the first parallel
 * loop only. */
static void read_default(void)
{
    default_threads = env_count("JIT_NUM_THREADS", 0);
    if (!default_threads)
        default_threads = env_count("OMP_NUM_THREADS", 1);
    if (!default_threads) {
        cpu_set_t set;
        if (sched_getaffinity(0, sizeof set, &set) == 0)
            default_threads = CPU_COUNT(&set);
        else
            default_threads = (int)sysconf(_SC_NPROCESSORS_ONLN);
    }
    if (default_threads < 1)
        default_threads = 1;
    if (default_threads > RT_MAX_THREADS)
        default_threads = RT_MAX_THREADS;
}

int rt_default_threads(void)
{
    pthread_once(&default_once, read_default);
    return default_threads;
}

int64_t rt_par_threads(int64_t n, int32_t requested)
{
    if (n <= 0)
        return 0;   /* no chunk: the caller's combine loop runs zero times */
    if (n == 1 || !omp_ready() || omp.in_parallel())
        return 1;
    int64_t t = requested > 0 ? requested : rt_default_threads();
    if (t > RT_MAX_THREADS)
        t = RT_MAX_THREADS;
    return t < n ? t : n;
}

typedef struct Region {
    RtParBody body;
    void *ctx;
    int64_t n, chunks;
    FILE *out;
    pthread_mutex_t lock;
    int64_t failed;          /* lowest failing chunk, or chunks when none */
    jit_error err;
} Region;

static void run_chunk(Region *r, int64_t c)
{
    int64_t q = r->n / r->chunks, rem = r->n % r->chunks;
    int64_t lo = c * q + (c < rem ? c : rem);
    int64_t hi = lo + q + (c < rem);
    if (r->body(r->ctx, lo, hi, c) == 0)
        return;
    jit_error e = {0};
    rt_error_take(&e);
    pthread_mutex_lock(&r->lock);
    if (c < r->failed) {
        r->failed = c;
        r->err = e;
    }
    pthread_mutex_unlock(&r->lock);
}

/* What each thread of the team runs. */
static void team_member(void *arg)
{
    Region *r = arg;
    FILE *saved = rt_get_output();
    rt_set_output(r->out);
    int64_t team = omp.num_threads();
    for (int64_t c = omp.thread_num(); c < r->chunks; c += team)
        run_chunk(r, c);
    rt_set_output(saved);
}

int32_t rt_par_run(RtParBody body, void *ctx, int64_t n, int64_t chunks)
{
    if (n <= 0)
        return 0;
    if (chunks <= 1)
        return body(ctx, 0, n, 0);
    Region r = {.body = body, .ctx = ctx, .n = n, .chunks = chunks, .failed = chunks};
    r.out = rt_get_output();
    pthread_mutex_init(&r.lock, NULL);
    if (omp_ready()) {
        omp.parallel(team_member, &r, (unsigned)chunks, 0);
    } else {
        /* no OpenMP runtime: the chunks in order, on this thread */
        for (int64_t c = 0; c < chunks; c++)
            run_chunk(&r, c);
    }
    pthread_mutex_destroy(&r.lock);
    if (r.failed == chunks)
        return 0;
    rt_raise(r.err.kind, r.err.message, r.err.file, r.err.line);
    return 1;
}
