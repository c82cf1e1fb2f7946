/* test_infer.c - type inference: Numba's typing rules, unification,
 * recursion, keyword/default arguments, constant folding and the errors
 * with their positions. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "../../frontend/ast.h"
#include "../../frontend/infer.h"

typedef struct Run {
    Arena a;
    Diags d;
    Program p;
    Module *m;
    TypedFunc *tf;
} Run;

/* Parses src and specializes its function fname for args. */
static void run(Run *r, const char *src, const char *fname, const Type **args, int nargs)
{
    arena_init(&r->a);
    diag_init(&r->d, &r->a, "t.py", src);
    r->m = parse_module(&r->a, &r->d, "t.py", src, strlen(src));
    ck_assert_ptr_nonnull(r->m);
    ck_assert_int_eq(r->d.count, 0);
    infer_init(&r->p, &r->a, &r->d, r->m, "");
    FuncDef *f = ast_find_func(r->m, fname);
    ck_assert_ptr_nonnull(f);
    r->tf = infer_entry(&r->p, f, args, nargs);
}

static const char *var_type(Run *r, const char *name)
{
    Var *v = infer_find_var(r->tf, name);
    return v && v->ty ? ty_str_of(&r->a, v->ty) : "?";
}

#define HDR "import numpy as np\nimport math\nfrom numba import njit\n"

START_TEST(test_numba_integer_rules)
{
    Run r;
    const Type *args[2] = {&ty_scalars[TY_UINT8], &ty_scalars[TY_INT32]};
    run(&r, HDR "def f(a, b):\n    c = a + a\n    d = a + b\n    e = a / a\n    g = -a\n    h = a ** 2\n"
                "    k = 2 ** -1\n    m = True + True\n    n = a & a\n    return c\n", "f", args, 2);
    ck_assert_ptr_nonnull(r.tf);
    ck_assert_str_eq(var_type(&r, "c"), "uint64");   /* unsigned only if both are */
    ck_assert_str_eq(var_type(&r, "d"), "int64");
    ck_assert_str_eq(var_type(&r, "e"), "float64");
    ck_assert_str_eq(var_type(&r, "g"), "uint64");
    ck_assert_str_eq(var_type(&r, "h"), "int64");
    ck_assert_str_eq(var_type(&r, "k"), "float64");  /* negative literal exponent */
    ck_assert_str_eq(var_type(&r, "m"), "int64");
    ck_assert_str_eq(var_type(&r, "n"), "uint64");
    arena_free(&r.a);
}
END_TEST

START_TEST(test_float32_is_kept)
{
    Run r;
    const Type *args[2] = {ty_float32, &ty_scalars[TY_INT16]};
    run(&r, HDR "def f(x, i):\n    a = x * x\n    b = x * i\n    c = x * 2\n    d = x / x\n"
                "    e = math.sqrt(x)\n    g = x ** 3\n    h = np.float32(1.5) + x\n    return a\n", "f", args, 2);
    ck_assert_ptr_nonnull(r.tf);
    ck_assert_str_eq(var_type(&r, "a"), "float32");
    ck_assert_str_eq(var_type(&r, "b"), "float32");  /* float32 with int16 */
    ck_assert_str_eq(var_type(&r, "c"), "float64");  /* float32 with int64 */
    ck_assert_str_eq(var_type(&r, "d"), "float32");
    ck_assert_str_eq(var_type(&r, "e"), "float32");
    ck_assert_str_eq(var_type(&r, "g"), "float32");
    ck_assert_str_eq(var_type(&r, "h"), "float32");
    ck_assert_str_eq(ty_str_of(&r.a, r.tf->ret), "float32");
    arena_free(&r.a);
}
END_TEST

START_TEST(test_unification_widens)
{
    Run r;
    run(&r, HDR "def f():\n    x = 0\n    for i in range(3):\n        x = x + 0.5\n    y = 1\n"
                "    if x > 1:\n        y = True\n    return x\n", "f", NULL, 0);
    ck_assert_ptr_nonnull(r.tf);
    ck_assert_str_eq(var_type(&r, "x"), "float64");
    ck_assert_str_eq(var_type(&r, "y"), "int64");
    ck_assert_str_eq(var_type(&r, "i"), "int64");
    arena_free(&r.a);
}
END_TEST

START_TEST(test_recursion_return_type)
{
    Run r;
    const Type *args[1] = {ty_int64};
    run(&r, HDR "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n", "fib", args, 1);
    ck_assert_ptr_nonnull(r.tf);
    ck_assert_str_eq(ty_str_of(&r.a, r.tf->ret), "int64");
    ck_assert_int_eq(r.p.nfuncs, 1);   /* one specialization serves the recursion */
    arena_free(&r.a);
}
END_TEST

START_TEST(test_recursion_without_base_case)
{
    Run r;
    const Type *args[1] = {ty_int64};
    run(&r, HDR "def f(n):\n    return f(n - 1)\n", "f", args, 1);
    ck_assert_ptr_null(r.tf);
    ck_assert_int_ge(r.d.count, 1);
    ck_assert_ptr_nonnull(strstr(r.d.first->msg, "return type"));
    arena_free(&r.a);
}
END_TEST

START_TEST(test_keywords_and_defaults)
{
    Run r;
    run(&r, HDR "def g(a, b=2.0, c=3):\n    return a * b + c\ndef f():\n    return g(1, c=5)\n", "f", NULL, 0);
    ck_assert_ptr_nonnull(r.tf);
    ck_assert_str_eq(ty_str_of(&r.a, r.tf->ret), "float64");
    ck_assert_int_eq(r.p.nfuncs, 2);
    arena_free(&r.a);
}
END_TEST

START_TEST(test_constants_fold)
{
    Run r;
    run(&r, HDR "N = 4\nK = N * 2 + 1\nX = np.float32(0.5)\nP = 2 * math.pi\n"
                "def f():\n    a = K\n    b = X\n    c = P\n    return a\n", "f", NULL, 0);
    ck_assert_ptr_nonnull(r.tf);
    ck_assert_str_eq(var_type(&r, "a"), "int64");
    ck_assert_str_eq(var_type(&r, "b"), "float32");
    ck_assert_str_eq(var_type(&r, "c"), "float64");
    arena_free(&r.a);
}
END_TEST

START_TEST(test_arrays_and_tuples)
{
    Run r;
    const Type *args[1];
    Arena tmp;
    arena_init(&tmp);
    args[0] = ty_array(&tmp, ty_float32, 2, 'A');
    run(&r, HDR "def f(a):\n    n, m = a.shape\n    z = np.zeros((n, m), dtype=np.int32)\n"
                "    v = a[0, 1]\n    t = (n, v)\n    return z\n", "f", args, 1);
    ck_assert_ptr_nonnull(r.tf);
    ck_assert_str_eq(var_type(&r, "n"), "int64");
    ck_assert_str_eq(var_type(&r, "v"), "float32");
    ck_assert_str_eq(var_type(&r, "z"), "array(int32, 2d, C)");
    ck_assert_str_eq(var_type(&r, "t"), "Tuple(int64, float32)");
    arena_free(&r.a);
    arena_free(&tmp);
}
END_TEST

/* Every error names its line and column. */
static void expect_error(const char *body, int line, int col, const char *text)
{
    Run r;
    char src[1024];
    snprintf(src, sizeof src, HDR "def f(x):\n%s", body);
    arena_init(&r.a);
    diag_init(&r.d, &r.a, "t.py", src);
    r.m = parse_module(&r.a, &r.d, "t.py", src, strlen(src));
    ck_assert_msg(r.d.count == 0, "%s: %s", body, r.d.first ? r.d.first->msg : "");
    infer_init(&r.p, &r.a, &r.d, r.m, "");
    const Type *args[1] = {ty_int64};
    r.tf = infer_entry(&r.p, ast_find_func(r.m, "f"), args, 1);
    ck_assert_ptr_null(r.tf);
    ck_assert_int_ge(r.d.count, 1);
    ck_assert_msg(strstr(r.d.first->msg, text) != NULL, "'%s' lacks '%s'", r.d.first->msg, text);
    ck_assert_int_eq(r.d.first->pos.line, line);
    ck_assert_int_eq(r.d.first->pos.col, col);
    arena_free(&r.a);
}

START_TEST(test_errors_have_positions)
{
    expect_error("    return y\n", 5, 12, "name 'y' is not defined");
    expect_error("    a = np.zeros(3)\n    return a[1.5]\n", 6, 14, "must be an integer");
    /* straight-line reassignment starts a new version; a join must unify */
    expect_error("    a = 1\n    if x:\n        a = (1, 2)\n    return a\n", 7, 9, "it was int64 at line 5");
    expect_error("    return x.foo\n", 5, 12, "has no attribute 'foo'");
    expect_error("    return math.sqrt(1, 2)\n", 5, 12, "takes 1 argument");
    expect_error("    for i in range(2.5):\n        pass\n    return 0\n", 5, 20, "must be integers");
    expect_error("    if x:\n        return 1\n", 4, 1, "None when it reaches its end");
    expect_error("    raise 5\n", 5, 11, "exception classes");
    expect_error("    a = np.zeros(x)\n    return a + (1, 2)\n", 6, 12, "operator + is not defined for");
}
END_TEST

Suite *suite_infer(void)
{
    Suite *s = suite_create("infer");
    TCase *tc = tcase_create("infer");
    tcase_add_test(tc, test_numba_integer_rules);
    tcase_add_test(tc, test_float32_is_kept);
    tcase_add_test(tc, test_unification_widens);
    tcase_add_test(tc, test_recursion_return_type);
    tcase_add_test(tc, test_recursion_without_base_case);
    tcase_add_test(tc, test_keywords_and_defaults);
    tcase_add_test(tc, test_constants_fold);
    tcase_add_test(tc, test_arrays_and_tuples);
    tcase_add_test(tc, test_errors_have_positions);
    suite_add_tcase(s, tc);
    return s;
}
