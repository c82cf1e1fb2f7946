/* diag.h - diagnostics collected during one compilation.
 *
 * Every stage reports user errors here with a source position; nothing is
 * printed. The first error is what the C API returns as its jit_error; the
 * CLI prints all of them with diag_render(). */
#ifndef JIT_DIAG_H
#define JIT_DIAG_H

#include "arena.h"

/* A position in the source: 1-based line and column. line 0 means unknown. */
typedef struct Pos {
    int line, col;
} Pos;

/* Error kinds, shared with jit.h's jit_error_kind (same numbering). */
typedef enum {
    DK_SYNTAX = 1,     /* SyntaxError: lexing and parsing */
    DK_TYPE,           /* TypingError: inference */
    DK_UNSUPPORTED,    /* a construct libjit does not compile */
    DK_NAME,           /* NameError */
} DiagKind;

typedef struct Diag {
    DiagKind kind;
    Pos pos;
    char *msg;
    struct Diag *next;
} Diag;

typedef struct Diags {
    Arena *arena;          /* where messages are allocated */
    const char *file;      /* file name for messages */
    const char *src;       /* whole source, for the line and caret */
    Diag *first, *last;
    int count;
} Diags;

/* Upper bound on errors collected for one script; past it the rest are
 * dropped so a garbage file cannot produce megabytes of output. */
#define DIAG_MAX 50

void diag_init(Diags *d, Arena *a, const char *file, const char *src);
void diag_error(Diags *d, DiagKind kind, Pos pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Writes "FILE:LINE:COL: error: MSG\n  source line\n  ^\n" for every
 * diagnostic into a malloc'd string (caller frees). */
char *diag_render(const Diags *d);

/* Renders one diagnostic at pos into buf (same format as above). */
void diag_format_one(char *buf, size_t n, const char *file, const char *src,
                     Pos pos, const char *msg);

#endif
