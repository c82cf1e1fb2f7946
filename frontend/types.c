/* types.c - the type system: constructors, equality, promotion and
 * unification, the text forms of types, and signature strings.
 *
 * Input: scalar names and signature strings as users write them ("f8[:, ::1]",
 * "float64(int64)"). Output: Type values (scalars are the static singletons in
 * ty_scalars[], everything else lives in the caller's arena) and their text
 * forms for messages (ty_str_of) and for cache keys and symbols (ty_mangle).
 * Nothing here keeps state between calls, so compiles on several threads may
 * use it at once. */
#include "types.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- scalar tables ---- */

const Type ty_scalars[TY_NSCALARS] = {
#define X(e, n, s, b) [e] = { .kind = e },
    TY_SCALARS(X)
#undef X
};

const Type ty_none_t = { .kind = TY_NONE };
const Type ty_range_t = { .kind = TY_RANGE };
const Type ty_str_t = { .kind = TY_STR };

static const struct {
    const char *name, *short_name;
    int bits;
} scalar_info[TY_NSCALARS] = {
#define X(e, n, s, b) [e] = { n, s, b },
    TY_SCALARS(X)
#undef X
};

/* The singleton for a scalar kind, so results never point at a caller's copy. */
static const Type *canon(const Type *t) { return &ty_scalars[t->kind]; }

int ty_bits(const Type *t) { return ty_is_scalar(t) ? scalar_info[t->kind].bits : 0; }

/* bool is stored as one byte, like NumPy's bool_. */
int ty_size(const Type *t) { return ty_is_bool(t) ? 1 : ty_bits(t) / 8; }

const char *ty_scalar_name(const Type *t)
{
    return ty_is_scalar(t) ? scalar_info[t->kind].name : NULL;
}

/* ---- constructors ----
 * Each returns NULL on invalid arguments (a caller's bug, reported rather than
 * crashed on) or when the arena is out of memory. */

static Type *new_type(Arena *a, TypeKind kind)
{
    Type *t = arena_alloc(a, sizeof *t);
    if (t)
        t->kind = kind;
    return t;
}

/* layout is 'C' (contiguous, row-major) or 'A' (any strides); Fortran order
 * is not distinguished and must be passed as 'A'. */
const Type *ty_array(Arena *a, const Type *dtype, int ndim, char layout)
{
    if (!ty_is_scalar(dtype) || ndim < 1 || ndim > TY_MAX_NDIM ||
        (layout != 'C' && layout != 'A'))
        return NULL;
    Type *t = new_type(a, TY_ARRAY);
    if (t) {
        t->arr.dtype = canon(dtype);
        t->arr.ndim = ndim;
        t->arr.layout = layout;
    }
    return t;
}

/* The elements are copied, so elems may be a caller's temporary. */
const Type *ty_tuple(Arena *a, int n, const Type **elems)
{
    if (n < 0 || (n > 0 && !elems))
        return NULL;
    const Type **copy = arena_array(a, (size_t)n, sizeof *copy);
    Type *t = copy ? new_type(a, TY_TUPLE) : NULL;
    if (!t)
        return NULL;
    for (int i = 0; i < n; i++) {
        if (!elems[i])
            return NULL;
        copy[i] = elems[i];
    }
    t->tup.n = n;
    t->tup.elems = copy;
    return t;
}

/* The name of a MODULE/FUNC/BUILTIN/EXCCLASS type, NULL for other kinds. */
static const char *named_name(const Type *t)
{
    switch (t->kind) {
    case TY_MODULE: return t->mod.name;
    case TY_FUNC: return t->func.name;
    case TY_BUILTIN:
    case TY_EXTERN:
    case TY_EXCCLASS: return t->builtin.name;
    default: return NULL;
    }
}

const Type *ty_named(Arena *a, TypeKind kind, const char *name)
{
    if (!name || (kind != TY_MODULE && kind != TY_FUNC && kind != TY_BUILTIN &&
                  kind != TY_EXCCLASS && kind != TY_EXTERN))
        return NULL;
    char *copy = arena_strdup(a, name);
    Type *t = copy ? new_type(a, kind) : NULL;
    if (!t)
        return NULL;
    switch (kind) {
    case TY_MODULE: t->mod.name = copy; break;
    case TY_FUNC: t->func.name = copy; break;
    default: t->builtin.name = copy; break;
    }
    return t;
}

const Type *ty_dtype(Arena *a, const Type *of)
{
    if (!ty_is_scalar(of))
        return NULL;
    Type *t = new_type(a, TY_DTYPE);
    if (t)
        t->dtype.of = canon(of);
    return t;
}

const Type *ty_cpointer(Arena *a, const Type *to)
{
    if (to && !ty_is_scalar(to))
        return NULL;
    Type *t = new_type(a, TY_CPOINTER);
    if (t)
        t->ptr.to = to ? canon(to) : NULL;
    return t;
}

/* ---- equality ---- */

static bool tuple_equal(const Type *a, const Type *b)
{
    if (a->tup.n != b->tup.n)
        return false;
    for (int i = 0; i < a->tup.n; i++)
        if (!ty_equal(a->tup.elems[i], b->tup.elems[i]))
            return false;
    return true;
}

bool ty_equal(const Type *a, const Type *b)
{
    if (a == b)
        return true;
    if (!a || !b || a->kind != b->kind)
        return false;
    switch (a->kind) {
    case TY_ARRAY:
        return a->arr.ndim == b->arr.ndim && a->arr.layout == b->arr.layout &&
               ty_equal(a->arr.dtype, b->arr.dtype);
    case TY_TUPLE: return tuple_equal(a, b);
    case TY_DTYPE: return ty_equal(a->dtype.of, b->dtype.of);
    case TY_CPOINTER: return a->ptr.to == b->ptr.to || (a->ptr.to && b->ptr.to && ty_equal(a->ptr.to, b->ptr.to));
    case TY_EXTERN:
    case TY_MODULE:
    case TY_FUNC:
    case TY_BUILTIN:
    case TY_EXCCLASS: return strcmp(named_name(a), named_name(b)) == 0;
    default: return true;  /* scalars, none, range, str: the kind is the type */
    }
}

/* ---- promotion and unification ---- */

static const Type *signed_of_bits(int bits)
{
    switch (bits) {
    case 8: return &ty_scalars[TY_INT8];
    case 16: return &ty_scalars[TY_INT16];
    case 32: return ty_int32;
    default: return ty_int64;
    }
}

/* Integers of one signedness take the wider type; mixed signedness takes the
 * smallest signed type holding both ranges, and since no integer holds both
 * int64 and uint64, NumPy falls back to float64 there. */
static const Type *promote_int(const Type *a, const Type *b)
{
    if (ty_is_signed(a) == ty_is_signed(b))
        return ty_bits(a) >= ty_bits(b) ? a : b;
    const Type *s = ty_is_signed(a) ? a : b;
    const Type *u = ty_is_signed(a) ? b : a;
    if (ty_bits(s) > ty_bits(u))
        return s;
    if (ty_bits(u) == 64)
        return ty_float64;
    return signed_of_bits(2 * ty_bits(u));
}

/* float32 keeps only integers it represents exactly (up to 16 bits, the 24-bit
 * mantissa); wider integers push the result to float64. */
static const Type *promote_float(const Type *a, const Type *b)
{
    if (a->kind == TY_FLOAT64 || b->kind == TY_FLOAT64)
        return ty_float64;
    const Type *other = a->kind == TY_FLOAT32 ? b : a;
    return ty_is_float(other) || ty_bits(other) <= 16 ? ty_float32 : ty_float64;
}

const Type *ty_promote(const Type *a, const Type *b)
{
    if (!ty_is_scalar(a) || !ty_is_scalar(b))
        return NULL;
    a = canon(a);
    b = canon(b);
    if (a == b)
        return a;
    if (ty_is_bool(a))
        return b;
    if (ty_is_bool(b))
        return a;
    if (ty_is_float(a) || ty_is_float(b))
        return promote_float(a, b);
    return promote_int(a, b);
}

static const Type *unify_tuples(Arena *a, const Type *x, const Type *y)
{
    if (x->tup.n != y->tup.n)
        return NULL;
    int n = x->tup.n;
    const Type **elems = arena_array(a, (size_t)n, sizeof *elems);
    if (!elems)
        return NULL;
    for (int i = 0; i < n; i++)
        if (!(elems[i] = ty_unify(a, x->tup.elems[i], y->tup.elems[i])))
            return NULL;
    return ty_tuple(a, n, elems);
}

/* bool with an integer gives that integer, which is also ty_promote's answer,
 * so numbers need no rule of their own. A variable that is sometimes None is
 * an Optional in Numba; the kernel language has no such type, hence NULL. */
const Type *ty_unify(Arena *a, const Type *x, const Type *y)
{
    if (!x || !y)
        return NULL;
    if (ty_equal(x, y))
        return x;
    if (ty_is_scalar(x) && ty_is_scalar(y))
        return ty_promote(x, y);
    if (x->kind != y->kind)
        return NULL;
    if (x->kind == TY_ARRAY) {
        if (x->arr.ndim != y->arr.ndim || !ty_equal(x->arr.dtype, y->arr.dtype))
            return NULL;
        /* The layouts differ (equal arrays returned above), so one is 'A'. */
        return ty_array(a, x->arr.dtype, x->arr.ndim, 'A');
    }
    if (x->kind == TY_TUPLE)
        return unify_tuples(a, x, y);
    return NULL;
}

/* ---- text forms ---- */

/* A string built in the arena; abandoned storage stays in the arena, which
 * is fine for strings of a few dozen bytes. Any failure sets oom. */
typedef struct Buf {
    Arena *a;
    char *s;
    size_t len, cap;
    bool oom;
} Buf;

static void buf_putn(Buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->cap ? b->cap * 2 : 32) + n;
        char *p = arena_alloc(b->a, cap);
        if (!p) {
            b->oom = true;
            return;
        }
        if (b->len)
            memcpy(p, b->s, b->len);
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
}

static void buf_puts(Buf *b, const char *s) { buf_putn(b, s, strlen(s)); }

static void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void buf_printf(Buf *b, const char *fmt, ...)
{
    char tmp[64];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp)
        b->oom = true;  /* only short numeric pieces go through here */
    else
        buf_putn(b, tmp, (size_t)n);
}

static const char *buf_done(Buf *b) { return b->oom ? NULL : b->s ? b->s : ""; }

static void str_of(Buf *b, const Type *t);

/* Numba's spelling: "UniTuple(int64 x 2)" when homogeneous, else
 * "Tuple(int64, float64)"; the empty tuple is "Tuple()". */
static void str_of_tuple(Buf *b, const Type *t)
{
    int n = t->tup.n;
    bool uniform = n > 0;
    for (int i = 1; i < n && uniform; i++)
        uniform = ty_equal(t->tup.elems[0], t->tup.elems[i]);
    if (uniform) {
        buf_puts(b, "UniTuple(");
        str_of(b, t->tup.elems[0]);
        buf_printf(b, " x %d)", n);
        return;
    }
    buf_puts(b, "Tuple(");
    for (int i = 0; i < n; i++) {
        if (i)
            buf_puts(b, ", ");
        str_of(b, t->tup.elems[i]);
    }
    buf_puts(b, ")");
}

static void str_of(Buf *b, const Type *t)
{
    if (!t) {
        buf_puts(b, "undefined");
        return;
    }
    if (ty_is_scalar(t)) {
        buf_puts(b, scalar_info[t->kind].name);
        return;
    }
    switch (t->kind) {
    case TY_NONE: buf_puts(b, "none"); break;
    case TY_RANGE: buf_puts(b, "range"); break;
    case TY_STR: buf_puts(b, "str"); break;
    case TY_ARRAY:
        buf_puts(b, "array(");
        str_of(b, t->arr.dtype);
        buf_printf(b, ", %dd, %c)", t->arr.ndim, t->arr.layout);
        break;
    case TY_TUPLE: str_of_tuple(b, t); break;
    case TY_MODULE: buf_puts(b, "Module("); buf_puts(b, t->mod.name); buf_puts(b, ")"); break;
    case TY_FUNC:
    case TY_BUILTIN:
        buf_puts(b, "Function("); buf_puts(b, named_name(t)); buf_puts(b, ")");
        break;
    case TY_DTYPE: buf_puts(b, "class("); str_of(b, t->dtype.of); buf_puts(b, ")"); break;
    case TY_EXCCLASS: buf_puts(b, "class("); buf_puts(b, t->builtin.name); buf_puts(b, ")"); break;
    case TY_CPOINTER:
        if (!t->ptr.to) {
            buf_puts(b, "voidptr");
            break;
        }
        buf_puts(b, "CPointer("); str_of(b, t->ptr.to); buf_puts(b, ")");
        break;
    case TY_EXTERN: buf_puts(b, "ExternalFunction("); buf_puts(b, t->builtin.name); buf_puts(b, ")"); break;
    default: buf_puts(b, "undefined"); break;
    }
}

const char *ty_str_of(Arena *a, const Type *t)
{
    Buf b = { .a = a };
    str_of(&b, t);
    return buf_done(&b);
}

static bool mangle(Buf *b, const Type *t);

/* "f4[:,:C]": one colon per dimension, then the layout letter. */
static bool mangle_array(Buf *b, const Type *t)
{
    buf_puts(b, scalar_info[t->arr.dtype->kind].short_name);
    buf_puts(b, "[");
    for (int i = 0; i < t->arr.ndim; i++)
        buf_puts(b, i ? ",:" : ":");
    buf_printf(b, "%c]", t->arr.layout);
    return true;
}

static bool mangle_tuple(Buf *b, const Type *t)
{
    buf_puts(b, "(");
    for (int i = 0; i < t->tup.n; i++) {
        if (i)
            buf_puts(b, ",");
        if (!mangle(b, t->tup.elems[i]))
            return false;
    }
    buf_puts(b, ")");
    return true;
}

/* Names are written with their length and a '_' ("M5_numpy") so that no
 * character a name may hold, not even ',' or ')', can make two types read
 * alike; this is what keeps the mangling injective. */
static void mangle_name(Buf *b, char tag, const char *name)
{
    buf_printf(b, "%c%zu_", tag, strlen(name));
    buf_puts(b, name);
}

/* Every form starts with a letter or '(' that tells its kind, and compound
 * forms are closed by ']' or ')', so the text decodes in one way only. */
static bool mangle(Buf *b, const Type *t)
{
    if (!t)
        return false;
    if (ty_is_scalar(t)) {
        buf_puts(b, scalar_info[t->kind].short_name);
        return true;
    }
    switch (t->kind) {
    case TY_NONE: buf_puts(b, "v"); return true;
    case TY_RANGE: buf_puts(b, "r"); return true;
    case TY_STR: buf_puts(b, "s"); return true;
    case TY_ARRAY: return mangle_array(b, t);
    case TY_TUPLE: return mangle_tuple(b, t);
    case TY_DTYPE: buf_puts(b, "D"); return mangle(b, t->dtype.of);
    case TY_MODULE: mangle_name(b, 'M', t->mod.name); return true;
    case TY_FUNC: mangle_name(b, 'F', t->func.name); return true;
    case TY_BUILTIN: mangle_name(b, 'B', t->builtin.name); return true;
    case TY_EXCCLASS: mangle_name(b, 'E', t->builtin.name); return true;
    case TY_EXTERN: mangle_name(b, 'X', t->builtin.name); return true;
    case TY_CPOINTER:
        buf_puts(b, "P");
        if (!t->ptr.to) {
            buf_puts(b, "v");
            return true;
        }
        return mangle(b, t->ptr.to);
    default: return false;
    }
}

/* NULL for a NULL type (or one with a NULL inside) and on out-of-memory. */
const char *ty_mangle(Arena *a, const Type *t)
{
    Buf b = { .a = a };
    if (!mangle(&b, t))
        return NULL;
    return buf_done(&b);
}

/* ---- scalar names ---- */

/* Every spelling accepted for a scalar, beyond the numpy and short names of
 * TY_SCALARS. i8 and u8 keep Numba's meaning (8 bytes: int64, uint64), so the
 * bit-count aliases exist only for widths where they cannot be misread. */
static const struct {
    const char *name;
    TypeKind kind;
} scalar_aliases[] = {
    { "bool_", TY_BOOL }, { "boolean", TY_BOOL },
    { "int", TY_INT64 }, { "int_", TY_INT64 }, { "intp", TY_INT64 },
    { "uintp", TY_UINT64 }, { "intc", TY_INT32 }, { "uintc", TY_UINT32 },
    { "float", TY_FLOAT64 }, { "float_", TY_FLOAT64 }, { "double", TY_FLOAT64 },
    { "single", TY_FLOAT32 },
    { "i16", TY_INT16 }, { "i32", TY_INT32 }, { "i64", TY_INT64 },
    { "u16", TY_UINT16 }, { "u32", TY_UINT32 }, { "u64", TY_UINT64 },
    { "f32", TY_FLOAT32 }, { "f64", TY_FLOAT64 },
    /* C's names, as numba.types spells them for @cfunc signatures */
    { "char", TY_INT8 }, { "uchar", TY_UINT8 }, { "byte", TY_UINT8 },
    { "short", TY_INT16 }, { "ushort", TY_UINT16 },
    { "long_", TY_INT64 }, { "ulong", TY_UINT64 }, { "longlong", TY_INT64 },
    { "ulonglong", TY_UINT64 }, { "ssize_t", TY_INT64 }, { "size_t", TY_UINT64 },
};

const Type *ty_scalar_from_name(const char *name)
{
    if (!name)
        return NULL;
    for (int k = 0; k < TY_NSCALARS; k++)
        if (!strcmp(name, scalar_info[k].name) || !strcmp(name, scalar_info[k].short_name))
            return &ty_scalars[k];
    for (size_t i = 0; i < sizeof scalar_aliases / sizeof *scalar_aliases; i++)
        if (!strcmp(name, scalar_aliases[i].name))
            return &ty_scalars[scalar_aliases[i].kind];
    return NULL;
}

/* ---- signature strings ----
 *
 * sig    := [ret] '(' [type {',' type} [',']] ')'
 * ret    := 'void' | 'none' | type
 * type   := scalar [dims]
 *         | 'CPointer' '(' scalar ')' | 'voidptr'
 *         | 'UniTuple' '(' type (',' | 'x') INT ')'
 *         | 'Tuple' '(' [type {',' type} [',']] ')'
 * dims   := '[' dim {',' dim} ']'
 * dim    := ':' [':' '1']
 *
 * Whitespace may stand between any two tokens. The text comes from users
 * (decorators, the C API), so every input must end in a result or a message. */

/* Deeper tuple nesting is refused so hostile text cannot exhaust the stack. */
#define SIG_MAX_DEPTH 32
/* Bounds a UniTuple count so "UniTuple(f8, 99999999)" cannot eat memory. */
#define SIG_MAX_TUPLE 1024
/* Longer text is cut in messages, which quote it. */
#define SIG_QUOTE_MAX 80

typedef enum { SK_END, SK_IDENT, SK_INT, SK_PUNCT, SK_BAD } SigTokKind;

typedef struct SigParser {
    Arena *a;
    const char *text;
    size_t next;          /* where lexing resumes */
    SigTokKind kind;      /* the current token */
    size_t start, len;
    int depth;
    const char *err;      /* the first error's full message */
} SigParser;

static bool is_ident_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static void sig_advance(SigParser *p)
{
    const char *s = p->text;
    size_t i = p->next;
    while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
        i++;
    p->start = i;
    if (!s[i])
        p->kind = SK_END;
    else if (is_ident_start(s[i])) {
        p->kind = SK_IDENT;
        while (is_ident_start(s[i]) || is_digit(s[i]))
            i++;
        i--;
    } else if (is_digit(s[i])) {
        p->kind = SK_INT;
        while (is_digit(s[i + 1]))
            i++;
    } else
        p->kind = strchr("()[],:", s[i]) ? SK_PUNCT : SK_BAD;
    p->next = s[i] ? i + 1 : i;
    p->len = p->next - p->start;
}

static bool sig_is(const SigParser *p, char c)
{
    return p->kind == SK_PUNCT && p->text[p->start] == c;
}

static bool sig_word(const SigParser *p, const char *w)
{
    return p->kind == SK_IDENT && p->len == strlen(w) && !memcmp(p->text + p->start, w, p->len);
}

/* The current token for a message: "'f9'", "end of signature", "byte 0x01". */
static const char *sig_tok_desc(SigParser *p)
{
    unsigned char c = (unsigned char)p->text[p->start];
    if (p->kind == SK_END)
        return "end of signature";
    if (p->kind == SK_BAD && (c < 0x20 || c >= 0x7f))
        return arena_printf(p->a, "byte 0x%02x", c);
    int n = p->len > 32 ? 32 : (int)p->len;
    return arena_printf(p->a, "'%.*s%s'", n, p->text + p->start, p->len > 32 ? "..." : "");
}

/* Records the first error, at 1-based column col; always returns NULL so
 * parse functions can `return sig_fail_at(...)`. */
static const Type *sig_fail_at(SigParser *p, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static const Type *sig_fail_at(SigParser *p, size_t col, const char *fmt, ...)
{
    if (p->err)
        return NULL;
    char msg[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t n = strlen(p->text);
    int q = n > SIG_QUOTE_MAX ? SIG_QUOTE_MAX : (int)n;
    p->err = arena_printf(p->a, "bad signature '%.*s%s': %s at column %zu", q, p->text,
                          n > SIG_QUOTE_MAX ? "..." : "", msg, col);
    if (!p->err)
        p->err = "out of memory";
    return NULL;
}

#define sig_fail(p, ...) sig_fail_at((p), (p)->start + 1, __VA_ARGS__)

static bool sig_expect(SigParser *p, char c)
{
    if (!sig_is(p, c)) {
        sig_fail(p, "expected '%c', found %s", c, sig_tok_desc(p));
        return false;
    }
    sig_advance(p);
    return true;
}

static const Type *sig_type(SigParser *p);

/* dim := ':' [':' '1']; sets *step when the dimension carries '::1'. */
static bool sig_dim(SigParser *p, bool *step)
{
    if (!sig_expect(p, ':'))
        return false;
    *step = false;
    if (!sig_is(p, ':'))
        return true;
    sig_advance(p);
    if (p->kind != SK_INT || p->len != 1 || p->text[p->start] != '1') {
        sig_fail(p, "expected '1' after '::' (only unit steps mark contiguity), found %s",
                 sig_tok_desc(p));
        return false;
    }
    sig_advance(p);
    *step = true;
    return true;
}

/* dims := '[' dim {',' dim} ']'. Like Numba, '::1' on the last dimension
 * alone (or the only one) means C order; on the first it means Fortran order,
 * which kernels treat as any layout ('A'), as they do every other spelling. */
static const Type *sig_array(SigParser *p, const Type *dtype)
{
    bool step[TY_MAX_NDIM];
    int ndim = 0;
    sig_advance(p);  /* '[' */
    for (;;) {
        if (ndim == TY_MAX_NDIM)
            return sig_fail(p, "more than %d array dimensions", TY_MAX_NDIM);
        if (!sig_dim(p, &step[ndim++]))
            return NULL;
        if (sig_is(p, ']'))
            break;
        if (!sig_expect(p, ','))
            return NULL;
    }
    sig_advance(p);  /* ']' */
    bool c_order = step[ndim - 1] && (ndim == 1 || !step[0]);
    const Type *t = ty_array(p->a, dtype, ndim, c_order ? 'C' : 'A');
    return t ? t : sig_fail(p, "out of memory");
}

/* Parses '(' [type {',' type} [',']] ')' into v; used by Tuple and by the
 * argument list. */
static bool sig_type_list(SigParser *p, PtrVec *v)
{
    if (!sig_expect(p, '('))
        return false;
    while (!sig_is(p, ')')) {
        const Type *t = sig_type(p);
        if (!t)
            return false;
        if (vec_push(p->a, v, (void *)t)) {
            sig_fail(p, "out of memory");
            return false;
        }
        if (sig_is(p, ')'))
            break;
        if (!sig_is(p, ',')) {
            sig_fail(p, "expected ',' or ')', found %s", sig_tok_desc(p));
            return false;
        }
        sig_advance(p);
    }
    sig_advance(p);  /* ')' */
    return true;
}

static const Type *sig_tuple(SigParser *p)
{
    PtrVec v = { 0 };
    sig_advance(p);  /* 'Tuple' */
    if (!sig_type_list(p, &v))
        return NULL;
    const Type *t = ty_tuple(p->a, v.len, (const Type **)v.items);
    return t ? t : sig_fail(p, "out of memory");
}

/* The count of 'UniTuple(type, INT)', from 1 to SIG_MAX_TUPLE; -1 on error. */
static int sig_count(SigParser *p)
{
    long n = 0;
    if (p->kind != SK_INT) {
        sig_fail(p, "expected a tuple length, found %s", sig_tok_desc(p));
        return -1;
    }
    for (size_t i = 0; i < p->len && n <= SIG_MAX_TUPLE; i++)
        n = n * 10 + (p->text[p->start + i] - '0');
    if (n < 1 || n > SIG_MAX_TUPLE) {
        sig_fail(p, "tuple length must be 1 to %d", SIG_MAX_TUPLE);
        return -1;
    }
    sig_advance(p);
    return (int)n;
}

/* 'UniTuple' '(' type (',' | 'x') INT ')'; the 'x' form is what ty_str_of
 * prints, so messages can be pasted back as signatures. */
static const Type *sig_unituple(SigParser *p)
{
    sig_advance(p);  /* 'UniTuple' */
    if (!sig_expect(p, '('))
        return NULL;
    const Type *elem = sig_type(p);
    if (!elem)
        return NULL;
    if (!sig_is(p, ',') && !sig_word(p, "x"))
        return sig_fail(p, "expected ',' or 'x', found %s", sig_tok_desc(p));
    sig_advance(p);
    int n = sig_count(p);
    if (n < 0 || !sig_expect(p, ')'))
        return NULL;
    const Type **elems = arena_array(p->a, (size_t)n, sizeof *elems);
    if (!elems)
        return sig_fail(p, "out of memory");
    for (int i = 0; i < n; i++)
        elems[i] = elem;
    const Type *t = ty_tuple(p->a, n, elems);
    return t ? t : sig_fail(p, "out of memory");
}

/* A scalar name with optional dims; names longer than any alias are unknown. */
static const Type *sig_scalar(SigParser *p)
{
    char name[16];
    const Type *t = NULL;
    if (p->len < sizeof name) {
        memcpy(name, p->text + p->start, p->len);
        name[p->len] = 0;
        t = ty_scalar_from_name(name);
    }
    if (!t)
        return sig_fail(p, "unknown type %s", sig_tok_desc(p));
    sig_advance(p);
    return sig_is(p, '[') ? sig_array(p, t) : t;
}

static const Type *sig_type(SigParser *p)
{
    if (p->kind != SK_IDENT)
        return sig_fail(p, "expected a type, found %s", sig_tok_desc(p));
    if (sig_word(p, "void") || sig_word(p, "none"))
        return sig_fail(p, "%s is only allowed as the return type", sig_tok_desc(p));
    if (sig_word(p, "voidptr")) {
        sig_advance(p);
        const Type *t = ty_cpointer(p->a, NULL);
        return t ? t : sig_fail(p, "out of memory");
    }
    if (sig_word(p, "CPointer")) {
        sig_advance(p);
        if (!sig_expect(p, '('))
            return NULL;
        if (p->kind != SK_IDENT)
            return sig_fail(p, "expected a scalar type, found %s", sig_tok_desc(p));
        size_t col = p->start + 1;
        const Type *to = sig_scalar(p);
        if (!to)
            return NULL;
        if (!ty_is_scalar(to))
            return sig_fail_at(p, col, "CPointer() of an array; give the element type");
        if (!sig_expect(p, ')'))
            return NULL;
        const Type *t = ty_cpointer(p->a, to);
        return t ? t : sig_fail(p, "out of memory");
    }
    if (!sig_word(p, "Tuple") && !sig_word(p, "UniTuple"))
        return sig_scalar(p);
    if (p->depth == SIG_MAX_DEPTH)
        return sig_fail(p, "tuples nested more than %d deep", SIG_MAX_DEPTH);
    p->depth++;
    const Type *t = sig_word(p, "Tuple") ? sig_tuple(p) : sig_unituple(p);
    p->depth--;
    return t;
}

/* ret := 'void' | 'none' | type; absent when the text starts with '('. */
static bool sig_ret(SigParser *p, const Type **ret)
{
    *ret = NULL;
    if (sig_is(p, '('))
        return true;
    if (sig_word(p, "void") || sig_word(p, "none")) {
        *ret = ty_none;
        sig_advance(p);
        return true;
    }
    *ret = sig_type(p);
    return *ret != NULL;
}

int ty_parse_sig(Arena *a, const char *text, const Type **ret,
                 const Type ***args, const char **err)
{
    SigParser p = { .a = a, .text = text ? text : "" };
    PtrVec v = { 0 };
    const Type *r = NULL;
    sig_advance(&p);
    if (sig_ret(&p, &r) && sig_type_list(&p, &v) && p.kind != SK_END)
        sig_fail(&p, "unexpected %s after the argument list", sig_tok_desc(&p));
    if (!p.err && !v.items && !(v.items = arena_alloc(a, sizeof(void *))))
        sig_fail(&p, "out of memory");  /* an empty list still gets an array */
    if (err)
        *err = p.err;
    if (ret)
        *ret = p.err ? NULL : r;
    if (args)
        *args = p.err ? NULL : (const Type **)v.items;
    return p.err ? -1 : v.len;
}
