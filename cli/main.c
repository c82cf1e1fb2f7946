/* main.c - the `jit` command: run, check, ir, asm, ptx, sysinfo.
 *
 * Everything goes through the public C API (include/jit.h); this file only
 * parses the command line, prints results and errors, and picks the exit
 * status: 0 on success, 1 for a user error (bad script, bad argument, an
 * exception in the kernel), 2 for bad usage. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jit.h"

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
    "         --cuda-sim (run @cuda.jit kernels on the CPU simulator; also JIT_CUDA_SIM=1)\n";

typedef struct Opts {
    jit_options jo;
    const char *sig;
    const char *arch;
    int no_opt;
    const char *libs[16];     /* --load */
    int nlibs;
    int profile;
    int remarks;
} Opts;

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

/* Takes the options out of argv; returns the remaining count. */
static int parse_opts(int argc, char **argv, Opts *o)
{
    int n = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--no-boundscheck"))
            o->jo.boundscheck = 0;
        else if (!strcmp(a, "--boundscheck"))
            o->jo.boundscheck = 1;
        else if (!strcmp(a, "--no-opt"))
            o->no_opt = 1;
        else if (!strcmp(a, "--cache"))
            o->jo.cache = 1;
        else if (!strcmp(a, "--cuda-sim"))
            o->jo.cuda_sim = 1;
        else if (!strcmp(a, "--profile"))
            o->profile = 1;
        else if (!strcmp(a, "--threads") || !strncmp(a, "--threads=", 10)) {
            const char *v = a[9] == '=' ? a + 10 : i + 1 < argc ? argv[++i] : "";
            char *end;
            long t = strtol(v, &end, 10);
            if (!*v || *end || t < 1 || t > 1024) {
                fprintf(stderr, "jit: --threads wants a count from 1 to 1024, not '%s'\n", v);
                return -1;
            }
            o->jo.num_threads = (int)t;
        } else if (!strcmp(a, "--remarks"))
            o->remarks = 1;
        else if (a[0] == '-' && a[1] == 'O' && a[2] >= '0' && a[2] <= '3' && !a[3])
            o->jo.opt_level = a[2] - '0';
        else if ((!strcmp(a, "--sig") || !strcmp(a, "--arch")) && i + 1 < argc)
            *(!strcmp(a, "--sig") ? &o->sig : &o->arch) = argv[++i];
        else if (!strcmp(a, "--load") && i + 1 < argc) {
            if (o->nlibs == 16) {
                fprintf(stderr, "jit: at most 16 --load libraries\n");
                return -1;
            }
            o->libs[o->nlibs++] = argv[++i];
        } else if (!strncmp(a, "--load=", 7) && o->nlibs < 16)
            o->libs[o->nlibs++] = a + 7;
        else if (!strncmp(a, "--sig=", 6))
            o->sig = a + 6;
        else if (!strncmp(a, "--arch=", 7))
            o->arch = a + 7;
        else if (a[0] == '-' && a[1] == '-') {
            fprintf(stderr, "jit: unknown option '%s'\n%s", a, usage);
            return -1;
        } else
            argv[n++] = argv[i];
    }
    return n;
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

static int is_identifier(const char *s)
{
    if (!isalpha((unsigned char)*s) && *s != '_')
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_')
            return 0;
    return 1;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

/* An argument: int literal, float literal (inf/nan too), True/False, or a .npy file. */
static int parse_value(const char *s, jit_value *v, jit_array **owned, jit_error *err)
{
    char *end;
    *owned = NULL;
    if (!strcmp(s, "True") || !strcmp(s, "False")) {
        *v = jit_bool(s[0] == 'T');
        return 0;
    }
    /* integers as Python's int(s, 0) reads them: 0x/0o/0b prefixes,
     * underscores between digits, no leading zeros on decimals */
    char digits[128];
    size_t nd = 0;
    while (isspace((unsigned char)*s))
        s++;
    for (const char *q = s; *q && nd + 1 < sizeof digits; q++)
        if (*q != '_' && !isspace((unsigned char)*q))
            digits[nd++] = *q;
    digits[nd] = 0;
    const char *d = digits + (digits[0] == '-' || digits[0] == '+');
    int base = 10;
    if (d[0] == '0' && (d[1] == 'x' || d[1] == 'X'))
        base = 16;
    else if (d[0] == '0' && (d[1] == 'o' || d[1] == 'O'))
        base = 8;
    else if (d[0] == '0' && (d[1] == 'b' || d[1] == 'B'))
        base = 2;
    int leading_zero = base == 10 && d[0] == '0' && d[1] && strspn(d, "0") != strlen(d);
    errno = 0;
    long long i = 0;
    if (base == 10) {
        i = strtoll(digits, &end, 10);
    } else {
        i = strtoll(d + 2, &end, base);
        if (digits[0] == '-')
            i = -i;
    }
    if (*s && !*end && errno == 0 && !leading_zero && end != digits && !strchr(s, '.')) {
        *v = jit_int(i);
        return 0;
    }
    errno = 0;
    double f = strtod(digits, &end);   /* Python's float(): underscores between digits too */
    if (*digits && !*end && !ends_with(s, ".npy")) {
        if (errno == ERANGE && fabs(f) > 1)
            f = f > 0 ? INFINITY : -INFINITY;
        *v = jit_float(f);
        return 0;
    }
    if (ends_with(s, ".npy")) {
        jit_array *a = jit_npy_load(s, err);
        if (!a)
            return -1;
        *owned = a;
        *v = jit_arr(a);
        return 0;
    }
    snprintf(err->message, sizeof err->message,
             "bad argument '%s': expected an int, a float, True/False or a .npy file", s);
    err->kind = JIT_ERR_ARGUMENT;
    return -1;
}

static int cmd_run(int argc, char **argv, Opts *o)
{
    if (argc < 1) {
        fputs(usage, stderr);
        return 2;
    }
    const char *file = argv[0];
    const char *func = "main";
    int first = 1;
    if (argc >= 2 && is_identifier(argv[1]) && strcmp(argv[1], "True") && strcmp(argv[1], "False") &&
        strcmp(argv[1], "inf") && strcmp(argv[1], "nan")) {
        func = argv[1];
        first = 2;
    }
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
    jit_module_free(m);
    jit_ctx_free(ctx);
    return rc;
}

static int cmd_check(int argc, char **argv, Opts *o)
{
    if (argc != 1) {
        fputs(usage, stderr);
        return 2;
    }
    jit_error err = {0};
    jit_ctx *ctx = new_ctx(o, &err);
    jit_module *m = ctx ? jit_load_file(ctx, argv[0], &err) : NULL;
    int rc = m && jit_check(m, &err) == 0 ? 0 : 1;
    if (rc)
        report(&err);
    else
        printf("%s: ok\n", argv[0]);
    jit_error_clear(&err);
    jit_module_free(m);
    jit_ctx_free(ctx);
    return rc;
}

static int cmd_text(const char *what, int argc, char **argv, Opts *o)
{
    if (argc != 2) {
        fputs(usage, stderr);
        return 2;
    }
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
    jit_module_free(m);
    jit_ctx_free(ctx);
    return rc;
}

/* jit cache ls | clear: the files of the disk cache directory. */
static int cmd_cache(int argc, char **argv, Opts *o)
{
    char dir[1024];
    const char *d = getenv("JIT_CACHE_DIR");
    if (!d) {
        const char *x = getenv("XDG_CACHE_HOME"), *h = getenv("HOME");
        snprintf(dir, sizeof dir, "%s%s", x ? x : h ? h : "/tmp", x ? "/libjit" : "/.cache/libjit");
        d = dir;
    }
    if (argc != 1 || (strcmp(argv[0], "ls") && strcmp(argv[0], "clear"))) {
        fputs(usage, stderr);
        return 2;
    }
    (void)o;
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

static int cmd_sysinfo(Opts *o)
{
    jit_error err = {0};
    jit_ctx *ctx = new_ctx(o, &err);
    if (!ctx)
        return report(&err);
    char *s = jit_sysinfo(ctx);
    if (s)
        fputs(s, stdout);
    jit_free(s);
    jit_ctx_free(ctx);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
        printf("jit %s\n", jit_version());
        return 0;
    }
    if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        fputs(usage, stdout);
        return 0;
    }
    Opts o = {.jo = jit_options_default()};
    int n = parse_opts(argc - 2, argv + 2, &o);
    if (n < 0)
        return 2;
    char **rest = argv + 2;
    if (!strcmp(cmd, "run"))
        return cmd_run(n, rest, &o);
    if (!strcmp(cmd, "check"))
        return cmd_check(n, rest, &o);
    if (!strcmp(cmd, "ir") || !strcmp(cmd, "asm") || !strcmp(cmd, "ptx")) {
        if (o.no_opt && !strcmp(cmd, "ir"))
            o.jo.opt_level = 0;
        return cmd_text(cmd, n, rest, &o);
    }
    if (!strcmp(cmd, "sysinfo"))
        return cmd_sysinfo(&o);
    if (!strcmp(cmd, "cache"))
        return cmd_cache(n, rest, &o);
    fprintf(stderr, "jit: unknown command '%s'\n%s", cmd, usage);
    return 2;
}
