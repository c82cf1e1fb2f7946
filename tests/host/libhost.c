/* libhost.c - a small host library for tests/host/*.py: kernels declare
 * these with types.ExternalFunction and `jit run --load` binds them. */
#include <stdint.h>
#include <stdio.h>

static int64_t ncalls;

double host_scale(double x) { return 3 * x; }

void host_progress(int64_t i, double v)
{
    ncalls++;
    printf("progress %lld %.3f\n", (long long)i, v);
    fflush(stdout);
}

int64_t host_count(void) { return ncalls; }

int32_t host_clamp(int32_t v, int32_t lo, int32_t hi) { return v < lo ? lo : v > hi ? hi : v; }

float host_halve(float x) { return x / 2; }

uint8_t host_is_even(int64_t v) { return (v & 1) == 0; }
