/* test_cuda.c - GPU kernels without a GPU: jit_cuda_launch on the CPU
 * simulator (grids, syncthreads with shared memory, atomics, errors named by
 * thread), the clear error when there is neither a driver nor the simulator,
 * and what the PTX of shared arrays, barriers and atomics looks like. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../include/jit.h"
#include "../../runtime/rt.h"

static const char *SRC =
    "import math\n"
    "from numba import cuda, float64, int64\n"
    "\n"
    "@cuda.jit\n"
    "def bsum(x, out):\n"
    "    s = cuda.shared.array(32, float64)\n"
    "    t = cuda.threadIdx.x\n"
    "    s[t] = x[cuda.grid(1)]\n"
    "    cuda.syncthreads()\n"
    "    step = 16\n"
    "    while step > 0:\n"
    "        if t < step:\n"
    "            s[t] += s[t + step]\n"
    "        cuda.syncthreads()\n"
    "        step //= 2\n"
    "    if t == 0:\n"
    "        out[cuda.blockIdx.x] = s[0]\n"
    "\n"
    "@cuda.jit\n"
    "def count(c, flags):\n"
    "    i, j = cuda.grid(2)\n"
    "    if i < flags.shape[0] and j < flags.shape[1]:\n"
    "        flags[i, j] = i * 10 + j\n"
    "        cuda.atomic.add(c, 0, 1)\n"
    "\n"
    "@cuda.jit\n"
    "def oob(x):\n"
    "    x[cuda.grid(1)] = 1.0\n"
    "\n"
    "@cuda.jit(fastmath=True)\n"
    "def kfast(x, out):\n"
    "    i = cuda.grid(1)\n"
    "    out[i] = math.sin(x[i]) / x[i] + math.sqrt(x[i])\n"
    "\n"
    "@cuda.jit\n"
    "def kstrict(x, out):\n"
    "    i = cuda.grid(1)\n"
    "    out[i] = math.sin(x[i]) / x[i] + math.sqrt(x[i])\n";

static jit_ctx *open_ctx(int sim, jit_module **m)
{
    jit_error err = {0};
    jit_options o = jit_options_default();
    o.cuda_sim = sim;
    jit_ctx *c = jit_ctx_new(&o, &err);
    ck_assert_ptr_nonnull(c);
    *m = jit_load_string(c, "kernels.py", SRC, &err);
    ck_assert_msg(*m != NULL, "%s", err.message);
    return c;
}

START_TEST(test_sim_shared_reduction)
{
    unsetenv("JIT_CUDA_SIM");
    jit_module *m;
    jit_ctx *c = open_ctx(1, &m);
    jit_error err = {0};
    double x[128], out[4] = {0};
    for (int i = 0; i < 128; i++)
        x[i] = i;
    int64_t nx = 128, no = 4;
    jit_array ax = jit_array_wrap(x, JIT_FLOAT64, 1, &nx, NULL), ao = jit_array_wrap(out, JIT_FLOAT64, 1, &no, NULL);
    jit_value args[2] = {jit_arr(&ax), jit_arr(&ao)};
    const int64_t grid[3] = {4, 1, 1}, block[3] = {32, 1, 1};
    int r = jit_cuda_launch(jit_get(m, "bsum", &err), grid, block, args, 2, &err);
    ck_assert_msg(r == 0, "%s", err.message);
    for (int b = 0; b < 4; b++)
        ck_assert(out[b] == 32.0 * 32 * b + 31 * 16);   /* sum of 32b .. 32b+31 */
    RtStats before, after;
    rt_stats(&before);
    ck_assert_int_eq(jit_cuda_launch(jit_get(m, "bsum", &err), grid, block, args, 2, &err), 0);
    rt_stats(&after);
    ck_assert_int_eq(after.allocs - before.allocs, after.frees - before.frees);   /* shared memory freed */
    jit_module_free(m);
    jit_ctx_free(c);
}
END_TEST

START_TEST(test_sim_2d_atomics)
{
    unsetenv("JIT_CUDA_SIM");
    jit_module *m;
    jit_ctx *c = open_ctx(1, &m);
    jit_error err = {0};
    int64_t cnt = 0, flags[5 * 7] = {0};
    int64_t n1 = 1, sh[2] = {5, 7};
    jit_array ac = jit_array_wrap(&cnt, JIT_INT64, 1, &n1, NULL), af = jit_array_wrap(flags, JIT_INT64, 2, sh, NULL);
    jit_value args[2] = {jit_arr(&ac), jit_arr(&af)};
    const int64_t grid[3] = {2, 3, 1}, block[3] = {4, 4, 1};
    ck_assert_int_eq(jit_cuda_launch(jit_get(m, "count", &err), grid, block, args, 2, &err), 0);
    ck_assert_int_eq(cnt, 35);
    ck_assert_int_eq(flags[4 * 7 + 6], 46);
    ck_assert_int_eq(flags[2 * 7 + 3], 23);
    jit_module_free(m);
    jit_ctx_free(c);
}
END_TEST

START_TEST(test_sim_errors)
{
    unsetenv("JIT_CUDA_SIM");
    jit_module *m;
    jit_ctx *c = open_ctx(1, &m);
    jit_error err = {0};
    double x[10];
    int64_t n = 10;
    jit_array ax = jit_array_wrap(x, JIT_FLOAT64, 1, &n, NULL);
    jit_value args[1] = {jit_arr(&ax)};
    const int64_t grid[3] = {3, 1, 1}, block[3] = {4, 1, 1};
    ck_assert_int_eq(jit_cuda_launch(jit_get(m, "oob", &err), grid, block, args, 1, &err), -1);
    ck_assert_int_eq(err.kind, JIT_ERR_INDEX);
    ck_assert_msg(strstr(err.message, "tid=[2, 0, 0] ctaid=[2, 0, 0]: index 10 is out of bounds") != NULL, "%s",
                  err.message);
    jit_error_clear(&err);
    const int64_t big[3] = {1, 1, 1}, huge[3] = {2048, 1, 1};
    ck_assert_int_eq(jit_cuda_launch(jit_get(m, "oob", &err), big, huge, args, 1, &err), -1);
    ck_assert_int_eq(err.kind, JIT_ERR_VALUE);
    jit_error_clear(&err);
    /* a kernel called like a function has no launch configuration */
    ck_assert_int_eq(jit_call(jit_get(m, "oob", &err), args, 1, NULL, &err), -1);
    ck_assert_int_eq(err.kind, JIT_ERR_CUDA);
    ck_assert_int_eq(jit_cuda_launch(NULL, grid, block, args, 1, &err), -1);
    jit_module_free(m);
    jit_ctx_free(c);
}
END_TEST

/* Without the simulator the launch needs a driver: on a machine without
 * one it is a clear error that names the way out; with a GPU it runs. */
START_TEST(test_no_driver)
{
    unsetenv("JIT_CUDA_SIM");
    jit_module *m;
    jit_ctx *c = open_ctx(0, &m);
    jit_error err = {0};
    double x[128], out[4] = {0};
    for (int i = 0; i < 128; i++)
        x[i] = 1.0;
    int64_t nx = 128, no = 4;
    jit_array ax = jit_array_wrap(x, JIT_FLOAT64, 1, &nx, NULL), ao = jit_array_wrap(out, JIT_FLOAT64, 1, &no, NULL);
    jit_value args[2] = {jit_arr(&ax), jit_arr(&ao)};
    const int64_t grid[3] = {4, 1, 1}, block[3] = {32, 1, 1};
    if (jit_cuda_launch(jit_get(m, "bsum", &err), grid, block, args, 2, &err) == 0) {
        ck_assert(out[3] == 32.0);   /* a real GPU ran it */
    } else {
        ck_assert_int_eq(err.kind, JIT_ERR_CUDA);
        ck_assert_msg(strstr(err.message, "JIT_CUDA_SIM=1") || strstr(err.message, "CUDA_ERROR"), "%s",
                      err.message);
    }
    char *info = jit_sysinfo(c);
    ck_assert_ptr_nonnull(strstr(info, "CUDA:"));
    jit_free(info);
    jit_module_free(m);
    jit_ctx_free(c);
}
END_TEST

START_TEST(test_ptx_shared_atomics)
{
    jit_module *m;
    jit_ctx *c = open_ctx(0, &m);
    jit_error err = {0};
    char *p = jit_ptx(jit_get(m, "bsum", &err), "void(f8[::1], f8[::1])", "sm_80", &err);
    ck_assert_msg(p != NULL, "%s", err.message);
    ck_assert_ptr_nonnull(strstr(p, ".shared .align 16 .b8"));
    ck_assert_ptr_nonnull(strstr(p, "bar.sync"));
    jit_free(p);
    p = jit_ptx(jit_get(m, "count", &err), "void(i8[::1], i8[:, ::1])", "sm_80", &err);
    ck_assert_msg(p != NULL, "%s", err.message);
    ck_assert_msg(strstr(p, "atom.global.add.u64") || strstr(p, "red.global.add.u64"), "%s", p);
    ck_assert_ptr_nonnull(strstr(p, "%ctaid.y"));
    jit_free(p);
    jit_module_free(m);
    jit_ctx_free(c);
}
END_TEST

/* fastmath=True as Numba maps it on CUDA: libdevice's fast float32
 * functions, flush-to-zero, approximate division and square root. */
START_TEST(test_ptx_fastmath)
{
    jit_module *m;
    jit_ctx *c = open_ctx(0, &m);
    jit_error err = {0};
    char *f = jit_ptx(jit_get(m, "kfast", &err), "void(f4[::1], f4[::1])", "sm_80", &err);
    ck_assert_msg(f != NULL, "%s", err.message);
    char *s = jit_ptx(jit_get(m, "kstrict", &err), "void(f4[::1], f4[::1])", "sm_80", &err);
    ck_assert_msg(s != NULL, "%s", err.message);
    ck_assert_ptr_nonnull(strstr(f, "sin.approx.ftz.f32"));
    ck_assert_ptr_nonnull(strstr(f, "div.approx.ftz.f32"));
    ck_assert_ptr_nonnull(strstr(f, "sqrt.approx.ftz.f32"));
    ck_assert_ptr_null(strstr(s, "approx.ftz"));
    ck_assert_ptr_nonnull(strstr(s, "div.rn.f32"));
    ck_assert_ptr_nonnull(strstr(s, "sqrt.rn.f32"));
    jit_free(f);
    jit_free(s);
    jit_module_free(m);
    jit_ctx_free(c);
}
END_TEST

Suite *suite_cuda(void)
{
    Suite *s = suite_create("cuda");
    TCase *tc = tcase_create("cuda");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_sim_shared_reduction);
    tcase_add_test(tc, test_sim_2d_atomics);
    tcase_add_test(tc, test_sim_errors);
    tcase_add_test(tc, test_no_driver);
    tcase_add_test(tc, test_ptx_shared_atomics);
    tcase_add_test(tc, test_ptx_fastmath);
    suite_add_tcase(s, tc);
    return s;
}
