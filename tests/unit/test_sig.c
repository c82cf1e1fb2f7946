/* test_sig.c - unit tests of signature strings (ty_parse_sig): the accepted
 * spellings, array layouts, tuple and void returns, the exact error messages,
 * and fuzzing with garbage and with mutations of valid signatures. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "frontend/types.h"

static Arena A;
static void setup(void) { arena_init(&A); }
static void teardown(void) { arena_free(&A); }

/* Parses text and returns its types mangled as "ret|arg,arg" ("-" for no
 * return type), or the error message; one string makes each case one line. */
static const char *sig(const char *text)
{
    const Type *ret = ty_scalars, **args = NULL;
    const char *err = "unset";
    int n = ty_parse_sig(&A, text, &ret, &args, &err);
    if (n < 0) {
        ck_assert_ptr_null(ret);
        ck_assert_ptr_null(args);
        ck_assert_ptr_nonnull(err);
        return err;
    }
    ck_assert_ptr_null(err);
    ck_assert_ptr_nonnull(args);
    const char *s = arena_printf(&A, "%s|", ret ? ty_mangle(&A, ret) : "-");
    for (int i = 0; i < n; i++)
        s = arena_printf(&A, "%s%s%s", s, i ? "," : "", ty_mangle(&A, args[i]));
    return s;
}

#define ck_sig(text, want) ck_assert_str_eq(sig(text), want)

START_TEST(test_sig_basic)
{
    ck_sig("f8(f8[:], f8[:])", "f8|f8[:A],f8[:A]");
    ck_sig("f8(f8)", "f8|f8");
    ck_sig("i8()", "i8|");
    ck_sig("b1(u1, u2, u4, u8, i1, i2, i4, i8, f4)", "b1|u1,u2,u4,u8,i1,i2,i4,i8,f4");
    ck_sig("float64(float64[:, ::1], int64)", "f8|f8[:,:C],i8");
    ck_sig("boolean(bool_, intp, uintp, double, single)", "b1|b1,i8,u8,f8,f4");
    ck_sig("int(float, bool)", "i8|f8,b1");
    ck_sig("f8[:](f8[:])", "f8[:A]|f8[:A]");
    ck_sig("f8(f8,)", "f8|f8");  /* Python's trailing comma */
}
END_TEST

/* The docs spell types by bit count (f64); i8 and u8 keep Numba's 8 bytes. */
START_TEST(test_sig_bit_aliases)
{
    ck_sig("f64(f64[:], i64)", "f8|f8[:A],i8");
    ck_sig("f32(f32, i32, i16, u16, u32, u64)", "f4|f4,i4,i2,u2,u4,u8");
    ck_sig("void(u8, i8)", "v|u8,i8");
}
END_TEST

START_TEST(test_sig_layouts)
{
    static const struct { const char *text, *want; } cases[] = {
        { "(f8[:])", "-|f8[:A]" },
        { "(f8[:, :])", "-|f8[:,:A]" },
        { "(f8[::1])", "-|f8[:C]" },
        { "(f8[:, ::1])", "-|f8[:,:C]" },
        { "(f8[:, :, ::1])", "-|f8[:,:,:C]" },
        { "(f8[::1, :])", "-|f8[:,:A]" },      /* Fortran order: any layout */
        { "(f8[::1, ::1])", "-|f8[:,:A]" },    /* Numba calls this F too */
        { "(f8[:, ::1, :])", "-|f8[:,:,:A]" }, /* Numba: A */
        { "(b1[:,:,:,:,:,:,:,::1])", "-|b1[:,:,:,:,:,:,:,:C]" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        ck_sig(cases[i].text, cases[i].want);
}
END_TEST

START_TEST(test_sig_returns)
{
    ck_sig("void(int64)", "v|i8");
    ck_sig("none(f8)", "v|f8");
    ck_sig("(f8, i8)", "-|f8,i8");
    ck_sig("()", "-|");
    ck_sig("UniTuple(f8, 2)(f8)", "(f8,f8)|f8");
    ck_sig("UniTuple(f8 x 3)(f8)", "(f8,f8,f8)|f8");
    ck_sig("Tuple(i8, f8)(f8)", "(i8,f8)|f8");
    ck_sig("Tuple()()", "()|");
    ck_sig("Tuple(UniTuple(i4, 2), f8[::1])(Tuple(b1))", "((i4,i4),f8[:C])|(b1)");
    ck_sig("f8(UniTuple(f8[:], 2))", "f8|(f8[:A],f8[:A])");

    /* What ty_str_of prints parses back to the same type. */
    const Type *ret, **args;
    const char *err;
    ck_assert_int_eq(ty_parse_sig(&A, "UniTuple(int64 x 2)(Tuple(int64, float64))", &ret, &args, &err), 1);
    ck_assert_str_eq(ty_str_of(&A, ret), "UniTuple(int64 x 2)");
    ck_assert_str_eq(ty_str_of(&A, args[0]), "Tuple(int64, float64)");
}
END_TEST

START_TEST(test_sig_whitespace)
{
    ck_sig("  f8 ( f8 [ : , : : 1 ] ,\ti8 )  ", "f8|f8[:,:C],i8");
    ck_sig("\nUniTuple ( f8 , 2 ) ( )\r\n", "(f8,f8)|");
    ck_sig("f8(f8[:,\n:])", "f8|f8[:,:A]");
}
END_TEST

START_TEST(test_sig_errors)
{
    static const struct { const char *text, *msg; } cases[] = {
        { "f8(f9)", "bad signature 'f8(f9)': unknown type 'f9' at column 4" },
        { "f9(f8)", "bad signature 'f9(f8)': unknown type 'f9' at column 1" },
        { "f8(f8", "bad signature 'f8(f8': expected ',' or ')', found end of signature at column 6" },
        { "", "bad signature '': expected a type, found end of signature at column 1" },
        { "f8", "bad signature 'f8': expected '(', found end of signature at column 3" },
        { "f8(f8) x", "bad signature 'f8(f8) x': unexpected 'x' after the argument list at column 8" },
        { "f8(f8)(i8)", "bad signature 'f8(f8)(i8)': unexpected '(' after the argument list at column 7" },
        { "f8(f8[::2])", "bad signature 'f8(f8[::2])': expected '1' after '::' (only unit steps "
                         "mark contiguity), found '2' at column 9" },
        { "f8(f8[1:])", "bad signature 'f8(f8[1:])': expected ':', found '1' at column 7" },
        { "f8(f8[])", "bad signature 'f8(f8[])': expected ':', found ']' at column 7" },
        { "f8(f8[:)", "bad signature 'f8(f8[:)': expected ',', found ')' at column 8" },
        { "f8(void)", "bad signature 'f8(void)': 'void' is only allowed as the return type at column 4" },
        { "f8(f8,,)", "bad signature 'f8(f8,,)': expected a type, found ',' at column 7" },
        { "f8(f8$)", "bad signature 'f8(f8$)': expected ',' or ')', found '$' at column 6" },
        { "f8(\x01)", "bad signature 'f8(\x01)': expected a type, found byte 0x01 at column 4" },
        { "f8(\xff)", "bad signature 'f8(\xff)': expected a type, found byte 0xff at column 4" },
        { "UniTuple(f8, 0)()", "bad signature 'UniTuple(f8, 0)()': tuple length must be 1 to 1024 at column 14" },
        { "UniTuple(f8, 99999999999999999999999)()",
          "bad signature 'UniTuple(f8, 99999999999999999999999)()': tuple length must be 1 to 1024 at column 14" },
        { "UniTuple(f8; 2)()", "bad signature 'UniTuple(f8; 2)()': expected ',' or 'x', found ';' at column 12" },
        { "UniTuple(f8, x)()", "bad signature 'UniTuple(f8, x)()': expected a tuple length, found 'x' at column 14" },
        { "UniTuple(f8, 2, 3)()", "bad signature 'UniTuple(f8, 2, 3)()': expected ')', found ',' at column 15" },
        { "Tuple(f8 i8)()", "bad signature 'Tuple(f8 i8)()': expected ',' or ')', found 'i8' at column 10" },
        { "Tuple(none)()", "bad signature 'Tuple(none)()': 'none' is only allowed as the return type at column 7" },
        { "f8[:][:](f8)", "bad signature 'f8[:][:](f8)': expected '(', found '[' at column 6" },
        { "UniTuple[:](f8)", "bad signature 'UniTuple[:](f8)': expected '(', found '[' at column 9" },
        { "f8(float64float64)", "bad signature 'f8(float64float64)': unknown type 'float64float64' at column 4" },
        { "f8(8)", "bad signature 'f8(8)': expected a type, found '8' at column 4" },
        { "f8(f8[:,:,:,:,:,:,:,:,:])", "bad signature 'f8(f8[:,:,:,:,:,:,:,:,:])': more than 8 array "
                                       "dimensions at column 23" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        ck_sig(cases[i].text, cases[i].msg);
}
END_TEST

/* Long text is cut in the message, and long tokens are cut in the quote. */
START_TEST(test_sig_error_truncation)
{
    char text[400];
    memset(text, 'a', sizeof text - 1);
    text[sizeof text - 1] = 0;
    const char *msg = sig(text);
    ck_assert_str_eq(msg, arena_printf(&A, "bad signature '%.80s...': unknown type '%.32s...' at column 1",
                                       text, text));
}
END_TEST

/* The rank limit and nesting limit are refused with a message, not a crash. */
START_TEST(test_sig_limits)
{
    char text[4096];
    strcpy(text, "f8(");
    for (int i = 0; i < 100; i++)
        strcat(text, "Tuple(");
    strcat(text, "f8");
    for (int i = 0; i < 100; i++)
        strcat(text, ")");
    strcat(text, ")");
    ck_assert(strstr(sig(text), "tuples nested more than 32 deep at column 196"));

    char *want = arena_alloc(&A, 1024 * 3 + 8);
    strcpy(want, "(f8");
    for (int i = 1; i < 1024; i++)
        strcat(want, ",f8");
    strcat(want, ")|");
    ck_sig("UniTuple(f8, 1024)()", want);
    ck_assert(strstr(sig("UniTuple(f8, 1025)()"), "tuple length must be 1 to 1024"));
}
END_TEST

START_TEST(test_sig_null_outputs)
{
    ck_assert_int_eq(ty_parse_sig(&A, "f8(f8, i8)", NULL, NULL, NULL), 2);
    ck_assert_int_eq(ty_parse_sig(&A, "f8(", NULL, NULL, NULL), -1);
    const char *err = NULL;
    const Type *ret = ty_none, **args = NULL;
    ck_assert_int_eq(ty_parse_sig(&A, NULL, &ret, &args, &err), -1);
    ck_assert_ptr_nonnull(err);
}
END_TEST

/* xorshift64: a fixed seed makes any failure reproducible. */
static uint64_t rng_next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Parses text and checks the result is coherent either way. */
static void check_any(const char *text)
{
    const Type *ret = NULL, **args = NULL;
    const char *err = NULL;
    int n = ty_parse_sig(&A, text, &ret, &args, &err);
    if (n < 0) {
        ck_assert_int_eq(n, -1);
        ck_assert_ptr_nonnull(err);
        ck_assert_msg(!strncmp(err, "bad signature '", 15) && strstr(err, " at column "), "%s", err);
        return;
    }
    ck_assert_ptr_null(err);
    ck_assert_ptr_nonnull(args);
    for (int i = 0; i < n; i++)
        ck_assert_ptr_nonnull(ty_mangle(&A, args[i]));
    if (ret)
        ck_assert_ptr_nonnull(ty_str_of(&A, ret));
}

/* Random strings over an alphabet rich in signature tokens, with raw bytes
 * mixed in. */
START_TEST(test_sig_fuzz_random)
{
    static const char *pieces[] = {
        "f8", "i8", "u1", "b1", "float64", "void", "none", "Tuple", "UniTuple", "x",
        "(", ")", "[", "]", ",", ":", "::1", "1", "2", "0", " ", "f9", "\t", "\x80", "$",
    };
    const int npieces = sizeof pieces / sizeof *pieces;
    uint64_t seed = 0x9e3779b97f4a7c15u;
    char text[256];
    for (int iter = 0; iter < 20000; iter++) {
        size_t len = 0;
        int count = (int)(rng_next(&seed) % 24);
        for (int k = 0; k < count; k++) {
            uint64_t r = rng_next(&seed);
            if (r % 8 == 0) {
                text[len++] = (char)(1 + (r >> 8) % 255);
            } else {
                const char *p = pieces[(r >> 8) % (uint64_t)npieces];
                memcpy(text + len, p, strlen(p));
                len += strlen(p);
            }
        }
        text[len] = 0;
        check_any(text);
        if (iter % 1000 == 999) {  /* keep the arena from growing for the whole run */
            arena_free(&A);
            arena_init(&A);
        }
    }
}
END_TEST

/* Valid signatures with one byte deleted, replaced or duplicated, and every
 * prefix of them: the inputs closest to accepted text. */
START_TEST(test_sig_fuzz_mutations)
{
    static const char *valid[] = {
        "f8(f8[:], f8[:])", "float64(float64[:, ::1], int64)", "UniTuple(f8, 2)(f8)",
        "Tuple(i8, Tuple(f8, b1[::1]))(f8[:,:,::1], UniTuple(i4 x 3))", "void(int64)", "(f8, i8)",
    };
    uint64_t seed = 12345;
    char text[128];
    for (size_t v = 0; v < sizeof valid / sizeof *valid; v++) {
        size_t len = strlen(valid[v]);
        check_any(valid[v]);
        for (size_t cut = 0; cut <= len; cut++) {
            memcpy(text, valid[v], cut);
            text[cut] = 0;
            check_any(text);
        }
        for (size_t at = 0; at < len; at++) {
            strcpy(text, valid[v]);
            memmove(text + at, text + at + 1, len - at);  /* delete */
            check_any(text);
            strcpy(text, valid[v]);
            text[at] = (char)(1 + rng_next(&seed) % 255);  /* replace */
            check_any(text);
            strcpy(text, valid[v]);
            memmove(text + at + 1, text + at, len - at + 1);  /* duplicate */
            check_any(text);
        }
    }
}
END_TEST

Suite *suite_sig(void)
{
    Suite *s = suite_create("sig");
    TCase *tc = tcase_create("sig");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_sig_basic);
    tcase_add_test(tc, test_sig_bit_aliases);
    tcase_add_test(tc, test_sig_layouts);
    tcase_add_test(tc, test_sig_returns);
    tcase_add_test(tc, test_sig_whitespace);
    tcase_add_test(tc, test_sig_errors);
    tcase_add_test(tc, test_sig_error_truncation);
    tcase_add_test(tc, test_sig_limits);
    tcase_add_test(tc, test_sig_null_outputs);
    tcase_add_test(tc, test_sig_fuzz_random);
    tcase_add_test(tc, test_sig_fuzz_mutations);
    suite_add_tcase(s, tc);
    return s;
}
