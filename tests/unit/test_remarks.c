/* test_remarks.c - source positions: jit_remarks puts each loop remark at
 * the loop's line and column (two loops, an inlined callee, a while loop, an
 * array expression, a prange body, a loop of np.sum moved to the script's
 * call); jit_options.debug_info puts a line table in the IR and .loc lines in
 * the assembly; without it the IR has no debug metadata; the disk cache keeps
 * the two apart. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../include/jit.h"

/* line numbers matter: the tests below name them */
static const char *SRC =
    "import numpy as np\n"                              /* 1 */
    "from numba import njit, prange\n"                  /* 2 */
    "\n"                                                /* 3 */
    "@njit(fastmath=True)\n"                            /* 4 */
    "def scale(x, s):\n"                                /* 5 */
    "    for i in range(x.shape[0]):\n"                 /* 6 */
    "        x[i] *= s\n"                               /* 7 */
    "\n"                                                /* 8 */
    "@njit(fastmath=True)\n"                            /* 9 */
    "def two(a, b):\n"                                  /* 10 */
    "    scale(a, 2.0)\n"                               /* 11 */
    "    t = 0.0\n"                                     /* 12 */
    "    for i in range(b.shape[0]):\n"                 /* 13 */
    "        t += b[i]\n"                               /* 14 */
    "    return t\n"                                    /* 15 */
    "\n"                                                /* 16 */
    "@njit(fastmath=True)\n"                            /* 17 */
    "def npsum(a):\n"                                   /* 18 */
    "    b = a * 2.0\n"                                 /* 19 */
    "    return np.sum(b)\n"                            /* 20 */
    "\n"                                                /* 21 */
    "@njit\n"                                           /* 22 */
    "def search(a):\n"                                  /* 23 */
    "    j = 0\n"                                       /* 24 */
    "    while j < a.shape[0] and a[j] != 0.0:\n"       /* 25 */
    "        j += 1\n"                                  /* 26 */
    "    return j\n"                                    /* 27 */
    "\n"                                                /* 28 */
    "@njit(parallel=True)\n"                            /* 29 */
    "def par(a):\n"                                     /* 30 */
    "    for i in prange(a.shape[0]):\n"                /* 31 */
    "        a[i] = a[i] + 1.0\n";                      /* 32 */

static jit_ctx *ctx;
static jit_module *mod;

static void setup(void)
{
    jit_error err = {0};
    jit_options o = jit_options_default();
    o.debug_info = 0;   /* whatever JIT_DEBUG_INFO says */
    ctx = jit_ctx_new(&o, &err);
    ck_assert_ptr_nonnull(ctx);
    mod = jit_load_string(ctx, "remarks_test.py", SRC, &err);
    ck_assert_msg(mod != NULL, "%s", err.message);
}

static void teardown(void)
{
    jit_module_free(mod);
    jit_ctx_free(ctx);
}

static char *remarks(const char *fn, const char *sig)
{
    jit_error err = {0};
    char *r = jit_remarks(jit_get(mod, fn, &err), sig, &err);
    ck_assert_msg(r != NULL, "%s", err.message);
    return r;
}

#define HAS(text, what) ck_assert_msg(strstr(text, what) != NULL, "no '%s' in:\n%s", what, text)

START_TEST(test_two_loops_and_inlined_callee)
{
    char *r = remarks("two", "f8(f8[::1], f8[::1])");
    /* scale's loop, inlined into two: the callee's position */
    HAS(r, "remarks_test.py:6:5: remark: vectorized loop (vectorization width: ");
    HAS(r, "remarks_test.py:13:5: remark: vectorized loop (vectorization width: ");
    jit_free(r);
}
END_TEST

START_TEST(test_prelude_loop_at_call_site)
{
    char *r = remarks("npsum", "f8(f8[::1])");
    HAS(r, "remarks_test.py:19:5: remark: vectorized loop");   /* the array expression */
    HAS(r, "remarks_test.py:20:12: remark: vectorized loop (vectorization width: ");
    HAS(r, ") (in np.sum)\n");
    ck_assert_ptr_null(strstr(r, "prelude"));
    jit_free(r);
}
END_TEST

START_TEST(test_missed_with_reason)
{
    char *r = remarks("search", "i8(f8[::1])");
    HAS(r, "remarks_test.py:25:5: remark: loop not vectorized");
    jit_free(r);
    r = remarks("par", "void(f8[::1])");
    HAS(r, "remarks_test.py:31:5: remark: vectorized loop");   /* the outlined prange body */
    jit_free(r);
}
END_TEST

START_TEST(test_no_debug_info_unless_asked)
{
    jit_error err = {0};
    char *ir = jit_ir(jit_get(mod, "two", &err), "f8(f8[::1], f8[::1])", 1, &err);
    ck_assert_ptr_nonnull(ir);
    ck_assert_ptr_null(strstr(ir, "!dbg"));
    ck_assert_ptr_null(strstr(ir, "DILocation"));
    jit_free(ir);
    char *s = jit_asm(jit_get(mod, "two", &err), "f8(f8[::1], f8[::1])", &err);
    ck_assert_ptr_nonnull(s);
    ck_assert_ptr_null(strstr(s, "\t.loc\t"));
    jit_free(s);
}
END_TEST

START_TEST(test_debug_info_option)
{
    jit_error err = {0};
    jit_options o = jit_options_default();
    o.debug_info = 1;
    jit_ctx *c = jit_ctx_new(&o, &err);
    ck_assert_ptr_nonnull(c);
    jit_module *m = jit_load_string(c, "remarks_test.py", SRC, &err);
    ck_assert_ptr_nonnull(m);
    jit_fn *f = jit_get(m, "two", &err);
    char *ir = jit_ir(f, "f8(f8[::1], f8[::1])", 0, &err);
    ck_assert_ptr_nonnull(ir);
    HAS(ir, "!DISubprogram(name: \"two\"");
    HAS(ir, "!DILocation(line: 13, column: 5");
    HAS(ir, "!llvm.loop");
    jit_free(ir);
    char *s = jit_asm(f, "f8(f8[::1], f8[::1])", &err);
    ck_assert_ptr_nonnull(s);
    HAS(s, " 13 5");           /* .loc FILE 13 5 */
    HAS(s, "\"remarks_test.py\"");
    jit_free(s);
    /* and the code still runs, with the same result */
    double a[4] = {1, 2, 3, 4}, b[4] = {1, 2, 3, 4};
    int64_t n = 4;
    jit_array xa = jit_array_wrap(a, JIT_FLOAT64, 1, &n, NULL), xb = jit_array_wrap(b, JIT_FLOAT64, 1, &n, NULL);
    jit_value args[2] = {jit_arr(&xa), jit_arr(&xb)}, out;
    ck_assert_int_eq(jit_call(f, args, 2, &out, &err), 0);
    ck_assert(out.f == 10.0 && a[3] == 8.0);
    jit_module_free(m);
    jit_ctx_free(c);
}
END_TEST

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        n += strstr(e->d_name, ".jco") != NULL;
    if (d)
        closedir(d);
    return n;
}

/* code with a line table is other code: its own cache entry */
START_TEST(test_cache_keeps_debug_info_apart)
{
    char dir[] = "/tmp/jit_remarks_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    for (int g = 0; g < 2; g++) {
        jit_error err = {0};
        jit_options o = jit_options_default();
        o.cache = 1;
        o.cache_dir = dir;
        o.debug_info = g;
        jit_ctx *c = jit_ctx_new(&o, &err);
        jit_module *m = jit_load_string(c, "remarks_test.py", SRC, &err);
        ck_assert_ptr_nonnull(jit_compile(jit_get(m, "search", &err), "i8(f8[::1])", &err));
        jit_module_free(m);
        jit_ctx_free(c);
        ck_assert_int_eq(count_entries(dir), g + 1);
    }
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

Suite *suite_remarks(void)
{
    Suite *s = suite_create("remarks");
    TCase *tc = tcase_create("remarks");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_two_loops_and_inlined_callee);
    tcase_add_test(tc, test_prelude_loop_at_call_site);
    tcase_add_test(tc, test_missed_with_reason);
    tcase_add_test(tc, test_no_debug_info_unless_asked);
    tcase_add_test(tc, test_debug_info_option);
    tcase_add_test(tc, test_cache_keeps_debug_info_apart);
    suite_add_tcase(s, tc);
    return s;
}
