/* fuzz_cache.c - fuzz target: the disk-cache loader (jit/cache.c). A file in
 * the cache directory is input like any other: another process, a full disk
 * or a bad sector may have written it.
 *
 * First byte even: the rest is the whole content of <dir>/<key>.jco, read by
 * cache_load. First byte odd: the rest is "ret-type\npayload", stored with
 * cache_store and loaded back, which must give the same bytes; the return
 * type is then parsed as pipeline.c parses it.
 *
 * The payload of a file that passes the checks (key, length, checksum) is
 * native code handed to LLVM's object linker; that part is not fuzzed: an
 * object file in the cache is code that will run anyway, so the directory is
 * trusted only when the user owns it with mode 0700 (see cache.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/arena.h"
#include "frontend/types.h"
#include "jit/cache.h"
#include "runtime/rt.h"
#include "tests/fuzz/fuzz_tmp.h"

#define KEY "0123456789abcdef0123456789abcdef"

static void parse_ret(const char *rtext)
{
    Arena a;
    arena_init(&a);
    char sig[600];
    snprintf(sig, sizeof sig, "%s()", rtext);
    const Type **none = NULL, *rt = NULL;
    const char *msg = NULL;
    ty_parse_sig(&a, sig, &rt, &none, &msg);
    arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 65536)
        return 0;
    static Cache c;
    char dir[512], path[600];
    snprintf(dir, sizeof dir, "%s/cache", fuzz_tmp_dir());
    if (!c.enabled && cache_open(&c, dir) < 0)
        abort();
    char rtext[512];
    void *obj = NULL;
    size_t len = 0;
    if (!(data[0] & 1)) {
        snprintf(path, sizeof path, "%s/%s.jco", dir, KEY);
        FILE *f = fopen(path, "wb");
        if (!f)
            return 0;
        fwrite(data + 1, 1, size - 1, f);
        fclose(f);
        if (cache_load(&c, KEY, rtext, sizeof rtext, &obj, &len) == 0) {
            parse_ret(rtext);
            rt_free(obj);
        }
        return 0;
    }
    const uint8_t *nl = memchr(data + 1, '\n', size - 1);
    size_t rn = nl ? (size_t)(nl - data - 1) : 0;
    if (!nl || rn >= 200 || memchr(data + 1, 0, rn))
        return 0;
    char ret[200];
    memcpy(ret, data + 1, rn);
    ret[rn] = 0;
    const uint8_t *payload = nl + 1;
    size_t plen = size - (size_t)(payload - data);
    if (cache_store(&c, KEY, ret, payload, plen) < 0)
        abort();   /* a writable private directory must take it */
    if (cache_load(&c, KEY, rtext, sizeof rtext, &obj, &len) < 0 || len != plen ||
        memcmp(obj, payload, len) || strcmp(rtext, ret))
        abort();
    parse_ret(rtext);
    rt_free(obj);
    return 0;
}
