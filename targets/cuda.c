/* cuda.c - launching kernels: the CUDA driver API, opened with
 * dlopen("libcuda.so.1") on first use so that libjit builds, links and runs
 * on machines without a GPU, and the switch to the CPU simulator
 * (runtime/cudasim.c) when JIT_CUDA_SIM=1 or the context's cuda_sim is set.
 *
 * The driver's types and entry points are declared here as cuda.h (CUDA 12
 * and 13) defines them, by their versioned symbol names (cuMemAlloc_v2, ...):
 * no toolkit header is needed to build. One process-wide device (0), its
 * primary context, per jit_ctx; modules are loaded from PTX compiled for the
 * device's compute capability, once per kernel specialization.
 *
 * A launch (rt_cuda_launch) is synchronous, as if every launch were followed
 * by cuda.synchronize(): host arrays are copied to the device before and
 * back after it (Numba does the same for host arrays), device arrays
 * (cuda.to_device, cuda.device_array: managed memory, so host code may also
 * read them) are passed as they are. JIT_CUDA_TIMING=1 prints each launch's
 * kernel time (CUDA events) and PTX compile time to stderr. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../frontend/ufunc.h"
#include "../jit/jit_int.h"
#include "../runtime/rt.h"

typedef int CUresult;
typedef int CUdevice;
typedef struct CUctx_st *CUcontext;
typedef struct CUmod_st *CUmodule;
typedef struct CUfunc_st *CUfunction;
typedef struct CUstream_st *CUstream;
typedef struct CUevent_st *CUevent;
typedef unsigned long long CUdeviceptr;

enum {
    CU_ATTR_MAX_THREADS_PER_BLOCK = 1,
    CU_ATTR_CC_MAJOR = 75,
    CU_ATTR_CC_MINOR = 76,
    CU_JIT_ERROR_LOG_BUFFER = 5,
    CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6,
    CU_MEM_ATTACH_GLOBAL = 1,
};

/* The driver entry points used, with their symbol names. */
#define CUDA_FNS(X) \
    X(init, "cuInit", (unsigned)) \
    X(driver_version, "cuDriverGetVersion", (int *)) \
    X(device_count, "cuDeviceGetCount", (int *)) \
    X(device_get, "cuDeviceGet", (CUdevice *, int)) \
    X(device_name, "cuDeviceGetName", (char *, int, CUdevice)) \
    X(device_attr, "cuDeviceGetAttribute", (int *, int, CUdevice)) \
    X(ctx_retain, "cuDevicePrimaryCtxRetain", (CUcontext *, CUdevice)) \
    X(ctx_release, "cuDevicePrimaryCtxRelease_v2", (CUdevice)) \
    X(ctx_set, "cuCtxSetCurrent", (CUcontext)) \
    X(ctx_sync, "cuCtxSynchronize", (void)) \
    X(module_load, "cuModuleLoadDataEx", (CUmodule *, const void *, unsigned, int *, void **)) \
    X(module_unload, "cuModuleUnload", (CUmodule)) \
    X(module_fn, "cuModuleGetFunction", (CUfunction *, CUmodule, const char *)) \
    X(launch, "cuLaunchKernel", (CUfunction, unsigned, unsigned, unsigned, unsigned, unsigned, unsigned, \
                                 unsigned, CUstream, void **, void **)) \
    X(mem_alloc, "cuMemAlloc_v2", (CUdeviceptr *, size_t)) \
    X(mem_managed, "cuMemAllocManaged", (CUdeviceptr *, size_t, unsigned)) \
    X(mem_free, "cuMemFree_v2", (CUdeviceptr)) \
    X(htod, "cuMemcpyHtoD_v2", (CUdeviceptr, const void *, size_t)) \
    X(dtoh, "cuMemcpyDtoH_v2", (void *, CUdeviceptr, size_t)) \
    X(event_create, "cuEventCreate", (CUevent *, unsigned)) \
    X(event_record, "cuEventRecord", (CUevent, CUstream)) \
    X(event_sync, "cuEventSynchronize", (CUevent)) \
    X(event_destroy, "cuEventDestroy_v2", (CUevent)) \
    X(error_name, "cuGetErrorName", (CUresult, const char **)) \
    X(error_string, "cuGetErrorString", (CUresult, const char **))

struct Cuda {
    void *lib;
    int ok;                  /* device and context ready */
    char why[512];           /* why not, for errors and sysinfo */
    CUdevice dev;
    CUcontext ctx;
    int cc_major, cc_minor;
    char arch[16];           /* "sm_90" */
#define X(name, sym, params) CUresult (*name) params;
    CUDA_FNS(X)
#undef X
    CUresult (*elapsed)(float *, CUevent, CUevent);   /* cuEventElapsedTime(_v2) */
};

/* The run-time handle of one kernel specialization launched from compiled
 * host code (lives in the module's arena). */
typedef struct CudaKernel {
    jit_module *mod;
    const FuncDef *def;      /* the kernel in mod->ast; NULL for a synthesized
                                one (a target='cuda' ufunc's, which lives only
                                during its compile) */
    const char *name;
    const char *gen_src;     /* a synthesized kernel's own source text */
    const Type **args;
    int nargs;
    CUmodule cumod;          /* loaded on first GPU launch */
    CUfunction fn;
    double ptx_ms;
    struct CudaKernel *next;  /* the module's other handles */
} CudaKernel;

/* The configuration jit_cuda_launch hands to the kernel's C entry. */
static _Thread_local const int64_t *pending_config;

void cuda_set_config(const int64_t *dims)
{
    pending_config = dims;
}

/* One handle per kernel and argument types in a module, so every launch
 * site of a specialization shares its PTX and loaded module. Called while
 * compiling (the context lock is held). */
void *cuda_kernel_ref(void *host, const TypedFunc *k)
{
    jit_module *m = host;
    const FuncDef *def = k->src->generated ? NULL : k->src;
    for (CudaKernel *r = m->cuda_kernels; def && r; r = r->next) {
        int same = r->def == def && r->nargs == k->nargs;
        for (int i = 0; same && i < k->nargs; i++)
            same = ty_equal(r->args[i], k->args[i]);
        if (same)
            return r;
    }
    CudaKernel *r = arena_alloc(&m->arena, sizeof *r);
    const Type **args = arena_array(&m->arena, (size_t)k->nargs + 1, sizeof *args);
    if (!r || !args)
        return NULL;
    memset(r, 0, sizeof *r);
    for (int i = 0; i < k->nargs; i++)
        args[i] = type_copy(&m->arena, k->args[i]);
    r->mod = m;
    r->def = def;
    r->name = arena_strdup(&m->arena, k->src->name);
    if (!r->name)
        return NULL;
    if (!def && k->src->src_start)
        r->gen_src = arena_strndup(&m->arena, k->src->src_start, (size_t)k->src->src_len);
    r->args = args;
    r->nargs = k->nargs;
    r->next = m->cuda_kernels;
    m->cuda_kernels = r;
    return r;
}

int cuda_sim_enabled(const jit_ctx *ctx)
{
    const char *e = getenv("JIT_CUDA_SIM");
    return (ctx && ctx->opts.cuda_sim) || (e && *e && strcmp(e, "0"));
}

/* ---------- the driver ---------- */

static const char *err_text(Cuda *cu, CUresult r, char *buf, size_t n)
{
    const char *name = NULL, *str = NULL;
    if (cu->error_name)
        cu->error_name(r, &name);
    if (cu->error_string)
        cu->error_string(r, &str);
    snprintf(buf, n, "%s (%s)", name ? name : "CUDA_ERROR_UNKNOWN", str ? str : "no description");
    return buf;
}

static void open_driver(Cuda *cu)
{
    cu->lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!cu->lib) {
        snprintf(cu->why, sizeof cu->why, "libcuda.so.1 not found (%s)", dlerror());
        return;
    }
    int missing = 0;
#define X(name, sym, params) \
    if (!(*(void **)&cu->name = dlsym(cu->lib, sym)) && !missing++) \
        snprintf(cu->why, sizeof cu->why, "libcuda.so.1 lacks %s (driver too old?)", sym);
    CUDA_FNS(X)
#undef X
    *(void **)&cu->elapsed = dlsym(cu->lib, "cuEventElapsedTime_v2");
    if (!cu->elapsed)
        *(void **)&cu->elapsed = dlsym(cu->lib, "cuEventElapsedTime");
    if (missing)
        return;
    char e[256];
    int n = 0;
    CUresult r = cu->init(0);
    if (r) {
        snprintf(cu->why, sizeof cu->why, "cuInit failed: %s", err_text(cu, r, e, sizeof e));
        return;
    }
    if ((r = cu->device_count(&n)) || n < 1) {
        snprintf(cu->why, sizeof cu->why, "no CUDA device%s%s", r ? ": " : "", r ? err_text(cu, r, e, sizeof e) : "");
        return;
    }
    if ((r = cu->device_get(&cu->dev, 0)) || (r = cu->ctx_retain(&cu->ctx, cu->dev))) {
        snprintf(cu->why, sizeof cu->why, "cannot open device 0: %s", err_text(cu, r, e, sizeof e));
        return;
    }
    cu->device_attr(&cu->cc_major, CU_ATTR_CC_MAJOR, cu->dev);
    cu->device_attr(&cu->cc_minor, CU_ATTR_CC_MINOR, cu->dev);
    /* LLVM 19's NVPTX knows up to sm_90; newer devices JIT-compile sm_90's
     * PTX (it is forward compatible) */
    int cc = cu->cc_major * 10 + cu->cc_minor;
    snprintf(cu->arch, sizeof cu->arch, "sm_%d", cc > 90 ? 90 : cc < 50 ? 50 : cc);
    cu->ok = 1;
}

/* The context's driver, opened on first use; NULL (with the reason in
 * *why) when there is none. */
static Cuda *driver(jit_ctx *ctx, const char **why)
{
    pthread_mutex_lock(&ctx->lock);
    if (!ctx->cuda && (ctx->cuda = rt_calloc(1, sizeof *ctx->cuda)))
        open_driver(ctx->cuda);
    Cuda *cu = ctx->cuda;
    pthread_mutex_unlock(&ctx->lock);
    if (!cu || !cu->ok) {
        *why = cu ? cu->why : "out of memory";
        return NULL;
    }
    cu->ctx_set(cu->ctx);
    return cu;
}

const char *cuda_default_arch(jit_ctx *ctx)
{
    const char *why;
    Cuda *cu = driver(ctx, &why);
    return cu ? cu->arch : "sm_80";
}

void cuda_free(jit_ctx *ctx)
{
    Cuda *cu = ctx->cuda;
    if (!cu)
        return;
    if (cu->ok)
        cu->ctx_release(cu->dev);
    if (cu->lib)
        dlclose(cu->lib);
    rt_free(cu);
    ctx->cuda = NULL;
}

static int no_driver(const char *why, const char *file, int line)
{
    char msg[768];
    snprintf(msg, sizeof msg, "no CUDA driver: %s; set JIT_CUDA_SIM=1 to run on the CPU simulator", why);
    rt_raise(JIT_ERR_CUDA, msg, file, line);
    return 1;
}

static int driver_failed(Cuda *cu, CUresult r, const char *call, const char *file, int line)
{
    char e[256], msg[512];
    snprintf(msg, sizeof msg, "%s failed: %s", call, err_text(cu, r, e, sizeof e));
    rt_raise(JIT_ERR_CUDA, msg, file, line);
    return 1;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static jit_fn *fn_of(CudaKernel *k)
{
    for (int i = 0; i < k->mod->nfns; i++)
        if (k->mod->fns[i].def == k->def)
            return &k->mod->fns[i];
    return NULL;
}

/* A synthesized kernel (a target='cuda' ufunc's, jit/ufunc.c) as a function
 * to compile: its source, kept from its compile, parsed again into the
 * module's arena, in a module made of the script's and the synthesized
 * code's imports and functions. Called with the context lock held. */
static jit_fn *gen_fn(CudaKernel *k, jit_fn *out)
{
    jit_module *m = k->mod;
    if (!k->gen_src)
        return NULL;
    const char *src = arena_printf(&m->arena, "import numpy as _ufnp\nfrom numba import cuda as _ufcuda\n\n\n%s\n",
                                   k->gen_src);
    Diags d;
    diag_init(&d, &m->arena, m->file, src);
    Module *g = src ? parse_module(&m->arena, &d, m->file, src, strlen(src)) : NULL;
    Module *all = arena_alloc(&m->arena, sizeof *all);
    if (!g || d.count || g->nfuncs != 1 || !all)
        return NULL;
    *all = *m->ast;
    Import *im = arena_array(&m->arena, (size_t)(all->nimports + g->nimports) + 1, sizeof *im);
    FuncDef **fs = arena_array(&m->arena, (size_t)all->nfuncs + 2, sizeof *fs);
    if (!im || !fs)
        return NULL;
    memcpy(im, all->imports, (size_t)all->nimports * sizeof *im);
    memcpy(im + all->nimports, g->imports, (size_t)g->nimports * sizeof *im);
    memcpy(fs, all->funcs, (size_t)all->nfuncs * sizeof *fs);
    FuncDef *f = g->funcs[0];
    f->generated = UF_GEN_CUDAK;
    fs[all->nfuncs] = f;
    all->imports = im;
    all->nimports += g->nimports;
    all->funcs = fs;
    all->nfuncs++;
    out->mod = m;
    out->ast = all;
    out->def = f;
    return out;
}

/* PTX for the device's architecture, loaded once per specialization. */
static int load_kernel(Cuda *cu, CudaKernel *k, const char *file, int line)
{
    jit_ctx *ctx = k->mod->ctx;
    pthread_mutex_lock(&ctx->lock);
    if (k->fn) {
        pthread_mutex_unlock(&ctx->lock);
        return 0;
    }
    jit_error err = {0};
    jit_fn gen = {0};
    jit_fn *fn = k->def ? fn_of(k) : gen_fn(k, &gen);
    double t0 = now_ms();
    char *ptx = fn ? pipeline_run(fn, k->args, k->nargs, OUT_PTX, cu->arch, NULL, NULL, NULL, &err) : NULL;
    k->ptx_ms = now_ms() - t0;
    if (!ptx) {
        pthread_mutex_unlock(&ctx->lock);
        rt_raise(err.kind ? (int)err.kind : JIT_ERR_CUDA, err.message[0] ? err.message : "kernel not found",
                 err.file[0] ? err.file : file, err.line ? err.line : line);
        jit_error_clear(&err);
        return 1;
    }
    char log[4096] = "";
    int opts[2] = {CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES};
    void *vals[2] = {log, (void *)(uintptr_t)sizeof log};
    CUresult r = cu->module_load(&k->cumod, ptx, 2, opts, vals);
    free(ptx);
    if (r == 0)
        r = cu->module_fn(&k->fn, k->cumod, k->name);
    pthread_mutex_unlock(&ctx->lock);
    if (r) {
        char e[256], msg[1024];
        snprintf(msg, sizeof msg, "loading the PTX of '%s' failed: %s%s%.600s", k->name,
                 err_text(cu, r, e, sizeof e), log[0] ? ": " : "", log);
        rt_raise(JIT_ERR_CUDA, msg, file, line);
        return 1;
    }
    return 0;
}

static void managed_release(void *owner, void *data)
{
    Cuda *cu = owner;
    cu->ctx_set(cu->ctx);
    cu->mem_free((CUdeviceptr)(uintptr_t)data);
}

/* A host array's copy on the device: the bytes its elements span. */
typedef struct Staged {
    CUdeviceptr dev;
    char *host;              /* first byte of the span */
    size_t len;
} Staged;

static void byte_span(const int64_t *shape, const int64_t *strides, int nd, int64_t esz, int64_t *lo, int64_t *hi)
{
    *lo = *hi = 0;
    for (int k = 0; k < nd; k++) {
        if (shape[k] == 0) {
            *lo = *hi = 0;
            return;
        }
        int64_t ext = (shape[k] - 1) * strides[k];
        if (ext < 0)
            *lo += ext;
        else
            *hi += ext;
    }
    *hi += esz;
}

static int gpu_launch(CudaKernel *k, const int64_t *d, void **argv, const char *file, int line)
{
    const char *why = NULL;
    Cuda *cu = driver(k->mod->ctx, &why);
    if (!cu)
        return no_driver(why, file, line);
    if (load_kernel(cu, k, file, line))
        return 1;
    void *params[1024];
    CUdeviceptr ptrs[256];
    Staged staged[256];
    int np = 0, ns = 0, status = 0;
    CUresult r = 0;
    for (int i = 0; i < k->nargs && i < 255; i++) {
        const Type *t = k->args[i];
        if (np + 1 + 2 * TY_MAX_NDIM > (int)(sizeof params / sizeof params[0])) {
            rt_raise(JIT_ERR_CUDA, "too many kernel parameters (arrays count 1 + 2 * ndim)", file, line);
            status = 1;
            goto out;
        }
        if (t->kind != TY_ARRAY) {
            params[np++] = argv[i];
            continue;
        }
        /* {meminfo, data, shape[nd], strides[nd]}: see jit/lower.h */
        void **a = argv[i];
        RtMemInfo *mi = a[0];
        char *data = a[1];
        int64_t *shape = (int64_t *)(a + 2), *strides = shape + t->arr.ndim;
        if (mi && mi->release == managed_release) {
            ptrs[i] = (CUdeviceptr)(uintptr_t)data;
        } else {
            int64_t lo, hi;
            byte_span(shape, strides, t->arr.ndim, ty_size(t->arr.dtype), &lo, &hi);
            Staged *s = &staged[ns];
            s->host = data + lo;
            s->len = (size_t)(hi - lo);
            if ((r = cu->mem_alloc(&s->dev, s->len ? s->len : 1))) {
                status = driver_failed(cu, r, "cuMemAlloc", file, line);
                goto out;
            }
            ns++;
            if (s->len && (r = cu->htod(s->dev, s->host, s->len))) {
                status = driver_failed(cu, r, "cuMemcpyHtoD", file, line);
                goto out;
            }
            ptrs[i] = s->dev - (CUdeviceptr)lo;
        }
        params[np++] = &ptrs[i];
        for (int f = 0; f < 2 * t->arr.ndim; f++)
            params[np++] = &shape[f];
    }
    CUevent ev[2] = {0};
    int timing = getenv("JIT_CUDA_TIMING") != NULL;
    if (timing && (cu->event_create(&ev[0], 0) || cu->event_create(&ev[1], 0)))
        timing = 0;
    if (timing)
        cu->event_record(ev[0], NULL);
    r = cu->launch(k->fn, (unsigned)d[0], (unsigned)d[1], (unsigned)d[2], (unsigned)d[3], (unsigned)d[4],
                   (unsigned)d[5], 0, NULL, params, NULL);
    if (r) {
        status = driver_failed(cu, r, "cuLaunchKernel", file, line);
    } else {
        if (timing)
            cu->event_record(ev[1], NULL);
        if ((r = cu->ctx_sync()))
            status = driver_failed(cu, r, "the kernel", file, line);
    }
    if (timing) {
        float ms = 0;
        if (!status && cu->elapsed && cu->event_sync(ev[1]) == 0 && cu->elapsed(&ms, ev[0], ev[1]) == 0)
            fprintf(stderr, "cuda: %s<<<(%lld,%lld,%lld),(%lld,%lld,%lld)>>> %.4f ms (PTX %.2f ms, %s)\n",
                    k->name, (long long)d[0], (long long)d[1], (long long)d[2], (long long)d[3],
                    (long long)d[4], (long long)d[5], ms, k->ptx_ms, cu->arch);
        cu->event_destroy(ev[0]);
        cu->event_destroy(ev[1]);
    }
out:
    for (int i = 0; i < ns; i++) {
        if (!status && staged[i].len && (r = cu->dtoh(staged[i].host, staged[i].dev, staged[i].len)))
            status = driver_failed(cu, r, "cuMemcpyDtoH", file, line);
        cu->mem_free(staged[i].dev);
    }
    return status;
}

/* ---------- entry points of compiled code ---------- */

static int bad_config(const int64_t *d, const char *file, int line)
{
    char msg[256];
    int64_t threads = d[3] * d[4] * d[5];
    for (int i = 0; i < 6; i++)
        if (d[i] < 1) {
            snprintf(msg, sizeof msg, "%s dimension %c of a launch must be at least 1, not %lld",
                     i < 3 ? "grid" : "block", 'x' + i % 3, (long long)d[i]);
            rt_raise(JIT_ERR_VALUE, msg, file, line);
            return 1;
        }
    /* CUDA's limits (every architecture since sm_30) */
    if (d[0] > 2147483647 || d[1] > 65535 || d[2] > 65535 || d[3] > 1024 || d[4] > 1024 || d[5] > 64 ||
        threads > 1024) {
        snprintf(msg, sizeof msg, "launch configuration (%lld, %lld, %lld) x (%lld, %lld, %lld) exceeds CUDA's "
                 "limits: at most 1024 threads per block (z at most 64), grid y and z at most 65535",
                 (long long)d[0], (long long)d[1], (long long)d[2], (long long)d[3], (long long)d[4], (long long)d[5]);
        rt_raise(JIT_ERR_VALUE, msg, file, line);
        return 1;
    }
    return 0;
}

int rt_cuda_launch(void *ref, int (*tramp)(void **), int32_t syncs, const int64_t *dims, void **argv,
                   const char *file, int32_t line)
{
    CudaKernel *k = ref;
    if (!dims)
        dims = pending_config;
    if (!dims) {
        rt_raise(JIT_ERR_CUDA, "a @cuda.jit kernel runs on a GPU: launch it as kernel[blocks, threads](...) "
                 "or with jit_cuda_launch", file, line);
        return 1;
    }
    if (bad_config(dims, file, line))
        return 1;
    if (!k) {
        rt_raise(JIT_ERR_INTERNAL, "internal error: kernel launch without a handle", file, line);
        return 1;
    }
    if (cuda_sim_enabled(k->mod->ctx))
        return rt_cudasim_run(tramp, syncs, dims, argv);
    return gpu_launch(k, dims, argv, file, line);
}

RtMemInfo *rt_cuda_alloc(void *host, int64_t nbytes, const char *file, int32_t line)
{
    jit_module *m = host;
    if (nbytes < 0) {
        rt_raise(JIT_ERR_VALUE, "negative dimensions are not allowed", file, line);
        return NULL;
    }
    if (!m || cuda_sim_enabled(m->ctx)) {
        RtMemInfo *mi = rt_meminfo_alloc(nbytes);
        if (!mi)
            rt_raise_alloc(nbytes, file, line);
        return mi;
    }
    const char *why = NULL;
    Cuda *cu = driver(m->ctx, &why);
    if (!cu) {
        no_driver(why, file, line);
        return NULL;
    }
    CUdeviceptr p = 0;
    CUresult r = cu->mem_managed(&p, nbytes ? (size_t)nbytes : 1, CU_MEM_ATTACH_GLOBAL);
    if (r) {
        driver_failed(cu, r, "cuMemAllocManaged", file, line);
        return NULL;
    }
    return rt_meminfo_external((void *)(uintptr_t)p, (size_t)nbytes, managed_release, cu);
}

/* ---------- sysinfo ---------- */

void cuda_describe(jit_ctx *ctx, char *buf, size_t n)
{
    const char *why = NULL;
    Cuda tmp = {0}, *cu = NULL;
    if (ctx)
        cu = driver(ctx, &why);
    else {
        open_driver(&tmp);
        cu = tmp.ok ? &tmp : NULL;
        why = tmp.why;
    }
    const char *sim = cuda_sim_enabled(ctx) ? "; kernels run on the CPU simulator (JIT_CUDA_SIM)" : "";
    if (!cu) {
        snprintf(buf, n, "no driver: %s; kernels compile to PTX and run on the CPU simulator with JIT_CUDA_SIM=1%s",
                 why, sim);
        return;
    }
    int v = 0, nd = 0;
    cu->driver_version(&v);
    cu->device_count(&nd);
    int w = snprintf(buf, n, "driver %d.%d, %d device%s", v / 1000, (v % 1000) / 10, nd, nd == 1 ? "" : "s");
    for (int i = 0; i < nd && w > 0 && (size_t)w < n; i++) {
        CUdevice d;
        char nm[128] = "?";
        int maj = 0, min = 0;
        if (cu->device_get(&d, i) == 0) {
            cu->device_name(nm, sizeof nm, d);
            cu->device_attr(&maj, CU_ATTR_CC_MAJOR, d);
            cu->device_attr(&min, CU_ATTR_CC_MINOR, d);
        }
        w += snprintf(buf + w, n - (size_t)w, "; %d: %s (sm_%d%d)", i, nm, maj, min);
    }
    if (w > 0 && (size_t)w < n)
        snprintf(buf + w, n - (size_t)w, "%s", sim);
    if (cu == &tmp)
        tmp.ctx_release(tmp.dev);
    if (tmp.lib)
        dlclose(tmp.lib);
}
