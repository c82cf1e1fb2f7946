/* target.c - what the targets share. */
#include <string.h>

#include "target.h"

int target_exact_op(const char *impl)
{
    /* operations the hardware computes exactly (IEEE): always selected
     * natively, on every target, never routed to a math library */
    static const char *ops[] = {"llvm.sqrt", "llvm.fabs", "llvm.floor", "llvm.ceil", "llvm.trunc",
                                "llvm.copysign", "llvm.roundeven", "llvm.fma", NULL};
    for (int i = 0; ops[i]; i++)
        if (!strcmp(ops[i], impl))
            return 1;
    return 0;
}
