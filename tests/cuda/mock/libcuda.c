/* libcuda.c - a stand-in for the CUDA driver (libcuda.so.1) that exercises
 * libjit's driver path (targets/cuda.c) on machines without a GPU.
 *
 * "Device" memory is host memory; modules keep their PTX, which is checked
 * (an .entry for the kernel, the device's .target); a launch of a kernel
 * this file knows is executed on the CPU from the kernel parameters exactly
 * as the driver would receive them (data pointers, shapes, strides, scalars),
 * so argument marshalling and the copies in and out are checked end to end.
 * Kernels known here:
 *   scale(a: f8, x: f8[::1])      x[i] *= a for i < x.shape[0]
 *   _uf_hyp_N_gpu(x: f8[::1], y: f8, o: f8[::1])
 *                                 o[i] = sqrt(x[i]^2 + y^2): the kernel libjit
 *                                 synthesizes for @vectorize(target='cuda') hyp
 *   fail(...)                     the launch fails with CUDA_ERROR_LAUNCH_FAILED
 * Every call it answers is logged to stderr with MOCK_CUDA_LOG=1. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int CUresult;
typedef unsigned long long CUdeviceptr;

enum { OK = 0, ERR_INVALID_VALUE = 1, ERR_INVALID_PTX = 218, ERR_NOT_FOUND = 500, ERR_LAUNCH_FAILED = 719 };

typedef struct Mod { char *ptx; } Mod;
typedef struct Fn { char name[64]; } Fn;

static void logf_(const char *fmt, const char *s)
{
    if (getenv("MOCK_CUDA_LOG"))
        fprintf(stderr, fmt, s);
}

CUresult cuInit(unsigned f) { (void)f; return OK; }
CUresult cuDriverGetVersion(int *v) { *v = 12040; return OK; }
CUresult cuDeviceGetCount(int *n) { *n = 1; return OK; }
CUresult cuDeviceGet(int *d, int i) { *d = i; return i == 0 ? OK : ERR_INVALID_VALUE; }
CUresult cuDeviceGetName(char *n, int len, int d) { (void)d; snprintf(n, (size_t)len, "Mock GPU"); return OK; }
CUresult cuDeviceGetAttribute(int *v, int attr, int d)
{
    (void)d;
    *v = attr == 75 ? 9 : attr == 76 ? 0 : 1024;
    return OK;
}
static int ctx_obj;
CUresult cuDevicePrimaryCtxRetain(void **c, int d) { (void)d; *c = &ctx_obj; return OK; }
CUresult cuDevicePrimaryCtxRelease_v2(int d) { (void)d; return OK; }
CUresult cuCtxSetCurrent(void *c) { return c == &ctx_obj ? OK : ERR_INVALID_VALUE; }
CUresult cuCtxSynchronize(void) { return OK; }

CUresult cuModuleLoadDataEx(void **m, const void *image, unsigned n, int *opts, void **vals)
{
    const char *ptx = image;
    (void)n; (void)opts; (void)vals;
    if (!strstr(ptx, ".target sm_90") || !strstr(ptx, ".entry")) {
        /* what the driver's JIT would put in its error log */
        for (unsigned i = 0; i < n; i++)
            if (opts[i] == 5)
                snprintf(vals[i], 64, "ptxas fatal: mock: no sm_90 .entry");
        return ERR_INVALID_PTX;
    }
    Mod *md = calloc(1, sizeof *md);
    md->ptx = strdup(ptx);
    *m = md;
    logf_("mock: module loaded (%s)\n", ".target sm_90");
    return OK;
}
CUresult cuModuleUnload(void *m) { free(((Mod *)m)->ptx); free(m); return OK; }
CUresult cuModuleGetFunction(void **f, void *m, const char *name)
{
    char entry[96];
    snprintf(entry, sizeof entry, ".entry %s(", name);
    if (!strstr(((Mod *)m)->ptx, entry))
        return ERR_NOT_FOUND;
    Fn *fn = calloc(1, sizeof *fn);
    snprintf(fn->name, sizeof fn->name, "%s", name);
    *f = fn;
    return OK;
}

CUresult cuLaunchKernel(void *f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                        unsigned shmem, void *stream, void **params, void **extra)
{
    Fn *fn = f;
    (void)gy; (void)gz; (void)by; (void)bz; (void)shmem; (void)stream; (void)extra;
    logf_("mock: launch %s\n", fn->name);
    if (!strcmp(fn->name, "fail"))
        return ERR_LAUNCH_FAILED;
    if (!strcmp(fn->name, "scale")) {
        double a = *(double *)params[0];
        double *x = (double *)(uintptr_t) * (CUdeviceptr *)params[1];
        int64_t n = *(int64_t *)params[2], stride = *(int64_t *)params[3];
        if (stride != 8 || (int64_t)gx * bx < n)
            return ERR_INVALID_VALUE;
        for (int64_t i = 0; i < n; i++)
            x[i] *= a;
        return OK;
    }
    if (!strncmp(fn->name, "_uf_hyp_", 8)) {
        double *x = (double *)(uintptr_t) * (CUdeviceptr *)params[0];
        int64_t n = *(int64_t *)params[1];
        double y = *(double *)params[3];
        double *o = (double *)(uintptr_t) * (CUdeviceptr *)params[4];
        if (*(int64_t *)params[5] != n || (int64_t)gx * bx < n)
            return ERR_INVALID_VALUE;
        for (int64_t i = 0; i < n; i++)
            o[i] = sqrt(x[i] * x[i] + y * y);
        return OK;
    }
    return ERR_INVALID_VALUE;
}

CUresult cuMemAlloc_v2(CUdeviceptr *p, size_t n) { *p = (CUdeviceptr)(uintptr_t)malloc(n); return *p ? OK : 2; }
CUresult cuMemAllocManaged(CUdeviceptr *p, size_t n, unsigned fl)
{
    (void)fl;
    logf_("mock: %s\n", "managed allocation");
    *p = (CUdeviceptr)(uintptr_t)calloc(1, n);
    return *p ? OK : 2;
}
CUresult cuMemFree_v2(CUdeviceptr p) { free((void *)(uintptr_t)p); return OK; }
CUresult cuMemcpyHtoD_v2(CUdeviceptr d, const void *h, size_t n) { memcpy((void *)(uintptr_t)d, h, n); return OK; }
CUresult cuMemcpyDtoH_v2(void *h, CUdeviceptr d, size_t n) { memcpy(h, (void *)(uintptr_t)d, n); return OK; }

static int ev;
CUresult cuEventCreate(void **e, unsigned f) { (void)f; *e = &ev; return OK; }
CUresult cuEventRecord(void *e, void *s) { (void)e; (void)s; return OK; }
CUresult cuEventSynchronize(void *e) { (void)e; return OK; }
CUresult cuEventDestroy_v2(void *e) { (void)e; return OK; }
CUresult cuEventElapsedTime(float *ms, void *a, void *b) { (void)a; (void)b; *ms = 0.5f; return OK; }

CUresult cuGetErrorName(CUresult r, const char **s)
{
    *s = r == ERR_LAUNCH_FAILED ? "CUDA_ERROR_LAUNCH_FAILED" : r == ERR_INVALID_PTX ? "CUDA_ERROR_INVALID_PTX"
       : r == ERR_INVALID_VALUE ? "CUDA_ERROR_INVALID_VALUE" : "CUDA_ERROR_UNKNOWN";
    return OK;
}
CUresult cuGetErrorString(CUresult r, const char **s)
{
    *s = r == ERR_LAUNCH_FAILED ? "unspecified launch failure" : r == ERR_INVALID_PTX ? "a PTX JIT compilation failed"
       : r == ERR_INVALID_VALUE ? "invalid argument" : "unknown error";
    return OK;
}
