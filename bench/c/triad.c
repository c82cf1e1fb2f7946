/* triad: float32 a[i] = b[i] + s * c[i] over 2^24 elements (see bench/kernels/triad.py). */
#include "bench.h"

#define N (1L << 24)

__attribute__((noinline)) static void triad(float *restrict a, const float *restrict b,
                                            const float *restrict c, float s, long n)
{
    for (long i = 0; i < n; i++)
        a[i] = b[i] + s * c[i];
}

int main(int argc, char **argv)
{
    long reps = bench_reps(argc, argv);
    float *a = bench_alloc(N * sizeof(float)), *b = bench_alloc(N * sizeof(float)),
          *c = bench_alloc(N * sizeof(float));
    for (long i = 0; i < N; i++) {
        a[i] = 0.0f;
        b[i] = (float)(i % 1000) * 0.001f;
        c[i] = (float)((i * 7) % 1013) * 0.0005f;
    }
    double chk = 0.0;
    for (long r = 0; r < reps; r++) {
        triad(a, b, c, (float)(1.0 + r % 3), N);
        chk += a[(r * 7919) % N];
    }
    for (long i = 0; i < N; i++)
        chk += a[i];
    printf("%.17g\n", chk);
    return 0;
}
