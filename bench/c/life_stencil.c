/* life_stencil: the C reference is life's (same grid, rule, border and
 * checksum; see bench/kernels/life_stencil.py). */
#include "life.c"
