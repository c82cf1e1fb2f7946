/* test_parse.c - the parser: tree shapes, precedence, module structure,
 * errors and recovery, limits, garbage, ast_clone_func. Trees are compared
 * as S-expressions (dump_* below). */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/ast.h"

/* ---- S-expression dump ---- */

typedef struct Buf {
    char s[8192];
    size_t n;
} Buf;

static void bp(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bp(Buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (b->n < sizeof b->s - 1) {
        int w = vsnprintf(b->s + b->n, sizeof b->s - b->n, fmt, ap);
        if (w > 0)
            b->n += (size_t)w;
        if (b->n >= sizeof b->s)
            b->n = sizeof b->s - 1;
    }
    va_end(ap);
}

static void dump_expr(Buf *b, const Expr *e);

static void dump_list(Buf *b, Expr *const *xs, int n)
{
    for (int i = 0; i < n; i++) {
        bp(b, " ");
        dump_expr(b, xs[i]);
    }
}

static void dump_expr(Buf *b, const Expr *e)
{
    static const char *const un[] = { "neg", "pos", "not", "inv" };
    if (!e) {
        bp(b, "_");
        return;
    }
    switch (e->kind) {
    case EX_INT: bp(b, "%lld", (long long)e->ival); break;
    case EX_FLOAT: bp(b, "%g", e->fval); break;
    case EX_BOOL: bp(b, e->ival ? "True" : "False"); break;
    case EX_NONE: bp(b, "None"); break;
    case EX_STR: bp(b, "'%s'", e->str); break;
    case EX_NAME: bp(b, "%s", e->name); break;
    case EX_ATTR: bp(b, "(. "); dump_expr(b, e->attr.obj); bp(b, " %s)", e->attr.name); break;
    case EX_CALL:
        bp(b, "(call ");
        dump_expr(b, e->call.fn);
        dump_list(b, e->call.args, e->call.nargs);
        for (int i = 0; i < e->call.nkw; i++) {
            bp(b, " %s=", e->call.kw[i].name);
            dump_expr(b, e->call.kw[i].value);
        }
        bp(b, ")");
        break;
    case EX_SUBSCRIPT:
        bp(b, "(sub ");
        dump_expr(b, e->sub.obj);
        bp(b, " ");
        dump_expr(b, e->sub.index);
        bp(b, ")");
        break;
    case EX_SLICE:
        bp(b, "(slice ");
        dump_expr(b, e->slice.lo);
        bp(b, " ");
        dump_expr(b, e->slice.hi);
        bp(b, " ");
        dump_expr(b, e->slice.step);
        bp(b, ")");
        break;
    case EX_BINOP:
        bp(b, "(%s ", ast_binop_str(e->bin.op));
        dump_expr(b, e->bin.l);
        bp(b, " ");
        dump_expr(b, e->bin.r);
        bp(b, ")");
        break;
    case EX_UNARY: bp(b, "(%s ", un[e->un.op]); dump_expr(b, e->un.x); bp(b, ")"); break;
    case EX_COMPARE:
        bp(b, "(cmp ");
        dump_expr(b, e->cmp.xs[0]);
        for (int i = 1; i < e->cmp.n; i++) {
            bp(b, " %s ", ast_cmpop_str(e->cmp.ops[i - 1]));
            dump_expr(b, e->cmp.xs[i]);
        }
        bp(b, ")");
        break;
    case EX_BOOLOP:
        bp(b, "(%s ", e->boolop.is_and ? "and" : "or");
        dump_expr(b, e->boolop.l);
        bp(b, " ");
        dump_expr(b, e->boolop.r);
        bp(b, ")");
        break;
    case EX_IFEXP:
        bp(b, "(ifexp ");
        dump_expr(b, e->ifexp.cond);
        bp(b, " ");
        dump_expr(b, e->ifexp.body);
        bp(b, " ");
        dump_expr(b, e->ifexp.orelse);
        bp(b, ")");
        break;
    case EX_TUPLE: bp(b, "(tuple"); dump_list(b, e->tuple.xs, e->tuple.n); bp(b, ")"); break;
    case EX_LIST: bp(b, "(list"); dump_list(b, e->tuple.xs, e->tuple.n); bp(b, ")"); break;
    }
}

static void dump_block(Buf *b, Block blk);

static void dump_stmt(Buf *b, const Stmt *s)
{
    switch (s->kind) {
    case ST_EXPR: bp(b, "(expr "); dump_expr(b, s->expr.e); bp(b, ")"); break;
    case ST_ASSIGN:
        bp(b, "(=");
        dump_list(b, s->assign.targets, s->assign.ntargets);
        bp(b, " ");
        dump_expr(b, s->assign.value);
        bp(b, ")");
        break;
    case ST_AUGASSIGN:
        bp(b, "(%s= ", ast_binop_str(s->aug.op));
        dump_expr(b, s->aug.target);
        bp(b, " ");
        dump_expr(b, s->aug.value);
        bp(b, ")");
        break;
    case ST_IF:
        bp(b, "(if ");
        dump_expr(b, s->if_.cond);
        bp(b, " ");
        dump_block(b, s->if_.then);
        if (s->if_.orelse.n) {
            bp(b, " else ");
            dump_block(b, s->if_.orelse);
        }
        bp(b, ")");
        break;
    case ST_WHILE:
        bp(b, "(while ");
        dump_expr(b, s->while_.cond);
        bp(b, " ");
        dump_block(b, s->while_.body);
        bp(b, ")");
        break;
    case ST_FOR:
        bp(b, "(for ");
        dump_expr(b, s->for_.target);
        bp(b, " ");
        dump_expr(b, s->for_.iter);
        bp(b, " ");
        dump_block(b, s->for_.body);
        bp(b, ")");
        break;
    case ST_BREAK: bp(b, "break"); break;
    case ST_CONTINUE: bp(b, "continue"); break;
    case ST_RETURN: bp(b, "(return "); dump_expr(b, s->ret.value); bp(b, ")"); break;
    case ST_PASS: bp(b, "pass"); break;
    case ST_RAISE: bp(b, "(raise "); dump_expr(b, s->raise_.exc); bp(b, ")"); break;
    case ST_ASSERT:
        bp(b, "(assert ");
        dump_expr(b, s->assert_.cond);
        bp(b, " ");
        dump_expr(b, s->assert_.msg);
        bp(b, ")");
        break;
    }
}

static void dump_block(Buf *b, Block blk)
{
    bp(b, "{");
    for (int i = 0; i < blk.n; i++) {
        if (i)
            bp(b, " ");
        dump_stmt(b, blk.stmts[i]);
    }
    bp(b, "}");
}

static void dump_func(Buf *b, const FuncDef *f)
{
    bp(b, "(def %s", f->name);
    for (int i = 0; i < f->ndecorators; i++) {
        bp(b, " @");
        dump_expr(b, f->decorators[i]);
    }
    bp(b, " (");
    for (int i = 0; i < f->nparams; i++) {
        bp(b, "%s%s", i ? " " : "", f->params[i].name);
        if (f->params[i].annot) {
            bp(b, ":");
            dump_expr(b, f->params[i].annot);
        }
        if (f->params[i].deflt) {
            bp(b, "=");
            dump_expr(b, f->params[i].deflt);
        }
    }
    bp(b, ")");
    if (f->ret_annot) {
        bp(b, " -> ");
        dump_expr(b, f->ret_annot);
    }
    bp(b, " ");
    dump_block(b, f->body);
    bp(b, ")");
}

/* ---- helpers ---- */

typedef struct Parsed {
    Arena a;
    Diags d;
    Module *m;
    const char *src;
} Parsed;

static Module *parse_len(Parsed *t, const char *src, size_t len)
{
    arena_init(&t->a);
    diag_init(&t->d, &t->a, "t.py", src);
    t->src = src;
    t->m = parse_module(&t->a, &t->d, "t.py", src, len);
    ck_assert_ptr_nonnull(t->m);
    return t->m;
}

static Module *parse(Parsed *t, const char *src) { return parse_len(t, src, strlen(src)); }

/* All diagnostics as "line:col: message" lines. */
static const char *errors_of(Parsed *t)
{
    static char buf[8192];
    size_t n = 0;
    buf[0] = 0;
    for (Diag *g = t->d.first; g && n < sizeof buf - 1; g = g->next)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%d:%d: %s\n", g->pos.line, g->pos.col, g->msg);
    return buf;
}

/* Parses a script and returns its diagnostics. */
static const char *errors(const char *src)
{
    Parsed t;
    parse(&t, src);
    const char *e = errors_of(&t);
    arena_free(&t.a);
    return e;
}

static const char *func_dump(const FuncDef *f)
{
    static Buf b;
    b.n = 0;
    b.s[0] = 0;
    dump_func(&b, f);
    return b.s;
}

/* The tree of `def f(): <body>` (no errors allowed). */
static const char *body(const char *text)
{
    static char src[4096], out[8192];
    snprintf(src, sizeof src, "def f():\n%s", text);
    Parsed t;
    parse(&t, src);
    ck_assert_msg(t.d.count == 0, "unexpected errors: %s", errors_of(&t));
    ck_assert_int_eq(t.m->nfuncs, 1);
    snprintf(out, sizeof out, "%s", func_dump(t.m->funcs[0]));
    arena_free(&t.a);
    /* strip "(def f () {" and "})" */
    size_t n = strlen(out);
    out[n - 2] = 0;
    return out + strlen("(def f () {");
}

/* The tree of one expression. */
static const char *expr(const char *text)
{
    static char src[4096], out[8192];
    snprintf(src, sizeof src, "    return %s\n", text);
    snprintf(out, sizeof out, "%s", body(src));
    size_t n = strlen(out);
    out[n - 1] = 0;
    return out + strlen("(return ");
}

/* ---- expressions ---- */

START_TEST(test_precedence)
{
    ck_assert_str_eq(expr("-2**2"), "(neg (** 2 2))");
    ck_assert_str_eq(expr("2**-1"), "(** 2 (neg 1))");
    ck_assert_str_eq(expr("2**3**2"), "(** 2 (** 3 2))");
    ck_assert_str_eq(expr("a - b - c"), "(- (- a b) c)");
    ck_assert_str_eq(expr("a + b * c % d // e / f @ g"), "(+ a (@ (/ (// (% (* b c) d) e) f) g))");
    ck_assert_str_eq(expr("a | b ^ c & d << e + f"), "(| a (^ b (& c (<< d (+ e f)))))");
    ck_assert_str_eq(expr("a >> 1 << 2"), "(<< (>> a 1) 2)");
    ck_assert_str_eq(expr("~x + -y - +z"), "(- (+ (inv x) (neg y)) (pos z))");
    ck_assert_str_eq(expr("a < b < c"), "(cmp a < b < c)");
    ck_assert_str_eq(expr("a == b != c <= d >= e > f"), "(cmp a == b != c <= d >= e > f)");
    ck_assert_str_eq(expr("a is not b"), "(cmp a is not b)");
    ck_assert_str_eq(expr("a not in b or a in b is c"), "(or (cmp a not in b) (cmp a in b is c))");
    ck_assert_str_eq(expr("not a == b"), "(not (cmp a == b))");
    ck_assert_str_eq(expr("not not a"), "(not (not a))");
    ck_assert_str_eq(expr("a or b and c or d"), "(or (or a (and b c)) d)");
    ck_assert_str_eq(expr("a if b else c"), "(ifexp b a c)");
    ck_assert_str_eq(expr("a if b else c if d else e"), "(ifexp b a (ifexp d c e))");
    ck_assert_str_eq(expr("x + 1 if a or b else -x"), "(ifexp (or a b) (+ x 1) (neg x))");
    ck_assert_str_eq(expr("(a + b) * c"), "(* (+ a b) c)");
    ck_assert_str_eq(expr("-x.y[0] ** 2"), "(neg (** (sub (. x y) 0) 2))");
}
END_TEST

START_TEST(test_atoms)
{
    ck_assert_str_eq(expr("1, 2.5, True, False, None"), "(tuple 1 2.5 True False None)");
    ck_assert_str_eq(expr("'a' \"b\" '''c'''"), "'abc'");
    ck_assert_str_eq(expr("()"), "(tuple)");
    ck_assert_str_eq(expr("(a,)"), "(tuple a)");
    ck_assert_str_eq(expr("(a)"), "a");
    ck_assert_str_eq(expr("a,"), "(tuple a)");
    ck_assert_str_eq(expr("[1, [2, 3],]"), "(list 1 (list 2 3))");
    ck_assert_str_eq(expr("[]"), "(list)");
    ck_assert_str_eq(expr("-9223372036854775808"), "-9223372036854775808");
    ck_assert_str_eq(expr("0x7FFFFFFFFFFFFFFF"), "9223372036854775807");
    ck_assert_str_eq(expr("(1,\n   2)"), "(tuple 1 2)");
}
END_TEST

START_TEST(test_trailers)
{
    ck_assert_str_eq(expr("np.zeros(n, dtype=np.float32)"), "(call (. np zeros) n dtype=(. np float32))");
    ck_assert_str_eq(expr("f()"), "(call f)");
    ck_assert_str_eq(expr("f(a, b,)"), "(call f a b)");
    ck_assert_str_eq(expr("jit(nopython=True)(f)"), "(call (call jit nopython=True) f)");
    ck_assert_str_eq(expr("kernel[blocks, threads](a)"), "(call (sub kernel (tuple blocks threads)) a)");
    ck_assert_str_eq(expr("a.shape[0]"), "(sub (. a shape) 0)");
    ck_assert_str_eq(expr("math.sqrt(x)"), "(call (. math sqrt) x)");
    ck_assert_str_eq(expr("cuda.shared.array(shape=(16, 16), dtype=float32)"),
                     "(call (. (. cuda shared) array) shape=(tuple 16 16) dtype=float32)");
}
END_TEST

START_TEST(test_slices)
{
    ck_assert_str_eq(expr("a[1:-1]"), "(sub a (slice 1 (neg 1) _))");
    ck_assert_str_eq(expr("a[::2]"), "(sub a (slice _ _ 2))");
    ck_assert_str_eq(expr("a[:]"), "(sub a (slice _ _ _))");
    ck_assert_str_eq(expr("a[::]"), "(sub a (slice _ _ _))");
    ck_assert_str_eq(expr("a[i:]"), "(sub a (slice i _ _))");
    ck_assert_str_eq(expr("a[i, :]"), "(sub a (tuple i (slice _ _ _)))");
    ck_assert_str_eq(expr("a[:, ::1]"), "(sub a (tuple (slice _ _ _) (slice _ _ 1)))");
    ck_assert_str_eq(expr("float32[:, ::1]"), "(sub float32 (tuple (slice _ _ _) (slice _ _ 1)))");
    ck_assert_str_eq(expr("a[i,]"), "(sub a (tuple i))");
    ck_assert_str_eq(expr("a[i][j]"), "(sub (sub a i) j)");
    ck_assert_str_eq(expr("a[1:n-1:k]"), "(sub a (slice 1 (- n 1) k))");
}
END_TEST

START_TEST(test_positions)
{
    Parsed t;
    parse(&t, "def f(a):\n    x = a.b + g(1)[2]\n    return -x\n");
    FuncDef *f = t.m->funcs[0];
    Stmt *s = f->body.stmts[0];
    ck_assert_int_eq(s->pos.line, 2);
    ck_assert_int_eq(s->pos.col, 5);
    Expr *v = s->assign.value;      /* binop: its first token, a */
    ck_assert_int_eq(v->pos.col, 9);
    ck_assert_int_eq(v->bin.l->pos.col, 9);
    ck_assert_int_eq(v->bin.r->kind, EX_SUBSCRIPT);
    ck_assert_int_eq(v->bin.r->pos.col, 15);
    ck_assert_int_eq(v->bin.r->sub.index->pos.col, 20);
    Expr *r = f->body.stmts[1]->ret.value;
    ck_assert_int_eq(r->pos.line, 3);
    ck_assert_int_eq(r->pos.col, 12);
    ck_assert_int_eq(f->params[0].pos.col, 7);
    ck_assert_int_eq(f->pos.line, 1);
    arena_free(&t.a);
}
END_TEST

/* ---- statements ---- */

START_TEST(test_assignments)
{
    ck_assert_str_eq(body("    a = b = 0\n"), "(= a b 0)");
    ck_assert_str_eq(body("    a, b = b, a\n"), "(= (tuple a b) (tuple b a))");
    ck_assert_str_eq(body("    (a, b) = x\n"), "(= (tuple a b) x)");
    ck_assert_str_eq(body("    [a, b] = x\n"), "(= (tuple a b) x)");
    ck_assert_str_eq(body("    a[i, j] = b[i] = 1\n"), "(= (sub a (tuple i j)) (sub b i) 1)");
    ck_assert_str_eq(body("    x: int = 0\n"), "(= x 0)");
    ck_assert_str_eq(body("    x: float32\n"), "pass");
    ck_assert_str_eq(body("    a[i] += 1\n    x -= y\n    x *= 2\n    x /= 2\n    x //= 2\n"),
                     "(+= (sub a i) 1) (-= x y) (*= x 2) (/= x 2) (//= x 2)");
    ck_assert_str_eq(body("    x %= 2\n    x **= 2\n    x &= 1\n    x |= 1\n    x ^= 1\n"),
                     "(%= x 2) (**= x 2) (&= x 1) (|= x 1) (^= x 1)");
    ck_assert_str_eq(body("    x <<= 1\n    x >>= 1\n    x @= y\n"), "(<<= x 1) (>>= x 1) (@= x y)");
}
END_TEST

START_TEST(test_control_flow)
{
    ck_assert_str_eq(body("    if a:\n        x = 1\n    elif b:\n        x = 2\n    elif c:\n        pass\n"
                          "    else:\n        x = 3\n"),
                     "(if a {(= x 1)} else {(if b {(= x 2)} else {(if c {pass} else {(= x 3)})})})");
    ck_assert_str_eq(body("    while i < n:\n        i += 1\n        if i: break\n        continue\n"),
                     "(while (cmp i < n) {(+= i 1) (if i {break}) continue})");
    ck_assert_str_eq(body("    for i in range(n):\n        pass\n"), "(for i (call range n) {pass})");
    ck_assert_str_eq(body("    for i, (j, k) in zip(a, b):\n        pass\n"),
                     "(for (tuple i (tuple j k)) (call zip a b) {pass})");
    ck_assert_str_eq(body("    for x in a, b:\n        pass\n"), "(for x (tuple a b) {pass})");
    ck_assert_str_eq(body("    for i in prange(n): s += i\n"), "(for i (call prange n) {(+= s i)})");
}
END_TEST

START_TEST(test_simple_statements)
{
    ck_assert_str_eq(body("    return\n"), "(return _)");
    ck_assert_str_eq(body("    return a, b\n"), "(return (tuple a b))");
    ck_assert_str_eq(body("    raise\n    raise ValueError('bad')\n"),
                     "(raise _) (raise (call ValueError 'bad'))");
    ck_assert_str_eq(body("    assert x\n    assert x > 0, 'm'\n"),
                     "(assert x _) (assert (cmp x > 0) 'm')");
    ck_assert_str_eq(body("    \"\"\"Docstring.\"\"\"\n    pass\n"), "(expr 'Docstring.') pass");
    ck_assert_str_eq(body("    a = 1; b = 2;\n    print(a, b)\n"), "(= a 1) (= b 2) (expr (call print a b))");
    ck_assert_str_eq(body("    if x: return 1\n    else: return 2\n"), "(if x {(return 1)} else {(return 2)})");
    ck_assert_str_eq(body("    while x: x -= 1; y += 1\n"), "(while x {(-= x 1) (+= y 1)})");
}
END_TEST

/* ---- module level ---- */

START_TEST(test_module_structure)
{
    Parsed t;
    Module *m = parse(&t,
        "'''Module docstring.'''\n"
        "from __future__ import annotations\n"
        "import numpy as np\n"
        "import numba, math\n"
        "import numba.cuda\n"
        "import numpy.linalg as la\n"
        "from numba import njit, prange as pr\n"
        "from numba.cuda import (jit,\n    grid,)\n"
        "N = 10\n"
        "A = B = 2.0\n"
        "M: int = 3\n"
        "\n"
        "@njit(cache=True)\n"
        "@other\n"
        "def f(a: float32[:], n: int64, x: float = 1.0) -> float:\n"
        "    return x\n"
        "\n"
        "def g(): pass\n"
        "f_fast = njit(f)\n");
    ck_assert_int_eq(t.d.count, 0);
    static const char *const want[][3] = {
        { "np", "numpy", NULL }, { "numba", "numba", NULL }, { "math", "math", NULL },
        { "numba", "numba", NULL }, { "la", "numpy.linalg", NULL }, { "njit", "numba", "njit" },
        { "pr", "numba", "prange" }, { "jit", "numba.cuda", "jit" }, { "grid", "numba.cuda", "grid" },
    };
    ck_assert_int_eq(m->nimports, 9);
    for (int i = 0; i < 9; i++) {
        ck_assert_str_eq(m->imports[i].alias, want[i][0]);
        ck_assert_str_eq(m->imports[i].module, want[i][1]);
        if (want[i][2])
            ck_assert_str_eq(m->imports[i].member, want[i][2]);
        else
            ck_assert_ptr_null(m->imports[i].member);
    }
    ck_assert_int_eq(m->imports[0].pos.line, 3);
    ck_assert_int_eq(m->nglobals, 5);
    const char *names[] = { "N", "A", "B", "M", "f_fast" };
    for (int i = 0; i < 5; i++)
        ck_assert_str_eq(m->globals[i].name, names[i]);
    ck_assert_int_eq(m->globals[0].value->ival, 10);
    ck_assert_ptr_eq(m->globals[1].value, m->globals[2].value);
    ck_assert_int_eq(m->globals[4].value->kind, EX_CALL);
    ck_assert_int_eq(m->globals[4].pos.line, 20);
    ck_assert_int_eq(m->nfuncs, 2);
    ck_assert_str_eq(func_dump(m->funcs[0]),
                     "(def f @(call njit cache=True) @other (a:(sub float32 (slice _ _ _)) n:int64 "
                     "x:float=1) -> float {(return x)})");
    ck_assert_int_eq(m->funcs[0]->pos.line, 16);
    ck_assert_int_eq(m->funcs[0]->pos.col, 1);
    ck_assert_str_eq(func_dump(m->funcs[1]), "(def g () {pass})");
    arena_free(&t.a);
}
END_TEST

START_TEST(test_function_source_span)
{
    Parsed t;
    const char *src = "import numba\n\n@numba.njit\ndef f(x):\n    # comment\n    return x + 1  # tail\n\n"
                      "def g(): return 2\n";
    parse(&t, src);
    ck_assert_int_eq(t.m->nfuncs, 2);
    FuncDef *f = t.m->funcs[0];
    ck_assert_ptr_eq(f->src_start, src + strlen("import numba\n\n"));
    ck_assert_int_eq(f->src_len, (int)strlen("@numba.njit\ndef f(x):\n    # comment\n    return x + 1"));
    FuncDef *g = t.m->funcs[1];
    ck_assert_int_eq(g->src_len, (int)strlen("def g(): return 2"));
    arena_free(&t.a);
}
END_TEST

START_TEST(test_main_guard_skipped)
{
    Parsed t;
    Module *m = parse(&t,
        "import numpy as np\n"
        "def f(x):\n    return x\n"
        "if __name__ == \"__main__\":\n"
        "    import sys, os\n"
        "    d = {'a': [i for i in range(3)]}\n"
        "    print(f\"{f(1)} {d!r}\")\n"
        "    class A:\n        def m(self): yield lambda: x := $\n"
        "    try:\n        pass\n    except Exception as e:\n        raise\n"
        "else:\n"
        "    print(f'never')\n"
        "def g():\n    return 2\n"
        "if '__main__' == __name__: main(f'{1}')\n"
        "N = 1\n");
    ck_assert_msg(t.d.count == 0, "%s", errors_of(&t));
    ck_assert_int_eq(m->nfuncs, 2);
    ck_assert_str_eq(m->funcs[1]->name, "g");
    ck_assert_int_eq(m->nimports, 1);
    ck_assert_int_eq(m->nglobals, 1);
    arena_free(&t.a);
    /* ... but a file that is not text is still an error there */
    static const char nul[] = "if __name__ == '__main__':\n    x = '\0'\n";
    parse_len(&t, nul, sizeof nul - 1);
    ck_assert_str_eq(errors_of(&t), "2:10: source contains a NUL byte (not a text file?)\n");
    arena_free(&t.a);
}
END_TEST

START_TEST(test_find_func_and_names)
{
    Parsed t;
    Module *m = parse(&t, "def f(): return 1\ndef g(): pass\ndef f(): return 2\n");
    ck_assert_ptr_eq(ast_find_func(m, "f"), m->funcs[2]);   /* the later def wins */
    ck_assert_ptr_eq(ast_find_func(m, "g"), m->funcs[1]);
    ck_assert_ptr_null(ast_find_func(m, "h"));
    arena_free(&t.a);
    ck_assert_str_eq(ast_binop_str(OP_FLOORDIV), "//");
    ck_assert_str_eq(ast_binop_str(OP_MATMUL), "@");
    ck_assert_str_eq(ast_cmpop_str(CMP_NOTIN), "not in");
    ck_assert_str_eq(ast_cmpop_str(CMP_ISNOT), "is not");
}
END_TEST

/* ---- errors ---- */

START_TEST(test_syntax_errors)
{
    ck_assert_str_eq(errors("def f(x):\n    s = 'abc\n    return s\n"), "2:9: unterminated string literal\n");
    ck_assert_str_eq(errors("def f(x):\n    if x:\n        y = 1\n      z = 2\n"),
                     "4:7: unindent does not match any outer indentation level\n");
    ck_assert_str_eq(errors("def f(x)\n    return x\n"), "1:9: expected ':', found end of line\n");
    ck_assert_str_eq(errors("def f(x):\nreturn x\n"),
                     "2:1: expected an indented block, found 'return'\n"
                     "2:1: 'return' outside function\n");
    ck_assert_str_eq(errors("def f(x):\n    x = 1 2\n"), "2:11: invalid syntax: unexpected '2'\n");
    ck_assert_str_eq(errors("def f(x):\n    return (x +\n"), "2:12: '(' was never closed\n");
    ck_assert_str_eq(errors("def f(x):\n    return x +\n"), "2:15: expected an expression, found end of line\n");
    ck_assert_str_eq(errors("def f(x):\n    f() = 1\n    1 = x\n    x + 1 += 2\n    a, b += 1\n"),
                     "2:5: cannot assign to function call\n3:5: cannot assign to literal\n"
                     "4:5: cannot assign to expression\n"
                     "5:5: 'tuple' is an illegal expression for augmented assignment\n");
    ck_assert_str_eq(errors("def f(x):\n    return x if x\n"), "2:18: expected 'else', found end of line\n");
    ck_assert_str_eq(errors("def f(x):\n        y = 1\n    z = 2\n  w = 3\n"),
                     "3:5: unindent does not match any outer indentation level\n"
                     "4:3: unindent does not match any outer indentation level\n");
    ck_assert_str_eq(errors("def f(x):\n    y = 1\n        z = 2\n"), "3:9: unexpected indent\n");
    ck_assert_str_eq(errors("  x = 1\n"), "1:3: unexpected indent\n");
    ck_assert_str_eq(errors("def f(a, b=1, c):\n    pass\n"),
                     "1:15: parameter without a default follows parameter with a default\n");
    ck_assert_str_eq(errors("def f(a, a):\n    pass\n"), "1:10: duplicate argument 'a' in function definition\n");
    ck_assert_str_eq(errors("def f(x):\n    g(a=1, b)\n    g(a=1, a=2)\n"),
                     "2:12: positional argument follows keyword argument\n3:12: keyword argument repeated: a\n");
    ck_assert_str_eq(errors("def f():\n    break\n    for i in x:\n        continue\n"), "2:5: 'break' outside loop\n");
    ck_assert_str_eq(errors("def f():\n    return 9223372036854775808\n    return -9223372036854775808 ** 1\n"),
                     "2:12: integer literal 9223372036854775808 is too large for int64\n"
                     "3:13: integer literal 9223372036854775808 is too large for int64\n");
    ck_assert_str_eq(errors("def f():\n    return x[]\n"), "2:14: expected an expression, found ']'\n");
    ck_assert_str_eq(errors("def f():\n    return b'x'\n"), "2:12: bytes literals are not supported in kernels\n");
}
END_TEST

START_TEST(test_unsupported_constructs)
{
    ck_assert_str_eq(errors(
        "def f(x):\n"
        "    class A:\n        pass\n"
        "    try:\n        x = 1\n    except E:\n        pass\n    finally:\n        pass\n"
        "    with open(x) as g:\n        pass\n"
        "    y = lambda: 1\n"
        "    global q\n"
        "    nonlocal q\n"
        "    del x\n"
        "    yield x\n"
        "    async def h(): pass\n"
        "    import math\n"
        "    def h():\n        return 1\n"
        "    return x\n"),
        "2:5: 'class' is not supported in kernels\n"
        "4:5: 'try' is not supported in kernels\n"
        "10:5: 'with' is not supported in kernels\n"
        "12:9: 'lambda' is not supported in kernels\n"
        "13:5: 'global' is not supported in kernels\n"
        "14:5: 'nonlocal' is not supported in kernels\n"
        "15:5: 'del' is not supported in kernels\n"
        "16:5: 'yield' is not supported in kernels\n"
        "17:5: 'async' is not supported in kernels\n"
        "18:5: 'import' inside a function is not supported in kernels\n"
        "19:5: nested 'def' is not supported in kernels\n");
    ck_assert_str_eq(errors(
        "def f(x):\n"
        "    a = [i for i in x]\n"
        "    b = sum(i for i in x)\n"
        "    c = {1: 2}\n"
        "    d = (y := 2)\n"
        "    e = f'{x}'\n"
        "    g(*x)\n"
        "    h(**x)\n"
        "    print(*x)\n"
        "    k = ...\n"
        "    x.y = 1\n"
        "    return 1.5j\n"),
        "2:9: list comprehensions are not supported in kernels\n"
        "3:15: generator expressions are not supported in kernels\n"
        "4:9: dict displays ('{k: v}') are not supported in kernels\n"
        "5:12: assignment expressions (':=') are not supported\n"
        "6:9: f-strings are not supported\n"
        "7:7: '*' argument unpacking is not supported in kernels\n"
        "8:7: '**' argument unpacking is not supported in kernels\n"
        "9:11: '*' argument unpacking is not supported in kernels\n"
        "10:9: Ellipsis ('...') is not supported in kernels\n"
        "11:5: assignment to an attribute ('.y') is not supported in kernels\n"
        "12:12: complex literals ('1.5j') are not supported\n");
    ck_assert_str_eq(errors("def f(*args):\n    pass\ndef g(a, **kw):\n    pass\ndef h(a, *, b):\n    pass\n"),
                     "1:7: '*args' parameters are not supported in kernels\n"
                     "3:10: '**kw' parameters are not supported in kernels\n"
                     "5:10: keyword-only parameters ('*') are not supported in kernels\n");
    ck_assert_str_eq(errors("def f(x):\n    for i in x:\n        pass\n    else:\n        pass\n"
                            "    while x:\n        pass\n    else:\n        pass\n"
                            "    raise E from x\n"),
                     /* loop else clauses parse (see test_loop_else) */
                     "10:13: 'raise ... from ...' is not supported in kernels\n");
}
END_TEST

START_TEST(test_unsupported_imports_and_toplevel)
{
    ck_assert_str_eq(errors("import os\nimport numpy, os.path as p\nfrom sys import argv\n"
                            "from numpy import *\nfrom . import x\nimport numbafoo\n"),
                     /* other modules are imported for the host part of the
                      * script; using them in a kernel is a type error */
                     "4:19: 'from numpy import *' is not supported: import the names you use\n"
                     "5:1: relative imports are not supported in kernel scripts\n");
    ck_assert_str_eq(errors("import numpy as np\nnp.random.seed(0)\nx += 1\nfor i in x:\n    pass\n"
                            "a, b = 1, 2\nclass C:\n    pass\n"),
                     "2:1: an expression statement at module level is not supported: kernel scripts hold "
                     "imports, constants and functions (put script code under `if __name__ == \"__main__\":`)\n"
                     "3:1: an augmented assignment at module level is not supported: kernel scripts hold "
                     "imports, constants and functions (put script code under `if __name__ == \"__main__\":`)\n"
                     "4:1: a 'for' loop at module level is not supported: kernel scripts hold "
                     "imports, constants and functions (put script code under `if __name__ == \"__main__\":`)\n"
                     "6:1: only NAME = value assignments are supported at module level\n"
                     "7:1: 'class' is not supported in kernels\n");
    ck_assert_str_eq(errors("import os.path\nimport numpy.\n"), "2:14: expected a name, found end of line\n");
    ck_assert_str_eq(errors("return 1\n"), "1:1: 'return' outside function\n");
    ck_assert_str_eq(errors("@njit\nx = 1\n"), "2:1: expected 'def' after decorator, found 'x'\n");
}
END_TEST

START_TEST(test_error_kinds)
{
    Parsed t;
    parse(&t, "from . import x\ndef f(x):\n    x = 1 +\n    class A: pass\n");
    static const DiagKind want[] = { DK_UNSUPPORTED, DK_SYNTAX, DK_UNSUPPORTED };
    int i = 0;
    for (Diag *g = t.d.first; g; g = g->next, i++) {
        ck_assert_int_lt(i, 3);
        ck_assert_int_eq(g->kind, want[i]);
    }
    ck_assert_int_eq(i, 3);
    arena_free(&t.a);
    parse(&t, "def f(x):\n    class A: pass\n    s = f'{x}'\n    return $\n");
    ck_assert_int_eq(t.d.count, 3);
    ck_assert_int_eq(t.d.first->kind, DK_UNSUPPORTED);
    ck_assert_int_eq(t.d.first->next->kind, DK_UNSUPPORTED);
    ck_assert_int_eq(t.d.last->kind, DK_SYNTAX);
    ck_assert_str_eq(t.d.last->msg, "invalid character '$' (U+0024)");
    char *r = diag_render(&t.d);
    ck_assert_ptr_nonnull(strstr(r, "t.py:4:12: error: invalid character '$' (U+0024)\n      return $\n"
                                    "             ^\n"));
    free(r);
    arena_free(&t.a);
}
END_TEST

START_TEST(test_error_recovery)
{
    /* several errors in one run; the good functions around them survive */
    Parsed t;
    Module *m = parse(&t,
        "def a(x):\n    return x +\n"
        "def b(x):\n    y = 1 +* 2\n    return y\n"
        "def c(x):\n    if x\n        return 1\n    return 2\n"
        "def d(x):\n    return x * 2\n"
        "def e(1):\n    return 1\n"
        "def g(x):\n    while x y:\n        pass\n    return x\n");
    ck_assert_str_eq(errors_of(&t),
                     "2:15: expected an expression, found end of line\n"
                     "4:12: expected an expression, found '*'\n"
                     "7:9: expected ':', found end of line\n"
                     "12:7: expected a name, found '1'\n"
                     "15:13: expected ':', found 'y'\n");
    ck_assert_int_eq(m->nfuncs, 5);     /* e's header failed: dropped */
    ck_assert_str_eq(func_dump(m->funcs[0]), "(def a (x) {})");
    ck_assert_str_eq(func_dump(m->funcs[2]), "(def c (x) {(return 2)})");
    ck_assert_str_eq(func_dump(m->funcs[3]), "(def d (x) {(return (* x 2))})");
    ck_assert_str_eq(func_dump(m->funcs[4]), "(def g (x) {(return x)})");
    arena_free(&t.a);
}
END_TEST

START_TEST(test_error_cap)
{
    char src[40000];
    size_t n = (size_t)sprintf(src, "def f():\n");
    for (int i = 0; i < 200; i++)
        n += (size_t)sprintf(src + n, "    x = $%d\n", i);
    Parsed t;
    parse(&t, src);
    ck_assert_int_eq(t.d.count, 200);   /* counted, though only DIAG_MAX are kept */
    int kept = 0;
    for (Diag *g = t.d.first; g; g = g->next)
        kept++;
    ck_assert_int_eq(kept, DIAG_MAX);
    arena_free(&t.a);
}
END_TEST

/* ---- limits ---- */

static char *repeat(const char *head, const char *unit, int n, const char *tail)
{
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
    char *s = malloc(hl + ul * (size_t)n + tl + 1);
    memcpy(s, head, hl);
    for (int i = 0; i < n; i++)
        memcpy(s + hl + ul * (size_t)i, unit, ul);
    memcpy(s + hl + ul * (size_t)n, tail, tl + 1);
    return s;
}

START_TEST(test_deep_nesting)
{
    const char *units[] = { "(", "[", "-", "not ", "f(", "a[", "x**", "a if b else " };
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
        char *s = repeat("def f():\n    return ", units[i], 100000, "x\n");
        Parsed t;
        parse(&t, s);
        ck_assert_int_ge(t.d.count, 1);
        ck_assert_msg(strstr(t.d.first->msg, "expression nested too deeply (limit 200)"), "%s: %s", units[i],
                      t.d.first->msg);
        arena_free(&t.a);
        free(s);
    }
    /* 150 levels are fine */
    char *s = repeat("def f():\n    return ", "(", 150, "x");
    char *s2 = repeat(s, ")", 150, "\n");
    Parsed t;
    parse(&t, s2);
    ck_assert_int_eq(t.d.count, 0);
    arena_free(&t.a);
    free(s);
    free(s2);
}
END_TEST

/* Long flat chains are loops in the parser and in ast_clone_func. */
START_TEST(test_long_chains)
{
    const char *units[] = { "x+", "x*", "x or ", "x and ", "x < " };
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
        char *s = repeat("def f(x):\n    return ", units[i], 100000, "x\n");
        Parsed t;
        parse(&t, s);
        ck_assert_int_eq(t.d.count, 0);
        Arena a2;
        arena_init(&a2);
        FuncDef *c = ast_clone_func(&a2, t.m->funcs[0]);
        ck_assert_ptr_nonnull(c);
        arena_free(&t.a);     /* the copy must not point into the original */
        Expr *e = c->body.stmts[0]->ret.value;
        int depth = 0;
        while (e->kind == EX_BINOP || e->kind == EX_BOOLOP) {
            e = e->kind == EX_BINOP ? e->bin.l : e->boolop.l;
            depth++;
        }
        ck_assert_int_eq(depth, units[i][2] == '<' ? 0 : 100000);
        ck_assert_str_eq(e->kind == EX_COMPARE ? e->cmp.xs[100000]->name : e->name, "x");
        arena_free(&a2);
        free(s);
    }
    char *s = repeat("def f(x):\n    return x", ".a[0](1)", 30000, "\n");
    char *s2 = repeat("def f(x):\n    if x: pass\n", "    elif x: pass\n", 30000, "");
    const char *srcs[] = { s, s2 };
    for (int i = 0; i < 2; i++) {
        Parsed t;
        parse(&t, srcs[i]);
        ck_assert_int_eq(t.d.count, 0);
        Arena a2;
        arena_init(&a2);
        ck_assert_ptr_nonnull(ast_clone_func(&a2, t.m->funcs[0]));
        arena_free(&a2);
        arena_free(&t.a);
    }
    free(s);
    free(s2);
}
END_TEST

START_TEST(test_too_many_args)
{
    char *s = repeat("def f(x):\n    return g(", "x, ", 300, ")\n");
    ck_assert_str_eq(errors(s), "2:779: too many arguments in call (limit 255)\n");
    free(s);
}
END_TEST

/* ---- deep copy ---- */

START_TEST(test_clone)
{
    const char *src =
        "@njit(fastmath=True)\n"
        "def f(a: float64[:, ::1], n: int64 = 3, *, ) -> float64:\n"
        "    'doc'\n"
        "    s = t = 0.0\n"
        "    for i, j in zip(range(n), a[1:-1, ::2]):\n"
        "        if a[i] < 0 <= j and not i or -i ** 2:\n"
        "            s += a[i] if i else math.sqrt(j, k=1)\n"
        "        elif i: continue\n"
        "        else: break\n"
        "    while s is not None: raise ValueError('x')\n"
        "    assert s, 'm'\n"
        "    return (s, [t], ~i, +i, True, None)\n";
    Parsed t;
    parse(&t, src);
    ck_assert_int_eq(t.d.count, 1);   /* the bare '*' */
    arena_free(&t.a);
    src = strstr(src, "-> float64") ? src : NULL;
    const char *ok = "@njit(fastmath=True)\n"
        "def f(a: float64[:, ::1], n: int64 = 3) -> float64:\n"
        "    'doc'\n"
        "    s = t = 0.0\n"
        "    for i, j in zip(range(n), a[1:-1, ::2]):\n"
        "        if a[i] < 0 <= j and not i or -i ** 2:\n"
        "            s += a[i] if i else math.sqrt(j, k=1)\n"
        "        elif i: continue\n"
        "        else: break\n"
        "    while s is not None: raise ValueError('x')\n"
        "    assert s, 'm'\n"
        "    return (s, [t], ~i, +i, True, None)\n";
    parse(&t, ok);
    ck_assert_int_eq(t.d.count, 0);
    FuncDef *f = t.m->funcs[0];
    char before[8192];
    snprintf(before, sizeof before, "%s", func_dump(f));
    Arena a2;
    arena_init(&a2);
    FuncDef *c = ast_clone_func(&a2, f);
    ck_assert_ptr_nonnull(c);
    ck_assert_ptr_ne(c->body.stmts, f->body.stmts);
    ck_assert_ptr_ne(c->params[0].annot, f->params[0].annot);
    ck_assert_ptr_ne(c->name, f->name);
    ck_assert_ptr_eq(c->src_start, f->src_start);
    ck_assert_int_eq(c->src_len, f->src_len);
    ck_assert_int_eq(c->pos.line, 2);
    arena_free(&t.a);   /* the clone stands alone (valgrind checks this) */
    ck_assert_str_eq(func_dump(c), before);
    ck_assert_str_eq(before,
                     "(def f @(call njit fastmath=True) (a:(sub float64 (tuple (slice _ _ _) (slice _ _ 1))) "
                     "n:int64=3) -> float64 {(expr 'doc') (= s t 0) (for (tuple i j) (call zip (call range n) "
                     "(sub a (tuple (slice 1 (neg 1) _) (slice _ _ 2)))) {(if (or (and (cmp (sub a i) < 0 <= j) "
                     "(not i)) (neg (** i 2))) {(+= s (ifexp i (sub a i) (call (. math sqrt) j k=1)))} else "
                     "{(if i {continue} else {break})})}) (while (cmp s is not None) {(raise (call ValueError "
                     "'x'))}) (assert s 'm') (return (tuple s (list t) (inv i) (pos i) True None))})");
    arena_free(&a2);
}
END_TEST

/* ---- garbage ---- */

static uint32_t next_rand(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

START_TEST(test_random_bytes)
{
    uint32_t seed = 777;
    char buf[600];
    for (int iter = 0; iter < 2000; iter++) {
        size_t n = next_rand(&seed) % sizeof buf;
        for (size_t i = 0; i < n; i++)
            buf[i] = (char)next_rand(&seed);
        Parsed t;
        parse_len(&t, buf, n);
        arena_free(&t.a);
    }
}
END_TEST

/* Token soup: valid pieces in random order hit the parser's error paths. */
START_TEST(test_token_soup)
{
    static const char *const pieces[] = {
        "def ", "f", "(", ")", ":", "\n", "    ", "\t", "return ", "x", "1", "2.5", ",", "=", "+", "-",
        "**", "[", "]", "{", "}", "if ", "else ", "elif ", "for ", "in ", "while ", "not ", "and ",
        "or ", "is ", "@", ".", "'s'", "f'x'", "lambda ", "class ", "try", "except", "import ",
        "from ", "numpy", "os", "as ", "pass", "break", "*", "//", ":=", "...", "\\\n", "#c\n",
        "9223372036854775808", "__name__", "==", "\"__main__\"", "yield ", "\0", "\xFF", ";",
    };
    uint32_t seed = 4242;
    char buf[2048];
    for (int iter = 0; iter < 3000; iter++) {
        size_t n = 0;
        int k = (int)(next_rand(&seed) % 80);
        for (int i = 0; i < k; i++) {
            const char *p = pieces[next_rand(&seed) % (sizeof pieces / sizeof *pieces)];
            size_t l = *p ? strlen(p) : 1;
            memcpy(buf + n, p, l);
            n += l;
        }
        Parsed t;
        parse_len(&t, buf, n);
        for (int i = 0; i < t.m->nfuncs; i++) {
            Arena a2;
            arena_init(&a2);
            ck_assert_ptr_nonnull(ast_clone_func(&a2, t.m->funcs[i]));
            arena_free(&a2);
        }
        arena_free(&t.a);
    }
}
END_TEST

Suite *suite_parse(void)
{
    Suite *s = suite_create("parse");
    TCase *tc = tcase_create("parse");
    tcase_add_test(tc, test_precedence);
    tcase_add_test(tc, test_atoms);
    tcase_add_test(tc, test_trailers);
    tcase_add_test(tc, test_slices);
    tcase_add_test(tc, test_positions);
    tcase_add_test(tc, test_assignments);
    tcase_add_test(tc, test_control_flow);
    tcase_add_test(tc, test_simple_statements);
    tcase_add_test(tc, test_module_structure);
    tcase_add_test(tc, test_function_source_span);
    tcase_add_test(tc, test_main_guard_skipped);
    tcase_add_test(tc, test_find_func_and_names);
    tcase_add_test(tc, test_syntax_errors);
    tcase_add_test(tc, test_unsupported_constructs);
    tcase_add_test(tc, test_unsupported_imports_and_toplevel);
    tcase_add_test(tc, test_error_kinds);
    tcase_add_test(tc, test_error_recovery);
    tcase_add_test(tc, test_error_cap);
    tcase_add_test(tc, test_deep_nesting);
    tcase_add_test(tc, test_long_chains);
    tcase_add_test(tc, test_too_many_args);
    tcase_add_test(tc, test_clone);
    tcase_add_test(tc, test_random_bytes);
    tcase_add_test(tc, test_token_soup);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    return s;
}
