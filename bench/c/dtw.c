/* dtw: dynamic time warping distance, 2000 x 2000 float64 (see bench/kernels/dtw.py).
 * min() keeps the first of equal values, like Python's. */
#include <math.h>
#include "bench.h"

#define N 2000

__attribute__((noinline)) static double dtw(const double *a, long n, const double *b, long m)
{
    long w = m + 1;
    double *cost = bench_alloc((size_t)(n + 1) * w * sizeof(double));
    for (long k = 0; k < (n + 1) * w; k++)
        cost[k] = INFINITY;
    cost[0] = 0.0;
    for (long i = 1; i <= n; i++)
        for (long j = 1; j <= m; j++) {
            double d = fabs(a[i - 1] - b[j - 1]);
            double best = cost[(i - 1) * w + j], y = cost[i * w + j - 1], z = cost[(i - 1) * w + j - 1];
            if (y < best)
                best = y;
            if (z < best)
                best = z;
            cost[i * w + j] = d + best;
        }
    double r = cost[n * w + m];
    free(cost);
    return r;
}

int main(int argc, char **argv)
{
    long reps = bench_reps(argc, argv);
    double a[N], b[N];
    for (long i = 0; i < N; i++) {
        a[i] = sin(0.05 * i) + 0.3 * cos(0.15 * i);
        b[i] = sin(0.04 * i + 0.5) + 0.3 * cos(0.12 * i);
    }
    double chk = 0.0;
    for (long r = 0; r < reps; r++) {
        a[r % N] += 0.001;
        chk += dtw(a, N, b, N);
    }
    printf("%.17g\n", chk);
    return 0;
}
