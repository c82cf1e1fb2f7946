/* print.c - print() for kernels: Python's repr of scalars, NumPy's str of arrays.
 *
 * Output must match CPython + NumPy byte for byte, because tests compare a
 * kernel's output with the same script run under Python. Three parts:
 *
 *   digits     the shortest decimal digits that read back as the same double
 *              (or float), found by trying %.{p}e for growing p. CPython's
 *              repr and NumPy's Dragon4 "unique" mode both produce these.
 *   scalars    Python's float repr rules on those digits (exponent form when
 *              the exponent is < -4 or >= 16; always a '.' or an 'e').
 *   arrays     a port of numpy/_core/arrayprint.py (NumPy 2.x defaults:
 *              precision 8, floatmode 'maxprec', linewidth 75, threshold
 *              1000, edgeitems 3): FloatingFormat/IntegerFormat/BoolFormat
 *              decide one width for all elements, _formatArray lays them out
 *              with line wrapping and "..." summaries. Two details follow
 *              NumPy >= 2.3 (checked against 2.4): float32 arrays switch to
 *              scientific notation at 1e6 rather than 1e8, and the repr of
 *              a summarized array ends with shape=(...).
 *
 * Where output goes: the thread's current call sets it (rt_set_output); the
 * slot is _Thread_local so concurrent calls print to their own streams. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt.h"

static _Thread_local FILE *rt_output;

void rt_set_output(FILE *f)
{
    rt_output = f;
}

FILE *rt_get_output(void)
{
    return rt_output;
}

static FILE *output(void)
{
    return rt_output ? rt_output : stdout;
}

/* ================================================================ text */

/* Appends into a fixed buffer, truncating safely; used instead of
 * snprintf("%*s") chains whose widths the compiler cannot bound. */
typedef struct Buf {
    char *p;
    size_t cap, len;
} Buf;

static Buf buf_init(char *p, size_t cap)
{
    Buf b = {p, cap, 0};
    if (cap)
        p[0] = '\0';
    return b;
}

static void buf_putc(Buf *b, char c)
{
    if (b->len + 1 < b->cap) {
        b->p[b->len++] = c;
        b->p[b->len] = '\0';
    }
}

static void buf_puts(Buf *b, const char *s)
{
    while (*s)
        buf_putc(b, *s++);
}

static void buf_fill(Buf *b, char c, int n)
{
    for (int i = 0; i < n; i++)
        buf_putc(b, c);
}

/* s right-aligned in width (Python's '{:>w}'). */
static void buf_right(Buf *b, const char *s, int width)
{
    buf_fill(b, ' ', width - (int)strlen(s));
    buf_puts(b, s);
}

/* ================================================================ digits */

/* A finite number as decimal digits: value = d[0].d[1]...d[n-1] * 10^exp.
 * No trailing zeros; zero is "0" with exp 0. */
typedef struct Digits {
    int neg;
    int n;
    int exp;
    char d[40];
} Digits;

static void digits_trim(Digits *g)
{
    while (g->n > 1 && g->d[g->n - 1] == '0')
        g->n--;
    if (g->n == 1 && g->d[0] == '0')
        g->exp = 0;
    g->d[g->n] = '\0';
}

/* Reads the output of printf's %e: [-]d[.ddd]e(+|-)xx */
static void digits_from_e(Digits *g, const char *s)
{
    g->neg = *s == '-';
    g->n = 0;
    for (; *s && *s != 'e'; s++)
        if (*s >= '0' && *s <= '9' && g->n < (int)sizeof g->d - 1)
            g->d[g->n++] = *s;
    g->exp = *s == 'e' ? atoi(s + 1) : 0;
    digits_trim(g);
}

/* Reads the output of printf's %f: [-]ddd.ddd (leading zeros dropped). */
static void digits_from_f(Digits *g, const char *s)
{
    g->neg = *s == '-';
    g->n = 0;
    g->exp = -1;
    int seen_point = 0;
    for (s += g->neg; *s; s++) {
        if (*s == '.') {
            seen_point = 1;
            continue;
        }
        if (!seen_point)
            g->exp++;
        if (g->n == 0 && *s == '0') {
            g->exp--;
            continue;
        }
        if (g->n < (int)sizeof g->d - 1)
            g->d[g->n++] = *s;
    }
    if (g->n == 0) {
        g->d[g->n++] = '0';
        g->exp = 0;
    }
    digits_trim(g);
}

static int reads_back(const char *s, double v, int single)
{
    return single ? strtof(s, NULL) == (float)v : strtod(s, NULL) == v;
}

/* Digits of the integer m times 10^e10. */
static void digits_from_int(Digits *g, int neg, uint64_t m, int e10)
{
    char s[24];
    int n = snprintf(s, sizeof s, "%" PRIu64, m);
    g->neg = neg;
    g->n = n;
    g->exp = e10 + n - 1;
    memcpy(g->d, s, (size_t)n);
    digits_trim(g);
}

/* When the correctly rounded p-digit candidate does not read back, a
 * neighbour in the last digit still may: just above a power of two the gap
 * to the next double below is half the gap above, so the closest candidate
 * can fall outside while the next one up is inside. */
static int digits_neighbour(Digits *g, const char *e_str, double v, int single)
{
    Digits r;
    digits_from_e(&r, e_str);
    int p = 0;
    uint64_t m = 0;
    for (const char *s = e_str; *s && *s != 'e'; s++)
        if (*s >= '0' && *s <= '9')
            m = m * 10 + (uint64_t)(*s - '0'), p++;
    int e10 = atoi(strchr(e_str, 'e') + 1) - p + 1;
    for (int dir = 1; dir >= -1; dir -= 2) {
        char s[48];
        uint64_t c = dir > 0 ? m + 1 : m - 1;
        snprintf(s, sizeof s, "%s%" PRIu64 "e%d", r.neg ? "-" : "", c, e10);
        if (c > 0 && reads_back(s, v, single)) {
            digits_from_int(g, r.neg, c, e10);
            return 1;
        }
    }
    return 0;
}

/* Shortest round-trip digits. For a float32 value (single) the digits must
 * read back as the same float, as NumPy does for float32 arrays. Among
 * candidates of one length, %.{p}e gives the correctly rounded, i.e. the
 * closest, which is what CPython and Dragon4 choose. */
static void digits_shortest(Digits *g, double v, int single)
{
    char buf[48];
    int maxp = single ? 9 : 17;
    for (int p = 1; p <= maxp; p++) {
        snprintf(buf, sizeof buf, "%.*e", p - 1, v);
        if (reads_back(buf, v, single))
            break;
        if (v != 0 && digits_neighbour(g, buf, v, single))
            return;
    }
    digits_from_e(g, buf);
}

/* Dragon4 in unique mode with a cutoff (NumPy's precision): the shortest
 * digits if they need at most prec fractional digits, else the exact value
 * correctly rounded at the cutoff, which glibc's printf also computes. */
static void digits_positional(Digits *g, double v, int single, int prec)
{
    digits_shortest(g, v, single);
    if (g->n - 1 - g->exp <= prec)
        return;
    char buf[400];
    snprintf(buf, sizeof buf, "%.*f", prec, v);
    digits_from_f(g, buf);
}

static void digits_scientific(Digits *g, double v, int single, int prec)
{
    digits_shortest(g, v, single);
    if (g->n - 1 <= prec)
        return;
    char buf[48];
    snprintf(buf, sizeof buf, "%.*e", prec, v);
    digits_from_e(g, buf);
}

/* Integer and fraction digits of positional notation ("12", "5" for 12.5;
 * "0", "0012" for 0.0012). The buffers hold any double (exp 308 / -324). */
enum { PART_MAX = 400 };

static void digits_split(const Digits *g, char *ip, char *fp)
{
    int ni = 0, nf = 0;
    if (g->neg)
        ip[ni++] = '-';
    if (g->exp < 0) {
        ip[ni++] = '0';
        for (int i = 0; i < -g->exp - 1; i++)
            fp[nf++] = '0';
        for (int i = 0; i < g->n; i++)
            fp[nf++] = g->d[i];
    } else {
        for (int i = 0; i <= g->exp; i++)
            ip[ni++] = i < g->n ? g->d[i] : '0';
        for (int i = g->exp + 1; i < g->n; i++)
            fp[nf++] = g->d[i];
    }
    ip[ni] = '\0';
    fp[nf] = '\0';
}

/* =============================================================== scalars */

/* CPython's float_repr_style 'short' layout (Python/pystrtod.c). */
static void py_repr_digits(char *buf, size_t n, const Digits *g)
{
    Buf b = buf_init(buf, n);
    if (g->exp < -4 || g->exp >= 16) {
        char e[16];
        snprintf(e, sizeof e, "e%+03d", g->exp);
        buf_puts(&b, g->neg ? "-" : "");
        buf_putc(&b, g->d[0]);
        if (g->n > 1) {
            buf_putc(&b, '.');
            buf_puts(&b, g->d + 1);
        }
        buf_puts(&b, e);
        return;
    }
    char ip[PART_MAX], fp[PART_MAX];
    digits_split(g, ip, fp);
    buf_puts(&b, ip);
    buf_putc(&b, '.');
    buf_puts(&b, fp[0] ? fp : "0");
}

static int format_nonfinite(char *buf, size_t n, double v)
{
    if (isnan(v))
        snprintf(buf, n, "nan");
    else if (isinf(v))
        snprintf(buf, n, "%s", v < 0 ? "-inf" : "inf");
    else
        return 0;
    return 1;
}

static void format_float(char *buf, size_t n, double v, int single)
{
    if (format_nonfinite(buf, n, v))
        return;
    Digits g;
    digits_shortest(&g, v, single);
    py_repr_digits(buf, n, &g);
}

void rt_format_f64(char *buf, size_t n, double v)
{
    if (buf && n)
        format_float(buf, n, v, 0);
}

/* Numba prints a float32 scalar by boxing it as a Python float, i.e.
 * converting it to float64 first: print(np.float32(0.1)) in an @njit
 * function prints 0.10000000149011612, not 0.1. We match Numba. */
void rt_format_f32(char *buf, size_t n, float v)
{
    rt_format_f64(buf, n, (double)v);
}

void rt_print_i64(int64_t v)
{
    fprintf(output(), "%" PRId64, v);
}

void rt_print_u64(uint64_t v)
{
    fprintf(output(), "%" PRIu64, v);
}

void rt_print_f64(double v)
{
    char buf[64];
    rt_format_f64(buf, sizeof buf, v);
    fputs(buf, output());
}

void rt_print_f32(float v)
{
    rt_print_f64((double)v);
}

void rt_print_bool(int v)
{
    fputs(v ? "True" : "False", output());
}

void rt_print_str(const char *s)
{
    fputs(s ? s : "None", output());
}

void rt_print_none(void)
{
    fputs("None", output());
}

void rt_print_sep(void)
{
    fputc(' ', output());
}

void rt_print_end(void)
{
    FILE *f = output();
    fputc('\n', f);
    fflush(f);
}

/* ================================================================ output */

/* A FILE* writer that remembers the current line, because NumPy's wrapping
 * measures the line so far and strips its trailing spaces when it breaks. */
enum { LINE_CAP = 1024 };

typedef struct Out {
    FILE *f;
    int col;             /* length of the current line */
    int fill;            /* bytes of it still in line[] */
    char line[LINE_CAP];
} Out;

static void out_drain(Out *o)
{
    fwrite(o->line, 1, (size_t)o->fill, o->f);
    o->fill = 0;
}

static void out_putc(Out *o, char c)
{
    if (c == '\n') {
        out_drain(o);
        fputc('\n', o->f);
        o->col = 0;
        return;
    }
    if (o->fill == LINE_CAP)
        out_drain(o);   /* only a pathological line gets here */
    o->line[o->fill++] = c;
    o->col++;
}

static void out_puts(Out *o, const char *s)
{
    while (*s)
        out_putc(o, *s++);
}

static void out_spaces(Out *o, int n)
{
    for (int i = 0; i < n; i++)
        out_putc(o, ' ');
}

/* Ends the line without its trailing spaces (Python's line.rstrip()). */
static void out_break(Out *o)
{
    while (o->fill > 0 && o->line[o->fill - 1] == ' ')
        o->fill--;
    out_putc(o, '\n');
}

/* ========================================================= element access */

enum { EDGE_ITEMS = 3, THRESHOLD = 1000, LINE_WIDTH = 75, PRECISION = 8 };

static int dtype_is_float(jit_dtype t)
{
    return t == JIT_FLOAT32 || t == JIT_FLOAT64;
}

static int dtype_is_unsigned(jit_dtype t)
{
    return t >= JIT_UINT8 && t <= JIT_UINT64;
}

static double load_float(jit_dtype t, const char *p)
{
    if (t == JIT_FLOAT32) {
        float f;
        memcpy(&f, p, sizeof f);
        return f;
    }
    double d;
    memcpy(&d, p, sizeof d);
    return d;
}

static int64_t load_int(jit_dtype t, const char *p)
{
    switch (t) {
    case JIT_BOOL: return *(const uint8_t *)p != 0;
    case JIT_INT8: return *(const int8_t *)p;
    case JIT_UINT8: return *(const uint8_t *)p;
    case JIT_INT16: { int16_t v; memcpy(&v, p, 2); return v; }
    case JIT_UINT16: { uint16_t v; memcpy(&v, p, 2); return v; }
    case JIT_INT32: { int32_t v; memcpy(&v, p, 4); return v; }
    case JIT_UINT32: { uint32_t v; memcpy(&v, p, 4); return v; }
    default: { int64_t v; memcpy(&v, p, 8); return v; }   /* INT64, UINT64 bits */
    }
}

/* Calls fn on every element that will be displayed: all of them, or with
 * summary only the first and last EDGE_ITEMS along each long axis (NumPy's
 * _leading_trailing), since formats are fitted to what is shown. */
typedef void (*VisitFn)(void *ctx, const char *p);

static void visit(const jit_array *a, int summary, int axis, const char *p, VisitFn fn, void *ctx)
{
    if (axis == a->ndim) {
        fn(ctx, p);
        return;
    }
    int64_t n = a->shape[axis];
    int gap = summary && n > 2 * EDGE_ITEMS;
    for (int64_t i = 0; i < n; i++) {
        if (gap && i == EDGE_ITEMS)
            i = n - EDGE_ITEMS;
        visit(a, summary, axis + 1, p + i * a->strides[axis], fn, ctx);
    }
}

/* ====================================================== float elements */

/* NumPy's FloatingFormat after fillFormat, for floatmode 'maxprec'. */
typedef struct FloatFmt {
    jit_dtype dtype;
    int single;
    int exp_format;
    int pad_left, pad_right;   /* widths of the integer and fraction parts */
    int precision;             /* exp format: fraction digits of every value */
    int exp_size;              /* exp format: digits of every exponent */
    /* scan results */
    int n_finite, n_nonfinite, neg_inf, n_nonzero;
    double max_abs, min_abs;
} FloatFmt;

static void float_scan(void *ctx, const char *p)
{
    FloatFmt *ff = ctx;
    double v = load_float(ff->dtype, p);
    if (!isfinite(v)) {
        ff->n_nonfinite++;
        ff->neg_inf |= isinf(v) && v < 0;
        return;
    }
    ff->n_finite++;
    double m = fabs(v);
    if (m == 0)
        return;
    if (ff->n_nonzero++ == 0 || m > ff->max_abs)
        ff->max_abs = m;
    if (ff->n_nonzero == 1 || m < ff->min_abs)
        ff->min_abs = m;
}

/* The comparisons run in the array's own precision, as NumPy compares
 * float32 values with Python floats converted to float32 (NEP 50). The
 * float32 cutoff is 1e6: 10**min(8, finfo(float32).precision). */
static int float_wants_exp(const FloatFmt *ff)
{
    if (ff->n_nonzero == 0)
        return 0;
    if (ff->single) {
        float mx = (float)ff->max_abs, mn = (float)ff->min_abs;
        return mx >= 1e6f || mn < 0.0001f || mx / mn > 1000.0f;
    }
    return ff->max_abs >= 1e8 || ff->min_abs < 0.0001 || ff->max_abs / ff->min_abs > 1000.0;
}

static int max_int(int a, int b)
{
    return a > b ? a : b;
}

static int exp_digits(int e)
{
    int n = 0;
    for (e = e < 0 ? -e : e; e > 0; e /= 10)
        n++;
    return max_int(n, 2);
}

static void float_measure(void *ctx, const char *p)
{
    FloatFmt *ff = ctx;
    double v = load_float(ff->dtype, p);
    if (!isfinite(v))
        return;
    Digits g;
    if (ff->exp_format) {
        digits_scientific(&g, v, ff->single, PRECISION);
        ff->pad_left = max_int(ff->pad_left, 1 + g.neg);
        ff->precision = max_int(ff->precision, g.n - 1);
        ff->exp_size = max_int(ff->exp_size, exp_digits(g.exp));
        return;
    }
    char ip[PART_MAX], fp[PART_MAX];
    digits_positional(&g, v, ff->single, PRECISION);
    digits_split(&g, ip, fp);
    ff->pad_left = max_int(ff->pad_left, (int)strlen(ip));
    ff->pad_right = max_int(ff->pad_right, (int)strlen(fp));
}

static void float_fill(FloatFmt *ff, const jit_array *a, int summary)
{
    memset(ff, 0, sizeof *ff);
    ff->dtype = a->dtype;
    ff->single = a->dtype == JIT_FLOAT32;
    visit(a, summary, 0, a->data, float_scan, ff);
    ff->exp_format = float_wants_exp(ff);
    if (ff->n_finite > 0)
        visit(a, summary, 0, a->data, float_measure, ff);
    if (ff->exp_format)
        ff->pad_right = ff->exp_size + 2 + ff->precision;
    if (ff->n_nonfinite > 0) {
        /* room for "nan" / "inf" / "-inf" right-aligned in the same width */
        int offset = ff->pad_right + 1;
        ff->pad_left = max_int(ff->pad_left, 3 - offset);
        ff->pad_left = max_int(ff->pad_left, 3 + ff->neg_inf - offset);
    }
}

static void float_str_exp(const FloatFmt *ff, double v, char *buf, size_t n)
{
    /* Dragon4 with min_digits = precision: the unique digits when there are
     * that many; when there are fewer it goes on generating digits of the
     * exact value and rounds the last, which is what %.*e computes (for
     * float32 that is not the short digits padded with zeros). */
    Digits g;
    digits_scientific(&g, v, ff->single, PRECISION);
    if (g.n - 1 < ff->precision) {
        char tmp[48];
        snprintf(tmp, sizeof tmp, "%.*e", ff->precision, v);
        digits_from_e(&g, tmp);
    }
    char ip[3] = {'-', g.d[0], '\0'};
    char ex[16];
    snprintf(ex, sizeof ex, "%d", g.exp < 0 ? -g.exp : g.exp);
    Buf b = buf_init(buf, n);
    buf_right(&b, ip + !g.neg, ff->pad_left);
    buf_putc(&b, '.');
    for (int i = 1; i <= ff->precision; i++)
        buf_putc(&b, i < g.n ? g.d[i] : '0');
    buf_putc(&b, 'e');
    buf_putc(&b, g.exp < 0 ? '-' : '+');
    buf_fill(&b, '0', ff->exp_size - (int)strlen(ex));
    buf_puts(&b, ex);
}

static void float_str(const FloatFmt *ff, double v, char *buf, size_t n)
{
    char tmp[8];
    Buf b = buf_init(buf, n);
    if (format_nonfinite(tmp, sizeof tmp, v)) {
        buf_right(&b, tmp, ff->pad_left + ff->pad_right + 1);
        return;
    }
    if (ff->exp_format) {
        float_str_exp(ff, v, buf, n);
        return;
    }
    Digits g;
    char ip[PART_MAX], fp[PART_MAX];
    digits_positional(&g, v, ff->single, PRECISION);
    digits_split(&g, ip, fp);
    buf_right(&b, ip, ff->pad_left);
    buf_putc(&b, '.');
    buf_puts(&b, fp);
    buf_fill(&b, ' ', ff->pad_right - (int)strlen(fp));
}

/* ==================================================== element formats */

typedef struct ElemFmt {
    jit_dtype dtype;
    int width;            /* integers: common width */
    int zero_d;           /* a 0-d array: bools print without padding */
    FloatFmt ff;
} ElemFmt;

static int int_str(jit_dtype t, const char *p, char *buf, size_t n)
{
    if (t == JIT_UINT64)
        return snprintf(buf, n, "%" PRIu64, (uint64_t)load_int(t, p));
    return snprintf(buf, n, "%" PRId64, load_int(t, p));
}

/* IntegerFormat: every element right-aligned to the widest shown one. */
static void int_measure(void *ctx, const char *p)
{
    ElemFmt *ef = ctx;
    char buf[32];
    ef->width = max_int(ef->width, int_str(ef->dtype, p, buf, sizeof buf));
}

static void elem_fill(ElemFmt *ef, const jit_array *a, int summary)
{
    memset(ef, 0, sizeof *ef);
    ef->dtype = a->dtype;
    ef->zero_d = a->ndim == 0;
    if (dtype_is_float(a->dtype))
        float_fill(&ef->ff, a, summary);
    else if (a->dtype != JIT_BOOL)
        visit(a, summary, 0, a->data, int_measure, ef);
}

static void elem_str(const ElemFmt *ef, const char *p, char *buf, size_t n)
{
    if (dtype_is_float(ef->dtype)) {
        float_str(&ef->ff, load_float(ef->dtype, p), buf, n);
    } else if (ef->dtype == JIT_BOOL) {
        /* BoolFormat pads True to the width of False, except in 0-d arrays */
        snprintf(buf, n, "%s", load_int(JIT_BOOL, p) ? (ef->zero_d ? "True" : " True") : "False");
    } else {
        char tmp[32];
        Buf b = buf_init(buf, n);
        int_str(ef->dtype, p, tmp, sizeof tmp);
        buf_right(&b, tmp, ef->width);
    }
}

/* ================================================================ layout */

/* One array2string call: str uses separator " ", repr ", " and the prefix
 * "array(" (which only shows in the hanging indent). */
typedef struct Layout {
    const jit_array *a;
    ElemFmt ef;
    const char *sep;
    const char *line_sep;    /* sep with trailing spaces stripped */
    int summary;
    Out *o;
} Layout;

enum { ELEM_MAX = 128 };

/* _extendLine: wrap before a word that would pass the width, unless the
 * line holds nothing but the indent (wrapping would not help). */
static void layout_word(Layout *L, const char *word, int indent, int width)
{
    if (L->o->col + (int)strlen(word) > width && L->o->col > indent) {
        out_break(L->o);
        out_spaces(L->o, indent);
    }
    out_puts(L->o, word);
}

static void layout_block(Layout *L, int axis, const char *p, int indent, int width);

/* The last axis: elements separated by sep, wrapped at width - 1 (room for
 * the closing bracket or the separator's comma). */
static void layout_row(Layout *L, int axis, const char *p, int indent, int width)
{
    int64_t n = L->a->shape[axis];
    int gap = L->summary && n > 2 * EDGE_ITEMS;
    char word[ELEM_MAX];
    for (int64_t i = 0; i < n; i++) {
        if (gap && i == EDGE_ITEMS) {
            layout_word(L, "...", indent, width - 1);
            out_puts(L->o, L->sep);
            i = n - EDGE_ITEMS;
        }
        elem_str(&L->ef, p + i * L->a->strides[axis], word, sizeof word);
        layout_word(L, word, indent, width - 1);
        if (i < n - 1)
            out_puts(L->o, L->sep);
    }
}

/* Outer axes: sub-blocks separated by the stripped separator and one
 * newline per remaining axis, each further line starting at the indent. */
static void layout_rows(Layout *L, int axis, const char *p, int indent, int width)
{
    int64_t n = L->a->shape[axis];
    int gap = L->summary && n > 2 * EDGE_ITEMS;
    int newlines = L->a->ndim - axis - 1;
    for (int64_t i = 0; i < n; i++) {
        if (i > 0) {
            out_puts(L->o, L->line_sep);
            for (int k = 0; k < newlines; k++)
                out_putc(L->o, '\n');
            out_spaces(L->o, indent);
        }
        if (gap && i == EDGE_ITEMS) {
            out_puts(L->o, "...");
            i = n - EDGE_ITEMS - 1;
            continue;
        }
        layout_block(L, axis + 1, p + i * L->a->strides[axis], indent + 1, width - 1);
    }
}

/* _formatArray's recurser: "[" + contents + "]"; indent is the length of
 * the hanging indent, which equals the column after this block's "[". */
static void layout_block(Layout *L, int axis, const char *p, int indent, int width)
{
    out_putc(L->o, '[');
    if (axis == L->a->ndim - 1)
        layout_row(L, axis, p, indent, width);
    else
        layout_rows(L, axis, p, indent, width);
    out_putc(L->o, ']');
}

/* array2string for ndim >= 1; prefix_len is len("array(") for repr. */
static void array2string(Out *o, const jit_array *a, int repr)
{
    if (jit_array_size(a) == 0) {
        out_puts(o, "[]");
        return;
    }
    Layout L = {.a = a, .o = o, .sep = repr ? ", " : " ", .line_sep = repr ? "," : ""};
    L.summary = jit_array_size(a) > THRESHOLD;
    elem_fill(&L.ef, a, L.summary);
    int prefix = repr ? 6 : 0;
    int width = LINE_WIDTH - (repr ? 1 : 0);   /* repr's suffix ")" */
    layout_block(&L, 0, a->data, 1 + prefix, width);
}

/* A 0-d array: str is the scalar's str; repr formats the one element. */
static void zero_d_str(Out *o, const jit_array *a, int repr)
{
    char buf[ELEM_MAX];
    if (repr) {
        ElemFmt ef;
        elem_fill(&ef, a, 0);
        elem_str(&ef, a->data, buf, sizeof buf);
    } else if (dtype_is_float(a->dtype)) {
        format_float(buf, sizeof buf, load_float(a->dtype, a->data), a->dtype == JIT_FLOAT32);
    } else if (a->dtype == JIT_BOOL) {
        snprintf(buf, sizeof buf, "%s", load_int(JIT_BOOL, a->data) ? "True" : "False");
    } else {
        int_str(a->dtype, a->data, buf, sizeof buf);
    }
    out_puts(o, buf);
}

static int array_is_valid(const jit_array *a)
{
    if (!a || a->ndim < 0 || a->ndim > JIT_MAX_NDIM || jit_dtype_size(a->dtype) == 0)
        return 0;
    for (int i = 0; i < a->ndim; i++)
        if (a->shape[i] < 0)
            return 0;
    return a->data || jit_array_size(a) == 0;
}

/* NumPy's array_repr: "array(...)" plus shape= and dtype= when the text
 * alone does not tell them; they go on a new line if they would pass the
 * line width. int64, float64 and bool are implied by the text. */
static void array_repr_extras(Out *o, const jit_array *a)
{
    int64_t size = jit_array_size(a);
    int want_shape = (size == 0 && !(a->ndim == 1 && a->shape[0] == 0)) || size > THRESHOLD;
    int implied = a->dtype == JIT_INT64 || a->dtype == JIT_FLOAT64 || a->dtype == JIT_BOOL;
    int want_dtype = !implied || size == 0;
    if (!want_shape && !want_dtype) {
        out_putc(o, ')');
        return;
    }
    /* measure the extras text first to decide where it goes */
    char extra[160] = "";
    size_t n = 0;
    if (want_shape) {
        n += (size_t)snprintf(extra + n, sizeof extra - n, "shape=(");
        for (int i = 0; i < a->ndim && n < sizeof extra; i++)
            n += (size_t)snprintf(extra + n, sizeof extra - n, "%s%" PRId64, i ? ", " : "", a->shape[i]);
        if (n < sizeof extra)
            n += (size_t)snprintf(extra + n, sizeof extra - n, "%s", a->ndim == 1 ? ",)" : ")");
    }
    if (want_dtype && n < sizeof extra)
        n += (size_t)snprintf(extra + n, sizeof extra - n, "%sdtype=%s", want_shape ? ", " : "",
                              jit_dtype_name(a->dtype));
    out_putc(o, ',');
    if (o->col + (int)strlen(extra) + 2 > LINE_WIDTH) {
        out_putc(o, '\n');
        out_spaces(o, 6);
    } else {
        out_putc(o, ' ');
    }
    out_puts(o, extra);
    out_putc(o, ')');
}

static void array_out(FILE *f, const jit_array *a, int repr)
{
    Out o = {.f = f};
    if (!array_is_valid(a)) {
        out_puts(&o, "<invalid array>");
    } else if (repr) {
        out_puts(&o, "array(");
        if (a->ndim == 0)
            zero_d_str(&o, a, 1);
        else
            array2string(&o, a, 1);
        array_repr_extras(&o, a);
    } else if (a->ndim == 0) {
        zero_d_str(&o, a, 0);
    } else {
        array2string(&o, a, 0);
    }
    out_drain(&o);
}

void rt_print_array(const jit_array *a)
{
    array_out(output(), a, 0);
}

void rt_print_array_repr(const jit_array *a)
{
    array_out(output(), a, 1);
}

/* ================================================================ values */

static void value_out(FILE *f, const jit_value *v, int repr);

/* A tuple prints its items with repr: arrays as "array([...])". */
static void tuple_out(FILE *f, const jit_value *v)
{
    fputc('(', f);
    for (int i = 0; i < v->tuple.n; i++) {
        if (i)
            fputs(", ", f);
        value_out(f, &v->tuple.items[i], 1);
    }
    fputs(v->tuple.n == 1 ? ",)" : ")", f);
}

/* A scalar of any dtype, as Numba boxes it: ints as int, bool as bool,
 * float32 as a Python float (so float64 repr, see rt_format_f32). */
static void scalar_out(FILE *f, const jit_value *v)
{
    char buf[64];
    if (v->dtype == JIT_BOOL)
        fputs(v->i ? "True" : "False", f);
    else if (dtype_is_float(v->dtype)) {
        rt_format_f64(buf, sizeof buf, v->f);
        fputs(buf, f);
    } else if (dtype_is_unsigned(v->dtype))
        fprintf(f, "%" PRIu64, v->u);
    else
        fprintf(f, "%" PRId64, v->i);
}

static void value_out(FILE *f, const jit_value *v, int repr)
{
    char buf[64];
    switch (v->tag) {
    case JIT_V_NONE: fputs("None", f); break;
    case JIT_V_BOOL: fputs(v->i ? "True" : "False", f); break;
    case JIT_V_INT: fprintf(f, "%" PRId64, v->i); break;
    case JIT_V_FLOAT:
    case JIT_V_FLOAT32: rt_format_f64(buf, sizeof buf, v->f); fputs(buf, f); break;
    case JIT_V_SCALAR: scalar_out(f, v); break;
    case JIT_V_ARRAY: array_out(f, v->arr, repr); break;
    case JIT_V_TUPLE: tuple_out(f, v); break;
    default: fputs("<unknown value>", f); break;
    }
}

/* What print(v) writes, without the final newline: the caller decides how
 * a line ends. */
void jit_value_print(FILE *out, const jit_value *v)
{
    if (!v) {
        fputs("None", out ? out : stdout);
        return;
    }
    value_out(out ? out : stdout, v, 0);
}
