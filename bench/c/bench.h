/* Shared helpers of the C references: the repetition count from argv[1] and a
 * checked allocation. Each reference mirrors bench/kernels/NAME.py operation by
 * operation (same inputs, same order of float operations where the kernel is not
 * fastmath), and prints the same checksum as `jit run ... bench REPS`. */
#ifndef BENCH_H
#define BENCH_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static inline long bench_reps(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s REPS\n", argv[0]);
        exit(2);
    }
    return strtol(argv[1], NULL, 10);
}

static inline void *bench_alloc(size_t bytes)
{
    void *p = aligned_alloc(64, (bytes + 63) / 64 * 64);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return p;
}
#endif
