/* stencil.c - @stencil kernels become ordinary kernel-language functions.
 *
 * Input: a parsed Module. Output: the same Module in which every function
 * decorated with numba's @stencil is replaced, as Numba does it, by source
 * that the rest of the compiler already knows:
 *
 *     @stencil(cval=c)                        def k$kernel($i0, $i1, a, w):
 *     def k(a, w):                                return w * (a[$i0 + -1, $i1 + 0]
 *         return w * (a[-1, 0] + a[0, 1])                   + a[$i0 + 0, $i1 + 1])
 *                                      ==>
 *                                             def k(a, w):
 *                                                 $out = np.full(a.shape, c,
 *                                                     _dtype_of(k$kernel(0, 0, a, w)))
 *                                                 for $i0 in range(1, a.shape[0] - 0):
 *                                                     for $i1 in range(0, a.shape[1] - 1):
 *                                                         $out[$i0, $i1] = k$kernel($i0, $i1, a, w)
 *                                                 return $out
 *
 * plus k$par, the same driver with prange for the outer loop, which calls
 * from @njit(parallel=True) code use. The arrays indexed relatively are the
 * parameters subscripted in the body (less standard_indexing=); the
 * neighborhood is the range of their constant offsets (always including 0)
 * or the one given with neighborhood=. The output has the kernel's return
 * type as its dtype and cval (default 0) on the border, as in Numba; the
 * kernel is a function of its own, so `return` anywhere in it works.
 *
 * Runs at load, before inference; reports malformed stencils into the
 * Diags with their positions. */
#include <stdio.h>
#include <string.h>

#include "ast.h"

#define ST_MAX_NDIM 8

typedef struct Stencil {
    Arena *a;
    Diags *d;
    const Module *m;
    FuncDef *f;
    int ndim;                     /* 0 until the first relative index */
    Pos ndim_pos;
    int given;                    /* neighborhood= was given */
    int64_t lo[ST_MAX_NDIM], hi[ST_MAX_NDIM];
    Expr *cval;
    const char *plain[16];        /* standard_indexing= */
    int nplain;
    char relative[256];           /* relative[i]: parameter i is indexed relatively */
    int errors;
} Stencil;

/* ---------- small AST builders ---------- */

static Expr *mk(Stencil *s, ExprKind k, Pos pos) { return ast_new_expr(s->a, k, pos); }
static Expr *mk_name(Stencil *s, const char *name, Pos pos) { return ast_name(s->a, name, pos); }

static Expr *mk_int(Stencil *s, int64_t v, Pos pos)
{
    Expr *e = mk(s, EX_INT, pos);
    if (e)
        e->ival = v;
    return e;
}

static Expr *mk_bin(Stencil *s, BinOp op, Expr *l, Expr *r, Pos pos)
{
    Expr *e = mk(s, EX_BINOP, pos);
    if (e) {
        e->bin.op = op;
        e->bin.l = l;
        e->bin.r = r;
    }
    return e;
}

static Expr *mk_attr(Stencil *s, Expr *obj, const char *name, Pos pos)
{
    Expr *e = mk(s, EX_ATTR, pos);
    if (e) {
        e->attr.obj = obj;
        e->attr.name = name;
    }
    return e;
}

static Expr *mk_sub(Stencil *s, Expr *obj, Expr *index, Pos pos)
{
    Expr *e = mk(s, EX_SUBSCRIPT, pos);
    if (e) {
        e->sub.obj = obj;
        e->sub.index = index;
    }
    return e;
}

static Expr *mk_call(Stencil *s, const char *fn, Expr **args, int n, Pos pos)
{
    return ast_call(s->a, fn, args, n, pos);
}

static Expr *mk_tuple(Stencil *s, Expr **xs, int n, Pos pos)
{
    if (n == 1)
        return xs[0];
    Expr *e = mk(s, EX_TUPLE, pos);
    Expr **c = arena_array(s->a, (size_t)n + 1, sizeof *c);
    if (!e || !c)
        return NULL;
    memcpy(c, xs, (size_t)n * sizeof *c);
    e->tuple.xs = c;
    e->tuple.n = n;
    return e;
}

static Stmt *mk_stmt(Stencil *s, StmtKind k, Pos pos)
{
    Stmt *st = arena_alloc(s->a, sizeof *st);
    if (st) {
        st->kind = k;
        st->pos = pos;
    }
    return st;
}

static Stmt *mk_assign(Stencil *s, Expr *target, Expr *value, Pos pos)
{
    Stmt *st = mk_stmt(s, ST_ASSIGN, pos);
    Expr **t = arena_array(s->a, 1, sizeof *t);
    if (!st || !t)
        return NULL;
    t[0] = target;
    st->assign.targets = t;
    st->assign.ntargets = 1;
    st->assign.value = value;
    return st;
}

static Block mk_block(Stencil *s, Stmt **stmts, int n)
{
    Block b = {arena_array(s->a, (size_t)n + 1, sizeof *b.stmts), n};
    if (b.stmts)
        memcpy(b.stmts, stmts, (size_t)n * sizeof *stmts);
    else
        b.n = 0;
    return b;
}

static const char *dim_var(Stencil *s, int k) { return arena_printf(s->a, "$i%d", k); }

/* ---------- reading the decorator ---------- */

#define error(s, pos, ...) (diag_error((s)->d, DK_TYPE, (pos), __VA_ARGS__), (s)->errors++)

/* Whether decorator expression e is numba's stencil (through the imports). */
static int is_stencil_decorator(const Module *m, const Expr *e)
{
    const Expr *c = e->kind == EX_CALL ? e->call.fn : e;
    for (int i = m->nimports - 1; i >= 0; i--) {
        const Import *im = &m->imports[i];
        if (c->kind == EX_NAME && !strcmp(im->alias, c->name))
            return im->member && !strcmp(im->member, "stencil") && !strncmp(im->module, "numba", 5);
        if (c->kind == EX_ATTR && c->attr.obj->kind == EX_NAME && !strcmp(im->alias, c->attr.obj->name))
            return !im->member && !strcmp(im->module, "numba") && !strcmp(c->attr.name, "stencil");
    }
    return 0;
}

/* A constant integer offset: 3, -1, +2, or a module constant holding one. */
static int const_int(const Module *m, const Expr *e, int64_t *v, int depth)
{
    if (depth > 16)
        return 0;
    if (e->kind == EX_INT) {
        *v = e->ival;
        return 1;
    }
    if (e->kind == EX_UNARY && (e->un.op == UOP_NEG || e->un.op == UOP_POS) && const_int(m, e->un.x, v, depth + 1)) {
        if (e->un.op == UOP_NEG)
            *v = -*v;
        return 1;
    }
    if (e->kind == EX_NAME)
        for (int i = m->nglobals - 1; i >= 0; i--)
            if (!strcmp(m->globals[i].name, e->name))
                return const_int(m, m->globals[i].value, v, depth + 1);
    return 0;
}

static void read_neighborhood(Stencil *s, Expr *v)
{
    if (v->kind != EX_TUPLE && v->kind != EX_LIST) {
        error(s, v->pos, "neighborhood must be a tuple of (low, high) pairs, one per dimension");
        return;
    }
    if (v->tuple.n < 1 || v->tuple.n > ST_MAX_NDIM) {
        error(s, v->pos, "neighborhood must have 1 to %d dimensions", ST_MAX_NDIM);
        return;
    }
    for (int k = 0; k < v->tuple.n; k++) {
        Expr *p = v->tuple.xs[k];
        if ((p->kind != EX_TUPLE && p->kind != EX_LIST) || p->tuple.n != 2 ||
            !const_int(s->m, p->tuple.xs[0], &s->lo[k], 0) || !const_int(s->m, p->tuple.xs[1], &s->hi[k], 0)) {
            error(s, p->pos, "each neighborhood entry must be a pair of constant integers (low, high)");
            return;
        }
        if (s->lo[k] > s->hi[k]) {
            error(s, p->pos, "neighborhood (%lld, %lld) has its low end above its high end", (long long)s->lo[k],
                  (long long)s->hi[k]);
            return;
        }
    }
    s->ndim = v->tuple.n;
    s->ndim_pos = v->pos;
    s->given = 1;
}

static void read_options(Stencil *s, Expr *dec)
{
    if (dec->kind != EX_CALL)
        return;
    for (int i = 0; i < dec->call.nargs; i++) {
        Expr *x = dec->call.args[i];
        if (x->kind != EX_STR || strcmp(x->str, "constant"))
            error(s, x->pos, "the only stencil mode is 'constant'");
    }
    for (int k = 0; k < dec->call.nkw; k++) {
        Keyword *kw = &dec->call.kw[k];
        if (!strcmp(kw->name, "neighborhood"))
            read_neighborhood(s, kw->value);
        else if (!strcmp(kw->name, "cval"))
            s->cval = kw->value;
        else if (!strcmp(kw->name, "standard_indexing")) {
            Expr *v = kw->value;
            int n = v->kind == EX_TUPLE || v->kind == EX_LIST ? v->tuple.n : 1;
            Expr **xs = v->kind == EX_TUPLE || v->kind == EX_LIST ? v->tuple.xs : &v;
            for (int j = 0; j < n && s->nplain < 16; j++) {
                if (xs[j]->kind != EX_STR)
                    error(s, xs[j]->pos, "standard_indexing lists parameter names as strings");
                else
                    s->plain[s->nplain++] = xs[j]->str;
            }
        } else
            error(s, kw->pos, "unknown stencil option '%s' (stencils take neighborhood, cval and "
                  "standard_indexing)", kw->name);
    }
}

/* ---------- relative indices ---------- */

static int param_index(Stencil *s, const char *name)
{
    for (int i = 0; i < s->f->nparams; i++)
        if (!strcmp(s->f->params[i].name, name)) {
            for (int k = 0; k < s->nplain; k++)
                if (!strcmp(s->plain[k], name))
                    return -1;
            return i;
        }
    return -1;
}

/* a[i, j] with a relatively indexed array: checks the offsets, widens the
 * neighborhood, and rewrites every offset x into $ik + x. */
static void relative_index(Stencil *s, Expr *e)
{
    Expr *ix = e->sub.index;
    int n = ix->kind == EX_TUPLE ? ix->tuple.n : 1;
    Expr **xs = ix->kind == EX_TUPLE ? ix->tuple.xs : &ix;
    if (n > ST_MAX_NDIM) {
        error(s, ix->pos, "stencil index has more than %d dimensions", ST_MAX_NDIM);
        return;
    }
    if (s->ndim && n != s->ndim) {
        if (s->given)
            error(s, ix->pos, "stencil index has %d dimensions but the neighborhood has %d", n, s->ndim);
        else
            error(s, ix->pos, "stencil index has %d dimensions but the one at line %d has %d", n,
                  s->ndim_pos.line, s->ndim);
        return;
    }
    if (!s->ndim) {
        s->ndim = n;
        s->ndim_pos = ix->pos;
        for (int k = 0; k < n; k++)
            s->lo[k] = s->hi[k] = 0;
    }
    for (int k = 0; k < n; k++) {
        Expr *x = xs[k];
        int64_t v;
        if (x->kind == EX_SLICE) {
            error(s, x->pos, "slices are not supported in stencil kernels; index the array element by element");
            return;
        }
        if (!const_int(s->m, x, &v, 0)) {
            if (!s->given) {
                error(s, x->pos, "relative index must be a constant integer; give the stencil a neighborhood= "
                      "to use a variable offset");
                return;
            }
        } else if (s->given && (v < s->lo[k] || v > s->hi[k])) {
            error(s, x->pos, "relative index %lld is outside the neighborhood (%lld, %lld) of dimension %d",
                  (long long)v, (long long)s->lo[k], (long long)s->hi[k], k);
            return;
        } else if (!s->given) {
            s->lo[k] = v < s->lo[k] ? v : s->lo[k];
            s->hi[k] = v > s->hi[k] ? v : s->hi[k];
        }
        /* a constant offset is written as a literal ($i0 - 1 and $i0 alone),
         * the forms the bounds-check elimination recognizes */
        int is_const = const_int(s->m, x, &v, 0);
        Expr *iv = mk_name(s, dim_var(s, k), x->pos);
        if (is_const && v == 0)
            xs[k] = iv;
        else if (is_const)
            xs[k] = mk_bin(s, v < 0 ? OP_SUB : OP_ADD, iv, mk_int(s, v < 0 ? -v : v, x->pos), x->pos);
        else
            xs[k] = mk_bin(s, OP_ADD, iv, x, x->pos);
    }
    if (ix->kind != EX_TUPLE)
        e->sub.index = xs[0];
}

static void walk_block(Stencil *s, Block *b);

static void walk_expr(Stencil *s, Expr *e)
{
    if (!e)
        return;
    switch (e->kind) {
    case EX_SUBSCRIPT: {
        walk_expr(s, e->sub.index);
        int p = e->sub.obj->kind == EX_NAME ? param_index(s, e->sub.obj->name) : -1;
        if (p >= 0) {
            s->relative[p] = 1;
            relative_index(s, e);
        } else
            walk_expr(s, e->sub.obj);
        break;
    }
    case EX_ATTR: walk_expr(s, e->attr.obj); break;
    case EX_CALL:
        walk_expr(s, e->call.fn);
        for (int i = 0; i < e->call.nargs; i++)
            walk_expr(s, e->call.args[i]);
        for (int i = 0; i < e->call.nkw; i++)
            walk_expr(s, e->call.kw[i].value);
        break;
    case EX_SLICE:
        walk_expr(s, e->slice.lo);
        walk_expr(s, e->slice.hi);
        walk_expr(s, e->slice.step);
        break;
    case EX_BINOP: walk_expr(s, e->bin.l); walk_expr(s, e->bin.r); break;
    case EX_UNARY: walk_expr(s, e->un.x); break;
    case EX_COMPARE:
        for (int i = 0; i < e->cmp.n; i++)
            walk_expr(s, e->cmp.xs[i]);
        break;
    case EX_BOOLOP: walk_expr(s, e->boolop.l); walk_expr(s, e->boolop.r); break;
    case EX_IFEXP:
        walk_expr(s, e->ifexp.cond);
        walk_expr(s, e->ifexp.body);
        walk_expr(s, e->ifexp.orelse);
        break;
    case EX_TUPLE: case EX_LIST:
        for (int i = 0; i < e->tuple.n; i++)
            walk_expr(s, e->tuple.xs[i]);
        break;
    default:
        break;
    }
}

static void walk_block(Stencil *s, Block *b)
{
    for (int i = 0; i < b->n; i++) {
        Stmt *st = b->stmts[i];
        switch (st->kind) {
        case ST_EXPR: walk_expr(s, st->expr.e); break;
        case ST_ASSIGN:
            for (int k = 0; k < st->assign.ntargets; k++) {
                Expr *t = st->assign.targets[k];
                if (t->kind == EX_SUBSCRIPT && t->sub.obj->kind == EX_NAME && param_index(s, t->sub.obj->name) >= 0)
                    error(s, t->pos, "a stencil kernel cannot write into its input '%s'", t->sub.obj->name);
                walk_expr(s, t);
            }
            walk_expr(s, st->assign.value);
            break;
        case ST_AUGASSIGN: walk_expr(s, st->aug.target); walk_expr(s, st->aug.value); break;
        case ST_IF: walk_expr(s, st->if_.cond); walk_block(s, &st->if_.then); walk_block(s, &st->if_.orelse); break;
        case ST_WHILE:
            walk_expr(s, st->while_.cond);
            walk_block(s, &st->while_.body);
            walk_block(s, &st->while_.orelse);
            break;
        case ST_FOR:
            walk_expr(s, st->for_.iter);
            walk_block(s, &st->for_.body);
            walk_block(s, &st->for_.orelse);
            break;
        case ST_RETURN: walk_expr(s, st->ret.value); break;
        case ST_RAISE: walk_expr(s, st->raise_.exc); break;
        case ST_ASSERT: walk_expr(s, st->assert_.cond); walk_expr(s, st->assert_.msg); break;
        default: break;
        }
    }
}

/* ---------- the driver ---------- */

/* The arguments of a call of the kernel: the loop indices (or zeros), then
 * the driver's parameters. */
static Expr *kernel_call(Stencil *s, const char *kname, int zeros, Pos pos)
{
    int n = s->ndim + s->f->nparams;
    Expr **args = arena_array(s->a, (size_t)n + 1, sizeof *args);
    if (!args)
        return NULL;
    for (int k = 0; k < s->ndim; k++)
        args[k] = zeros ? mk_int(s, 0, pos) : mk_name(s, dim_var(s, k), pos);
    for (int i = 0; i < s->f->nparams; i++)
        args[s->ndim + i] = mk_name(s, s->f->params[i].name, pos);
    return mk_call(s, kname, args, n, pos);
}

/* `if b.shape[k] != a.shape[k] or ...: raise ValueError(...)` for every
 * other relatively indexed array b. */
static Stmt *shape_check(Stencil *s, const char *first, const char *other, Pos pos)
{
    Expr *cond = NULL;
    for (int k = 0; k < s->ndim; k++) {
        Expr *x[2];
        const char *names[2] = {other, first};
        for (int j = 0; j < 2; j++)
            x[j] = mk_sub(s, mk_attr(s, mk_name(s, names[j], pos), "shape", pos), mk_int(s, k, pos), pos);
        Expr *c = mk(s, EX_COMPARE, pos);
        Expr **xs = arena_array(s->a, 2, sizeof *xs);
        CmpOp *ops = arena_array(s->a, 1, sizeof *ops);
        if (!c || !xs || !ops)
            return NULL;
        xs[0] = x[0];
        xs[1] = x[1];
        ops[0] = CMP_NE;
        c->cmp.n = 2;
        c->cmp.xs = xs;
        c->cmp.ops = ops;
        if (!cond)
            cond = c;
        else {
            Expr *o = mk(s, EX_BOOLOP, pos);
            if (!o)
                return NULL;
            o->boolop.is_and = 0;
            o->boolop.l = cond;
            o->boolop.r = c;
            cond = o;
        }
    }
    Expr *msg = mk(s, EX_STR, pos);
    Stmt *r = mk_stmt(s, ST_RAISE, pos), *iff = mk_stmt(s, ST_IF, pos);
    if (!msg || !r || !iff)
        return NULL;
    msg->str = arena_printf(s->a, "stencil '%s': array '%s' does not have the shape of '%s'", s->f->name, other,
                            first);
    r->raise_.exc = mk_call(s, "ValueError", &msg, 1, pos);
    iff->if_.cond = cond;
    iff->if_.then = mk_block(s, &r, 1);
    return iff;
}

/* Whether a block returns anywhere (a kernel with one final return is
 * inlined into the loop nest). */
static int has_return(const Block *b)
{
    for (int i = 0; i < b->n; i++) {
        const Stmt *st = b->stmts[i];
        if (st->kind == ST_RETURN)
            return 1;
        if ((st->kind == ST_IF && (has_return(&st->if_.then) || has_return(&st->if_.orelse))) ||
            (st->kind == ST_WHILE && (has_return(&st->while_.body) || has_return(&st->while_.orelse))) ||
            (st->kind == ST_FOR && (has_return(&st->for_.body) || has_return(&st->for_.orelse))))
            return 1;
    }
    return 0;
}

static int assigns_name(const Expr *t, const char *name)
{
    if (t->kind == EX_NAME)
        return !strcmp(t->name, name);
    if (t->kind == EX_TUPLE)
        for (int i = 0; i < t->tuple.n; i++)
            if (assigns_name(t->tuple.xs[i], name))
                return 1;
    return 0;
}

/* Whether a block assigns to a name (a parameter the kernel reuses as a
 * local cannot be inlined: it would carry over between elements). */
static int block_assigns(const Block *b, const char *name)
{
    for (int i = 0; i < b->n; i++) {
        const Stmt *st = b->stmts[i];
        switch (st->kind) {
        case ST_ASSIGN:
            for (int k = 0; k < st->assign.ntargets; k++)
                if (assigns_name(st->assign.targets[k], name))
                    return 1;
            break;
        case ST_AUGASSIGN: if (assigns_name(st->aug.target, name)) return 1; break;
        case ST_FOR:
            if (assigns_name(st->for_.target, name) || block_assigns(&st->for_.body, name) ||
                block_assigns(&st->for_.orelse, name))
                return 1;
            break;
        case ST_IF:
            if (block_assigns(&st->if_.then, name) || block_assigns(&st->if_.orelse, name))
                return 1;
            break;
        case ST_WHILE:
            if (block_assigns(&st->while_.body, name) || block_assigns(&st->while_.orelse, name))
                return 1;
            break;
        default: break;
        }
    }
    return 0;
}

/* The statements computing one element: the kernel's body with its final
 * `return x` made `$out[$i0, ...] = x` when that is its only return (then
 * the loads are visible to the loop optimizations: bounds checks proven,
 * vectorization), else a call of the kernel. */
static Block element_body(Stencil *s, const char *kname, Expr *target, Pos pos)
{
    const Block *b = &s->f->body;
    int inline_ok = b->n > 0 && b->stmts[b->n - 1]->kind == ST_RETURN && b->stmts[b->n - 1]->ret.value;
    if (inline_ok) {
        Block head = {b->stmts, b->n - 1};
        inline_ok = !has_return(&head);
        for (int i = 0; i < s->f->nparams && inline_ok; i++)
            inline_ok = !block_assigns(b, s->f->params[i].name);
    }
    if (!inline_ok) {
        Stmt *st = mk_assign(s, target, kernel_call(s, kname, 0, pos), pos);
        return mk_block(s, &st, 1);
    }
    Stmt **sts = arena_array(s->a, (size_t)b->n + 1, sizeof *sts);
    if (!sts)
        return (Block){0};
    memcpy(sts, b->stmts, (size_t)(b->n - 1) * sizeof *sts);
    sts[b->n - 1] = mk_assign(s, target, b->stmts[b->n - 1]->ret.value, b->stmts[b->n - 1]->pos);
    return (Block){sts, b->n};
}

/* The loop nest over the interior, the outer loop a prange when parallel. */
static Stmt *loop_nest(Stencil *s, const char *first, const char *kname, int parallel, Pos pos)
{
    Expr *idx[ST_MAX_NDIM];
    for (int k = 0; k < s->ndim; k++)
        idx[k] = mk_name(s, dim_var(s, k), pos);
    Block body = element_body(s, kname, mk_sub(s, mk_name(s, "$out", pos), mk_tuple(s, idx, s->ndim, pos), pos), pos);
    Stmt *inner = NULL;
    for (int k = s->ndim - 1; k >= 0; k--) {
        Expr *shape = mk_sub(s, mk_attr(s, mk_name(s, first, pos), "shape", pos), mk_int(s, k, pos), pos);
        Expr *args[2] = {mk_int(s, -s->lo[k], pos), mk_bin(s, OP_SUB, shape, mk_int(s, s->hi[k], pos), pos)};
        Stmt *loop = mk_stmt(s, ST_FOR, pos);
        if (!loop)
            return NULL;
        loop->for_.target = mk_name(s, dim_var(s, k), pos);
        loop->for_.iter = mk_call(s, k == 0 && parallel ? "$numba.prange" : "$range", args, 2, pos);
        loop->for_.body = inner ? mk_block(s, &inner, 1) : body;
        inner = loop;
    }
    return inner;
}

/* A driver: NAME (allocates its result), NAME$par, and with_out, NAME$out
 * and NAME$out$par, which take the output array as a last parameter `out`
 * (k(a, out=o) is redirected to them by inference) and leave its border
 * alone, as Numba does. */
/* out[..., :lo, ...] = cval and out[..., n - hi:, ...] = cval along every
 * dimension: the border of a given output, when the stencil has a cval. */
static int fill_border(Stencil *s, const char *first, Stmt **body, int n, Pos pos)
{
    for (int d = 0; d < s->ndim; d++)
        for (int side = 0; side < 2; side++) {
            int64_t w = side ? s->hi[d] : -s->lo[d];
            if (w == 0)
                continue;
            Expr *ix[ST_MAX_NDIM];
            for (int k = 0; k < s->ndim; k++) {
                ix[k] = mk(s, EX_SLICE, pos);
                if (!ix[k])
                    return -1;
            }
            if (side) {
                Expr *dim = mk_sub(s, mk_attr(s, mk_name(s, first, pos), "shape", pos), mk_int(s, d, pos), pos);
                ix[d]->slice.lo = mk_bin(s, OP_SUB, dim, mk_int(s, w, pos), pos);
            } else
                ix[d]->slice.hi = mk_int(s, w, pos);
            body[n++] = mk_assign(s, mk_sub(s, mk_name(s, "$out", pos), mk_tuple(s, ix, s->ndim, pos), pos),
                                  s->cval, pos);
        }
    return n;
}

static FuncDef *make_driver(Stencil *s, const char *name, const char *kname, int parallel, int with_out)
{
    FuncDef *f = s->f, *g = arena_alloc(s->a, sizeof *g);
    if (!g)
        return NULL;
    *g = *f;
    g->name = name;
    g->decorators = NULL;
    g->ndecorators = 0;
    g->stencil = (with_out ? 3 : 1) + (parallel ? 1 : 0);
    if (with_out) {
        Param *ps = arena_array(s->a, (size_t)f->nparams + 2, sizeof *ps);
        if (!ps)
            return NULL;
        memcpy(ps, f->params, (size_t)f->nparams * sizeof *ps);
        ps[f->nparams] = (Param){.name = "out", .pos = f->pos};
        g->params = ps;
        g->nparams = f->nparams + 1;
    }
    Pos pos = f->pos;
    const char *first = NULL;
    Stmt *body[64];
    int n = 0;
    for (int i = 0; i < f->nparams; i++) {
        if (!s->relative[i])
            continue;
        if (!first)
            first = f->params[i].name;
        else if (n < 32)
            body[n++] = shape_check(s, first, f->params[i].name, pos);
    }
    if (with_out) {
        body[n++] = shape_check(s, first, "out", pos);
        body[n++] = mk_assign(s, mk_name(s, "$out", pos), mk_name(s, "out", pos), pos);
        /* Numba leaves the border of a given output alone unless there is a cval */
        if (s->cval && (n = fill_border(s, first, body, n, pos)) < 0)
            return NULL;
    } else {
        /* $out = np.full(first.shape, cval, _dtype_of(kernel(0, ..., args))) */
        Expr *dt = kernel_call(s, kname, 1, pos);
        Expr *full[3] = {mk_attr(s, mk_name(s, first, pos), "shape", pos), s->cval ? s->cval : mk_int(s, 0, pos),
                         mk_call(s, "$_dtype_of", &dt, 1, pos)};
        body[n++] = mk_assign(s, mk_name(s, "$out", pos), mk_call(s, "$numpy.full", full, 3, pos), pos);
    }
    body[n++] = loop_nest(s, first, kname, parallel, pos);
    Stmt *ret = mk_stmt(s, ST_RETURN, pos);
    if (ret)
        ret->ret.value = mk_name(s, "$out", pos);
    body[n++] = ret;
    for (int i = 0; i < n; i++)
        if (!body[i])
            return NULL;
    g->body = mk_block(s, body, n);
    return g;
}

/* Rewrites one stencil into its kernel and drivers (appended to out). */
static int expand(Stencil *s, FuncDef *f, FuncDef **out, int *nout)
{
    s->f = f;
    if (f->nparams > 200) {
        error(s, f->pos, "a stencil takes at most 200 parameters");
        return -1;
    }
    for (int i = 0; i < f->ndecorators; i++)
        if (is_stencil_decorator(s->m, f->decorators[i]))
            read_options(s, f->decorators[i]);
    if (s->errors)
        return -1;
    walk_block(s, &f->body);
    if (s->errors)
        return -1;
    int any = 0;
    for (int i = 0; i < f->nparams; i++)
        any |= s->relative[i];
    if (!any || !s->ndim) {
        error(s, f->pos, "stencil '%s' indexes none of its parameters relatively (write a[-1] + a[1])", f->name);
        return -1;
    }
    /* the kernel: the original body, the indices first */
    const char *kname = arena_printf(s->a, "%s$kernel", f->name);
    FuncDef *k = arena_alloc(s->a, sizeof *k);
    Param *ps = arena_array(s->a, (size_t)(s->ndim + f->nparams) + 1, sizeof *ps);
    if (!k || !ps || !kname)
        return -1;
    *k = *f;
    k->name = kname;
    k->decorators = NULL;
    k->ndecorators = 0;
    for (int d = 0; d < s->ndim; d++) {
        ps[d].name = dim_var(s, d);
        ps[d].pos = f->pos;
    }
    for (int i = 0; i < f->nparams; i++) {
        ps[s->ndim + i] = f->params[i];
        ps[s->ndim + i].deflt = NULL;
    }
    k->params = ps;
    k->nparams = s->ndim + f->nparams;
    out[(*nout)++] = k;
    int has_out = 0;
    for (int i = 0; i < f->nparams; i++)
        has_out |= !strcmp(f->params[i].name, "out");
    for (int v = 0; v < (has_out ? 2 : 4); v++) {
        static const char *suffix[4] = {"", "$par", "$out", "$out$par"};
        FuncDef *g = make_driver(s, arena_printf(s->a, "%s%s", f->name, suffix[v]), kname, v & 1, v >= 2);
        if (!g)
            return -1;
        out[(*nout)++] = g;
    }
    return 0;
}

/* `k = stencil(f)`, `k = stencil(neighborhood=...)(f)`: a stencil named k
 * made from a copy of the plain function f (which stays callable as it
 * is). Returns the decorated copy, or NULL if g is not such an alias. */
static FuncDef *stencil_alias(Arena *a, Module *m, const Global *g)
{
    Expr *v = g->value;
    if (v->kind != EX_CALL || v->call.nargs != 1 || v->call.args[0]->kind != EX_NAME)
        return NULL;
    FuncDef *f = ast_find_func(m, v->call.args[0]->name);
    Expr *dec = v->call.fn;
    if (!f)
        return NULL;
    if (v->call.nkw && is_stencil_decorator(m, v)) {
        /* stencil(f, neighborhood=...): the options without f */
        dec = arena_alloc(a, sizeof *dec);
        if (!dec)
            return NULL;
        *dec = *v;
        dec->call.nargs = 0;
    } else if (!is_stencil_decorator(m, dec))
        return NULL;
    for (int k = 0; k < f->ndecorators; k++)
        if (is_stencil_decorator(m, f->decorators[k]))
            return NULL;   /* already a stencil: k is an alias of it */
    FuncDef *c = ast_clone_func(a, f);
    Expr **decs = arena_array(a, 1, sizeof *decs);
    if (!c || !decs)
        return NULL;
    c->name = g->name;
    c->pos = g->pos;
    decs[0] = dec;
    c->decorators = decs;
    c->ndecorators = 1;
    return c;
}

int stencil_expand(Arena *a, Diags *d, Module *m)
{
    int nst = 0, nalias = 0;
    for (int i = 0; i < m->nfuncs; i++)
        for (int k = 0; k < m->funcs[i]->ndecorators; k++)
            nst += is_stencil_decorator(m, m->funcs[i]->decorators[k]);
    FuncDef **aliases = arena_array(a, (size_t)m->nglobals + 1, sizeof *aliases);
    if (!aliases)
        return -1;
    for (int g = 0; g < m->nglobals; g++) {
        FuncDef *c = stencil_alias(a, m, &m->globals[g]);
        if (!c)
            continue;
        aliases[nalias++] = c;
        /* the name now means the stencil, not a module variable */
        memmove(&m->globals[g], &m->globals[g + 1], (size_t)(m->nglobals - g - 1) * sizeof *m->globals);
        m->nglobals--;
        g--;
    }
    nst += nalias;
    if (!nst)
        return 0;
    FuncDef **fs = arena_array(a, (size_t)m->nfuncs + 6 * (size_t)nst + 1, sizeof *fs);
    if (!fs)
        return -1;
    int n = 0, bad = 0;
    for (int i = 0; i < m->nfuncs + nalias; i++) {
        FuncDef *f = i < m->nfuncs ? m->funcs[i] : aliases[i - m->nfuncs];
        int is = 0;
        for (int k = 0; k < f->ndecorators; k++)
            is |= is_stencil_decorator(m, f->decorators[k]);
        if (!is) {
            fs[n++] = f;
            continue;
        }
        Stencil s = {.a = a, .d = d, .m = m};
        if (expand(&s, f, fs, &n) < 0)
            bad = 1;
    }
    m->funcs = fs;
    m->nfuncs = n;
    return bad ? -1 : 0;
}
