/* cache.h - the disk cache of compiled entries (see cache.c for the file
 * format and the rules on the directory). */
#ifndef JIT_CACHE_H
#define JIT_CACHE_H

#include <stddef.h>
#include <stdint.h>

typedef struct CacheHash {
    uint64_t a, b;
} CacheHash;

void cache_hash_init(CacheHash *h);
void cache_hash(CacheHash *h, const void *data, size_t n);
void cache_hash_str(CacheHash *h, const char *s);
void cache_key_hex(const CacheHash *h, char out[33]);

typedef struct Cache {
    int enabled;              /* 0 after any failure: memory only */
    char dir[1024];
    char warning[1200];       /* the one warning, or "" */
} Cache;

/* $JIT_CACHE_DIR, else $XDG_CACHE_HOME/libjit, else $HOME/.cache/libjit. */
int cache_default_dir(char *buf, size_t n);

/* Opens (creating) dir; on any problem disables the cache with a warning. */
int cache_open(Cache *c, const char *dir);

/* The object code stored under key (malloc'd with rt_malloc, *objlen bytes)
 * and the entry's return type as signature text into ret. -1 if absent,
 * corrupt or foreign. */
int cache_load(Cache *c, const char *key, char *ret, size_t retn, void **obj, size_t *objlen);

/* Stores atomically; -1 (with a warning, cache disabled) if it cannot. */
int cache_store(Cache *c, const char *key, const char *ret, const void *obj, size_t objlen);

#endif
