/* args.h - the command line of `jit`, parsed without side effects.
 *
 * Kept apart from main.c so the fuzz target tests/fuzz/fuzz_cli.c can feed it
 * arbitrary argv vectors: nothing here opens a file, prints or exits. */
#ifndef JIT_CLI_ARGS_H
#define JIT_CLI_ARGS_H

#include "jit.h"

typedef struct CliOpts {
    jit_options jo;
    const char *sig;     /* --sig S */
    const char *arch;    /* --arch sm_NN */
    int no_opt;
    const char *libs[16];  /* --load LIB.so, in order */
    int nlibs;
    int profile;
    int remarks;
} CliOpts;

typedef enum CliKind {
    CLI_USAGE,           /* bad usage: print the usage, exit 2 (error says why, or "") */
    CLI_HELP,
    CLI_VERSION,
    CLI_RUN,             /* args: FILE [ARG...]; func names the function */
    CLI_CHECK,           /* args: FILE */
    CLI_TEXT,            /* ir | asm | ptx; args: FILE FUNC */
    CLI_SYSINFO,
    CLI_CACHE,           /* args: ls | clear */
} CliKind;

typedef struct CliCmd {
    CliKind kind;
    const char *name;    /* the command word as given */
    CliOpts o;
    int argc;            /* the operands left after the options */
    char **argv;         /* points into the argv given to cli_parse (reordered) */
    const char *func;    /* CLI_RUN: the function to call (default "main") */
    int first_arg;       /* CLI_RUN: index in argv of the first call argument */
    char error[256];     /* CLI_USAGE: what was wrong, or "" */
} CliCmd;

/* Parses argv (argv[0] is the program name). Reorders argv[2..] so that the
 * operands come first. Always fills c; c->kind == CLI_USAGE on bad usage. */
void cli_parse(int argc, char **argv, CliCmd *c);

/* A call argument: an int literal as Python's int(s, 0) reads it, a float
 * literal (inf/nan too) or True/False. Returns 0 with *v set; 1 when s names
 * a .npy file (the caller loads it); -1 with err set when s is none of these. */
int cli_parse_scalar(const char *s, jit_value *v, jit_error *err);

#endif
