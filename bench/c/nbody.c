/* nbody: 512 softened float64 bodies, one step per repetition, -ffast-math
 * (see bench/kernels/nbody.py). */
#include <math.h>
#include "bench.h"

#define N 512
#define DT 0.001
#define EPS2 0.01

__attribute__((noinline)) static void step(double *restrict x, double *restrict y, double *restrict z,
                                           double *restrict vx, double *restrict vy, double *restrict vz,
                                           const double *restrict m, double dt, long n)
{
    for (long i = 0; i < n; i++) {
        double xi = x[i], yi = y[i], zi = z[i], ax = 0.0, ay = 0.0, az = 0.0;
        for (long j = 0; j < n; j++) {
            double dx = x[j] - xi, dy = y[j] - yi, dz = z[j] - zi;
            double r2 = dx * dx + dy * dy + dz * dz + EPS2;
            double f = m[j] / (r2 * sqrt(r2));
            ax += f * dx;
            ay += f * dy;
            az += f * dz;
        }
        vx[i] += dt * ax;
        vy[i] += dt * ay;
        vz[i] += dt * az;
    }
    for (long i = 0; i < n; i++) {
        x[i] += dt * vx[i];
        y[i] += dt * vy[i];
        z[i] += dt * vz[i];
    }
}

int main(int argc, char **argv)
{
    long reps = bench_reps(argc, argv);
    static double x[N], y[N], z[N], vx[N], vy[N], vz[N], m[N];
    int64_t s = 4242;
    for (long i = 0; i < N; i++) {
        m[i] = 1.0 / N;
        s = (s * 1103515245 + 12345) % 2147483648;
        x[i] = s / 2147483648.0 * 2.0 - 1.0;
        s = (s * 1103515245 + 12345) % 2147483648;
        y[i] = s / 2147483648.0 * 2.0 - 1.0;
        s = (s * 1103515245 + 12345) % 2147483648;
        z[i] = s / 2147483648.0 * 2.0 - 1.0;
        vx[i] = 0.1 * y[i];
        vy[i] = -0.1 * x[i];
        vz[i] = 0.0;
    }
    for (long r = 0; r < reps; r++)
        step(x, y, z, vx, vy, vz, m, DT, N);
    double chk = 0.0;
    for (long i = 0; i < N; i++) {
        chk += 0.5 * m[i] * (vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i]);
        chk += x[i] * x[i] + y[i] * y[i] + z[i] * z[i];
    }
    printf("%.17g\n", chk);
    return 0;
}
