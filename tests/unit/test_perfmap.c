/* test_perfmap.c - the perf map (jit_options.perf_map): a jit_compile'd
 * pointer lies in its entry's line, prange bodies (local symbols, placed from
 * the entry) get lines of their own inside the linked code, a context
 * without the option adds nothing, two contexts compiling at once on two
 * threads append whole lines; and the names lines give symbols. The map is
 * written under $JIT_PERF_MAP_DIR (a temporary directory), not /tmp. */
#include <check.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../include/jit.h"
#include "../../jit/perfmap.h"

static const char *SRC =
    "import numpy as np\n"
    "from numba import njit, prange\n"
    "\n"
    "@njit\n"
    "def add1(x):\n"
    "    return x + 1\n"
    "\n"
    "@njit(parallel=True)\n"
    "def par(a):\n"
    "    for i in prange(a.shape[0]):\n"
    "        a[i] = a[i] * 2.0\n";

/* One directory for the suite, made before Check forks the tests (the
 * library opens the map once per process: perf-PID.map of each test's
 * process), removed at the suite's exit. */
static char dir[64];
static pid_t owner;

static void remove_dir(void)
{
    if (getpid() != owner)
        return;   /* a forked test's exit */
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

static void make_dir(void)
{
    snprintf(dir, sizeof dir, "/tmp/jit-perfmap-XXXXXX");
    if (!mkdtemp(dir))
        return;
    owner = getpid();
    atexit(remove_dir);
    setenv("JIT_PERF_MAP_DIR", dir, 1);
}

static const char *map_path(void)
{
    static char path[128];
    ck_assert(dir[0]);
    snprintf(path, sizeof path, "%s/perf-%ld.map", dir, (long)getpid());
    return path;
}

typedef struct Line {
    uint64_t start, size;
    char name[600];
} Line;

/* The map's lines (at most max); every line must be "HEX HEX NAME". */
static int read_map(Line *l, int max)
{
    FILE *f = fopen(map_path(), "r");
    if (!f)
        return 0;
    char buf[800];
    int n = 0;
    while (fgets(buf, sizeof buf, f)) {
        Line x;
        int used = 0;
        ck_assert_msg(sscanf(buf, "%" SCNx64 " %" SCNx64 " %n", &x.start, &x.size, &used) == 2 && used > 0,
                      "malformed line: %s", buf);
        ck_assert_msg(buf[strlen(buf) - 1] == '\n', "unterminated line: %s", buf);
        snprintf(x.name, sizeof x.name, "%.*s", (int)(strlen(buf + used) - 1), buf + used);
        ck_assert_msg(x.size > 0 && x.name[0], "empty line: %s", buf);
        if (n < max)
            l[n++] = x;
    }
    fclose(f);
    return n;
}

static const Line *find(const Line *l, int n, const char *prefix)
{
    for (int i = 0; i < n; i++)
        if (!strncmp(l[i].name, prefix, strlen(prefix)))
            return &l[i];
    return NULL;
}

/* The line named by prefix whose range holds addr (an entry's wrapper and
 * its body carry the same name). */
static const Line *find_at(const Line *l, int n, const char *prefix, uintptr_t addr)
{
    for (int i = 0; i < n; i++)
        if (!strncmp(l[i].name, prefix, strlen(prefix)) && addr >= l[i].start && addr < l[i].start + l[i].size)
            return &l[i];
    return NULL;
}

static jit_ctx *new_ctx(int perf_map)
{
    jit_error err = {0};
    map_path();
    jit_options o = jit_options_default();
    o.perf_map = perf_map;
    jit_ctx *ctx = jit_ctx_new(&o, &err);
    ck_assert_msg(ctx != NULL, "%s", err.message);
    return ctx;
}

static void *compile(jit_module *m, const char *fn, const char *sig)
{
    jit_error err = {0};
    void *p = jit_compile(jit_get(m, fn, &err), sig, &err);
    ck_assert_msg(p != NULL, "%s", err.message);
    return p;
}

enum { MAXL = 256 };

START_TEST(test_entry_and_prange_lines)
{
    jit_error err = {0};
    jit_ctx *ctx = new_ctx(1);
    jit_module *m = jit_load_string(ctx, "dir/pm_on.py", SRC, &err);
    ck_assert_msg(m != NULL, "%s", err.message);
    int64_t (*add1)(int64_t) = (int64_t(*)(int64_t))compile(m, "add1", "i8(i8)");
    void (*par)(const jit_array *) = (void (*)(const jit_array *))compile(m, "par", "void(f8[::1])");
    ck_assert_int_eq(add1(41), 42);   /* the code still runs */
    double d[100];
    for (int i = 0; i < 100; i++)
        d[i] = i;
    int64_t shape[1] = {100};
    jit_array a = jit_array_wrap(d, JIT_FLOAT64, 1, shape, NULL);
    par(&a);
    ck_assert(d[99] == 198.0);

    static Line l[MAXL];
    int n = read_map(l, MAXL);
    ck_assert_msg(find(l, n, "pm_on.py:add1(int64) [") != NULL, "no line for add1 among %d", n);
    ck_assert_msg(find_at(l, n, "pm_on.py:add1(int64) [", (uintptr_t)add1) != NULL, "no add1 line holds its entry");
    const Line *pe = find_at(l, n, "pm_on.py:par(array(float64, 1d, C)) [", (uintptr_t)par);
    ck_assert_msg(pe != NULL, "no par line holds its entry");
    const Line *body = find(l, n, "pm_on.py:par.prange.0 [");
    ck_assert_msg(body != NULL, "no line for the prange body");
    /* the body is linked code of the same object: near the entry, apart from it */
    ck_assert(body->start + body->size <= pe->start || body->start >= pe->start + pe->size);
    ck_assert(body->start > pe->start - (1 << 20) && body->start < pe->start + (1 << 20));
    jit_module_free(m);
    jit_ctx_free(ctx);
}
END_TEST

START_TEST(test_off_writes_nothing)
{
    jit_error err = {0};
    jit_ctx *ctx = new_ctx(0);
    jit_module *m = jit_load_string(ctx, "pm_off.py", SRC, &err);
    ck_assert_msg(m != NULL, "%s", err.message);
    compile(m, "add1", "i8(i8)");
    compile(m, "par", "void(f8[::1])");
    static Line l[MAXL];
    int n = read_map(l, MAXL);
    ck_assert_ptr_null(find(l, n, "pm_off.py:"));
    ck_assert_str_eq(jit_warnings(ctx), "");
    jit_module_free(m);
    jit_ctx_free(ctx);
}
END_TEST

/* two contexts on two threads, compiling at once */
static void *worker(void *arg)
{
    const char *file = arg;
    jit_error err = {0};
    jit_options o = jit_options_default();
    o.perf_map = 1;
    jit_ctx *ctx = jit_ctx_new(&o, &err);
    jit_module *m = ctx ? jit_load_string(ctx, file, SRC, &err) : NULL;
    static const char *sigs[] = {"i8(i8)", "f8(f8)", "i8(i4)", "i8(i2)", "f8(f4)"};
    for (int i = 0; m && i < 5; i++)
        if (!jit_compile(jit_get(m, "add1", &err), sigs[i], &err))
            break;
    jit_module_free(m);
    jit_ctx_free(ctx);
    return NULL;
}

START_TEST(test_two_contexts_append_whole_lines)
{
    map_path();
    pthread_t t1, t2;
    pthread_create(&t1, NULL, worker, "pm_t1.py");
    pthread_create(&t2, NULL, worker, "pm_t2.py");
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    static Line l[MAXL];
    int n = read_map(l, MAXL);   /* every line well-formed */
    int c1 = 0, c2 = 0;
    for (int i = 0; i < n; i++) {
        c1 += !strncmp(l[i].name, "pm_t1.py:add1(", 14);
        c2 += !strncmp(l[i].name, "pm_t2.py:add1(", 14);
    }
    /* five entries, each a wrapper and the body it calls */
    ck_assert_int_eq(c1, 10);
    ck_assert_int_eq(c2, 10);
}
END_TEST

START_TEST(test_names)
{
    char b[300];
    perfmap_name(b, sizeof b, "j12.escape.3", "bench/mandel.py", "j12.bench", "bench(int64)");
    ck_assert_str_eq(b, "mandel.py:escape [j12.escape.3]");
    perfmap_name(b, sizeof b, "j12.bench", "bench/mandel.py", "j12.bench", "bench(int64)");
    ck_assert_str_eq(b, "mandel.py:bench(int64) [j12.bench]");
    /* the entry's body, which the wrapper calls without inlining */
    perfmap_name(b, sizeof b, "j12.bench.0", "bench/mandel.py", "j12.bench", "bench(int64)");
    ck_assert_str_eq(b, "mandel.py:bench(int64) [j12.bench.0]");
    perfmap_name(b, sizeof b, "j12.bench.0.prange.1", "bench/mandel.py", "j12.bench", "bench(int64)");
    ck_assert_str_eq(b, "mandel.py:bench.prange.1 [j12.bench.0.prange.1]");
    perfmap_name(b, sizeof b, "j12.benchmark.2", "bench/mandel.py", "j12.bench", "bench(int64)");
    ck_assert_str_eq(b, "mandel.py:benchmark [j12.benchmark.2]");
    perfmap_name(b, sizeof b, "j1.mandel.1.prange.0", "m.py", "j1.x", "x()");
    ck_assert_str_eq(b, "m.py:mandel.prange.0 [j1.mandel.1.prange.0]");
    /* cached code: the entry is named by its key */
    perfmap_name(b, sizeof b, "jc0123abcd.bench", "m.py", "jc0123abcd.bench", "bench(float64)");
    ck_assert_str_eq(b, "m.py:bench(float64) [jc0123abcd.bench]");
    perfmap_name(b, sizeof b, "jc0123abcd.helper.4", "m.py", NULL, NULL);
    ck_assert_str_eq(b, "m.py:helper [jc0123abcd.helper.4]");
    /* not ours: as it is */
    perfmap_name(b, sizeof b, "memcpy_like", NULL, NULL, NULL);
    ck_assert_str_eq(b, "jit:memcpy_like [memcpy_like]");
}
END_TEST

Suite *suite_perfmap(void)
{
    make_dir();
    Suite *s = suite_create("perfmap");
    TCase *tc = tcase_create("perfmap");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_names);
    tcase_add_test(tc, test_entry_and_prange_lines);
    tcase_add_test(tc, test_off_writes_nothing);
    tcase_add_test(tc, test_two_contexts_append_whole_lines);
    suite_add_tcase(s, tc);
    return s;
}
