/* lower_expr.c - expressions to IR: literals, names, casts, arithmetic with
 * Python's semantics, comparisons, and/or/not and conditional expressions.
 *
 * `and`, `or`, `not` and `x if c else y` whose operands are pure (cannot
 * raise, call or trap) become straight-line i1 logic and selects rather than
 * branches: short-circuit branches in a loop body stop LLVM's vectorizer
 * (PERF_NOTES.md, section 1). */
#include <string.h>

#include "../include/jit.h"
#include "lower.h"

/* ---------- casts ---------- */

static LLVMValueRef fp_to_int(Lower *L, LLVMValueRef v, LLVMTypeRef to, int is_signed)
{
    /* saturating conversion: defined for every input (NaN -> 0), where a
     * plain fptosi would give poison */
    LLVMTypeRef ovl[2] = {to, LLVMTypeOf(v)};
    const char *name = is_signed ? "llvm.fptosi.sat" : "llvm.fptoui.sat";
    unsigned id = LLVMLookupIntrinsicID(name, strlen(name));
    LLVMValueRef f = LLVMGetIntrinsicDeclaration(L->M, id, ovl, 2);
    LLVMTypeRef ft = LLVMFunctionType(to, &ovl[1], 1, 0);
    return LLVMBuildCall2(L->B, ft, f, &v, 1, "");
}

LLVMValueRef lw_truth(Lower *L, LLVMValueRef v, const Type *t)
{
    if (t->kind == TY_BOOL)
        return v;
    if (ty_is_int(t))
        return LLVMBuildICmp(L->B, LLVMIntNE, v, LLVMConstNull(LLVMTypeOf(v)), "");
    if (ty_is_float(t))   /* NaN is true, as in Python */
        return lw_fm(L, LLVMBuildFCmp(L->B, LLVMRealUNE, v, LLVMConstNull(LLVMTypeOf(v)), ""));
    return LLVMConstInt(L->i1, t->kind == TY_NONE ? 0 : 1, 0);
}

/* uint64 -> float or double, correctly rounded, without uitofp: LLVM 19's
 * SLP vectorizer miscomputes uitofp i64 of a value with many sign bits (a
 * wrapped uint64 such as -np.uint64(u8) or -(u8 + u8)) in four straight-line
 * copies: its minimal bit-width analysis of cast operands narrows the
 * operand by its sign bits and converts e.g. 65026 instead of 2^64 - 510.
 * The expansion is the one LLVM's own x86 legalization uses without
 * AVX-512: sitofp when the sign bit is clear, else half the value with the
 * lost bit kept as a sticky bit (round to odd), converted and doubled. */
static LLVMValueRef u64_to_fp(Lower *L, LLVMValueRef v, LLVMTypeRef tt)
{
    LLVMTypeRef it = LLVMTypeOf(v);
    LLVMValueRef one = LLVMConstInt(it, 1, 0);
    LLVMValueRef half = LLVMBuildOr(L->B, LLVMBuildLShr(L->B, v, one, ""), LLVMBuildAnd(L->B, v, one, ""), "");
    LLVMValueRef big = LLVMBuildFMul(L->B, LLVMBuildSIToFP(L->B, half, tt, ""), LLVMConstReal(tt, 2.0), "");
    LLVMValueRef neg = LLVMBuildICmp(L->B, LLVMIntSLT, v, LLVMConstNull(it), "");
    return LLVMBuildSelect(L->B, neg, big, LLVMBuildSIToFP(L->B, v, tt, ""), "u2f");
}

LLVMValueRef lw_cast(Lower *L, LLVMValueRef v, const Type *from, const Type *to)
{
    if (!from || !to || ty_equal(from, to))
        return v;
    if (to->kind == TY_BOOL && ty_is_scalar(from))
        return lw_truth(L, v, from);
    LLVMTypeRef tt = lw_type(L, to);
    if (ty_is_scalar(from) && ty_is_scalar(to)) {
        if (from->kind == TY_BOOL)
            return ty_is_float(to) ? LLVMBuildUIToFP(L->B, v, tt, "") : LLVMBuildZExt(L->B, v, tt, "");
        if (ty_is_int(from) && ty_is_int(to)) {
            int fb = ty_bits(from), tb = ty_bits(to);
            if (fb == tb)
                return v;
            if (fb > tb)
                return LLVMBuildTrunc(L->B, v, tt, "");
            return ty_is_signed(from) ? LLVMBuildSExt(L->B, v, tt, "") : LLVMBuildZExt(L->B, v, tt, "");
        }
        if (ty_is_int(from) && from->kind == TY_UINT64)
            return u64_to_fp(L, v, tt);
        if (ty_is_int(from))
            return ty_is_signed(from) ? LLVMBuildSIToFP(L->B, v, tt, "") : LLVMBuildUIToFP(L->B, v, tt, "");
        if (ty_is_int(to))
            return fp_to_int(L, v, tt, ty_is_signed(to));
        return ty_bits(from) < ty_bits(to) ? LLVMBuildFPExt(L->B, v, tt, "") : LLVMBuildFPTrunc(L->B, v, tt, "");
    }
    if (from->kind == TY_TUPLE && to->kind == TY_TUPLE && from->tup.n == to->tup.n) {
        LLVMValueRef r = LLVMGetUndef(tt);
        for (int i = 0; i < to->tup.n; i++) {
            LLVMValueRef x = LLVMBuildExtractValue(L->B, v, (unsigned)i, "");
            x = lw_cast(L, x, from->tup.elems[i], to->tup.elems[i]);
            r = LLVMBuildInsertValue(L->B, r, x, (unsigned)i, "");
        }
        return r;
    }
    /* arrays differing only in layout share one representation */
    return v;
}

/* ---------- arithmetic ---------- */

static LLVMValueRef intrinsic1(Lower *L, const char *name, LLVMValueRef x)
{
    LLVMTypeRef t = LLVMTypeOf(x);
    unsigned id = LLVMLookupIntrinsicID(name, strlen(name));
    LLVMValueRef f = LLVMGetIntrinsicDeclaration(L->M, id, &t, 1);
    return lw_fm(L, LLVMBuildCall2(L->B, LLVMFunctionType(t, &t, 1, 0), f, &x, 1, ""));
}

/* Python's integer // and % (floor semantics), with ZeroDivisionError, or
 * with error_model='numpy' and in array expressions (NumPy's ufuncs, which
 * Numba follows there) a result of 0. The divisor -1 is routed around the
 * hardware divide, which traps on INT64_MIN / -1: x // -1 is -x and x % -1
 * is 0. As in Numba, INT64_MIN // -1 is 0, while a narrower type wraps
 * (Numba computes those in int64 and truncates): int32 MIN // -1 is int32
 * MIN (docs/reliability.md). */
static LLVMValueRef int_divmod_nz(Lower *L, BinOp op, LLVMValueRef x, LLVMValueRef y, const Type *t);

static LLVMValueRef int_divmod(Lower *L, BinOp op, LLVMValueRef x, LLVMValueRef y, const Type *t, int line)
{
    LLVMTypeRef lt = LLVMTypeOf(x);
    LLVMValueRef zero = LLVMConstNull(lt);
    LLVMValueRef nz = LLVMBuildICmp(L->B, LLVMIntNE, y, zero, "");
    if ((L->tf && L->tf->opts.numpy_errors) || L->elementwise) {
        LLVMValueRef r = int_divmod_nz(L, op, x, LLVMBuildSelect(L->B, nz, y, LLVMConstInt(lt, 1, 0), ""), t);
        return LLVMBuildSelect(L->B, nz, r, zero, "");
    }
    lw_check(L, nz, JIT_ERR_ZERO_DIVISION, op == OP_MOD ? "integer modulo by zero" : "integer division by zero",
             line);
    return int_divmod_nz(L, op, x, y, t);
}

/* x // y and x % y for y != 0. */
static LLVMValueRef int_divmod_nz(Lower *L, BinOp op, LLVMValueRef x, LLVMValueRef y, const Type *t)
{
    LLVMTypeRef lt = LLVMTypeOf(x);
    LLVMValueRef zero = LLVMConstNull(lt);
    if (!ty_is_signed(t))
        return op == OP_FLOORDIV ? LLVMBuildUDiv(L->B, x, y, "") : LLVMBuildURem(L->B, x, y, "");
    LLVMValueRef m1 = LLVMConstAllOnes(lt);
    LLVMValueRef is_m1 = LLVMBuildICmp(L->B, LLVMIntEQ, y, m1, "");
    LLVMValueRef safe = LLVMBuildSelect(L->B, is_m1, LLVMConstInt(lt, 1, 0), y, "");
    LLVMValueRef q = LLVMBuildSDiv(L->B, x, safe, "");
    LLVMValueRef r = LLVMBuildSRem(L->B, x, safe, "");
    /* floor: when the remainder is nonzero and its sign differs from y's */
    LLVMValueRef adj = LLVMBuildAnd(L->B, LLVMBuildICmp(L->B, LLVMIntNE, r, zero, ""),
                                    LLVMBuildICmp(L->B, LLVMIntSLT, LLVMBuildXor(L->B, r, y, ""), zero, ""), "");
    if (op == OP_FLOORDIV) {
        q = LLVMBuildSub(L->B, q, LLVMBuildZExt(L->B, adj, lt, ""), "");
        LLVMValueRef neg = LLVMBuildSub(L->B, zero, x, "");
        if (LLVMGetIntTypeWidth(lt) == 64) {
            LLVMValueRef min = LLVMConstInt(lt, 1ull << 63, 0);
            neg = LLVMBuildSelect(L->B, LLVMBuildICmp(L->B, LLVMIntEQ, x, min, ""), zero, neg, "");
        }
        return LLVMBuildSelect(L->B, is_m1, neg, q, "floordiv");
    }
    return LLVMBuildSelect(L->B, adj, LLVMBuildAdd(L->B, r, y, ""), r, "mod");
}

/* Python's float // and %: r = fmod(x, y) moved to y's sign, q = (x - r) / y
 * rounded. Division by zero gives inf/nan as NumPy does. */
static LLVMValueRef float_divmod(Lower *L, BinOp op, LLVMValueRef x, LLVMValueRef y)
{
    LLVMTypeRef t = LLVMTypeOf(x);
    LLVMValueRef zero = LLVMConstNull(t);
    if (op == OP_FLOORDIV) {
        /* CPython's float floor division: (x - fmod(x, y)) / y, corrected
         * by the remainder's sign, then rounded to the nearest integer;
         * floor(x / y) differs when x / y rounds up to an integer */
        LLVMValueRef mod = lw_fm(L, LLVMBuildFRem(L->B, x, y, ""));
        LLVMValueRef div = lw_fm(L, LLVMBuildFDiv(L->B, lw_fm(L, LLVMBuildFSub(L->B, x, mod, "")), y, ""));
        LLVMValueRef mnz = lw_fm(L, LLVMBuildFCmp(L->B, LLVMRealONE, mod, zero, ""));
        LLVMValueRef sd = LLVMBuildXor(L->B, lw_fm(L, LLVMBuildFCmp(L->B, LLVMRealOLT, y, zero, "")),
                                       lw_fm(L, LLVMBuildFCmp(L->B, LLVMRealOLT, mod, zero, "")), "");
        LLVMValueRef one = LLVMConstReal(t, 1.0);
        div = LLVMBuildSelect(L->B, LLVMBuildAnd(L->B, mnz, sd, ""), lw_fm(L, LLVMBuildFSub(L->B, div, one, "")), div, "");
        LLVMValueRef fl = intrinsic1(L, "llvm.floor", div);
        LLVMValueRef up = lw_fm(L, LLVMBuildFCmp(L->B, LLVMRealOGT, lw_fm(L, LLVMBuildFSub(L->B, div, fl, "")),
                                                 LLVMConstReal(t, 0.5), ""));
        fl = LLVMBuildSelect(L->B, up, lw_fm(L, LLVMBuildFAdd(L->B, fl, one, "")), fl, "");
        /* a zero quotient takes the sign of x / y; division by zero gives
         * x / y (inf or nan), as NumPy does */
        LLVMValueRef q = lw_fm(L, LLVMBuildFDiv(L->B, x, y, ""));
        LLVMTypeRef ft[1] = {t};
        unsigned id = LLVMLookupIntrinsicID("llvm.copysign", 13);
        LLVMValueRef cs = LLVMGetIntrinsicDeclaration(L->M, id, ft, 1);
        LLVMValueRef a2[2] = {zero, q};
        LLVMValueRef sz = LLVMBuildCall2(L->B, LLVMFunctionType(t, (LLVMTypeRef[]){t, t}, 2, 0), cs, a2, 2, "");
        LLVMValueRef dz = lw_fm(L, LLVMBuildFCmp(L->B, LLVMRealOEQ, div, zero, ""));
        fl = LLVMBuildSelect(L->B, dz, sz, fl, "");
        LLVMValueRef yz = lw_fm(L, LLVMBuildFCmp(L->B, LLVMRealOEQ, y, zero, ""));
        return LLVMBuildSelect(L->B, yz, q, fl, "floordiv");
    }
    LLVMValueRef r = lw_fm(L, LLVMBuildFRem(L->B, x, y, ""));
    LLVMValueRef rn = lw_fm(L, LLVMBuildFCmp(L->B, LLVMRealONE, r, zero, ""));
    LLVMValueRef sd = LLVMBuildXor(L->B, lw_fm(L, LLVMBuildFCmp(L->B, LLVMRealOLT, r, zero, "")),
                                   lw_fm(L, LLVMBuildFCmp(L->B, LLVMRealOLT, y, zero, "")), "");
    LLVMValueRef fix = LLVMBuildAnd(L->B, rn, sd, "");
    LLVMValueRef m = LLVMBuildSelect(L->B, fix, lw_fm(L, LLVMBuildFAdd(L->B, r, y, "")), r, "");
    /* a zero remainder takes y's sign (Python: -0.0 % 1.0 == 0.0, 0.0 % -1.0 == -0.0) */
    LLVMValueRef z = lw_fm(L, LLVMBuildFCmp(L->B, LLVMRealOEQ, m, zero, ""));
    LLVMTypeRef ft[1] = {t};
    unsigned id = LLVMLookupIntrinsicID("llvm.copysign", 13);
    LLVMValueRef cs = LLVMGetIntrinsicDeclaration(L->M, id, ft, 1);
    LLVMValueRef a[2] = {zero, y};
    LLVMValueRef sz = LLVMBuildCall2(L->B, LLVMFunctionType(t, (LLVMTypeRef[]){t, t}, 2, 0), cs, a, 2, "");
    return LLVMBuildSelect(L->B, z, sz, m, "fmod");
}

/* Integer power by repeated squaring, in a helper function shared by the
 * module. A negative exponent gives 0 unless the base is 1 or -1 (the
 * integer part of the true result); 0 ** negative raises. */
static LLVMValueRef int_pow(Lower *L, LLVMValueRef b, LLVMValueRef e, int line)
{
    LLVMValueRef f = LLVMGetNamedFunction(L->M, "jit.ipow");
    LLVMTypeRef ft = LLVMFunctionType(L->i64, (LLVMTypeRef[]){L->i64, L->i64}, 2, 0);
    lw_check(L, LLVMBuildNot(L->B, LLVMBuildAnd(L->B,
                 LLVMBuildICmp(L->B, LLVMIntEQ, b, LLVMConstNull(L->i64), ""),
                 LLVMBuildICmp(L->B, LLVMIntSLT, e, LLVMConstNull(L->i64), ""), ""), ""),
             JIT_ERR_ZERO_DIVISION, "0 cannot be raised to a negative power", line);
    if (!f) {
        f = LLVMAddFunction(L->M, "jit.ipow", ft);
        LLVMSetLinkage(f, LLVMInternalLinkage);
        LLVMBuilderRef B = LLVMCreateBuilderInContext(L->C);
        LLVMBasicBlockRef entry = LLVMAppendBasicBlockInContext(L->C, f, "entry");
        LLVMBasicBlockRef neg = LLVMAppendBasicBlockInContext(L->C, f, "neg");
        LLVMBasicBlockRef loop = LLVMAppendBasicBlockInContext(L->C, f, "loop");
        LLVMBasicBlockRef done = LLVMAppendBasicBlockInContext(L->C, f, "done");
        LLVMValueRef x = LLVMGetParam(f, 0), n = LLVMGetParam(f, 1);
        LLVMValueRef zero = LLVMConstNull(L->i64), one = LLVMConstInt(L->i64, 1, 0);
        LLVMPositionBuilderAtEnd(B, entry);
        LLVMBuildCondBr(B, LLVMBuildICmp(B, LLVMIntSLT, n, zero, ""), neg, loop);
        LLVMPositionBuilderAtEnd(B, neg);
        /* 1 ** -k == 1, (-1) ** -k == +-1, anything else truncates to 0 */
        LLVMValueRef is1 = LLVMBuildICmp(B, LLVMIntEQ, x, one, "");
        LLVMValueRef ism1 = LLVMBuildICmp(B, LLVMIntEQ, x, LLVMConstAllOnes(L->i64), "");
        LLVMValueRef odd = LLVMBuildTrunc(B, n, L->i1, "");
        LLVMValueRef r = LLVMBuildSelect(B, is1, one,
            LLVMBuildSelect(B, ism1, LLVMBuildSelect(B, odd, LLVMConstAllOnes(L->i64), one, ""), zero, ""), "");
        LLVMBuildRet(B, r);
        LLVMPositionBuilderAtEnd(B, loop);
        LLVMValueRef acc = LLVMBuildPhi(B, L->i64, "acc");
        LLVMValueRef base = LLVMBuildPhi(B, L->i64, "base");
        LLVMValueRef k = LLVMBuildPhi(B, L->i64, "k");
        LLVMValueRef bit = LLVMBuildTrunc(B, k, L->i1, "");
        LLVMValueRef acc2 = LLVMBuildSelect(B, bit, LLVMBuildMul(B, acc, base, ""), acc, "");
        LLVMValueRef base2 = LLVMBuildMul(B, base, base, "");
        LLVMValueRef k2 = LLVMBuildLShr(B, k, one, "");
        LLVMBuildCondBr(B, LLVMBuildICmp(B, LLVMIntEQ, k2, zero, ""), done, loop);
        LLVMAddIncoming(acc, (LLVMValueRef[]){one, acc2}, (LLVMBasicBlockRef[]){entry, loop}, 2);
        LLVMAddIncoming(base, (LLVMValueRef[]){x, base2}, (LLVMBasicBlockRef[]){entry, loop}, 2);
        LLVMAddIncoming(k, (LLVMValueRef[]){n, k2}, (LLVMBasicBlockRef[]){entry, loop}, 2);
        LLVMPositionBuilderAtEnd(B, done);
        LLVMBuildRet(B, acc2);
        LLVMDisposeBuilder(B);
    }
    LLVMValueRef a[2] = {b, e};
    return LLVMBuildCall2(L->B, ft, f, a, 2, "ipow");
}

/* Shifts as Python defines them on fixed-width ints: a negative count is a
 * ValueError; a count past the width gives 0 (or -1 for >> of a negative). */
static LLVMValueRef shift(Lower *L, BinOp op, LLVMValueRef x, LLVMValueRef n, const Type *t, int line)
{
    LLVMTypeRef lt = LLVMTypeOf(x);
    LLVMValueRef zero = LLVMConstNull(lt);
    if (ty_is_signed(t))
        lw_check(L, LLVMBuildICmp(L->B, LLVMIntSGE, n, zero, ""), JIT_ERR_VALUE, "negative shift count", line);
    LLVMValueRef big = LLVMBuildICmp(L->B, LLVMIntUGE, n, LLVMConstInt(lt, (unsigned)ty_bits(t), 0), "");
    LLVMValueRef safe = LLVMBuildSelect(L->B, big, zero, n, "");
    if (op == OP_LSHIFT)
        return LLVMBuildSelect(L->B, big, zero, LLVMBuildShl(L->B, x, safe, ""), "");
    if (!ty_is_signed(t))
        return LLVMBuildSelect(L->B, big, zero, LLVMBuildLShr(L->B, x, safe, ""), "");
    LLVMValueRef fillv = LLVMBuildAShr(L->B, x, LLVMConstInt(lt, (unsigned)ty_bits(t) - 1, 0), "");
    return LLVMBuildSelect(L->B, big, fillv, LLVMBuildAShr(L->B, x, safe, ""), "");
}

LLVMValueRef lw_binop_values(Lower *L, BinOp op, LLVMValueRef l, const Type *lt, LLVMValueRef r,
                             const Type *rt, const Type *res, int line)
{
    if (op == OP_POW) {
        if (ty_is_float(res)) {
            LLVMValueRef a[2] = {lw_cast(L, l, lt, res), lw_cast(L, r, rt, res)};
            return L->target->math(L, "llvm.pow", a, 2, lw_type(L, res));
        }
        LLVMValueRef v = int_pow(L, lw_cast(L, l, lt, ty_int64), lw_cast(L, r, rt, ty_int64), line);
        return lw_cast(L, v, ty_int64, res);
    }
    /* the operation happens in the result type, except shifts of bools */
    l = lw_cast(L, l, lt, res);
    r = lw_cast(L, r, rt, res);
    if (ty_is_float(res)) {
        switch (op) {
        case OP_ADD: return lw_fm(L, LLVMBuildFAdd(L->B, l, r, ""));
        case OP_SUB: return lw_fm(L, LLVMBuildFSub(L->B, l, r, ""));
        case OP_MUL: return lw_fm(L, LLVMBuildFMul(L->B, l, r, ""));
        case OP_DIV: return lw_fm(L, LLVMBuildFDiv(L->B, l, r, ""));
        case OP_FLOORDIV: case OP_MOD: return float_divmod(L, op, l, r);
        default: break;
        }
    } else {
        switch (op) {
        case OP_ADD: return LLVMBuildAdd(L->B, l, r, "");
        case OP_SUB: return LLVMBuildSub(L->B, l, r, "");
        case OP_MUL: return LLVMBuildMul(L->B, l, r, "");
        case OP_FLOORDIV: case OP_MOD: return int_divmod(L, op, l, r, res, line);
        case OP_BITAND: return LLVMBuildAnd(L->B, l, r, "");
        case OP_BITOR: return LLVMBuildOr(L->B, l, r, "");
        case OP_BITXOR: return LLVMBuildXor(L->B, l, r, "");
        case OP_LSHIFT: case OP_RSHIFT: return shift(L, op, l, r, res, line);
        default: break;
        }
    }
    return LLVMGetUndef(lw_type(L, res));
}

/* x % d where loop versioning (lower_stmt.c) proved d > 0 and x in
 * [-d, 2d): one period away at most, so x + d, x or x - d, without the
 * hardware divide and branch-free (the loop can vectorize). The versioning
 * also proved the indices made of it in bounds (d <= the axis' length), so
 * they need no wraparound and no check; no llvm.assume here, which the
 * vectorizer would repeat for every lane. */
static int mod_is_proven(const Lower *L, const Expr *e)
{
    for (int i = 0; i < L->nmod_proven; i++)
        if (L->mod_proven[i] == e)
            return i + 1;
    return 0;
}

/* k: mod_is_proven's answer. With a segment's shift (lower_stmt.c splits
 * the loop where x crosses 0 or d) the result is x + shift, affine in the
 * loop variable: contiguous loads that vectorize. */
static LLVMValueRef mod_in_period(Lower *L, int k, LLVMValueRef x, LLVMValueRef d)
{
    LLVMValueRef zero = LLVMConstNull(L->i64), r;
    LLVMValueRef shift = L->mod_shift ? L->mod_shift[k - 1] : NULL;
    if (shift) {
        r = LLVMBuildAdd(L->B, x, LLVMBuildLoad2(L->B, L->i64, shift, ""), "mod");
    } else {
        LLVMValueRef r0 = LLVMBuildSelect(L->B, LLVMBuildICmp(L->B, LLVMIntSLT, x, zero, ""),
                                          LLVMBuildAdd(L->B, x, d, ""), x, "");
        r = LLVMBuildSelect(L->B, LLVMBuildICmp(L->B, LLVMIntSGE, r0, d, ""), LLVMBuildSub(L->B, r0, d, ""), r0,
                            "mod");
    }
    return r;
}

static LLVMValueRef lower_binop(Lower *L, Expr *e)
{
    LLVMValueRef l = lw_expr(L, e->bin.l), r = lw_expr(L, e->bin.r);
    int k = e->bin.op == OP_MOD ? mod_is_proven(L, e) : 0;
    if (k)
        return mod_in_period(L, k, l, r);
    if (e->ty->kind == TY_TUPLE) {
        /* tuple concatenation */
        LLVMValueRef t = LLVMGetUndef(lw_type(L, e->ty));
        int nl = e->bin.l->ty->tup.n;
        for (int i = 0; i < e->ty->tup.n; i++)
            t = LLVMBuildInsertValue(L->B, t, LLVMBuildExtractValue(L->B, i < nl ? l : r, (unsigned)(i < nl ? i : i - nl), ""),
                                     (unsigned)i, "");
        return t;
    }
    return lw_binop_values(L, e->bin.op, l, e->bin.l->ty, r, e->bin.r->ty, e->ty, e->pos.line);
}

static LLVMValueRef lower_unary(Lower *L, Expr *e)
{
    const Type *xt = e->un.x->ty;
    LLVMValueRef x = lw_expr(L, e->un.x);
    switch (e->un.op) {
    case UOP_NOT: return LLVMBuildNot(L->B, lw_truth(L, x, xt), "");
    case UOP_POS: return lw_cast(L, x, xt, e->ty);
    case UOP_NEG:
        x = lw_cast(L, x, xt, e->ty);
        return ty_is_float(e->ty) ? lw_fm(L, LLVMBuildFNeg(L->B, x, "")) : LLVMBuildNeg(L->B, x, "");
    case UOP_INVERT:
        return LLVMBuildNot(L->B, lw_cast(L, x, xt, e->ty), "");
    }
    return x;
}

/* ---------- comparisons ---------- */

LLVMValueRef lw_compare_values(Lower *L, CmpOp op, LLVMValueRef l, const Type *lt, LLVMValueRef r, const Type *rt)
{
    if (op == CMP_IS || op == CMP_ISNOT) {
        int same = lt->kind == TY_NONE && rt->kind == TY_NONE;
        return LLVMConstInt(L->i1, (unsigned)(op == CMP_IS ? same : !same), 0);
    }
    const Type *t = ty_promote(lt, rt);
    if (ty_is_float(t) && ((lt->kind == TY_UINT64 && LLVMIsConstant(r)) || (rt->kind == TY_UINT64 && LLVMIsConstant(l)))) {
        /* a uint64 against a constant (NumPy promotes both to float64):
           plain uitofp, which instcombine folds into an integer compare
           long before the SLP vectorizer runs; the u64_to_fp expansion
           would stay a float compare */
        l = lt->kind == TY_UINT64 ? LLVMBuildUIToFP(L->B, l, lw_type(L, t), "") : lw_cast(L, l, lt, t);
        r = rt->kind == TY_UINT64 ? LLVMBuildUIToFP(L->B, r, lw_type(L, t), "") : lw_cast(L, r, rt, t);
    } else {
        l = lw_cast(L, l, lt, t);
        r = lw_cast(L, r, rt, t);
    }
    if (ty_is_float(t)) {
        static const LLVMRealPredicate fp[] = {LLVMRealOEQ, LLVMRealUNE, LLVMRealOLT,
                                               LLVMRealOLE, LLVMRealOGT, LLVMRealOGE};
        return lw_fm(L, LLVMBuildFCmp(L->B, fp[op], l, r, ""));
    }
    int s = ty_is_signed(t);
    static const LLVMIntPredicate ip[2][6] = {
        {LLVMIntEQ, LLVMIntNE, LLVMIntULT, LLVMIntULE, LLVMIntUGT, LLVMIntUGE},
        {LLVMIntEQ, LLVMIntNE, LLVMIntSLT, LLVMIntSLE, LLVMIntSGT, LLVMIntSGE},
    };
    return LLVMBuildICmp(L->B, ip[s][op], l, r, "");
}

/* xs[i-1] ops[i-1] xs[i], in a narrow width where lower_narrow.c proves
 * both values fit (the vectorizer then keeps narrow lanes) */
static LLVMValueRef compare(Lower *L, Expr *e, int i, LLVMValueRef prev, LLVMValueRef cur)
{
    Expr *a = e->cmp.xs[i - 1], *b = e->cmp.xs[i];
    LLVMValueRef c = lw_narrow_compare(L, e->cmp.ops[i - 1], a, prev, b, cur);
    return c ? c : lw_compare_values(L, e->cmp.ops[i - 1], prev, a->ty, cur, b->ty);
}

static LLVMValueRef lower_compare(Lower *L, Expr *e)
{
    int n = e->cmp.n;
    if (n == 2 || lw_is_pure(L, e)) {
        /* evaluate all operands once, combine with a straight-line and */
        LLVMValueRef prev = lw_expr(L, e->cmp.xs[0]), acc = NULL;
        for (int i = 1; i < n; i++) {
            LLVMValueRef cur = lw_expr(L, e->cmp.xs[i]);
            LLVMValueRef c = compare(L, e, i, prev, cur);
            acc = acc ? LLVMBuildAnd(L->B, acc, c, "") : c;
            prev = cur;
        }
        return acc;
    }
    /* a < f(b) < c with side effects: stop at the first false, as Python does */
    LLVMBasicBlockRef done = lw_block(L, "cmp.done");
    LLVMValueRef res = lw_alloca(L, L->i1, "cmp");
    LLVMBuildStore(L->B, LLVMConstNull(L->i1), res);
    LLVMValueRef prev = lw_expr(L, e->cmp.xs[0]);
    for (int i = 1; i < n; i++) {
        LLVMValueRef cur = lw_expr(L, e->cmp.xs[i]);
        LLVMValueRef c = compare(L, e, i, prev, cur);
        if (i == n - 1) {
            LLVMBuildStore(L->B, c, res);
            LLVMBuildBr(L->B, done);
        } else {
            LLVMBasicBlockRef next = lw_block(L, "cmp.next");
            LLVMBuildCondBr(L->B, c, next, done);
            LLVMPositionBuilderAtEnd(L->B, next);
        }
        prev = cur;
    }
    LLVMPositionBuilderAtEnd(L->B, done);
    return LLVMBuildLoad2(L->B, L->i1, res, "");
}

/* ---------- and / or / conditional ---------- */

static LLVMValueRef lower_boolop(Lower *L, Expr *e)
{
    const Type *t = e->ty;
    Expr *a = e->boolop.l, *b = e->boolop.r;
    int is_and = e->boolop.is_and;
    if (lw_is_pure(L, a) && lw_is_pure(L, b)) {
        LLVMValueRef va = lw_expr(L, a), vb = lw_expr(L, b);
        LLVMValueRef ta = lw_truth(L, va, a->ty);
        if (t->kind == TY_BOOL) {
            LLVMValueRef tb = lw_truth(L, vb, b->ty);
            return is_and ? LLVMBuildAnd(L->B, ta, tb, "and") : LLVMBuildOr(L->B, ta, tb, "or");
        }
        va = lw_cast(L, va, a->ty, t);
        vb = lw_cast(L, vb, b->ty, t);
        return is_and ? LLVMBuildSelect(L->B, ta, vb, va, "and") : LLVMBuildSelect(L->B, ta, va, vb, "or");
    }
    LLVMValueRef slot = lw_alloca(L, lw_type(L, t), "boolop");
    LLVMValueRef va = lw_expr(L, a);
    LLVMBuildStore(L->B, lw_cast(L, va, a->ty, t), slot);
    LLVMBasicBlockRef rhs = lw_block(L, "boolop.rhs"), done = lw_block(L, "boolop.done");
    LLVMValueRef ta = lw_truth(L, va, a->ty);
    if (is_and)
        LLVMBuildCondBr(L->B, ta, rhs, done);
    else
        LLVMBuildCondBr(L->B, ta, done, rhs);
    LLVMPositionBuilderAtEnd(L->B, rhs);
    LLVMBuildStore(L->B, lw_cast(L, lw_expr(L, b), b->ty, t), slot);
    LLVMBuildBr(L->B, done);
    LLVMPositionBuilderAtEnd(L->B, done);
    return LLVMBuildLoad2(L->B, lw_type(L, t), slot, "");
}

static LLVMValueRef lower_ifexp(Lower *L, Expr *e)
{
    const Type *t = e->ty;
    Expr *c = e->ifexp.cond, *a = e->ifexp.body, *b = e->ifexp.orelse;
    if (lw_is_pure(L, a) && lw_is_pure(L, b)) {
        LLVMValueRef cv = lw_truth(L, lw_expr(L, c), c->ty);
        LLVMValueRef va = lw_cast(L, lw_expr(L, a), a->ty, t);
        LLVMValueRef vb = lw_cast(L, lw_expr(L, b), b->ty, t);
        return LLVMBuildSelect(L->B, cv, va, vb, "sel");
    }
    LLVMValueRef slot = lw_alloca(L, lw_type(L, t), "ifexp");
    LLVMBasicBlockRef bt = lw_block(L, "ifexp.then"), bf = lw_block(L, "ifexp.else"), done = lw_block(L, "ifexp.done");
    LLVMBuildCondBr(L->B, lw_truth(L, lw_expr(L, c), c->ty), bt, bf);
    LLVMPositionBuilderAtEnd(L->B, bt);
    LLVMBuildStore(L->B, lw_cast(L, lw_expr(L, a), a->ty, t), slot);
    LLVMBuildBr(L->B, done);
    LLVMPositionBuilderAtEnd(L->B, bf);
    LLVMBuildStore(L->B, lw_cast(L, lw_expr(L, b), b->ty, t), slot);
    LLVMBuildBr(L->B, done);
    LLVMPositionBuilderAtEnd(L->B, done);
    return LLVMBuildLoad2(L->B, lw_type(L, t), slot, "");
}

/* ---------- purity ---------- */

int lw_is_pure(const Lower *L, const Expr *e)
{
    switch (e->kind) {
    case EX_INT: case EX_FLOAT: case EX_BOOL: case EX_NONE: case EX_STR: case EX_NAME:
        return 1;
    case EX_ATTR:
        return lw_is_pure(L, e->attr.obj);
    case EX_SUBSCRIPT: {
        /* a load cannot trap when every index was proven in bounds */
        if (!e->ty || !ty_is_scalar(e->ty) || e->sub.obj->kind != EX_NAME || !e->sub.obj->ty ||
            e->sub.obj->ty->kind != TY_ARRAY)
            return 0;
        const Expr *ix = e->sub.index;
        int n = ix->kind == EX_TUPLE ? ix->tuple.n : 1;
        const Expr *const *xs = ix->kind == EX_TUPLE ? (const Expr *const *)ix->tuple.xs : &ix;
        for (int k = 0; k < n; k++) {
            /* without bounds checks the program promises valid indices */
            int found = !L->boundscheck;
            for (int i = 0; i < L->nproven && !found; i++)
                found = L->proven[i] == xs[k];
            if (!found || !lw_is_pure(L, xs[k]))
                return 0;
        }
        return 1;
    }
    case EX_BINOP:
        if ((e->bin.op == OP_FLOORDIV || e->bin.op == OP_MOD || e->bin.op == OP_POW ||
             e->bin.op == OP_LSHIFT || e->bin.op == OP_RSHIFT) && !ty_is_float(e->ty) &&
            !(e->bin.op == OP_MOD && mod_is_proven(L, e)))
            return 0;
        return lw_is_pure(L, e->bin.l) && lw_is_pure(L, e->bin.r);
    case EX_UNARY:
        return lw_is_pure(L, e->un.x);
    case EX_COMPARE:
        for (int i = 0; i < e->cmp.n; i++)
            if (!lw_is_pure(L, e->cmp.xs[i]))
                return 0;
        return 1;
    case EX_BOOLOP:
        return lw_is_pure(L, e->boolop.l) && lw_is_pure(L, e->boolop.r);
    case EX_IFEXP:
        return lw_is_pure(L, e->ifexp.cond) && lw_is_pure(L, e->ifexp.body) && lw_is_pure(L, e->ifexp.orelse);
    case EX_TUPLE:
        for (int i = 0; i < e->tuple.n; i++)
            if (!lw_is_pure(L, e->tuple.xs[i]))
                return 0;
        return 1;
    case EX_CALL: {
        if (e->call.fn->ty == NULL || e->call.fn->ty->kind != TY_BUILTIN || !e->sym)
            return e->call.fn->ty && e->call.fn->ty->kind == TY_DTYPE && e->call.nargs == 1 &&
                   lw_is_pure(L, e->call.args[0]);
        const Builtin *b = e->sym;
        if (b->rule != R_FLOAT1 && b->rule != R_FLOAT2 && b->rule != R_PRED && b->rule != R_ABS &&
            b->rule != R_MINMAX && b->rule != R_CAST)
            return 0;
        for (int i = 0; i < e->call.nargs; i++)
            if (!lw_is_pure(L, e->call.args[i]))
                return 0;
        return 1;
    }
    default:
        return 0;
    }
}

/* ---------- dispatch ---------- */

static LLVMValueRef lower_name(Lower *L, Expr *e)
{
    const Var *v = e->sym;
    return LLVMBuildLoad2(L->B, lw_type(L, v->ty), L->slots[v->index], v->name);
}

static LLVMValueRef lower_subscript(Lower *L, Expr *e)
{
    const Type *ot = e->sub.obj->ty;
    if (ot->kind == TY_TUPLE && e->sub.index->kind != EX_INT) {
        /* a run-time index into a uniform tuple: through memory */
        LLVMValueRef t = lw_expr(L, e->sub.obj);
        LLVMTypeRef at = LLVMArrayType(lw_type(L, e->ty), (unsigned)ot->tup.n);
        LLVMValueRef mem = lw_alloca(L, at, "tup");
        for (int i = 0; i < ot->tup.n; i++) {
            LLVMValueRef idx[2] = {lw_const_i64(L, 0), lw_const_i64(L, i)};
            LLVMBuildStore(L->B, LLVMBuildExtractValue(L->B, t, (unsigned)i, ""),
                           LLVMBuildInBoundsGEP2(L->B, at, mem, idx, 2, ""));
        }
        LLVMValueRef k = lw_cast(L, lw_expr(L, e->sub.index), e->sub.index->ty, ty_int64);
        LLVMValueRef n = lw_const_i64(L, ot->tup.n);
        k = LLVMBuildSelect(L->B, LLVMBuildICmp(L->B, LLVMIntSLT, k, lw_const_i64(L, 0), ""),
                            LLVMBuildAdd(L->B, k, n, ""), k, "");
        lw_check(L, LLVMBuildICmp(L->B, LLVMIntULT, k, n, ""), JIT_ERR_INDEX, "tuple index out of range",
                 e->pos.line);
        LLVMValueRef idx[2] = {lw_const_i64(L, 0), k};
        return LLVMBuildLoad2(L->B, lw_type(L, e->ty), LLVMBuildInBoundsGEP2(L->B, at, mem, idx, 2, ""), "");
    }
    if (ot->kind == TY_TUPLE) {
        LLVMValueRef t = lw_expr(L, e->sub.obj);
        int64_t k = e->sub.index->ival;
        if (k < 0)
            k += ot->tup.n;
        return LLVMBuildExtractValue(L->B, t, (unsigned)k, "");
    }
    if (e->ty->kind == TY_ARRAY)
        return lw_view(L, e);
    if (ot->kind == TY_RANGE) {
        LLVMValueRef r = lw_expr(L, e->sub.obj);
        LLVMValueRef k = lw_cast(L, lw_expr(L, e->sub.index), e->sub.index->ty, ty_int64);
        LLVMValueRef n = lw_range_len(L, r);
        LLVMValueRef neg = LLVMBuildICmp(L->B, LLVMIntSLT, k, lw_const_i64(L, 0), "");
        k = LLVMBuildSelect(L->B, neg, LLVMBuildAdd(L->B, k, n, ""), k, "");
        lw_check(L, LLVMBuildICmp(L->B, LLVMIntULT, k, n, ""), JIT_ERR_INDEX, "range object index out of range",
                 e->pos.line);
        return LLVMBuildAdd(L->B, LLVMBuildExtractValue(L->B, r, 0, ""),
                            LLVMBuildMul(L->B, k, LLVMBuildExtractValue(L->B, r, 2, ""), ""), "");
    }
    LLVMValueRef p = lw_element_ptr(L, e);
    LLVMValueRef v = LLVMBuildLoad2(L->B, lw_mem_type(L, e->ty), p, "");
    if (e->ty->kind == TY_BOOL)
        v = LLVMBuildICmp(L->B, LLVMIntNE, v, LLVMConstNull(L->i8), "");
    return v;
}

static LLVMValueRef lower_tuple(Lower *L, Expr *e)
{
    LLVMValueRef v = LLVMGetUndef(lw_type(L, e->ty));
    for (int i = 0; i < e->tuple.n; i++)
        v = LLVMBuildInsertValue(L->B, v, lw_expr(L, e->tuple.xs[i]), (unsigned)i, "");
    return v;
}

LLVMValueRef lw_expr(Lower *L, Expr *e)
{
    if (e->ty && (e->ty->kind == TY_DTYPE || e->ty->kind == TY_MODULE || e->ty->kind == TY_BUILTIN ||
                  e->ty->kind == TY_FUNC || e->ty->kind == TY_EXCCLASS))
        return LLVMConstNull(L->i8);   /* compile-time values carry no data */
    if (lw_is_elementwise(e))
        return lw_array_expr(L, e);
    if (e->ty && (e->ty->kind == TY_INT64 || e->ty->kind == TY_UINT64) && (e->kind == EX_BINOP || e->kind == EX_UNARY || e->kind == EX_CALL)) {
        LLVMValueRef v = lw_narrow(L, e);   /* lower_narrow.c */
        if (v)
            return v;
    }
    switch (e->kind) {
    case EX_INT: return LLVMConstInt(lw_type(L, e->ty), (unsigned long long)e->ival, 1);
    case EX_FLOAT: return LLVMConstReal(lw_type(L, e->ty), e->fval);
    case EX_BOOL: return LLVMConstInt(L->i1, (unsigned long long)(e->ival != 0), 0);
    case EX_NONE: case EX_STR: return LLVMConstNull(L->i8);
    case EX_NAME: return lower_name(L, e);
    case EX_ATTR: return lw_attr(L, e);
    case EX_CALL: return lw_call(L, e);
    case EX_SUBSCRIPT: return lower_subscript(L, e);
    case EX_BINOP: return lower_binop(L, e);
    case EX_UNARY: return lower_unary(L, e);
    case EX_COMPARE: return lower_compare(L, e);
    case EX_BOOLOP: return lower_boolop(L, e);
    case EX_IFEXP: return lower_ifexp(L, e);
    case EX_TUPLE: return lower_tuple(L, e);
    default: break;
    }
    return LLVMGetUndef(lw_type(L, e->ty ? e->ty : ty_int64));
}
