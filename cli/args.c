/* args.c - parsing the `jit` command line (see args.h). Pure: no I/O. */
#include "args.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Takes the options out of argv; returns the remaining count, -1 on an
 * unknown option (c->error says which). */
static int parse_opts(int argc, char **argv, CliCmd *c)
{
    CliOpts *o = &c->o;
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
                snprintf(c->error, sizeof c->error, "jit: --threads wants a count from 1 to 1024, not '%.100s'\n", v);
                return -1;
            }
            o->jo.num_threads = (int)t;
        } else if (!strcmp(a, "--remarks"))
            o->remarks = 1;
        else if (!strcmp(a, "-g"))
            o->jo.debug_info = o->jo.perf_map = 1;   /* both are for tools */
        else if (!strcmp(a, "--perf-map"))
            o->jo.perf_map = 1;
        else if (a[0] == '-' && a[1] == 'O' && a[2] >= '0' && a[2] <= '3' && !a[3])
            o->jo.opt_level = a[2] - '0';
        else if ((!strcmp(a, "--sig") || !strcmp(a, "--arch")) && i + 1 < argc)
            *(!strcmp(a, "--sig") ? &o->sig : &o->arch) = argv[++i];
        else if ((!strcmp(a, "--load") && i + 1 < argc) || !strncmp(a, "--load=", 7)) {
            if (o->nlibs == 16) {
                snprintf(c->error, sizeof c->error, "jit: at most 16 --load libraries\n");
                return -1;
            }
            o->libs[o->nlibs++] = a[6] == '=' ? a + 7 : argv[++i];
        }
        else if (!strncmp(a, "--sig=", 6))
            o->sig = a + 6;
        else if (!strncmp(a, "--arch=", 7))
            o->arch = a + 7;
        else if (a[0] == '-' && a[1] == '-') {
            snprintf(c->error, sizeof c->error, "jit: unknown option '%.200s'\n", a);
            return -1;
        } else
            argv[n++] = argv[i];
    }
    return n;
}

/* jit run FILE [FUNC] [ARG...]: FUNC is there when the word after FILE is an
 * identifier that is not also a value (True, False, inf, nan). */
static void split_run(CliCmd *c)
{
    c->func = "main";
    c->first_arg = 1;
    if (c->argc >= 2) {
        const char *w = c->argv[1];
        if (is_identifier(w) && strcmp(w, "True") && strcmp(w, "False") && strcmp(w, "inf") && strcmp(w, "nan")) {
            c->func = w;
            c->first_arg = 2;
        }
    }
}

static void usage(CliCmd *c) { c->kind = CLI_USAGE; }

void cli_parse(int argc, char **argv, CliCmd *c)
{
    memset(c, 0, sizeof *c);
    c->o.jo = jit_options_default();
    c->kind = CLI_USAGE;
    if (argc < 2 || !argv || !argv[1])
        return;
    const char *cmd = c->name = argv[1];
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
        c->kind = CLI_VERSION;
        return;
    }
    if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        c->kind = CLI_HELP;
        return;
    }
    int n = parse_opts(argc - 2, argv + 2, c);
    if (n < 0)
        return;
    c->argc = n;
    c->argv = argv + 2;
    if (!strcmp(cmd, "run")) {
        c->kind = CLI_RUN;
        if (n < 1)
            return usage(c);
        split_run(c);
    } else if (!strcmp(cmd, "check")) {
        c->kind = n == 1 ? CLI_CHECK : CLI_USAGE;
    } else if (!strcmp(cmd, "ir") || !strcmp(cmd, "asm") || !strcmp(cmd, "ptx")) {
        c->kind = n == 2 ? CLI_TEXT : CLI_USAGE;
        if (c->o.no_opt && !strcmp(cmd, "ir"))
            c->o.jo.opt_level = 0;
    } else if (!strcmp(cmd, "sysinfo")) {
        c->kind = CLI_SYSINFO;
    } else if (!strcmp(cmd, "cache")) {
        c->kind = n == 1 && (!strcmp(c->argv[0], "ls") || !strcmp(c->argv[0], "clear")) ? CLI_CACHE : CLI_USAGE;
    } else {
        snprintf(c->error, sizeof c->error, "jit: unknown command '%.200s'\n", cmd);
    }
}

int cli_parse_scalar(const char *s, jit_value *v, jit_error *err)
{
    char *end;
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
    } else if (isalnum((unsigned char)d[2])) {
        /* strtoll would take a sign after the prefix ("0x-5"); Python does not */
        unsigned long long u = strtoull(d + 2, &end, base);
        if (u > (unsigned long long)INT64_MAX + (digits[0] == '-'))
            errno = ERANGE;
        i = digits[0] == '-' ? (long long)(0 - u) : (long long)u;
    } else {
        end = digits;   /* "0x" alone: not an int */
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
    if (ends_with(s, ".npy"))
        return 1;
    snprintf(err->message, sizeof err->message,
             "bad argument '%.200s': expected an int, a float, True/False or a .npy file", s);
    err->kind = JIT_ERR_ARGUMENT;
    return -1;
}
