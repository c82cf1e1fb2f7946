/* mandelbrot: escape counts on a 640 x 480 grid, at most 200 iterations
 * (see bench/kernels/mandelbrot.py). Built with -ffp-contract=off so that the
 * float operations, and therefore the counts, are those of the Python kernel. */
#include "bench.h"

#define W 640
#define H 480
#define MAX_ITER 200

static inline long escape(double cr, double ci, long max_iter)
{
    double zr = 0.0, zi = 0.0;
    for (long k = 0; k < max_iter; k++) {
        double zr2 = zr * zr, zi2 = zi * zi;
        if (zr2 + zi2 > 4.0)
            return k;
        zi = 2.0 * zr * zi + ci;
        zr = zr2 - zi2 + cr;
    }
    return max_iter;
}

__attribute__((noinline)) static void mandel(int32_t *out, long h, long w, double x0, double y0,
                                             double dx, double dy, long max_iter)
{
    for (long y = 0; y < h; y++) {
        double ci = y0 + dy * (double)y;
        for (long x = 0; x < w; x++)
            out[y * w + x] = (int32_t)escape(x0 + dx * (double)x, ci, max_iter);
    }
}

int main(int argc, char **argv)
{
    long reps = bench_reps(argc, argv);
    int32_t *out = bench_alloc(H * W * sizeof(int32_t));
    for (long k = 0; k < H * W; k++)
        out[k] = 0;
    int64_t chk = 0;
    for (long r = 0; r < reps; r++) {
        mandel(out, H, W, -2.1, -1.2 + 0.001 * (double)(r % 4), 3.0 / W, 2.4 / H, MAX_ITER);
        chk += out[((r * 7919) % H) * W + (r * 31) % W];
    }
    for (long k = 0; k < H * W; k++)
        chk += out[k];
    printf("%lld\n", (long long)chk);
    return 0;
}
