/* matmul: naive i-j-k product of 512 x 512 float32 matrices, -ffast-math
 * (see bench/kernels/matmul.py). */
#include "bench.h"

#define N 512

__attribute__((noinline)) static void matmul(const float *restrict a, const float *restrict b,
                                             float *restrict c, long n, long m, long p)
{
    for (long i = 0; i < n; i++)
        for (long j = 0; j < m; j++) {
            float acc = 0.0f;
            for (long k = 0; k < p; k++)
                acc += a[i * p + k] * b[k * m + j];
            c[i * m + j] = acc;
        }
}

int main(int argc, char **argv)
{
    long reps = bench_reps(argc, argv);
    float *a = bench_alloc(N * N * sizeof(float)), *b = bench_alloc(N * N * sizeof(float)),
          *c = bench_alloc(N * N * sizeof(float));
    for (long i = 0; i < N; i++)
        for (long j = 0; j < N; j++) {
            a[i * N + j] = (float)((i * 3 + j * 5) % 16) * 0.0625f;
            b[i * N + j] = (float)((i * 7 + j * 11) % 16) * 0.0625f;
            c[i * N + j] = 0.0f;
        }
    double chk = 0.0;
    for (long r = 0; r < reps; r++) {
        a[(r % N) * N + (r * 7) % N] += 0.0625f;
        matmul(a, b, c, N, N, N);
        chk += c[((r * 7919) % N) * N + (r * 31) % N];
    }
    for (long k = 0; k < N * N; k++)
        chk += c[k];
    printf("%.17g\n", chk);
    return 0;
}
