/* alloc.c - the runtime's counted allocator.
 *
 * Every allocation made at kernel run time (array buffers, scratch memory)
 * goes through rt_malloc and friends so that:
 *   - tests can assert that allocations and frees balance (rt_stats), like
 *     Numba's NRT statistics;
 *   - a test can make the N+1-th allocation fail (rt_fault_after, or the
 *     JIT_FAULT_ALLOC environment variable) to exercise out-of-memory paths,
 *     like Lua's memcontrol.
 *
 * The counters are process-wide by design (they describe the process, not a
 * context), so they are the only mutable globals here, and all are atomics
 * or a once flag: any number of threads may allocate at once. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "rt.h"

static atomic_llong n_allocs, n_frees, n_mi_allocs, n_mi_frees;

/* Fault injection countdown: 0 = disarmed; k > 0 = the k-th allocation from
 * now fails. Only that one allocation fails, then injection disarms itself,
 * so the failure path's own cleanup can run normally. */
static atomic_llong fault_countdown;
static once_flag fault_env_once = ONCE_FLAG_INIT;

static void fault_read_env(void)
{
    const char *s = getenv("JIT_FAULT_ALLOC");
    if (!s || !*s)
        return;
    char *end;
    long long n = strtoll(s, &end, 10);
    if (*end == '\0' && n > 0)
        atomic_store(&fault_countdown, n + 1);
}

void rt_fault_after(int64_t n)
{
    /* Read the environment first so an explicit call always wins over it. */
    call_once(&fault_env_once, fault_read_env);
    atomic_store(&fault_countdown, n > 0 ? (long long)n + 1 : 0);
}

/* Decides whether this allocation is the one that must fail. A CAS loop, not
 * a plain decrement, so a disarmed counter stays at 0 under concurrency. */
static int fault_now(void)
{
    call_once(&fault_env_once, fault_read_env);
    long long v = atomic_load(&fault_countdown);
    while (v > 0) {
        if (atomic_compare_exchange_weak(&fault_countdown, &v, v - 1))
            return v - 1 == 0;
    }
    return 0;
}

void *rt_malloc(size_t n)
{
    if (fault_now())
        return NULL;
    /* malloc(0) may return NULL; callers treat NULL as failure. */
    void *p = malloc(n ? n : 1);
    if (p)
        atomic_fetch_add(&n_allocs, 1);
    return p;
}

void *rt_calloc(size_t n, size_t size)
{
    if (fault_now())
        return NULL;
    void *p = calloc(n ? n : 1, size ? size : 1);   /* calloc checks n * size */
    if (p)
        atomic_fetch_add(&n_allocs, 1);
    return p;
}

/* Growing a block is an allocation that can fail; it counts as a new
 * allocation only when p is NULL (a realloc keeps one live block). */
void *rt_realloc(void *p, size_t n)
{
    if (fault_now())
        return NULL;
    void *q = realloc(p, n ? n : 1);
    if (q && !p)
        atomic_fetch_add(&n_allocs, 1);
    return q;
}

void rt_free(void *p)
{
    if (!p)
        return;
    atomic_fetch_add(&n_frees, 1);
    free(p);
}

char *rt_strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = rt_malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

void rt_stats_meminfo(int freed)
{
    atomic_fetch_add(freed ? &n_mi_frees : &n_mi_allocs, 1);
}

void rt_stats(RtStats *out)
{
    if (!out)
        return;
    out->allocs = atomic_load(&n_allocs);
    out->frees = atomic_load(&n_frees);
    out->mi_allocs = atomic_load(&n_mi_allocs);
    out->mi_frees = atomic_load(&n_mi_frees);
}
