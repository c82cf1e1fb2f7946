/* test_types.c - unit tests of the type system (frontend/types.c): the
 * scalar table, NumPy promotion, Numba unification, equality, and the
 * message and mangled text forms. Signature strings are in test_sig.c. */
#include <check.h>
#include <string.h>

#include "frontend/types.h"

static Arena A;
static void setup(void) { arena_init(&A); }
static void teardown(void) { arena_free(&A); }

#define T(k) (&ty_scalars[k])

/* ---- scalar table ---- */

START_TEST(test_scalar_table)
{
    static const struct { TypeKind k; const char *name; int bits, size; } want[] = {
        { TY_BOOL, "bool", 1, 1 },       { TY_INT8, "int8", 8, 1 },
        { TY_INT16, "int16", 16, 2 },    { TY_INT32, "int32", 32, 4 },
        { TY_INT64, "int64", 64, 8 },    { TY_UINT8, "uint8", 8, 1 },
        { TY_UINT16, "uint16", 16, 2 },  { TY_UINT32, "uint32", 32, 4 },
        { TY_UINT64, "uint64", 64, 8 },  { TY_FLOAT32, "float32", 32, 4 },
        { TY_FLOAT64, "float64", 64, 8 },
    };
    ck_assert_int_eq(sizeof want / sizeof *want, TY_NSCALARS);
    for (int i = 0; i < TY_NSCALARS; i++) {
        const Type *t = T(want[i].k);
        ck_assert_int_eq(t->kind, want[i].k);
        ck_assert_str_eq(ty_scalar_name(t), want[i].name);
        ck_assert_int_eq(ty_bits(t), want[i].bits);
        ck_assert_int_eq(ty_size(t), want[i].size);
        ck_assert(ty_is_scalar(t) && ty_is_number(t));
    }
    ck_assert_int_eq(ty_none->kind, TY_NONE);
    ck_assert_int_eq(ty_range->kind, TY_RANGE);
    ck_assert_int_eq(ty_str->kind, TY_STR);
    ck_assert_int_eq(ty_bits(ty_none), 0);
    ck_assert_int_eq(ty_size(NULL), 0);
    ck_assert_ptr_null(ty_scalar_name(ty_str));
    ck_assert_ptr_null(ty_scalar_name(NULL));
}
END_TEST

/* ---- promotion ---- */

/* np.result_type(a, b) for every pair, rows and columns in TY_SCALARS order,
 * generated once with NumPy 2.4.6:
 *   ts = [np.bool_, np.int8, np.int16, np.int32, np.int64, np.uint8,
 *         np.uint16, np.uint32, np.uint64, np.float32, np.float64]
 *   [[np.result_type(a, b) for b in ts] for a in ts] */
static const TypeKind numpy_result_type[TY_NSCALARS][TY_NSCALARS] = {
    {TY_BOOL, TY_INT8, TY_INT16, TY_INT32, TY_INT64, TY_UINT8, TY_UINT16, TY_UINT32, TY_UINT64, TY_FLOAT32, TY_FLOAT64},
    {TY_INT8, TY_INT8, TY_INT16, TY_INT32, TY_INT64, TY_INT16, TY_INT32, TY_INT64, TY_FLOAT64, TY_FLOAT32, TY_FLOAT64},
    {TY_INT16, TY_INT16, TY_INT16, TY_INT32, TY_INT64, TY_INT16, TY_INT32, TY_INT64, TY_FLOAT64, TY_FLOAT32, TY_FLOAT64},
    {TY_INT32, TY_INT32, TY_INT32, TY_INT32, TY_INT64, TY_INT32, TY_INT32, TY_INT64, TY_FLOAT64, TY_FLOAT64, TY_FLOAT64},
    {TY_INT64, TY_INT64, TY_INT64, TY_INT64, TY_INT64, TY_INT64, TY_INT64, TY_INT64, TY_FLOAT64, TY_FLOAT64, TY_FLOAT64},
    {TY_UINT8, TY_INT16, TY_INT16, TY_INT32, TY_INT64, TY_UINT8, TY_UINT16, TY_UINT32, TY_UINT64, TY_FLOAT32, TY_FLOAT64},
    {TY_UINT16, TY_INT32, TY_INT32, TY_INT32, TY_INT64, TY_UINT16, TY_UINT16, TY_UINT32, TY_UINT64, TY_FLOAT32, TY_FLOAT64},
    {TY_UINT32, TY_INT64, TY_INT64, TY_INT64, TY_INT64, TY_UINT32, TY_UINT32, TY_UINT32, TY_UINT64, TY_FLOAT64, TY_FLOAT64},
    {TY_UINT64, TY_FLOAT64, TY_FLOAT64, TY_FLOAT64, TY_FLOAT64, TY_UINT64, TY_UINT64, TY_UINT64, TY_UINT64, TY_FLOAT64, TY_FLOAT64},
    {TY_FLOAT32, TY_FLOAT32, TY_FLOAT32, TY_FLOAT64, TY_FLOAT64, TY_FLOAT32, TY_FLOAT32, TY_FLOAT64, TY_FLOAT64, TY_FLOAT32, TY_FLOAT64},
    {TY_FLOAT64, TY_FLOAT64, TY_FLOAT64, TY_FLOAT64, TY_FLOAT64, TY_FLOAT64, TY_FLOAT64, TY_FLOAT64, TY_FLOAT64, TY_FLOAT64, TY_FLOAT64},
};

START_TEST(test_promote_numpy_table)
{
    for (int a = 0; a < TY_NSCALARS; a++)
        for (int b = 0; b < TY_NSCALARS; b++) {
            const Type *r = ty_promote(T(a), T(b));
            ck_assert_msg(r == T(numpy_result_type[a][b]), "promote(%s, %s) = %s, numpy says %s",
                          ty_scalar_name(T(a)), ty_scalar_name(T(b)),
                          r ? ty_scalar_name(r) : "NULL",
                          ty_scalar_name(T(numpy_result_type[a][b])));
        }
}
END_TEST

START_TEST(test_promote_edges)
{
    /* A scalar that is not the singleton (say, a copy) still promotes to the
     * singleton, so callers may compare results by pointer. */
    Type copy = ty_scalars[TY_INT32];
    ck_assert_ptr_eq(ty_promote(&copy, &copy), ty_int32);
    ck_assert_ptr_eq(ty_promote(&copy, ty_float32), ty_float64);
    const Type *arr = ty_array(&A, ty_float64, 1, 'C');
    ck_assert_ptr_null(ty_promote(arr, ty_float64));
    ck_assert_ptr_null(ty_promote(ty_int64, ty_none));
    ck_assert_ptr_null(ty_promote(NULL, ty_int64));
    ck_assert_ptr_null(ty_promote(ty_int64, NULL));
}
END_TEST

/* ---- constructors and equality ---- */

START_TEST(test_constructors)
{
    const Type *a = ty_array(&A, ty_float32, 2, 'C');
    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(a->kind, TY_ARRAY);
    ck_assert_ptr_eq(a->arr.dtype, ty_float32);
    ck_assert_int_eq(a->arr.ndim, 2);
    ck_assert_int_eq(a->arr.layout, 'C');
    ck_assert_ptr_nonnull(ty_array(&A, ty_bool, TY_MAX_NDIM, 'A'));
    ck_assert_ptr_null(ty_array(&A, ty_float32, 0, 'C'));
    ck_assert_ptr_null(ty_array(&A, ty_float32, TY_MAX_NDIM + 1, 'C'));
    ck_assert_ptr_null(ty_array(&A, ty_float32, 1, 'F'));
    ck_assert_ptr_null(ty_array(&A, a, 1, 'C'));
    ck_assert_ptr_null(ty_array(&A, NULL, 1, 'C'));

    const Type *elems[2] = { ty_int64, ty_float64 };
    const Type *t = ty_tuple(&A, 2, elems);
    elems[0] = ty_bool;  /* the tuple holds its own copy */
    ck_assert_int_eq(t->kind, TY_TUPLE);
    ck_assert_int_eq(t->tup.n, 2);
    ck_assert_ptr_eq(t->tup.elems[0], ty_int64);
    ck_assert_ptr_eq(t->tup.elems[1], ty_float64);
    ck_assert_ptr_nonnull(ty_tuple(&A, 0, NULL));
    ck_assert_ptr_null(ty_tuple(&A, -1, elems));
    elems[1] = NULL;
    ck_assert_ptr_null(ty_tuple(&A, 2, elems));

    char name[] = "numpy";
    const Type *m = ty_named(&A, TY_MODULE, name);
    name[0] = 'X';  /* the name is copied too */
    ck_assert_str_eq(m->mod.name, "numpy");
    ck_assert_str_eq(ty_named(&A, TY_FUNC, "foo")->func.name, "foo");
    ck_assert_str_eq(ty_named(&A, TY_BUILTIN, "math.sqrt")->builtin.name, "math.sqrt");
    ck_assert_str_eq(ty_named(&A, TY_EXCCLASS, "ValueError")->builtin.name, "ValueError");
    ck_assert_ptr_null(ty_named(&A, TY_ARRAY, "x"));
    ck_assert_ptr_null(ty_named(&A, TY_FUNC, NULL));

    const Type *d = ty_dtype(&A, ty_float32);
    ck_assert_int_eq(d->kind, TY_DTYPE);
    ck_assert_ptr_eq(d->dtype.of, ty_float32);
    ck_assert_ptr_null(ty_dtype(&A, a));
}
END_TEST

START_TEST(test_equal)
{
    Type copy = ty_scalars[TY_FLOAT64];
    ck_assert(ty_equal(&copy, ty_float64));
    ck_assert(!ty_equal(ty_float64, ty_float32));
    ck_assert(ty_equal(NULL, NULL));
    ck_assert(!ty_equal(NULL, ty_int64));
    ck_assert(!ty_equal(ty_int64, NULL));
    ck_assert(ty_equal(ty_array(&A, ty_float64, 2, 'C'), ty_array(&A, ty_float64, 2, 'C')));
    ck_assert(!ty_equal(ty_array(&A, ty_float64, 2, 'C'), ty_array(&A, ty_float64, 2, 'A')));
    ck_assert(!ty_equal(ty_array(&A, ty_float64, 2, 'C'), ty_array(&A, ty_float64, 1, 'C')));
    ck_assert(!ty_equal(ty_array(&A, ty_float64, 2, 'C'), ty_array(&A, ty_float32, 2, 'C')));

    const Type *e1[] = { ty_int64, ty_float64 }, *e2[] = { ty_int64, ty_float64 };
    const Type *e3[] = { ty_int64, ty_float32 };
    ck_assert(ty_equal(ty_tuple(&A, 2, e1), ty_tuple(&A, 2, e2)));
    ck_assert(!ty_equal(ty_tuple(&A, 2, e1), ty_tuple(&A, 2, e3)));
    ck_assert(!ty_equal(ty_tuple(&A, 2, e1), ty_tuple(&A, 1, e1)));
    ck_assert(ty_equal(ty_tuple(&A, 0, NULL), ty_tuple(&A, 0, NULL)));

    ck_assert(ty_equal(ty_named(&A, TY_MODULE, "math"), ty_named(&A, TY_MODULE, "math")));
    ck_assert(!ty_equal(ty_named(&A, TY_MODULE, "math"), ty_named(&A, TY_MODULE, "numpy")));
    ck_assert(!ty_equal(ty_named(&A, TY_MODULE, "foo"), ty_named(&A, TY_FUNC, "foo")));
    ck_assert(!ty_equal(ty_named(&A, TY_BUILTIN, "len"), ty_named(&A, TY_EXCCLASS, "len")));
    ck_assert(ty_equal(ty_dtype(&A, ty_float32), ty_dtype(&A, ty_float32)));
    ck_assert(!ty_equal(ty_dtype(&A, ty_float32), ty_dtype(&A, ty_float64)));
    ck_assert(!ty_equal(ty_dtype(&A, ty_float32), ty_float32));
    ck_assert(ty_equal(ty_none, ty_none));
    ck_assert(!ty_equal(ty_none, ty_range));
}
END_TEST

/* ---- unification ---- */

START_TEST(test_unify_numbers)
{
    /* Each row checked against numba 0.68 typingctx.unify_pairs. */
    static const TypeKind cases[][3] = {
        { TY_INT64, TY_FLOAT64, TY_FLOAT64 }, { TY_INT64, TY_BOOL, TY_INT64 },
        { TY_BOOL, TY_INT8, TY_INT8 },        { TY_INT32, TY_INT64, TY_INT64 },
        { TY_FLOAT32, TY_FLOAT64, TY_FLOAT64 }, { TY_INT64, TY_UINT64, TY_FLOAT64 },
        { TY_BOOL, TY_FLOAT32, TY_FLOAT32 },  { TY_INT32, TY_FLOAT32, TY_FLOAT64 },
        { TY_UINT8, TY_INT8, TY_INT16 },      { TY_BOOL, TY_BOOL, TY_BOOL },
        { TY_UINT32, TY_UINT32, TY_UINT32 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ck_assert_ptr_eq(ty_unify(&A, T(cases[i][0]), T(cases[i][1])), T(cases[i][2]));
        ck_assert_ptr_eq(ty_unify(&A, T(cases[i][1]), T(cases[i][0])), T(cases[i][2]));
    }
}
END_TEST

START_TEST(test_unify_arrays)
{
    const Type *c1 = ty_array(&A, ty_float64, 1, 'C'), *a1 = ty_array(&A, ty_float64, 1, 'A');
    const Type *u = ty_unify(&A, c1, ty_array(&A, ty_float64, 1, 'C'));
    ck_assert(ty_equal(u, c1));
    u = ty_unify(&A, c1, a1);
    ck_assert(ty_equal(u, a1));
    u = ty_unify(&A, a1, c1);
    ck_assert(ty_equal(u, a1));
    ck_assert(ty_equal(ty_unify(&A, a1, a1), a1));
    /* Arrays never promote their dtype or change rank. */
    ck_assert_ptr_null(ty_unify(&A, c1, ty_array(&A, ty_float32, 1, 'C')));
    ck_assert_ptr_null(ty_unify(&A, c1, ty_array(&A, ty_float64, 2, 'C')));
    ck_assert_ptr_null(ty_unify(&A, c1, ty_float64));
}
END_TEST

START_TEST(test_unify_tuples)
{
    const Type *ii[] = { ty_int64, ty_int64 }, *if_[] = { ty_int64, ty_float64 };
    const Type *bf[] = { ty_bool, ty_float32 }, *ia[] = { ty_int64, ty_array(&A, ty_float64, 1, 'C') };
    const Type *ia2[] = { ty_int32, ty_array(&A, ty_float64, 1, 'A') };
    const Type *u = ty_unify(&A, ty_tuple(&A, 2, ii), ty_tuple(&A, 2, if_));
    ck_assert(ty_equal(u, ty_tuple(&A, 2, if_)));
    u = ty_unify(&A, ty_tuple(&A, 2, ii), ty_tuple(&A, 2, bf));
    const Type *want[] = { ty_int64, ty_float64 };
    ck_assert(ty_equal(u, ty_tuple(&A, 2, want)));
    u = ty_unify(&A, ty_tuple(&A, 2, ia), ty_tuple(&A, 2, ia2));
    ck_assert_str_eq(ty_str_of(&A, u), "Tuple(int64, array(float64, 1d, A))");
    ck_assert_ptr_null(ty_unify(&A, ty_tuple(&A, 2, ii), ty_tuple(&A, 1, ii)));
    const Type *bad[] = { ty_int64, ty_array(&A, ty_float32, 1, 'C') };
    ck_assert_ptr_null(ty_unify(&A, ty_tuple(&A, 2, ia), ty_tuple(&A, 2, bad)));
}
END_TEST

START_TEST(test_unify_fails)
{
    ck_assert_ptr_null(ty_unify(&A, ty_int64, ty_none));
    ck_assert_ptr_null(ty_unify(&A, ty_none, ty_float64));
    ck_assert_ptr_null(ty_unify(&A, ty_range, ty_str));
    ck_assert_ptr_null(ty_unify(&A, ty_int64, NULL));
    ck_assert_ptr_null(ty_unify(&A, NULL, NULL));
    ck_assert_ptr_null(ty_unify(&A, ty_named(&A, TY_FUNC, "f"), ty_named(&A, TY_FUNC, "g")));
    ck_assert_ptr_null(ty_unify(&A, ty_dtype(&A, ty_float32), ty_dtype(&A, ty_float64)));
    ck_assert_ptr_eq(ty_unify(&A, ty_none, ty_none), ty_none);
    const Type *f = ty_named(&A, TY_FUNC, "f");
    ck_assert_ptr_eq(ty_unify(&A, f, ty_named(&A, TY_FUNC, "f")), f);
}
END_TEST

/* ---- text forms ---- */

START_TEST(test_str_of)
{
    const Type *ii[] = { ty_int64, ty_int64 }, *if_[] = { ty_int64, ty_float64 };
    const Type *one[] = { ty_int64 };
    const Type *arrs[] = { ty_array(&A, ty_float32, 1, 'C'), ty_array(&A, ty_float32, 1, 'C') };
    const Type *nest[] = { ty_tuple(&A, 2, if_), ty_bool };
    struct { const Type *t; const char *s; } cases[] = {
        { ty_float64, "float64" }, { ty_int64, "int64" }, { ty_bool, "bool" },
        { ty_uint8, "uint8" },
        { ty_array(&A, ty_float32, 1, 'C'), "array(float32, 1d, C)" },
        { ty_array(&A, ty_float64, 2, 'A'), "array(float64, 2d, A)" },
        { ty_array(&A, ty_bool, 3, 'A'), "array(bool, 3d, A)" },
        { ty_tuple(&A, 2, ii), "UniTuple(int64 x 2)" },
        { ty_tuple(&A, 1, one), "UniTuple(int64 x 1)" },
        { ty_tuple(&A, 2, if_), "Tuple(int64, float64)" },
        { ty_tuple(&A, 0, NULL), "Tuple()" },
        { ty_tuple(&A, 2, arrs), "UniTuple(array(float32, 1d, C) x 2)" },
        { ty_tuple(&A, 2, nest), "Tuple(Tuple(int64, float64), bool)" },
        { ty_none, "none" }, { ty_range, "range" }, { ty_str, "str" },
        { ty_named(&A, TY_MODULE, "numpy"), "Module(numpy)" },
        { ty_named(&A, TY_FUNC, "foo"), "Function(foo)" },
        { ty_named(&A, TY_BUILTIN, "math.sqrt"), "Function(math.sqrt)" },
        { ty_dtype(&A, ty_float32), "class(float32)" },
        { ty_named(&A, TY_EXCCLASS, "ValueError"), "class(ValueError)" },
        { NULL, "undefined" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        ck_assert_str_eq(ty_str_of(&A, cases[i].t), cases[i].s);
}
END_TEST

START_TEST(test_mangle_strings)
{
    const Type *if_[] = { ty_int64, ty_float64 };
    const Type *nest[] = { ty_tuple(&A, 2, if_), ty_array(&A, ty_float64, 1, 'A') };
    struct { const Type *t; const char *s; } cases[] = {
        { ty_bool, "b1" }, { ty_int64, "i8" }, { ty_uint8, "u1" },
        { ty_float32, "f4" }, { ty_float64, "f8" }, { T(TY_INT16), "i2" },
        { T(TY_UINT64), "u8" },
        { ty_array(&A, ty_float32, 2, 'C'), "f4[:,:C]" },
        { ty_array(&A, ty_float64, 1, 'A'), "f8[:A]" },
        { ty_tuple(&A, 2, if_), "(i8,f8)" },
        { ty_tuple(&A, 2, nest), "((i8,f8),f8[:A])" },
        { ty_tuple(&A, 0, NULL), "()" },
        { ty_none, "v" }, { ty_range, "r" }, { ty_str, "s" },
        { ty_dtype(&A, ty_float32), "Df4" },
        { ty_named(&A, TY_MODULE, "numpy"), "M5_numpy" },
        { ty_named(&A, TY_BUILTIN, "math.sqrt"), "B9_math.sqrt" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        ck_assert_str_eq(ty_mangle(&A, cases[i].t), cases[i].s);
    ck_assert_ptr_null(ty_mangle(&A, NULL));
    const Type *hole[] = { ty_int64, NULL };
    Type broken = { .kind = TY_TUPLE, .tup = { 2, hole } };  /* ty_tuple would refuse it */
    ck_assert_ptr_null(ty_mangle(&A, &broken));
}
END_TEST

/* Builds a set of pairwise distinct types (checked with ty_equal) that
 * includes the near misses a careless mangling would merge, and checks that
 * their mangled forms are pairwise distinct too. */
static int distinct_types(const Type **out)
{
    int n = 0;
    for (int k = 0; k < TY_NSCALARS; k++) {
        out[n++] = T(k);
        out[n++] = ty_dtype(&A, T(k));
        for (int nd = 1; nd <= 3; nd++) {
            out[n++] = ty_array(&A, T(k), nd, 'C');
            out[n++] = ty_array(&A, T(k), nd, 'A');
        }
    }
    const Type *e[4] = { ty_int64, ty_float64, ty_int64, ty_float64 };
    for (int len = 0; len <= 4; len++)
        out[n++] = ty_tuple(&A, len, e);
    const Type *inner = ty_tuple(&A, 2, e);
    const Type *n1[] = { inner, ty_int64 }, *n2[] = { ty_int64, inner }, *n3[] = { inner };
    out[n++] = ty_tuple(&A, 2, n1);
    out[n++] = ty_tuple(&A, 2, n2);
    out[n++] = ty_tuple(&A, 1, n3);
    const Type *n4[] = { ty_tuple(&A, 1, n3) };
    out[n++] = ty_tuple(&A, 1, n4);
    out[n++] = ty_none;
    out[n++] = ty_range;
    out[n++] = ty_str;
    static const char *names[] = { "numpy", "math", "f", "v", "i8", "M5_numpy", "a,b", "a)", "" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        out[n++] = ty_named(&A, TY_MODULE, names[i]);
        out[n++] = ty_named(&A, TY_FUNC, names[i]);
        out[n++] = ty_named(&A, TY_BUILTIN, names[i]);
        out[n++] = ty_named(&A, TY_EXCCLASS, names[i]);
    }
    /* Names with separators inside tuples: ("a,b") versus ("a", "b"). */
    const Type *ab[] = { ty_named(&A, TY_FUNC, "a"), ty_named(&A, TY_FUNC, "b") };
    const Type *ab1[] = { ty_named(&A, TY_FUNC, "a,b") };
    out[n++] = ty_tuple(&A, 2, ab);
    out[n++] = ty_tuple(&A, 1, ab1);
    return n;
}

START_TEST(test_mangle_injective)
{
    const Type *types[256];
    int n = distinct_types(types);
    ck_assert_int_le(n, 256);
    const char *m[256];
    for (int i = 0; i < n; i++) {
        ck_assert_ptr_nonnull(types[i]);
        m[i] = ty_mangle(&A, types[i]);
        ck_assert_ptr_nonnull(m[i]);
    }
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            ck_assert_msg(!ty_equal(types[i], types[j]), "types %d and %d are equal", i, j);
            ck_assert_msg(strcmp(m[i], m[j]) != 0, "'%s' names two types (%s, %s)", m[i],
                          ty_str_of(&A, types[i]), ty_str_of(&A, types[j]));
        }
}
END_TEST

/* ---- scalar names ---- */

START_TEST(test_scalar_from_name)
{
    static const struct { const char *name; TypeKind k; } ok[] = {
        { "float32", TY_FLOAT32 }, { "float64", TY_FLOAT64 }, { "int8", TY_INT8 },
        { "int16", TY_INT16 }, { "int32", TY_INT32 }, { "int64", TY_INT64 },
        { "uint8", TY_UINT8 }, { "uint16", TY_UINT16 }, { "uint32", TY_UINT32 },
        { "uint64", TY_UINT64 }, { "bool_", TY_BOOL }, { "bool", TY_BOOL },
        { "f4", TY_FLOAT32 }, { "f8", TY_FLOAT64 }, { "i1", TY_INT8 }, { "i2", TY_INT16 },
        { "i4", TY_INT32 }, { "i8", TY_INT64 }, { "u1", TY_UINT8 }, { "u2", TY_UINT16 },
        { "u4", TY_UINT32 }, { "u8", TY_UINT64 }, { "b1", TY_BOOL },
        { "intp", TY_INT64 }, { "uintp", TY_UINT64 }, { "boolean", TY_BOOL },
        { "double", TY_FLOAT64 }, { "single", TY_FLOAT32 }, { "int_", TY_INT64 },
        { "float_", TY_FLOAT64 }, { "float", TY_FLOAT64 }, { "int", TY_INT64 },
        { "f32", TY_FLOAT32 }, { "f64", TY_FLOAT64 }, { "i16", TY_INT16 },
        { "i32", TY_INT32 }, { "i64", TY_INT64 }, { "u16", TY_UINT16 },
        { "u32", TY_UINT32 }, { "u64", TY_UINT64 },
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        ck_assert_msg(ty_scalar_from_name(ok[i].name) == T(ok[i].k), "%s", ok[i].name);
    static const char *bad[] = {
        "", "f9", "f16", "float16", "complex128", "c16", "Float64", "float64 ", "void",
        "none", "str", "object", "i", "int128", "np.float64", "array",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        ck_assert_msg(ty_scalar_from_name(bad[i]) == NULL, "'%s' accepted", bad[i]);
    ck_assert_ptr_null(ty_scalar_from_name(NULL));
}
END_TEST

Suite *suite_types(void)
{
    Suite *s = suite_create("types");
    TCase *tc = tcase_create("types");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_scalar_table);
    tcase_add_test(tc, test_promote_numpy_table);
    tcase_add_test(tc, test_promote_edges);
    tcase_add_test(tc, test_constructors);
    tcase_add_test(tc, test_equal);
    tcase_add_test(tc, test_unify_numbers);
    tcase_add_test(tc, test_unify_arrays);
    tcase_add_test(tc, test_unify_tuples);
    tcase_add_test(tc, test_unify_fails);
    tcase_add_test(tc, test_str_of);
    tcase_add_test(tc, test_mangle_strings);
    tcase_add_test(tc, test_mangle_injective);
    tcase_add_test(tc, test_scalar_from_name);
    suite_add_tcase(s, tc);
    return s;
}
