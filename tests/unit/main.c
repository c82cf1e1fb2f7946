/* main.c - runs every Check suite of the unit tests.
 *
 * Each stage's test file defines one suite_<stage>() function; they are
 * declared weak here so a suite is simply skipped while its file is absent. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

/* one suite per line, so that branches adding suites merge cleanly */
#define SUITES(X) \
    X(lex) X(parse) X(types) X(infer) X(lower) X(runtime) X(npy) X(sig) X(api) \
    X(interop) \
    X(ufunc) \
    X(cuda) \
    X(parallel) \
    X(stencil) \
    X(remarks) \
    X(perfmap)

#define X(n) Suite *suite_##n(void) __attribute__((weak));
SUITES(X)
#undef X

int main(void)
{
    SRunner *sr = srunner_create(NULL);
#define X(n) if (suite_##n) srunner_add_suite(sr, suite_##n());
    SUITES(X)
#undef X
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    int run = srunner_ntests_run(sr);
    srunner_free(sr);
    printf("unit: %d passed, %d failed\n", run - failed, failed);
    return failed ? 1 : 0;
}
