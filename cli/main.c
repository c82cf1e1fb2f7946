/* main.c - the `jit` command: run, check, ir, asm, ptx, sysinfo.
 *
 * Everything goes through the public C API (include/jit.h); this file only
 * parses the command line, prints results and errors, and picks the exit
 * status: 0 on success, 1 for a user error (bad script, bad argument, an
 * exception in the kernel), 2 for bad usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jit.h"
#include "args.h"

static const char *usage =
    "usage: jit <command> [options]\n"
    "\n"
    "  jit run FILE.py [FUNC] [ARG...]    call FUNC (default main) and print its result\n"
    "                                     ARG: an int, a float, or a .npy file\n"
    "  jit check FILE.py                  parse and type-check; report every error\n"
    "  jit ir FILE.py FUNC [--sig S] [--no-opt]   LLVM IR (optimized unless --no-opt)\n"
    "  jit ir FILE.py FUNC --sig S --remarks      which loops LLVM vectorized, and why not\n"
    "  jit asm FILE.py FUNC [--sig S]     native assembly for this CPU\n"
    "  jit ptx FILE.py FUNC [--sig S] [--arch sm_90]  PTX of a @cuda.jit kernel\n"
    "  jit sysinfo                        versions, CPU, threads, CUDA, cache\n"
    "  jit cache ls | clear               list or empty the disk cache\n"
    "  jit --version | help\n"
    "\n"
    "options: --no-boundscheck  -O0..-O3  --sig \"f8(f8[:], i8)\"  --threads N\n"
    "         --cache (keep compiled code on disk; also JIT_CACHE=1)  --profile\n"
    "         --load LIB.so (a library whose functions the script declares with\n"
    "           types.ExternalFunction; repeatable)\n"
    "         --cuda-sim (run @cuda.jit kernels on the CPU simulator; also JIT_CUDA_SIM=1)\n"
    "         -g (source positions in the code: .loc lines in asm and ptx, !dbg in ir;\n"
    "           also JIT_DEBUG_INFO=1; implies --perf-map)\n"
    "         --perf-map (name compiled functions for perf in /tmp/perf-PID.map;\n"
    "           also JIT_PERF_MAP=1)\n";

typedef CliOpts Opts;

/* Each command ends the process: what it built is left to the kernel, which
 * reclaims a process's memory at once, instead of tearing down the JIT and
 * running LLVM's ~1600 static destructors at exit (0.28M instructions of a
 * cached `jit run`; docs/performance.md, "Start-up"). Sanitizer builds tear
 * everything down, so that LeakSanitizer still checks every command. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define TEARDOWN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define TEARDOWN 1
#endif
#endif
#ifndef TEARDOWN
#define TEARDOWN 0
#endif

static void done_with(jit_module *m, jit_ctx *ctx)
{
    if (TEARDOWN) {
        jit_module_free(m);
        jit_ctx_free(ctx);
    }
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

/* A context with the --load libraries opened. */
static jit_ctx *new_ctx(const Opts *o, jit_error *err)
{
    jit_ctx *ctx = jit_ctx_new(&o->jo, err);
    for (int i = 0; ctx && i < o->nlibs; i++)
        if (jit_load_library(ctx, o->libs[i], err) < 0) {
            jit_ctx_free(ctx);
            return NULL;
        }
    return ctx;
}

static int is_runtime_kind(jit_error_kind k)
{
    return k == JIT_ERR_VALUE || k == JIT_ERR_INDEX || k == JIT_ERR_ZERO_DIVISION || k == JIT_ERR_RUNTIME ||
           k == JIT_ERR_ASSERTION || k == JIT_ERR_MEMORY || k == JIT_ERR_RECURSION || k == JIT_ERR_OVERFLOW ||
           k == JIT_ERR_CUDA;
}

static int report(const jit_error *e)
{
    if (e->report && *e->report)
        fputs(e->report, stderr);
    else if (is_runtime_kind(e->kind) && e->file[0])
        fprintf(stderr, "%s:%d: %s%s%s\n", e->file, e->line, jit_error_kind_name(e->kind),
                e->message[0] ? ": " : "", e->message);
    else if (is_runtime_kind(e->kind))
        fprintf(stderr, "jit: %s: %s\n", jit_error_kind_name(e->kind), e->message);
    else if (e->file[0] && e->line)
        fprintf(stderr, "%s:%d:%d: error: %s\n", e->file, e->line, e->col, e->message);
    else if (e->file[0])
        fprintf(stderr, "%s: error: %s\n", e->file, e->message);
    else
        fprintf(stderr, "jit: error: %s\n", e->message);
    return 1;
}

/* An argument: int literal, float literal (inf/nan too), True/False, or a .npy file. */
static int parse_value(const char *s, jit_value *v, jit_array **owned, jit_error *err)
{
    *owned = NULL;
    int k = cli_parse_scalar(s, v, err);
    if (k != 1)
        return k;
    jit_array *a = jit_npy_load(s, err);
    if (!a)
        return -1;
    *owned = a;
    *v = jit_arr(a);
    return 0;
}

static int cmd_run(const CliCmd *c)
{
    int argc = c->argc;
    char **argv = c->argv;
    const Opts *o = &c->o;
    const char *file = argv[0];
    const char *func = c->func;
    int first = c->first_arg;
    jit_error err = {0};
    int rc = 1, nargs = argc - first;
    jit_value *vals = calloc((size_t)nargs + 1, sizeof *vals);
    jit_array **owned = calloc((size_t)nargs + 1, sizeof *owned);
    jit_ctx *ctx = new_ctx(o, &err);
    jit_module *m = ctx ? jit_load_file(ctx, file, &err) : NULL;
    jit_fn *fn = m ? jit_get(m, func, &err) : NULL;
    if (!fn || !vals || !owned)
        goto out;
    for (int i = 0; i < nargs; i++)
        if (parse_value(argv[first + i], &vals[i], &owned[i], &err) < 0)
            goto out;
    jit_value ret;
    if (jit_call(fn, vals, nargs, &ret, &err) < 0)
        goto out;
    fflush(stdout);
    if (ret.tag != JIT_V_NONE) {
        jit_value_print(stdout, &ret);
        fputc('\n', stdout);
    }
    jit_value_release(&ret);
    rc = 0;
    if (o->profile) {
        int n = 0, hits = 0;
        double ms = 0;
        jit_fn_stats(fn, &n, &ms, &hits);
        fprintf(stderr, "profile: %s: %d signature%s compiled in %.2f ms (%d from the disk cache)\n", func, n,
                n == 1 ? "" : "s", ms, hits);
    }
out:
    if (ctx && jit_warnings(ctx)[0])
        fputs(jit_warnings(ctx), stderr);
    if (rc)
        report(&err);
    for (int i = 0; owned && i < nargs; i++)
        jit_array_release(owned[i]);
    free(vals);
    free(owned);
    jit_error_clear(&err);
    done_with(m, ctx);
    return rc;
}

static int cmd_check(char **argv, const Opts *o)
{
    jit_error err = {0};
    jit_ctx *ctx = new_ctx(o, &err);
    jit_module *m = ctx ? jit_load_file(ctx, argv[0], &err) : NULL;
    int rc = m && jit_check(m, &err) == 0 ? 0 : 1;
    if (rc)
        report(&err);
    else
        printf("%s: ok\n", argv[0]);
    jit_error_clear(&err);
    done_with(m, ctx);
    return rc;
}

static int cmd_text(const char *what, char **argv, const Opts *o)
{
    jit_error err = {0};
    char *text = NULL;
    jit_ctx *ctx = new_ctx(o, &err);
    jit_module *m = ctx ? jit_load_file(ctx, argv[0], &err) : NULL;
    jit_fn *fn = m ? jit_get(m, argv[1], &err) : NULL;
    if (fn) {
        if (!strcmp(what, "ir") && o->remarks)
            text = jit_remarks(fn, o->sig, &err);
        else if (!strcmp(what, "ir"))
            text = jit_ir(fn, o->sig, !o->no_opt, &err);
        else if (!strcmp(what, "asm"))
            text = jit_asm(fn, o->sig, &err);
        else
            text = jit_ptx(fn, o->sig, o->arch, &err);
    }
    int rc = text ? 0 : report(&err);
    if (text)
        fputs(text, stdout);
    jit_free(text);
    jit_error_clear(&err);
    done_with(m, ctx);
    return rc;
}

/* jit cache ls | clear: the files of the disk cache directory. */
static int cmd_cache(char **argv)
{
    char dir[1024];
    const char *d = getenv("JIT_CACHE_DIR");
    if (!d) {
        const char *x = getenv("XDG_CACHE_HOME"), *h = getenv("HOME");
        snprintf(dir, sizeof dir, "%s%s", x ? x : h ? h : "/tmp", x ? "/libjit" : "/.cache/libjit");
        d = dir;
    }
    DIR *dp = opendir(d);
    if (!dp) {
        printf("%s: empty (no directory)\n", d);
        return 0;
    }
    int n = 0;
    long long bytes = 0;
    struct dirent *de;
    while ((de = readdir(dp))) {
        if (!ends_with(de->d_name, ".jco"))
            continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", d, de->d_name);
        struct stat st;
        if (stat(path, &st) == 0)
            bytes += st.st_size;
        if (!strcmp(argv[0], "clear"))
            unlink(path);
        else
            printf("%s  %lld bytes\n", de->d_name, (long long)st.st_size);
        n++;
    }
    closedir(dp);
    printf("%s: %d entr%s, %lld bytes%s\n", d, n, n == 1 ? "y" : "ies", bytes,
           strcmp(argv[0], "clear") ? "" : " removed");
    return 0;
}

static int cmd_sysinfo(const Opts *o)
{
    jit_error err = {0};
    jit_ctx *ctx = new_ctx(o, &err);
    if (!ctx)
        return report(&err);
    char *s = jit_sysinfo(ctx);
    if (s)
        fputs(s, stdout);
    jit_free(s);
    done_with(NULL, ctx);
    return 0;
}

static int command(int argc, char **argv)
{
    CliCmd c;
    cli_parse(argc, argv, &c);
    switch (c.kind) {
    case CLI_USAGE:
        fprintf(stderr, "%s%s", c.error, usage);
        return 2;
    case CLI_HELP:
        fputs(usage, stdout);
        return 0;
    case CLI_VERSION:
        printf("jit %s\n", jit_version());
        return 0;
    case CLI_RUN:
        return cmd_run(&c);
    case CLI_CHECK:
        return cmd_check(c.argv, &c.o);
    case CLI_TEXT:
        return cmd_text(c.name, c.argv, &c.o);
    case CLI_SYSINFO:
        return cmd_sysinfo(&c.o);
    case CLI_CACHE:
        return cmd_cache(c.argv);
    }
    return 2;
}

int main(int argc, char **argv)
{
    int rc = command(argc, argv);
    if (TEARDOWN)
        return rc;
    fflush(NULL);
    _exit(rc);
}
