/* bs_vectorize: the C reference is blackscholes.c (same inputs, same checksum). */
#include "blackscholes.c"
