/* api.c - the public C API (include/jit.h): contexts, modules, functions,
 * and the dispatcher: per function a list of compiled signatures, filled
 * lazily on first call with new argument types, under the context's lock;
 * dynamic calls go through libffi to the entry's C wrapper. */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <llvm-c/Core.h>

#include "../runtime/rt.h"
#include "jit_int.h"

#ifndef JIT_FFI_VERSION
#define JIT_FFI_VERSION "unknown"
#endif

const char *jit_version(void) { return JIT_VERSION_STRING; }

void jit_free(void *p) { free(p); }

jit_options jit_options_default(void)
{
    jit_options o = {.opt_level = 3, .boundscheck = 1, .fastmath = 0, .output = NULL, .verify = 1};
    const char *c = getenv("JIT_CACHE");
    o.cache = c && *c && strcmp(c, "0") != 0;
    const char *g = getenv("JIT_DEBUG_INFO");
    o.debug_info = g && *g && strcmp(g, "0") != 0;
    const char *pm = getenv("JIT_PERF_MAP");
    o.perf_map = pm && *pm && strcmp(pm, "0") != 0;
    return o;
}

static int bad_arg(jit_error *err, const char *what)
{
    rt_error_set(err, JIT_ERR_ARGUMENT, "", 0, 0, "%s", what);
    return -1;
}

/* A failed allocation: MemoryError, with no source position (none applies). */
static int oom(jit_error *err, const char *doing)
{
    rt_error_set(err, JIT_ERR_MEMORY, "", 0, 0, "out of memory%s%s", doing ? " " : "", doing ? doing : "");
    return -1;
}

jit_ctx *jit_ctx_new(const jit_options *opts, jit_error *err)
{
    jit_ctx *c = rt_calloc(1, sizeof *c);
    if (!c) {
        oom(err, NULL);
        return NULL;
    }
    c->opts = opts ? *opts : jit_options_default();
    if (c->opts.opt_level < 0 || c->opts.opt_level > 3)
        c->opts.opt_level = 3;
    pthread_mutex_init(&c->lock, NULL);
    arena_init(&c->host_arena);
    if (engine_init(&c->engine, err) < 0) {
        arena_free(&c->host_arena);
        engine_free(&c->engine);
        pthread_mutex_destroy(&c->lock);
        rt_free(c);
        return NULL;
    }
    c->engine_ready = 1;
    c->engine.perf_map = c->opts.perf_map != 0;
    /* not jit_set_num_threads: its answer would start OpenMP (milliseconds)
     * in processes that never run a parallel loop */
    c->engine.num_threads = c->opts.num_threads > 0 ? c->opts.num_threads : 0;
    if (c->engine.num_threads > RT_MAX_THREADS)
        c->engine.num_threads = RT_MAX_THREADS;
    return c;
}

void jit_ctx_free(jit_ctx *c)
{
    if (!c)
        return;
    cuda_free(c);
    if (c->engine_ready)
        engine_free(&c->engine);
    for (int i = 0; i < c->nhostfns; i++) {
        rt_free(c->hostfns[i].name);
        rt_free(c->hostfns[i].sig);
    }
    rt_free(c->hostfns);
    for (int i = 0; i < c->nlibs; i++)
        dlclose(c->libs[i]);
    rt_free(c->libs);
    arena_free(&c->host_arena);
    pthread_mutex_destroy(&c->lock);
    rt_free(c);
}

/* ---------- host functions ---------- */

static HostFn *find_hostfn(jit_ctx *c, const char *name)
{
    for (int i = 0; i < c->nhostfns; i++)
        if (!strcmp(c->hostfns[i].name, name))
            return &c->hostfns[i];
    return NULL;
}

static int same_sig(const Type *r1, const Type **a1, int n1, const Type *r2, const Type **a2, int n2)
{
    if (n1 != n2 || !ty_equal(r1, r2))
        return 0;
    for (int i = 0; i < n1; i++)
        if (!ty_equal(a1[i], a2[i]))
            return 0;
    return 1;
}

/* The text of a signature for messages: "float64(float64, int64)". */
static const char *sig_str(Arena *a, const Type *ret, const Type **args, int n)
{
    const char *s = arena_printf(a, "%s(", ty_str_of(a, ret));
    for (int i = 0; i < n && s; i++)
        s = arena_printf(a, "%s%s%s", s, i ? ", " : "", ty_str_of(a, args[i]));
    return s ? arena_printf(a, "%s)", s) : "?";
}

/* Adds a host function and defines its JIT symbol; the caller holds the lock. */
static HostFn *add_hostfn(jit_ctx *c, const char *name, const char *sig, void *addr, const Type *ret,
                          const Type **args, int nargs, jit_error *err)
{
    if (c->nhostfns == c->caphostfns) {
        int cap = c->caphostfns ? 2 * c->caphostfns : 8;
        HostFn *h = rt_realloc(c->hostfns, (size_t)cap * sizeof *h);
        if (!h) {
            bad_arg(err, "out of memory");
            return NULL;
        }
        c->hostfns = h;
        c->caphostfns = cap;
    }
    HostFn *h = &c->hostfns[c->nhostfns];
    memset(h, 0, sizeof *h);
    h->name = rt_strdup(name);
    h->sig = sig ? rt_strdup(sig) : NULL;
    h->args = arena_array(&c->host_arena, (size_t)nargs + 1, sizeof *h->args);
    if (!h->name || (sig && !h->sig) || !h->args) {
        rt_free(h->name);
        rt_free(h->sig);
        bad_arg(err, "out of memory");
        return NULL;
    }
    h->ret = type_copy(&c->host_arena, ret);
    for (int i = 0; i < nargs; i++)
        h->args[i] = type_copy(&c->host_arena, args[i]);
    h->nargs = nargs;
    h->addr = addr;
    h->registered = sig != NULL;
    char sym[300];
    snprintf(sym, sizeof sym, "jitx.%s", name);
    if (engine_define_symbol(&c->engine, sym, addr, err) < 0) {
        rt_free(h->name);
        rt_free(h->sig);
        return NULL;
    }
    c->nhostfns++;
    return h;
}

static int valid_c_name(const char *s)
{
    if (!s || !(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
        return 0;
    for (; *s; s++)
        if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
            return 0;
    return 1;
}

int jit_extern(jit_ctx *ctx, const char *name, void *fn, const char *sig, jit_error *err)
{
    if (!ctx || !fn || !sig || !valid_c_name(name) || strlen(name) > 200)
        return bad_arg(err, "jit_extern: NULL context, function or signature, or a name that is not a C identifier");
    Arena a;
    arena_init(&a);
    const Type **args = NULL, *ret = NULL;
    const char *msg = NULL;
    int n = ty_parse_sig(&a, sig, &ret, &args, &msg);
    int rc = -1;
    if (n < 0 || !ret) {
        rt_error_set(err, JIT_ERR_ARGUMENT, "", 0, 0, "jit_extern(\"%s\"): %s", name,
                     n < 0 && msg ? msg : "the signature needs a return type (\"void(int64)\", \"f8(f8)\")");
        goto out;
    }
    for (int i = 0; i <= n; i++) {
        const Type *t = i < n ? args[i] : ret;
        if (!ty_is_scalar(t) && t->kind != TY_CPOINTER && !(i == n && t->kind == TY_NONE)) {
            rt_error_set(err, JIT_ERR_ARGUMENT, "", 0, 0, "jit_extern(\"%s\"): host functions take and return "
                         "numbers and C pointers, not %s", name, ty_str_of(&a, t));
            goto out;
        }
    }
    pthread_mutex_lock(&ctx->lock);
    HostFn *h = find_hostfn(ctx, name);
    if (h && h->registered && h->addr == fn && same_sig(h->ret, h->args, h->nargs, ret, args, n))
        rc = 0;   /* registered twice alike */
    else if (h)
        rt_error_set(err, JIT_ERR_ARGUMENT, "", 0, 0, "jit_extern: '%s' is already %s in this context", name,
                     h->registered ? "registered" : "bound to a symbol a loaded module found");
    else
        rc = add_hostfn(ctx, name, sig, fn, ret, args, n, err) ? 0 : -1;
    pthread_mutex_unlock(&ctx->lock);
out:
    arena_free(&a);
    return rc;
}

int jit_load_library(jit_ctx *ctx, const char *path, jit_error *err)
{
    if (!ctx || !path)
        return bad_arg(err, "jit_load_library: NULL context or path");
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *m = dlerror();
        rt_error_set(err, JIT_ERR_IO, path, 0, 0, "cannot load library %s: %s", path, m ? m : "unknown error");
        return -1;
    }
    pthread_mutex_lock(&ctx->lock);
    void **libs = rt_realloc(ctx->libs, (size_t)(ctx->nlibs + 1) * sizeof *libs);
    if (libs) {
        ctx->libs = libs;
        ctx->libs[ctx->nlibs++] = h;
    }
    pthread_mutex_unlock(&ctx->lock);
    if (!libs) {
        dlclose(h);
        return bad_arg(err, "out of memory");
    }
    return 0;
}

/* Binds one ExternalFunction declaration of a script to its address: the
 * host's registration (whose signature must be the same), else a library
 * from jit_load_library, else the process. The caller holds the lock. */
static int bind_extern(jit_module *m, Diags *d, ExternFn *x)
{
    jit_ctx *c = m->ctx;
    const char *cname = x->symbol;
    HostFn *h = find_hostfn(c, cname);
    /* a symbol another module found by lookup binds again with this module's
     * own declaration; only a host registration fixes the signature */
    if (h && h->registered && !same_sig(h->ret, h->args, h->nargs, x->ret, x->args, x->nargs)) {
        diag_error(d, DK_TYPE, x->pos, "'%s' is declared here as %s but the host registered it as %s", cname,
                   sig_str(&m->arena, x->ret, x->args, x->nargs), sig_str(&m->arena, h->ret, h->args, h->nargs));
        return -1;
    }
    if (!h) {
        void *addr = NULL;
        for (int i = 0; i < c->nlibs && !addr; i++)
            addr = dlsym(c->libs[i], cname);
        if (!addr)
            addr = dlsym(RTLD_DEFAULT, cname);
        if (!addr || !valid_c_name(cname) || strlen(cname) > 200) {
            diag_error(d, DK_NAME, x->pos, "unknown host function '%s': register it with jit_extern() or load "
                       "the library that defines it (jit run --load LIB.so)", cname);
            return -1;
        }
        jit_error e = {0};
        h = add_hostfn(c, cname, NULL, addr, x->ret, x->args, x->nargs, &e);
        if (!h) {
            diag_error(d, DK_NAME, x->pos, "cannot bind host function '%s': %s", cname, e.message);
            return -1;
        }
    }
    x->symbol = arena_printf(&m->arena, "jitx.%s", cname);
    return x->symbol ? 0 : -1;
}

/* The host functions a module's kernels may call: its ExternalFunction
 * declarations, then every function the host registered by name. */
static int bind_externs(jit_module *m, Diags *d)
{
    jit_ctx *c = m->ctx;
    Program p;
    infer_init(&p, &m->arena, d, m->ast, "");
    pthread_mutex_lock(&c->lock);
    int cap = m->ast->nglobals + c->nhostfns + 1, n = 0, bad = 0;
    ExternFn *xs = arena_array(&m->arena, (size_t)cap, sizeof *xs);
    for (int g = 0; xs && g < m->ast->nglobals; g++) {
        int r = infer_extern_decl(&p, &m->ast->globals[g], &xs[n]);
        if (r < 0 || (r > 0 && bind_extern(m, d, &xs[n]) < 0))
            bad = 1;
        else if (r > 0)
            n++;
    }
    for (int i = 0; xs && i < c->nhostfns; i++) {
        HostFn *h = &c->hostfns[i];
        int declared = 0;
        for (int k = 0; k < n && !declared; k++)
            declared = !strcmp(xs[k].name, h->name);
        if (!h->registered || declared)
            continue;
        ExternFn *x = &xs[n++];
        memset(x, 0, sizeof *x);
        x->name = arena_strdup(&m->arena, h->name);
        x->symbol = arena_printf(&m->arena, "jitx.%s", h->name);
        x->ret = type_copy(&m->arena, h->ret);
        x->args = arena_array(&m->arena, (size_t)h->nargs + 1, sizeof *x->args);
        x->nargs = h->nargs;
        for (int k = 0; x->args && k < h->nargs; k++)
            x->args[k] = type_copy(&m->arena, h->args[k]);
    }
    pthread_mutex_unlock(&c->lock);
    m->externs = xs;
    m->nexterns = n;
    return bad || !xs ? -1 : 0;
}

/* Compiles every @cfunc of a module to its C function (Numba compiles them
 * when the decorator runs, i.e. when the module loads). */
static int make_cfuncs(jit_module *m, jit_error *err)
{
    for (int i = 0; i < m->nfns; i++) {
        jit_fn *fn = &m->fns[i];
        Arena a;
        arena_init(&a);
        Diags d;
        diag_init(&d, &a, m->file, m->src);
        Program p;
        infer_init(&p, &a, &d, m->ast, "");
        FuncOpts o = infer_func_opts(&p, fn->def);
        int rc = 0;
        if (o.cfunc) {
            const Type **args = arena_array(&m->arena, (size_t)fn->def->nparams + 1, sizeof *args);
            const Type *ret = NULL;
            int n = args ? infer_declared_sig_ret(&p, fn->def, args, &ret) : -1;
            if (n >= 0 && n != fn->def->nparams)
                diag_error(&d, DK_TYPE, fn->def->pos, "@cfunc needs a signature: @cfunc(\"float64(float64)\")");
            for (int k = 0; n == fn->def->nparams && k < n && !d.count; k++)
                if (!ty_is_scalar(args[k]) && args[k]->kind != TY_CPOINTER)
                    diag_error(&d, DK_TYPE, fn->def->pos, "argument %d of @cfunc '%s' is %s: a C function takes "
                               "numbers and C pointers (pass an array as CPointer(float64) and view it with "
                               "carray(ptr, n))", k + 1, fn->def->name, ty_str_of(&a, args[k]));
            if (d.count) {
                diags_to_error(&d, err);
                rc = -1;
            } else {
                ret = type_copy(&m->arena, ret);
                pthread_mutex_lock(&m->ctx->lock);
                fn->cfunc = pipeline_run(fn, args, n, OUT_CFUNC, NULL, &ret, &m->arena, NULL, err);
                pthread_mutex_unlock(&m->ctx->lock);
                rc = fn->cfunc ? 0 : -1;
            }
        }
        arena_free(&a);
        if (rc < 0)
            return -1;
    }
    return 0;
}

void *jit_cfunc(jit_module *m, const char *name, jit_error *err)
{
    jit_fn *fn = jit_get(m, name, err);
    if (!fn)
        return NULL;
    if (!fn->cfunc)
        rt_error_set(err, JIT_ERR_TYPE, m->file, fn->def->pos.line, fn->def->pos.col,
                     "'%s' is not a @cfunc (use jit_compile for a C pointer to a kernel)", name);
    return fn->cfunc;
}

/* ---------- modules ---------- */

Module *module_prelude(jit_module *m, jit_error *err)
{
    pthread_mutex_lock(&m->prelude_lock);
    if (!m->prelude) {
        /* a bug in it is ours, not the user's */
        Diags pd;
        diag_init(&pd, &m->prelude_arena, "<prelude>", jit_prelude_src);
        Module *p = parse_module(&m->prelude_arena, &pd, "<prelude>", jit_prelude_src, strlen(jit_prelude_src));
        if (p && !pd.count && !m->prelude_arena.failed)
            m->prelude = p;
        else if (m->prelude_arena.failed || !pd.count)
            oom(err, "while parsing the NumPy prelude");
        else
            rt_error_set(err, JIT_ERR_INTERNAL, "<prelude>", pd.first ? pd.first->pos.line : 0, 0,
                         "internal error in the NumPy prelude: %s", pd.first ? pd.first->msg : "");
        if (!m->prelude) {
            /* a later compile tries again from scratch */
            arena_free(&m->prelude_arena);
            arena_init(&m->prelude_arena);
        }
    }
    Module *r = m->prelude;
    pthread_mutex_unlock(&m->prelude_lock);
    return r;
}

static jit_module *load(jit_ctx *ctx, const char *file, char *src, size_t len, jit_error *err)
{
    jit_module *m = rt_calloc(1, sizeof *m);
    if (!m) {
        rt_free(src);
        oom(err, NULL);
        return NULL;
    }
    m->ctx = ctx;
    arena_init(&m->arena);
    arena_init(&m->prelude_arena);
    pthread_mutex_init(&m->prelude_lock, NULL);
    m->file = rt_strdup(file);
    m->src = src;
    if (!m->file) {
        jit_module_free(m);
        oom(err, NULL);
        return NULL;
    }
    Diags d;
    diag_init(&d, &m->arena, m->file, m->src);
    m->ast = parse_module(&m->arena, &d, m->file, m->src, len);
    if (m->ast && !d.count)
        stencil_expand(&m->arena, &d, m->ast);
    if (m->ast && !d.count && ufunc_expand_aliases(&m->arena, m->ast) < 0) {
        rt_error_set(err, JIT_ERR_MEMORY, file, 0, 0, "out of memory while parsing");
        jit_module_free(m);
        return NULL;
    }
    if (!m->ast || d.count) {
        if (!d.count)
            rt_error_set(err, JIT_ERR_MEMORY, "", 0, 0, "out of memory while parsing %s", file);
        diags_to_error(&d, err);
        jit_module_free(m);
        return NULL;
    }
    m->nfns = m->ast->nfuncs;
    m->fns = arena_array(&m->arena, (size_t)m->nfns + 1, sizeof *m->fns);
    if (!m->fns) {
        jit_module_free(m);
        oom(err, NULL);
        return NULL;
    }
    for (int i = 0; i < m->nfns; i++) {
        m->fns[i].mod = m;
        m->fns[i].def = m->ast->funcs[i];
    }
    Diags xd;
    diag_init(&xd, &m->arena, m->file, m->src);
    if (bind_externs(m, &xd) < 0) {
        if (!xd.count)
            bad_arg(err, "out of memory");
        diags_to_error(&xd, err);
        jit_module_free(m);
        return NULL;
    }
    if (make_cfuncs(m, err) < 0) {
        jit_module_free(m);
        return NULL;
    }
    return m;
}

jit_module *jit_load_string(jit_ctx *ctx, const char *name, const char *src, jit_error *err)
{
    if (!ctx || !src) {
        bad_arg(err, "jit_load_string: NULL context or source");
        return NULL;
    }
    char *copy = rt_strdup(src);
    if (!copy) {
        oom(err, NULL);
        return NULL;
    }
    return load(ctx, name ? name : "<string>", copy, strlen(copy), err);
}

jit_module *jit_load_file(jit_ctx *ctx, const char *path, jit_error *err)
{
    if (!ctx || !path) {
        bad_arg(err, "jit_load_file: NULL context or path");
        return NULL;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        rt_error_set(err, JIT_ERR_IO, path, 0, 0, "cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 4096, len = 0;
    char *buf = rt_malloc(cap);
    while (buf) {
        size_t n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
        if (n == 0)
            break;
        if (len + 1 == cap) {
            char *nb = cap > (1u << 30) ? NULL : rt_realloc(buf, cap * 2);
            if (!nb) {
                rt_free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    int rerr = ferror(f);
    fclose(f);
    if (!buf || rerr) {
        rt_free(buf);
        if (rerr)
            rt_error_set(err, JIT_ERR_IO, path, 0, 0, "cannot read %s", path);
        else if (cap > (1u << 30))
            rt_error_set(err, JIT_ERR_VALUE, path, 0, 0, "%s is larger than 1 GiB: not a kernel script", path);
        else
            oom(err, "reading the script");
        return NULL;
    }
    buf[len] = 0;
    return load(ctx, path, buf, len, err);
}

static void free_entries(jit_fn *fn)
{
    for (Entry *e = fn->entries, *next; e; e = next) {
        next = e->next;
        rt_free(e->ffi_args);
        rt_free(e);
    }
    fn->entries = NULL;
}

void jit_module_free(jit_module *m)
{
    if (!m)
        return;
    for (int i = 0; i < m->nfns; i++)
        free_entries(&m->fns[i]);
    arena_free(&m->arena);
    arena_free(&m->prelude_arena);
    pthread_mutex_destroy(&m->prelude_lock);
    rt_free(m->file);
    rt_free(m->src);
    rt_free(m);
}

jit_fn *jit_get(jit_module *m, const char *name, jit_error *err)
{
    if (!m || !name) {
        bad_arg(err, "jit_get: NULL module or name");
        return NULL;
    }
    for (int i = 0; i < m->nfns; i++)
        if (!strcmp(m->fns[i].def->name, name))
            return &m->fns[i];
    /* f_fast = njit(f) or jit(nopython=True)(f): the alias names f */
    for (int g = 0; g < m->ast->nglobals; g++) {
        if (strcmp(m->ast->globals[g].name, name))
            continue;
        for (Expr *v = m->ast->globals[g].value; v && v->kind == EX_CALL; v = v->call.fn)
            if (v->call.nargs == 1 && v->call.args[0]->kind == EX_NAME)
                for (int i = 0; i < m->nfns; i++)
                    if (!strcmp(m->fns[i].def->name, v->call.args[0]->name))
                        return &m->fns[i];
    }
    rt_error_set(err, JIT_ERR_NAME, m->file, 0, 0, "no function '%s' in %s", name, m->file);
    return NULL;
}

const char *jit_fn_name(const jit_fn *fn) { return fn ? fn->def->name : NULL; }

const char *jit_warnings(jit_ctx *ctx) { return ctx ? ctx->warnings : ""; }

int jit_fn_stats(const jit_fn *fn, int *entries, double *compile_ms, int *cache_hits)
{
    if (!fn)
        return -1;
    int n = 0, hits = 0;
    double ms = 0;
    pthread_mutex_lock(&fn->mod->ctx->lock);
    for (const Entry *e = fn->entries; e; e = e->next) {
        n++;
        hits += e->from_cache;
        ms += e->compile_ms[4];
    }
    pthread_mutex_unlock(&fn->mod->ctx->lock);
    if (entries)
        *entries = n;
    if (compile_ms)
        *compile_ms = ms;
    if (cache_hits)
        *cache_hits = hits;
    return 0;
}
int jit_fn_nparams(const jit_fn *fn) { return fn ? fn->def->nparams : -1; }

/* ---------- dispatch ---------- */

static ffi_type *ffi_of(const Type *t)
{
    switch (t->kind) {
    case TY_BOOL: case TY_INT8: return &ffi_type_sint8;
    case TY_UINT8: return &ffi_type_uint8;
    case TY_INT16: return &ffi_type_sint16;
    case TY_UINT16: return &ffi_type_uint16;
    case TY_INT32: return &ffi_type_sint32;
    case TY_UINT32: return &ffi_type_uint32;
    case TY_INT64: return &ffi_type_sint64;
    case TY_UINT64: return &ffi_type_uint64;
    case TY_FLOAT32: return &ffi_type_float;
    case TY_FLOAT64: return &ffi_type_double;
    case TY_ARRAY: case TY_CPOINTER: return &ffi_type_pointer;
    default: return NULL;
    }
}

static void c_layout(const Type *t, size_t *size, size_t *align);

static int prepare_cif(Entry *e, jit_error *err)
{
    int tuple_ret = e->ret->kind == TY_TUPLE;
    int n = e->nargs + tuple_ret;
    if (tuple_ret) {
        size_t sz, al;
        c_layout(e->ret, &sz, &al);
        if (sz > 4096)
            return bad_arg(err, "the returned tuple is too large to pass to C (over 4096 bytes)");
    }
    e->ffi_args = rt_calloc((size_t)n + 1, sizeof *e->ffi_args);
    if (!e->ffi_args)
        return oom(err, NULL);
    int k = 0;
    if (tuple_ret)
        e->ffi_args[k++] = &ffi_type_pointer;
    for (int i = 0; i < e->nargs; i++) {
        e->ffi_args[k] = ffi_of(e->args[i]);
        if (!e->ffi_args[k++]) {
            rt_error_set(err, JIT_ERR_TYPE, "", 0, 0,
                         "argument %d: tuples cannot be passed from C yet; pass their elements", i + 1);
            return -1;
        }
    }
    if (e->ret->kind == TY_NONE || tuple_ret)
        e->ffi_ret = &ffi_type_void;
    else
        e->ffi_ret = ffi_of(e->ret);
    if (!e->ffi_ret)
        return bad_arg(err, "unsupported return type");
    if (ffi_prep_cif(&e->cif, FFI_DEFAULT_ABI, (unsigned)n, e->ffi_ret, e->ffi_args) != FFI_OK)
        return bad_arg(err, "libffi could not prepare the call");
    return 0;
}

static Entry *find_entry(jit_fn *fn, const Type **args, int nargs)
{
    for (Entry *e = fn->entries; e; e = e->next) {
        if (e->nargs != nargs)
            continue;
        int same = 1;
        for (int i = 0; i < nargs && same; i++)
            same = ty_equal(e->args[i], args[i]);
        if (same)
            return e;
    }
    return NULL;
}

/* The entry for these argument types, compiling it on first use. */
static Entry *get_entry(jit_fn *fn, const Type **args, int nargs, jit_error *err)
{
    jit_ctx *ctx = fn->mod->ctx;
    pthread_mutex_lock(&ctx->lock);
    Entry *e = find_entry(fn, args, nargs);
    if (e) {
        pthread_mutex_unlock(&ctx->lock);
        return e;
    }
    if (nargs != fn->def->nparams && !ufunc_decorated(fn->def)) {
        rt_error_set(err, JIT_ERR_ARGUMENT, fn->mod->file, fn->def->pos.line, fn->def->pos.col,
                     "%s() takes %d argument%s but %d were given", fn->def->name, fn->def->nparams,
                     fn->def->nparams == 1 ? "" : "s", nargs);
        pthread_mutex_unlock(&ctx->lock);
        return NULL;
    }
    e = rt_calloc(1, sizeof *e);
    Arena *keep = &fn->mod->arena;
    const Type **kargs = arena_array(keep, (size_t)nargs + 1, sizeof *kargs);
    if (!e || !kargs) {
        rt_free(e);
        oom(err, NULL);
        pthread_mutex_unlock(&ctx->lock);
        return NULL;
    }
    for (int i = 0; i < nargs; i++)
        kargs[i] = type_copy(keep, args[i]);
    e->args = kargs;
    e->nargs = nargs;
    Timing t = {0};
    e->addr = pipeline_run(fn, args, nargs, OUT_CODE, NULL, &e->ret, keep, &t, err);
    if (!e->addr || prepare_cif(e, err) < 0) {
        rt_free(e->ffi_args);
        rt_free(e);
        pthread_mutex_unlock(&ctx->lock);
        return NULL;
    }
    e->compile_ms[0] = t.infer;
    e->compile_ms[1] = t.lower;
    e->compile_ms[2] = t.optimize;
    e->compile_ms[3] = t.codegen;
    e->compile_ms[4] = t.total;
    e->from_cache = t.from_cache;
    e->next = fn->entries;
    fn->entries = e;
    pthread_mutex_unlock(&ctx->lock);
    return e;
}

static int is_c_contiguous(const jit_array *a)
{
    int64_t s = (int64_t)jit_dtype_size(a->dtype);
    for (int k = a->ndim - 1; k >= 0; k--) {
        if (a->shape[k] != 1 && a->strides[k] != s)
            return 0;
        s *= a->shape[k];
    }
    return 1;
}

static const Type *type_of_value(Arena *a, const jit_value *v, jit_error *err, int i)
{
    switch (v->tag) {
    case JIT_V_INT: return ty_int64;
    case JIT_V_FLOAT: return ty_float64;
    case JIT_V_FLOAT32: return ty_float32;
    case JIT_V_BOOL: return ty_bool;
    case JIT_V_SCALAR:
        if ((unsigned)v->dtype <= JIT_FLOAT64)
            return &ty_scalars[v->dtype];
        break;
    case JIT_V_ARRAY: {
        const jit_array *x = v->arr;
        if (!x || x->ndim < 1 || x->ndim > JIT_MAX_NDIM || (unsigned)x->dtype > JIT_FLOAT64 ||
            (!x->data && jit_array_size(x) > 0)) {
            rt_error_set(err, JIT_ERR_ARGUMENT, "", 0, 0, "argument %d: invalid array descriptor", i + 1);
            return NULL;
        }
        return ty_array(a, &ty_scalars[x->dtype], x->ndim, is_c_contiguous(x) ? 'C' : 'A');
    }
    default:
        break;
    }
    rt_error_set(err, JIT_ERR_ARGUMENT, "", 0, 0, "argument %d: values of this kind cannot be passed yet", i + 1);
    return NULL;
}

/* Storage for one C argument of any supported type. */
typedef union CArg {
    int8_t i8; uint8_t u8; int16_t i16; uint16_t u16; int32_t i32; uint32_t u32;
    int64_t i64; uint64_t u64; float f32; double f64; const void *p;
} CArg;

static void to_carg(CArg *c, const jit_value *v, const Type *t)
{
    double f = v->tag == JIT_V_FLOAT || v->tag == JIT_V_FLOAT32 ||
               (v->tag == JIT_V_SCALAR && (v->dtype == JIT_FLOAT32 || v->dtype == JIT_FLOAT64)) ? v->f : 0;
    int is_f = v->tag == JIT_V_FLOAT || v->tag == JIT_V_FLOAT32 ||
               (v->tag == JIT_V_SCALAR && (v->dtype == JIT_FLOAT32 || v->dtype == JIT_FLOAT64));
    int64_t i = is_f ? (int64_t)f : v->i;
    switch (t->kind) {
    case TY_BOOL: c->i8 = (int8_t)(i != 0); break;
    case TY_INT8: c->i8 = (int8_t)i; break;
    case TY_UINT8: c->u8 = (uint8_t)i; break;
    case TY_INT16: c->i16 = (int16_t)i; break;
    case TY_UINT16: c->u16 = (uint16_t)i; break;
    case TY_INT32: c->i32 = (int32_t)i; break;
    case TY_UINT32: c->u32 = (uint32_t)i; break;
    case TY_INT64: c->i64 = i; break;
    case TY_UINT64: c->u64 = (uint64_t)i; break;
    case TY_FLOAT32: c->f32 = (float)(is_f ? f : (double)i); break;
    case TY_FLOAT64: c->f64 = is_f ? f : (double)i; break;
    case TY_ARRAY: c->p = v->arr; break;
    default: break;
    }
}

static jit_value scalar_value(const Type *t, const void *p)
{
    jit_value v = {JIT_V_SCALAR, (jit_dtype)t->kind, {.i = 0}};
    switch (t->kind) {
    case TY_BOOL: v.tag = JIT_V_BOOL; v.i = *(const int8_t *)p != 0; break;
    case TY_INT8: v.i = *(const int8_t *)p; break;
    case TY_UINT8: v.u = *(const uint8_t *)p; break;
    case TY_INT16: v.i = *(const int16_t *)p; break;
    case TY_UINT16: v.u = *(const uint16_t *)p; break;
    case TY_INT32: v.i = *(const int32_t *)p; break;
    case TY_UINT32: v.u = *(const uint32_t *)p; break;
    case TY_INT64: v.tag = JIT_V_INT; v.i = *(const int64_t *)p; break;
    case TY_UINT64: v.u = *(const uint64_t *)p; break;
    case TY_FLOAT32: v.tag = JIT_V_FLOAT32; v.f = *(const float *)p; break;
    case TY_FLOAT64: v.tag = JIT_V_FLOAT; v.f = *(const double *)p; break;
    case TY_ARRAY: v.tag = JIT_V_ARRAY; v.arr = *(jit_array *const *)p;
        if (v.arr) v.dtype = v.arr->dtype;
        break;
    default: v.tag = JIT_V_NONE; break;
    }
    return v;
}

/* Size and alignment of a value in the C struct a tuple is returned in
 * (the layout LLVM gives the same struct on this ABI). */
static void c_layout(const Type *t, size_t *size, size_t *align)
{
    if (t->kind == TY_ARRAY) {
        *size = *align = sizeof(void *);
        return;
    }
    if (t->kind != TY_TUPLE) {
        *size = *align = (size_t)(ty_size(t) > 0 ? ty_size(t) : 1);
        return;
    }
    size_t off = 0, max = 1;
    for (int i = 0; i < t->tup.n; i++) {
        size_t s, a;
        c_layout(t->tup.elems[i], &s, &a);
        off = (off + a - 1) / a * a + s;
        max = a > max ? a : max;
    }
    *size = (off + max - 1) / max * max;
    *align = max;
}

/* Unpacks a tuple returned as a C struct (natural alignment). */
static int tuple_value(const Type *t, const unsigned char *buf, jit_value *out)
{
    jit_value *items = calloc((size_t)t->tup.n + 1, sizeof *items);
    if (!items)
        return -1;
    out->tag = JIT_V_TUPLE;
    out->tuple.n = t->tup.n;
    out->tuple.items = items;
    size_t off = 0;
    for (int i = 0; i < t->tup.n; i++) {
        size_t sz, al;
        c_layout(t->tup.elems[i], &sz, &al);
        off = (off + al - 1) / al * al;
        if (t->tup.elems[i]->kind == TY_TUPLE) {
            if (tuple_value(t->tup.elems[i], buf + off, &items[i]) < 0)
                return -1;
        } else
            items[i] = scalar_value(t->tup.elems[i], buf + off);
        off += sz;
    }
    return 0;
}

/* The value of a literal default argument (1, -2.5, True), as a host value. */
static int literal_default(const Expr *d, jit_value *v)
{
    int neg = 0;
    while (d && d->kind == EX_UNARY && (d->un.op == UOP_NEG || d->un.op == UOP_POS)) {
        neg ^= d->un.op == UOP_NEG;
        d = d->un.x;
    }
    if (!d)
        return 0;
    if (d->kind == EX_INT)
        *v = jit_int(neg ? (int64_t)(0 - (uint64_t)d->ival) : d->ival);
    else if (d->kind == EX_FLOAT)
        *v = jit_float(neg ? -d->fval : d->fval);
    else if (d->kind == EX_BOOL && !neg)
        *v = jit_bool((int)d->ival);
    else
        return 0;
    return 1;
}

int jit_call(jit_fn *fn, const jit_value *args, int nargs, jit_value *ret, jit_error *err)
{
    if (ret)
        memset(ret, 0, sizeof *ret);
    if (!fn || (nargs && !args) || nargs < 0 || nargs > 255)
        return bad_arg(err, "jit_call: NULL function, NULL arguments or bad argument count");
    jit_value full[256];
    if (nargs < fn->def->nparams) {
        /* missing trailing arguments take their literal defaults */
        int n = fn->def->nparams;
        for (int i = 0; i < nargs; i++)
            full[i] = args[i];
        for (int i = nargs; i < n && n <= 255; i++)
            if (!literal_default(fn->def->params[i].deflt, &full[i])) {
                n = -1;
                break;
            }
        if (n > 0 && n <= 255) {
            args = full;
            nargs = n;
        }
    }
    Arena a;
    arena_init(&a);
    const Type *types[256];
    for (int i = 0; i < nargs; i++)
        if (!(types[i] = type_of_value(&a, &args[i], err, i))) {
            arena_free(&a);
            return -1;
        }
    Entry *e = get_entry(fn, types, nargs, err);
    arena_free(&a);
    if (!e)
        return -1;
    CArg cargs[257];
    void *ptrs[257];
    unsigned char tuple_buf[4096] __attribute__((aligned(16)));
    void *tuple_p = tuple_buf;
    int k = 0;
    if (e->ret->kind == TY_TUPLE)
        ptrs[k++] = &tuple_p;
    for (int i = 0; i < nargs; i++) {
        to_carg(&cargs[i], &args[i], e->args[i]);
        ptrs[k++] = &cargs[i];
    }
    union { ffi_arg a; CArg c; unsigned char pad[16]; } rv;
    memset(&rv, 0, sizeof rv);
    rt_error_clear();
    rt_set_output(fn->mod->ctx->opts.output);
    ffi_call(&e->cif, FFI_FN(e->addr), &rv, ptrs);
    rt_set_output(NULL);
    if (rt_error_take(err))
        return -1;
    jit_value scratch;
    int keep = ret != NULL;
    if (!ret)
        ret = &scratch;   /* the caller does not want it: release what it owns */
    if (e->ret->kind == TY_TUPLE) {
        int r = tuple_value(e->ret, tuple_buf, ret) < 0 ? oom(err, NULL) : 0;
        if (!keep)
            jit_value_release(ret);
        return r;
    }
    if (!keep) {
        if (e->ret->kind == TY_ARRAY)
            jit_array_release((jit_array *)rv.c.p);
        return 0;
    }
    if (e->ret->kind == TY_NONE) {
        ret->tag = JIT_V_NONE;
        return 0;
    }
    /* libffi widens small integer returns to a full register */
    CArg c;
    memset(&c, 0, sizeof c);
    if (ty_is_int(e->ret) || e->ret->kind == TY_BOOL) {
        int64_t w = (int64_t)rv.a;
        switch (ty_size(e->ret)) {
        case 1: c.i8 = (int8_t)w; break;
        case 2: c.i16 = (int16_t)w; break;
        case 4: c.i32 = (int32_t)w; break;
        default: c.i64 = w; break;
        }
    } else
        c = rv.c;
    *ret = scalar_value(e->ret, &c);
    return 0;
}

int jit_cuda_launch(jit_fn *fn, const int64_t grid[3], const int64_t block[3], const jit_value *args, int nargs,
                    jit_error *err)
{
    if (!fn || !grid || !block)
        return bad_arg(err, "jit_cuda_launch: NULL function or launch configuration");
    const int64_t dims[6] = {grid[0], grid[1], grid[2], block[0], block[1], block[2]};
    /* the kernel's C entry launches it with this configuration */
    cuda_set_config(dims);
    int r = jit_call(fn, args, nargs, NULL, err);
    cuda_set_config(NULL);
    return r;
}

/* ---------- static compile and text outputs ---------- */

static int parse_sig(jit_fn *fn, Arena *a, const char *sig, const Type ***args, const Type **ret, jit_error *err)
{
    if (!sig) {
        /* annotations or an eager signature in the decorator */
        Diags d;
        diag_init(&d, a, fn->mod->file, fn->mod->src);
        Program p;
        infer_init(&p, a, &d, fn->mod->ast, "");
        p.prelude = module_prelude(fn->mod, err);
        if (!p.prelude)
            return -1;
        p.externs = fn->mod->externs;
        p.nexterns = fn->mod->nexterns;
        const Type **at = arena_array(a, (size_t)fn->def->nparams + 1, sizeof *at);
        int n = at ? infer_declared_sig(&p, fn->def, at) : -1;
        if (n < 0) {
            diags_to_error(&d, err);
            return -1;
        }
        if (n != fn->def->nparams) {
            rt_error_set(err, JIT_ERR_ARGUMENT, fn->mod->file, fn->def->pos.line, fn->def->pos.col,
                         "'%s' has no declared signature: give one with --sig \"f8(f8[:])\"", fn->def->name);
            return -1;
        }
        *args = at;
        *ret = NULL;
        return n;
    }
    const char *msg = NULL;
    int n = ty_parse_sig(a, sig, ret, args, &msg);
    if (n < 0 && a->failed)
        oom(err, "parsing the signature");
    else if (n < 0)
        rt_error_set(err, JIT_ERR_ARGUMENT, "", 0, 0, "%s", msg ? msg : "bad signature");
    return n;
}

void *jit_compile(jit_fn *fn, const char *sig, jit_error *err)
{
    if (!fn || !sig) {
        bad_arg(err, "jit_compile: NULL function or signature");
        return NULL;
    }
    Arena a;
    arena_init(&a);
    const Type **args = NULL, *ret = NULL;
    int n = parse_sig(fn, &a, sig, &args, &ret, err);
    Entry *e = n < 0 ? NULL : get_entry(fn, args, n, err);
    if (e && ret && !ty_equal(ret, e->ret)) {
        rt_error_set(err, JIT_ERR_TYPE, fn->mod->file, fn->def->pos.line, fn->def->pos.col,
                     "signature declares the return type %s but '%s' returns %s", ty_str_of(&a, ret),
                     fn->def->name, ty_str_of(&a, e->ret));
        e = NULL;
    }
    arena_free(&a);
    return e ? e->addr : NULL;
}

static char *text_of(jit_fn *fn, const char *sig, OutKind kind, const char *arch, jit_error *err)
{
    if (!fn) {
        bad_arg(err, "NULL function");
        return NULL;
    }
    Arena a;
    arena_init(&a);
    const Type **args = NULL, *ret = NULL;
    char *s = NULL;
    int n = parse_sig(fn, &a, sig, &args, &ret, err);
    if (n >= 0) {
        pthread_mutex_lock(&fn->mod->ctx->lock);
        s = pipeline_run(fn, args, n, kind, arch, NULL, &a, NULL, err);
        pthread_mutex_unlock(&fn->mod->ctx->lock);
    }
    arena_free(&a);
    return s;
}

char *jit_ir(jit_fn *fn, const char *sig, int optimized, jit_error *err)
{
    return text_of(fn, sig, optimized ? OUT_OPT_IR : OUT_IR, NULL, err);
}

char *jit_asm(jit_fn *fn, const char *sig, jit_error *err) { return text_of(fn, sig, OUT_ASM, NULL, err); }

char *jit_remarks(jit_fn *fn, const char *sig, jit_error *err)
{
    engine_enable_remarks();
    return text_of(fn, sig, OUT_REMARKS, NULL, err);
}

char *jit_ptx(jit_fn *fn, const char *sig, const char *arch, jit_error *err)
{
    if (!arch && fn)
        arch = cuda_default_arch(fn->mod->ctx);   /* the device's, else sm_80 */
    return text_of(fn, sig, OUT_PTX, arch, err);
}

int jit_check(jit_module *m, jit_error *err)
{
    if (!m)
        return bad_arg(err, "jit_check: NULL module");
    Module *prelude = module_prelude(m, err);
    if (!prelude)
        return -1;
    /* every function with a fully declared signature is type-checked */
    Arena a;
    arena_init(&a);
    Diags d;
    diag_init(&d, &a, m->file, m->src);
    for (int i = 0; i < m->nfns; i++) {
        const FuncDef *f = m->fns[i].def;
        Program p;
        infer_init(&p, &a, &d, m->ast, "");
        p.prelude = prelude;
        p.externs = m->externs;
        p.nexterns = m->nexterns;
        infer_func_opts(&p, f);
        const Type **at = arena_array(&a, (size_t)f->nparams + 1, sizeof *at);
        if (!at)
            break;
        const Ufunc *uf = infer_ufunc(&p, f);
        if (uf) {
            /* a ufunc: every loop of its decorator */
            for (int k = 0; k < uf->nsigs && !d.count; k++)
                infer_entry(&p, f, uf->sigs[k].args, uf->sigs[k].nargs);
            continue;
        }
        int n = infer_declared_sig(&p, f, at);
        if (n == f->nparams)
            infer_entry(&p, f, at, n);
    }
    int bad = d.count > 0 || a.failed;
    if (bad)
        diags_to_error(&d, err);
    arena_free(&a);
    return bad ? -1 : 0;
}

/* ---------- threads ---------- */

int jit_set_num_threads(jit_ctx *ctx, int n)
{
    if (!ctx)
        return 0;
    if (n > RT_MAX_THREADS)
        n = RT_MAX_THREADS;
    __atomic_store_n(&ctx->engine.num_threads, n > 0 ? n : 0, __ATOMIC_RELAXED);
    return jit_get_num_threads(ctx);
}

int jit_get_num_threads(jit_ctx *ctx)
{
    int n = ctx ? __atomic_load_n(&ctx->engine.num_threads, __ATOMIC_RELAXED) : 0;
    return n > 0 ? n : rt_default_threads();
}

/* ---------- sysinfo ---------- */

char *jit_sysinfo(jit_ctx *ctx)
{
    char cuda[1024];
    cuda_describe(ctx, cuda, sizeof cuda);
    unsigned maj, min, pat;
    LLVMGetVersion(&maj, &min, &pat);
    const char *omp = getenv("OMP_NUM_THREADS"), *jnt = getenv("JIT_NUM_THREADS");
    const char *cache = getenv("JIT_CACHE_DIR");
    char cachebuf[512];
    if (!cache) {
        const char *x = getenv("XDG_CACHE_HOME"), *h = getenv("HOME");
        if (x)
            snprintf(cachebuf, sizeof cachebuf, "%s/libjit", x);
        else
            snprintf(cachebuf, sizeof cachebuf, "%s/.cache/libjit", h ? h : "/tmp");
        cache = cachebuf;
    }
    Engine *e = ctx ? &ctx->engine : NULL;
    size_t n = 8192 + (e && e->features ? strlen(e->features) : 0);
    char *s = malloc(n);
    if (!s)
        return NULL;
    /* only the enabled features, comma separated */
    char *feat = malloc(n);
    size_t fl = 0;
    if (feat) {
        feat[0] = 0;
        if (e && e->features) {
            const char *p = e->features;
            while (*p) {
                const char *q = strchr(p, ',');
                size_t len = q ? (size_t)(q - p) : strlen(p);
                if (*p == '+' && len > 1) {
                    fl += (size_t)snprintf(feat + fl, n - fl, "%s%.*s", fl ? " " : "", (int)len - 1, p + 1);
                }
                p += len + (q ? 1 : 0);
            }
        }
    }
    snprintf(s, n,
             "libjit:       %s\n"
             "LLVM:         %u.%u.%u\n"
             "libffi:       %s\n"
             "host triple:  %s\n"
             "host CPU:     %s\n"
             "CPU features: %s\n"
             "threads:      %d for parallel=True (threading layer: OpenMP, LLVM libomp); %ld cores online; "
             "JIT_NUM_THREADS=%s OMP_NUM_THREADS=%s\n"
             "CUDA:         %s\n"
             "cache dir:    %s (used with @njit(cache=True), --cache or JIT_CACHE=1)\n",
             JIT_VERSION_STRING, maj, min, pat, JIT_FFI_VERSION, e ? e->triple : "?", e ? e->cpu : "?",
             feat ? feat : "", jit_get_num_threads(ctx),
             sysconf(_SC_NPROCESSORS_ONLN), jnt ? jnt : "(unset)", omp ? omp : "(unset)", cuda, cache);
    free(feat);
    return s;
}
