/* replay.c - runs a fuzz target over saved inputs without libFuzzer, so that
 * `make test` replays the corpora and the crash regressions with the ordinary
 * compiler (gcc), no clang needed:
 *
 *     build/fuzz/replay_script tests/fuzz/corpus/script tests/fuzz/crashes/script
 *
 * Each argument is a file or a directory of files (not recursive). Prints
 * "replay: N inputs"; a crash of the target is the test failing. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    size_t r;
    while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (!buf)
        return -1;
    /* a copy of exactly n bytes, so ASan sees reads past the input */
    uint8_t *in = malloc(n ? n : 1);
    memcpy(in, buf, n);
    free(buf);
    if (getenv("REPLAY_VERBOSE"))
        fprintf(stderr, "replay %s\n", path);
    LLVMFuzzerTestOneInput(in, n);
    free(in);
    return 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv)
{
    int count = 0, bad = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) < 0) {
            perror(argv[i]);
            bad++;
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            bad += replay_file(argv[i]) < 0;
            count++;
            continue;
        }
        DIR *d = opendir(argv[i]);
        struct dirent *de;
        char **names = NULL;
        size_t nn = 0;
        while (d && (de = readdir(d))) {
            if (de->d_name[0] == '.')
                continue;
            names = realloc(names, (nn + 1) * sizeof *names);
            names[nn++] = strdup(de->d_name);
        }
        if (d)
            closedir(d);
        qsort(names, nn, sizeof *names, cmp_str);
        for (size_t k = 0; k < nn; k++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[i], names[k]);
            bad += replay_file(path) < 0;
            count++;
            free(names[k]);
        }
        free(names);
    }
    printf("replay: %d inputs%s\n", count, bad ? ", some unreadable" : "");
    return bad ? 1 : 0;
}
