/* pipeline.c - the compiler in one function.
 *
 *   kernel.py ─ parse (at load: jit_load_*) ─ Module (frontend/ast.h)
 *     │ infer     FuncDef + argument types → Program of TypedFuncs
 *     │ lower     Program → LLVM module (jit/lower*.c, target hooks)
 *     │ verify    LLVMVerifyModule (options.verify)
 *     │ optimize  default<O3> for the host CPU
 *     └ codegen   object code for the host → ORC LLJIT links it → address of the entry's C wrapper
 *
 * Glossary: a *specialization* (TypedFunc) is one function typed for one
 * tuple of argument types; an *entry* (Entry) is a compiled specialization
 * callable from C; the *C wrapper* is the exported function that converts
 * C arguments (jit_array*) into the internal convention (see lower.h).
 *
 * JIT_DUMP=ir,opt-ir,asm,types writes those stages to stderr, and
 * JIT_TIMING=1 prints the phase times of every compile to stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <llvm-c/Analysis.h>
#include <llvm-c/Core.h>

#include "../runtime/rt.h"
#include "cache.h"
#include "perfmap.h"
#include "jit_int.h"
#include "lower.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int dump_wanted(const char *what)
{
    const char *d = getenv("JIT_DUMP");
    if (!d)
        return 0;
    size_t n = strlen(what);
    for (const char *p = d; (p = strstr(p, what)); p += n)
        if ((p == d || p[-1] == ',') && (p[n] == ',' || p[n] == 0))
            return 1;
    return 0;
}

const Type *type_copy(Arena *a, const Type *t)
{
    if (!t || ty_is_scalar(t) || t == ty_none || t == ty_range || t == ty_str)
        return t;
    switch (t->kind) {
    case TY_NONE: return ty_none;
    case TY_ARRAY: return ty_array(a, t->arr.dtype, t->arr.ndim, t->arr.layout);
    case TY_CPOINTER: return ty_cpointer(a, t->ptr.to);
    case TY_TUPLE: {
        const Type **el = arena_array(a, (size_t)t->tup.n + 1, sizeof *el);
        if (!el)
            return NULL;
        for (int i = 0; i < t->tup.n; i++)
            el[i] = type_copy(a, t->tup.elems[i]);
        return ty_tuple(a, t->tup.n, el);
    }
    default:
        return t;
    }
}

void diags_to_error(const Diags *d, jit_error *err)
{
    if (!err)
        return;
    if (d->arena && d->arena->failed) {
        /* a name not found or a type not built for want of memory is not
         * the script's fault */
        rt_error_set(err, JIT_ERR_MEMORY, "", 0, 0, "out of memory while compiling %s", d->file);
        return;
    }
    if (!d->first)
        return;
    const Diag *g = d->first;
    static const int kinds[] = {0, JIT_ERR_SYNTAX, JIT_ERR_TYPE, JIT_ERR_UNSUPPORTED, JIT_ERR_NAME};
    rt_error_set(err, kinds[g->kind], d->file, g->pos.line, g->pos.col, "%s", g->msg);
    err->report = diag_render(d);
}

/* Optimization remarks collected as text, one per line. */
typedef struct Remarks {
    char *text;
    size_t len;
    const LowerDebug *dbg;    /* where prelude positions lead (lower_debug_where) */
    const Program *prog;
} Remarks;

/* The length of the "FILE:LINE:COL" that starts a remark's description
 * (0: none), its line and column. */
static size_t remark_pos(const char *m, int *line, int *col)
{
    for (const char *p = strchr(m, ':'); p; p = strchr(p + 1, ':')) {
        int used = 0;
        if (sscanf(p, ":%d:%d: %n", line, col, &used) == 2 && used)
            return (size_t)(p - m);
    }
    return 0;
}

static void collect_remark(LLVMDiagnosticInfoRef di, void *ctx)
{
    Remarks *r = ctx;
    if (LLVMGetDiagInfoSeverity(di) != LLVMDSRemark)
        return;
    char *d = LLVMGetDiagInfoDescription(di);
    const char *m = d ? d : "";
    /* only what loops became: vectorized (how wide) or not (why), unrolled */
    if (strstr(m, "vectorized loop") || strstr(m, "loop not vectorized") || strstr(m, "unrolled loop")) {
        char where[600] = "", note[300] = "";
        int line = 0, col = 0;
        size_t flen = remark_pos(m, &line, &col);
        if (flen) {
            char rfile[256];
            snprintf(rfile, sizeof rfile, "%.*s", (int)flen, m);
            m = strstr(m + flen + 1, ": ") + 2;
            const char *file = rfile;
            lower_debug_where(r->dbg, r->prog, rfile, line, col, &file, &line, &col, note, sizeof note);
            /* <unknown>:0:0: a loop LLVM made, or code of no position */
            if (line > 0)
                snprintf(where, sizeof where, "%s:%d:%d: ", file, line, col);
        }
        size_t n = strlen(where) + strlen(m) + strlen(note) + 16;
        char *t = realloc(r->text, r->len + n);
        if (t) {
            r->text = t;
            r->len += (size_t)sprintf(t + r->len, "%sremark: %s%s%s%s\n", where, m, *note ? " (" : "", note,
                                      *note ? ")" : "");
        }
    }
    LLVMDisposeMessage(d);
}

static char *module_text(LLVMModuleRef m)
{
    char *s = LLVMPrintModuleToString(m);
    char *r = s ? strdup(s) : NULL;
    LLVMDisposeMessage(s);
    return r;
}


/* A type as signature text that ty_parse_sig reads back ("f8[:, ::1]"). */
static void sig_text(const Type *t, char *buf, size_t n)
{
    static const char *names[] = {"b1", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f4", "f8"};
    size_t w = 0;
    if (ty_is_scalar(t)) {
        snprintf(buf, n, "%s", names[t->kind]);
    } else if (t->kind == TY_ARRAY) {
        w = (size_t)snprintf(buf, n, "%s[", names[t->arr.dtype->kind]);
        for (int k = 0; k < t->arr.ndim && w < n; k++)
            w += (size_t)snprintf(buf + w, n - w, "%s%s", k ? ", " : "",
                                  k == t->arr.ndim - 1 && t->arr.layout == 'C' ? "::1" : ":");
        if (w < n)
            snprintf(buf + w, n - w, "]");
    } else if (t->kind == TY_TUPLE) {
        w = (size_t)snprintf(buf, n, "Tuple(");
        for (int i = 0; i < t->tup.n && w < n; i++) {
            if (i)
                w += (size_t)snprintf(buf + w, n - w, ", ");
            if (w < n)
                sig_text(t->tup.elems[i], buf + w, n - w);
            w += strlen(buf + w);
        }
        if (w < n)
            snprintf(buf + w, n - w, ")");
    } else {
        snprintf(buf, n, "none");
    }
}

/* Whether fn's code goes through the disk cache. */
static int cache_wanted(jit_fn *fn, Arena *a)
{
    if (fn->mod->ctx->opts.cache)
        return 1;
    Diags d;
    diag_init(&d, a, fn->mod->file, fn->mod->src);
    Program p;
    infer_init(&p, a, &d, fn->mod->ast, "");
    return infer_func_opts(&p, fn->def).cache;
}

/* The key: everything the compiled code depends on. */
static void cache_key(jit_fn *fn, const Type **args, int nargs, Arena *a, char key[33])
{
    jit_ctx *ctx = fn->mod->ctx;
    CacheHash h;
    char buf[64];
    unsigned maj, min, pat;
    LLVMGetVersion(&maj, &min, &pat);
    cache_hash_init(&h);
    cache_hash_str(&h, JIT_VERSION_STRING);
    snprintf(buf, sizeof buf, "%u.%u.%u O%d bc%d fm%d g%d", maj, min, pat, ctx->opts.opt_level,
             ctx->opts.boundscheck, ctx->opts.fastmath, ctx->opts.debug_info != 0);
    cache_hash_str(&h, buf);
    cache_hash_str(&h, ctx->engine.triple);
    cache_hash_str(&h, ctx->engine.cpu);
    cache_hash_str(&h, ctx->engine.features);
    cache_hash_str(&h, fn->mod->file);
    cache_hash_str(&h, fn->mod->src);
    cache_hash_str(&h, jit_prelude_digest);   /* computed at build time */
    cache_hash_str(&h, fn->def->name);
    for (int i = 0; i < nargs; i++)
        cache_hash_str(&h, ty_mangle(a, args[i]));
    /* host functions: a registration's signature is not in the source */
    for (int i = 0; i < fn->mod->nexterns; i++) {
        const ExternFn *x = &fn->mod->externs[i];
        cache_hash_str(&h, x->name);
        cache_hash_str(&h, x->symbol);
        cache_hash_str(&h, ty_mangle(a, x->ret));
        for (int k = 0; k < x->nargs; k++)
            cache_hash_str(&h, ty_mangle(a, x->args[k]));
    }
    cache_key_hex(&h, key);
}

static Cache *ctx_cache(jit_ctx *ctx)
{
    if (!ctx->cache_opened) {
        char dir[1024];
        const char *d = ctx->opts.cache_dir;
        if (!d && cache_default_dir(dir, sizeof dir) == 0)
            d = dir;
        cache_open(&ctx->cache, d);
        ctx->cache_opened = 1;
    }
    return &ctx->cache;
}

/* Adds a warning to the context's, once. */
static void note_warning(jit_ctx *ctx, const char *w)
{
    if (w[0] && !strstr(ctx->warnings, w)) {
        size_t n = strlen(ctx->warnings);
        snprintf(ctx->warnings + n, sizeof ctx->warnings - n, "%s\n", w);
    }
}

static void note_cache_warning(jit_ctx *ctx) { note_warning(ctx, ctx->cache.warning); }

/* Names for the perf map of what this compile links (perfmap.h): the
 * script, the entry's symbol (the buffer a cache key renames it in) and
 * "FUNC(ARGTYPES)"; cleared when pipeline_run returns. */
static void perf_names(jit_ctx *ctx, jit_fn *fn, const Type **args, int nargs, Arena *a, const char *entry,
                       char *text, size_t n)
{
    size_t w = (size_t)snprintf(text, n, "%s(", fn->def->name);
    for (int i = 0; i < nargs && w < n; i++)
        w += (size_t)snprintf(text + w, n - w, "%s%s", i ? ", " : "", ty_str_of(a, args[i]));
    if (w < n)
        snprintf(text + w, n - w, ")");
    ctx->engine.perf_file = fn->mod->file;
    ctx->engine.perf_entry = entry;
    ctx->engine.perf_entry_text = text;
}

/* A cache hit: the entry's code linked without compiling. */
static void *load_cached(jit_fn *fn, const char *key, const char *entry, const Type **ret, Arena *keep)
{
    Engine *eng = &fn->mod->ctx->engine;
    char rtext[512];
    void *obj = NULL;
    size_t len = 0;
    Cache *c = ctx_cache(fn->mod->ctx);
    if (cache_load(c, key, rtext, sizeof rtext, &obj, &len) < 0)
        return NULL;
    Arena a;
    arena_init(&a);
    const Type **none = NULL, *rt = NULL;
    char sig[600];
    snprintf(sig, sizeof sig, "%s()", rtext);
    const char *msg = NULL;
    void *addr = NULL;
    jit_error err = {0};
    if (ty_parse_sig(&a, sig, &rt, &none, &msg) == 0 && rt) {
        /* the same code may already be linked (the script loaded twice):
         * engine_add_object links it once */
        if (engine_add_object(eng, obj, len, entry, &err) == 0)
            addr = engine_find(eng, entry);
        if (addr && ret)
            *ret = type_copy(keep, rt);
    }
    jit_error_clear(&err);
    arena_free(&a);
    rt_free(obj);
    return addr;
}

/* A @cfunc's declared return type: any number converts to another; None
 * discards the result; otherwise the kernel must return that type. */
static int cfunc_ret(Program *p, TypedFunc *tf, const Type *declared, jit_error *err)
{
    if (!declared || ty_equal(declared, tf->ret) || declared->kind == TY_NONE ||
        (ty_is_scalar(declared) && ty_is_scalar(tf->ret))) {
        p->entry_cret = declared;
        return 0;
    }
    rt_error_set(err, JIT_ERR_TYPE, p->diags->file, tf->src->pos.line, tf->src->pos.col,
                 "'%s' returns %s but its @cfunc signature declares %s", tf->src->name,
                 ty_str_of(p->arena, tf->ret), ty_str_of(p->arena, declared));
    return -1;
}

void *pipeline_run(jit_fn *fn, const Type **args, int nargs, OutKind out, const char *arch,
                   const Type **ret, Arena *keep, Timing *t, jit_error *err)
{
    jit_module *jm = fn->mod;
    jit_ctx *ctx = jm->ctx;
    Arena a;
    arena_init(&a);
    Diags d;
    diag_init(&d, &a, jm->file, jm->src);
    Program p;
    char prefix[48], entry[64];
    unsigned long serial = ++ctx->serial;
    snprintf(prefix, sizeof prefix, "j%lu.", serial);
    snprintf(entry, sizeof entry, "%s%s", prefix, fn->def->name);
    void *result = NULL;
    double t0 = now_ms(), t1, t2, t3, t4;
    char key[33] = "";
    int caching = out == OUT_CODE && cache_wanted(fn, &a);
    char etext[600];
    if (ctx->engine.perf_map && (out == OUT_CODE || out == OUT_CFUNC))
        perf_names(ctx, fn, args, nargs, &a, entry, etext, sizeof etext);
    if (caching) {
        /* cached code is named by its key, so a process that loads it
         * finds the same symbol, and two loads of it are one */
        cache_key(fn, args, nargs, &a, key);
        snprintf(entry, sizeof entry, "jc%s.%.20s", key, fn->def->name);
        result = load_cached(fn, key, entry, ret, keep);
        note_cache_warning(ctx);
        if (result) {
            if (t) {
                memset(t, 0, sizeof *t);
                t->total = now_ms() - t0;
                t->from_cache = 1;
            }
            goto done;
        }
    }

    /* infer */
    infer_init(&p, &a, &d, fn->ast ? fn->ast : jm->ast, prefix);
    p.prelude = module_prelude(jm, err);
    if (!p.prelude)
        goto done;
    p.externs = jm->externs;
    p.nexterns = jm->nexterns;
    p.default_fastmath = ctx->opts.fastmath ? 0x7f : 0;
    p.launch_ref = cuda_kernel_ref;
    p.launch_host = jm;
    TypedFunc *tf = infer_entry(&p, fn->def, args, nargs);
    t1 = now_ms();
    if (!tf) {
        if (!d.count)
            rt_error_set(err, JIT_ERR_MEMORY, "", 0, 0, "out of memory while compiling %s", jm->file);
        diags_to_error(&d, err);
        goto done;
    }
    if (dump_wanted("types"))
        for (int i = 0; i < p.nfuncs; i++) {
            TypedFunc *f = p.funcs[i];
            fprintf(stderr, "; %s -> %s\n", f->symbol, ty_str_of(&a, f->ret));
            for (int k = 0; k < f->nvars; k++)
                fprintf(stderr, ";   %s: %s\n", f->vars[k]->name, ty_str_of(&a, f->vars[k]->ty));
        }
    if (out == OUT_PTX) {
        result = nvptx_emit(&p, &d, fn->def->name, arch, ctx->opts.debug_info, err);
        if (getenv("JIT_TIMING"))
            fprintf(stderr, "jit: PTX of %s for %s in %.2f ms (infer %.2f)\n", fn->def->name, arch ? arch : "sm_80",
                    now_ms() - t0, t1 - t0);
        goto done;
    }
    if (out == OUT_CFUNC && cfunc_ret(&p, tf, ret ? *ret : NULL, err) < 0)
        goto done;
    /* code that launches kernels or allocates device memory holds
     * pointers to this process's handles: never written to the disk cache */
    if (p.has_launch || tf->opts.cuda_kernel)
        caching = 0;

    /* lower */
    LLVMOrcThreadSafeContextRef tsc = LLVMOrcCreateNewThreadSafeContext();
    LLVMContextRef C = LLVMOrcThreadSafeContextGetContext(tsc);
    LLVMModuleRef M = LLVMModuleCreateWithNameInContext(entry, C);
    engine_prepare_module(&ctx->engine, M);
    int bc = ctx->opts.boundscheck;
    /* positions: remarks need them; otherwise they cost compile time (see
     * docs/performance.md) and are made only when asked for */
    LowerDebug dbg = {0};
    int with_dbg = out == OUT_REMARKS || ctx->opts.debug_info;
    if (lower_module(&p, &d, &cpu_target, C, M, entry, bc, with_dbg ? &dbg : NULL) < 0) {
        diags_to_error(&d, err);
        goto fail_llvm;
    }
    t2 = now_ms();
    if (ctx->opts.verify) {
        char *msg = NULL;
        if (LLVMVerifyModule(M, LLVMReturnStatusAction, &msg)) {
            rt_error_set(err, JIT_ERR_INTERNAL, jm->file, fn->def->pos.line, 0,
                         "internal error: invalid IR for '%s': %.600s", fn->def->name, msg);
            LLVMDisposeMessage(msg);
            goto fail_llvm;
        }
        LLVMDisposeMessage(msg);
    }
    if (dump_wanted("ir"))
        LLVMDumpModule(M);
    if (out == OUT_IR) {
        result = module_text(M);
        goto fail_llvm;
    }

    /* optimize */
    Remarks rem = {.dbg = &dbg, .prog = &p};
    if (out == OUT_REMARKS)
        LLVMContextSetDiagnosticHandler(C, collect_remark, &rem);
    if (engine_optimize(&ctx->engine, M, ctx->opts.opt_level, err) < 0) {
        free(rem.text);
        goto fail_llvm;
    }
    if (out == OUT_REMARKS) {
        result = rem.text ? rem.text : strdup("no remarks: nothing to vectorize or unroll\n");
        LLVMContextSetDiagnosticHandler(C, NULL, NULL);
        goto fail_llvm;
    }
    t3 = now_ms();
    if (dump_wanted("opt-ir"))
        LLVMDumpModule(M);
    if (out == OUT_OPT_IR) {
        result = module_text(M);
        goto fail_llvm;
    }
    if (out == OUT_ASM || dump_wanted("asm")) {
        char *s = engine_asm(&ctx->engine, M, err);
        if (out == OUT_ASM) {
            result = s;
            goto fail_llvm;
        }
        if (s)
            fputs(s, stderr);
        free(s);
    }

    /* codegen */
    if (caching) {
        /* through object code, which the cache keeps */
        void *obj = NULL;
        size_t len = 0;
        char rtext[512];
        int ok = engine_emit_object(&ctx->engine, M, &obj, &len, err) == 0;
        LLVMDisposeModule(M);
        LLVMOrcDisposeThreadSafeContext(tsc);
        if (!ok)
            goto done;
        sig_text(tf->ret, rtext, sizeof rtext);
        cache_store(ctx_cache(ctx), key, rtext, obj, len);
        note_cache_warning(ctx);
        if (engine_add_object(&ctx->engine, obj, len, entry, err) == 0)
            result = engine_lookup(&ctx->engine, entry, err);
        rt_free(obj);
    } else {
        int ok = engine_add(&ctx->engine, M, err) == 0;
        LLVMOrcDisposeThreadSafeContext(tsc);
        if (!ok)
            goto done;
        result = engine_lookup(&ctx->engine, entry, err);
    }
    t4 = now_ms();
    if (result && ret)
        *ret = type_copy(keep, tf->ret);
    if (t) {
        t->infer = t1 - t0;
        t->lower = t2 - t1;
        t->optimize = t3 - t2;
        t->codegen = t4 - t3;
        t->total = t4 - t0;
    }
    if (getenv("JIT_TIMING"))
        fprintf(stderr, "jit: compiled %s in %.2f ms (infer %.2f, lower %.2f, optimize %.2f, codegen %.2f)\n",
                fn->def->name, t4 - t0, t1 - t0, t2 - t1, t3 - t2, t4 - t3);
    goto done;

fail_llvm:
    LLVMDisposeModule(M);
    LLVMOrcDisposeThreadSafeContext(tsc);
done:
    if (ctx->engine.perf_map) {
        ctx->engine.perf_file = ctx->engine.perf_entry = ctx->engine.perf_entry_text = NULL;
        note_warning(ctx, perfmap_warning());
    }
    arena_free(&a);
    return result;
}
