/* arena.h - bump allocator for one compilation.
 *
 * Everything a compile creates (tokens, AST, types, scratch) comes from one
 * Arena and is released by one arena_free(), which is also what makes an early
 * error exit leak-free. Allocation failure is reported by returning NULL. */
#ifndef JIT_ARENA_H
#define JIT_ARENA_H

#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;

typedef struct Arena {
    ArenaBlock *head;   /* newest block; older blocks chain through ->next */
    size_t total;       /* bytes handed out, for statistics */
    int failed;         /* an allocation failed: errors found since may be
                           artefacts of it, so the compile reports MemoryError */
} Arena;

void  arena_init(Arena *a);
void  arena_free(Arena *a);
void *arena_alloc(Arena *a, size_t size);           /* zeroed, 16-byte aligned */
void *arena_array(Arena *a, size_t n, size_t elem);  /* overflow-checked n*elem */
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Growable vector of pointers living in an arena (old storage is abandoned
 * to the arena on growth; compiles are short-lived). */
typedef struct PtrVec {
    void **items;
    int len, cap;
} PtrVec;

int vec_push(Arena *a, PtrVec *v, void *item);   /* 0 on success, -1 on OOM */

#endif
