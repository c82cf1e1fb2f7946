/* builtins.h - every library function a kernel can call, in one table.
 *
 * Legend of BUILTINS(X): X(id, qualified name, typing rule, implementation)
 *   qualified name  how scripts reach it: "len", "math.sqrt", "numpy.sqrt",
 *                   "numba.prange" (aliases from imports resolve to these)
 *   typing rule     an R_* rule of infer.c (argument count and result type)
 *   implementation  for R_FLOAT1/R_FLOAT2/R_ROUND: "llvm.NAME" is an LLVM
 *                   intrinsic overloaded on the float type, any other name is
 *                   the libm function for float64 (float32 appends "f");
 *                   "" means lowered by its own case in lower_call.c.
 * Adding a math function is one line here. */
#ifndef JIT_BUILTINS_H
#define JIT_BUILTINS_H

#define MATH1(X, n, impl) \
    X(BI_MATH_##n, "math." #n, R_FLOAT1, impl) X(BI_NP_##n, "numpy." #n, R_FLOAT1, impl)
#define MATH2(X, n, impl) \
    X(BI_MATH_##n, "math." #n, R_FLOAT2, impl) X(BI_NP_##n, "numpy." #n, R_FLOAT2, impl)

/* numpy.NAME and the array method a.NAME(), both from the prelude */
#define NPM(X, n, impl) \
    X(BI_NP_##n, "numpy." #n, R_PRELUDE, impl) X(BI_ARR_##n, "array." #n, R_PRELUDE, impl)

#define BUILTINS(X) \
    X(BI_RANGE, "range", R_RANGE, "") \
    X(BI_PRANGE, "numba.prange", R_RANGE, "") \
    X(BI_LEN, "len", R_LEN, "") \
    X(BI_PRINT, "print", R_PRINT, "") \
    X(BI_ABS, "abs", R_ABS, "") \
    X(BI_NP_abs, "numpy.abs", R_ABS, "") \
    X(BI_NP_absolute, "numpy.absolute", R_ABS, "") \
    X(BI_MIN, "min", R_MINMAX, "") \
    X(BI_MAX, "max", R_MINMAX, "") \
    X(BI_INT, "int", R_CAST, "int64") \
    X(BI_FLOAT, "float", R_CAST, "float64") \
    X(BI_BOOL, "bool", R_CAST, "bool") \
    X(BI_ROUND, "round", R_ROUND, "llvm.roundeven") \
    MATH1(X, sqrt, "llvm.sqrt") MATH1(X, exp, "llvm.exp") MATH1(X, log, "llvm.log") \
    MATH1(X, log2, "llvm.log2") MATH1(X, log10, "llvm.log10") MATH1(X, sin, "llvm.sin") \
    MATH1(X, cos, "llvm.cos") MATH1(X, tan, "tan") MATH1(X, asin, "asin") \
    MATH1(X, acos, "acos") MATH1(X, atan, "atan") MATH1(X, sinh, "sinh") \
    MATH1(X, cosh, "cosh") MATH1(X, tanh, "tanh") MATH1(X, expm1, "expm1") \
    MATH1(X, log1p, "log1p") MATH1(X, exp2, "llvm.exp2") MATH1(X, fabs, "llvm.fabs") \
    MATH1(X, asinh, "asinh") MATH1(X, acosh, "acosh") MATH1(X, atanh, "atanh") \
    X(BI_MATH_erf, "math.erf", R_FLOAT1, "erf") X(BI_MATH_erfc, "math.erfc", R_FLOAT1, "erfc") \
    X(BI_MATH_gamma, "math.gamma", R_FLOAT1, "tgamma") X(BI_MATH_lgamma, "math.lgamma", R_FLOAT1, "lgamma") \
    X(BI_NP_arcsin, "numpy.arcsin", R_FLOAT1, "asin") X(BI_NP_arccos, "numpy.arccos", R_FLOAT1, "acos") \
    X(BI_NP_arctan, "numpy.arctan", R_FLOAT1, "atan") X(BI_NP_arctan2, "numpy.arctan2", R_FLOAT2, "atan2") \
    X(BI_NP_power, "numpy.power", R_FLOAT2, "llvm.pow") \
    MATH2(X, atan2, "atan2") MATH2(X, pow, "llvm.pow") MATH2(X, hypot, "hypot") \
    MATH2(X, copysign, "llvm.copysign") MATH2(X, fmod, "fmod") \
    X(BI_MATH_floor, "math.floor", R_ROUND, "llvm.floor") \
    X(BI_MATH_ceil, "math.ceil", R_ROUND, "llvm.ceil") \
    X(BI_MATH_trunc, "math.trunc", R_ROUND, "llvm.trunc") \
    X(BI_NP_floor, "numpy.floor", R_FLOAT1, "llvm.floor") \
    X(BI_NP_ceil, "numpy.ceil", R_FLOAT1, "llvm.ceil") \
    X(BI_NP_trunc, "numpy.trunc", R_FLOAT1, "llvm.trunc") \
    X(BI_MATH_isnan, "math.isnan", R_PRED, "") X(BI_NP_isnan, "numpy.isnan", R_PRED, "") \
    X(BI_MATH_isinf, "math.isinf", R_PRED, "") X(BI_NP_isinf, "numpy.isinf", R_PRED, "") \
    X(BI_MATH_isfinite, "math.isfinite", R_PRED, "") X(BI_NP_isfinite, "numpy.isfinite", R_PRED, "") \
    X(BI_NP_empty, "numpy.empty", R_ALLOC, "") \
    X(BI_NP_zeros, "numpy.zeros", R_ALLOC, "") \
    X(BI_NP_ones, "numpy.ones", R_ALLOC, "") \
    X(BI_NP_full, "numpy.full", R_ALLOC, "") \
    X(BI_NP_where, "numpy.where", R_WHERE, "") \
    X(BI_NP_minimum, "numpy.minimum", R_MINMAX, "") \
    X(BI_NP_maximum, "numpy.maximum", R_MINMAX, "") \
    NPM(X, sum, "sum") NPM(X, mean, "mean") NPM(X, min, "amin") NPM(X, max, "amax") \
    NPM(X, argmin, "argmin") NPM(X, argmax, "argmax") NPM(X, prod, "prod") NPM(X, cumsum, "cumsum") \
    NPM(X, all, "all") NPM(X, any, "any") NPM(X, copy, "copy") NPM(X, ravel, "ravel") \
    NPM(X, dot, "dot") \
    X(BI_NP_amin, "numpy.amin", R_PRELUDE, "amin") X(BI_NP_amax, "numpy.amax", R_PRELUDE, "amax") \
    X(BI_NP_sort, "numpy.sort", R_PRELUDE, "sort") X(BI_ARR_sort, "array.sort", R_PRELUDE, "sort_inplace") \
    X(BI_ARR_flatten, "array.flatten", R_PRELUDE, "copy_flat") \
    X(BI_ARR_astype, "array.astype", R_PRELUDE, "astype") \
    X(BI_NP_arange, "numpy.arange", R_PRELUDE, "arange") \
    X(BI_NP_linspace, "numpy.linspace", R_PRELUDE, "linspace") \
    X(BI_NP_zeros_like, "numpy.zeros_like", R_PRELUDE, "zeros_like") \
    X(BI_NP_ones_like, "numpy.ones_like", R_PRELUDE, "ones_like") \
    X(BI_NP_empty_like, "numpy.empty_like", R_PRELUDE, "empty_like") \
    X(BI_NP_full_like, "numpy.full_like", R_PRELUDE, "full_like") \
    X(BI_NP_reshape, "numpy.reshape", R_RESHAPE, "") X(BI_ARR_reshape, "array.reshape", R_RESHAPE, "") \
    X(BI_MATH_degrees, "math.degrees", R_PRELUDE, "degrees") X(BI_MATH_radians, "math.radians", R_PRELUDE, "radians") \
    X(BI_NP_degrees, "numpy.degrees", R_PRELUDE, "degrees") X(BI_NP_radians, "numpy.radians", R_PRELUDE, "radians") \
    X(BI_NP_rad2deg, "numpy.rad2deg", R_PRELUDE, "degrees") X(BI_NP_deg2rad, "numpy.deg2rad", R_PRELUDE, "radians") \
    X(BI_NP_logical_and, "numpy.logical_and", R_PRELUDE, "logical_and") \
    X(BI_NP_logical_or, "numpy.logical_or", R_PRELUDE, "logical_or") \
    X(BI_NP_logical_xor, "numpy.logical_xor", R_PRELUDE, "logical_xor") \
    X(BI_NP_logical_not, "numpy.logical_not", R_PRELUDE, "logical_not") \
    X(BI_NP_negative, "numpy.negative", R_PRELUDE, "negative") \
    X(BI_NP_positive, "numpy.positive", R_PRELUDE, "positive") \
    X(BI_NP_square, "numpy.square", R_PRELUDE, "square") \
    X(BI_NP_reciprocal, "numpy.reciprocal", R_PRELUDE, "reciprocal") \
    X(BI_NP_add, "numpy.add", R_PRELUDE, "add") X(BI_NP_subtract, "numpy.subtract", R_PRELUDE, "subtract") \
    X(BI_NP_multiply, "numpy.multiply", R_PRELUDE, "multiply") \
    X(BI_NP_divide, "numpy.divide", R_PRELUDE, "divide") X(BI_NP_true_divide, "numpy.true_divide", R_PRELUDE, "divide") \
    X(BI_NP_array, "numpy.array", R_ARRAYLIT, "") \
    X(BI_FLAT, "_flat", R_FLAT, "") \
    X(BI_SUM_ZERO, "_sum_zero", R_SUMZERO, "") \
    X(BI_DTYPE_OF, "_dtype_of", R_DTYPEOF, "") \
    X(BI_CARRAY, "numba.carray", R_CARRAY, "C") X(BI_FARRAY, "numba.farray", R_CARRAY, "F") \
    X(BI_CUDA_grid, "numba.cuda.grid", R_CUDA_GRID, "") \
    X(BI_CUDA_gridsize, "numba.cuda.gridsize", R_CUDA_GRID, "") \
    X(BI_CUDA_syncthreads, "numba.cuda.syncthreads", R_CUDA_SYNC, "") \
    X(BI_CUDA_synchronize, "numba.cuda.synchronize", R_CUDA_SYNC, "") \
    X(BI_CUDA_shared_array, "numba.cuda.shared.array", R_CUDA_ARRAY, "shared") \
    X(BI_CUDA_local_array, "numba.cuda.local.array", R_CUDA_ARRAY, "local") \
    X(BI_CUDA_atomic_add, "numba.cuda.atomic.add", R_CUDA_ATOMIC, "add") \
    X(BI_CUDA_atomic_max, "numba.cuda.atomic.max", R_CUDA_ATOMIC, "max") \
    X(BI_CUDA_atomic_min, "numba.cuda.atomic.min", R_CUDA_ATOMIC, "min") \
    X(BI_CUDA_device_array, "numba.cuda.device_array", R_CUDA_MEM, "device_array") \
    X(BI_CUDA_to_device, "numba.cuda.to_device", R_CUDA_MEM, "to_device") \
    X(BI_ARR_copy_to_host, "array.copy_to_host", R_CUDA_MEM, "copy_to_host")

typedef enum {
#define X(id, name, rule, impl) id,
    BUILTINS(X)
#undef X
    BI__COUNT
} BuiltinId;

typedef enum {
    R_RANGE,     /* range(stop) / range(start, stop[, step]) of integers -> range */
    R_LEN,       /* len(array) -> int64 (first axis), len(tuple) -> int64 */
    R_PRINT,     /* print(*values) -> none */
    R_ABS,       /* abs(number) -> same type (bool -> int64) */
    R_MINMAX,    /* min/max(a, b, ...) of numbers -> promoted type; np.minimum/
                    np.maximum also element-wise on arrays */
    R_CAST,      /* int(x) / float(x) / bool(x) -> the type named by impl */
    R_FLOAT1,    /* f(number) -> float32 for float32, else float64; numpy.*
                    versions are also element-wise on arrays (ufuncs) */
    R_FLOAT2,    /* f(number, number) -> float32 if both float32, else float64 */
    R_ROUND,     /* math.floor/ceil/trunc, round(x) -> int64 (Python 3) */
    R_PRED,      /* isnan/isinf/isfinite(number) -> bool */
    R_ALLOC,     /* np.empty/zeros/ones(shape, dtype=float64), np.full(shape, v, dtype) */
    R_CUDA_GRID, /* cuda.grid(ndim) -> int64 or UniTuple(int64, ndim) */
    R_CUDA_SYNC, /* cuda.syncthreads() (in kernels), cuda.synchronize() (on the
                    host: launches are synchronous, so a no-op) -> none */
    R_CUDA_ARRAY, /* cuda.shared.array / cuda.local.array(shape, dtype): shape a
                    constant int or tuple of them -> C array; impl "shared"
                    (one per block) or "local" (one per thread) */
    R_CUDA_ATOMIC, /* cuda.atomic.add/max/min(ary, idx, val) -> the old value
                    (ary's dtype); impl names the operation */
    R_CUDA_MEM,  /* cuda.device_array(shape, dtype) (as np.empty),
                    cuda.to_device(a), d.copy_to_host() -> C array (host code
                    only; device memory, see targets/cuda.c) */
    R_WHERE,     /* np.where(cond, x, y): element-wise select -> array */
    R_PRELUDE,   /* written in the kernel language in jit/prelude.py: impl names
                    the function; a variant impl_N_M (N, M: the arguments'
                    ndims, 0 for scalars) is preferred when it exists */
    R_RESHAPE,   /* a.reshape(shape) / np.reshape(a, shape) of a C array -> view */
    R_ARRAYLIT,  /* np.array([..]) of numbers or nested lists, or of an array (copy) */
    R_FLAT,      /* _flat(a): 1-D C-contiguous view of a (a copy if a is strided) */
    R_SUMZERO,   /* _sum_zero(a): 0 in the type np.sum(a) returns */
    R_DTYPEOF,   /* _dtype_of(x): the dtype object of x's element type */
    R_CARRAY,    /* carray/farray(ptr, shape[, dtype]): an array over the memory
                    of a CPointer (impl "C": row-major, "F": column-major) */
} BuiltinRule;

typedef struct Builtin {
    BuiltinId id;
    const char *name;
    BuiltinRule rule;
    const char *impl;
} Builtin;

/* The table, indexed by BuiltinId. */
extern const Builtin builtin_table[BI__COUNT];
/* Finds a builtin by qualified name; NULL if none. */
const Builtin *builtin_find(const char *qualname);

#endif
