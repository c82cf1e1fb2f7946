/* perfmap.c - the perf map of JIT'd code; see perfmap.h.
 *
 * Every module reaches ORC as object code (engine.c link_object), so names
 * and sizes come from the object's symbol table. Addresses: JITLink keeps a
 * section of a relocatable object in one block, so a function lies at the
 * same distance from a global symbol of its section as in the object; one
 * lookup of a global (the entry, which the caller looks up next anyway)
 * places the rest, local prange bodies and helpers included.
 *
 * The map is process-wide: several contexts append to it, each line batch
 * in one write(2) to a file opened with O_APPEND, so batches never mix. */
#include "perfmap.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <llvm-c/Core.h>
#include <llvm-c/Object.h>

#include "../runtime/rt.h"
#include "engine.h"

static pthread_mutex_t map_lock = PTHREAD_MUTEX_INITIALIZER;
static int map_fd = -1;
static pid_t map_pid;       /* the process map_fd was opened for (a fork child opens its own) */
static pid_t failed_pid;
static char map_warning[400];

/* The map's descriptor, opened on first use; -1 (and one warning) if it
 * cannot be written. $JIT_PERF_MAP_DIR replaces /tmp (for tests: perf
 * itself reads only /tmp). */
static int map_open(void)
{
    pthread_mutex_lock(&map_lock);
    pid_t pid = getpid();
    if (map_pid != pid && failed_pid != pid) {
        const char *dir = getenv("JIT_PERF_MAP_DIR");
        char path[512];
        snprintf(path, sizeof path, "%s/perf-%ld.map", dir && *dir ? dir : "/tmp", (long)pid);
        map_fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (map_fd < 0) {
            failed_pid = pid;
            snprintf(map_warning, sizeof map_warning,
                     "jit: warning: cannot write the perf map %.300s (%s): profilers will not name JIT code", path,
                     strerror(errno));
        } else
            map_pid = pid;
    }
    int fd = map_pid == pid ? map_fd : -1;
    pthread_mutex_unlock(&map_lock);
    return fd;
}

const char *perfmap_warning(void)
{
    pthread_mutex_lock(&map_lock);
    int failed = failed_pid && failed_pid == getpid();
    pthread_mutex_unlock(&map_lock);
    return failed ? map_warning : "";   /* written once, before failed_pid */
}

/* Text sections: .text, .ltext (the large code model) and their .NAME
 * variants (.text.unlikely, ...). */
static int is_text(const char *s)
{
    return !strncmp(s, ".text", 5) || !strncmp(s, ".ltext", 6);
}

static char *str_dup(const char *s)
{
    char *d = rt_malloc(strlen(s) + 1);
    return d ? strcpy(d, s) : NULL;
}

void perfmap_collect(PerfSyms *ps, LLVMMemoryBufferRef obj)
{
    ps->syms = NULL;
    ps->n = 0;
    char *msg = NULL;
    LLVMBinaryRef bin = LLVMCreateBinary(obj, NULL, &msg);
    if (!bin) {
        LLVMDisposeMessage(msg);
        return;
    }
    LLVMSymbolIteratorRef si = LLVMObjectFileCopySymbolIterator(bin);
    LLVMSectionIteratorRef sec = LLVMObjectFileCopySectionIterator(bin);
    int cap = 0;
    for (; si && sec && !LLVMObjectFileIsSymbolIteratorAtEnd(bin, si); LLVMMoveToNextSymbol(si)) {
        const char *name = LLVMGetSymbolName(si);
        uint64_t size = LLVMGetSymbolSize(si);
        if (!name || !*name || !size)
            continue;   /* section and file symbols, undefined symbols */
        LLVMMoveToContainingSection(sec, si);
        if (LLVMObjectFileIsSectionIteratorAtEnd(bin, sec))
            continue;
        const char *sname = LLVMGetSectionName(sec);
        if (!sname || !is_text(sname))
            continue;   /* data */
        if (ps->n == cap) {
            int nc = cap ? 2 * cap : 8;
            PerfSym *s = rt_realloc(ps->syms, (size_t)nc * sizeof *s);
            if (!s)
                break;
            ps->syms = s;
            cap = nc;
        }
        PerfSym *s = &ps->syms[ps->n];
        s->name = str_dup(name);
        s->section = str_dup(sname);
        s->offset = LLVMGetSymbolAddress(si);
        s->size = size;
        if (!s->name || !s->section) {
            rt_free(s->name);
            rt_free(s->section);
            break;
        }
        ps->n++;
    }
    if (sec)
        LLVMDisposeSectionIterator(sec);
    if (si)
        LLVMDisposeSymbolIterator(si);
    LLVMDisposeBinary(bin);
}

/* Skips "j12." or "jc<hex>." (the prefixes pipeline.c gives symbols). */
static const char *unprefixed(const char *s)
{
    if (s[0] != 'j')
        return s;
    const char *p = s + 1;
    if (*p == 'c') {
        p++;
        while (isxdigit((unsigned char)*p))
            p++;
    } else
        while (isdigit((unsigned char)*p))
            p++;
    return *p == '.' && p > s + 1 ? p + 1 : s;
}

void perfmap_name(char *buf, size_t n, const char *sym, const char *file, const char *entry, const char *entry_text)
{
    const char *base = file ? strrchr(file, '/') : NULL;
    base = base ? base + 1 : file ? file : "jit";
    /* the entry wrapper and the body it calls (ENTRY.ID, not inlined
     * into the wrapper: lower.c) both carry the signature */
    size_t el = entry ? strlen(entry) : 0;
    if (entry && entry_text && !strncmp(sym, entry, el) &&
        (!sym[el] || (sym[el] == '.' && sym[el + 1] && strspn(sym + el + 1, "0123456789") == strlen(sym + el + 1)))) {
        snprintf(buf, n, "%s:%s [%s]", base, entry_text, sym);
        return;
    }
    /* NAME.ID[.prange.N]: Python names never start with a digit, so the
     * first all-digit part is the compiler's numbering */
    const char *r = unprefixed(sym);
    const char *cut = NULL, *after = NULL;
    if (r != sym)
        for (const char *p = strchr(r, '.'); p; p = strchr(p + 1, '.')) {
            const char *q = p + 1;
            while (isdigit((unsigned char)*q))
                q++;
            if (q > p + 1 && (*q == '.' || !*q)) {
                cut = p;
                after = q;
                break;
            }
        }
    if (cut)
        snprintf(buf, n, "%s:%.*s%s [%s]", base, (int)(cut - r), r, after, sym);
    else
        snprintf(buf, n, "%s:%s [%s]", base, r, sym);
}

void perfmap_write(Engine *e, PerfSyms *ps)
{
    char *out = NULL;
    size_t len = 0, cap = 0;
    int fd = e && ps->n ? map_open() : -1;
    /* each section's base address, from one of its symbols that ORC knows
     * (a global): the entry first, which is in every object */
    uint64_t *base = fd >= 0 ? rt_calloc((size_t)ps->n, sizeof *base) : NULL;
    char *state = base ? rt_calloc((size_t)ps->n, 1) : NULL;   /* 1 placed, 2 not */
    for (int i = 0; state && i < ps->n; i++) {
        PerfSym *s = &ps->syms[i];
        if (!state[i]) {
            uint64_t b = 0;
            int found = 0;
            for (int pass = 0; pass < 2 && !found; pass++)
                for (int k = 0; k < ps->n && !found; k++) {
                    PerfSym *g = &ps->syms[k];
                    int is_entry = e->perf_entry && !strcmp(g->name, e->perf_entry);
                    if (strcmp(g->section, s->section) || (pass == 0) != is_entry)
                        continue;
                    void *a = engine_find(e, g->name);
                    if (a) {
                        b = (uint64_t)(uintptr_t)a - g->offset;
                        found = 1;
                    }
                }
            for (int k = i; k < ps->n; k++)
                if (!strcmp(ps->syms[k].section, s->section)) {
                    state[k] = found ? 1 : 2;
                    base[k] = b;
                }
        }
        if (state[i] != 1)
            continue;
        char name[600], line[700];
        perfmap_name(name, sizeof name, s->name, e->perf_file, e->perf_entry, e->perf_entry_text);
        int w = snprintf(line, sizeof line, "%llx %llx %s\n", (unsigned long long)(base[i] + s->offset),
                         (unsigned long long)s->size, name);
        if (w <= 0)
            continue;
        if (len + (size_t)w > cap) {
            size_t nc = (cap ? 2 * cap : 1024) + (size_t)w;
            char *o = rt_realloc(out, nc);
            if (!o)
                break;
            out = o;
            cap = nc;
        }
        memcpy(out + len, line, (size_t)w);
        len += (size_t)w;
    }
    /* one write: O_APPEND makes it land whole after every other batch */
    if (len && write(fd, out, len) < 0) {
        /* a full disk: the run goes on; profilers miss these names */
    }
    rt_free(out);
    rt_free(base);
    rt_free(state);
    for (int i = 0; i < ps->n; i++) {
        rt_free(ps->syms[i].name);
        rt_free(ps->syms[i].section);
    }
    rt_free(ps->syms);
    ps->syms = NULL;
    ps->n = 0;
}
