/* types.h - the type system of the kernel language.
 *
 * Scalar types are static singletons (ty_int64 etc.); compound types (arrays,
 * tuples) are built in an arena and compared structurally with ty_equal.
 * ty_mangle gives a stable text form used as the signature key of the
 * dispatcher and in symbol names. */
#ifndef JIT_TYPES_H
#define JIT_TYPES_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* Scalar kinds in promotion order within each family (X: enum, numpy name,
 * short name, bits). The order of the integer and float entries matters to
 * ty_promote. */
#define TY_SCALARS(X) \
    X(TY_BOOL, "bool", "b1", 1) \
    X(TY_INT8, "int8", "i1", 8) X(TY_INT16, "int16", "i2", 16) \
    X(TY_INT32, "int32", "i4", 32) X(TY_INT64, "int64", "i8", 64) \
    X(TY_UINT8, "uint8", "u1", 8) X(TY_UINT16, "uint16", "u2", 16) \
    X(TY_UINT32, "uint32", "u4", 32) X(TY_UINT64, "uint64", "u8", 64) \
    X(TY_FLOAT32, "float32", "f4", 32) X(TY_FLOAT64, "float64", "f8", 64)

typedef enum {
#define X(e, n, s, b) e,
    TY_SCALARS(X)
#undef X
    TY_NONE,      /* None / void */
    TY_ARRAY,     /* arr.dtype (a scalar type), arr.ndim >= 1, arr.layout */
    TY_TUPLE,     /* tup.n elements tup.elems (any types) */
    TY_RANGE,     /* a range(...) object (only as a for-loop iterable) */
    TY_STR,       /* a string literal (print and exception messages only) */
    TY_MODULE,    /* mod.name: "math", "numpy", "numba", "numba.cuda", ... */
    TY_FUNC,      /* func.name: a function of the script (callable) */
    TY_BUILTIN,   /* builtin.name: a library function ("math.sqrt", "len", ...) */
    TY_DTYPE,     /* dtype.of: a dtype object used as a value (np.float32) */
    TY_EXCCLASS,  /* builtin.name: an exception class (ValueError) */
    TY_CPOINTER,  /* ptr.to: a raw C pointer to a scalar (CPointer(float64)),
                     or to nothing (voidptr: ptr.to NULL); @cfunc and extern
                     signatures, indexing, carray() */
    TY_EXTERN,    /* builtin.name: a host C function declared with
                     types.ExternalFunction or registered with jit_extern */
} TypeKind;

#define TY_NSCALARS (TY_FLOAT64 + 1)

typedef struct Type Type;
struct Type {
    TypeKind kind;
    union {
        struct { const Type *dtype; int ndim; char layout; /* 'C' or 'A' */ } arr;
        struct { int n; const Type **elems; } tup;
        struct { const char *name; } mod;
        struct { const char *name; } func;
        struct { const char *name; } builtin;
        struct { const Type *of; } dtype;
        struct { const Type *to; } ptr;
    };
};

/* Maximum array rank; NumPy's own limit is 32 (64 since 2.0) but kernels
 * rarely exceed 4, and the fixed size keeps jit_array flat. */
#define TY_MAX_NDIM 8

extern const Type ty_scalars[TY_NSCALARS];
extern const Type ty_none_t, ty_range_t, ty_str_t;

#define ty_bool    (&ty_scalars[TY_BOOL])
#define ty_int64   (&ty_scalars[TY_INT64])
#define ty_int32   (&ty_scalars[TY_INT32])
#define ty_uint8   (&ty_scalars[TY_UINT8])
#define ty_float32 (&ty_scalars[TY_FLOAT32])
#define ty_float64 (&ty_scalars[TY_FLOAT64])
#define ty_none    (&ty_none_t)
#define ty_range   (&ty_range_t)
#define ty_str     (&ty_str_t)

static inline bool ty_is_scalar(const Type *t) { return t && t->kind < TY_NSCALARS; }
static inline bool ty_is_int(const Type *t) { return t && t->kind >= TY_INT8 && t->kind <= TY_UINT64; }
static inline bool ty_is_signed(const Type *t) { return t && t->kind >= TY_INT8 && t->kind <= TY_INT64; }
static inline bool ty_is_unsigned(const Type *t) { return t && t->kind >= TY_UINT8 && t->kind <= TY_UINT64; }
static inline bool ty_is_float(const Type *t) { return t && (t->kind == TY_FLOAT32 || t->kind == TY_FLOAT64); }
static inline bool ty_is_bool(const Type *t) { return t && t->kind == TY_BOOL; }
static inline bool ty_is_number(const Type *t) { return ty_is_scalar(t); }

int ty_bits(const Type *t);              /* scalar width in bits (bool: 1) */
int ty_size(const Type *t);              /* scalar size in bytes (bool: 1) */
const char *ty_scalar_name(const Type *t);  /* "float32" */

const Type *ty_array(Arena *a, const Type *dtype, int ndim, char layout);
const Type *ty_tuple(Arena *a, int n, const Type **elems);
const Type *ty_named(Arena *a, TypeKind kind, const char *name);  /* MODULE/FUNC/BUILTIN/EXCCLASS */
const Type *ty_dtype(Arena *a, const Type *of);
const Type *ty_cpointer(Arena *a, const Type *to);   /* to: a scalar, or NULL for voidptr */

bool ty_equal(const Type *a, const Type *b);

/* NumPy promotion of two scalar types for arithmetic (int64+float32 ->
 * float64, int32+int64 -> int64, uint64+int64 -> float64, bool+bool -> bool). */
const Type *ty_promote(const Type *a, const Type *b);

/* Numba's unification of two types assigned to one variable: numbers promote
 * (int64 and float64 -> float64), arrays of the same dtype and ndim unify
 * their layout to 'A', equal types unify to themselves; NULL if they cannot. */
const Type *ty_unify(Arena *a, const Type *x, const Type *y);

/* Human form for messages: "float64", "array(float32, 2d, C)",
 * "UniTuple(int64, 2)" / "Tuple(int64, float64)". */
const char *ty_str_of(Arena *a, const Type *t);

/* Stable compact form for keys and symbols: "f8", "f4[:,:C]", "(i8,f8)". */
const char *ty_mangle(Arena *a, const Type *t);

/* Scalar type from a name as it appears in scripts and signature strings:
 * "float64", "f8", "float", "int", "int64", "i8", "bool_", "boolean", "uint8", ...
 * NULL if not a scalar name. */
const Type *ty_scalar_from_name(const char *name);

/* Parses a signature string: "f8(f8[:], f8[:])", "float64(float64[:, ::1])",
 * "void(int64)", "(f8, i8)" (no return type), "intc(CPointer(float64), voidptr)"
 * (C pointers, for @cfunc and externs). ret may be NULL in the text;
 * *ret is then NULL. Returns the argument count, or -1 with a message in
 * *err (arena string). Array layout: "[:]" is 'A', "[::1]" or trailing
 * "::1" is 'C'. */
int ty_parse_sig(Arena *a, const char *text, const Type **ret,
                 const Type ***args, const char **err);

#endif
