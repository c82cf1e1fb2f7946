/* array.c - refcounted array memory (MemInfo) and the jit_array helpers.
 *
 * A MemInfo owns one buffer. It is allocated as a single counted block:
 *
 *     [RtMemInfo | padding | data (64-byte aligned) ...]
 *
 * so one rt_malloc and one rt_free cover both (like Numba's
 * NRT_MemInfo_alloc_safe), and data is aligned for the widest vector loads.
 *
 * Ownership convention: every jit_array* that libjit hands to the host
 * (jit_array_new, jit_npy_load, a kernel's returned array boxed by
 * rt_array_box) is a descriptor allocated with rt_malloc (so the statistics
 * see a descriptor the host forgot to release) whose `base` is an RtMemInfo*
 * that already holds one reference on behalf of that descriptor.
 * jit_array_release drops that reference and rt_frees the descriptor.
 * Arrays made by jit_array_wrap describe host memory: base is NULL and
 * nothing is freed. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rt.h"

#define RT_ALIGN 64   /* a cache line; also the widest AVX-512 vector */

/* Bytes in front of the data: the header plus worst-case padding. */
#define RT_OVERHEAD (sizeof(RtMemInfo) + RT_ALIGN - 1)

static void raise_nbytes(const char *what, int64_t nbytes)
{
    char msg[128];
    snprintf(msg, sizeof msg, "cannot allocate array of %s%lld bytes", what, (long long)nbytes);
    rt_raise(JIT_ERR_MEMORY, msg, NULL, 0);
}

RtMemInfo *rt_meminfo_alloc(int64_t nbytes)
{
    if (nbytes < 0) {
        raise_nbytes("negative size: ", nbytes);
        return NULL;
    }
    /* No object may exceed PTRDIFF_MAX (malloc refuses it anyway); checking
     * here also keeps absurd sizes away from the allocator. */
    if ((uint64_t)nbytes > (uint64_t)PTRDIFF_MAX - RT_OVERHEAD) {
        raise_nbytes("", nbytes);
        return NULL;
    }
    RtMemInfo *mi = rt_malloc(RT_OVERHEAD + (size_t)nbytes);
    if (!mi) {
        raise_nbytes("", nbytes);
        return NULL;
    }
    uintptr_t first = (uintptr_t)(mi + 1);
    mi->data = (void *)((first + RT_ALIGN - 1) & ~(uintptr_t)(RT_ALIGN - 1));
    mi->size = (size_t)nbytes;
    mi->refcnt = 1;
    mi->release = NULL;
    mi->owner = NULL;
    rt_stats_meminfo(0);
    return mi;
}

void rt_meminfo_free(RtMemInfo *mi)
{
    if (!mi)
        return;
    if (mi->release)
        mi->release(mi->owner, mi->data);
    rt_stats_meminfo(1);
    rt_free(mi);
}

RtMemInfo *rt_meminfo_external(void *data, size_t size, void (*release)(void *, void *), void *owner)
{
    RtMemInfo *mi = rt_calloc(1, sizeof *mi);
    if (!mi) {
        release(owner, data);
        raise_nbytes("", (int64_t)sizeof *mi);
        return NULL;
    }
    mi->refcnt = 1;
    mi->data = data;
    mi->size = size;
    mi->release = release;
    mi->owner = owner;
    rt_stats_meminfo(0);
    return mi;
}

/* refcnt is a plain int64_t in the shared struct because generated code
 * updates it with LLVM atomicrmw; the GCC/Clang __atomic builtins operate on
 * the same plain object (C11 atomic_* would require an _Atomic type). */
void rt_meminfo_incref(RtMemInfo *mi)
{
    if (mi)
        __atomic_fetch_add(&mi->refcnt, 1, __ATOMIC_RELAXED);
}

void rt_meminfo_decref(RtMemInfo *mi)
{
    if (mi && __atomic_sub_fetch(&mi->refcnt, 1, __ATOMIC_ACQ_REL) == 0)
        rt_meminfo_free(mi);
}

/* ---- dtypes ---- */

static const struct {
    const char *name;
    size_t size;
} dtypes[] = {
    [JIT_BOOL] = {"bool", 1},
    [JIT_INT8] = {"int8", 1},
    [JIT_INT16] = {"int16", 2},
    [JIT_INT32] = {"int32", 4},
    [JIT_INT64] = {"int64", 8},
    [JIT_UINT8] = {"uint8", 1},
    [JIT_UINT16] = {"uint16", 2},
    [JIT_UINT32] = {"uint32", 4},
    [JIT_UINT64] = {"uint64", 8},
    [JIT_FLOAT32] = {"float32", 4},
    [JIT_FLOAT64] = {"float64", 8},
};

static int dtype_valid(jit_dtype t)
{
    return (unsigned)t < sizeof dtypes / sizeof dtypes[0];
}

size_t jit_dtype_size(jit_dtype t)
{
    return dtype_valid(t) ? dtypes[t].size : 0;
}

const char *jit_dtype_name(jit_dtype t)
{
    return dtype_valid(t) ? dtypes[t].name : "unknown";
}

/* ---- arrays ---- */

/* Fills C-contiguous byte strides: the last axis varies fastest. */
static void c_strides(int64_t *strides, const int64_t *shape, int ndim, size_t itemsize)
{
    /* unsigned: a host may wrap any shape; jit_array_new checks its own */
    uint64_t s = itemsize;
    for (int i = ndim - 1; i >= 0; i--) {
        strides[i] = (int64_t)s;
        s *= shape[i] > 0 ? (uint64_t)shape[i] : 1;
    }
}

/* An invalid ndim or missing shape gives an array with data NULL and ndim 0,
 * which jit_call and the kernels' argument checks reject: this function has
 * no error channel. */
jit_array jit_array_wrap(void *data, jit_dtype dtype, int ndim,
                         const int64_t *shape, const int64_t *strides)
{
    jit_array a;
    memset(&a, 0, sizeof a);
    a.dtype = dtype;
    if (ndim < 0 || ndim > JIT_MAX_NDIM || (ndim > 0 && !shape))
        return a;
    a.data = data;
    a.ndim = ndim;
    for (int i = 0; i < ndim; i++)
        a.shape[i] = shape[i];
    if (strides)
        memcpy(a.strides, strides, (size_t)ndim * sizeof *strides);
    else
        c_strides(a.strides, a.shape, ndim, jit_dtype_size(dtype));
    return a;
}

/* Product of the shape times itemsize, or -1 on overflow of int64. */
/* The byte size, or -1 when it overflows. As in NumPy, the extents other
 * than zero must multiply without overflow even when one extent is zero:
 * the strides are computed from them. */
static int64_t array_nbytes(const int64_t *shape, int ndim, size_t itemsize)
{
    int64_t n = (int64_t)itemsize;
    int empty = 0;
    for (int i = 0; i < ndim; i++) {
        if (shape[i] == 0)
            empty = 1;
        else if (n > INT64_MAX / shape[i])
            return -1;
        else
            n *= shape[i];
    }
    return empty ? 0 : n;
}

static int check_new_args(jit_dtype dtype, int ndim, const int64_t *shape, jit_error *err)
{
    if (!dtype_valid(dtype)) {
        rt_error_set(err, JIT_ERR_ARGUMENT, NULL, 0, 0, "invalid dtype %d", (int)dtype);
        return -1;
    }
    if (ndim < 0 || ndim > JIT_MAX_NDIM || (ndim > 0 && !shape)) {
        rt_error_set(err, JIT_ERR_ARGUMENT, NULL, 0, 0,
                     "ndim must be between 0 and %d with a shape, got %d", JIT_MAX_NDIM, ndim);
        return -1;
    }
    for (int i = 0; i < ndim; i++) {
        if (shape[i] < 0) {
            rt_error_set(err, JIT_ERR_VALUE, NULL, 0, 0, "negative dimensions are not allowed");
            return -1;
        }
    }
    return 0;
}

jit_array *jit_array_new(jit_dtype dtype, int ndim, const int64_t *shape, jit_error *err)
{
    if (check_new_args(dtype, ndim, shape, err) < 0)
        return NULL;
    int64_t nbytes = array_nbytes(shape, ndim, jit_dtype_size(dtype));
    if (nbytes < 0) {
        rt_error_set(err, JIT_ERR_MEMORY, NULL, 0, 0,
                     "array is too big; the size of its %d dimensions overflows int64", ndim);
        return NULL;
    }
    jit_array *a = rt_malloc(sizeof *a);
    RtMemInfo *mi = a ? rt_meminfo_alloc(nbytes) : NULL;
    if (!mi) {
        rt_free(a);
        if (rt_error_take(err) == 0)
            rt_error_set(err, JIT_ERR_MEMORY, NULL, 0, 0, "out of memory");
        return NULL;
    }
    memset(mi->data, 0, (size_t)nbytes);
    *a = jit_array_wrap(mi->data, dtype, ndim, shape, NULL);
    a->base = mi;
    return a;
}

void jit_array_release(jit_array *a)
{
    if (!a)
        return;
    rt_meminfo_decref(a->base);
    rt_free(a);
}

int64_t jit_array_size(const jit_array *a)
{
    if (!a)
        return 0;
    int64_t n = 1;
    for (int i = 0; i < a->ndim && i < JIT_MAX_NDIM; i++)
        n *= a->shape[i];
    return n;
}

/* ---- tagged values ---- */

void jit_value_release(jit_value *v)
{
    if (!v)
        return;
    if (v->tag == JIT_V_ARRAY) {
        jit_array_release(v->arr);
        v->arr = NULL;
    } else if (v->tag == JIT_V_TUPLE) {
        for (int i = 0; i < v->tuple.n; i++)
            jit_value_release(&v->tuple.items[i]);
        free(v->tuple.items);   /* tuple items are plain malloc'd */
        v->tuple.items = NULL;
        v->tuple.n = 0;
    }
    v->tag = JIT_V_NONE;
}
