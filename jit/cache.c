/* cache.c - the disk cache of compiled code.
 *
 * One file per compiled entry, <dir>/<key>.jco, holding the native object
 * code of the entry's module. The key is a 128-bit hash of everything the
 * code depends on: libjit's and LLVM's versions, the host triple, CPU name
 * and features, the compile options, the script's source and the prelude's,
 * the function's name and the argument types. A file is
 *
 *     "JITCACHE1\n" key "\n" ret-type "\n" payload-length "\n" checksum "\n" payload
 *
 * written to a temporary file in the same directory and renamed into place,
 * so readers see a whole file or none, and two processes storing the same
 * key at once both leave a valid file. A file that does not parse, whose key
 * or checksum does not match, is ignored (and replaced by the next store).
 * The directory is created with mode 0700; one that is not owned by the
 * user, or is writable by group or others, is not used (someone else could
 * plant code in it); a cache that cannot be used degrades to memory with a
 * warning (cache_warning) and is not retried. */
#include "cache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../runtime/rt.h"

#define MAGIC "JITCACHE1\n"
/* Cached objects larger than this are not written: a runaway, not a kernel. */
#define CACHE_MAX_PAYLOAD (256u << 20)
/* The return type's text, as pipeline.c reads it back (its buffer). A longer
 * one (a wide tuple) is not cached; the cache stays on for other entries. */
#define CACHE_MAX_RET 511

void cache_hash_init(CacheHash *h)
{
    h->a = 0xcbf29ce484222325ull;   /* FNV-1a offset basis */
    h->b = 0x84222325cbf29ce4ull;   /* a second lane, differently seeded */
}

void cache_hash(CacheHash *h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h->a = (h->a ^ p[i]) * 0x100000001b3ull;
        h->b = (h->b ^ p[i]) * 0x100000001b3ull + (h->b >> 29);
    }
    /* a separator, so ("ab","c") and ("a","bc") differ */
    h->a = (h->a ^ 0xff) * 0x100000001b3ull;
    h->b = (h->b ^ 0xfe) * 0x100000001b3ull + (h->b >> 29);
}

void cache_hash_str(CacheHash *h, const char *s) { cache_hash(h, s ? s : "", s ? strlen(s) : 0); }

void cache_key_hex(const CacheHash *h, char out[33])
{
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)h->a, (unsigned long long)h->b);
}

static uint64_t checksum(const void *data, size_t n)
{
    CacheHash h;
    cache_hash_init(&h);
    cache_hash(&h, data, n);
    return h.a ^ (h.b << 1);
}

static void warn(Cache *c, const char *fmt, ...)
{
    if (c->warning[0])
        return;   /* one warning is enough */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->warning, sizeof c->warning, fmt, ap);
    va_end(ap);
}

int cache_default_dir(char *buf, size_t n)
{
    const char *d = getenv("JIT_CACHE_DIR");
    if (d && *d)
        return snprintf(buf, n, "%s", d) < (int)n ? 0 : -1;
    const char *x = getenv("XDG_CACHE_HOME");
    if (x && *x)
        return snprintf(buf, n, "%s/libjit", x) < (int)n ? 0 : -1;
    const char *home = getenv("HOME");
    if (!home || !*home)
        return -1;
    return snprintf(buf, n, "%s/.cache/libjit", home) < (int)n ? 0 : -1;
}

/* mkdir -p with mode 0700 for the directories it creates. */
static int make_dirs(const char *path)
{
    char tmp[1024];
    if (snprintf(tmp, sizeof tmp, "%s", path) >= (int)sizeof tmp)
        return -1;
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        if (mkdir(tmp, 0700) < 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(tmp, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

int cache_open(Cache *c, const char *dir)
{
    memset(c, 0, sizeof *c);
    if (!dir) {
        warn(c, "jit: warning: no cache directory (set JIT_CACHE_DIR or HOME); caching in memory only");
        return -1;
    }
    snprintf(c->dir, sizeof c->dir, "%s", dir);
    if (make_dirs(dir) < 0) {
        warn(c, "jit: warning: cannot create cache directory %s (%s); caching in memory only", dir, strerror(errno));
        return -1;
    }
    struct stat st;
    if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
        warn(c, "jit: warning: cache path %s is not a directory; caching in memory only", dir);
        return -1;
    }
    if (st.st_uid != geteuid() || (st.st_mode & 022)) {
        warn(c, "jit: warning: cache directory %s is not owned by this user or is writable by others; "
                "not using it (fix with chmod 700)", dir);
        return -1;
    }
    if (access(dir, W_OK | X_OK) < 0) {
        warn(c, "jit: warning: cache directory %s is not writable; caching in memory only", dir);
        return -1;
    }
    c->enabled = 1;
    return 0;
}

static void file_path(const Cache *c, const char *key, char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s.jco", c->dir, key);
}

int cache_load(Cache *c, const char *key, char *ret, size_t retn, void **obj, size_t *objlen)
{
    *obj = NULL;
    if (!c->enabled)
        return -1;
    char path[1200];
    file_path(c, key, path, sizeof path);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat st;
    char *buf = NULL;
    if (fstat(fd, &st) < 0 || st.st_size <= 0 || (uint64_t)st.st_size > CACHE_MAX_PAYLOAD + 4096 ||
        !(buf = rt_malloc((size_t)st.st_size + 1))) {
        close(fd);
        return -1;
    }
    size_t got = 0, want = (size_t)st.st_size;
    while (got < want) {
        ssize_t r = read(fd, buf + got, want - got);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    buf[got] = 0;
    /* header: magic, key, ret type, length, checksum; every field checked */
    char *p = buf, *fields[4];
    int ok = got == want && !strncmp(p, MAGIC, strlen(MAGIC));
    p += ok ? strlen(MAGIC) : 0;
    for (int i = 0; ok && i < 4; i++) {
        char *nl = memchr(p, '\n', (size_t)(buf + got - p));
        if (!nl) {
            ok = 0;
            break;
        }
        *nl = 0;
        fields[i] = p;
        p = nl + 1;
    }
    unsigned long long len = 0, sum = 0;
    if (ok) {
        char *end;
        len = strtoull(fields[2], &end, 10);
        ok = *end == 0;
        sum = strtoull(fields[3], &end, 16);
        ok = ok && *end == 0 && !strcmp(fields[0], key) && strlen(fields[1]) < retn &&
             len == (unsigned long long)(buf + got - p) && checksum(p, (size_t)len) == sum;
    }
    if (!ok) {
        rt_free(buf);
        return -1;   /* corrupt or foreign: ignored, rebuilt by the caller */
    }
    snprintf(ret, retn, "%s", fields[1]);
    void *o = rt_malloc((size_t)len ? (size_t)len : 1);
    if (!o) {
        rt_free(buf);
        return -1;
    }
    memcpy(o, p, (size_t)len);
    rt_free(buf);
    *obj = o;
    *objlen = (size_t)len;
    return 0;
}

int cache_store(Cache *c, const char *key, const char *ret, const void *obj, size_t objlen)
{
    if (!c->enabled || objlen > CACHE_MAX_PAYLOAD || strlen(ret) > CACHE_MAX_RET || strlen(key) > 64)
        return -1;
    char path[1200], tmp[1300];
    file_path(c, key, path, sizeof path);
    snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", c->dir, key);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        warn(c, "jit: warning: cannot write to cache directory %s (%s); caching in memory only", c->dir,
             strerror(errno));
        c->enabled = 0;
        return -1;
    }
    char head[64 + 64 + CACHE_MAX_RET + 64];
    int hn = snprintf(head, sizeof head, MAGIC "%s\n%s\n%zu\n%llx\n", key, ret, objlen,
                      (unsigned long long)checksum(obj, objlen));
    int ok = hn > 0 && hn < (int)sizeof head && write(fd, head, (size_t)hn) == hn;
    size_t done = 0;
    while (ok && done < objlen) {
        ssize_t w = write(fd, (const char *)obj + done, objlen - done);
        if (w <= 0)
            ok = 0;
        else
            done += (size_t)w;
    }
    ok = close(fd) == 0 && ok;
    if (!ok || rename(tmp, path) < 0) {
        unlink(tmp);
        warn(c, "jit: warning: cannot write cache file in %s (%s); caching in memory only", c->dir, strerror(errno));
        c->enabled = 0;
        return -1;
    }
    return 0;
}
