/* test_npy.c - unit tests of .npy reading and writing.
 *
 * Files are written byte by byte here (no Python at test time), in a fresh
 * mkdtemp directory per test: round trips for every dtype, the header
 * variants NumPy and older writers produce, Fortran order, and one test per
 * kind of malformed file, plus a small mutation fuzz that must never crash
 * (run it under valgrind to see it read nothing out of bounds). */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/rt.h"

static char tmpdir[64];

static void tmp_setup(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/jit_npy_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void tmp_teardown(void)
{
    DIR *d = opendir(tmpdir);
    if (!d)
        return;
    struct dirent *e;
    char path[512];
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", tmpdir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(tmpdir);
}

/* A path in the test's directory; a few rotating buffers so several can be
 * alive at once. */
static const char *tpath(const char *name)
{
    static char bufs[4][512];
    static int next;
    char *b = bufs[next++ % 4];
    snprintf(b, 512, "%s/%s", tmpdir, name);
    return b;
}

static void write_bytes(const char *path, const void *bytes, size_t n)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(bytes, 1, n, f), n);
    fclose(f);
}

static char *read_bytes(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)len + 1);
    ck_assert_uint_eq(fread(b, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    *n = (size_t)len;
    return b;
}

/* Builds a .npy image the way NumPy lays it out: magic, version, header
 * length (2 bytes in 1.0, 4 in 2.0/3.0), the header padded with spaces and
 * a newline to a multiple of 64, then the data. Returns its size. */
static size_t build_npy(char *out, int major, const char *header, const void *data, size_t n)
{
    size_t lenbytes = major == 1 ? 2 : 4, pre = 8 + lenbytes;
    size_t hlen = strlen(header) + 1;
    hlen += (64 - (pre + hlen) % 64) % 64;
    memcpy(out, "\x93NUMPY", 6);
    out[6] = (char)major;
    out[7] = 0;
    for (size_t i = 0; i < lenbytes; i++)
        out[8 + i] = (char)((hlen >> (8 * i)) & 0xff);
    memset(out + pre, ' ', hlen);
    memcpy(out + pre, header, strlen(header));
    out[pre + hlen - 1] = '\n';
    if (n)
        memcpy(out + pre + hlen, data, n);
    return pre + hlen + n;
}

static void write_npy(const char *path, int major, const char *header, const void *data, size_t n)
{
    char *img = malloc(strlen(header) + n + 200);
    size_t len = build_npy(img, major, header, data, n);
    write_bytes(path, img, len);
    free(img);
}

/* Loads path, expecting failure with this kind and message fragment. */
static void expect_load_error(const char *path, int kind, const char *fragment)
{
    jit_error err = {0};
    jit_array *a = (jit_array *)1;
    ck_assert_int_eq(rt_npy_load(path, &a, &err), -1);
    ck_assert_ptr_null(a);
    ck_assert_msg(err.kind == (jit_error_kind)kind, "kind %s, want %s: %s",
                  jit_error_kind_name(err.kind), jit_error_kind_name((jit_error_kind)kind),
                  err.message);
    ck_assert_msg(strstr(err.message, fragment) != NULL, "message \"%s\" lacks \"%s\"",
                  err.message, fragment);
}

static void expect_header_error(const char *header, const char *fragment)
{
    const char *p = tpath("bad.npy");
    double d[4] = {0};
    write_npy(p, 1, header, d, sizeof d);
    expect_load_error(p, JIT_ERR_VALUE, fragment);
}

/* ------------------------------------------------------------ round trips */

static const char *const descr_of[] = {
    "|b1", "|i1", "<i2", "<i4", "<i8", "|u1", "<u2", "<u4", "<u8", "<f4", "<f8",
};

static void fill_pattern(jit_array *a)
{
    size_t item = jit_dtype_size(a->dtype);
    unsigned char *b = a->data;
    int64_t n = jit_array_size(a);
    for (int64_t i = 0; i < n * (int64_t)item; i++)
        b[i] = (unsigned char)(i * 37 + 11);
    if (a->dtype == JIT_BOOL)
        for (int64_t i = 0; i < n; i++)
            b[i] &= 1;
    if (a->dtype == JIT_FLOAT64)
        for (int64_t i = 0; i < n; i++)
            ((double *)a->data)[i] = i * 0.5 - 1;
}

static void roundtrip(jit_dtype t, int ndim, const int64_t *shape, const char *shape_text)
{
    jit_error err = {0};
    jit_array *a = jit_array_new(t, ndim, shape, &err);
    ck_assert_ptr_nonnull(a);
    fill_pattern(a);
    const char *p = tpath("rt.npy");
    ck_assert_int_eq(jit_npy_save(p, a, &err), 0);

    size_t n;
    char *img = read_bytes(p, &n);
    ck_assert_int_eq(memcmp(img, "\x93NUMPY\x01\x00", 8), 0);
    size_t hlen = (unsigned char)img[8] | (unsigned char)img[9] << 8;
    ck_assert_uint_eq((10 + hlen) % 64, 0);
    ck_assert_int_eq(img[10 + hlen - 1], '\n');
    char want[200];
    snprintf(want, sizeof want, "{'descr': '%s', 'fortran_order': False, 'shape': %s, }",
             descr_of[t], shape_text);
    ck_assert_int_eq(strncmp(img + 10, want, strlen(want)), 0);
    size_t nbytes = (size_t)jit_array_size(a) * jit_dtype_size(t);
    ck_assert_uint_eq(n, 10 + hlen + nbytes);
    free(img);

    jit_array *b = jit_npy_load(p, &err);
    ck_assert_msg(b != NULL, "%s", err.message);
    ck_assert_int_eq(b->dtype, t);
    ck_assert_int_eq(b->ndim, ndim);
    for (int i = 0; i < ndim; i++) {
        ck_assert_int_eq(b->shape[i], shape[i]);
        ck_assert_int_eq(b->strides[i], a->strides[i]);
    }
    ck_assert_ptr_nonnull(b->base);
    ck_assert_int_eq(memcmp(a->data, b->data, nbytes), 0);
    jit_array_release(a);
    jit_array_release(b);
}

START_TEST(test_roundtrip_every_dtype)
{
    RtStats s0, s1;
    rt_stats(&s0);
    int64_t shape2[2] = {2, 3}, shape1[1] = {5}, shape3[3] = {2, 1, 4};
    for (int t = JIT_BOOL; t <= JIT_FLOAT64; t++) {
        roundtrip((jit_dtype)t, 2, shape2, "(2, 3)");
        roundtrip((jit_dtype)t, 1, shape1, "(5,)");
        roundtrip((jit_dtype)t, 3, shape3, "(2, 1, 4)");
    }
    rt_stats(&s1);
    ck_assert_int_eq(s1.mi_allocs - s0.mi_allocs, s1.mi_frees - s0.mi_frees);
    ck_assert_int_eq(s1.allocs - s0.allocs, s1.frees - s0.frees);
}
END_TEST

START_TEST(test_roundtrip_empty)
{
    int64_t shape1[1] = {0}, shape2[2] = {3, 0};
    roundtrip(JIT_FLOAT64, 1, shape1, "(0,)");
    roundtrip(JIT_INT32, 2, shape2, "(3, 0)");
}
END_TEST

/* A strided view is written as its C-order copy. */
START_TEST(test_save_strided_view)
{
    double v[12];
    for (int i = 0; i < 12; i++)
        v[i] = i;
    int64_t shape[2] = {3, 4};
    int64_t tstrides[2] = {8, 24};            /* the transpose of a 4x3 array */
    jit_array t = jit_array_wrap(v, JIT_FLOAT64, 2, shape, tstrides);
    jit_error err = {0};
    const char *p = tpath("t.npy");
    ck_assert_int_eq(rt_npy_save(p, &t, &err), 0);
    jit_array *b = jit_npy_load(p, &err);
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(b->strides[0], 32);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++)
            ck_assert_double_eq(((double *)b->data)[i * 4 + j], v[j * 3 + i]);
    jit_array_release(b);
}
END_TEST

/* ------------------------------------------------------------ reading */

START_TEST(test_fortran_order)
{
    /* np.asfortranarray(np.arange(6.).reshape(2, 3)): column-major data */
    double col_major[6] = {0, 3, 1, 4, 2, 5};
    const char *p = tpath("f.npy");
    write_npy(p, 1, "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }",
              col_major, sizeof col_major);
    jit_error err = {0};
    jit_array *a = jit_npy_load(p, &err);
    ck_assert_msg(a != NULL, "%s", err.message);
    ck_assert_int_eq(a->strides[0], 8);
    ck_assert_int_eq(a->strides[1], 16);
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 3; j++) {
            const char *e = (const char *)a->data + i * a->strides[0] + j * a->strides[1];
            ck_assert_double_eq(*(const double *)e, i * 3 + j);
        }
    /* saving it again writes C order */
    const char *q = tpath("c.npy");
    ck_assert_int_eq(jit_npy_save(q, a, &err), 0);
    jit_array *c = jit_npy_load(q, &err);
    for (int k = 0; k < 6; k++)
        ck_assert_double_eq(((double *)c->data)[k], k);
    jit_array_release(a);
    jit_array_release(c);
}
END_TEST

START_TEST(test_versions_2_and_3)
{
    int32_t v[3] = {7, -8, 9};
    for (int major = 2; major <= 3; major++) {
        const char *p = tpath("v.npy");
        write_npy(p, major, "{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }", v, sizeof v);
        jit_error err = {0};
        jit_array *a = jit_npy_load(p, &err);
        ck_assert_msg(a != NULL, "%s", err.message);
        ck_assert_int_eq(a->dtype, JIT_INT32);
        ck_assert_int_eq(((int32_t *)a->data)[1], -8);
        jit_array_release(a);
    }
}
END_TEST

/* Spellings other writers produce: '=' byte order, double quotes, keys in
 * another order, no trailing comma, Python 2 longs, extra keys. */
START_TEST(test_header_variants)
{
    static const struct { const char *header; jit_dtype t; int64_t n0; } cases[] = {
        {"{'descr': '=f8', 'fortran_order': False, 'shape': (2,), }", JIT_FLOAT64, 2},
        {"{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (2,)}", JIT_FLOAT64, 2},
        {"{'shape': (2L,), 'fortran_order': False, 'descr': '<u8'}", JIT_UINT64, 2},
        {"{'descr':'|i1','fortran_order':False,'shape':(16,)}", JIT_INT8, 16},
        {"{'descr': '<i1', 'fortran_order': False, 'shape': (16, ), }", JIT_INT8, 16},
        {"{'descr': '|u1', 'x': [1, (2, 'a'), {'k': None}], 'fortran_order': False, 'shape': (16,), }",
         JIT_UINT8, 16},
        {"{'descr': '<b1', 'fortran_order': False, 'shape': (16,), }", JIT_BOOL, 16},
    };
    unsigned char data[16] = {0};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *p = tpath("h.npy");
        write_npy(p, 1, cases[i].header, data, sizeof data);
        jit_error err = {0};
        jit_array *a = jit_npy_load(p, &err);
        ck_assert_msg(a != NULL, "%s: %s", cases[i].header, err.message);
        ck_assert_int_eq(a->dtype, cases[i].t);
        ck_assert_int_eq(a->shape[0], cases[i].n0);
        jit_array_release(a);
    }
}
END_TEST

START_TEST(test_bools_normalized)
{
    unsigned char raw[4] = {0, 2, 255, 1};
    const char *p = tpath("b.npy");
    write_npy(p, 1, "{'descr': '|b1', 'fortran_order': False, 'shape': (4,), }", raw, 4);
    jit_array *a = jit_npy_load(p, NULL);
    ck_assert_ptr_nonnull(a);
    const unsigned char *b = a->data;
    ck_assert(b[0] == 0 && b[1] == 1 && b[2] == 1 && b[3] == 1);
    jit_array_release(a);
}
END_TEST

/* ------------------------------------------------------------ errors */

START_TEST(test_missing_file)
{
    const char *p = tpath("nope.npy");
    expect_load_error(p, JIT_ERR_IO, strerror(ENOENT));
    expect_load_error(tmpdir, JIT_ERR_IO, "not a regular file");
    jit_error err = {0};
    ck_assert_ptr_null(jit_npy_load(p, &err));
    ck_assert_int_eq(err.kind, JIT_ERR_IO);
    ck_assert_int_eq(rt_npy_load(NULL, NULL, &err), -1);
    ck_assert_int_eq(err.kind, JIT_ERR_ARGUMENT);
}
END_TEST

START_TEST(test_bad_magic_and_version)
{
    const char *p = tpath("m.npy");
    write_bytes(p, "\x93NUMPX\x01\x00\x10\x00{}", 12);
    expect_load_error(p, JIT_ERR_VALUE, "bad magic");
    write_bytes(p, "\x93NU", 3);
    expect_load_error(p, JIT_ERR_VALUE, "bad magic");
    write_bytes(p, "", 0);
    expect_load_error(p, JIT_ERR_VALUE, "bad magic");
    write_bytes(p, "\x93NUMPY\x04\x00\x10\x00{}", 12);
    expect_load_error(p, JIT_ERR_VALUE, "unsupported format version 4.0");
}
END_TEST

START_TEST(test_truncated_header)
{
    const char *p = tpath("t.npy");
    write_bytes(p, "\x93NUMPY\x01\x00", 8);                       /* no length */
    expect_load_error(p, JIT_ERR_VALUE, "truncated header");
    write_bytes(p, "\x93NUMPY\x01\x00\xc8\x00{'descr'", 17);       /* 200 claimed */
    expect_load_error(p, JIT_ERR_VALUE, "truncated header");
    write_bytes(p, "\x93NUMPY\x02\x00\xff\xff\xff\xff{}", 14);     /* 4 GiB claimed */
    expect_load_error(p, JIT_ERR_VALUE, "header");
}
END_TEST

START_TEST(test_malformed_headers)
{
    expect_header_error("[1, 2]", "not a dict");
    expect_header_error("{'descr': '<f8", "unterminated string");
    expect_header_error("{'descr': '<f8', 'fortran_order': False}", "lacks");
    expect_header_error("{'descr': '<f8', 'fortran_order': yes, 'shape': (1,)}", "True or False");
    expect_header_error("{'descr': '<f8', 'fortran_order': False, 'shape': 3}", "not a tuple");
    expect_header_error("{'descr': '<f8', 'fortran_order': False, 'shape': (1 2)}", "expected ','");
    expect_header_error("{'descr': '<f8' 'fortran_order': False, 'shape': (1,)}", "expected ','");
    expect_header_error("{'descr' '<f8'}", "expected ':'");
    expect_header_error("{'descr': 8, 'fortran_order': False, 'shape': (1,)}", "not a string");
    expect_header_error("", "not a dict");
    expect_header_error("{'x': ((((((((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))))))))))))}",
                        "nested too deeply");
    expect_header_error("{'x': (1, ", "header ends");
    expect_header_error("{'x': (1, 2", "unbalanced");
}
END_TEST

START_TEST(test_unsupported_dtypes)
{
    expect_header_error("{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }",
                        "big-endian dtype '>f8' is not supported");
    expect_header_error("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }",
                        "dtype '<c16' (complex) is not supported");
    expect_header_error("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", "(object)");
    expect_header_error("{'descr': '<U3', 'fortran_order': False, 'shape': (1,), }", "(str)");
    expect_header_error("{'descr': '<f2', 'fortran_order': False, 'shape': (1,), }", "'<f2'");
    expect_header_error("{'descr': '|i2', 'fortran_order': False, 'shape': (1,), }", "'|i2'");
    expect_header_error("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }",
                        "structured dtypes are not supported");
    expect_header_error("{'descr': '', 'fortran_order': False, 'shape': (1,), }", "dtype ''");
}
END_TEST

START_TEST(test_bad_shapes)
{
    expect_header_error("{'descr': '<f8', 'fortran_order': False, 'shape': (), }",
                        "0-d arrays (shape ()) are not supported");
    expect_header_error("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }",
                        "negative dimension");
    expect_header_error("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,), }",
                        "does not fit in int64");
    expect_header_error("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }",
                        "overflows");
    expect_header_error("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 1, 1, 1, 1, 1, 1, 1), }",
                        "more than 8 dimensions");
    expect_header_error("{'descr': '<f8', 'fortran_order': False, 'shape': (x,), }",
                        "expected an integer");
}
END_TEST

/* The header's promise is checked against the file size before allocating. */
START_TEST(test_data_shorter_than_header_says)
{
    RtStats s0, s1;
    rt_stats(&s0);
    double d[10] = {0};
    const char *p = tpath("file.npy");
    write_npy(p, 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000,), }", d, sizeof d);
    jit_error err = {0};
    ck_assert_ptr_null(jit_npy_load(p, &err));
    ck_assert_int_eq(err.kind, JIT_ERR_VALUE);
    char want[700];
    snprintf(want, sizeof want,
             "%s: header declares 1000000 elements (8000000 bytes) but the file holds only 80 bytes of data",
             p);
    ck_assert_str_eq(err.message, want);
    rt_stats(&s1);
    ck_assert_int_eq(s1.mi_allocs, s0.mi_allocs);
}
END_TEST

/* Every prefix of a valid file, and random byte flips in its header, must
 * give an array or an error; never a crash or an out-of-bounds read. */
START_TEST(test_fuzz_truncations_and_mutations)
{
    char img[256];
    double d[4] = {1, 2, 3, 4};
    size_t n = build_npy(img, 1, "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }", d, sizeof d);
    const char *p = tpath("fz.npy");
    for (size_t len = 0; len < n; len++) {
        write_bytes(p, img, len);
        jit_error err = {0};
        ck_assert_ptr_null(jit_npy_load(p, &err));
        ck_assert_int_ne(err.kind, 0);
    }
    unsigned seed = 12345;
    for (int k = 0; k < 400; k++) {
        char m[256];
        memcpy(m, img, n);
        for (int flips = 0; flips < 3; flips++) {
            seed = seed * 1103515245u + 12345u;
            size_t at = (seed >> 8) % 128;                   /* in the preamble or header */
            m[at] = (char)(seed >> 20);
        }
        write_bytes(p, m, n);
        jit_error err = {0};
        jit_array *a = jit_npy_load(p, &err);
        ck_assert(a != NULL || err.kind != 0);
        jit_array_release(a);
    }
}
END_TEST

/* ------------------------------------------------------------ saving */

START_TEST(test_save_errors)
{
    double d[2] = {0};
    int64_t n = 2;
    jit_array a = jit_array_wrap(d, JIT_FLOAT64, 1, &n, NULL);
    jit_error err = {0};
    char p[600];
    snprintf(p, sizeof p, "%s/no/such/dir/x.npy", tmpdir);
    ck_assert_int_eq(jit_npy_save(p, &a, &err), -1);
    ck_assert_int_eq(err.kind, JIT_ERR_IO);
    ck_assert_ptr_nonnull(strstr(err.message, strerror(ENOENT)));
    ck_assert_int_eq(jit_npy_save(tpath("x.npy"), NULL, &err), -1);
    ck_assert_int_eq(err.kind, JIT_ERR_ARGUMENT);
    jit_array z = jit_array_wrap(d, JIT_FLOAT64, 0, NULL, NULL);
    ck_assert_int_eq(jit_npy_save(tpath("x.npy"), &z, &err), -1);
    ck_assert_int_eq(err.kind, JIT_ERR_ARGUMENT);
    jit_array nodata = jit_array_wrap(NULL, JIT_FLOAT64, 1, &n, NULL);
    ck_assert_int_eq(jit_npy_save(tpath("x.npy"), &nodata, &err), -1);
    ck_assert_int_eq(err.kind, JIT_ERR_ARGUMENT);
}
END_TEST

Suite *suite_npy(void)
{
    Suite *s = suite_create("npy");
    TCase *tc = tcase_create("roundtrip");
    tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
    tcase_add_test(tc, test_roundtrip_every_dtype);
    tcase_add_test(tc, test_roundtrip_empty);
    tcase_add_test(tc, test_save_strided_view);
    suite_add_tcase(s, tc);

    tc = tcase_create("read");
    tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
    tcase_add_test(tc, test_fortran_order);
    tcase_add_test(tc, test_versions_2_and_3);
    tcase_add_test(tc, test_header_variants);
    tcase_add_test(tc, test_bools_normalized);
    suite_add_tcase(s, tc);

    tc = tcase_create("errors");
    tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
    tcase_add_test(tc, test_missing_file);
    tcase_add_test(tc, test_bad_magic_and_version);
    tcase_add_test(tc, test_truncated_header);
    tcase_add_test(tc, test_malformed_headers);
    tcase_add_test(tc, test_unsupported_dtypes);
    tcase_add_test(tc, test_bad_shapes);
    tcase_add_test(tc, test_data_shorter_than_header_says);
    tcase_add_test(tc, test_fuzz_truncations_and_mutations);
    tcase_add_test(tc, test_save_errors);
    tcase_set_timeout(tc, 60);     /* the fuzz is slow under valgrind */
    suite_add_tcase(s, tc);
    return s;
}
