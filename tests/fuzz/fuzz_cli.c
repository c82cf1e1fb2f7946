/* fuzz_cli.c - fuzz target: the `jit` command line (cli/args.c). The input
 * is split at NUL bytes into argv ("jit" first); the parsed command's
 * operands and every call argument are then read as values, as `jit run`
 * reads them. Nothing is run or opened. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/args.h"

#define FUZZ_MAX_ARGS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *buf = malloc(size + 1);
    char *argv[FUZZ_MAX_ARGS + 2];
    int argc = 0;
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = 0;
    argv[argc++] = "jit";
    for (char *p = buf; p <= buf + size && argc < FUZZ_MAX_ARGS; p += strlen(p) + 1)
        argv[argc++] = p;
    argv[argc] = NULL;
    CliCmd c;
    cli_parse(argc, argv, &c);
    if (c.kind == CLI_RUN) {
        if (c.first_arg > c.argc || !c.func || !c.argv[0])
            abort();
        for (int i = c.first_arg; i < c.argc; i++) {
            jit_value v;
            jit_error err = {0};
            cli_parse_scalar(c.argv[i], &v, &err);
        }
    }
    free(buf);
    return 0;
}
