/* error.c - the pending error of a kernel call, and jit_error helpers.
 *
 * Compiled code cannot unwind, so raising an exception (IndexError from a
 * bounds check, ZeroDivisionError, `raise`, `assert`, MemoryError) records it
 * in a per-thread slot and the generated code returns an error status. The
 * caller of the kernel (dispatcher, jit_compile pointer user through
 * jit_last_error) then takes the error out with rt_error_take. The slot is
 * _Thread_local, so concurrent calls on different threads never see each
 * other's errors; callers clear it (rt_error_clear) before each call so a
 * stale error from an earlier call cannot be mistaken for a new one. */
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt.h"

typedef struct RtPending {
    int kind;                 /* 0 when nothing is pending */
    int line;
    char file[256];
    char message[1024];
} RtPending;

static _Thread_local RtPending pending;

static void copy_str(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
}

/* The latest raise wins: generated code returns at the first raise, so a
 * second one only happens when a stale error was left behind. */
void rt_raise(int kind, const char *msg, const char *file, int line)
{
    pending.kind = kind ? kind : JIT_ERR_RUNTIME;
    pending.line = line;
    copy_str(pending.file, sizeof pending.file, file);
    copy_str(pending.message, sizeof pending.message, msg);
}

void rt_raise_index(int64_t index, int64_t axis, int64_t size, const char *file, int line)
{
    char msg[160];
    snprintf(msg, sizeof msg, "index %lld is out of bounds for axis %lld with size %lld",
             (long long)index, (long long)axis, (long long)size);
    rt_raise(JIT_ERR_INDEX, msg, file, line);
}

/* Called by generated code after an array allocation failed. count is the
 * requested element count. rt_meminfo_alloc has usually raised a
 * MemoryError with the byte count already; then only the kernel's source
 * position is added, so the precise message survives. */
void rt_raise_alloc(int64_t count, const char *file, int line)
{
    if (pending.kind == JIT_ERR_MEMORY && pending.line == 0) {
        pending.line = line;
        copy_str(pending.file, sizeof pending.file, file);
        return;
    }
    char msg[128];
    if (count < 0) {
        rt_raise(JIT_ERR_VALUE, "negative dimensions are not allowed", file, line);
        return;
    }
    snprintf(msg, sizeof msg, "cannot allocate array of %lld elements", (long long)count);
    rt_raise(JIT_ERR_MEMORY, msg, file, line);
}

void rt_error_locate(const char *file, int line)
{
    if (pending.kind && !strcmp(pending.file, "<prelude>")) {
        pending.line = line;
        copy_str(pending.file, sizeof pending.file, file);
    }
}

/* err->report is overwritten, not freed: callers pass a cleared (or fresh)
 * jit_error, as everywhere in the API. */
int rt_error_take(jit_error *err)
{
    int kind = pending.kind;
    if (err && kind) {
        err->kind = (jit_error_kind)kind;
        err->line = pending.line;
        err->col = 0;
        memcpy(err->file, pending.file, sizeof err->file);
        memcpy(err->message, pending.message, sizeof err->message);
        err->report = NULL;
    }
    rt_error_clear();
    return kind;
}

void rt_error_clear(void)
{
    pending.kind = 0;
    pending.line = 0;
    pending.file[0] = '\0';
    pending.message[0] = '\0';
}

int jit_last_error(jit_error *err)
{
    return rt_error_take(err);
}

/* NULL-safe in err so every failure path can call it unconditionally.
 * The report pointer is set to NULL (see rt_error_take). */
void rt_error_set(jit_error *err, int kind, const char *file, int line, int col,
                  const char *fmt, ...)
{
    if (!err)
        return;
    err->kind = (jit_error_kind)kind;
    err->line = line;
    err->col = col;
    copy_str(err->file, sizeof err->file, file);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    err->report = NULL;
}

void jit_error_clear(jit_error *err)
{
    if (!err)
        return;
    free(err->report);   /* reports are plain malloc'd strings (diag_render) */
    memset(err, 0, sizeof *err);
}

/* Indexed by jit_error_kind; Python's exception names, with Numba's
 * TypingError for type errors. */
static const char *const kind_names[] = {
    [JIT_OK] = "OK",
    [JIT_ERR_SYNTAX] = "SyntaxError",
    [JIT_ERR_TYPE] = "TypingError",
    [JIT_ERR_UNSUPPORTED] = "UnsupportedError",
    [JIT_ERR_NAME] = "NameError",
    [JIT_ERR_VALUE] = "ValueError",
    [JIT_ERR_INDEX] = "IndexError",
    [JIT_ERR_ZERO_DIVISION] = "ZeroDivisionError",
    [JIT_ERR_RUNTIME] = "RuntimeError",
    [JIT_ERR_ASSERTION] = "AssertionError",
    [JIT_ERR_MEMORY] = "MemoryError",
    [JIT_ERR_IO] = "OSError",
    [JIT_ERR_ARGUMENT] = "ArgumentError",
    [JIT_ERR_CUDA] = "CudaError",
    [JIT_ERR_INTERNAL] = "InternalError",
    [JIT_ERR_RECURSION] = "RecursionError",
    [JIT_ERR_OVERFLOW] = "OverflowError",
};

const char *jit_error_kind_name(jit_error_kind kind)
{
    size_t i = (size_t)kind;
    if (i >= sizeof kind_names / sizeof kind_names[0] || !kind_names[i])
        return "Error";
    return kind_names[i];
}

/* ---- recursion ----
 * Compiled functions that are part of a recursive cycle call this on entry.
 * Instead of counting frames it looks at how much of the thread's stack is
 * left, so deep but legitimate recursion runs as far as the stack allows
 * and a runaway one ends with RecursionError instead of SIGSEGV. */
/* Stack kept in reserve for the runtime, the raise and the unwinding. */
#define RT_STACK_RESERVE (256 * 1024)

static _Thread_local uintptr_t stack_low;
static _Thread_local int stack_known;

void rt_stack_set(uintptr_t low)
{
    stack_low = low;
    stack_known = low ? 1 : 0;
}

void rt_error_prefix(const char *prefix)
{
    if (!pending.kind)
        return;
    char msg[sizeof pending.message];
    snprintf(msg, sizeof msg, "%s%s", prefix, pending.message);
    copy_str(pending.message, sizeof pending.message, msg);
}

int rt_recursion_check(const char *file, int line)
{
    if (!stack_known) {
        pthread_attr_t a;
        void *addr = NULL;
        size_t size = 0;
        stack_known = -1;
        if (pthread_getattr_np(pthread_self(), &a) == 0) {
            if (pthread_attr_getstack(&a, &addr, &size) == 0 && addr) {
                stack_low = (uintptr_t)addr;
                stack_known = 1;
            }
            pthread_attr_destroy(&a);
        }
    }
    char here;
    if (stack_known == 1 && (uintptr_t)&here - stack_low < RT_STACK_RESERVE) {
        rt_raise(JIT_ERR_RECURSION, "maximum recursion depth exceeded", file, line);
        return 1;
    }
    return 0;
}
