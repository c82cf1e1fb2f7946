/* sum: float64 reduction over 2^24 elements, -ffast-math (see bench/kernels/sum.py). */
#include "bench.h"

#define N (1L << 24)

__attribute__((noinline)) static double total(const double *x, long n)
{
    double s = 0.0;
    for (long i = 0; i < n; i++)
        s += x[i];
    return s;
}

int main(int argc, char **argv)
{
    long reps = bench_reps(argc, argv);
    double *x = bench_alloc(N * sizeof(double));
    for (long i = 0; i < N; i++)
        x[i] = (double)((i * 2654435761L) % 4096) / 4096.0;
    double chk = 0.0;
    for (long r = 0; r < reps; r++) {
        x[(r * 7919) % N] += 1.0;
        chk += total(x, N);
    }
    printf("%.17g\n", chk);
    return 0;
}
