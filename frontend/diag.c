/* diag.c - collect and render diagnostics; see diag.h. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void diag_init(Diags *d, Arena *a, const char *file, const char *src)
{
    memset(d, 0, sizeof *d);
    d->arena = a;
    d->file = file ? file : "<string>";
    d->src = src;
}

void diag_error(Diags *d, DiagKind kind, Pos pos, const char *fmt, ...)
{
    if (d->count >= DIAG_MAX) {
        d->count++;
        return;
    }
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    /* The same error at the same place twice (fixpoint passes) is noise. */
    for (Diag *e = d->first; e; e = e->next)
        if (e->pos.line == pos.line && e->pos.col == pos.col && !strcmp(e->msg, buf))
            return;
    Diag *g = arena_alloc(d->arena, sizeof *g);
    if (!g)
        return;
    g->kind = kind;
    g->pos = pos;
    g->msg = arena_strdup(d->arena, buf);
    if (d->last)
        d->last->next = g;
    else
        d->first = g;
    d->last = g;
    d->count++;
}

/* Finds the text of line `line` (1-based) in src; returns its length. */
static const char *line_text(const char *src, int line, size_t *len)
{
    if (!src || line < 1)
        return NULL;
    const char *p = src;
    for (int l = 1; l < line; l++) {
        p = strchr(p, '\n');
        if (!p)
            return NULL;
        p++;
    }
    size_t n = strcspn(p, "\r\n");
    *len = n;
    return p;
}

void diag_format_one(char *buf, size_t n, const char *file, const char *src,
                     Pos pos, const char *msg)
{
    size_t len = 0;
    const char *text = line_text(src, pos.line, &len);
    int w;
    if (pos.line > 0)
        w = snprintf(buf, n, "%s:%d:%d: error: %s\n", file, pos.line, pos.col, msg);
    else
        w = snprintf(buf, n, "%s: error: %s\n", file, msg);
    if (w < 0 || (size_t)w >= n || !text)
        return;
    size_t used = (size_t)w;
    if (len > 200)
        len = 200;
    w = snprintf(buf + used, n - used, "  %.*s\n  ", (int)len, text);
    if (w < 0 || (size_t)w >= n - used)
        return;
    used += (size_t)w;
    for (int c = 1; c < pos.col && used + 2 < n && (size_t)c <= len; c++)
        buf[used++] = text[c - 1] == '\t' ? '\t' : ' ';
    if (used + 2 < n) {
        buf[used++] = '^';
        buf[used++] = '\n';
    }
    buf[used] = 0;
}

char *diag_render(const Diags *d)
{
    size_t cap = 1, len = 0;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    out[0] = 0;
    for (const Diag *e = d->first; e; e = e->next) {
        char buf[2048];
        diag_format_one(buf, sizeof buf, d->file, d->src, e->pos, e->msg);
        size_t n = strlen(buf);
        char *p = realloc(out, cap + n);
        if (!p)
            break;
        out = p;
        memcpy(out + len, buf, n + 1);
        len += n;
        cap += n;
    }
    return out;
}
