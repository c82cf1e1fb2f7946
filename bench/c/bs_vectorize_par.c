/* bs_vectorize_par: the C reference is blackscholes.c (same inputs, same checksum). */
#include "blackscholes.c"
