/* test_lex.c - the lexer: token streams, layout, literals, errors, garbage. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "frontend/lex.h"

typedef struct Lexed {
    Arena a;
    Token *t;
    int n;
} Lexed;

static void lex_n(Lexed *l, const char *src, size_t len)
{
    arena_init(&l->a);
    l->n = lex_tokenize(&l->a, src, len, &l->t);
    ck_assert_int_gt(l->n, 0);
    ck_assert_int_eq(l->t[l->n - 1].kind, TK_EOF);
}

static void lex(Lexed *l, const char *src) { lex_n(l, src, strlen(src)); }

static const char *short_name(TokKind k)
{
    switch (k) {
    case TK_EOF: return "EOF";
    case TK_NEWLINE: return "NL";
    case TK_INDENT: return "INDENT";
    case TK_DEDENT: return "DEDENT";
    case TK_NAME: return "NAME";
    case TK_INT: return "INT";
    case TK_FLOAT: return "FLOAT";
    case TK_STRING: return "STR";
    case TK_ERROR: return "ERR";
    default: return lex_kind_str(k);
    }
}

/* The kinds of src's tokens, space-separated, EOF omitted. */
static const char *kinds(const char *src)
{
    static char buf[4096];
    Lexed l;
    lex(&l, src);
    buf[0] = 0;
    for (int i = 0; i < l.n - 1; i++) {
        if (i)
            strcat(buf, " ");
        strcat(buf, short_name(l.t[i].kind));
    }
    arena_free(&l.a);
    return buf;
}

/* The first error token as "line:col: message", or "" if none. */
static const char *first_error(const char *src, size_t len, unsigned *flags)
{
    static char buf[512];
    Lexed l;
    lex_n(&l, src, len);
    buf[0] = 0;
    for (int i = 0; i < l.n; i++)
        if (l.t[i].kind == TK_ERROR) {
            snprintf(buf, sizeof buf, "%d:%d: %s", l.t[i].pos.line, l.t[i].pos.col, l.t[i].msg);
            if (flags)
                *flags = l.t[i].flags;
            break;
        }
    arena_free(&l.a);
    return buf;
}

static const char *err(const char *src) { return first_error(src, strlen(src), NULL); }

START_TEST(test_simple_stream_positions)
{
    Lexed l;
    lex(&l, "x = foo(1, 2.5)\n");
    static const struct { TokKind k; int line, col; } want[] = {
        { TK_NAME, 1, 1 }, { TK_ASSIGN, 1, 3 }, { TK_NAME, 1, 5 }, { TK_LPAREN, 1, 8 },
        { TK_INT, 1, 9 }, { TK_COMMA, 1, 10 }, { TK_FLOAT, 1, 12 }, { TK_RPAREN, 1, 15 },
        { TK_NEWLINE, 1, 16 }, { TK_EOF, 2, 1 },
    };
    ck_assert_int_eq(l.n, 10);
    for (int i = 0; i < 10; i++) {
        ck_assert_int_eq(l.t[i].kind, want[i].k);
        ck_assert_int_eq(l.t[i].pos.line, want[i].line);
        ck_assert_int_eq(l.t[i].pos.col, want[i].col);
    }
    ck_assert_str_eq(l.t[2].str.s, "foo");
    ck_assert_int_eq(l.t[4].ival, 1);
    ck_assert(l.t[6].fval == 2.5);
    arena_free(&l.a);
}
END_TEST

START_TEST(test_indent_dedent)
{
    ck_assert_str_eq(kinds("def f():\n    if x:\n        y\n    z\nw\n"),
                     "def NAME ( ) : NL INDENT if NAME : NL INDENT NAME NL DEDENT NAME NL DEDENT NAME NL");
    /* blocks still open at the end are closed after the last NEWLINE */
    ck_assert_str_eq(kinds("if x:\n  if y:\n    z"),
                     "if NAME : NL INDENT if NAME : NL INDENT NAME NL DEDENT DEDENT");
    /* a dedent of two levels at once */
    ck_assert_str_eq(kinds("a\n b\n  c\nd\n"), "NAME NL INDENT NAME NL INDENT NAME NL DEDENT DEDENT NAME NL");
}
END_TEST

START_TEST(test_blank_and_comment_lines)
{
    /* comment-only and blank lines make no tokens, whatever their indentation */
    ck_assert_str_eq(kinds("if x:\n\n        # deep comment\n  \n    y  # trailing\n# c\nz\n"),
                     "if NAME : NL INDENT NAME NL DEDENT NAME NL");
    ck_assert_str_eq(kinds(""), "");
    ck_assert_str_eq(kinds("# only a comment"), "");
    ck_assert_str_eq(kinds("\n\n   \n"), "");
}
END_TEST

START_TEST(test_line_joining)
{
    Lexed l;
    lex(&l, "f(a,\n      b)[\n1]\nc \\\n  + d\n");
    ck_assert_str_eq(kinds("f(a,\n      b)[\n1]\nc \\\n  + d\n"),
                     "NAME ( NAME , NAME ) [ INT ] NL NAME + NAME NL");
    ck_assert_int_eq(l.t[4].pos.line, 2);       /* b */
    ck_assert_int_eq(l.t[4].pos.col, 7);
    ck_assert_int_eq(l.t[10].pos.line, 4);      /* c */
    ck_assert_int_eq(l.t[11].pos.line, 5);      /* + after the backslash join */
    ck_assert_int_eq(l.t[11].pos.col, 3);
    arena_free(&l.a);
    /* indentation inside brackets is not layout */
    ck_assert_str_eq(kinds("if x:\n    y = (1,\n2,\n            3)\n    z\n"),
                     "if NAME : NL INDENT NAME = ( INT , INT , INT ) NL NAME NL DEDENT");
    ck_assert_str_eq(err("x = 1 \\ y\n"), "1:7: unexpected character after line continuation character '\\'");
}
END_TEST

START_TEST(test_bom_crlf_no_final_newline)
{
    Lexed l;
    lex(&l, "\xEF\xBB\xBFx = 1\r\nif y:\r\n    z\r\nw");
    ck_assert_str_eq(kinds("\xEF\xBB\xBFx = 1\r\nif y:\r\n    z\r\nw"),
                     "NAME = INT NL if NAME : NL INDENT NAME NL DEDENT NAME NL");
    ck_assert_int_eq(l.t[0].pos.col, 1);        /* the BOM takes no column */
    ck_assert_int_eq(l.t[3].pos.col, 6);        /* NEWLINE at the \r */
    ck_assert_int_eq(l.t[12].pos.line, 4);      /* w */
    ck_assert_int_eq(l.t[13].kind, TK_NEWLINE); /* made up for the missing final newline */
    arena_free(&l.a);
}
END_TEST

START_TEST(test_tabs)
{
    /* a tab advances to the next multiple of 8 */
    ck_assert_str_eq(kinds("if x:\n\ty\n\tz\n"), "if NAME : NL INDENT NAME NL NAME NL DEDENT");
    ck_assert_str_eq(kinds("if x:\n\ty\n\t\tz\n"), "if NAME : NL INDENT NAME NL INDENT NAME NL DEDENT DEDENT");
    /* 8 spaces vs one tab: same column, but the meaning depends on tab size */
    ck_assert_str_eq(err("if x:\n\ty\n        z\n"), "3:9: inconsistent use of tabs and spaces in indentation");
    ck_assert_str_eq(err("if x:\n        y\n\tz\n"), "3:2: inconsistent use of tabs and spaces in indentation");
    ck_assert_str_eq(err("if x:\n  \ty\n\tz\n"), "3:2: inconsistent use of tabs and spaces in indentation");
}
END_TEST

START_TEST(test_bad_dedent)
{
    ck_assert_str_eq(err("if x:\n    if y:\n        a\n      b\nc\n"),
                     "4:7: unindent does not match any outer indentation level");
    /* the misaligned line joins the inner block, so the block stays balanced */
    ck_assert_str_eq(kinds("if x:\n    a\n  b\nc\n"), "if NAME : NL INDENT NAME NL ERR NAME NL DEDENT NAME NL");
}
END_TEST

START_TEST(test_indent_limit)
{
    char src[40000];
    size_t n = 0;
    for (int i = 0; i < 105; i++) {
        for (int j = 0; j < i; j++)
            src[n++] = ' ';
        n += (size_t)sprintf(src + n, "if x:\n");
    }
    src[n] = 0;
    ck_assert_str_eq(err(src), "102:102: too many levels of indentation (limit 100)");
    Lexed l;
    lex(&l, src);
    int depth = 0, maxdepth = 0;
    for (int i = 0; i < l.n; i++) {
        depth += l.t[i].kind == TK_INDENT ? 1 : l.t[i].kind == TK_DEDENT ? -1 : 0;
        maxdepth = depth > maxdepth ? depth : maxdepth;
    }
    ck_assert_int_eq(depth, 0);
    ck_assert_int_eq(maxdepth, 100);
    arena_free(&l.a);
}
END_TEST

START_TEST(test_numbers)
{
    Lexed l;
    lex(&l, "1_000 1e-3 0x1F 0o17 0b101 .5 5. 0 00 0_0 1E+2 0XfF 9223372036854775807 1.5e3_0 09.5");
    int64_t ints[] = { 1000, 0, 31, 15, 5 };
    ck_assert_int_eq(l.t[0].kind, TK_INT);
    ck_assert_int_eq(l.t[0].ival, ints[0]);
    ck_assert_int_eq(l.t[1].kind, TK_FLOAT);
    ck_assert(l.t[1].fval == 1e-3);
    for (int i = 2; i <= 4; i++) {
        ck_assert_int_eq(l.t[i].kind, TK_INT);
        ck_assert_int_eq(l.t[i].ival, ints[i]);
    }
    ck_assert(l.t[5].kind == TK_FLOAT && l.t[5].fval == 0.5);
    ck_assert(l.t[6].kind == TK_FLOAT && l.t[6].fval == 5.0);
    ck_assert(l.t[7].kind == TK_INT && l.t[7].ival == 0);
    ck_assert(l.t[8].kind == TK_INT && l.t[8].ival == 0);
    ck_assert(l.t[9].kind == TK_INT && l.t[9].ival == 0);
    ck_assert(l.t[10].kind == TK_FLOAT && l.t[10].fval == 100.0);
    ck_assert(l.t[11].kind == TK_INT && l.t[11].ival == 255);
    ck_assert(l.t[12].kind == TK_INT && l.t[12].ival == INT64_MAX && l.t[12].flags == 0);
    ck_assert(l.t[13].kind == TK_FLOAT && l.t[13].fval == 1.5e30);
    ck_assert(l.t[14].kind == TK_FLOAT && l.t[14].fval == 9.5);
    ck_assert_int_eq(l.t[15].kind, TK_NEWLINE);
    arena_free(&l.a);
}
END_TEST

START_TEST(test_int_min_literal)
{
    Lexed l;
    lex(&l, "-9223372036854775808");
    ck_assert_int_eq(l.t[1].kind, TK_INT);
    ck_assert_uint_eq(l.t[1].flags, TF_INT_MIN);
    ck_assert(l.t[1].ival == INT64_MIN);
    arena_free(&l.a);
    ck_assert_str_eq(err("x = 9223372036854775809"),
                     "1:5: integer literal 9223372036854775809 is too large for int64");
    ck_assert_str_eq(err("x = 0xFFFFFFFFFFFFFFFFF"),
                     "1:5: integer literal 0xFFFFFFFFFFFFFFFFF is too large for int64");
}
END_TEST

START_TEST(test_bad_numbers)
{
    unsigned flags = 0;
    ck_assert_str_eq(first_error("x = 1.5j", 8, &flags), "1:5: complex literals ('1.5j') are not supported");
    ck_assert_uint_eq(flags & TF_UNSUPPORTED, TF_UNSUPPORTED);
    ck_assert_str_eq(err("x = 1__0"), "1:5: invalid decimal literal");
    ck_assert_str_eq(err("x = 1_"), "1:5: invalid decimal literal");
    ck_assert_str_eq(err("x = 1._5"), "1:5: invalid decimal literal");
    ck_assert_str_eq(err("x = 1e"), "1:5: invalid decimal literal");
    ck_assert_str_eq(err("x = 12abc"), "1:5: invalid decimal literal");
    ck_assert_str_eq(err("x = 0x"), "1:5: invalid hexadecimal literal");
    ck_assert_str_eq(err("x = 0b102"), "1:5: invalid binary literal");
    ck_assert_str_eq(err("x = 0o8"), "1:5: invalid octal literal");
    ck_assert_str_eq(err("x = 012"), "1:5: leading zeros in decimal integer literals are not "
                                     "permitted; use an 0o prefix for octal integers");
    /* one error token per bad literal, then lexing goes on */
    ck_assert_str_eq(kinds("1abc + 2"), "ERR + INT NL");
}
END_TEST

START_TEST(test_strings)
{
    Lexed l;
    lex(&l, "'a\\'b' \"c\\\"d\" r'\\n\\'' b'x' R\"y\" rb'\\x' Br'z' u'v' '\\x41\\u00e9\\U0001F600\\n\\t\\\\\\101\\q'");
    const char *want[] = { "a'b", "c\"d", "\\n\\'", "x", "y", "\\x", "z", "v",
                           "A\xC3\xA9\xF0\x9F\x98\x80\n\t\\A\\q" };
    for (int i = 0; i < 9; i++) {
        ck_assert_int_eq(l.t[i].kind, TK_STRING);
        ck_assert_str_eq(l.t[i].str.s, want[i]);
        ck_assert_uint_eq(l.t[i].str.n, strlen(want[i]));
    }
    ck_assert_uint_eq(l.t[3].flags, TF_BYTES);
    ck_assert_uint_eq(l.t[5].flags, TF_BYTES);
    ck_assert_uint_eq(l.t[0].flags, 0);
    arena_free(&l.a);
    /* an escaped NUL is kept and counted */
    lex(&l, "'a\\0b'");
    ck_assert_uint_eq(l.t[0].str.n, 3);
    arena_free(&l.a);
}
END_TEST

START_TEST(test_triple_quoted)
{
    Lexed l;
    lex(&l, "x = \"\"\"one\r\n'two' \"\"\n\\\nthree\"\"\" + y\nz\n");
    ck_assert_int_eq(l.t[2].kind, TK_STRING);
    ck_assert_str_eq(l.t[2].str.s, "one\n'two' \"\"\nthree");
    ck_assert_int_eq(l.t[3].kind, TK_PLUS);
    ck_assert_int_eq(l.t[3].pos.line, 4);       /* positions continue after the literal */
    ck_assert_int_eq(l.t[3].pos.col, 10);
    ck_assert_int_eq(l.t[6].pos.line, 5);       /* z */
    arena_free(&l.a);
}
END_TEST

START_TEST(test_string_errors)
{
    unsigned flags = 0;
    ck_assert_str_eq(err("x = 'abc\ny = 1\n"), "1:5: unterminated string literal");
    /* lexing resumes on the next line */
    ck_assert_str_eq(kinds("x = 'abc\ny = 1\n"), "NAME = ERR NL NAME = INT NL");
    ck_assert_str_eq(err("x = 1\ns = '''abc\n\n"), "2:5: unterminated triple-quoted string literal");
    ck_assert_str_eq(first_error("s = f'{x}'", 10, &flags), "1:5: f-strings are not supported");
    ck_assert_uint_eq(flags, TF_UNSUPPORTED);
    ck_assert_str_eq(err("s = RF\"{x}\""), "1:5: f-strings are not supported");
    ck_assert_str_eq(err("s = 'ab\\x4'"), "1:8: truncated \\x escape (needs 2 hex digits)");
    ck_assert_str_eq(err("s = '\\ud800'"), "1:6: invalid \\u escape: U+D800 is not a valid code point");
    ck_assert_str_eq(err("s = '\\N{DASH}'"), "1:6: \\N{...} escapes are not supported");
    ck_assert_str_eq(err("s = b'\xC3\xA9'"), "1:7: bytes can only contain ASCII literal characters");
    /* a prefix that is not one is a name followed by a string */
    ck_assert_str_eq(kinds("ub'x' bf'y'"), "NAME STR NAME STR NL");
}
END_TEST

START_TEST(test_keywords_and_operators)
{
    ck_assert_str_eq(kinds("def return if elif else while for in not and or is break continue pass"),
                     "def return if elif else while for in not and or is break continue pass NL");
    ck_assert_str_eq(kinds("import from as True False None lambda class try except finally with"),
                     "import from as True False None lambda class try except finally with NL");
    ck_assert_str_eq(kinds("yield global nonlocal del raise assert async await"),
                     "yield global nonlocal del raise assert async await NL");
    ck_assert_str_eq(kinds("true none Def _x x1 match"), "NAME NAME NAME NAME NAME NAME NL");
    ck_assert_str_eq(kinds("a**=b//=c>>=d<<=e->f:=g...h!=i==j<=k>=l@=m"),
                     "NAME **= NAME //= NAME >>= NAME <<= NAME -> NAME := NAME ... NAME != NAME == "
                     "NAME <= NAME >= NAME @= NAME NL");
    ck_assert_str_eq(kinds("+-*/ // % ** @ & | ^ ~ << >> < > = += -= *= /= %= &= |= ^= . , : ;"),
                     "+ - * / // % ** @ & | ^ ~ << >> < > = += -= *= /= %= &= |= ^= . , : ; NL");
    ck_assert_str_eq(lex_kind_str(TK_DSLASHEQ), "//=");
    ck_assert_str_eq(lex_kind_str(TK_NEWLINE), "end of line");
}
END_TEST

START_TEST(test_brackets)
{
    ck_assert_str_eq(err("x = (1 +\n  2\n"), "1:5: '(' was never closed");
    ck_assert_str_eq(err("x = [f(1]\n"), "1:9: closing parenthesis ']' does not match opening "
                                         "parenthesis '(' on line 1");
    ck_assert_str_eq(err("x = 1)\n"), "1:6: unmatched ')'");
}
END_TEST

START_TEST(test_not_text)
{
    unsigned flags = 0;
    ck_assert_str_eq(first_error("x = 1\ny \0= 2\n", 13, &flags),
                     "2:3: source contains a NUL byte (not a text file?)");
    ck_assert_uint_eq(flags & TF_HARD, TF_HARD);
    ck_assert_str_eq(first_error("x = \xFF\n", 6, &flags), "1:5: invalid UTF-8 byte 0xFF");
    ck_assert_uint_eq(flags & TF_HARD, TF_HARD);
    ck_assert_str_eq(first_error("x\x01 = 1", 7, &flags), "1:2: invalid control character U+0001 in source");
    ck_assert_str_eq(first_error("x = 1  # \0\n", 11, &flags), "1:10: source contains a NUL byte (not a text file?)");
    ck_assert_str_eq(first_error("s = '\xC3('", 8, &flags), "1:6: invalid UTF-8 byte 0xC3 in string literal");
    /* CPython decodes the whole file as UTF-8, comments included, unless a
     * PEP 263 line names another encoding; valid UTF-8 in strings is fine */
    ck_assert_str_eq(err("x = 1  # caf\xE9\ns = 'caf\xC3\xA9'\n"), "1:13: invalid UTF-8 byte 0xE9 in comment");
    ck_assert_str_eq(err("# -*- coding: latin-1 -*-\nx = 1  # caf\xE9\n"), "");
    ck_assert_str_eq(err("#!/usr/bin/env python\n# vim: set fileencoding=iso-8859-15 :\nx = 1  # \xE9\n"), "");
    ck_assert_str_eq(err("# coding=utf-8\nx = 1  # \xE9\n"), "2:10: invalid UTF-8 byte 0xE9 in comment");
    ck_assert_str_eq(err("x = 1  # \xE9\xE9\n"), "1:10: invalid UTF-8 byte 0xE9 in comment");
    ck_assert_str_eq(first_error("caf\xC3\xA9 = 1", 9, &flags),
                     "1:1: non-ASCII character U+00E9 outside a string or comment is not supported "
                     "(identifiers must be ASCII)");
    ck_assert_uint_eq(flags, TF_UNSUPPORTED);
    ck_assert_str_eq(err("x = $"), "1:5: invalid character '$' (U+0024)");
}
END_TEST

/* Deterministic generator for the garbage tests (no global state). */
static uint32_t next_rand(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

START_TEST(test_random_bytes)
{
    static const char alphabet[] = "  \t\n\n\r\\#'\"()[]{}:;.,=+-*/xyif0123456789_e\f\0\xC3\xA9\xFF";
    uint32_t seed = 12345;
    char buf[512];
    for (int iter = 0; iter < 3000; iter++) {
        size_t n = next_rand(&seed) % sizeof buf;
        for (size_t i = 0; i < n; i++)
            buf[i] = iter % 2 ? (char)next_rand(&seed)
                              : alphabet[next_rand(&seed) % (sizeof alphabet - 1)];
        Lexed l;
        lex_n(&l, buf, n);
        int depth = 0;
        for (int i = 0; i < l.n; i++) {
            ck_assert_int_ge(l.t[i].pos.line, 1);
            ck_assert_int_ge(l.t[i].pos.col, 1);
            if (l.t[i].kind == TK_INDENT || l.t[i].kind == TK_DEDENT)
                ck_assert(i == 0 || (l.t[i - 1].kind == TK_NEWLINE || l.t[i - 1].kind == TK_INDENT ||
                                    l.t[i - 1].kind == TK_DEDENT));
            depth += l.t[i].kind == TK_INDENT ? 1 : l.t[i].kind == TK_DEDENT ? -1 : 0;
            ck_assert_int_ge(depth, 0);
            ck_assert(l.t[i].kind != TK_ERROR || l.t[i].msg);
        }
        ck_assert_int_eq(depth, 0);
        arena_free(&l.a);
    }
}
END_TEST

Suite *suite_lex(void)
{
    Suite *s = suite_create("lex");
    TCase *tc = tcase_create("lex");
    tcase_add_test(tc, test_simple_stream_positions);
    tcase_add_test(tc, test_indent_dedent);
    tcase_add_test(tc, test_blank_and_comment_lines);
    tcase_add_test(tc, test_line_joining);
    tcase_add_test(tc, test_bom_crlf_no_final_newline);
    tcase_add_test(tc, test_tabs);
    tcase_add_test(tc, test_bad_dedent);
    tcase_add_test(tc, test_indent_limit);
    tcase_add_test(tc, test_numbers);
    tcase_add_test(tc, test_int_min_literal);
    tcase_add_test(tc, test_bad_numbers);
    tcase_add_test(tc, test_strings);
    tcase_add_test(tc, test_triple_quoted);
    tcase_add_test(tc, test_string_errors);
    tcase_add_test(tc, test_keywords_and_operators);
    tcase_add_test(tc, test_brackets);
    tcase_add_test(tc, test_not_text);
    tcase_add_test(tc, test_random_bytes);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return s;
}
