/* lex.c - kernel script source to tokens (see lex.h).
 *
 * Input: the bytes of one script. Output: an arena array of tokens ending in
 * TK_EOF. Follows CPython's tokenizer: INDENT/DEDENT from a stack of
 * indentation columns (a tab advances to the next multiple of 8, and, as in
 * CPython, a second column with tabs counted as 1 catches indentation whose
 * meaning depends on the tab size), implicit line joining inside brackets,
 * backslash continuation, and Python's numeric and string literal syntax.
 * Every error becomes a TK_ERROR token and lexing goes on from a sensible
 * place, so the parser decides which errors matter. */
#include "lex.h"

#include <ctype.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* CPython's MAXINDENT: deeper nesting is an error there too, and it bounds
 * the parser's recursion over nested blocks. */
#define LEX_MAX_INDENT 100
/* Brackets nested deeper than this are still counted (for line joining) but
 * no longer matched by kind; the parser rejects such nesting anyway. */
#define LEX_MAX_BRACKETS 256
/* Indentation columns saturate here so a line of 2^31 tabs cannot overflow. */
#define LEX_MAX_COLUMN (1 << 24)

typedef struct Lexer {
    Arena *a;
    const char *p, *end;
    const char *line_start;      /* first byte of the current physical line */
    int line;
    Token *toks;
    int ntok, cap;
    bool oom;
    bool at_bol;                 /* a logical line starts here: measure indent */
    bool line_has_tokens;        /* the logical line so far has a token */
    int indent[LEX_MAX_INDENT + 1];    /* open block columns, [0] = 0 */
    int altindent[LEX_MAX_INDENT + 1]; /* the same with tabs counted as 1 */
    int nindent;
    int depth;                   /* open brackets */
    char bracket[LEX_MAX_BRACKETS];
    Pos bracket_pos[LEX_MAX_BRACKETS];
    locale_t c_locale;           /* for strtod_l; made at the first float */
    bool legacy_coding;          /* a PEP 263 line names another encoding */
} Lexer;

static const char *const kind_names[] = {
#define X(k, s) s,
    LEX_SPECIAL(X) LEX_KEYWORDS(X) LEX_OPERATORS(X)
#undef X
};

typedef struct Spelling {
    const char *s;
    int len;
    TokKind kind;
} Spelling;

static const Spelling keywords[] = {
#define X(k, s) { s, sizeof(s) - 1, k },
    LEX_KEYWORDS(X)
#undef X
};

static const Spelling operators[] = {
#define X(k, s) { s, sizeof(s) - 1, k },
    LEX_OPERATORS(X)
#undef X
};

const char *lex_kind_str(TokKind k)
{
    return (unsigned)k < TK__COUNT ? kind_names[k] : "?";
}

/* ---- characters (ASCII only, independent of the C locale) ---- */

static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_ident(int c) { return is_alpha(c) || is_digit(c) || c == '_'; }

static int hex_value(int c)
{
    if (is_digit(c))
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool is_base_digit(int c, int base)
{
    int v = hex_value(c);
    return v >= 0 && v < base;
}

/* Decodes one UTF-8 sequence at s; returns its length, or 0 when it is not
 * valid UTF-8 (truncated, overlong, a surrogate, past U+10FFFF). */
static int utf8_decode(const char *s, const char *end, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned c = p[0];
    int n;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if ((c & 0xE0) == 0xC0) { n = 2; v = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { n = 3; v = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { n = 4; v = c & 0x07; min = 0x10000; }
    else return 0;
    if (end - s < n)
        return 0;
    for (int i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        v = v << 6 | (p[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

static int utf8_encode(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* ---- emitting tokens ---- */

static Pos pos_at(const Lexer *L, const char *p)
{
    return (Pos){ L->line, (int)(p - L->line_start) + 1 };
}

static Token *emit(Lexer *L, TokKind kind, Pos pos, const char *start, const char *stop)
{
    if (L->oom)
        return NULL;
    if (L->ntok == L->cap) {
        if (L->cap > INT_MAX / 2) {
            L->oom = true;
            return NULL;
        }
        int cap = L->cap * 2;
        Token *t = arena_array(L->a, (size_t)cap, sizeof *t);
        if (!t) {
            L->oom = true;
            return NULL;
        }
        memcpy(t, L->toks, (size_t)L->ntok * sizeof *t);
        L->toks = t;
        L->cap = cap;
    }
    Token *t = &L->toks[L->ntok++];
    memset(t, 0, sizeof *t);
    t->kind = kind;
    t->pos = pos;
    t->start = start;
    t->len = (int)(stop - start);
    return t;
}

static void error_tok(Lexer *L, Pos pos, const char *start, const char *stop,
                      unsigned flags, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Emits a TK_ERROR token covering [start, stop) with a message. */
static void error_tok(Lexer *L, Pos pos, const char *start, const char *stop,
                      unsigned flags, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    Token *t = emit(L, TK_ERROR, pos, start, stop);
    if (!t)
        return;
    t->flags = flags;
    t->msg = arena_strdup(L->a, buf);
    if (!t->msg)
        L->oom = true;
}

/* ---- layout: lines, indentation, comments ---- */

static bool at_newline(const Lexer *L, const char *p)
{
    return p < L->end && (*p == '\n' || (*p == '\r' && p + 1 < L->end && p[1] == '\n'));
}

/* Consumes the line break at L->p ("\n" or "\r\n"). */
static void next_line(Lexer *L)
{
    if (*L->p == '\r')
        L->p++;
    L->p++;
    L->line++;
    L->line_start = L->p;
}

static void push_indent(Lexer *L, int col, int alt)
{
    L->indent[L->nindent] = col;
    L->altindent[L->nindent] = alt;
    L->nindent++;
}

/* A new, deeper block. */
static void indent_to(Lexer *L, int col, int alt, Pos pos, const char *p)
{
    if (L->nindent > LEX_MAX_INDENT) {
        error_tok(L, pos, p, p, 0, "too many levels of indentation (limit %d)", LEX_MAX_INDENT);
        return;
    }
    bool ambiguous = alt <= L->altindent[L->nindent - 1];
    push_indent(L, col, alt);
    emit(L, TK_INDENT, pos, p, p);
    if (ambiguous)
        error_tok(L, pos, p, p, 0, "inconsistent use of tabs and spaces in indentation");
}

/* Closes blocks down to col. A column between two open levels is an error;
 * the line is then taken as part of the inner block (whose column becomes
 * col), which keeps the following lines of that block together. */
static void dedent_to(Lexer *L, int col, int alt, Pos pos, const char *p)
{
    while (L->nindent > 1 && col <= L->indent[L->nindent - 2]) {
        L->nindent--;
        emit(L, TK_DEDENT, pos, p, p);
    }
    int top = L->nindent - 1;
    if (col != L->indent[top]) {
        error_tok(L, pos, p, p, 0, "unindent does not match any outer indentation level");
        L->indent[top] = col;
        L->altindent[top] = alt;
    } else if (alt != L->altindent[top]) {
        error_tok(L, pos, p, p, 0, "inconsistent use of tabs and spaces in indentation");
    }
}

/* Measures the indentation at the start of a logical line and emits
 * INDENT/DEDENT. Blank and comment-only lines do not count (L->at_bol stays
 * set); form feed resets the column, as in CPython. */
static void lex_indentation(Lexer *L)
{
    int col = 0, alt = 0;
    const char *p = L->p;
    for (; p < L->end; p++) {
        if (*p == ' ') {
            col++;
            alt++;
        } else if (*p == '\t') {
            col = (col / 8 + 1) * 8;
            alt++;
        } else if (*p == '\f') {
            col = alt = 0;
        } else if (*p != '\r' || at_newline(L, p)) {
            break;    /* a lone CR counts as whitespace, as in skip_space */
        }
        if (col > LEX_MAX_COLUMN)
            col = LEX_MAX_COLUMN;
        if (alt > LEX_MAX_COLUMN)
            alt = LEX_MAX_COLUMN;
    }
    L->p = p;
    if (p == L->end || *p == '#' || at_newline(L, p))
        return;
    L->at_bol = false;
    Pos pos = pos_at(L, p);
    int top = L->indent[L->nindent - 1];
    if (col > top)
        indent_to(L, col, alt, pos, p);
    else if (col < top)
        dedent_to(L, col, alt, pos, p);
    else if (alt != L->altindent[L->nindent - 1])
        error_tok(L, pos, p, p, 0, "inconsistent use of tabs and spaces in indentation");
}

/* End of a physical line: a NEWLINE token if it ends a logical line that
 * had tokens (never inside brackets). */
static void lex_newline(Lexer *L)
{
    if (L->depth == 0 && L->line_has_tokens)
        emit(L, TK_NEWLINE, pos_at(L, L->p), L->p, L->p + 1);
    next_line(L);
    if (L->depth == 0) {
        L->at_bol = true;
        L->line_has_tokens = false;
    }
}

static void skip_space(Lexer *L)
{
    while (L->p < L->end) {
        char c = *L->p;
        if (c == ' ' || c == '\t' || c == '\f' || (c == '\r' && !at_newline(L, L->p)))
            L->p++;
        else
            break;
    }
}

/* A PEP 263 declaration (`# -*- coding: latin-1 -*-`) on line 1 or 2 that
 * names an encoding other than UTF-8: CPython then decodes the file with it,
 * so bytes in comments are that encoding's, not errors. */
static void check_coding(Lexer *L)
{
    const char *e = L->p;
    while (e < L->end && !at_newline(L, e))
        e++;
    for (const char *q = L->p; q + 7 < e; q++) {
        if (strncmp(q, "coding", 6) || (q[6] != ':' && q[6] != '='))
            continue;
        q += 7;
        while (q < e && (*q == ' ' || *q == '\t'))
            q++;
        char enc[16];
        int n = 0;
        for (; q < e && n < 15 && (isalnum((unsigned char)*q) || *q == '-' || *q == '_' || *q == '.'); q++)
            enc[n++] = (char)(*q == '_' ? '-' : tolower((unsigned char)*q));
        enc[n] = 0;
        L->legacy_coding = n > 0 && strcmp(enc, "utf-8") && strcmp(enc, "utf8") && strncmp(enc, "utf-8-", 6);
        return;
    }
}

/* Comments hold UTF-8 text, as CPython reads a whole source file as UTF-8:
 * a NUL byte (binary input) or a byte that is not UTF-8 is an error, one per
 * comment; its error token makes the line a logical line, ended by a NEWLINE.
 * (Unless a coding declaration names another encoding: see check_coding.) */
static void skip_comment(Lexer *L)
{
    int reported = L->legacy_coding;
    if (L->line <= 2 && !L->legacy_coding) {
        check_coding(L);
        reported = L->legacy_coding;
    }
    while (L->p < L->end && !at_newline(L, L->p)) {
        unsigned char c = (unsigned char)*L->p;
        uint32_t cp;
        int n = 1;
        if (c >= 0x80 && (n = utf8_decode(L->p, L->end, &cp)) == 0) {
            if (!reported++) {
                error_tok(L, pos_at(L, L->p), L->p, L->p + 1, TF_HARD, "invalid UTF-8 byte 0x%02X in comment", c);
                L->line_has_tokens = true;
            }
            n = 1;
        } else if (c == 0) {
            error_tok(L, pos_at(L, L->p), L->p, L->p + 1, TF_HARD,
                      "source contains a NUL byte (not a text file?)");
            L->line_has_tokens = true;
        }
        L->p += n;
    }
}

/* Backslash at the end of a line joins it with the next. */
static void lex_backslash(Lexer *L)
{
    const char *s = L->p++;
    if (at_newline(L, L->p)) {
        next_line(L);
        return;
    }
    if (L->p == L->end)
        error_tok(L, pos_at(L, s), s, L->p, 0,
                  "unexpected end of file after line continuation character '\\'");
    else
        error_tok(L, pos_at(L, s), s, L->p, 0,
                  "unexpected character after line continuation character '\\'");
}

/* ---- numbers ---- */

/* Scans digit (['_'] digit)*; sets *bad when an underscore is not between
 * two digits (lead_ok: one may directly follow a 0x/0o/0b prefix). */
static const char *scan_digits(const char *p, const char *end, int base, bool lead_ok,
                               bool *bad)
{
    const char *start = p;
    while (p < end) {
        if (is_base_digit(*p, base)) {
            p++;
        } else if (*p == '_') {
            if ((p == start && !lead_ok) || p + 1 >= end || !is_base_digit(p[1], base))
                *bad = true;
            p++;
        } else {
            break;
        }
    }
    return p;
}

static const char *skip_ident_tail(const char *p, const char *end)
{
    while (p < end && (is_ident(*p) || (unsigned char)*p >= 0x80))
        p++;
    return p;
}

/* Emits an INT for the digits [d, stop) of literal [s, stop) in base; 2**63
 * is kept (flagged) for the parser to accept under unary minus. */
static void finish_int(Lexer *L, Pos pos, const char *s, const char *d, const char *stop,
                       int base)
{
    uint64_t v = 0;
    bool over = false;
    for (const char *p = d; p < stop; p++) {
        if (*p == '_')
            continue;
        uint64_t dig = (uint64_t)hex_value(*p);
        if (v > (UINT64_MAX - dig) / (uint64_t)base)
            over = true;
        else
            v = v * (uint64_t)base + dig;
    }
    if (over || v > (uint64_t)INT64_MAX + 1) {
        int n = (int)(stop - s);
        error_tok(L, pos, s, stop, 0, "integer literal %.*s%s is too large for int64",
                  n > 40 ? 40 : n, s, n > 40 ? "..." : "");
        return;
    }
    Token *t = emit(L, TK_INT, pos, s, stop);
    if (!t)
        return;
    if (v == (uint64_t)INT64_MAX + 1) {
        t->flags = TF_INT_MIN;
        t->ival = INT64_MIN;
    } else {
        t->ival = (int64_t)v;
    }
}

/* Converts with '.' as the decimal point whatever the host's locale is. */
static double parse_double(Lexer *L, const char *s, const char *stop)
{
    size_t n = (size_t)(stop - s);
    char small[64];
    char *buf = n < sizeof small ? small : arena_alloc(L->a, n + 1);
    if (!buf) {
        L->oom = true;
        return 0;
    }
    size_t k = 0;
    for (const char *p = s; p < stop; p++)
        if (*p != '_')
            buf[k++] = *p;
    buf[k] = 0;
    if (!L->c_locale)
        L->c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    return L->c_locale ? strtod_l(buf, NULL, L->c_locale) : strtod(buf, NULL);
}

/* 0x1F 0o17 0b101 */
static void lex_prefixed_int(Lexer *L, Pos pos, int base)
{
    const char *s = L->p, *d = s + 2;
    bool bad = false;
    const char *p = scan_digits(d, L->end, base, true, &bad);
    bool no_digits = p == d || (p == d + 1 && *d == '_');
    const char *stop = skip_ident_tail(p, L->end);
    L->p = stop;
    static const char *const names[17] = { [2] = "binary", [8] = "octal", [16] = "hexadecimal" };
    if (bad || no_digits || stop != p)
        error_tok(L, pos, s, stop, 0, "invalid %s literal", names[base]);
    else
        finish_int(L, pos, s, d, p, base);
}

/* decimal: digits ['.' [digits]] [exponent] | '.' digits [exponent]
 * Returns the end; *is_float when there is a point or an exponent, *bad on
 * a misplaced underscore or an exponent without digits. */
static const char *scan_decimal(const char *p, const char *end, bool *is_float, bool *bad)
{
    p = scan_digits(p, end, 10, false, bad);
    if (p < end && *p == '.') {
        *is_float = true;
        p = scan_digits(p + 1, end, 10, false, bad);
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        const char *q = p + 1;
        if (q < end && (*q == '+' || *q == '-'))
            q++;
        if (q < end && is_digit(*q))
            *is_float = true;
        else
            *bad = true;
        p = scan_digits(q, end, 10, false, bad);
    }
    return p;
}

/* 0 followed by another non-zero digit: Python 2's octal, now an error. */
static bool leading_zero(const char *s, const char *stop)
{
    for (const char *q = s; *s == '0' && q < stop; q++)
        if (*q != '0' && *q != '_')
            return true;
    return false;
}

static int prefix_base(const char *p, const char *end)
{
    if (*p != '0' || p + 1 >= end)
        return 0;
    switch (p[1]) {
    case 'x': case 'X': return 16;
    case 'o': case 'O': return 8;
    case 'b': case 'B': return 2;
    default: return 0;
    }
}

static void lex_number(Lexer *L)
{
    const char *s = L->p, *end = L->end;
    Pos pos = pos_at(L, s);
    int base = prefix_base(s, end);
    if (base) {
        lex_prefixed_int(L, pos, base);
        return;
    }
    bool bad = false, is_float = false;
    const char *p = scan_decimal(s, end, &is_float, &bad);
    const char *stop = skip_ident_tail(p, end);
    L->p = stop;
    if (stop == p + 1 && (*p == 'j' || *p == 'J'))
        error_tok(L, pos, s, stop, TF_UNSUPPORTED, "complex literals ('%.*s') are not supported",
                  (int)(stop - s > 40 ? 40 : stop - s), s);
    else if (bad || stop != p)
        error_tok(L, pos, s, stop, 0, "invalid decimal literal");
    else if (!is_float && leading_zero(s, p))
        error_tok(L, pos, s, p, 0, "leading zeros in decimal integer literals are not "
                  "permitted; use an 0o prefix for octal integers");
    else if (!is_float)
        finish_int(L, pos, s, s, p, 10);
    else {
        Token *t = emit(L, TK_FLOAT, pos, s, p);
        if (t)
            t->fval = parse_double(L, s, p);
    }
}

/* ---- strings ---- */

enum { SP_RAW = 1, SP_BYTES = 2, SP_FSTRING = 4 };

/* Is [s, stop) a string prefix (r u b f br rb fr rf, any case)? */
static bool string_prefix(const char *s, const char *stop, unsigned *flags)
{
    unsigned f = 0;
    int n = (int)(stop - s);
    if (n < 1 || n > 2)
        return false;
    for (const char *p = s; p < stop; p++) {
        unsigned bit;
        switch (*p) {
        case 'r': case 'R': bit = SP_RAW; break;
        case 'b': case 'B': bit = SP_BYTES; break;
        case 'f': case 'F': bit = SP_FSTRING; break;
        case 'u': case 'U': bit = 8; break;
        default: return false;
        }
        if (f & bit)
            return false;
        f |= bit;
    }
    if (n == 2 && !(f & SP_RAW))
        return false;    /* only rb/br/rf/fr combine */
    if ((f & 8) && n != 1)
        return false;
    *flags = f & 7;
    return true;
}

/* Finds the closing quote of a string body starting at p, keeping the line
 * count as it crosses newlines. Returns NULL when unterminated, leaving L->p
 * at the line break (one-line strings) or the end of the file. A backslash
 * always protects the next character, even in raw strings (r"\"" is a
 * complete literal), exactly as in Python. */
static const char *find_string_end(Lexer *L, const char *p, char q, bool triple)
{
    const char *end = L->end;
    while (p < end) {
        if (*p == '\\') {
            p++;
            if (p >= end)
                break;
            if (at_newline(L, p)) {
                L->p = p;
                next_line(L);
                p = L->p;
            } else {
                p++;
            }
        } else if (at_newline(L, p)) {
            if (!triple) {
                L->p = p;
                return NULL;
            }
            L->p = p;
            next_line(L);
            p = L->p;
        } else if (*p == q && (!triple || (end - p >= 3 && p[1] == q && p[2] == q))) {
            return p;
        } else {
            p++;
        }
    }
    L->p = end;
    return NULL;
}

/* Decoding state for one literal body [p, stop). */
typedef struct StrDecoder {
    const char *p, *stop;
    char *out;
    size_t n;
    bool raw, bytes;
    int line;                    /* position of p, for error messages */
    const char *line_start;
    bool failed;                 /* first error below */
    unsigned errflags;
    Pos errpos;
    char errmsg[160];
} StrDecoder;

static void str_error(StrDecoder *d, const char *at, unsigned flags, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void str_error(StrDecoder *d, const char *at, unsigned flags, const char *fmt, ...)
{
    if (d->failed)
        return;
    d->failed = true;
    d->errflags = flags;
    d->errpos = (Pos){ d->line, (int)(at - d->line_start) + 1 };
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->errmsg, sizeof d->errmsg, fmt, ap);
    va_end(ap);
}

static void put_code_point(StrDecoder *d, uint32_t cp)
{
    if (d->bytes)
        d->out[d->n++] = (char)(cp & 0xFF);
    else
        d->n += (size_t)utf8_encode(d->out + d->n, cp);
}

/* Reads exactly n hex digits after the escape letter; -1 if fewer. */
static long read_hex(StrDecoder *d, int n)
{
    long v = 0;
    for (int i = 0; i < n; i++) {
        int h = d->p < d->stop ? hex_value(*d->p) : -1;
        if (h < 0)
            return -1;
        v = v * 16 + h;
        d->p++;
    }
    return v;
}

/* \xhh \uXXXX \UXXXXXXXX */
static void decode_hex_escape(StrDecoder *d, const char *bs, char letter)
{
    int n = letter == 'x' ? 2 : letter == 'u' ? 4 : 8;
    long v = read_hex(d, n);
    if (v < 0) {
        str_error(d, bs, 0, "truncated \\%c escape (needs %d hex digits)", letter, n);
        return;
    }
    if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF && !d->bytes)) {
        str_error(d, bs, 0, "invalid \\%c escape: U+%04lX is not a valid code point", letter, v);
        return;
    }
    put_code_point(d, (uint32_t)v);
}

/* One escape sequence; d->p is just past the backslash at bs. Unknown
 * escapes keep their backslash, as in Python. */
static void decode_escape(StrDecoder *d, const char *bs)
{
    char c = *d->p;
    if (c == '\r' && d->p + 1 < d->stop && d->p[1] == '\n')
        d->p++, c = '\n';
    if (c == '\n') {             /* backslash-newline continues the literal */
        d->p++;
        d->line++;
        d->line_start = d->p;
        return;
    }
    static const char simple_from[] = "\\'\"abfnrtv";
    static const char simple_to[] = "\\'\"\a\b\f\n\r\t\v";
    const char *k = c ? strchr(simple_from, c) : NULL;
    if (k) {
        d->out[d->n++] = simple_to[k - simple_from];
        d->p++;
    } else if (c >= '0' && c <= '7') {
        uint32_t v = 0;
        for (int i = 0; i < 3 && d->p < d->stop && *d->p >= '0' && *d->p <= '7'; i++)
            v = v * 8 + (uint32_t)(*d->p++ - '0');
        put_code_point(d, v);
    } else if (c == 'x' || (!d->bytes && (c == 'u' || c == 'U'))) {
        d->p++;
        decode_hex_escape(d, bs, c);
    } else if (c == 'N' && !d->bytes) {
        str_error(d, bs, TF_UNSUPPORTED, "\\N{...} escapes are not supported");
        d->p++;
    } else {
        d->out[d->n++] = '\\';
    }
}

/* A literal character (CRLF read as LF, UTF-8 checked). */
static void decode_char(StrDecoder *d)
{
    const char *at = d->p;
    unsigned char c = (unsigned char)*at;
    if (c == '\r' && at + 1 < d->stop && at[1] == '\n') {
        d->p++;
        return;
    }
    if (c == '\n') {
        d->out[d->n++] = '\n';
        d->p++;
        d->line++;
        d->line_start = d->p;
        return;
    }
    if (c == 0)
        str_error(d, at, TF_HARD, "source contains a NUL byte (not a text file?)");
    if (c < 0x80) {
        d->out[d->n++] = (char)c;
        d->p++;
        return;
    }
    uint32_t cp;
    int n = utf8_decode(at, d->stop, &cp);
    if (!n) {
        str_error(d, at, TF_HARD, "invalid UTF-8 byte 0x%02X in string literal", c);
        d->p++;
        return;
    }
    if (d->bytes)
        str_error(d, at, 0, "bytes can only contain ASCII literal characters");
    memcpy(d->out + d->n, at, (size_t)n);
    d->n += (size_t)n;
    d->p += n;
}

/* Decodes the body [body, close) of a literal that starts at s (prefix
 * included) and ends at stop, then emits it. The decoded text is never longer
 * than the source text, so one buffer of that size suffices. */
static void emit_string(Lexer *L, Pos pos, const char *s, const char *stop,
                        const char *body, const char *close, unsigned prefix,
                        int body_line, const char *body_line_start)
{
    StrDecoder d = { .p = body, .stop = close, .raw = prefix & SP_RAW,
                     .bytes = prefix & SP_BYTES, .line = body_line,
                     .line_start = body_line_start };
    d.out = arena_alloc(L->a, (size_t)(close - body) + 1);
    if (!d.out) {
        L->oom = true;
        return;
    }
    while (d.p < d.stop) {
        if (*d.p == '\\' && !d.raw) {
            const char *bs = d.p++;
            decode_escape(&d, bs);
        } else if (*d.p == '\\') {
            d.out[d.n++] = *d.p++;
        } else {
            decode_char(&d);
        }
    }
    d.out[d.n] = 0;
    if (d.failed) {
        error_tok(L, d.errpos, s, stop, d.errflags, "%s", d.errmsg);
        return;
    }
    Token *t = emit(L, TK_STRING, pos, s, stop);
    if (!t)
        return;
    t->flags = d.bytes ? TF_BYTES : 0;
    t->str.s = d.out;
    t->str.n = d.n;
}

/* A string literal whose prefix starts at s; L->p is at the opening quote. */
static void lex_string(Lexer *L, const char *s, unsigned prefix)
{
    Pos pos = pos_at(L, s);
    char q = *L->p;
    bool triple = L->end - L->p >= 3 && L->p[1] == q && L->p[2] == q;
    const char *body = L->p + (triple ? 3 : 1);
    int body_line = L->line;
    const char *body_line_start = L->line_start;
    const char *close = find_string_end(L, body, q, triple);
    if (!close) {
        error_tok(L, pos, s, L->p, 0, triple ? "unterminated triple-quoted string literal"
                                             : "unterminated string literal");
        return;
    }
    L->p = close + (triple ? 3 : 1);
    if (prefix & SP_FSTRING) {
        error_tok(L, pos, s, L->p, TF_UNSUPPORTED, "f-strings are not supported");
        return;
    }
    emit_string(L, pos, s, L->p, body, close, prefix, body_line, body_line_start);
}

/* ---- names, operators, stray characters ---- */

/* A run of identifier characters with at least one valid non-ASCII
 * character in it (an identifier like `café`, or a symbol like `×`). */
static void lex_non_ascii(Lexer *L, const char *s)
{
    const char *p = s;
    uint32_t first = 0, cp;
    int n;
    while (p < L->end) {
        if (is_ident(*p)) {
            p++;
        } else if ((unsigned char)*p >= 0x80 && (n = utf8_decode(p, L->end, &cp)) > 0) {
            if (!first)
                first = cp;
            p += n;
        } else {
            break;
        }
    }
    Pos pos = pos_at(L, s);
    if (!first) {
        L->p = s + 1;
        error_tok(L, pos, s, s + 1, TF_HARD, "invalid UTF-8 byte 0x%02X", (unsigned char)*s);
        return;
    }
    L->p = p;
    error_tok(L, pos, s, p, TF_UNSUPPORTED,
              "non-ASCII character U+%04X outside a string or comment is not supported "
              "(identifiers must be ASCII)", (unsigned)first);
}

static TokKind keyword_kind(const char *s, int n)
{
    for (size_t i = 0; i < sizeof keywords / sizeof *keywords; i++)
        if (keywords[i].len == n && !memcmp(keywords[i].s, s, (size_t)n))
            return keywords[i].kind;
    return TK_NAME;
}

/* NAME or keyword; also the prefix of a string literal (rb"...") */
static void lex_name(Lexer *L)
{
    const char *s = L->p, *p = s;
    uint32_t cp;
    while (p < L->end && is_ident(*p))
        p++;
    if (p < L->end && (unsigned char)*p >= 0x80 && utf8_decode(p, L->end, &cp)) {
        lex_non_ascii(L, s);
        return;
    }
    unsigned prefix;
    if (p < L->end && (*p == '"' || *p == '\'') && string_prefix(s, p, &prefix)) {
        L->p = p;
        lex_string(L, s, prefix);
        return;
    }
    L->p = p;
    int n = (int)(p - s);
    TokKind kind = keyword_kind(s, n);
    Token *t = emit(L, kind, pos_at(L, s), s, p);
    if (t && kind == TK_NAME) {
        t->str.s = arena_strndup(L->a, s, (size_t)n);
        t->str.n = (size_t)n;
        if (!t->str.s)
            L->oom = true;
    }
}

static char opening_of(char c) { return c == ')' ? '(' : c == ']' ? '[' : '{'; }

/* Tracks bracket nesting; returns false (after emitting an error token) for
 * a closing bracket that does not match. */
static bool track_bracket(Lexer *L, const char *s, Pos pos)
{
    char c = *s;
    if (c == '(' || c == '[' || c == '{') {
        if (L->depth < LEX_MAX_BRACKETS) {
            L->bracket[L->depth] = c;
            L->bracket_pos[L->depth] = pos;
        }
        L->depth++;
        return true;
    }
    if (c != ')' && c != ']' && c != '}')
        return true;
    if (L->depth == 0) {
        error_tok(L, pos, s, s + 1, 0, "unmatched '%c'", c);
        return false;
    }
    L->depth--;
    if (L->depth < LEX_MAX_BRACKETS && L->bracket[L->depth] != opening_of(c)) {
        Pos o = L->bracket_pos[L->depth];
        error_tok(L, pos, s, s + 1, 0,
                  "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d",
                  c, L->bracket[L->depth], o.line);
        return false;
    }
    return true;
}

/* Longest match against the operator table. */
static bool lex_operator(Lexer *L)
{
    const char *s = L->p;
    const Spelling *best = NULL;
    for (size_t i = 0; i < sizeof operators / sizeof *operators; i++) {
        const Spelling *o = &operators[i];
        if ((!best || o->len > best->len) && L->end - s >= o->len && !memcmp(s, o->s, (size_t)o->len))
            best = o;
    }
    if (!best)
        return false;
    Pos pos = pos_at(L, s);
    L->p = s + best->len;
    if (track_bracket(L, s, pos))
        emit(L, best->kind, pos, s, L->p);
    return true;
}

static void lex_bad_char(Lexer *L)
{
    const char *s = L->p++;
    unsigned char c = (unsigned char)*s;
    Pos pos = pos_at(L, s);
    if (c == 0)
        error_tok(L, pos, s, L->p, TF_HARD, "source contains a NUL byte (not a text file?)");
    else if (c < 0x20 || c == 0x7F)
        error_tok(L, pos, s, L->p, TF_HARD, "invalid control character U+%04X in source", c);
    else
        error_tok(L, pos, s, L->p, 0, "invalid character '%c' (U+%04X)", c, c);
}

static void lex_token(Lexer *L)
{
    const char *s = L->p;
    unsigned char c = (unsigned char)*s;
    if (is_digit(c) || (c == '.' && s + 1 < L->end && is_digit(s[1])))
        lex_number(L);
    else if (c == '"' || c == '\'')
        lex_string(L, s, 0);
    else if (is_alpha(c) || c == '_')
        lex_name(L);
    else if (c >= 0x80)
        lex_non_ascii(L, s);
    else if (!lex_operator(L))
        lex_bad_char(L);
}

/* End of input: close the last line, report an unclosed bracket (at the
 * bracket, where CPython reports it), close every open block. */
static void lex_finish(Lexer *L)
{
    Pos pos = pos_at(L, L->p);
    if (L->depth > 0) {
        int i = (L->depth < LEX_MAX_BRACKETS ? L->depth : LEX_MAX_BRACKETS) - 1;
        Pos b = L->bracket_pos[i];
        error_tok(L, b, L->p, L->p, 0, "'%c' was never closed", L->bracket[i]);
    }
    if (L->line_has_tokens)
        emit(L, TK_NEWLINE, pos, L->p, L->p);
    while (L->nindent > 1) {
        L->nindent--;
        emit(L, TK_DEDENT, pos, L->p, L->p);
    }
    emit(L, TK_EOF, pos, L->p, L->p);
}

static void lex_init(Lexer *L, Arena *a, const char *src, size_t len)
{
    memset(L, 0, sizeof *L);
    L->a = a;
    L->p = src;
    L->end = src + len;
    if (len >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3))
        L->p += 3;    /* BOM: not part of line 1's columns */
    L->line_start = L->p;
    L->line = 1;
    L->at_bol = true;
    L->nindent = 1;
    /* Start small; emit() doubles as needed. */
    L->cap = 256 + (int)(len / 8 < 65536 ? len / 8 : 65536);
    L->toks = arena_array(a, (size_t)L->cap, sizeof(Token));
    if (!L->toks)
        L->oom = true;
}

int lex_tokenize(Arena *a, const char *src, size_t len, Token **out)
{
    Lexer L;
    bool too_big = len > (size_t)INT_MAX / 2;   /* columns and counts are int */
    if (too_big)
        len = 0;
    lex_init(&L, a, src ? src : "", len);
    if (too_big)
        error_tok(&L, (Pos){ 1, 1 }, L.p, L.p, TF_HARD, "source file too large");
    while (!L.oom) {
        if (L.at_bol && L.depth == 0)
            lex_indentation(&L);
        skip_space(&L);
        if (L.p >= L.end)
            break;
        if (*L.p == '#')
            skip_comment(&L);
        else if (at_newline(&L, L.p))
            lex_newline(&L);
        else if (*L.p == '\\')
            lex_backslash(&L);
        else {
            lex_token(&L);
            L.line_has_tokens = true;
        }
    }
    if (!L.oom)
        lex_finish(&L);
    if (L.c_locale)
        freelocale(L.c_locale);
    if (L.oom)
        return -1;
    *out = L.toks;
    return L.ntok;
}
