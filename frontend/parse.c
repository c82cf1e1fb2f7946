/* parse.c - recursive-descent parser for kernel scripts (see ast.h).
 *
 * Input: the tokens of lex.c. Output: a Module (imports, module constants,
 * functions) in the arena, errors in Diags. The grammar is CPython's, cut
 * down to what kernels use (the rule sits above each function); everything
 * else is recognised well enough to be rejected with a message naming it.
 *
 * Error recovery: the first syntax error of a statement sets `panic`, which
 * mutes further errors until the statement loop resynchronises at the next
 * NEWLINE of the same nesting level (sync), skipping any block hanging off
 * that line. Errors that leave the token position sound (a bad assignment
 * target, a repeated keyword, ...) are reported without panic. A
 * statement or function whose header failed is dropped, so the tree never
 * holds a NULL where ast.h promises a node.
 *
 * Robustness: expression recursion is bounded by PARSE_MAX_DEPTH and block
 * recursion by the lexer's indentation limit; left-associative chains,
 * trailers and elif chains are loops. Every loop consumes a token per
 * iteration or stops, so no input crashes, hangs or exhausts the C stack.
 *
 * Also here: ast_clone_func, ast_find_func and the operator spellings. */
#include "ast.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "lex.h"

/* Expression nesting limit, CPython's: deeper input is machine-made or
 * hostile, and about fifteen C frames per level stay far from any stack's
 * end. */
#define PARSE_MAX_DEPTH 200
/* Parameters and call arguments (CPython's limit before 3.7): kernels never
 * come near it, and it keeps the duplicate-name checks cheap. */
#define PARSE_MAX_ARGS 255

typedef struct Parser {
    Arena *a;
    Diags *d;
    Token *toks;
    int ntok, i;               /* tokens, index of the current one */
    int depth;                 /* expression nesting (PARSE_MAX_DEPTH) */
    int loops;                 /* loops around the current statement */
    bool in_func;
    bool panic;                /* an error was reported; mute until sync */
    bool oom;
    const char *last_end;      /* end of the last real token consumed */
    int lex_reported;          /* index of the last TK_ERROR reported */
} Parser;

typedef enum { REPORT_ALL, REPORT_HARD } SkipMode;

static Expr *parse_test(Parser *p);
static Block parse_suite(Parser *p);
static void parse_stmt_into(Parser *p, PtrVec *out);

/* ---- tokens ---- */

static Token *cur(Parser *p) { return &p->toks[p->i]; }
static TokKind kind(Parser *p) { return p->toks[p->i].kind; }

static Token *peek(Parser *p, int k)
{
    int j = p->i + k;
    return &p->toks[j < p->ntok ? j : p->ntok - 1];
}

/* Consumes the current token (never past EOF) and returns it. */
static Token *advance(Parser *p)
{
    Token *t = cur(p);
    if (t->kind == TK_EOF)
        return t;
    p->i++;
    if (t->kind != TK_NEWLINE && t->kind != TK_INDENT && t->kind != TK_DEDENT)
        p->last_end = t->start + t->len;
    return t;
}

static bool accept(Parser *p, TokKind k)
{
    if (kind(p) != k)
        return false;
    advance(p);
    return true;
}

/* How a token reads in a message: 'x', end of line, string literal. */
static const char *describe(const Token *t, char *buf, size_t n)
{
    switch (t->kind) {
    case TK_NEWLINE: case TK_EOF: case TK_INDENT: case TK_DEDENT: case TK_STRING:
        return lex_kind_str(t->kind);
    default:
        snprintf(buf, n, "'%.*s'", t->len > 40 ? 40 : t->len, t->start);
        return buf;
    }
}

/* ---- diagnostics ---- */

static void vreport(Parser *p, DiagKind k, Pos pos, const char *fmt, va_list ap)
{
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    diag_error(p->d, k, pos, "%s", buf);
}

/* An error that leaves the token position sound: no panic. */
static void report(Parser *p, DiagKind k, Pos pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void report(Parser *p, DiagKind k, Pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(p, k, pos, fmt, ap);
    va_end(ap);
}

/* An error that derails the statement: report unless already panicking. */
static void fail(Parser *p, DiagKind k, Pos pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void fail(Parser *p, DiagKind k, Pos pos, const char *fmt, ...)
{
    if (!p->panic) {
        va_list ap;
        va_start(ap, fmt);
        vreport(p, k, pos, fmt, ap);
        va_end(ap);
    }
    p->panic = true;
}

/* Reports lexical error token t once (a failing statement reports it, then
 * sync skips over it). */
static void report_lex_error(Parser *p, const Token *t)
{
    int i = (int)(t - p->toks);
    if (i == p->lex_reported)
        return;
    p->lex_reported = i;
    diag_error(p->d, (t->flags & TF_UNSUPPORTED) ? DK_UNSUPPORTED : DK_SYNTAX, t->pos, "%s", t->msg);
}

/* A syntax error at token t. A lexical error token speaks for itself, and
 * ':=' gets its own message wherever it turns up. */
static void fail_tok(Parser *p, const Token *t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void fail_tok(Parser *p, const Token *t, const char *fmt, ...)
{
    if (!p->panic) {
        if (t->kind == TK_ERROR) {
            report_lex_error(p, t);
        } else if (t->kind == TK_WALRUS) {
            report(p, DK_UNSUPPORTED, t->pos, "assignment expressions (':=') are not supported");
        } else {
            va_list ap;
            va_start(ap, fmt);
            vreport(p, DK_SYNTAX, t->pos, fmt, ap);
            va_end(ap);
        }
    }
    p->panic = true;
}

static const char *expected_str(TokKind k, char *buf, size_t n)
{
    switch (k) {
    case TK_NAME: return "a name";
    case TK_NEWLINE: return "end of line";
    case TK_INDENT: return "an indented block";
    default:
        snprintf(buf, n, "'%s'", lex_kind_str(k));
        return buf;
    }
}

static bool expect(Parser *p, TokKind k)
{
    if (accept(p, k))
        return true;
    char b1[64], b2[64];
    fail_tok(p, cur(p), "expected %s, found %s", expected_str(k, b1, sizeof b1),
             describe(cur(p), b2, sizeof b2));
    return false;
}

/* The end of a simple statement line. */
static bool expect_newline(Parser *p)
{
    if (accept(p, TK_NEWLINE) || kind(p) == TK_EOF)
        return true;
    char buf[64];
    fail_tok(p, cur(p), "invalid syntax: unexpected %s", describe(cur(p), buf, sizeof buf));
    return false;
}

/* ---- recovery ---- */

static void skip_token(Parser *p, SkipMode m)
{
    Token *t = advance(p);
    if (t->kind == TK_ERROR && (m == REPORT_ALL || (t->flags & TF_HARD)))
        report_lex_error(p, t);
}

/* Skips to the end of the logical line (its NEWLINE consumed). A DEDENT or
 * EOF is left alone: it belongs to an enclosing block. */
static void skip_line(Parser *p, SkipMode m)
{
    while (kind(p) != TK_NEWLINE && kind(p) != TK_DEDENT && kind(p) != TK_EOF)
        skip_token(p, m);
    accept(p, TK_NEWLINE);
}

/* Skips an indented block, if one starts here, up to its DEDENT. */
static void skip_block(Parser *p, SkipMode m)
{
    if (kind(p) != TK_INDENT)
        return;
    int level = 0;
    do {
        if (kind(p) == TK_INDENT)
            level++;
        else if (kind(p) == TK_DEDENT)
            level--;
        skip_token(p, m);
    } while (level > 0 && kind(p) != TK_EOF);
}

/* Skips a statement: the rest of its line and the block hanging off it.
 * Lexical errors in a discarded block are noise, unless the file is not
 * text at all. */
static void skip_stmt(Parser *p, SkipMode line_mode)
{
    skip_line(p, line_mode);
    skip_block(p, REPORT_HARD);
}

/* Resynchronises after an error at the next statement boundary. */
static void sync(Parser *p)
{
    skip_stmt(p, REPORT_ALL);
    p->panic = false;
}

/* ---- nodes ---- */

static void *alloc(Parser *p, size_t n)
{
    void *x = arena_alloc(p->a, n);
    if (!x) {
        p->oom = true;
        p->panic = true;
    }
    return x;
}

static bool push(Parser *p, PtrVec *v, void *x)
{
    if (vec_push(p->a, v, x) == 0)
        return true;
    p->oom = true;
    p->panic = true;
    return false;
}

/* Room for one more element in a growable arena array of elem-sized items. */
static void *grow(Parser *p, void *items, int n, int *cap, size_t elem)
{
    if (n < *cap)
        return items;
    int ncap = *cap ? *cap * 2 : 4;
    void *x = arena_array(p->a, (size_t)ncap, elem);
    if (!x) {
        p->oom = true;
        p->panic = true;
        return NULL;
    }
    if (n)
        memcpy(x, items, (size_t)n * elem);
    *cap = ncap;
    return x;
}

static Expr *new_expr(Parser *p, ExprKind k, Pos pos)
{
    Expr *e = alloc(p, sizeof *e);
    if (e) {
        e->kind = k;
        e->pos = pos;
    }
    return e;
}

static Stmt *new_stmt(Parser *p, StmtKind k, Pos pos)
{
    Stmt *s = alloc(p, sizeof *s);
    if (s) {
        s->kind = k;
        s->pos = pos;
    }
    return s;
}

static Expr *new_binop(Parser *p, BinOp op, Expr *l, Expr *r)
{
    Expr *e = new_expr(p, EX_BINOP, l->pos);
    if (e) {
        e->bin.op = op;
        e->bin.l = l;
        e->bin.r = r;
    }
    return e;
}

static Expr *new_unary(Parser *p, UnOp op, Pos pos, Expr *x)
{
    Expr *e = new_expr(p, EX_UNARY, pos);
    if (e) {
        e->un.op = op;
        e->un.x = x;
    }
    return e;
}

static Expr *new_tuple(Parser *p, ExprKind k, Pos pos, PtrVec *v)
{
    Expr *e = new_expr(p, k, pos);
    if (e) {
        e->tuple.xs = (Expr **)v->items;
        e->tuple.n = v->len;
    }
    return e;
}

static Block block_of(PtrVec *v) { return (Block){ (Stmt **)v->items, v->len }; }

/* ---- expressions ---- */

/* Counts one level of expression nesting; false (after an error) past the
 * limit. Every recursive cycle of the expression grammar passes here. */
static bool enter(Parser *p)
{
    if (p->depth >= PARSE_MAX_DEPTH) {
        fail(p, DK_SYNTAX, cur(p)->pos, "expression nested too deeply (limit %d)", PARSE_MAX_DEPTH);
        return false;
    }
    p->depth++;
    return true;
}

static bool starts_expr(TokKind k)
{
    switch (k) {
    case TK_NAME: case TK_INT: case TK_FLOAT: case TK_STRING: case TK_ERROR:
    case TK_TRUE: case TK_FALSE: case TK_NONE: case TK_LPAREN: case TK_LBRACKET:
    case TK_LBRACE: case TK_MINUS: case TK_PLUS: case TK_TILDE: case TK_NOT:
    case TK_LAMBDA: case TK_AWAIT: case TK_YIELD: case TK_STAR: case TK_ELLIPSIS:
        return true;
    default:
        return false;
    }
}

/* item (',' item)* [','] — an EX_TUPLE when there is a comma. */
static Expr *parse_list_of(Parser *p, Expr *(*item)(Parser *))
{
    Pos pos = cur(p)->pos;
    Expr *e = item(p);
    if (!e || kind(p) != TK_COMMA)
        return e;
    PtrVec v = { 0 };
    if (!push(p, &v, e))
        return NULL;
    while (accept(p, TK_COMMA) && starts_expr(kind(p))) {
        Expr *x = item(p);
        if (!x || !push(p, &v, x))
            return NULL;
    }
    return new_tuple(p, EX_TUPLE, pos, &v);
}

/* testlist: test (',' test)* [','] */
static Expr *parse_testlist(Parser *p) { return parse_list_of(p, parse_test); }

/* Could a starred item stand here in Python (after '(', '[', ',', '=',
 * 'return', 'in' or at a statement start)? Elsewhere `*` is a typo. */
static bool starred_ok(Parser *p)
{
    if (p->i == 0)
        return true;
    switch (p->toks[p->i - 1].kind) {
    case TK_LPAREN: case TK_LBRACKET: case TK_COMMA: case TK_ASSIGN: case TK_RETURN: case TK_IN:
    case TK_NEWLINE: case TK_INDENT: case TK_DEDENT: case TK_SEMI:
        return true;
    default:
        return false;
    }
}

/* Constructs kernels do not have, found where an expression should start. */
static void bad_atom(Parser *p)
{
    Token *t = cur(p);
    char buf[64];
    switch (t->kind) {
    case TK_LBRACE:
        fail(p, DK_UNSUPPORTED, t->pos, "dict and set displays ('{...}') are not supported in kernels");
        break;
    case TK_LAMBDA: case TK_YIELD: case TK_AWAIT:
        fail(p, DK_UNSUPPORTED, t->pos, "'%s' is not supported in kernels", lex_kind_str(t->kind));
        break;
    case TK_ELLIPSIS:
        fail(p, DK_UNSUPPORTED, t->pos, "Ellipsis ('...') is not supported in kernels");
        break;
    case TK_STAR: case TK_DSTAR:
        if (starred_ok(p)) {
            fail(p, DK_UNSUPPORTED, t->pos, "starred expressions ('%s') are not supported in kernels",
                 t->kind == TK_STAR ? "*x" : "**x");
            break;
        }
        /* fallthrough */
    default:
        fail_tok(p, t, "expected an expression, found %s", describe(t, buf, sizeof buf));
    }
}

/* STRING+ : adjacent literals concatenate. */
static Expr *parse_strings(Parser *p)
{
    Token *first = cur(p);
    size_t total = 0;
    int i0 = p->i;
    bool mixed = false;
    while (kind(p) == TK_STRING) {
        Token *t = advance(p);
        total += t->str.n;
        mixed |= (t->flags & TF_BYTES) != (first->flags & TF_BYTES);
    }
    if (mixed)
        report(p, DK_SYNTAX, first->pos, "cannot mix bytes and nonbytes literals");
    else if (first->flags & TF_BYTES)
        report(p, DK_UNSUPPORTED, first->pos, "bytes literals are not supported in kernels");
    char *s = alloc(p, total + 1);
    Expr *e = new_expr(p, EX_STR, first->pos);
    if (!s || !e)
        return NULL;
    size_t n = 0;
    for (int i = i0; i < p->i; i++) {
        memcpy(s + n, p->toks[i].str.s, p->toks[i].str.n);
        n += p->toks[i].str.n;
    }
    s[n] = 0;
    e->str = s;
    return e;
}

/* '(' [test (',' test)* [',']] ')'  — grouping or a tuple
 * '[' [test (',' test)* [',']] ']'  — a list display
 * '{' [test (',' test)* [',']] '}'  — a set display (kept as a list) */
static Expr *parse_display(Parser *p, TokKind close, ExprKind k)
{
    Pos pos = advance(p)->pos;
    PtrVec v = { 0 };
    bool comma = false;
    while (kind(p) != close) {
        Expr *x = parse_test(p);
        if (!x || !push(p, &v, x))
            return NULL;
        if (kind(p) == TK_FOR) {
            /* a list comprehension is reported at its '[', as Python's AST places it */
            fail(p, DK_UNSUPPORTED, k == EX_LIST ? pos : cur(p)->pos, "%s are not supported in kernels",
                 k == EX_LIST ? "list comprehensions" : "generator expressions");
            return NULL;
        }
        if (close == TK_RBRACE && kind(p) == TK_COLON) {
            fail(p, DK_UNSUPPORTED, pos, "dict displays ('{k: v}') are not supported in kernels");
            return NULL;
        }
        if (!accept(p, TK_COMMA))
            break;
        comma = true;
    }
    if (!expect(p, close))
        return NULL;
    if (k == EX_TUPLE && v.len == 1 && !comma)
        return v.items[0];
    return new_tuple(p, k, pos, &v);
}

static Expr *parse_int(Parser *p)
{
    Token *t = advance(p);
    if (t->flags & TF_INT_MIN)
        report(p, DK_SYNTAX, t->pos, "integer literal %.*s is too large for int64", t->len, t->start);
    Expr *e = new_expr(p, EX_INT, t->pos);
    if (e)
        e->ival = t->ival;
    return e;
}

/* atom: NAME | INT | FLOAT | STRING+ | 'True' | 'False' | 'None'
 *     | '(' [testlist] ')' | '[' [testlist] ']' */
static Expr *parse_atom(Parser *p)
{
    Token *t = cur(p);
    Expr *e = NULL;
    switch (t->kind) {
    case TK_NAME:
        if ((e = new_expr(p, EX_NAME, advance(p)->pos)))
            e->name = t->str.s;
        return e;
    case TK_INT:
        return parse_int(p);
    case TK_FLOAT:
        if ((e = new_expr(p, EX_FLOAT, advance(p)->pos)))
            e->fval = t->fval;
        return e;
    case TK_TRUE: case TK_FALSE:
        if ((e = new_expr(p, EX_BOOL, advance(p)->pos)))
            e->ival = t->kind == TK_TRUE;
        return e;
    case TK_NONE:
        return new_expr(p, EX_NONE, advance(p)->pos);
    case TK_STRING:
        return parse_strings(p);
    case TK_LPAREN:
        return parse_display(p, TK_RPAREN, EX_TUPLE);
    case TK_LBRACKET:
        return parse_display(p, TK_RBRACKET, EX_LIST);
    case TK_LBRACE:
        /* a set display: only meaningful as fastmath={'nnan', ...}; the
         * type checker rejects it anywhere else, like a list */
        return parse_display(p, TK_RBRACE, EX_LIST);
    default:
        bad_atom(p);
        return NULL;
    }
}

/* arg: NAME '=' test   (one keyword argument; the name must be new) */
static bool parse_keyword(Parser *p, Expr *call, int *cap)
{
    Token *name = advance(p);
    advance(p);
    Expr *v = parse_test(p);
    if (!v)
        return false;
    for (int i = 0; i < call->call.nkw; i++)
        if (!strcmp(call->call.kw[i].name, name->str.s))
            report(p, DK_SYNTAX, name->pos, "keyword argument repeated: %s", name->str.s);
    call->call.kw = grow(p, call->call.kw, call->call.nkw, cap, sizeof(Keyword));
    if (!call->call.kw)
        return false;
    call->call.kw[call->call.nkw++] = (Keyword){ name->str.s, v, name->pos };
    return true;
}

/* arg: test   (positional; not after a keyword argument) */
static bool parse_positional(Parser *p, Expr *call, PtrVec *args)
{
    Pos pos = cur(p)->pos;
    Expr *x = parse_test(p);
    if (!x)
        return false;
    if (kind(p) == TK_FOR) {
        fail(p, DK_UNSUPPORTED, cur(p)->pos, "generator expressions are not supported in kernels");
        return false;
    }
    if (call->call.nkw)
        report(p, DK_SYNTAX, pos, "positional argument follows keyword argument");
    return push(p, args, x);
}

/* call: primary '(' [arg (',' arg)* [',']] ')'
 * arg: test | NAME '=' test          ('*a' and '**k' are rejected) */
static Expr *parse_call(Parser *p, Expr *fn)
{
    Expr *e = new_expr(p, EX_CALL, fn->pos);
    if (!e)
        return NULL;
    e->call.fn = fn;
    advance(p);
    PtrVec args = { 0 };
    int kwcap = 0;
    while (kind(p) != TK_RPAREN) {
        Token *t = cur(p);
        if (args.len + e->call.nkw >= PARSE_MAX_ARGS) {
            fail(p, DK_SYNTAX, t->pos, "too many arguments in call (limit %d)", PARSE_MAX_ARGS);
            return NULL;
        }
        if (t->kind == TK_STAR || t->kind == TK_DSTAR) {
            fail(p, DK_UNSUPPORTED, t->pos, "'%s' argument unpacking is not supported in kernels",
                 lex_kind_str(t->kind));
            return NULL;
        }
        bool ok = t->kind == TK_NAME && peek(p, 1)->kind == TK_ASSIGN
                      ? parse_keyword(p, e, &kwcap)
                      : parse_positional(p, e, &args);
        if (!ok)
            return NULL;
        if (!accept(p, TK_COMMA))
            break;
    }
    if (!expect(p, TK_RPAREN))
        return NULL;
    e->call.args = (Expr **)args.items;
    e->call.nargs = args.len;
    return e;
}

static bool ends_slice_part(TokKind k)
{
    return k == TK_COLON || k == TK_COMMA || k == TK_RBRACKET;
}

/* subscript: test | [test] ':' [test] [':' [test]] */
static Expr *parse_slice_item(Parser *p)
{
    Pos pos = cur(p)->pos;
    Expr *lo = NULL;
    if (kind(p) != TK_COLON) {
        lo = parse_test(p);
        if (!lo || kind(p) != TK_COLON)
            return lo;
    }
    advance(p);
    Expr *s = new_expr(p, EX_SLICE, pos);
    if (!s)
        return NULL;
    s->slice.lo = lo;
    if (!ends_slice_part(kind(p)) && !(s->slice.hi = parse_test(p)))
        return NULL;
    if (accept(p, TK_COLON) && !ends_slice_part(kind(p)) && !(s->slice.step = parse_test(p)))
        return NULL;
    return s;
}

/* primary '[' subscript (',' subscript)* [','] ']'
 * A comma makes the index an EX_TUPLE (a[i, j], a[i,]). */
static Expr *parse_subscript(Parser *p, Expr *obj)
{
    advance(p);
    Pos pos = cur(p)->pos;
    Expr *index = parse_slice_item(p);
    if (!index)
        return NULL;
    if (kind(p) == TK_COMMA) {
        PtrVec v = { 0 };
        if (!push(p, &v, index))
            return NULL;
        while (accept(p, TK_COMMA) && kind(p) != TK_RBRACKET) {
            Expr *x = parse_slice_item(p);
            if (!x || !push(p, &v, x))
                return NULL;
        }
        if (!(index = new_tuple(p, EX_TUPLE, pos, &v)))
            return NULL;
    }
    if (!expect(p, TK_RBRACKET))
        return NULL;
    Expr *e = new_expr(p, EX_SUBSCRIPT, obj->pos);
    if (e) {
        e->sub.obj = obj;
        e->sub.index = index;
    }
    return e;
}

/* primary '.' NAME */
static Expr *parse_attr(Parser *p, Expr *obj)
{
    advance(p);
    Token *name = cur(p);
    if (!expect(p, TK_NAME))
        return NULL;
    Expr *e = new_expr(p, EX_ATTR, obj->pos);
    if (e) {
        e->attr.obj = obj;
        e->attr.name = name->str.s;
    }
    return e;
}

/* primary: atom trailer*
 * trailer: '(' [args] ')' | '[' subscripts ']' | '.' NAME
 * A loop, so a.b.c... and f()()... of any length cost no stack. */
static Expr *parse_primary(Parser *p)
{
    Expr *e = parse_atom(p);
    while (e) {
        switch (kind(p)) {
        case TK_LPAREN: e = parse_call(p, e); break;
        case TK_LBRACKET: e = parse_subscript(p, e); break;
        case TK_DOT: e = parse_attr(p, e); break;
        default: return e;
        }
    }
    return NULL;
}

static Expr *parse_factor(Parser *p);

/* power: primary ['**' factor]   (right-associative: 2**3**2 = 2**9, and
 * -2**2 = -(2**2) because the minus is parsed by factor, above) */
static Expr *parse_power(Parser *p)
{
    Expr *base = parse_primary(p);
    if (!base || kind(p) != TK_DSTAR)
        return base;
    advance(p);
    if (!enter(p))
        return NULL;
    Expr *exp = parse_factor(p);
    p->depth--;
    return exp ? new_binop(p, OP_POW, base, exp) : NULL;
}

/* -9223372036854775808 is the one literal outside int64 that Python code
 * uses for int64's minimum; the lexer flags it and it is folded here when it
 * is the whole operand of the minus (not -2**63 style expressions). */
static bool at_int_min(Parser *p)
{
    Token *t = peek(p, 1);
    TokKind after = peek(p, 2)->kind;
    return t->kind == TK_INT && (t->flags & TF_INT_MIN) && after != TK_DSTAR &&
           after != TK_LPAREN && after != TK_LBRACKET && after != TK_DOT;
}

/* factor: ('+'|'-'|'~') factor | power */
static Expr *parse_factor(Parser *p)
{
    TokKind k = kind(p);
    if (k != TK_PLUS && k != TK_MINUS && k != TK_TILDE)
        return parse_power(p);
    Pos pos = cur(p)->pos;
    if (k == TK_MINUS && at_int_min(p)) {
        advance(p);
        advance(p);
        Expr *e = new_expr(p, EX_INT, pos);
        if (e)
            e->ival = INT64_MIN;
        return e;
    }
    advance(p);
    if (!enter(p))
        return NULL;
    Expr *x = parse_factor(p);
    p->depth--;
    UnOp op = k == TK_MINUS ? UOP_NEG : k == TK_PLUS ? UOP_POS : UOP_INVERT;
    return x ? new_unary(p, op, pos, x) : NULL;
}

/* Binary operator levels, loosest first (Python's grammar):
 *   1 |    2 ^    3 &    4 << >>    5 + -    6 * / // % @ */
static int binop_level(TokKind k, BinOp *op)
{
    switch (k) {
    case TK_PIPE: *op = OP_BITOR; return 1;
    case TK_CARET: *op = OP_BITXOR; return 2;
    case TK_AMP: *op = OP_BITAND; return 3;
    case TK_LSHIFT: *op = OP_LSHIFT; return 4;
    case TK_RSHIFT: *op = OP_RSHIFT; return 4;
    case TK_PLUS: *op = OP_ADD; return 5;
    case TK_MINUS: *op = OP_SUB; return 5;
    case TK_STAR: *op = OP_MUL; return 6;
    case TK_SLASH: *op = OP_DIV; return 6;
    case TK_DSLASH: *op = OP_FLOORDIV; return 6;
    case TK_PERCENT: *op = OP_MOD; return 6;
    case TK_AT: *op = OP_MATMUL; return 6;
    default: return 0;
    }
}

/* expr: xor_expr ('|' xor_expr)*  ...  term: factor (('*'|'/'|...) factor)*
 * By precedence climbing: each level is a loop, so a+a+...+a builds a
 * left-nested tree without recursion; recursion only climbs the six levels. */
static Expr *parse_binary(Parser *p, int min_level)
{
    Expr *l = parse_factor(p);
    BinOp op;
    int level;
    while (l && (level = binop_level(kind(p), &op)) >= min_level && level > 0) {
        advance(p);
        Expr *r = parse_binary(p, level + 1);
        if (!r)
            return NULL;
        l = new_binop(p, op, l, r);
    }
    return l;
}

/* comp_op: '<'|'>'|'=='|'>='|'<='|'!='|'in'|'not' 'in'|'is'|'is' 'not'
 * Consumes the operator if there is one. */
static bool parse_comp_op(Parser *p, CmpOp *op)
{
    switch (kind(p)) {
    case TK_LT: *op = CMP_LT; break;
    case TK_GT: *op = CMP_GT; break;
    case TK_EQEQ: *op = CMP_EQ; break;
    case TK_GE: *op = CMP_GE; break;
    case TK_LE: *op = CMP_LE; break;
    case TK_NE: *op = CMP_NE; break;
    case TK_IN: *op = CMP_IN; break;
    case TK_IS:
        advance(p);
        *op = accept(p, TK_NOT) ? CMP_ISNOT : CMP_IS;
        return true;
    case TK_NOT:
        if (peek(p, 1)->kind != TK_IN)
            return false;
        advance(p);
        *op = CMP_NOTIN;
        break;
    default:
        return false;
    }
    advance(p);
    return true;
}

/* comparison: expr (comp_op expr)*   — a < b <= c is one EX_COMPARE */
static Expr *parse_comparison(Parser *p)
{
    Expr *first = parse_binary(p, 1);
    CmpOp op;
    if (!first || !parse_comp_op(p, &op))
        return first;
    PtrVec xs = { 0 };
    CmpOp *ops = NULL;
    int nops = 0, cap = 0;
    if (!push(p, &xs, first))
        return NULL;
    do {
        if (!(ops = grow(p, ops, nops, &cap, sizeof *ops)))
            return NULL;
        ops[nops++] = op;
        Expr *x = parse_binary(p, 1);
        if (!x || !push(p, &xs, x))
            return NULL;
    } while (parse_comp_op(p, &op));
    Expr *e = new_expr(p, EX_COMPARE, first->pos);
    if (e) {
        e->cmp.n = xs.len;
        e->cmp.xs = (Expr **)xs.items;
        e->cmp.ops = ops;
    }
    return e;
}

/* not_test: 'not' not_test | comparison */
static Expr *parse_not(Parser *p)
{
    if (kind(p) != TK_NOT)
        return parse_comparison(p);
    Pos pos = advance(p)->pos;
    if (!enter(p))
        return NULL;
    Expr *x = parse_not(p);
    p->depth--;
    return x ? new_unary(p, UOP_NOT, pos, x) : NULL;
}

/* or_test: and_test ('or' and_test)*     and_test: not_test ('and' not_test)*
 * Chains nest to the left, in a loop. */
static Expr *parse_boolop(Parser *p, bool is_and)
{
    TokKind k = is_and ? TK_AND : TK_OR;
    Expr *l = is_and ? parse_not(p) : parse_boolop(p, true);
    while (l && kind(p) == k) {
        advance(p);
        Expr *r = is_and ? parse_not(p) : parse_boolop(p, true);
        if (!r)
            return NULL;
        Expr *e = new_expr(p, EX_BOOLOP, l->pos);
        if (!e)
            return NULL;
        e->boolop.is_and = is_and;
        e->boolop.l = l;
        e->boolop.r = r;
        l = e;
    }
    return l;
}

/* test: or_test ['if' or_test 'else' test]   (lambda is rejected in atom) */
static Expr *parse_ifexp(Parser *p)
{
    Expr *body = parse_boolop(p, false);
    if (!body || kind(p) != TK_IF)
        return body;
    advance(p);
    Expr *cond = parse_boolop(p, false);
    if (!cond || !expect(p, TK_ELSE))
        return NULL;
    Expr *orelse = parse_test(p);
    Expr *e = orelse ? new_expr(p, EX_IFEXP, body->pos) : NULL;
    if (e) {
        e->ifexp.cond = cond;
        e->ifexp.body = body;
        e->ifexp.orelse = orelse;
    }
    return e;
}

static Expr *parse_test(Parser *p)
{
    if (!enter(p))
        return NULL;
    Expr *e = parse_ifexp(p);
    p->depth--;
    return e;
}

/* The bitwise-or level, for loop targets (where 'in' must not be read as a
 * comparison). */
static Expr *parse_target_item(Parser *p) { return parse_binary(p, 1); }

/* ---- statements ---- */

static const char *expr_desc(const Expr *e)
{
    switch (e->kind) {
    case EX_INT: case EX_FLOAT: case EX_STR: return "literal";
    case EX_BOOL: return e->ival ? "True" : "False";
    case EX_NONE: return "None";
    case EX_CALL: return "function call";
    case EX_COMPARE: return "comparison";
    case EX_IFEXP: return "conditional expression";
    case EX_SLICE: return "slice";
    default: return "expression";
    }
}

/* Assignment targets: a name, a subscript, or a tuple of targets (a list of
 * targets becomes a tuple, as Python treats them alike). */
static void check_target(Parser *p, Expr *e)
{
    switch (e->kind) {
    case EX_NAME: case EX_SUBSCRIPT:
        return;
    case EX_LIST:
        e->kind = EX_TUPLE;
        /* fallthrough */
    case EX_TUPLE:
        for (int i = 0; i < e->tuple.n; i++)
            check_target(p, e->tuple.xs[i]);
        return;
    case EX_ATTR:
        report(p, DK_UNSUPPORTED, e->pos, "assignment to an attribute ('.%s') is not supported in kernels",
               e->attr.name);
        return;
    default:
        report(p, DK_SYNTAX, e->pos, "cannot assign to %s", expr_desc(e));
    }
}

static bool augassign_op(TokKind k, BinOp *op)
{
    switch (k) {
    case TK_PLUSEQ: *op = OP_ADD; return true;
    case TK_MINUSEQ: *op = OP_SUB; return true;
    case TK_STAREQ: *op = OP_MUL; return true;
    case TK_SLASHEQ: *op = OP_DIV; return true;
    case TK_DSLASHEQ: *op = OP_FLOORDIV; return true;
    case TK_PERCENTEQ: *op = OP_MOD; return true;
    case TK_DSTAREQ: *op = OP_POW; return true;
    case TK_AMPEQ: *op = OP_BITAND; return true;
    case TK_PIPEEQ: *op = OP_BITOR; return true;
    case TK_CARETEQ: *op = OP_BITXOR; return true;
    case TK_LSHIFTEQ: *op = OP_LSHIFT; return true;
    case TK_RSHIFTEQ: *op = OP_RSHIFT; return true;
    case TK_ATEQ: *op = OP_MATMUL; return true;
    default: return false;
    }
}

/* targets ('=' testlist)+ : a = b = v has targets {a, b} */
static Stmt *parse_assign(Parser *p, Pos pos, Expr *first)
{
    PtrVec v = { 0 };
    if (!push(p, &v, first))
        return NULL;
    while (accept(p, TK_ASSIGN)) {
        Expr *x = parse_testlist(p);
        if (!x || !push(p, &v, x))
            return NULL;
    }
    for (int i = 0; i < v.len - 1; i++)
        check_target(p, v.items[i]);
    Stmt *s = new_stmt(p, ST_ASSIGN, pos);
    if (s) {
        s->assign.targets = (Expr **)v.items;
        s->assign.ntargets = v.len - 1;
        s->assign.value = v.items[v.len - 1];
    }
    return s;
}

/* target augassign testlist */
static Stmt *parse_augassign(Parser *p, Pos pos, Expr *target, BinOp op)
{
    advance(p);
    if (target->kind == EX_TUPLE || target->kind == EX_LIST)
        report(p, DK_SYNTAX, target->pos, "'%s' is an illegal expression for augmented assignment",
               target->kind == EX_TUPLE ? "tuple" : "list");
    else
        check_target(p, target);
    Expr *value = parse_testlist(p);
    Stmt *s = value ? new_stmt(p, ST_AUGASSIGN, pos) : NULL;
    if (s) {
        s->aug.target = target;
        s->aug.op = op;
        s->aug.value = value;
    }
    return s;
}

/* target ':' test ['=' testlist]. Kernels are typed by inference, so the
 * annotation is dropped; `x: T` alone declares nothing and becomes pass. */
static Stmt *parse_annassign(Parser *p, Pos pos, Expr *target)
{
    advance(p);
    if (target->kind == EX_TUPLE)
        report(p, DK_SYNTAX, target->pos, "only single target (not tuple) can be annotated");
    else
        check_target(p, target);
    if (!parse_test(p))
        return NULL;
    if (!accept(p, TK_ASSIGN))
        return new_stmt(p, ST_PASS, pos);
    Expr *value = parse_testlist(p);
    Expr **targets = value ? alloc(p, sizeof *targets) : NULL;
    Stmt *s = targets ? new_stmt(p, ST_ASSIGN, pos) : NULL;
    if (s) {
        targets[0] = target;
        s->assign.targets = targets;
        s->assign.ntargets = 1;
        s->assign.value = value;
    }
    return s;
}

/* expr_stmt: testlist (('=' testlist)+ | augassign testlist
 *                     | ':' test ['=' testlist])? */
static Stmt *parse_expr_stmt(Parser *p)
{
    Pos pos = cur(p)->pos;
    Expr *e = parse_testlist(p);
    if (!e)
        return NULL;
    BinOp op;
    if (kind(p) == TK_ASSIGN)
        return parse_assign(p, pos, e);
    if (augassign_op(kind(p), &op))
        return parse_augassign(p, pos, e, op);
    if (kind(p) == TK_COLON)
        return parse_annassign(p, pos, e);
    Stmt *s = new_stmt(p, ST_EXPR, pos);
    if (s)
        s->expr.e = e;
    return s;
}

static bool ends_simple_stmt(TokKind k)
{
    return k == TK_NEWLINE || k == TK_SEMI || k == TK_EOF;
}

/* 'break' | 'continue' */
static Stmt *parse_loop_jump(Parser *p)
{
    Token *t = advance(p);
    if (!p->loops)
        report(p, DK_SYNTAX, t->pos, "'%s' outside loop", lex_kind_str(t->kind));
    return new_stmt(p, t->kind == TK_BREAK ? ST_BREAK : ST_CONTINUE, t->pos);
}

/* return_stmt: 'return' [testlist]   (return a, b returns a tuple) */
static Stmt *parse_return(Parser *p)
{
    Token *t = advance(p);
    if (!p->in_func)
        report(p, DK_SYNTAX, t->pos, "'return' outside function");
    Expr *v = NULL;
    if (!ends_simple_stmt(kind(p)) && !(v = parse_testlist(p)))
        return NULL;
    Stmt *s = new_stmt(p, ST_RETURN, t->pos);
    if (s)
        s->ret.value = v;
    return s;
}

/* raise_stmt: 'raise' [test]   ('raise X from Y' is rejected) */
static Stmt *parse_raise(Parser *p)
{
    Token *t = advance(p);
    Expr *v = NULL;
    if (!ends_simple_stmt(kind(p)) && !(v = parse_test(p)))
        return NULL;
    if (kind(p) == TK_FROM) {
        fail(p, DK_UNSUPPORTED, cur(p)->pos, "'raise ... from ...' is not supported in kernels");
        return NULL;
    }
    Stmt *s = new_stmt(p, ST_RAISE, t->pos);
    if (s)
        s->raise_.exc = v;
    return s;
}

/* assert_stmt: 'assert' test [',' test] */
static Stmt *parse_assert(Parser *p)
{
    Token *t = advance(p);
    Expr *cond = parse_test(p), *msg = NULL;
    if (!cond || (accept(p, TK_COMMA) && !(msg = parse_test(p))))
        return NULL;
    Stmt *s = new_stmt(p, ST_ASSERT, t->pos);
    if (s) {
        s->assert_.cond = cond;
        s->assert_.msg = msg;
    }
    return s;
}

/* simple_stmt: expr_stmt | 'pass' | 'break' | 'continue' | return_stmt
 *            | raise_stmt | assert_stmt
 * (global, nonlocal, del, import, yield and friends are rejected) */
static Stmt *parse_simple_stmt(Parser *p)
{
    Token *t = cur(p);
    const char *name = lex_kind_str(t->kind);
    switch (t->kind) {
    case TK_PASS:
        return new_stmt(p, ST_PASS, advance(p)->pos);
    case TK_BREAK: case TK_CONTINUE:
        return parse_loop_jump(p);
    case TK_RETURN:
        return parse_return(p);
    case TK_RAISE:
        return parse_raise(p);
    case TK_ASSERT:
        return parse_assert(p);
    case TK_GLOBAL: case TK_NONLOCAL: case TK_DEL: case TK_YIELD:
        fail(p, DK_UNSUPPORTED, t->pos, "'%s' is not supported in kernels", name);
        return NULL;
    case TK_IMPORT: case TK_FROM:
        if (p->in_func)
            fail(p, DK_UNSUPPORTED, t->pos, "'%s' inside a function is not supported in kernels", name);
        else
            fail(p, DK_SYNTAX, t->pos, "invalid syntax: '%s' must start its own line", name);
        return NULL;
    case TK_IF: case TK_WHILE: case TK_FOR: case TK_DEF: case TK_CLASS: case TK_TRY:
    case TK_WITH: case TK_ASYNC:
        fail(p, DK_SYNTAX, t->pos, "invalid syntax: a '%s' statement must start its own line", name);
        return NULL;
    case TK_ELIF: case TK_ELSE: case TK_EXCEPT: case TK_FINALLY: case TK_IN: case TK_AS:
    case TK_AND: case TK_OR: case TK_IS:
        fail(p, DK_SYNTAX, t->pos, "invalid syntax: unexpected '%s'", name);
        return NULL;
    default:
        return parse_expr_stmt(p);
    }
}

/* simple_stmts: simple_stmt (';' simple_stmt)* [';'] NEWLINE */
static void parse_simple_stmts(Parser *p, PtrVec *out)
{
    do {
        Stmt *s = parse_simple_stmt(p);
        if (!s || !push(p, out, s))
            return;
    } while (accept(p, TK_SEMI) && !ends_simple_stmt(kind(p)));
    expect_newline(p);
}

static bool block_of_one(Parser *p, Block *b, Stmt *s)
{
    if (!(b->stmts = alloc(p, sizeof *b->stmts)))
        return false;
    b->stmts[0] = s;
    b->n = 1;
    return true;
}

/* if_stmt: 'if' test ':' suite ('elif' test ':' suite)* ['else' ':' suite]
 * An elif is an ST_IF alone in the orelse of the previous one; the chain is
 * built in a loop. Dropped (NULL) if any header failed. */
static Stmt *parse_if(Parser *p)
{
    Stmt *top = NULL;
    Block *slot = NULL;
    bool ok = true;
    do {
        Pos pos = advance(p)->pos;
        Expr *cond = parse_test(p);
        ok &= cond && expect(p, TK_COLON);
        Stmt *s = new_stmt(p, ST_IF, pos);
        Block then = parse_suite(p);
        if (!s)
            return NULL;
        s->if_.cond = cond;
        s->if_.then = then;
        if (!top)
            top = s;
        else if (!block_of_one(p, slot, s))
            return NULL;
        slot = &s->if_.orelse;
    } while (kind(p) == TK_ELIF);
    if (accept(p, TK_ELSE)) {
        ok &= expect(p, TK_COLON);
        *slot = parse_suite(p);
    }
    return ok ? top : NULL;
}

/* ['else' ':' suite] after a loop: runs when the loop ends without break. */
static Block parse_loop_else(Parser *p)
{
    Block b = { 0 };
    if (!accept(p, TK_ELSE))
        return b;
    if (expect(p, TK_COLON))
        b = parse_suite(p);
    return b;
}

static Block parse_loop_body(Parser *p)
{
    p->loops++;
    Block b = parse_suite(p);
    p->loops--;
    return b;
}

/* while_stmt: 'while' test ':' suite ['else' ':' suite] */
static Stmt *parse_while(Parser *p)
{
    Pos pos = advance(p)->pos;
    Expr *cond = parse_test(p);
    bool ok = cond && expect(p, TK_COLON);
    Block body = parse_loop_body(p);
    Block orelse = parse_loop_else(p);
    Stmt *s = ok ? new_stmt(p, ST_WHILE, pos) : NULL;
    if (s) {
        s->while_.cond = cond;
        s->while_.body = body;
        s->while_.orelse = orelse;
    }
    return s;
}

/* for_stmt: 'for' exprlist 'in' testlist ':' suite ['else' ':' suite]
 * exprlist: expr (',' expr)* [','] */
static Stmt *parse_for(Parser *p)
{
    Pos pos = advance(p)->pos;
    Expr *target = parse_list_of(p, parse_target_item);
    bool ok = target && expect(p, TK_IN);
    Expr *iter = ok ? parse_testlist(p) : NULL;
    ok = iter && expect(p, TK_COLON);
    if (ok)
        check_target(p, target);
    Block body = parse_loop_body(p);
    Block orelse = parse_loop_else(p);
    Stmt *s = ok ? new_stmt(p, ST_FOR, pos) : NULL;
    if (s) {
        s->for_.target = target;
        s->for_.iter = iter;
        s->for_.body = body;
        s->for_.orelse = orelse;
    }
    return s;
}

static Block parse_block_body(Parser *p);

/* An indented block where none may start: reported, parsed for further
 * errors, dropped. */
static void unexpected_indent(Parser *p)
{
    report(p, DK_SYNTAX, cur(p)->pos, "unexpected indent");
    advance(p);
    (void)parse_block_body(p);
}

/* stmt* DEDENT   (after the INDENT) */
static Block parse_block_body(Parser *p)
{
    PtrVec v = { 0 };
    while (kind(p) != TK_DEDENT && kind(p) != TK_EOF) {
        int before = p->i;
        if (kind(p) == TK_INDENT)
            unexpected_indent(p);
        else if (kind(p) == TK_NEWLINE)
            advance(p);
        else
            parse_stmt_into(p, &v);
        if (p->panic)
            sync(p);
        if (p->i == before)
            advance(p);
    }
    accept(p, TK_DEDENT);
    return block_of(&v);
}

/* suite: simple_stmts | NEWLINE INDENT stmt+ DEDENT
 * Follows a compound statement's ':'. When the header failed (panic) the
 * rest of its line and its block are skipped instead. Returns at a
 * statement boundary with panic cleared. */
static Block parse_suite(Parser *p)
{
    Block empty = { NULL, 0 };
    if (p->panic) {
        sync(p);
        return empty;
    }
    if (kind(p) != TK_NEWLINE) {
        PtrVec v = { 0 };
        parse_simple_stmts(p, &v);
        if (p->panic)
            sync(p);
        return block_of(&v);
    }
    advance(p);
    if (kind(p) != TK_INDENT) {
        char buf[64];
        fail_tok(p, cur(p), "expected an indented block, found %s", describe(cur(p), buf, sizeof buf));
        p->panic = false;
        return empty;
    }
    advance(p);
    return parse_block_body(p);
}

/* class/try/with/async: reported, then skipped with their blocks (and a
 * try's except/else/finally clauses). */
static void skip_unsupported_compound(Parser *p)
{
    Token *t = cur(p);
    report(p, DK_UNSUPPORTED, t->pos, "'%s' is not supported in kernels", lex_kind_str(t->kind));
    skip_stmt(p, REPORT_HARD);
    while (t->kind == TK_TRY &&
           (kind(p) == TK_EXCEPT || kind(p) == TK_ELSE || kind(p) == TK_FINALLY))
        skip_stmt(p, REPORT_HARD);
}

/* A def (decorated or not) inside a function: rejected and skipped. */
static void skip_nested_def(Parser *p)
{
    report(p, DK_UNSUPPORTED, cur(p)->pos, "nested 'def' is not supported in kernels");
    while (kind(p) == TK_AT)
        skip_stmt(p, REPORT_HARD);
    if (kind(p) == TK_DEF)
        skip_stmt(p, REPORT_HARD);
}

/* stmt: if_stmt | while_stmt | for_stmt | simple_stmts
 * Appends what one statement line (or compound statement) yields. */
static void parse_stmt_into(Parser *p, PtrVec *out)
{
    Stmt *s;
    switch (kind(p)) {
    case TK_IF: s = parse_if(p); break;
    case TK_WHILE: s = parse_while(p); break;
    case TK_FOR: s = parse_for(p); break;
    case TK_DEF: case TK_AT:
        skip_nested_def(p);
        return;
    case TK_CLASS: case TK_TRY: case TK_WITH: case TK_ASYNC:
        skip_unsupported_compound(p);
        return;
    default:
        parse_simple_stmts(p, out);
        return;
    }
    if (s)
        push(p, out, s);
}

/* ---- functions ---- */

static bool param_error(Parser *p, Token *t)
{
    Token *n = peek(p, 1);
    if (t->kind == TK_STAR && n->kind == TK_NAME)
        fail(p, DK_UNSUPPORTED, t->pos, "'*%s' parameters are not supported in kernels", n->str.s);
    else if (t->kind == TK_STAR)
        fail(p, DK_UNSUPPORTED, t->pos, "keyword-only parameters ('*') are not supported in kernels");
    else if (t->kind == TK_DSTAR)
        fail(p, DK_UNSUPPORTED, t->pos, "'**%s' parameters are not supported in kernels",
             n->kind == TK_NAME ? n->str.s : "kwargs");
    else
        fail(p, DK_UNSUPPORTED, t->pos, "positional-only parameters ('/') are not supported in kernels");
    return false;
}

/* param: NAME [':' test] ['=' test] */
static bool parse_param(Parser *p, Param *out, bool *seen_default)
{
    Token *t = cur(p);
    if (t->kind == TK_STAR || t->kind == TK_DSTAR || t->kind == TK_SLASH)
        return param_error(p, t);
    if (!expect(p, TK_NAME))
        return false;
    *out = (Param){ .name = t->str.s, .pos = t->pos };
    if (accept(p, TK_COLON) && !(out->annot = parse_test(p)))
        return false;
    if (accept(p, TK_ASSIGN)) {
        if (!(out->deflt = parse_test(p)))
            return false;
        *seen_default = true;
    } else if (*seen_default) {
        report(p, DK_SYNTAX, t->pos, "parameter without a default follows parameter with a default");
    }
    return true;
}

/* params: param (',' param)* [','] */
static bool parse_params(Parser *p, FuncDef *f)
{
    int cap = 0;
    bool seen_default = false;
    while (kind(p) != TK_RPAREN) {
        if (f->nparams >= PARSE_MAX_ARGS) {
            fail(p, DK_SYNTAX, cur(p)->pos, "too many parameters (limit %d)", PARSE_MAX_ARGS);
            return false;
        }
        Param prm;
        if (!parse_param(p, &prm, &seen_default))
            return false;
        for (int i = 0; i < f->nparams; i++)
            if (!strcmp(f->params[i].name, prm.name))
                report(p, DK_SYNTAX, prm.pos, "duplicate argument '%s' in function definition", prm.name);
        if (!(f->params = grow(p, f->params, f->nparams, &cap, sizeof prm)))
            return false;
        f->params[f->nparams++] = prm;
        if (!accept(p, TK_COMMA))
            break;
    }
    return true;
}

/* decorators: ('@' test NEWLINE)+ */
static bool parse_decorators(Parser *p, FuncDef *f)
{
    PtrVec v = { 0 };
    while (accept(p, TK_AT)) {
        Expr *e = parse_test(p);
        if (!e || !expect_newline(p) || !push(p, &v, e))
            return false;
    }
    f->decorators = (Expr **)v.items;
    f->ndecorators = v.len;
    return true;
}

/* funcdef: [decorators] 'def' NAME '(' [params] ')' ['->' test] ':' suite
 * Dropped (NULL) when the header fails; its body is then skipped. */
static FuncDef *parse_funcdef(Parser *p)
{
    const char *start = cur(p)->start;
    FuncDef *f = alloc(p, sizeof *f);
    if (!f || !parse_decorators(p, f))
        return NULL;
    if (kind(p) != TK_DEF) {
        char buf[64];
        fail_tok(p, cur(p), "expected 'def' after decorator, found %s", describe(cur(p), buf, sizeof buf));
        return NULL;
    }
    f->pos = advance(p)->pos;
    Token *name = cur(p);
    bool ok = expect(p, TK_NAME) && expect(p, TK_LPAREN) && parse_params(p, f) &&
              expect(p, TK_RPAREN);
    if (ok && accept(p, TK_ARROW))
        ok = (f->ret_annot = parse_test(p)) != NULL;
    ok = ok && expect(p, TK_COLON);
    bool in_func = p->in_func;
    int loops = p->loops;
    p->in_func = true;
    p->loops = 0;
    f->body = parse_suite(p);
    p->in_func = in_func;
    p->loops = loops;
    if (!ok)
        return NULL;
    f->name = name->str.s;
    f->src_start = start;
    f->src_len = (int)(p->last_end - start);
    return f;
}

/* ---- module level ---- */

typedef struct ModuleBuilder {
    PtrVec imports, globals, funcs;    /* Import*, Global*, FuncDef* */
} ModuleBuilder;

/* dotted_name: NAME ('.' NAME)* ; returns "a.b.c" */
static char *parse_dotted_name(Parser *p)
{
    int i0 = p->i;
    size_t len = 0;
    do {
        Token *t = cur(p);
        if (!expect(p, TK_NAME))
            return NULL;
        len += t->str.n + 1;
    } while (accept(p, TK_DOT));
    char *s = alloc(p, len);
    if (!s)
        return NULL;
    size_t n = 0;
    for (int i = i0; i < p->i; i++) {
        Token *t = &p->toks[i];
        if (t->kind == TK_DOT) {
            s[n++] = '.';
        } else {
            memcpy(s + n, t->str.s, t->str.n);
            n += t->str.n;
        }
    }
    s[n] = 0;
    return s;
}

/* `from __future__ import ...` changes nothing a kernel can observe. */
static bool is_future(const char *module) { return !strcmp(module, "__future__"); }

/* Any module may be imported: the host-Python parts of a script (the main
 * guard's block) use sys, time and the like. Kernels may only use numba,
 * numpy and math, which inference checks where a name is used. */
static void add_import(Parser *p, ModuleBuilder *mb, Pos pos, const char *alias,
                       const char *module, const char *member)
{
    if (is_future(module))
        return;
    Import *im = alloc(p, sizeof *im);
    if (!im)
        return;
    *im = (Import){ alias, module, member, pos };
    push(p, &mb->imports, im);
}

/* import_stmt: 'import' dotted_name ['as' NAME] (',' dotted_name ['as' NAME])*
 * `import a.b` binds a (module "a"); `import a.b as c` binds c to "a.b". */
static void parse_import(Parser *p, ModuleBuilder *mb)
{
    Pos pos = advance(p)->pos;
    do {
        char *module = parse_dotted_name(p);
        if (!module)
            return;
        const char *alias = module;
        if (accept(p, TK_AS)) {
            Token *t = cur(p);
            if (!expect(p, TK_NAME))
                return;
            alias = t->str.s;
        } else {
            module[strcspn(module, ".")] = 0;
        }
        add_import(p, mb, pos, alias, module, NULL);
    } while (accept(p, TK_COMMA));
    expect_newline(p);
}

/* import_as_name: NAME ['as' NAME] */
static bool parse_import_as_name(Parser *p, ModuleBuilder *mb, Pos pos, const char *module)
{
    Token *t = cur(p);
    if (!expect(p, TK_NAME))
        return false;
    const char *alias = t->str.s;
    if (accept(p, TK_AS)) {
        Token *a = cur(p);
        if (!expect(p, TK_NAME))
            return false;
        alias = a->str.s;
    }
    add_import(p, mb, pos, alias, module, t->str.s);
    return true;
}

/* from_stmt: 'from' dotted_name 'import'
 *            ('(' import_as_name (',' import_as_name)* [','] ')'
 *            | import_as_name (',' import_as_name)*)
 * (relative and '*' imports are rejected) */
static void parse_from_import(Parser *p, ModuleBuilder *mb)
{
    Pos pos = advance(p)->pos;
    if (kind(p) == TK_DOT || kind(p) == TK_ELLIPSIS) {
        fail(p, DK_UNSUPPORTED, pos, "relative imports are not supported in kernel scripts");
        return;
    }
    char *module = parse_dotted_name(p);
    if (!module || !expect(p, TK_IMPORT))
        return;
    if (kind(p) == TK_STAR) {
        fail(p, DK_UNSUPPORTED, cur(p)->pos, "'from %s import *' is not supported: import the names "
             "you use", module);
        return;
    }
    bool paren = accept(p, TK_LPAREN);
    do {
        if (paren && kind(p) == TK_RPAREN)
            break;
        if (!parse_import_as_name(p, mb, pos, module))
            return;
    } while (accept(p, TK_COMMA));
    if (!paren || expect(p, TK_RPAREN))
        expect_newline(p);
}

static bool is_name_tok(const Token *t, const char *s)
{
    return t->kind == TK_NAME && !strcmp(t->str.s, s);
}

static bool is_str_tok(const Token *t, const char *s)
{
    return t->kind == TK_STRING && !(t->flags & TF_BYTES) && !strcmp(t->str.s, s);
}

/* 'if' '__name__' '==' '"__main__"' ':'   (either operand order) */
static bool at_main_guard(Parser *p)
{
    Token *a = peek(p, 1), *b = peek(p, 3);
    return kind(p) == TK_IF && peek(p, 2)->kind == TK_EQEQ && peek(p, 4)->kind == TK_COLON &&
           ((is_name_tok(a, "__name__") && is_str_tok(b, "__main__")) ||
            (is_str_tok(a, "__main__") && is_name_tok(b, "__name__")));
}

/* The main guard's block is host Python: skipped unparsed, with its elif
 * and else clauses. Only errors that make the file not text count there. */
static void skip_main_guard(Parser *p)
{
    do
        skip_stmt(p, REPORT_HARD);
    while (kind(p) == TK_ELIF || kind(p) == TK_ELSE);
}

static const char *stmt_desc(const Stmt *s)
{
    switch (s->kind) {
    case ST_EXPR: return "an expression statement";
    case ST_ASSIGN: return "an assignment";
    case ST_AUGASSIGN: return "an augmented assignment";
    case ST_IF: return "an 'if' statement";
    case ST_WHILE: return "a 'while' loop";
    case ST_FOR: return "a 'for' loop";
    case ST_RAISE: return "'raise'";
    case ST_ASSERT: return "'assert'";
    default: return "this statement";
    }
}

static void add_global(Parser *p, ModuleBuilder *mb, Expr *target, Expr *value)
{
    Global *g = alloc(p, sizeof *g);
    if (!g)
        return;
    *g = (Global){ target->name, value, target->pos };
    push(p, &mb->globals, g);
}

/* Module-level NAME = value (also a = b = v, NAME: T = v) defines
 * constants; docstrings and pass are ignored; everything else is host code
 * that belongs under the main guard. */
static void add_toplevel_stmt(Parser *p, ModuleBuilder *mb, Stmt *s)
{
    bool names = true;
    switch (s->kind) {
    case ST_PASS: case ST_RETURN: case ST_BREAK: case ST_CONTINUE:
        return;    /* nothing, or already a syntax error */
    case ST_EXPR:
        if (s->expr.e->kind == EX_STR)
            return;
        break;
    case ST_ASSIGN:
        for (int i = 0; i < s->assign.ntargets; i++)
            names &= s->assign.targets[i]->kind == EX_NAME;
        if (!names) {
            report(p, DK_UNSUPPORTED, s->pos,
                   "only NAME = value assignments are supported at module level");
            return;
        }
        for (int i = 0; i < s->assign.ntargets; i++)
            add_global(p, mb, s->assign.targets[i], s->assign.value);
        return;
    default:
        break;
    }
    report(p, DK_UNSUPPORTED, s->pos, "%s at module level is not supported: kernel scripts hold "
           "imports, constants and functions (put script code under "
           "`if __name__ == \"__main__\":`)", stmt_desc(s));
}

/* module: (import_stmt | from_stmt | funcdef | main_guard | stmt)* EOF */
static void parse_toplevel(Parser *p, ModuleBuilder *mb)
{
    switch (kind(p)) {
    case TK_NEWLINE: case TK_DEDENT:
        advance(p);
        return;
    case TK_INDENT:
        unexpected_indent(p);
        return;
    case TK_IMPORT:
        parse_import(p, mb);
        return;
    case TK_FROM:
        parse_from_import(p, mb);
        return;
    case TK_AT: case TK_DEF: {
        FuncDef *f = parse_funcdef(p);
        if (f)
            push(p, &mb->funcs, f);
        return;
    }
    default:
        break;
    }
    if (at_main_guard(p)) {
        skip_main_guard(p);
        return;
    }
    PtrVec v = { 0 };
    parse_stmt_into(p, &v);
    for (int i = 0; i < v.len; i++)
        add_toplevel_stmt(p, mb, v.items[i]);
}

/* Copies a vector of pointers to structs into a contiguous array. */
static void *flatten(Parser *p, PtrVec *v, size_t elem, int *n)
{
    *n = v->len;
    char *out = v->len ? arena_array(p->a, (size_t)v->len, elem) : NULL;
    if (v->len && !out) {
        p->oom = true;
        return NULL;
    }
    for (int i = 0; i < v->len; i++)
        memcpy(out + (size_t)i * elem, v->items[i], elem);
    return out;
}

Module *parse_module(Arena *a, Diags *d, const char *file, const char *src, size_t len)
{
    Token *toks;
    int n = lex_tokenize(a, src, len, &toks);
    if (n < 0)
        return NULL;
    Parser P = { .a = a, .d = d, .toks = toks, .ntok = n, .lex_reported = -1 };
    Parser *p = &P;
    ModuleBuilder mb = { { 0 }, { 0 }, { 0 } };
    while (kind(p) != TK_EOF) {
        int before = p->i;
        parse_toplevel(p, &mb);
        if (p->panic)
            sync(p);
        if (p->i == before)
            advance(p);
    }
    Module *m = alloc(p, sizeof *m);
    if (!m)
        return NULL;
    m->file = file;
    m->src = src;
    m->imports = flatten(p, &mb.imports, sizeof(Import), &m->nimports);
    m->globals = flatten(p, &mb.globals, sizeof(Global), &m->nglobals);
    m->funcs = (FuncDef **)mb.funcs.items;
    m->nfuncs = mb.funcs.len;
    return p->oom ? NULL : m;
}

/* ---- queries and names ---- */

FuncDef *ast_find_func(const Module *m, const char *name)
{
    /* The last definition wins, as when Python rebinds the name. */
    for (int i = m->nfuncs - 1; i >= 0; i--)
        if (m->funcs[i]->name && !strcmp(m->funcs[i]->name, name))
            return m->funcs[i];
    return NULL;
}

const char *ast_binop_str(BinOp op)
{
    static const char *const names[] = {
#define X(e, s) s,
        AST_BINOPS(X)
#undef X
    };
    return (unsigned)op < OP__COUNT ? names[op] : "?";
}

const char *ast_cmpop_str(CmpOp op)
{
    static const char *const names[] = {
#define X(e, s) s,
        AST_CMPOPS(X)
#undef X
    };
    return (unsigned)op < CMP__COUNT ? names[op] : "?";
}

/* ---- deep copy ---- */

typedef struct Cloner {
    Arena *a;
    bool oom;
} Cloner;

static Expr *clone_expr(Cloner *c, const Expr *e);
static Block clone_block(Cloner *c, Block b);

static void *clone_mem(Cloner *c, const void *src, size_t n, size_t elem)
{
    if (!src)
        return NULL;
    void *x = arena_array(c->a, n ? n : 1, elem);
    if (!x) {
        c->oom = true;
        return NULL;
    }
    memcpy(x, src, n * elem);
    return x;
}

static const char *clone_str(Cloner *c, const char *s)
{
    return s ? clone_mem(c, s, strlen(s) + 1, 1) : NULL;
}

static Expr **clone_exprs(Cloner *c, Expr *const *xs, int n)
{
    Expr **out = clone_mem(c, xs, (size_t)n, sizeof *xs);
    for (int i = 0; out && i < n; i++)
        out[i] = clone_expr(c, xs[i]);
    return out;
}

/* The child through which long chains grow (a+b+c..., a.b.c..., f()()...,
 * a[0][0]..., - - x). The parser builds these in loops, so they can be far
 * deeper than the nesting limit; they are copied in a loop too. */
static Expr **spine_child(Expr *e)
{
    switch (e->kind) {
    case EX_BINOP: return &e->bin.l;
    case EX_BOOLOP: return &e->boolop.l;
    case EX_ATTR: return &e->attr.obj;
    case EX_SUBSCRIPT: return &e->sub.obj;
    case EX_CALL: return &e->call.fn;
    case EX_UNARY: return &e->un.x;
    default: return NULL;
    }
}

/* Copies e and every child except its spine child (left pointing at the
 * original for clone_expr to replace). */
static Expr *clone_node(Cloner *c, const Expr *e)
{
    Expr *n = clone_mem(c, e, 1, sizeof *e);
    if (!n)
        return NULL;
    switch (e->kind) {
    case EX_INT: case EX_FLOAT: case EX_BOOL: case EX_NONE: case EX_UNARY:
        break;
    case EX_STR: n->str = clone_str(c, e->str); break;
    case EX_NAME: n->name = clone_str(c, e->name); break;
    case EX_ATTR: n->attr.name = clone_str(c, e->attr.name); break;
    case EX_CALL:
        n->call.args = clone_exprs(c, e->call.args, e->call.nargs);
        n->call.kw = clone_mem(c, e->call.kw, (size_t)e->call.nkw, sizeof *e->call.kw);
        for (int i = 0; n->call.kw && i < e->call.nkw; i++) {
            n->call.kw[i].name = clone_str(c, e->call.kw[i].name);
            n->call.kw[i].value = clone_expr(c, e->call.kw[i].value);
        }
        break;
    case EX_SUBSCRIPT: n->sub.index = clone_expr(c, e->sub.index); break;
    case EX_SLICE:
        n->slice.lo = clone_expr(c, e->slice.lo);
        n->slice.hi = clone_expr(c, e->slice.hi);
        n->slice.step = clone_expr(c, e->slice.step);
        break;
    case EX_BINOP: n->bin.r = clone_expr(c, e->bin.r); break;
    case EX_BOOLOP: n->boolop.r = clone_expr(c, e->boolop.r); break;
    case EX_COMPARE:
        n->cmp.xs = clone_exprs(c, e->cmp.xs, e->cmp.n);
        n->cmp.ops = clone_mem(c, e->cmp.ops, (size_t)(e->cmp.n > 0 ? e->cmp.n - 1 : 0),
                               sizeof *e->cmp.ops);
        break;
    case EX_IFEXP:
        n->ifexp.cond = clone_expr(c, e->ifexp.cond);
        n->ifexp.body = clone_expr(c, e->ifexp.body);
        n->ifexp.orelse = clone_expr(c, e->ifexp.orelse);
        break;
    case EX_TUPLE: case EX_LIST:
        n->tuple.xs = clone_exprs(c, e->tuple.xs, e->tuple.n);
        break;
    }
    return n;
}

static Expr *clone_expr(Cloner *c, const Expr *e)
{
    Expr *root = NULL, **slot = &root;
    while (e && !c->oom) {
        Expr *n = clone_node(c, e);
        *slot = n;
        if (!n || !(slot = spine_child(n)))
            break;
        e = *slot;
    }
    return root;
}

/* if/elif chains are copied in a loop, like the parser builds them. */
static Stmt *clone_if(Cloner *c, const Stmt *s)
{
    Stmt *root = NULL;
    Block *slot = NULL;
    for (;;) {
        Stmt *n = clone_mem(c, s, 1, sizeof *s);
        if (!n)
            return NULL;
        n->if_.cond = clone_expr(c, s->if_.cond);
        n->if_.then = clone_block(c, s->if_.then);
        if (!root)
            root = n;
        else if ((slot->stmts = clone_mem(c, &n, 1, sizeof n)))
            slot->n = 1;
        const Block *o = &s->if_.orelse;
        if (o->n != 1 || o->stmts[0]->kind != ST_IF) {
            n->if_.orelse = clone_block(c, *o);
            return root;
        }
        slot = &n->if_.orelse;
        s = o->stmts[0];
    }
}

static Stmt *clone_stmt(Cloner *c, const Stmt *s)
{
    if (s->kind == ST_IF)
        return clone_if(c, s);
    Stmt *n = clone_mem(c, s, 1, sizeof *s);
    if (!n)
        return NULL;
    switch (s->kind) {
    case ST_EXPR: n->expr.e = clone_expr(c, s->expr.e); break;
    case ST_ASSIGN:
        n->assign.targets = clone_exprs(c, s->assign.targets, s->assign.ntargets);
        n->assign.value = clone_expr(c, s->assign.value);
        break;
    case ST_AUGASSIGN:
        n->aug.target = clone_expr(c, s->aug.target);
        n->aug.value = clone_expr(c, s->aug.value);
        break;
    case ST_WHILE:
        n->while_.cond = clone_expr(c, s->while_.cond);
        n->while_.body = clone_block(c, s->while_.body);
        n->while_.orelse = clone_block(c, s->while_.orelse);
        break;
    case ST_FOR:
        n->for_.target = clone_expr(c, s->for_.target);
        n->for_.iter = clone_expr(c, s->for_.iter);
        n->for_.body = clone_block(c, s->for_.body);
        n->for_.orelse = clone_block(c, s->for_.orelse);
        break;
    case ST_RETURN: n->ret.value = clone_expr(c, s->ret.value); break;
    case ST_RAISE: n->raise_.exc = clone_expr(c, s->raise_.exc); break;
    case ST_ASSERT:
        n->assert_.cond = clone_expr(c, s->assert_.cond);
        n->assert_.msg = clone_expr(c, s->assert_.msg);
        break;
    case ST_IF: case ST_BREAK: case ST_CONTINUE: case ST_PASS:
        break;
    }
    return n;
}

static Block clone_block(Cloner *c, Block b)
{
    Block r = { clone_mem(c, b.stmts, (size_t)b.n, sizeof *b.stmts), b.n };
    for (int i = 0; r.stmts && i < b.n; i++)
        r.stmts[i] = clone_stmt(c, b.stmts[i]);
    return r;
}

Expr *ast_new_expr(Arena *a, ExprKind k, Pos pos)
{
    Expr *e = arena_alloc(a, sizeof *e);
    if (e) {
        e->kind = k;
        e->pos = pos;
    }
    return e;
}

Expr *ast_name(Arena *a, const char *name, Pos pos)
{
    Expr *e = ast_new_expr(a, EX_NAME, pos);
    if (e)
        e->name = name;
    return e;
}

Expr *ast_call(Arena *a, const char *fn, Expr **args, int n, Pos pos)
{
    Expr *e = ast_new_expr(a, EX_CALL, pos);
    Expr **xs = arena_array(a, (size_t)n + 1, sizeof *xs);
    if (!e || !xs)
        return NULL;
    for (int i = 0; i < n; i++)
        xs[i] = args[i];
    e->call.fn = ast_name(a, fn, pos);
    e->call.args = xs;
    e->call.nargs = n;
    return e;
}

FuncDef *ast_clone_func(Arena *a, const FuncDef *f)
{
    Cloner c = { a, false };
    FuncDef *n = clone_mem(&c, f, 1, sizeof *f);
    if (!n)
        return NULL;
    n->name = clone_str(&c, f->name);
    n->params = clone_mem(&c, f->params, (size_t)f->nparams, sizeof *f->params);
    for (int i = 0; n->params && i < f->nparams; i++) {
        n->params[i].name = clone_str(&c, f->params[i].name);
        n->params[i].annot = clone_expr(&c, f->params[i].annot);
        n->params[i].deflt = clone_expr(&c, f->params[i].deflt);
    }
    n->ret_annot = clone_expr(&c, f->ret_annot);
    n->decorators = clone_exprs(&c, f->decorators, f->ndecorators);
    n->body = clone_block(&c, f->body);
    return c.oom ? NULL : n;
}
