/* blackscholes: 2^20 float32 European options, erf-based CND, -ffast-math
 * (see bench/kernels/blackscholes.py). */
#include <math.h>
#include "bench.h"

#define N (1L << 20)

static inline float cnd(float d) { return 0.5f * (1.0f + erff(d * 0.70710678118654752f)); }

__attribute__((noinline)) static void blackscholes(float *restrict call, float *restrict put,
                                                   const float *restrict price, const float *restrict strike,
                                                   const float *restrict years, float rate, float vol, long n)
{
    for (long i = 0; i < n; i++) {
        float s = price[i], k = strike[i], t = years[i];
        float sqt = sqrtf(t);
        float d1 = (logf(s / k) + (rate + 0.5f * vol * vol) * t) / (vol * sqt);
        float d2 = d1 - vol * sqt;
        float ert = k * expf(-rate * t);
        float c1 = cnd(d1), c2 = cnd(d2);
        call[i] = s * c1 - ert * c2;
        put[i] = ert * (1.0f - c2) - s * (1.0f - c1);
    }
}

int main(int argc, char **argv)
{
    long reps = bench_reps(argc, argv);
    float *price = bench_alloc(N * sizeof(float)), *strike = bench_alloc(N * sizeof(float)),
          *years = bench_alloc(N * sizeof(float)), *call = bench_alloc(N * sizeof(float)),
          *put = bench_alloc(N * sizeof(float));
    for (long i = 0; i < N; i++) {
        price[i] = (float)(5.0 + (i % 301) * 0.1);
        strike[i] = (float)(1.0 + ((i * 7) % 991) * 0.1);
        years[i] = (float)(0.25 + ((i * 13) % 976) * 0.01);
        call[i] = put[i] = 0.0f;
    }
    double chk = 0.0;
    for (long r = 0; r < reps; r++) {
        blackscholes(call, put, price, strike, years, 0.02f, 0.30f, N);
        chk += call[(r * 7919) % N];
    }
    for (long i = 0; i < N; i++)
        chk += (double)call[i] + (double)put[i];
    printf("%.17g\n", chk);
    return 0;
}
