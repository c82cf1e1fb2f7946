/* npy.c - reading and writing NumPy .npy files.
 *
 * The format (numpy/lib/format.py):
 *
 *     "\x93NUMPY" major minor       magic and version (1.0, 2.0 or 3.0)
 *     header length                 uint16 LE in 1.0, uint32 LE in 2.0/3.0
 *     header                        a Python dict literal, padded with spaces
 *                                   and ended by '\n', e.g.
 *                                   {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }
 *     data                          the elements, C or Fortran order
 *
 * Files come from anywhere (the CLI takes .npy paths as arguments), so the
 * header is parsed by hand, defensively: every byte is bounds-checked, every
 * number overflow-checked, and the data size is checked against the file size
 * before anything is allocated. Any malformed file gives a JIT_ERR_VALUE
 * naming the file and the problem, never a crash.
 *
 * Supported: little-endian (or byte-order-free) bool, int8..int64,
 * uint8..uint64, float32, float64. A Fortran-order file is read as it is and
 * given column-major strides, which is exactly the array NumPy returns. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rt.h"

#define NPY_MAGIC "\x93NUMPY"
#define NPY_MAGIC_LEN 6

/* NumPy itself refuses headers over 10000 bytes by default; allow more but
 * cap it so a garbage length cannot make us allocate gigabytes. */
#define NPY_HEADER_MAX (1 << 20)

/* Nesting limit when skipping values of unknown keys (no recursion bombs). */
#define NPY_DEPTH_MAX 32

/* ============================================================ the header */

typedef struct NpyHeader {
    const char *p, *end;     /* parse cursor over the header text */
    char descr[64];
    int fortran;
    int ndim;
    int64_t shape[JIT_MAX_NDIM];
    int seen_descr, seen_fortran, seen_shape;
    char why[200];           /* what is wrong, when parsing fails */
} NpyHeader;

static int hdr_fail(NpyHeader *h, const char *why)
{
    if (!h->why[0])
        snprintf(h->why, sizeof h->why, "%s", why);
    return -1;
}

static void hdr_skip_space(NpyHeader *h)
{
    while (h->p < h->end && (*h->p == ' ' || *h->p == '\t' || *h->p == '\n' || *h->p == '\r'))
        h->p++;
}

/* Consumes c (after spaces) if it is next. */
static int hdr_accept(NpyHeader *h, char c)
{
    hdr_skip_space(h);
    if (h->p < h->end && *h->p == c) {
        h->p++;
        return 1;
    }
    return 0;
}

/* string := ' chars ' | " chars "  (backslash escapes are kept verbatim) */
static int hdr_string(NpyHeader *h, char *out, size_t n)
{
    hdr_skip_space(h);
    if (h->p >= h->end || (*h->p != '\'' && *h->p != '"'))
        return hdr_fail(h, "expected a quoted string");
    char q = *h->p++;
    size_t len = 0;
    while (h->p < h->end && *h->p != q) {
        if (*h->p == '\\' && h->p + 1 < h->end)
            h->p++;
        if (len + 1 < n)
            out[len++] = *h->p;
        h->p++;
    }
    if (h->p >= h->end)
        return hdr_fail(h, "unterminated string");
    h->p++;
    out[len] = '\0';
    return 0;
}

/* int := digits [L]  (Python 2 wrote longs with an L) */
static int hdr_int(NpyHeader *h, int64_t *out)
{
    hdr_skip_space(h);
    if (h->p < h->end && *h->p == '-')
        return hdr_fail(h, "negative dimension in shape");
    if (h->p >= h->end || *h->p < '0' || *h->p > '9')
        return hdr_fail(h, "expected an integer in shape");
    int64_t v = 0;
    while (h->p < h->end && *h->p >= '0' && *h->p <= '9') {
        int d = *h->p++ - '0';
        if (v > (INT64_MAX - d) / 10)
            return hdr_fail(h, "dimension does not fit in int64");
        v = v * 10 + d;
    }
    if (h->p < h->end && *h->p == 'L')
        h->p++;
    *out = v;
    return 0;
}

/* shape := '(' [int (',' int)* [',']] ')' */
static int hdr_shape(NpyHeader *h)
{
    if (!hdr_accept(h, '('))
        return hdr_fail(h, "'shape' is not a tuple");
    h->ndim = 0;
    while (!hdr_accept(h, ')')) {
        int64_t d = 0;
        if (h->ndim == JIT_MAX_NDIM) {
            snprintf(h->why, sizeof h->why,
                     "shape has more than %d dimensions (libjit supports at most %d)",
                     JIT_MAX_NDIM, JIT_MAX_NDIM);
            return -1;
        }
        if (hdr_int(h, &d) < 0)
            return -1;
        h->shape[h->ndim++] = d;
        if (!hdr_accept(h, ',')) {
            if (!hdr_accept(h, ')'))
                return hdr_fail(h, "expected ',' or ')' in shape");
            break;
        }
    }
    h->seen_shape = 1;
    return 0;
}

static int hdr_word(NpyHeader *h, const char *w)
{
    size_t n = strlen(w);
    hdr_skip_space(h);
    if ((size_t)(h->end - h->p) >= n && memcmp(h->p, w, n) == 0) {
        h->p += n;
        return 1;
    }
    return 0;
}

static int hdr_bool(NpyHeader *h, int *out)
{
    if (hdr_word(h, "True"))
        *out = 1;
    else if (hdr_word(h, "False"))
        *out = 0;
    else
        return hdr_fail(h, "'fortran_order' is not True or False");
    return 0;
}

/* Skips any value (of a key we do not use): strings, names, numbers and
 * nested brackets. */
static int hdr_skip_value(NpyHeader *h, int depth)
{
    char tmp[2];
    hdr_skip_space(h);
    if (depth > NPY_DEPTH_MAX)
        return hdr_fail(h, "values nested too deeply");
    if (h->p >= h->end)
        return hdr_fail(h, "header ends inside a value");
    char c = *h->p;
    if (c == '\'' || c == '"')
        return hdr_string(h, tmp, sizeof tmp);
    if (c == '(' || c == '[' || c == '{') {
        char close = c == '(' ? ')' : c == '[' ? ']' : '}';
        h->p++;
        while (!hdr_accept(h, close)) {
            if (hdr_skip_value(h, depth + 1) < 0)
                return -1;
            if (!hdr_accept(h, ',') && !hdr_accept(h, ':')) {
                if (!hdr_accept(h, close))
                    return hdr_fail(h, "unbalanced brackets");
                break;
            }
        }
        return 0;
    }
    const char *start = h->p;
    while (h->p < h->end && (isalnum((unsigned char)*h->p) || strchr("_.+-", *h->p)))
        h->p++;
    return h->p > start ? 0 : hdr_fail(h, "unexpected character");
}

static int hdr_descr(NpyHeader *h)
{
    hdr_skip_space(h);
    if (h->p < h->end && *h->p == '[')
        return hdr_fail(h, "structured dtypes are not supported");
    if (h->p >= h->end || (*h->p != '\'' && *h->p != '"'))
        return hdr_fail(h, "'descr' is not a string");
    if (hdr_string(h, h->descr, sizeof h->descr) < 0)
        return -1;
    h->seen_descr = 1;
    return 0;
}

/* entry := string ':' value */
static int hdr_entry(NpyHeader *h)
{
    char key[32];
    if (hdr_string(h, key, sizeof key) < 0)
        return -1;
    if (!hdr_accept(h, ':'))
        return hdr_fail(h, "expected ':' after a key");
    if (strcmp(key, "descr") == 0)
        return hdr_descr(h);
    if (strcmp(key, "fortran_order") == 0) {
        h->seen_fortran = 1;
        return hdr_bool(h, &h->fortran);
    }
    if (strcmp(key, "shape") == 0)
        return hdr_shape(h);
    return hdr_skip_value(h, 0);
}

/* dict := '{' [entry (',' entry)* [',']] '}' */
static int hdr_parse(NpyHeader *h)
{
    if (!hdr_accept(h, '{'))
        return hdr_fail(h, "the header is not a dict");
    while (!hdr_accept(h, '}')) {
        if (hdr_entry(h) < 0)
            return -1;
        if (!hdr_accept(h, ',')) {
            if (!hdr_accept(h, '}'))
                return hdr_fail(h, "expected ',' or '}'");
            break;
        }
    }
    if (!h->seen_descr || !h->seen_fortran || !h->seen_shape)
        return hdr_fail(h, "the header lacks 'descr', 'fortran_order' or 'shape'");
    return 0;
}

/* ============================================================== dtypes */

/* descr strings, indexed by jit_dtype; what we write and what we read. */
static const char *const npy_descr[] = {
    [JIT_BOOL] = "|b1",
    [JIT_INT8] = "|i1", [JIT_INT16] = "<i2", [JIT_INT32] = "<i4", [JIT_INT64] = "<i8",
    [JIT_UINT8] = "|u1", [JIT_UINT16] = "<u2", [JIT_UINT32] = "<u4", [JIT_UINT64] = "<u8",
    [JIT_FLOAT32] = "<f4", [JIT_FLOAT64] = "<f8",
};

#define N_DTYPES ((int)(sizeof npy_descr / sizeof npy_descr[0]))

/* Accepts any byte order for 1-byte types and '<' or '=' (this host is
 * little-endian) for wider ones. */
static int descr_to_dtype(const char *d, jit_dtype *out)
{
    if (!d[0] || !strchr("<>|=", d[0]))
        return -1;
    for (int t = 0; t < N_DTYPES; t++) {
        const char *want = npy_descr[t];
        if (strcmp(d + 1, want + 1) != 0)
            continue;
        if (want[0] == '|' || d[0] == '<' || d[0] == '=') {
            *out = (jit_dtype)t;
            return 0;
        }
    }
    return -1;
}

static const char *descr_kind_name(const char *d)
{
    switch (d[0] && strchr("<>|=", d[0]) ? d[1] : d[0]) {
    case 'c': return " (complex)";
    case 'O': return " (object)";
    case 'S': case 'a': return " (bytes)";
    case 'U': return " (str)";
    case 'V': return " (void/structured)";
    case 'M': return " (datetime64)";
    case 'm': return " (timedelta64)";
    case 'f': return " (float width)";
    default: return "";
    }
}

static void descr_error(const char *path, const char *d, jit_error *err)
{
    if (d[0] == '>')
        rt_error_set(err, JIT_ERR_VALUE, NULL, 0, 0,
                     "%s: big-endian dtype '%s' is not supported; save it as '<%s'",
                     path, d, d + 1);
    else
        rt_error_set(err, JIT_ERR_VALUE, NULL, 0, 0,
                     "%s: dtype '%s'%s is not supported (libjit reads bool, int8..int64, "
                     "uint8..uint64, float32 and float64)",
                     path, d, descr_kind_name(d));
}

/* ============================================================= loading */

typedef struct NpyFile {
    const char *path;
    FILE *f;
    int64_t file_size;
    int64_t data_offset;     /* where the elements start */
} NpyFile;

static int io_error(jit_error *err, const char *what, const char *path)
{
    rt_error_set(err, JIT_ERR_IO, NULL, 0, 0, "%s %s: %s", what, path, strerror(errno));
    return -1;
}

static int bad_file(jit_error *err, const char *path, const char *why)
{
    rt_error_set(err, JIT_ERR_VALUE, NULL, 0, 0, "%s: not a valid .npy file: %s", path, why);
    return -1;
}

static int npy_open(NpyFile *nf, const char *path, jit_error *err)
{
    struct stat st;
    nf->path = path;
    nf->f = fopen(path, "rb");
    if (!nf->f)
        return io_error(err, "cannot open", path);
    if (fstat(fileno(nf->f), &st) < 0)
        return io_error(err, "cannot stat", path);
    if (!S_ISREG(st.st_mode)) {
        rt_error_set(err, JIT_ERR_IO, NULL, 0, 0, "cannot read %s: not a regular file", path);
        return -1;
    }
    nf->file_size = (int64_t)st.st_size;
    return 0;
}

static uint32_t le32(const unsigned char *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* Reads the magic, version and header length; leaves the file at the header. */
static int npy_read_preamble(NpyFile *nf, uint32_t *hlen, jit_error *err)
{
    unsigned char b[12];
    if (fread(b, 1, 8, nf->f) != 8 || memcmp(b, NPY_MAGIC, NPY_MAGIC_LEN) != 0)
        return bad_file(err, nf->path, "bad magic (expected \\x93NUMPY)");
    int major = b[6];
    if (major < 1 || major > 3) {
        char why[64];
        snprintf(why, sizeof why, "unsupported format version %d.%d", b[6], b[7]);
        return bad_file(err, nf->path, why);
    }
    size_t lenbytes = major == 1 ? 2 : 4;
    if (fread(b + 8, 1, lenbytes, nf->f) != lenbytes)
        return bad_file(err, nf->path, "truncated header");
    *hlen = major == 1 ? (uint32_t)(b[8] | b[9] << 8) : le32(b + 8);
    nf->data_offset = 8 + (int64_t)lenbytes + *hlen;
    if (*hlen > NPY_HEADER_MAX)
        return bad_file(err, nf->path, "header is longer than 1 MiB");
    if (nf->data_offset > nf->file_size)
        return bad_file(err, nf->path, "truncated header");
    return 0;
}

static int npy_read_header(NpyFile *nf, NpyHeader *h, jit_error *err)
{
    uint32_t hlen = 0;
    if (npy_read_preamble(nf, &hlen, err) < 0)
        return -1;
    char *text = malloc(hlen + 1);
    if (!text) {
        rt_error_set(err, JIT_ERR_MEMORY, NULL, 0, 0, "out of memory reading %s", nf->path);
        return -1;
    }
    int rc = 0;
    if (fread(text, 1, hlen, nf->f) != hlen) {
        rc = bad_file(err, nf->path, "truncated header");
    } else {
        memset(h, 0, sizeof *h);
        h->p = text;
        h->end = text + hlen;
        if (hdr_parse(h) < 0) {
            char why[240];
            snprintf(why, sizeof why, "bad header: %s", h->why);
            rc = bad_file(err, nf->path, why);
        }
    }
    free(text);
    h->p = h->end = NULL;
    return rc;
}

/* Checks that the data the header promises is in the file, before any
 * allocation, so a lying header cannot make us allocate. */
static int npy_check_size(NpyFile *nf, const NpyHeader *h, jit_dtype t, jit_error *err)
{
    int64_t count = 1, itemsize = (int64_t)jit_dtype_size(t);
    int empty = 0;
    for (int i = 0; i < h->ndim; i++) {
        /* the non-zero extents must not overflow even in an empty array
         * (NumPy: "array is too big"): the strides are made from them */
        if (h->shape[i] != 0 && count > INT64_MAX / itemsize / h->shape[i]) {
            rt_error_set(err, JIT_ERR_VALUE, NULL, 0, 0,
                         "%s: the shape in the header overflows (too many elements)", nf->path);
            return -1;
        }
        if (h->shape[i] == 0)
            empty = 1;
        else
            count *= h->shape[i];
    }
    if (empty)
        count = 0;
    int64_t avail = nf->file_size - nf->data_offset;
    if (count * itemsize > avail) {
        rt_error_set(err, JIT_ERR_VALUE, NULL, 0, 0,
                     "%s: header declares %lld elements (%lld bytes) but the file holds only "
                     "%lld bytes of data",
                     nf->path, (long long)count, (long long)(count * itemsize), (long long)avail);
        return -1;
    }
    return 0;
}

static void fortran_strides(jit_array *a)
{
    int64_t s = (int64_t)jit_dtype_size(a->dtype);
    for (int i = 0; i < a->ndim; i++) {
        a->strides[i] = s;
        s *= a->shape[i] > 0 ? a->shape[i] : 1;
    }
}

/* Kernels treat a bool as one byte that is 0 or 1; a file may hold others. */
static void normalize_bools(jit_array *a)
{
    unsigned char *b = a->data;
    int64_t n = jit_array_size(a);
    for (int64_t i = 0; i < n; i++)
        b[i] = b[i] != 0;
}

static jit_array *npy_read_data(NpyFile *nf, const NpyHeader *h, jit_dtype t, jit_error *err)
{
    jit_array *a = jit_array_new(t, h->ndim, h->shape, err);
    if (!a)
        return NULL;
    size_t nbytes = (size_t)jit_array_size(a) * jit_dtype_size(t);
    if (fseek(nf->f, (long)nf->data_offset, SEEK_SET) != 0 ||
        fread(a->data, 1, nbytes, nf->f) != nbytes) {
        if (ferror(nf->f))
            io_error(err, "cannot read", nf->path);
        else
            bad_file(err, nf->path, "data is truncated");
        jit_array_release(a);
        return NULL;
    }
    if (h->fortran)
        fortran_strides(a);
    if (t == JIT_BOOL)
        normalize_bools(a);
    return a;
}

static jit_array *npy_load_open(NpyFile *nf, jit_error *err)
{
    NpyHeader h;
    jit_dtype t;
    if (npy_read_header(nf, &h, err) < 0)
        return NULL;
    if (descr_to_dtype(h.descr, &t) < 0) {
        descr_error(nf->path, h.descr, err);
        return NULL;
    }
    if (h.ndim == 0) {
        rt_error_set(err, JIT_ERR_VALUE, NULL, 0, 0,
                     "%s: 0-d arrays (shape ()) are not supported", nf->path);
        return NULL;
    }
    if (npy_check_size(nf, &h, t, err) < 0)
        return NULL;
    return npy_read_data(nf, &h, t, err);
}

int rt_npy_load(const char *path, jit_array **out, jit_error *err)
{
    if (!path || !out) {
        rt_error_set(err, JIT_ERR_ARGUMENT, NULL, 0, 0, "rt_npy_load: path and out must not be NULL");
        return -1;
    }
    *out = NULL;
    NpyFile nf = {0};
    if (npy_open(&nf, path, err) == 0)
        *out = npy_load_open(&nf, err);
    if (nf.f)
        fclose(nf.f);
    return *out ? 0 : -1;
}

jit_array *jit_npy_load(const char *path, jit_error *err)
{
    jit_array *a = NULL;
    rt_npy_load(path, &a, err);
    return a;
}

/* ============================================================== saving */

static int check_savable(const char *path, const jit_array *a, jit_error *err)
{
    if (!path || !a) {
        rt_error_set(err, JIT_ERR_ARGUMENT, NULL, 0, 0, "npy save: path and array must not be NULL");
        return -1;
    }
    if ((unsigned)a->dtype >= (unsigned)N_DTYPES || a->ndim < 1 || a->ndim > JIT_MAX_NDIM) {
        rt_error_set(err, JIT_ERR_ARGUMENT, NULL, 0, 0,
                     "npy save: invalid array (dtype %d, ndim %d; 0-d arrays are not supported)",
                     (int)a->dtype, a->ndim);
        return -1;
    }
    for (int i = 0; i < a->ndim; i++) {
        if (a->shape[i] < 0) {
            rt_error_set(err, JIT_ERR_ARGUMENT, NULL, 0, 0, "npy save: negative dimension");
            return -1;
        }
    }
    if (!a->data && jit_array_size(a) != 0) {
        rt_error_set(err, JIT_ERR_ARGUMENT, NULL, 0, 0, "npy save: array has no data");
        return -1;
    }
    return 0;
}

/* Version 1.0 header, padded so the data starts at a multiple of 64 bytes
 * as NumPy does (aligned loads when the file is memory-mapped). */
static size_t npy_format_header(char *buf, size_t cap, const jit_array *a)
{
    int n = snprintf(buf, cap, "{'descr': '%s', 'fortran_order': False, 'shape': (",
                     npy_descr[a->dtype]);
    for (int i = 0; i < a->ndim; i++)
        n += snprintf(buf + n, cap - (size_t)n, "%s%lld", i ? ", " : "", (long long)a->shape[i]);
    n += snprintf(buf + n, cap - (size_t)n, "%s), }", a->ndim == 1 ? "," : "");
    size_t total = 10 + (size_t)n + 1;             /* preamble + text + '\n' */
    size_t pad = (64 - total % 64) % 64;
    memset(buf + n, ' ', pad);
    buf[(size_t)n + pad] = '\n';
    return (size_t)n + pad + 1;
}

static int is_c_contiguous(const jit_array *a)
{
    int64_t s = (int64_t)jit_dtype_size(a->dtype);
    for (int i = a->ndim - 1; i >= 0; i--) {
        if (a->shape[i] != 1 && a->strides[i] != s)
            return 0;
        s *= a->shape[i];
    }
    return 1;
}

/* Writes the elements in C order through a buffer, for strided arrays. */
static int write_strided(FILE *f, const jit_array *a)
{
    enum { CHUNK = 1 << 16 };
    char buf[CHUNK];
    size_t item = jit_dtype_size(a->dtype), fill = 0;
    int64_t idx[JIT_MAX_NDIM] = {0}, n = jit_array_size(a);
    for (int64_t k = 0; k < n; k++) {
        const char *p = a->data;
        for (int i = 0; i < a->ndim; i++)
            p += idx[i] * a->strides[i];
        memcpy(buf + fill, p, item);
        fill += item;
        if (fill + item > CHUNK) {
            if (fwrite(buf, 1, fill, f) != fill)
                return -1;
            fill = 0;
        }
        for (int i = a->ndim - 1; i >= 0 && ++idx[i] == a->shape[i]; i--)
            idx[i] = 0;
    }
    return fwrite(buf, 1, fill, f) == fill ? 0 : -1;
}

static int npy_write(FILE *f, const jit_array *a)
{
    char header[512];
    size_t hlen = npy_format_header(header, sizeof header, a);
    unsigned char pre[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                             (unsigned char)(hlen & 0xff), (unsigned char)(hlen >> 8)};
    if (fwrite(pre, 1, sizeof pre, f) != sizeof pre || fwrite(header, 1, hlen, f) != hlen)
        return -1;
    if (!is_c_contiguous(a))
        return write_strided(f, a);
    size_t nbytes = (size_t)jit_array_size(a) * jit_dtype_size(a->dtype);
    return fwrite(a->data, 1, nbytes, f) == nbytes ? 0 : -1;
}

int rt_npy_save(const char *path, const jit_array *a, jit_error *err)
{
    if (check_savable(path, a, err) < 0)
        return -1;
    FILE *f = fopen(path, "wb");
    if (!f)
        return io_error(err, "cannot create", path);
    int rc = npy_write(f, a);
    int saved_errno = errno;
    if (fclose(f) != 0 && rc == 0)
        saved_errno = errno, rc = -1;
    if (rc < 0) {
        errno = saved_errno;
        return io_error(err, "cannot write", path);
    }
    return 0;
}

int jit_npy_save(const char *path, const jit_array *a, jit_error *err)
{
    return rt_npy_save(path, a, err);
}
