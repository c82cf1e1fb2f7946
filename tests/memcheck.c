/* memcheck.c - runs script tests in one process and checks that every
 * array buffer and every runtime allocation made by compiled code was
 * released (the runtime's counters must balance). make test runs it under
 * valgrind too, so leaks and invalid accesses in libjit fail the suite.
 *
 *   build/tests/memcheck tests/scripts/NAME.py ...
 *
 * Each file's "# args:" line names the function and arguments as for
 * `jit run`. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../include/jit.h"
#include "../runtime/rt.h"

static int read_args(const char *path, char *buf, size_t n)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    buf[0] = 0;
    char line[512];
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, "# args: ", 8)) {
            snprintf(buf, n, "%s", line + 8);
            buf[strcspn(buf, "\n")] = 0;
            break;
        }
    fclose(f);
    return 0;
}

static int run_one(jit_ctx *ctx, const char *path)
{
    char argline[512], *words[16];
    int nw = 0;
    if (read_args(path, argline, sizeof argline) < 0)
        return -1;
    for (char *t = strtok(argline, " "); t && nw < 16; t = strtok(NULL, " "))
        words[nw++] = t;
    const char *func = "main";
    int first = 0;
    if (nw && (isalpha((unsigned char)words[0][0]) || words[0][0] == '_') && !strchr(words[0], '/')) {
        func = words[0];
        first = 1;
    }
    jit_error err = {0};
    jit_module *m = jit_load_file(ctx, path, &err);
    jit_fn *fn = m ? jit_get(m, func, &err) : NULL;
    jit_value vals[16];
    jit_array *owned[16] = {0};
    int n = 0, rc = -1;
    if (!fn)
        goto out;
    for (int i = first; i < nw; i++, n++) {
        char *end, num[128];
        size_t k = 0;
        for (const char *q = words[i]; *q && k + 1 < sizeof num; q++)
            if (*q != '_')
                num[k++] = *q;   /* Python allows 1_000 */
        num[k] = 0;
        long long v = strtoll(num, &end, 10);
        if (!*end) {
            vals[n] = jit_int(v);
            continue;
        }
        double d = strtod(num, &end);
        if (!*end) {
            vals[n] = jit_float(d);
            continue;
        }
        owned[n] = jit_npy_load(words[i], &err);
        if (!owned[n])
            goto out;
        vals[n] = jit_arr(owned[n]);
    }
    jit_value ret;
    if (jit_call(fn, vals, n, &ret, &err) == 0) {
        jit_value_release(&ret);
        rc = 0;
    }
out:
    if (rc)
        fprintf(stderr, "%s: %s\n", path, err.message);
    for (int i = 0; i < 16; i++)
        jit_array_release(owned[i]);
    jit_error_clear(&err);
    jit_module_free(m);
    return rc;
}

int main(int argc, char **argv)
{
    jit_options o = jit_options_default();
    o.output = fopen("/dev/null", "w");
    jit_error err = {0};
    jit_ctx *ctx = jit_ctx_new(&o, &err);
    if (!ctx) {
        fprintf(stderr, "memcheck: %s\n", err.message);
        return 1;
    }
    int failed = 0;
    for (int i = 1; i < argc; i++) {
        RtStats before, after;
        rt_stats(&before);
        if (run_one(ctx, argv[i]) < 0)
            failed++;
        rt_stats(&after);
        int64_t arrays = (after.mi_allocs - before.mi_allocs) - (after.mi_frees - before.mi_frees);
        if (arrays != 0) {
            fprintf(stderr, "%s: %lld array buffer(s) never released\n", argv[i], (long long)arrays);
            failed++;
        }
    }
    jit_ctx_free(ctx);
    fclose(o.output);
    RtStats s;
    rt_stats(&s);
    if (s.allocs != s.frees) {
        fprintf(stderr, "memcheck: %lld runtime allocations never freed\n", (long long)(s.allocs - s.frees));
        failed++;
    }
    printf("memcheck: %d files, %d failed\n", argc - 1, failed);
    return failed ? 1 : 0;
}
