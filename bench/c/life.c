/* life: Game of Life, 1024 x 1024 uint8, fixed dead border (see bench/kernels/life.py).
 * One repetition = two generations. */
#include <string.h>
#include "bench.h"

#define N 1024

__attribute__((noinline)) static void step(const uint8_t *restrict g, uint8_t *restrict out, long n, long m)
{
    for (long i = 1; i < n - 1; i++)
        for (long j = 1; j < m - 1; j++) {
            const uint8_t *u = g + (i - 1) * m + j, *c = g + i * m + j, *d = g + (i + 1) * m + j;
            int s = u[-1] + u[0] + u[1] + c[-1] + c[1] + d[-1] + d[0] + d[1];
            if (s == 3 || (s == 2 && c[0] == 1))
                out[i * m + j] = 1;
            else
                out[i * m + j] = 0;
        }
}

int main(int argc, char **argv)
{
    long reps = bench_reps(argc, argv);
    uint8_t *g = bench_alloc(N * N), *out = bench_alloc(N * N);
    memset(g, 0, N * N);
    memset(out, 0, N * N);
    int64_t x = 12345;
    for (long i = 1; i < N - 1; i++)
        for (long j = 1; j < N - 1; j++) {
            x = (x * 1103515245 + 12345) % 2147483648;
            if ((x >> 16) % 3 == 0)
                g[i * N + j] = 1;
        }
    for (long r = 0; r < reps; r++) {
        step(g, out, N, N);
        step(out, g, N, N);
    }
    int64_t chk = 0;
    for (long i = 0; i < N; i++)
        for (long j = 0; j < N; j++)
            if (g[i * N + j] == 1)
                chk += 1 + (i * 31 + j * 17) % 1000;
    printf("%lld\n", (long long)chk);
    return 0;
}
