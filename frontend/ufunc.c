/* ufunc.c - @vectorize/@guvectorize: layouts, loop selection, and the
 * loop functions synthesized as kernel-language source (see ufunc.h).
 *
 * Input: a Ufunc (read from the decorator by infer.c) and the types of one
 * call. Output: source text of a loop function, parsed here into a FuncDef
 * that inference specializes like user code. Writing the loops in the
 * kernel language keeps one code generator: indexing, views, allocation,
 * prange and the fused array expressions are the ones user code gets. */
#include "ufunc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---------- targets ---------- */

static char *vectorize_loop(Arena *a, const UfuncShape *s, const char *name, const char **err, int par);
static char *guvectorize_loop(Arena *a, const UfuncShape *s, const char *name, const char **err, int par);

static char *cpu_vectorize(Arena *a, const UfuncShape *s, const char *name, const char **err)
{
    (void)a; (void)s; (void)name; (void)err;
    return NULL;   /* inline: an element-wise node of the array expression */
}

static char *par_vectorize(Arena *a, const UfuncShape *s, const char *name, const char **err)
{
    return vectorize_loop(a, s, name, err, 1);
}

static char *cpu_guvectorize(Arena *a, const UfuncShape *s, const char *name, const char **err)
{
    return guvectorize_loop(a, s, name, err, 0);
}

static char *par_guvectorize(Arena *a, const UfuncShape *s, const char *name, const char **err)
{
    return guvectorize_loop(a, s, name, err, 1);
}

static char *cuda_vectorize(Arena *a, const UfuncShape *s, const char *name, const char **err);

static char *cuda_guvectorize(Arena *a, const UfuncShape *s, const char *name, const char **err)
{
    (void)a; (void)s; (void)name;
    *err = "@guvectorize(target='cuda') is not supported yet (use target='cpu' or 'parallel', or a @cuda.jit kernel)";
    return NULL;
}

static const UfuncTarget targets[] = {
    {.name = "cpu", .parallel = 0, .vectorize_loop = cpu_vectorize, .guvectorize_loop = cpu_guvectorize},
    {.name = "parallel", .parallel = 1, .vectorize_loop = par_vectorize, .guvectorize_loop = par_guvectorize},
    {.name = "cuda", .parallel = 0, .vectorize_loop = cuda_vectorize, .guvectorize_loop = cuda_guvectorize},
};

const UfuncTarget *ufunc_target(const char *name)
{
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++)
        if (!strcmp(targets[i].name, name))
            return &targets[i];
    return NULL;
}

/* ---------- layouts ---------- */

static const char *skip_ws(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* args := '(' [name (',' name)*] ')' (',' '(' ... ')')* */
static const char *parse_cores(Arena *a, const char *s, GuCore *core, int *n, const char **err)
{
    *n = 0;
    for (;;) {
        s = skip_ws(s);
        if (*s != '(') {
            *err = "expected '(' in the layout";
            return NULL;
        }
        if (*n >= UF_MAX_ARGS) {
            *err = "too many arguments in the layout";
            return NULL;
        }
        GuCore *c = &core[(*n)++];
        c->ndim = 0;
        s = skip_ws(s + 1);
        while (*s != ')') {
            const char *b = s;
            while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_')
                s++;
            if (s == b || (*b >= '0' && *b <= '9')) {
                *err = "a core dimension must be a name like n";
                return NULL;
            }
            if (c->ndim >= TY_MAX_NDIM) {
                *err = "too many core dimensions";
                return NULL;
            }
            c->dims[c->ndim++] = arena_strndup(a, b, (size_t)(s - b));
            s = skip_ws(s);
            if (*s == ',')
                s = skip_ws(s + 1);
            else if (*s != ')') {
                *err = "expected ',' or ')' in the layout";
                return NULL;
            }
        }
        s = skip_ws(s + 1);
        if (*s != ',')
            return s;
        s++;
    }
}

int ufunc_parse_layout(Arena *a, const char *text, GuCore *core, int *nin, int *nout, const char **err)
{
    const char *s = parse_cores(a, text, core, nin, err);
    if (!s)
        return -1;
    if (s[0] != '-' || s[1] != '>') {
        *err = "expected '->' in the layout";
        return -1;
    }
    GuCore outs[UF_MAX_ARGS];
    s = parse_cores(a, s + 2, outs, nout, err);
    if (!s)
        return -1;
    if (*skip_ws(s)) {
        *err = "unexpected text after the layout";
        return -1;
    }
    if (*nin + *nout > UF_MAX_ARGS) {
        *err = "too many arguments in the layout";
        return -1;
    }
    for (int i = 0; i < *nout; i++)
        core[*nin + i] = outs[i];
    return 0;
}

/* ---------- loop selection ---------- */

/* NumPy's kind order for same_kind casting: bool < unsigned < signed < float. */
static int kind_rank(const Type *t)
{
    return t->kind == TY_BOOL ? 0 : ty_is_unsigned(t) ? 1 : ty_is_signed(t) ? 2 : 3;
}

int ufunc_can_cast(const Type *from, const Type *to, int same_kind, int mixed)
{
    if (mixed && ty_is_int(from) && ty_is_float(to))
        return 1;
    if (from->kind == to->kind || from->kind == TY_BOOL)
        return 1;
    if (same_kind && kind_rank(from) <= kind_rank(to))
        return 1;
    if (to->kind == TY_BOOL)
        return 0;
    int fb = ty_bits(from), tb = ty_bits(to);
    if (ty_is_float(from))
        return ty_is_float(to) && tb >= fb;
    if (ty_is_float(to))
        return to->kind == TY_FLOAT64 || fb <= 16;
    if (ty_is_signed(from))
        return ty_is_signed(to) && tb >= fb;
    return ty_is_signed(to) ? tb > fb : tb >= fb;   /* from unsigned */
}

static const Type *elem(const Type *t) { return t && t->kind == TY_ARRAY ? t->arr.dtype : t; }

int ufunc_select(const Ufunc *uf, const Type **in, const Type **out, int nout_given, int numpy_rule)
{
    int kinds = 0;
    for (int i = 0; i < uf->nin; i++)
        kinds |= ty_is_float(in[i]) ? 2 : ty_is_int(in[i]) ? 1 : 0;
    int mixed = kinds == 3 && !numpy_rule;
    for (int k = 0; k < uf->nsigs; k++) {
        const UfuncSig *sg = &uf->sigs[k];
        int ok = 1;
        for (int i = 0; i < uf->nin && ok; i++)
            ok = ufunc_can_cast(in[i], elem(sg->args[i]), 0, mixed);
        for (int i = 0; i < nout_given && ok; i++) {
            const Type *o = uf->family == UF_VECTORIZE ? sg->ret : elem(sg->args[uf->nin + i]);
            ok = ufunc_can_cast(o, out[i], 1, mixed);
        }
        if (ok)
            return k;
    }
    return -1;
}

const char *ufunc_sigs_text(Arena *a, const Ufunc *uf)
{
    const char *s = "";
    for (int k = 0; k < uf->nsigs; k++) {
        const UfuncSig *sg = &uf->sigs[k];
        const char *one = arena_printf(a, "%s(", sg->ret ? ty_str_of(a, sg->ret) : "void");
        for (int i = 0; i < sg->nargs; i++)
            one = arena_printf(a, "%s%s%s", one, i ? ", " : "", ty_str_of(a, sg->args[i]));
        s = arena_printf(a, "%s%s%s)", s, k ? ", " : "", one);
    }
    return s;
}

/* ---------- source text ---------- */

typedef struct Sb {
    Arena *a;
    char *buf;
    size_t len, cap;
    int oom;
} Sb;

static void sb_printf(Sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sb_printf(Sb *b, const char *fmt, ...)
{
    if (b->oom)
        return;
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || b->len + (size_t)n + 1 > b->cap) {
        size_t cap = (b->cap ? b->cap * 2 : 1024) + (size_t)(n > 0 ? n : 0);
        char *nb = arena_alloc(b->a, cap);
        if (!nb || n < 0) {
            b->oom = 1;
            va_end(ap2);
            return;
        }
        if (b->len)
            memcpy(nb, b->buf, b->len);
        b->buf = nb;
        b->cap = cap;
    }
    vsnprintf(b->buf + b->len, b->cap - b->len, fmt, ap2);
    va_end(ap2);
    b->len += (size_t)n;
}

/* _ufprange becomes "$numba.prange" and _ufcuda "$numba.cuda" once parsed
 * (see at_expr) */
static const char *header = "import numpy as _ufnp\n\n\n";

static const char *dtype_name(const Type *t)
{
    return t->kind == TY_BOOL ? "bool_" : ty_scalar_name(t);
}

static void params(Sb *b, const char *name, int nin, int nout)
{
    sb_printf(b, "def %s(", name);
    for (int i = 0; i < nin; i++)
        sb_printf(b, "%sx%d", i ? ", " : "", i);
    for (int i = 0; i < nout; i++)
        sb_printf(b, ", o%d", i);
    sb_printf(b, "):\n");
}

char *ufunc_entry_source(Arena *a, const Ufunc *uf, int nargs, const char *name)
{
    Sb b = {.a = a};
    sb_printf(&b, "%s", header);
    params(&b, name, nargs, 0);
    sb_printf(&b, "    return %s(", uf->kernel->name);
    for (int i = 0; i < nargs; i++)
        sb_printf(&b, "%sx%d", i ? ", " : "", i);
    sb_printf(&b, ")\n");
    return b.oom ? NULL : b.buf;
}

char *ufunc_reduce_source(Arena *a, const Ufunc *uf, const Type *tin0, const Type *tin1, const Type *tout,
                          const char *name)
{
    const char *k = uf->kernel->name;
    Sb b = {.a = a};
    sb_printf(&b, "%s", header);
    params(&b, name, 1, 0);
    sb_printf(&b, "    n = x0.shape[0]\n    if n == 0:\n");
    if (uf->identity)
        sb_printf(&b, "        return _ufnp.%s(%s)\n", dtype_name(tout), uf->identity);
    else
        sb_printf(&b, "        raise ValueError(\"zero-size array to reduction operation %s which has no "
                      "identity\")\n", k);
    sb_printf(&b, "    acc = _ufnp.%s(x0[0])\n", dtype_name(tout));
    sb_printf(&b, "    for i in range(1, n):\n");
    sb_printf(&b, "        acc = _ufnp.%s(%s(_ufnp.%s(acc), _ufnp.%s(x0[i])))\n", dtype_name(tout), k,
              dtype_name(tin0), dtype_name(tin1));
    sb_printf(&b, "    return acc\n");
    return b.oom ? NULL : b.buf;
}

/* Broadcasts the trailing `nd` dimensions of array `var`, starting at its
 * axis `first`, into d0..d{n-1} (aligned right). */
static void bcast_dims(Sb *b, const char *var, int first, int nd, int n)
{
    for (int j = 0; j < nd; j++) {
        int k = n - nd + j;
        sb_printf(b, "    if %s.shape[%d] != 1:\n", var, first + j);
        sb_printf(b, "        if d%d != 1 and d%d != %s.shape[%d]:\n", k, k, var, first + j);
        sb_printf(b, "            raise ValueError(\"operands could not be broadcast together\")\n");
        sb_printf(b, "        d%d = %s.shape[%d]\n", k, var, first + j);
    }
}

/* An output passed by the caller takes part in the loop's shape but is
 * never broadcast itself (NumPy: "non-broadcastable output operand"). */
static void out_dims(Sb *b, const char *var, int nd)
{
    for (int k = 0; k < nd; k++) {
        sb_printf(b, "    if %s.shape[%d] != d%d:\n", var, k, k);
        sb_printf(b, "        if d%d != 1:\n", k);
        sb_printf(b, "            raise ValueError(\"non-broadcastable output operand: its shape does not "
                     "match the broadcast shape of the inputs\")\n");
        sb_printf(b, "        d%d = %s.shape[%d]\n", k, var, k);
    }
}

/* Elements per iteration of a parallel loop over scalars: the prange runs
 * over chunks and an inner range loop over the elements of one, which the
 * serial loop lowering proves in bounds and vectorizes (a loop variable of
 * the outlined prange body is not known to be non-negative, and its
 * indexing would gather). */
#define UF_CHUNK 4096

/* The head of a loop of i over range(count): a prange when par (chunked
 * when the body is scalar); returns the indentation of its body. */
static const char *loop_head(Sb *b, const char *ind, int par, int scalar_body, const char *count)
{
    if (!par) {
        sb_printf(b, "%sfor i in range(%s):\n", ind, count);
        return arena_printf(b->a, "%s    ", ind);
    }
    if (!scalar_body) {
        sb_printf(b, "%sfor i in _ufprange(%s):\n", ind, count);
        return arena_printf(b->a, "%s    ", ind);
    }
    sb_printf(b, "%sfor c in _ufprange((%s + %d) // %d):\n", ind, count, UF_CHUNK - 1, UF_CHUNK);
    sb_printf(b, "%s    for i in range(c * %d, min(c * %d + %d, %s)):\n", ind, UF_CHUNK, UF_CHUNK, UF_CHUNK, count);
    return arena_printf(b->a, "%s        ", ind);
}

static void shape_tuple(Sb *b, int n, const char *const *extra, int nextra)
{
    sb_printf(b, "(");
    for (int k = 0; k < n; k++)
        sb_printf(b, "d%d, ", k);
    for (int k = 0; k < nextra; k++)
        sb_printf(b, "c_%s, ", extra[k]);
    sb_printf(b, ")");
}

/* The start of a @vectorize loop function over arrays (CPU and CUDA
 * targets): its parameters, the broadcast shape d0..d{n-1} of the inputs,
 * and the output o0, checked against that shape or made. */
static void vectorize_prologue(Sb *b, const UfuncShape *s, const char *name, int nin, int has_out, int n)
{
    params(b, name, nin, has_out);
    for (int k = 0; k < n; k++)
        sb_printf(b, "    d%d = 1\n", k);
    char var[16];
    for (int i = 0; i < nin; i++)
        if (s->args[i]->kind == TY_ARRAY) {
            snprintf(var, sizeof var, "x%d", i);
            bcast_dims(b, var, 0, s->args[i]->arr.ndim, n);
        }
    if (has_out)
        out_dims(b, "o0", n);
    else {
        sb_printf(b, "    o0 = _ufnp.empty(");
        shape_tuple(b, n, NULL, 0);
        sb_printf(b, ", _ufnp.%s)\n", dtype_name(s->ret));
    }
}

/* @vectorize over arrays: the broadcast shape, the output, and a loop over
 * the first axis whose body is the ufunc on the rows (an element-wise array
 * expression) or, for 1-D, on the elements. */
static char *vectorize_loop(Arena *a, const UfuncShape *s, const char *name, const char **err, int par)
{
    const Ufunc *uf = s->uf;
    int nin = uf->nin, has_out = s->nargs > nin;
    int n = 0;
    for (int i = 0; i < s->nargs; i++)
        if (s->args[i]->kind == TY_ARRAY && s->args[i]->arr.ndim > n)
            n = s->args[i]->arr.ndim;
    if (n == 0) {
        *err = "internal error: a ufunc loop over scalars";
        return NULL;
    }
    Sb b = {.a = a};
    sb_printf(&b, "%s", header);
    vectorize_prologue(&b, s, name, nin, has_out, n);
    /* C-contiguous operands that all have the result's shape: one flat
     * loop over every element, split across threads as a whole (a loop
     * over axis 0 alone would leave threads idle on a short first axis) */
    int flat = n > 1 && (!has_out || s->args[nin]->arr.layout == 'C');
    for (int i = 0; i < nin; i++)
        if (s->args[i]->kind == TY_ARRAY && (s->args[i]->arr.ndim != n || s->args[i]->arr.layout != 'C'))
            flat = 0;
    if (flat) {
        sb_printf(&b, "    if True");
        for (int i = 0; i < nin; i++)
            for (int k = 0; s->args[i]->kind == TY_ARRAY && k < n; k++)
                sb_printf(&b, " and x%d.shape[%d] == d%d", i, k, k);
        sb_printf(&b, ":\n        t = 1");
        for (int k = 0; k < n; k++)
            sb_printf(&b, " * d%d", k);
        sb_printf(&b, "\n        f_o = o0.reshape(t)\n");
        for (int i = 0; i < nin; i++)
            if (s->args[i]->kind == TY_ARRAY)
                sb_printf(&b, "        f_%d = x%d.reshape(t)\n", i, i);
        const char *bi = loop_head(&b, "        ", par, 1, "t");
        sb_printf(&b, "%sf_o[i] = %s(", bi, uf->kernel->name);
        for (int i = 0; i < nin; i++)
            sb_printf(&b, s->args[i]->kind == TY_ARRAY ? "%sf_%d[i]" : "%sx%d", i ? ", " : "", i);
        sb_printf(&b, ")\n        return o0\n");
    }
    /* inputs with the full rank step along axis 0 unless it is broadcast */
    int nfull = 0;
    for (int i = 0; i < nin; i++)
        if (s->args[i]->kind == TY_ARRAY && s->args[i]->arr.ndim == n) {
            sb_printf(&b, "    s%d = 1\n    if x%d.shape[0] == 1:\n        s%d = 0\n", i, i, i);
            nfull++;
        }
    for (int pass = 0; pass < 2; pass++) {
        const char *ind = "    ";
        if (nfull && pass == 0) {
            sb_printf(&b, "    if ");
            int first = 1;
            for (int i = 0; i < nin; i++)
                if (s->args[i]->kind == TY_ARRAY && s->args[i]->arr.ndim == n) {
                    sb_printf(&b, "%ss%d == 1", first ? "" : " and ", i);
                    first = 0;
                }
            sb_printf(&b, ":\n");
            ind = "        ";
        } else if (nfull) {
            sb_printf(&b, "    else:\n");
            ind = "        ";
        }
        const char *bi = loop_head(&b, ind, par, n == 1, "d0");
        sb_printf(&b, "%so0[i] = %s(", bi, uf->kernel->name);
        for (int i = 0; i < nin; i++) {
            sb_printf(&b, "%s", i ? ", " : "");
            if (s->args[i]->kind == TY_ARRAY && s->args[i]->arr.ndim == n)
                sb_printf(&b, pass == 0 ? "x%d[i]" : "x%d[i * s%d]", i, i);
            else
                sb_printf(&b, "x%d", i);
        }
        sb_printf(&b, ")\n");
        if (!nfull)
            break;
    }
    sb_printf(&b, "    return o0\n");
    return b.oom ? NULL : b.buf;
}

/* @vectorize(target='cuda') over arrays: a @cuda.jit kernel (generated
 * UF_GEN_CUDAK) with one thread per element of the output, which unravels
 * its linear index over the output's shape and reads each input at that
 * position, aligned right, index 0 along its broadcast (size-1) axes; and
 * the loop function: the broadcast shape, the output, one launch. */
static char *cuda_vectorize(Arena *a, const UfuncShape *s, const char *name, const char **err)
{
    const Ufunc *uf = s->uf;
    int nin = uf->nin, has_out = s->nargs > nin;
    int n = 0;
    for (int i = 0; i < s->nargs; i++)
        if (s->args[i]->kind == TY_ARRAY && s->args[i]->arr.ndim > n)
            n = s->args[i]->arr.ndim;
    if (n == 0) {
        *err = "internal error: a ufunc loop over scalars";
        return NULL;
    }
    Sb b = {.a = a};
    sb_printf(&b, "%s", header);
    char kname[160];
    snprintf(kname, sizeof kname, "%s_gpu", name);
    params(&b, kname, nin, 1);
    sb_printf(&b, "    i = _ufcuda.grid(1)\n    if i < o0.size:\n        r = i\n");
    for (int k = n - 1; k > 0; k--)
        sb_printf(&b, "        j%d = r %% o0.shape[%d]\n        r = r // o0.shape[%d]\n", k, k, k);
    sb_printf(&b, "        j0 = r\n        o0[");
    for (int k = 0; k < n; k++)
        sb_printf(&b, "%sj%d", k ? ", " : "", k);
    sb_printf(&b, "] = %s(", uf->kernel->name);
    for (int i = 0; i < nin; i++) {
        sb_printf(&b, "%s", i ? ", " : "");
        const Type *t = s->args[i];
        if (t->kind != TY_ARRAY) {
            sb_printf(&b, "x%d", i);
            continue;
        }
        int m = t->arr.ndim;
        sb_printf(&b, "x%d[", i);
        for (int ax = 0; ax < m; ax++)
            sb_printf(&b, "%s(j%d if x%d.shape[%d] != 1 else 0)", ax ? ", " : "", n - m + ax, i, ax);
        sb_printf(&b, "]");
    }
    sb_printf(&b, ")\n\n\n");
    vectorize_prologue(&b, s, name, nin, has_out, n);
    sb_printf(&b, "    if o0.size > 0:\n        %s[(o0.size + 255) // 256, 256](", kname);
    for (int i = 0; i < nin; i++)
        sb_printf(&b, "x%d, ", i);
    sb_printf(&b, "o0)\n    return o0\n");
    return b.oom ? NULL : b.buf;
}

/* @guvectorize: core dimension sizes from the inputs (checked against each
 * other), outputs allocated with the outer shape plus their core shape,
 * and a loop nest over the outer dimensions calling the kernel on views. */
static char *guvectorize_loop(Arena *a, const UfuncShape *s, const char *name, const char **err, int par)
{
    const Ufunc *uf = s->uf;
    int nin = uf->nin, nout = uf->nout, given = s->nargs - nin;
    int outer[UF_MAX_ARGS];
    int n = 0;
    for (int i = 0; i < s->nargs; i++) {
        int nd = s->args[i]->kind == TY_ARRAY ? s->args[i]->arr.ndim : 0;
        outer[i] = nd - uf->core[i].ndim;
        if (outer[i] < 0) {
            *err = arena_printf(a, "argument %d of '%s' has %d dimension%s but its layout %s needs at least %d",
                                i + 1, uf->kernel->name, nd, nd == 1 ? "" : "s", uf->layout, uf->core[i].ndim);
            return NULL;
        }
        if (outer[i] > n)
            n = outer[i];
    }
    Sb b = {.a = a};
    sb_printf(&b, "%s", header);
    params(&b, name, nin, given);
    char var[16];
    /* inputs of another dtype than the loop's are converted first */
    for (int i = 0; i < nin; i++)
        if (s->args[i]->kind == TY_ARRAY && uf->core[i].ndim > 0 && !ty_equal(s->args[i]->arr.dtype, s->loop[i]))
            sb_printf(&b, "    x%d = x%d.astype(_ufnp.%s)\n", i, i, dtype_name(s->loop[i]));
    for (int k = 0; k < n; k++)
        sb_printf(&b, "    d%d = 1\n", k);
    for (int i = 0; i < nin; i++)
        if (outer[i] > 0) {
            snprintf(var, sizeof var, "x%d", i);
            bcast_dims(&b, var, 0, outer[i], n);
        }
    /* core dimensions: the first input that has one sets it */
    const char *known[UF_MAX_ARGS * TY_MAX_NDIM];
    int nknown = 0;
    for (int i = 0; i < s->nargs; i++) {
        const GuCore *c = &uf->core[i];
        int is_out = i >= nin;
        snprintf(var, sizeof var, is_out ? "o%d" : "x%d", is_out ? i - nin : i);
        for (int j = 0; j < c->ndim; j++) {
            int seen = 0;
            for (int q = 0; q < nknown; q++)
                seen |= !strcmp(known[q], c->dims[j]);
            if (!seen) {
                known[nknown++] = c->dims[j];
                sb_printf(&b, "    c_%s = %s.shape[%d]\n", c->dims[j], var, outer[i] + j);
                continue;
            }
            sb_printf(&b, "    if %s.shape[%d] != c_%s:\n", var, outer[i] + j, c->dims[j]);
            sb_printf(&b, "        raise ValueError(\"%s: %s operand %d has a mismatch in its core dimension %d, "
                          "with gufunc signature %s\")\n", uf->kernel->name, is_out ? "output" : "input",
                      is_out ? i - nin : i, j, uf->layout);
        }
    }
    for (int i = nin; i < s->nargs; i++) {
        snprintf(var, sizeof var, "o%d", i - nin);
        /* the outer dimensions of an output are its leading ones */
        for (int k = 0; k < outer[i]; k++) {
            int dk = n - outer[i] + k;
            sb_printf(&b, "    if %s.shape[%d] != d%d:\n", var, k, dk);
            sb_printf(&b, "        if d%d != 1:\n", dk);
            sb_printf(&b, "            raise ValueError(\"non-broadcastable output operand: its shape does not "
                          "match the broadcast shape of the inputs\")\n");
            sb_printf(&b, "        d%d = %s.shape[%d]\n", dk, var, k);
        }
    }
    for (int o = given; o < nout; o++) {
        const GuCore *c = &uf->core[nin + o];
        for (int j = 0; j < c->ndim; j++) {
            int seen = 0;
            for (int q = 0; q < nknown; q++)
                seen |= !strcmp(known[q], c->dims[j]);
            if (!seen) {
                *err = arena_printf(a, "core dimension '%s' of output %d of '%s' is not set by any input; "
                                    "pass the output array", c->dims[j], o, uf->kernel->name);
                return NULL;
            }
        }
        const Type *dt = s->loop[nin + o];
        sb_printf(&b, "    o%d = _ufnp.empty(", o);
        if (n + c->ndim == 0)
            sb_printf(&b, "1");
        else
            shape_tuple(&b, n, c->dims, c->ndim);
        sb_printf(&b, ", _ufnp.%s)\n", dtype_name(dt));
    }
    /* broadcast flags of the inputs' outer dimensions */
    for (int i = 0; i < nin; i++)
        for (int j = 0; j < outer[i]; j++)
            sb_printf(&b, "    s%d_%d = 1\n    if x%d.shape[%d] == 1:\n        s%d_%d = 0\n", i, j, i, j, i, j);
    char ind[64] = "    ";
    for (int k = 0; k < n; k++) {
        sb_printf(&b, "%sfor i%d in %s(d%d):\n", ind, k, k == 0 && par ? "_ufprange" : "range", k);
        strcat(ind, "    ");
    }
    sb_printf(&b, "%s%s(", ind, uf->kernel->name);
    for (int i = 0; i < nin + nout; i++) {
        int is_out = i >= nin;
        sb_printf(&b, "%s", i ? ", " : "");
        snprintf(var, sizeof var, is_out ? "o%d" : "x%d", is_out ? i - nin : i);
        int cast = !is_out && uf->core[i].ndim == 0 && !ty_equal(elem(s->args[i]), s->loop[i]);
        if (cast)
            sb_printf(&b, "_ufnp.%s(", dtype_name(s->loop[i]));
        int oi = is_out ? n : outer[i];
        if (oi == 0 && !(is_out && uf->core[i].ndim == 0 && n > 0)) {
            sb_printf(&b, "%s", var);
        } else {
            sb_printf(&b, "%s[", var);
            for (int j = 0; j < oi; j++) {
                int k = n - oi + j;
                if (is_out)
                    sb_printf(&b, "%si%d", j ? ", " : "", k);
                else
                    sb_printf(&b, "%si%d * s%d_%d", j ? ", " : "", k, i, j);
            }
            if (is_out && uf->core[i].ndim == 0) {
                /* a scalar output: the kernel writes element 0 of a 1-element view */
                sb_printf(&b, ":i%d + 1", n - 1);
            }
            sb_printf(&b, "]");
        }
        if (cast)
            sb_printf(&b, ")");
    }
    sb_printf(&b, ")\n");
    if (nout == 1) {
        if (!given && n == 0 && uf->core[nin].ndim == 0)
            sb_printf(&b, "    return o0[0]\n");
        else
            sb_printf(&b, "    return o0\n");
    } else {
        sb_printf(&b, "    return (");
        for (int o = 0; o < nout; o++)
            sb_printf(&b, "o%d, ", o);
        sb_printf(&b, ")\n");
    }
    return b.oom ? NULL : b.buf;
}

/* ---------- parsing what was synthesized ---------- */

static void at_expr(Expr *e, Pos pos);

static void at_exprs(Expr **xs, int n, Pos pos)
{
    for (int i = 0; i < n; i++)
        at_expr(xs[i], pos);
}

static void at_expr(Expr *e, Pos pos)
{
    if (!e)
        return;
    e->pos = pos;
    /* the qualified spelling of a generated builtin call, which the loop
     * desugaring recognizes as prange whatever the script imports */
    if (e->kind == EX_NAME && !strcmp(e->name, "_ufprange"))
        e->name = "$numba.prange";
    if (e->kind == EX_NAME && !strcmp(e->name, "_ufcuda"))
        e->name = "$numba.cuda";
    switch (e->kind) {
    case EX_ATTR: at_expr(e->attr.obj, pos); break;
    case EX_CALL:
        at_expr(e->call.fn, pos);
        at_exprs(e->call.args, e->call.nargs, pos);
        for (int k = 0; k < e->call.nkw; k++) {
            e->call.kw[k].pos = pos;
            at_expr(e->call.kw[k].value, pos);
        }
        break;
    case EX_SUBSCRIPT: at_expr(e->sub.obj, pos); at_expr(e->sub.index, pos); break;
    case EX_SLICE: at_expr(e->slice.lo, pos); at_expr(e->slice.hi, pos); at_expr(e->slice.step, pos); break;
    case EX_BINOP: at_expr(e->bin.l, pos); at_expr(e->bin.r, pos); break;
    case EX_UNARY: at_expr(e->un.x, pos); break;
    case EX_COMPARE: at_exprs(e->cmp.xs, e->cmp.n, pos); break;
    case EX_BOOLOP: at_expr(e->boolop.l, pos); at_expr(e->boolop.r, pos); break;
    case EX_IFEXP: at_expr(e->ifexp.cond, pos); at_expr(e->ifexp.body, pos); at_expr(e->ifexp.orelse, pos); break;
    case EX_TUPLE: case EX_LIST: at_exprs(e->tuple.xs, e->tuple.n, pos); break;
    default: break;
    }
}

static void at_block(Block *b, Pos pos)
{
    for (int i = 0; i < b->n; i++) {
        Stmt *s = b->stmts[i];
        s->pos = pos;
        switch (s->kind) {
        case ST_EXPR: at_expr(s->expr.e, pos); break;
        case ST_ASSIGN: at_exprs(s->assign.targets, s->assign.ntargets, pos); at_expr(s->assign.value, pos); break;
        case ST_AUGASSIGN: at_expr(s->aug.target, pos); at_expr(s->aug.value, pos); break;
        case ST_IF: at_expr(s->if_.cond, pos); at_block(&s->if_.then, pos); at_block(&s->if_.orelse, pos); break;
        case ST_WHILE:
            at_expr(s->while_.cond, pos);
            at_block(&s->while_.body, pos);
            at_block(&s->while_.orelse, pos);
            break;
        case ST_FOR:
            at_expr(s->for_.target, pos);
            at_expr(s->for_.iter, pos);
            at_block(&s->for_.body, pos);
            at_block(&s->for_.orelse, pos);
            break;
        case ST_RETURN: at_expr(s->ret.value, pos); break;
        case ST_RAISE: at_expr(s->raise_.exc, pos); break;
        case ST_ASSERT: at_expr(s->assert_.cond, pos); at_expr(s->assert_.msg, pos); break;
        default: break;
        }
    }
}

FuncDef *ufunc_parse_generated(Arena *a, const char *src, const char *file, Pos pos, int gen,
                               Import **imports, int *nimports, FuncDef ***helpers, int *nhelpers,
                               const char **err)
{
    Diags d;
    diag_init(&d, a, file, src);
    Module *m = parse_module(a, &d, file, src, strlen(src));
    if (!m || d.count || m->nfuncs < 1) {
        *err = arena_printf(a, "internal error: a synthesized ufunc loop does not parse: %s",
                            d.first ? d.first->msg : "out of memory");
        return NULL;
    }
    for (int k = 0; k < m->nfuncs; k++) {
        FuncDef *f = m->funcs[k];
        f->pos = pos;
        f->generated = k == m->nfuncs - 1 ? gen : UF_GEN_CUDAK;
        for (int i = 0; i < f->nparams; i++)
            f->params[i].pos = pos;
        at_block(&f->body, pos);
    }
    *imports = m->imports;
    *nimports = m->nimports;
    *helpers = m->funcs;
    *nhelpers = m->nfuncs - 1;
    return m->funcs[m->nfuncs - 1];
}


/* The callee name of a decorator-like expression: "vectorize" for
 * @vectorize, @numba.vectorize and vectorize([...]). */
static const char *maker_name(const Expr *d)
{
    if (d->kind == EX_CALL)
        d = d->call.fn;
    return d->kind == EX_NAME ? d->name : d->kind == EX_ATTR ? d->attr.name : "";
}

int ufunc_decorated(const FuncDef *f)
{
    for (int i = 0; i < f->ndecorators; i++) {
        const char *n = maker_name(f->decorators[i]);
        if (!strcmp(n, "vectorize") || !strcmp(n, "guvectorize"))
            return 1;
    }
    return 0;
}

int ufunc_expand_aliases(Arena *a, Module *m)
{
    int kept = 0;
    for (int g = 0; g < m->nglobals; g++) {
        Global *gl = &m->globals[g];
        Expr *v = gl->value;
        FuncDef *f = NULL;
        if (v->kind == EX_CALL && v->call.nargs == 1 && v->call.nkw == 0 && v->call.args[0]->kind == EX_NAME &&
            (!strcmp(maker_name(v->call.fn), "vectorize") || !strcmp(maker_name(v->call.fn), "guvectorize")))
            f = ast_find_func(m, v->call.args[0]->name);
        if (!f) {
            m->globals[kept++] = *gl;
            continue;
        }
        FuncDef *c = arena_alloc(a, sizeof *c);
        Expr **d = arena_array(a, 1, sizeof *d);
        FuncDef **fs = arena_array(a, (size_t)m->nfuncs + 2, sizeof *fs);
        if (!c || !d || !fs)
            return -1;
        *c = *f;
        c->name = gl->name;
        d[0] = v->call.fn;
        c->decorators = d;
        c->ndecorators = 1;
        if (m->nfuncs)
            memcpy(fs, m->funcs, (size_t)m->nfuncs * sizeof *fs);
        fs[m->nfuncs++] = c;
        m->funcs = fs;
    }
    m->nglobals = kept;
    return 0;
}
