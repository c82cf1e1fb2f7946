/* lex.h - the tokens of a kernel script, produced by lex.c.
 *
 * lex_tokenize turns a whole script into one array of tokens that ends in
 * TK_EOF. Layout follows CPython: NEWLINE ends each logical line (never inside
 * brackets, never for blank or comment-only lines), INDENT and DEDENT bracket
 * indented blocks and come only right after a NEWLINE, at the start of the
 * file (an indented first line) or at its end, and they are balanced.
 *
 * Lexing never stops at an error: each lexical error becomes a TK_ERROR token
 * carrying its message, and the parser turns it into a diagnostic only if it
 * actually parses that token. That is what lets an f-string or a stray `$`
 * sit inside a skipped `if __name__ == "__main__":` block. Errors that make
 * the file not text at all (NUL bytes, invalid UTF-8 in code) are flagged
 * TF_HARD and are reported even inside skipped blocks.
 *
 * All memory (the array, names, decoded strings, messages) comes from the
 * caller's arena. */
#ifndef JIT_LEX_H
#define JIT_LEX_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"

/* Token tables (X: enum name, text). For the special kinds the text is a
 * description used in messages; for keywords and operators it is the exact
 * spelling, which is also what the lexer matches (operators by longest
 * match), so adding an operator is one line here. */
#define LEX_SPECIAL(X) \
    X(TK_EOF, "end of file") X(TK_NEWLINE, "end of line") \
    X(TK_INDENT, "indent") X(TK_DEDENT, "dedent") \
    X(TK_NAME, "name") X(TK_INT, "integer literal") X(TK_FLOAT, "float literal") \
    X(TK_STRING, "string literal") X(TK_ERROR, "invalid token")

#define LEX_KEYWORDS(X) \
    X(TK_DEF, "def") X(TK_RETURN, "return") X(TK_IF, "if") X(TK_ELIF, "elif") \
    X(TK_ELSE, "else") X(TK_WHILE, "while") X(TK_FOR, "for") X(TK_IN, "in") \
    X(TK_NOT, "not") X(TK_AND, "and") X(TK_OR, "or") X(TK_IS, "is") \
    X(TK_BREAK, "break") X(TK_CONTINUE, "continue") X(TK_PASS, "pass") \
    X(TK_IMPORT, "import") X(TK_FROM, "from") X(TK_AS, "as") \
    X(TK_TRUE, "True") X(TK_FALSE, "False") X(TK_NONE, "None") \
    X(TK_LAMBDA, "lambda") X(TK_CLASS, "class") X(TK_TRY, "try") \
    X(TK_EXCEPT, "except") X(TK_FINALLY, "finally") X(TK_WITH, "with") \
    X(TK_YIELD, "yield") X(TK_GLOBAL, "global") X(TK_NONLOCAL, "nonlocal") \
    X(TK_DEL, "del") X(TK_RAISE, "raise") X(TK_ASSERT, "assert") \
    X(TK_ASYNC, "async") X(TK_AWAIT, "await")

#define LEX_OPERATORS(X) \
    X(TK_PLUS, "+") X(TK_MINUS, "-") X(TK_STAR, "*") X(TK_SLASH, "/") \
    X(TK_DSLASH, "//") X(TK_PERCENT, "%") X(TK_DSTAR, "**") X(TK_AT, "@") \
    X(TK_AMP, "&") X(TK_PIPE, "|") X(TK_CARET, "^") X(TK_TILDE, "~") \
    X(TK_LSHIFT, "<<") X(TK_RSHIFT, ">>") \
    X(TK_LT, "<") X(TK_GT, ">") X(TK_LE, "<=") X(TK_GE, ">=") \
    X(TK_EQEQ, "==") X(TK_NE, "!=") X(TK_ASSIGN, "=") \
    X(TK_PLUSEQ, "+=") X(TK_MINUSEQ, "-=") X(TK_STAREQ, "*=") \
    X(TK_SLASHEQ, "/=") X(TK_DSLASHEQ, "//=") X(TK_PERCENTEQ, "%=") \
    X(TK_DSTAREQ, "**=") X(TK_AMPEQ, "&=") X(TK_PIPEEQ, "|=") \
    X(TK_CARETEQ, "^=") X(TK_LSHIFTEQ, "<<=") X(TK_RSHIFTEQ, ">>=") \
    X(TK_ATEQ, "@=") \
    X(TK_ARROW, "->") X(TK_DOT, ".") X(TK_ELLIPSIS, "...") X(TK_COMMA, ",") \
    X(TK_COLON, ":") X(TK_SEMI, ";") X(TK_WALRUS, ":=") \
    X(TK_LPAREN, "(") X(TK_RPAREN, ")") X(TK_LBRACKET, "[") \
    X(TK_RBRACKET, "]") X(TK_LBRACE, "{") X(TK_RBRACE, "}")

typedef enum {
#define X(k, s) k,
    LEX_SPECIAL(X) LEX_KEYWORDS(X) LEX_OPERATORS(X)
#undef X
    TK__COUNT
} TokKind;

/* Token.flags */
enum {
    TF_INT_MIN     = 1 << 0, /* TK_INT 9223372036854775808 (2**63): only valid
                                as the operand of unary minus; ival = INT64_MIN */
    TF_BYTES       = 1 << 1, /* TK_STRING with a b prefix */
    TF_UNSUPPORTED = 1 << 2, /* TK_ERROR about a construct libjit does not
                                compile (DK_UNSUPPORTED), not malformed text */
    TF_HARD        = 1 << 3, /* TK_ERROR that makes the file not text (NUL
                                byte, invalid UTF-8): reported even where the
                                parser skips tokens */
};

typedef struct Token {
    TokKind kind;
    Pos pos;                 /* of the first byte; col counts bytes, 1-based */
    const char *start;       /* source text (for INDENT/DEDENT: empty at the
                                first token of the line) */
    int len;
    unsigned flags;          /* TF_* */
    union {
        int64_t ival;        /* TK_INT */
        double fval;         /* TK_FLOAT */
        struct {             /* TK_NAME: the identifier; TK_STRING: the value,
                                escapes decoded, UTF-8. Both NUL-terminated;
                                n excludes the terminator (a string may
                                contain \0 bytes from escapes) */
            const char *s;
            size_t n;
        } str;
        const char *msg;     /* TK_ERROR: the diagnostic message */
    };
} Token;

/* Tokenizes src[0..len) (UTF-8, optional BOM, LF or CRLF line ends, final
 * newline optional; src need not be NUL-terminated). Stores the array in
 * *out and returns the number of tokens, the last being TK_EOF; returns -1
 * only when the arena runs out of memory. */
int lex_tokenize(Arena *a, const char *src, size_t len, Token **out);

/* The spelling of a keyword or operator, or the description of a special
 * kind ("end of line", "name", ...). */
const char *lex_kind_str(TokKind k);

#endif
