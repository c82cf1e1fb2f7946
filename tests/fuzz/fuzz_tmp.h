/* fuzz_tmp.h - a private scratch directory for fuzz targets whose input is a
 * file (the .npy reader, the disk cache). $FUZZ_TMPDIR, else $TMPDIR, else
 * /tmp; one directory per process, removed at exit. */
#ifndef JIT_FUZZ_TMP_H
#define JIT_FUZZ_TMP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fuzz_dir[400];

static void fuzz_tmp_cleanup(void)
{
    char cmd[450];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fuzz_dir);
    if (fuzz_dir[0] && system(cmd)) {
    }
}

static inline const char *fuzz_tmp_dir(void)
{
    if (!fuzz_dir[0]) {
        const char *t = getenv("FUZZ_TMPDIR");
        if (!t)
            t = getenv("TMPDIR");
        snprintf(fuzz_dir, sizeof fuzz_dir, "%s/jitfuzz.XXXXXX", t ? t : "/tmp");
        if (!mkdtemp(fuzz_dir))
            abort();
        atexit(fuzz_tmp_cleanup);
    }
    return fuzz_dir;
}

/* Writes data to <dir>/name; the full path into path. */
static inline int fuzz_tmp_write(const char *name, const void *data, size_t size, char *path, size_t n)
{
    snprintf(path, n, "%s/%s", fuzz_tmp_dir(), name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int ok = fwrite(data, 1, size, f) == size;
    return fclose(f) == 0 && ok ? 0 : -1;
}

#endif
