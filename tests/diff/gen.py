#!/usr/bin/env python3
"""gen.py - random well-typed kernel scripts for differential testing.

    python3 tests/diff/gen.py [--avoid=A,B|all] [--features=F|all] SEED     print the program of SEED

A program is a few @njit helpers and a main() that returns an int, a float or
a tuple, mixing int64, float64, float32 (only through np.float32 casts and
float32 arrays), bool, tuples (nested too) and 1-D/2-D arrays; if/elif/else,
for over range() (steps of both signs, loops guarded against running past an
array, loop variables reused or reassigned), while loops with a counter,
break/continue, and/or/not, conditional expressions, chained comparisons,
math functions, int64 literals near the limits, shifts by 64 and more, inf and
nan (only printed or compared), print() of every kind of value, arrays filled
and printed (NumPy's formatting, summarization), kernel loop nests (prefix sums,
stencils, sorting, reductions, matmul), array variables rebound inside loops,
variables retyped in straight-line code. Helpers: plain ones with keyword and
default arguments, array and tuple parameters, tuple, array or None results;
recursive and mutually recursive pairs; generic helpers called with ints at
one site and floats at another. main() may take command-line arguments (a
`# args:` line). The source text varies too: comments, blank lines, `pass`,
one-line `if c: x = 1`, semicolons, continuation lines, tabs, decorator
spellings, literal spellings (0x, 0b, 1_000, .5, 1e2), an `if __name__` block.

Every program runs identically under plain CPython + NumPy (with the no-op
numba of tests/diff/fake_numba) and under `jit run`, because the generator
keeps away from the places where a fixed-width compiler legitimately differs
from Python:

  * integers stay far from int64 overflow: every value has a magnitude bound,
    composite expressions whose bound grows past 1e9 are wrapped with `% M`,
    variables and array elements are wrapped when assigned (run.py checks
    every int result under CPython, so a slip is a GENBUG, not a divergence);
  * `//` and `%` only by non-zero divisors (literals, or `abs(e) % k + 1`),
    float division only by values >= 0.5 in magnitude;
  * no float inf/nan in computations: sqrt/log/acosh get positive arguments,
    exp/sinh/cosh bounded ones, asin/acos/atanh arguments inside their domain
    (CPython raises where a compiler returns nan: int(nan), math.sin(inf));
  * float32 only meets float32 in arithmetic, and int64 below 1e6 (exact in
    float32) in comparisons (`np.float32(x)` of a float64 or an int, float32
    arrays and literals); it goes back through
    float() before it is printed, returned or compared with float64 (NumPy's
    NEP 50 promotion and Numba's differ: np.float32 * 2.0 is float32 in NumPy 2
    and float64 in Numba; NumPy prints np.float32(0.1) as 0.1, Numba as
    0.10000000149011612);
  * `**` on floats only with a positive base and a float exponent other than
    2.0 (Numba computes float ** int by repeated multiplication, CPython and
    NumPy call pow()/powf(), which round some ties differently from x * x, and
    LLVM turns pow(x, 2.0) into x * x); int ** int only with small exponents;
  * no math.lgamma/math.gamma: CPython computes them itself, not with libm,
    and differs from glibc by a few ulps;
  * a variable keeps one type wherever control flow merges (Numba unifies int
    and float assignments to float64, CPython keeps them apart; retyping
    happens only in straight-line code at the top of a function), both arms of
    `x if c else y` and of `and`/`or` have one type, min/max take arguments of
    one type, generic helpers get all-int or all-float arguments;
  * ints beyond 2**53 are compared with ints only (Python compares int and
    float exactly, a compiler converts the int);
  * a bool never meets a bool in + - * (np.bool_ + np.bool_ is a logical or
    in NumPy), and never gets unary minus; float(bool) is spelled float(int(b))
    (Numba has no float(bool));
  * loops are bounded (`while` loops carry a counter), and so is the total
    work, so that CPython finishes quickly.

Known jit bugs can be left out (--avoid, see AVOIDABLE), optional areas added
(--features, see FEATURES).
"""
import random
import re
import sys

I, F, S, B = "i", "f", "s", "b"  # int64, float64, float32, bool
SCALARS = (I, F, S, B)

# precedence levels of Python's grammar (higher binds tighter)
P_TERN, P_OR, P_AND, P_NOT, P_CMP, P_BOR, P_BXOR, P_BAND, P_SHIFT, P_ADD, P_MUL, P_UNARY, P_POW, P_ATOM = (
    2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16)

# magnitude limits: a composite expression past LIMIT is wrapped; a variable
# or array element never holds more than VAR
LIMIT = {I: 1e9, F: 1e9, S: 1e5}
VAR = {I: 2_000_006, F: 1e6, S: 1e4}
DTYPE = {I: "np.int64", F: "np.float64", S: "np.float32", B: "np.bool_"}


def is_arr(t):
    return isinstance(t, tuple) and t[0] == "A"


def is_tup(t):
    return isinstance(t, tuple) and t[0] == "T"


def has_s(ts):
    """True if a tuple of types holds a float32 somewhere (it prints differently under CPython)."""
    return any(t == S or (is_tup(t) and has_s(t[1])) for t in ts)


class E:
    """A generated expression: code, precedence of its top operator, magnitude bound."""
    __slots__ = ("code", "prec", "bound")

    def __init__(self, code, prec=P_ATOM, bound=1.0):
        self.code = code
        self.prec = prec
        self.bound = float(bound)


class Arr:
    def __init__(self, name, et, ndim, minshape, maxshape, base=None):
        self.name, self.et, self.ndim = name, et, ndim
        self.minshape, self.maxshape = minshape, maxshape
        self.base = base   # name of the allocation whose memory it uses; None: unknown


class Fn:
    def __init__(self, name, params, defaults, ret, kind="plain"):
        self.name = name
        self.params = params        # [(name, type)]; type: scalar, ("A", et, ndim)
        self.defaults = defaults    # name -> literal code
        self.ret = ret              # scalar, ("T", (types)), ("A", et, ndim)
        self.kind = kind
        self.cost = 1
        self.mutates = False
        self.callees = set()


class Ctx:
    """What a function body can see while it is generated."""

    def __init__(self, fn, budget):
        self.fn = fn
        self.scalars = {}     # assignable scalar variables: name -> type
        self.tuples = {}      # name -> tuple of scalar types
        self.arrays = {}      # name -> Arr
        self.loopvars = {}    # name -> set of (array name, axis) it indexes safely
        self.loop_depth = 0
        self.mult = 1         # iterations of the enclosing loops
        self.cost = 0
        self.budget = budget
        self.prints = 0
        self.called = set()
        self.closed = set()   # names of finished loop variables (may be reused as targets)
        self.shadowed = set() # module constants this function shadows with a local
        self.params = set()
        self.nocall = 0
        self.inprint = 0
        self.counter = 0


class Gen:
    def __init__(self, seed, avoid=(), features=()):
        self.r = random.Random(seed)
        self.avoid = set(avoid)   # known jit bugs to keep out of the programs (see AVOIDABLE)
        self.features = set(features)   # optional language areas (see FEATURES)
        self.seed = seed
        self.funcs = []
        self.consts = {}      # module constants: name -> (type, value code, bound)

    # ------------------------------------------------------------ helpers
    def chance(self, p):
        return self.r.random() < p

    def pick(self, weighted):
        tot = sum(w for _, w in weighted if w > 0)
        x = self.r.random() * tot
        for k, w in weighted:
            if w <= 0:
                continue
            x -= w
            if x <= 0:
                return k
        return weighted[-1][0]

    def par(self, e, minprec):
        """The code of e, parenthesized if its precedence is below minprec (sometimes anyway)."""
        if e.prec < minprec or (e.prec < P_ATOM and self.chance(0.04)):
            return "(" + e.code + ")"
        return e.code

    def binop(self, a, op, b, prec, bound, right_assoc=False):
        if right_assoc:
            code = self.par(a, prec + 1) + " " + op + " " + self.par(b, prec)
        else:
            code = self.par(a, prec) + " " + op + " " + self.par(b, prec + 1)
        return E(code, prec, bound)

    def fresh(self, ctx, prefix):
        ctx.counter += 1
        return "%s%d" % (prefix, ctx.counter)

    # ------------------------------------------------------------ literals
    def lit_i(self, lo=-20, hi=100):
        r = self.r
        v = r.choice([r.randint(0, 10), r.randint(lo, hi), r.randint(0, 3),
                      r.choice([255, 1000, 4096, 12345, 65535])])
        if v < 0:
            return E("-" + str(-v), P_UNARY, -v)
        code = str(v)
        if self.chance(0.03):
            code = r.choice([hex(v), oct(v), bin(v), "{:_}".format(v)])
        return E(code, P_ATOM, v)

    def lit_f(self):
        k = self.r.random()
        if k < 0.5:
            v = round(self.r.uniform(-10, 10), self.r.randint(0, 3))
        elif k < 0.7:
            v = self.r.choice([0.0, 0.5, 1.0, 2.0, 0.25, 0.1, 1.5, 3.0, 100.0, 2.5, -0.5, -1.5, -0.0, 0.0])
        elif k < 0.85:
            v = round(self.r.uniform(-1000, 1000), 2)
        else:
            v = float("%.3g" % (self.r.uniform(1, 9) * 10 ** self.r.randint(-6, 4)))
        code = repr(float(v))
        if self.chance(0.05):
            alt = {"0.5": ".5", "100.0": "1e2", "1000.0": "1_000.0", "2.0": "2.", "0.25": "25e-2",
                   "0.1": "1E-1", "3.0": "3.0e0", "1.5": "15e-1"}
            code = alt.get(code, code)
        if code.startswith("-"):
            return E(code, P_UNARY, abs(v))
        return E(code, P_ATOM, abs(v))

    def lit_s(self):
        f = self.lit_f()
        if f.bound > 1e4:
            f = E("1.5", P_ATOM, 1.5)
        return E("np.float32(%s)" % f.code, P_ATOM, f.bound)

    def lit(self, t):
        if t == I:
            return self.lit_i()
        if t == F:
            return self.lit_f()
        if t == S:
            return self.lit_s()
        return E(self.r.choice(["True", "False"]), P_ATOM, 1)

    # ------------------------------------------------------------ wrapping
    def wrap(self, e, t, to=None):
        """e with its magnitude brought under VAR[t] (or `to`)."""
        lim = to if to is not None else VAR[t]
        if e.bound <= lim:
            return e
        if t == I:
            if lim >= 1e6:
                m = self.r.choice([1000003, 999983, 65536, 1000000])
                k = self.r.random()
                if k < 0.6:
                    return E(self.par(e, P_MUL) + " % " + str(m), P_MUL, m)
                if k < 0.8:
                    return E(self.par(e, P_MUL) + " % " + str(2 * m) + " - " + str(m), P_ADD, m)
                return E(self.par(e, P_BAND) + " & " + hex(0xFFFFF), P_BAND, 0xFFFFF)
            m = max(2, int(lim))
            return E(self.par(e, P_MUL) + " % " + str(m), P_MUL, m)
        if t == F:
            m = 1000.0 if lim >= 1000 else max(1.0, float(int(lim)))
            k = self.r.random()
            if k < 0.5:
                return E(self.par(e, P_MUL) + " % " + repr(m), P_MUL, m)
            if k < 0.8:
                return E("np.fmod(%s, %s)" % (e.code, repr(m)), P_ATOM, m)
            return E("%s / %s" % (self.par(e, P_MUL), repr(float(10 ** len(str(int(min(e.bound, 1e18))))))),
                     P_MUL, 1.0)
        if t == S:
            m = 100.0 if lim >= 100 else max(1.0, float(int(lim)))
            if self.chance(0.5):
                return E("%s %% np.float32(%r)" % (self.par(e, P_MUL), m), P_MUL, m)
            return E("np.float32(float(%s) %% %r)" % (e.code, m), P_ATOM, m)
        return e

    def lim(self, e, t):
        return self.wrap(e, t, LIMIT[t]) if e.bound > LIMIT[t] else e

    # ------------------------------------------------------------ expressions
    def ex(self, ctx, t, d):
        if t == I:
            return self.ex_i(ctx, d)
        if t == F:
            return self.ex_f(ctx, d)
        if t == S:
            return self.ex_s(ctx, d)
        if t == B:
            return self.ex_b(ctx, d)
        raise ValueError(t)

    def vars_of(self, ctx, t):
        out = [n for n, ty in ctx.scalars.items() if ty == t]
        if t == I:
            out += list(ctx.loopvars)
        return out

    def leaf(self, ctx, t):
        """A variable, constant, tuple element, array element or literal of type t."""
        r = self.r
        opts = [("lit", 2)]
        vs = self.vars_of(ctx, t)
        if vs:
            opts.append(("var", 6))
        cs = [n for n, (ty, _, _) in self.consts.items() if ty == t and n not in ctx.shadowed]
        if cs:
            opts.append(("const", 1))
        tups = [(n, k) for n, ts in ctx.tuples.items() for k, ty in enumerate(ts) if ty == t]
        tups += [(n, (k, k2)) for n, ts in ctx.tuples.items() for k, ty in enumerate(ts) if is_tup(ty)
                 for k2, ty2 in enumerate(ty[1]) if ty2 == t]
        if tups:
            opts.append(("tup", 1.5))
        arrs = [a for a in ctx.arrays.values() if a.et == t]
        if arrs and not ctx.nocall:
            opts.append(("arr", 3))
        if t == I and ctx.arrays:
            opts.append(("shape", 1))
        k = self.pick(opts)
        if k == "var":
            n = r.choice(vs)
            if n in ctx.loopvars:
                return E(n, P_ATOM, 64)
            return E(n, P_ATOM, VAR[t] if t != B else 1)
        if k == "const":
            n = r.choice(cs)
            return E(n, P_ATOM, self.consts[n][2])
        if k == "tup":
            n, i = r.choice(tups)
            if isinstance(i, tuple):
                return E("%s[%d][%d]" % (n, i[0], i[1]), P_ATOM, VAR[t] if t != B else 1)
            if self.chance(0.3):
                i = i - len(ctx.tuples[n])
            return E("%s[%d]" % (n, i), P_ATOM, VAR[t] if t != B else 1)
        if k == "arr":
            a = r.choice(arrs)
            return E(self.elem(ctx, a), P_ATOM, VAR[t] if t != B else 1)
        if k == "shape":
            a = r.choice(list(ctx.arrays.values()))
            c = r.random()
            if c < 0.3:
                code = "len(%s)" % a.name
            elif c < 0.8:
                code = "%s.shape[%d]" % (a.name, r.randrange(a.ndim))
            elif c < 0.9 and a.ndim == 1:
                code = "%s.size" % a.name
            else:
                code = "%s.ndim" % a.name
            return E(code, P_ATOM, 64)
        return self.lit(t)

    def index(self, ctx, a, axis):
        """An index expression always in bounds for axis of array a."""
        r = self.r
        n = a.name
        safe = [(v, s[(n, axis)]) for v, s in ctx.loopvars.items() if (n, axis) in s]
        size = "len(%s)" % n if axis == 0 and self.chance(0.3) else "%s.shape[%d]" % (n, axis)
        k = r.random()
        if safe and k < 0.6:
            # the loop runs v over [lo, n - hi - 1]: v + k is in bounds for -lo - m <= k <= hi
            v, (lo, hi) = r.choice(safe)
            if self.chance(0.1):
                return "(%s + 1) %% %s" % (v, size)
            if self.chance(0.1) and lo == 0 and hi == 0:
                return "-1 - %s" % v
            if self.chance(0.4):
                k = r.randint(-lo - min(a.minshape[axis], 2), hi)
                if k > 0:
                    return "%s + %d" % (v, k)
                if k < 0:
                    return "%s - %d" % (v, -k)
            return v
        if k < 0.75:
            lo = a.minshape[axis]
            return str(r.randint(-lo, lo - 1))
        ctx.nocall += 1
        e = self.ex_i(ctx, 1)
        ctx.nocall -= 1
        if self.chance(0.2):
            return "-1 - %s %% %s" % (self.par(e, P_MUL + 1), size)
        return "%s %% %s" % (self.par(e, P_MUL), size)

    def elem(self, ctx, a):
        idx = [self.index(ctx, a, ax) for ax in range(a.ndim)]
        if a.ndim == 2 and "arrays" in self.features and self.chance(0.15):
            return "%s[%s][%s]" % (a.name, idx[0], idx[1])   # a row view, then its element
        return "%s[%s]" % (a.name, ", ".join(idx))

    def call(self, ctx, ret, d):
        """A call of a helper returning ret, or None if none fits."""
        if ctx.nocall or d <= 0 or (ctx.inprint and "print_call" in self.avoid):
            return None
        cands = []
        for f in self.funcs:
            if f is ctx.fn:
                continue
            if f.ret != ret and not (f.kind == "poly" and ret in (I, F)):
                continue
            if ctx.cost + ctx.mult * f.cost > ctx.budget:
                continue
            if any(is_arr(t) and not self.arrays_for(ctx, t) for _, t in f.params):
                continue
            cands.append(f)
        if not cands:
            return None
        f = self.r.choice(cands)
        ctx.cost += ctx.mult * f.cost
        ctx.called.add(f.name)
        if f.kind == "poly":
            return self.poly_call(ctx, f, ret, d)
        return self.call_code(ctx, f, d)

    def poly_call(self, ctx, f, t, d):
        """A call of a generic helper with arguments of type t (int or float): its result is a t."""
        pos, kw = [], []
        for name, _ in f.params:
            if name in f.defaults and self.chance(0.5):
                continue
            code = self.ex(ctx, t, d - 1).code
            if kw or self.chance(0.15):
                kw.append("%s=%s" % (name, code))
            else:
                pos.append(code)
        if "kwarg_order" not in self.avoid:
            self.r.shuffle(kw)
        return E("%s(%s)" % (f.name, ", ".join(pos + kw)), P_ATOM, VAR[t])

    def arrays_for(self, ctx, t):
        return [a for a in ctx.arrays.values() if a.et == t[1] and a.ndim == t[2]]

    def call_code(self, ctx, f, d):
        r = self.r
        if f.kind == "rec":
            depth = E("abs(%s) %% %d" % (self.ex_i(ctx, d - 1).code, r.randint(3, 8)), P_MUL, 8)
            x = self.ex(ctx, f.params[1][1], d - 1)
            return E("%s(%s, %s)" % (f.name, depth.code, x.code), P_ATOM, VAR[f.ret])
        pos, kw = [], []
        use_kw = False
        for name, t in f.params:
            if name in f.defaults and self.chance(0.4):
                use_kw = True   # omitted: the rest must go by keyword
                continue
            if is_arr(t):
                code = r.choice(self.arrays_for(ctx, t)).name
            elif is_tup(t):
                same = [n for n, ts in ctx.tuples.items() if ts == t[1]]
                if same and self.chance(0.6):
                    code = r.choice(same)
                else:
                    code = self.tuple_expr(ctx, t[1], max(1, d - 1))
            else:
                code = self.ex(ctx, t, d - 1).code
            if use_kw or (self.chance(0.15)):
                use_kw = True
                kw.append("%s=%s" % (name, code))
            else:
                pos.append(code)
        if "kwarg_order" not in self.avoid:
            r.shuffle(kw)
        code = "%s(%s)" % (f.name, ", ".join(pos + kw))
        b = 1
        if isinstance(f.ret, str) and f.ret in VAR:
            b = VAR[f.ret]
        return E(code, P_ATOM, b)

    def den_i(self, ctx, d):
        """A non-zero int divisor and its bound."""
        r = self.r
        k = r.random()
        if k < 0.45:
            v = r.choice([1, 2, 3, 5, 7, 10, 16, 100, -1, -2, -3, -7, 13, 1000])
            return E(str(v), P_ATOM if v > 0 else P_UNARY, abs(v))
        m = r.randint(2, 12)
        e = self.ex_i(ctx, d - 1)
        if k < 0.8:
            return E("abs(%s) %% %d + 1" % (e.code, m), P_ADD, m)
        return E("-(abs(%s) %% %d) - 1" % (e.code, m), P_ADD, m)

    def den_f(self, ctx, d):
        """A float divisor of magnitude >= 0.5 and its bound."""
        r = self.r
        k = r.random()
        if k < 0.4:
            v = r.choice([2.0, 0.5, 3.0, 1.5, -2.5, 10.0, 7.0, -0.75, 1e3, 0.1])
            if abs(v) < 0.5:
                v = 0.5
            return E(repr(v), P_ATOM if v > 0 else P_UNARY, abs(v))
        e = self.ex_f(ctx, d - 1)
        c = self.r.choice(["0.5", "1.0", "2.0"])
        if k < 0.85:
            return E("abs(%s) + %s" % (e.code, c), P_ADD, e.bound + 2)
        return E("-abs(%s) - %s" % (e.code, c), P_ADD, e.bound + 2)

    def cond_of(self, ctx, t, d):
        a = self.ex(ctx, t, d - 1)
        b = self.ex(ctx, t, d - 1)
        c = self.ex_b(ctx, d - 1) if self.chance(0.8) else self.ex(ctx, self.r.choice([I, F]), d - 1)
        code = "%s if %s else %s" % (self.par(a, P_OR), self.par(c, P_OR), self.par(b, P_TERN))
        return E(code, P_TERN, max(a.bound, b.bound))

    def minmax(self, ctx, t, d):
        n = 2 if self.chance(0.8) else 3
        args = [self.ex(ctx, t, d - 1) for _ in range(n)]
        return E("%s(%s)" % (self.r.choice(["min", "max"]), ", ".join(a.code for a in args)),
                 P_ATOM, max(a.bound for a in args))

    def andor(self, ctx, t, d):
        a = self.ex(ctx, t, d - 1)
        b = self.ex(ctx, t, d - 1)
        if self.chance(0.5):
            return E("%s or %s" % (self.par(a, P_OR), self.par(b, P_AND)), P_OR, max(a.bound, b.bound))
        return E("%s and %s" % (self.par(a, P_AND), self.par(b, P_NOT)), P_AND, max(a.bound, b.bound))

    # ---- int
    def ex_i(self, ctx, d):
        if d <= 0 or self.chance(0.22):
            return self.leaf(ctx, I)
        k = self.pick([("add", 6), ("sub", 4), ("mul", 4), ("fdiv", 2), ("mod", 2), ("bit", 2),
                       ("shift", 1.2), ("neg", 1), ("abs", 1), ("pow", 1), ("minmax", 1), ("cast", 2),
                       ("round", 1), ("cond", 1), ("call", 2.5), ("boolarith", 1), ("andor", 0.4),
                       ("tcall", 0.3), ("inv", 0.4), ("big", 0.4), ("vpow", 0.4), ("tlen", 0.1)])
        r = self.r
        e = None
        if k in ("add", "sub", "mul"):
            a = self.ex_i(ctx, d - 1)
            b = self.ex_i(ctx, d - 1)
            if k == "add":
                e = self.binop(a, "+", b, P_ADD, a.bound + b.bound)
            elif k == "sub":
                e = self.binop(a, "-", b, P_ADD, a.bound + b.bound)
            else:
                e = self.binop(a, "*", b, P_MUL, a.bound * b.bound)
        elif k in ("fdiv", "mod"):
            a = self.ex_i(ctx, d - 1)
            den = self.den_i(ctx, d)
            if k == "fdiv":
                e = self.binop(a, "//", den, P_MUL, a.bound)
            else:
                e = self.binop(a, "%", den, P_MUL, den.bound)
        elif k == "bit":
            a = self.ex_i(ctx, d - 1)
            b = self.ex_i(ctx, d - 1)
            op, p = r.choice([("&", P_BAND), ("|", P_BOR), ("^", P_BXOR)])
            e = self.binop(a, op, b, p, 2 * max(a.bound, b.bound) + 1)
        elif k == "shift":
            a = self.ex_i(ctx, d - 1)
            if self.chance(0.6):
                n = r.randint(0, 12)
                s = E(str(n), P_ATOM, n)
            else:
                n = r.randint(2, 9)
                s = E("abs(%s) %% %d" % (self.ex_i(ctx, d - 1).code, n), P_MUL, n - 1)
                n -= 1
            if self.chance(0.15):
                # counts of 64 and more: Python gives 0 or -1 (jit follows Python, Numba does not)
                s = E(str(r.randint(40, 80)), P_ATOM, 80)
                e = self.binop(a, ">>", s, P_SHIFT, a.bound)
            elif self.chance(0.5):
                e = self.binop(a, "<<", s, P_SHIFT, a.bound * 2 ** n)
            else:
                e = self.binop(a, ">>", s, P_SHIFT, a.bound)
        elif k == "neg":
            a = self.ex_i(ctx, d - 1)
            e = E(("-" if self.chance(0.9) else "+") + self.par(a, P_UNARY), P_UNARY, a.bound)
        elif k == "inv":
            a = self.ex_i(ctx, d - 1)
            e = E("~" + self.par(a, P_UNARY), P_UNARY, a.bound + 1)
        elif k == "abs":
            a = self.ex_i(ctx, d - 1)
            e = E("abs(%s)" % a.code, P_ATOM, a.bound)
        elif k == "pow":
            a = self.ex_i(ctx, d - 1)
            n = r.choice([0, 1, 2, 2, 3])
            if a.bound ** max(n, 1) > 1e15:
                a = E(self.par(a, P_MUL) + " % 1009", P_MUL, 1009)
            if self.chance(0.2):
                base = r.choice([2, 3, -2, 10])
                n = r.randint(0, 9)
                e = E("%s ** %d" % (("(%d)" % base) if base < 0 else base, n), P_POW, abs(base) ** n)
            else:
                e = E("%s ** %d" % (self.par(a, P_ATOM), n), P_POW, a.bound ** n)
        elif k == "big":
            e = self.big_i(ctx, d)
        elif k == "vpow":
            a = self.wrap(self.ex_i(ctx, d - 1), I, 1000)
            n = r.randint(2, 4)
            x = self.ex_i(ctx, d - 1)
            e = E("%s ** (abs(%s) %% %d)" % (self.par(a, P_ATOM), x.code, n), P_POW, a.bound ** (n - 1))
        elif k == "tlen" and ctx.tuples:
            e = E("len(%s)" % r.choice(list(ctx.tuples)), P_ATOM, 3)
        elif k == "minmax":
            e = self.minmax(ctx, I, d)
        elif k == "cast":
            c = r.random()
            if c < 0.5:
                a = self.wrap(self.ex_f(ctx, d - 1), F, 1e12)
                e = E("int(%s)" % a.code, P_ATOM, a.bound + 1)
            elif c < 0.7:
                a = self.ex_s(ctx, d - 1)
                e = E("int(%s)" % a.code, P_ATOM, a.bound + 1)
            else:
                a = self.ex_b(ctx, d - 1)
                e = E("int(%s)" % a.code, P_ATOM, 1)
        elif k == "round":
            a = self.wrap(self.ex_f(ctx, d - 1), F, 1e12)
            fn = r.choice(["math.floor", "math.ceil", "math.trunc", "round"])
            e = E("%s(%s)" % (fn, a.code), P_ATOM, a.bound + 1)
        elif k == "cond":
            e = self.cond_of(ctx, I, d)
        elif k == "call":
            e = self.call(ctx, I, d)
        elif k == "tcall":
            tf = [f for f in self.funcs if is_tup(f.ret) and I in f.ret[1]]
            if tf:
                f = r.choice(tf)
                c = self.call(ctx, f.ret, d)
                if c is not None:
                    i = r.choice([j for j, t in enumerate(f.ret[1]) if t == I])
                    e = E("%s[%d]" % (c.code, i), P_ATOM, VAR[I])
        elif k == "boolarith":
            a = self.ex_b(ctx, d - 1)
            b = self.ex_i(ctx, d - 1)
            op = r.choice(["+", "-", "*"])
            if self.chance(0.5):
                e = self.binop(a, op, b, P_MUL if op == "*" else P_ADD, b.bound + 1)
            else:
                e = self.binop(b, op, a, P_MUL if op == "*" else P_ADD, b.bound + 1)
        elif k == "andor":
            e = self.andor(ctx, I, d)
        if e is None:
            return self.leaf(ctx, I)
        return self.lim(e, I)

    BIG = ["9223372036854775807", "0x7fffffffffffffff", "-9223372036854775807", "4611686018427387904",
           "1000000000000000000", "-4611686018427387904", "9007199254740993", "0x7fff_ffff_ffff_fff0"]

    def big_i(self, ctx, d):
        """An expression on an int64 literal near the limits that stays in range."""
        r = self.r
        lit = r.choice(self.BIG)
        b = E(lit, P_UNARY if lit.startswith("-") else P_ATOM, 9.3e18)
        k = r.random()
        if k < 0.25:
            return self.binop(b, "//", self.den_i(ctx, d), P_MUL, 9.3e18)
        if k < 0.45:
            return self.binop(b, "%", self.den_i(ctx, d), P_MUL, 1000)
        if k < 0.6:
            return self.binop(b, ">>", E(str(r.randint(0, 70)), P_ATOM, 70), P_SHIFT, 9.3e18)
        if k < 0.75:
            x = self.ex_i(ctx, d - 1)
            x = E("%s %% %d" % (self.par(x, P_MUL), r.choice([1000, 1000003])), P_MUL, 1e6)  # >= 0
            op = "-" if not lit.startswith("-") else "+"
            return self.binop(b, op, x, P_ADD, 9.3e18)
        if k < 0.85:
            x = self.ex_i(ctx, d - 1)
            op, p = r.choice([("&", P_BAND), ("^", P_BXOR)])
            return self.binop(b, op, x, p, 9.3e18)
        x = self.wrap(self.ex_i(ctx, d - 1), I, 1e6)
        return E("%s(%s, %s)" % (r.choice(["min", "max"]), lit, x.code), P_ATOM, 9.3e18)

    # ---- float64
    def ex_f(self, ctx, d):
        if d <= 0 or self.chance(0.22):
            if self.chance(0.04):
                return E(self.r.choice(["math.pi", "math.e", "np.pi"]), P_ATOM, 3.2)
            return self.leaf(ctx, F)
        k = self.pick([("add", 6), ("sub", 4), ("mul", 4), ("div", 3), ("idiv", 1.5), ("mixed", 3),
                       ("fdiv", 0 if "float_floordiv" in self.avoid else 1.2), ("mod", 1.2), ("neg", 1),
                       ("abs", 1), ("math", 5), ("pow", 1),
                       ("cast", 2), ("minmax", 1), ("cond", 1), ("call", 2.5), ("andor", 0.3)])
        r = self.r
        e = None
        if k in ("add", "sub", "mul"):
            a = self.ex_f(ctx, d - 1)
            b = self.ex_f(ctx, d - 1)
            op, p, bd = {"add": ("+", P_ADD, a.bound + b.bound), "sub": ("-", P_ADD, a.bound + b.bound),
                         "mul": ("*", P_MUL, a.bound * b.bound)}[k]
            e = self.binop(a, op, b, p, bd)
        elif k == "div":
            a = self.ex_f(ctx, d - 1) if self.chance(0.7) else self.ex_i(ctx, d - 1)
            den = self.den_f(ctx, d)
            e = self.binop(a, "/", den, P_MUL, a.bound * 2)
        elif k == "idiv":
            a = self.ex_i(ctx, d - 1)
            den = self.den_i(ctx, d)
            e = self.binop(a, "/", den, P_MUL, a.bound)
        elif k == "mixed":
            a = self.ex_f(ctx, d - 1)
            b = self.ex_i(ctx, d - 1) if self.chance(0.8) else self.ex_b(ctx, d - 1)
            op, p = r.choice([("+", P_ADD), ("-", P_ADD), ("*", P_MUL)])
            bd = a.bound * b.bound if op == "*" else a.bound + b.bound
            if self.chance(0.5):
                a, b = b, a
            e = self.binop(a, op, b, p, bd)
        elif k in ("fdiv", "mod"):
            a = self.ex_f(ctx, d - 1) if self.chance(0.8) else self.ex_i(ctx, d - 1)
            den = self.den_f(ctx, d)
            if k == "fdiv":
                e = self.binop(a, "//", den, P_MUL, a.bound * 2 + 1)
            else:
                e = self.binop(a, "%", den, P_MUL, den.bound)
        elif k == "neg":
            a = self.ex_f(ctx, d - 1)
            e = E(("-" if self.chance(0.9) else "+") + self.par(a, P_UNARY), P_UNARY, a.bound)
        elif k == "abs":
            a = self.ex_f(ctx, d - 1)
            e = E("%s(%s)" % (r.choice(["abs", "math.fabs"]), a.code), P_ATOM, a.bound)
        elif k == "math":
            e = self.mathfn(ctx, d)
        elif k == "pow":
            a = self.ex_f(ctx, d - 1)
            if self.chance(0.5):
                # x * x, not x ** 2: CPython's pow() rounds some ties differently
                # from a multiplication, which is what Numba and LLVM compute
                if a.bound > 1e6:
                    a = self.wrap(a, F, 1000.0)
                e = self.binop(a, "*", a, P_MUL, a.bound ** 2)
            else:
                if a.bound > 1e4:
                    a = self.wrap(a, F, 1000.0)
                x = r.choice(["0.5", "1.5", "2.5", "0.25", "3.0", "1.0", "0.75"])
                base = "(abs(%s) + 0.5)" % a.code
                if self.chance(0.3):
                    e = E("math.pow(abs(%s) + 0.5, %s)" % (a.code, x), P_ATOM, (a.bound + 1) ** 3)
                else:
                    e = E("%s ** %s" % (base, x), P_POW, (a.bound + 1) ** 3)
        elif k == "cast":
            c = r.random()
            if c < 0.06:
                # an int64 beyond 2**53: float() rounds it to nearest-even, like sitofp
                a = self.big_i(ctx, d)
                e = E("float(%s)" % a.code, P_ATOM, 1e19)
                return self.lim(e, F)
            if c < 0.6:
                a = self.ex_i(ctx, d - 1)
                e = E("float(%s)" % a.code, P_ATOM, a.bound)
            elif c < 0.9:
                a = self.ex_s(ctx, d - 1)
                e = E("float(%s)" % a.code, P_ATOM, a.bound)
            else:
                a = self.ex_b(ctx, d - 1)   # Numba has no float(bool)
                e = E("float(int(%s))" % a.code, P_ATOM, 1)
        elif k == "minmax":
            e = self.minmax(ctx, F, d)
        elif k == "cond":
            e = self.cond_of(ctx, F, d)
        elif k == "call":
            e = self.call(ctx, F, d)
        elif k == "andor":
            e = self.andor(ctx, F, d)
        if e is None:
            return self.leaf(ctx, F)
        return self.lim(e, F)

    def mathfn(self, ctx, d):
        r = self.r
        a = self.ex_f(ctx, d - 1) if self.chance(0.8) else self.ex_i(ctx, d - 1)
        k = r.choice(["sqrt", "sqrt2", "exp", "log", "log2", "log10", "log1p", "expm1", "sin", "cos", "tan",
                      # no hypot: CPython's math.hypot is its own algorithm, not libm's,
                      # and differs from Numba (and jit) in the last bit
                      "atan", "tanh", "asin", "acos", "atan2", "copysign", "fmod", "sinh", "cosh",
                      "erf", "erfc", "asinh", "acosh", "atanh"])
        if k == "sqrt":
            return E("math.sqrt(abs(%s))" % a.code, P_ATOM, a.bound ** 0.5 + 1)
        if k == "sqrt2":
            a = self.wrap(a, F, 1e6)
            return E("math.sqrt(%s * %s + 1.0)" % (self.par(a, P_MUL), self.par(a, P_MUL + 1)), P_ATOM, a.bound + 1)
        if k in ("exp", "expm1", "sinh", "cosh"):
            if a.bound > 20:
                a = E("np.fmod(%s, 20.0)" % a.code, P_ATOM, 20)
            return E("math.%s(%s)" % (k, a.code), P_ATOM, 5e8)
        if k in ("log", "log2", "log10"):
            return E("math.%s(abs(%s) + %s)" % (k, a.code, r.choice(["1.0", "0.5", "2.0"])), P_ATOM, 50)
        if k == "log1p":
            return E("math.log1p(abs(%s))" % a.code, P_ATOM, 50)
        if k in ("sin", "cos", "atan", "tanh", "erf", "erfc"):
            return E("math.%s(%s)" % (k, a.code), P_ATOM, 2)
        if k == "tan":
            # keep away from the poles: |x| < 1.5
            return E("math.tan(math.sin(%s) * 1.5)" % a.code, P_ATOM, 15)
        if k in ("asin", "acos"):
            inner = r.choice(["math.sin", "math.cos", "math.tanh"])
            return E("math.%s(%s(%s))" % (k, inner, a.code), P_ATOM, 3.2)
        if k == "atanh":
            return E("math.atanh(math.tanh(%s) * 0.5)" % a.code, P_ATOM, 1)
        if k == "asinh":
            return E("math.asinh(%s)" % a.code, P_ATOM, 30)
        if k == "acosh":
            return E("math.acosh(abs(%s) + 1.0)" % a.code, P_ATOM, 30)
        b = self.ex_f(ctx, d - 1)
        if k == "atan2":
            return E("math.atan2(%s, %s)" % (a.code, b.code), P_ATOM, 3.2)
        if k == "hypot":
            return E("math.hypot(%s, %s)" % (a.code, b.code), P_ATOM, a.bound + b.bound)
        if k == "copysign":
            return E("math.copysign(%s, %s)" % (a.code, b.code), P_ATOM, a.bound)
        den = self.den_f(ctx, d)
        return E("np.fmod(%s, %s)" % (a.code, den.code), P_ATOM, min(a.bound, den.bound))

    # ---- float32
    def ex_s(self, ctx, d):
        if d <= 0 or self.chance(0.25):
            return self.leaf(ctx, S)
        k = self.pick([("add", 5), ("sub", 4), ("mul", 4), ("div", 2),
                       ("fdiv", 0 if "float_floordiv" in self.avoid else 0.7), ("mod", 0.7),
                       ("neg", 1), ("abs", 1), ("castf", 3), ("casti", 2), ("minmax", 1), ("cond", 1),
                       ("call", 2), ("sq", 0.5)])
        r = self.r
        e = None
        if k in ("add", "sub", "mul"):
            a = self.ex_s(ctx, d - 1)
            b = self.ex_s(ctx, d - 1)
            if k == "mul":
                e = self.binop(a, "*", b, P_MUL, a.bound * b.bound)
            else:
                e = self.binop(a, "+" if k == "add" else "-", b, P_ADD, a.bound + b.bound)
        elif k == "div":
            a = self.ex_s(ctx, d - 1)
            b = self.ex_s(ctx, d - 1)
            den = E("abs(%s) + np.float32(%s)" % (b.code, r.choice(["1.0", "0.5", "2.0"])), P_ADD, b.bound + 2)
            e = self.binop(a, "/", den, P_MUL, a.bound * 2)
        elif k in ("fdiv", "mod"):
            a = self.ex_s(ctx, d - 1)
            v = r.choice(["1.0", "0.5", "3.0", "2.5", "-1.5", "7.0"])
            den = E("np.float32(%s)" % v, P_ATOM, abs(float(v)))
            if k == "fdiv":
                e = self.binop(a, "//", den, P_MUL, a.bound * 2 + 1)
            else:
                e = self.binop(a, "%", den, P_MUL, den.bound)
        elif k == "neg":
            a = self.ex_s(ctx, d - 1)
            e = E("-" + self.par(a, P_UNARY), P_UNARY, a.bound)
        elif k == "abs":
            a = self.ex_s(ctx, d - 1)
            e = E("abs(%s)" % a.code, P_ATOM, a.bound)
        elif k == "castf":
            a = self.wrap(self.ex_f(ctx, d - 1), F, 1e4)
            e = E("np.float32(%s)" % a.code, P_ATOM, a.bound)
        elif k == "casti":
            a = self.ex_i(ctx, d - 1)   # |a| < 2**53: NumPy's int -> double -> float32 is one rounding
            e = E("np.float32(%s)" % a.code, P_ATOM, a.bound)
        elif k == "minmax":
            e = self.minmax(ctx, S, d)
        elif k == "cond":
            e = self.cond_of(ctx, S, d)
        elif k == "call":
            e = self.call(ctx, S, d)
        elif k == "sq":
            a = self.ex_s(ctx, d - 1)
            if a.bound > 100:
                a = self.wrap(a, S, 100)
            e = self.binop(a, "*", a, P_MUL, a.bound ** 2)   # not ** 2: NumPy uses powf
        if e is None:
            return self.leaf(ctx, S)
        return self.lim(e, S)

    # ---- bool
    def ex_b(self, ctx, d):
        if d <= 0 or self.chance(0.15):
            return self.leaf(ctx, B)
        k = self.pick([("cmp", 8), ("chain", 1.5), ("not", 1.5), ("and", 2), ("or", 2), ("bit", 1),
                       ("bool", 1), ("pred", 0.5), ("cond", 0.5), ("call", 1.5), ("parity", 1), ("spcmp", 0.3)])
        r = self.r
        e = None
        if k in ("cmp", "chain"):
            t = r.choice([I, I, F, F, "if", S, "bi", "si"])
            n = 2 if k == "cmp" else r.choice([3, 3, 4])
            ops = []
            for j in range(n):
                tt = t if t not in ("if", "bi", "si") else r.choice({"if": [I, F], "bi": [I, B], "si": [S, I]}[t])
                o = self.ex(ctx, tt, d - 1)
                if t == I and self.chance(0.08):
                    o = self.big_i(ctx, d)   # int64 against int64 only: Python compares int and float exactly
                if t == "si" and tt == I:
                    # exact in float32 (NumPy compares a Python int with a float32 in float32)
                    o = self.wrap(o, I, 1e6)
                ops.append(o)
            code = self.par(ops[0], P_BOR)
            for o in ops[1:]:
                code += " %s %s" % (r.choice(["<", "<=", ">", ">=", "==", "!="]), self.par(o, P_BOR))
            e = E(code, P_CMP, 1)
        elif k == "not":
            a = self.ex_b(ctx, d - 1) if self.chance(0.8) else self.ex(ctx, r.choice([I, F]), d - 1)
            e = E("not " + self.par(a, P_NOT), P_NOT, 1)
        elif k == "and":
            a, b = self.ex_b(ctx, d - 1), self.ex_b(ctx, d - 1)
            e = E("%s and %s" % (self.par(a, P_AND), self.par(b, P_NOT)), P_AND, 1)
        elif k == "or":
            a, b = self.ex_b(ctx, d - 1), self.ex_b(ctx, d - 1)
            e = E("%s or %s" % (self.par(a, P_OR), self.par(b, P_AND)), P_OR, 1)
        elif k == "bit":
            a, b = self.ex_b(ctx, d - 1), self.ex_b(ctx, d - 1)
            op, p = r.choice([("&", P_BAND), ("|", P_BOR), ("^", P_BXOR)])
            e = self.binop(a, op, b, p, 1)
        elif k == "bool":
            a = self.ex(ctx, r.choice([I, F]), d - 1)
            e = E("bool(%s)" % a.code, P_ATOM, 1)
        elif k == "pred":
            a = self.ex_f(ctx, d - 1)
            if self.chance(0.5) and not ctx.nocall:
                a = E(self.special_f(ctx), P_ATOM, 1)
            e = E("math.%s(%s)" % (r.choice(["isfinite", "isnan", "isinf"]), a.code), P_ATOM, 1)
        elif k == "spcmp":
            a = E(self.special_f(ctx), P_ATOM, 1)
            b = self.ex_f(ctx, d - 1) if self.chance(0.7) else E(self.special_f(ctx), P_ATOM, 1)
            e = E("%s %s %s" % (self.par(a, P_BOR), r.choice(["<", "<=", ">", ">=", "==", "!="]), self.par(b, P_BOR)),
                  P_CMP, 1)
        elif k == "cond":
            e = self.cond_of(ctx, B, d)
        elif k == "call":
            e = self.call(ctx, B, d)
        elif k == "parity":
            a = self.ex_i(ctx, d - 1)
            m = r.choice(["2", "3", "5"])
            e = E("%s %% %s %s %d" % (self.par(a, P_MUL), m, r.choice(["==", "!="]), r.randint(0, 1)), P_CMP, 1)
        if e is None:
            return self.leaf(ctx, B)
        return e

    # ------------------------------------------------------------ statements
    def stmt_cost(self, ctx):
        ctx.cost += ctx.mult

    def block(self, ctx, ind, n, depth):
        lines = []
        for _ in range(n):
            if ctx.cost > ctx.budget:
                break
            lines += self.stmt(ctx, ind, depth)
        if not lines:
            lines = [ind + "pass"]
        return lines

    def assignable(self, ctx, t):
        return [n for n, ty in ctx.scalars.items() if ty == t]

    def stmt(self, ctx, ind, depth):
        r = self.r
        self.stmt_cost(ctx)
        d = r.randint(1, 3) if self.chance(0.9) else r.randint(4, 5)
        opts = [("assign", 6), ("aug", 3), ("awrite", 3 if ctx.arrays else 0), ("if", 2.2 if depth < 4 else 0),
                ("for", 2 if depth < 3 and ctx.mult < 200 else 0),
                ("while", 0.7 if depth < 3 and ctx.mult < 200 else 0),
                ("print", 1.2 if ctx.prints < 12 and ctx.mult <= 12 else 0),
                ("astmt", 5 if "arrays" in self.features and ctx.arrays and ctx.mult <= 12 else 0),
                ("areassign", 0.5 if ctx.arrays else 0),
                ("more", 1.5 if "more" in self.features else 0),
                ("retype", 0.5 if depth == 1 and "retype" not in self.avoid else 0),
                ("kpat", 0.8 if ctx.arrays and ctx.mult <= 12 and ctx.cost < ctx.budget / 2 else 0),
                ("aprint", 0.3 if ctx.prints < 12 and ctx.mult <= 2 and ctx.cost < ctx.budget / 2 else 0),
                ("tuple", 1), ("callstmt", 0.4),
                ("brk", 1 if ctx.loop_depth else 0),
                ("ret", 0.4 if ctx.fn.name != "main" else 0)]
        k = self.pick(opts)
        if k == "assign":
            t = r.choice(SCALARS)
            vs = self.assignable(ctx, t)
            if not vs:
                return []
            v = r.choice(vs)
            e = self.wrap(self.ex(ctx, t, d), t) if t != B else self.ex_b(ctx, d)
            if len(vs) > 1 and self.chance(0.08):
                v = " = ".join(r.sample(vs, 2))
            return [ind + "%s = %s" % (v, e.code)]
        if k == "aug":
            t = r.choice([I, I, F, F, S])
            vs = self.assignable(ctx, t)
            if not vs:
                return []
            v = r.choice(vs)
            return self.aug(ctx, ind, v, t, d)
        if k == "awrite":
            a = r.choice(list(ctx.arrays.values()))
            target = self.elem(ctx, a)
            if a.et != B and self.chance(0.35):
                return self.aug(ctx, ind, target, a.et, d)
            if a.et == B and self.chance(0.3):
                return [ind + "%s %s %s" % (target, r.choice(["&=", "|=", "^="]), self.ex_b(ctx, d).code)]
            if self.chance(0.15) and a.et != B:
                # the value converted to the dtype on the store: int -> float, float -> float32,
                # float -> int (truncation), bool -> number
                src = r.choice({I: [F, B], F: [I, B], S: [F, I, B]}[a.et])
                e = self.wrap(self.ex(ctx, src, d), src, 1e6) if src != B else self.ex_b(ctx, d)
                return [ind + "%s = %s" % (target, e.code)]
            e = self.wrap(self.ex(ctx, a.et, d), a.et) if a.et != B else self.ex_b(ctx, d)
            return [ind + "%s = %s" % (target, e.code)]
        if k == "if":
            return self.if_stmt(ctx, ind, depth)
        if k == "for":
            return self.for_stmt(ctx, ind, depth)
        if k == "while":
            return self.while_stmt(ctx, ind, depth)
        if k == "print":
            ctx.prints += 1
            return [ind + self.print_stmt(ctx)]
        if k == "aprint":
            ctx.prints += 1
            return self.aprint_stmt(ctx, ind)
        if k == "kpat":
            return self.kernel_pattern(ctx, ind)
        if k == "areassign":
            return self.array_reassign(ctx, ind)
        if k == "more":
            return self.more_stmt(ctx, ind, d)
        if k == "retype":
            # straight-line code at the top of a function: a variable takes a value of another type
            # (a new SSA version with its own type, as in Numba; Python just rebinds it)
            vs = [v for v in ctx.scalars if v not in ctx.shadowed]
            if not vs:
                return []
            v = r.choice(vs)
            t = r.choice([x for x in SCALARS if x != ctx.scalars[v]])
            e = self.wrap(self.ex(ctx, t, d), t) if t != B else self.ex_b(ctx, d)
            ctx.scalars[v] = t
            return [ind + "%s = %s" % (v, e.code)]
        if k == "astmt":
            return self.array_stmt(ctx, ind)
        if k == "tuple":
            return self.tuple_stmt(ctx, ind, d)
        if k == "callstmt":
            fs = [f for f in self.funcs if f.mutates]
            if not fs:
                return []
            f = r.choice(fs)
            c = self.call(ctx, f.ret, 2)
            if c is None:
                return []
            return [ind + c.code]
        if k == "brk":
            c = self.ex_b(ctx, 2)
            return [ind + "if %s:" % c.code, ind + "    " + r.choice(["break", "continue"])]
        if k == "ret":
            c = self.ex_b(ctx, 2)
            return [ind + "if %s:" % c.code, ind + ("    return " + self.ret_expr(ctx)).rstrip()]
        return []

    def aug(self, ctx, ind, target, t, d):
        r = self.r
        if t == I:
            op = r.choice(["+=", "-=", "*=", "+=", "-=", "//=", "%=", "&=", "|=", "^=", "<<=", ">>="])
            if op in ("//=", "%="):
                e = self.den_i(ctx, d)
            elif op in ("<<=", ">>="):
                e = E(str(r.randint(0, 8)), P_ATOM, 256)
            else:
                e = self.wrap(self.ex_i(ctx, d), I, 1e6 if op != "*=" else 1000)
        elif t == F:
            op = r.choice(["+=", "-=", "*=", "/=", "%=", "+="] + ([] if "float_floordiv" in self.avoid else ["//="]))
            if op in ("/=", "%=", "//="):
                e = self.den_f(ctx, d)
            else:
                e = self.wrap(self.ex_f(ctx, d), F, 1e6 if op != "*=" else 1000)
        else:
            op = r.choice(["+=", "-=", "*="])
            e = self.wrap(self.ex_s(ctx, d), S, 1e4 if op != "*=" else 100)
        lines = [ind + "%s %s %s" % (target, op, e.code)]
        if op in ("+=", "-=", "*=", "|=", "^=", "<<=", "//=") or (t == F and op in ("/=", "%=")):
            # bring the target back under its bound
            tv = E(target, P_ATOM, VAR[t] * (e.bound + 1) * 2)
            w = self.wrap(tv, t)
            if self.chance(0.3) and t == I:
                m = r.choice([1000003, 65521])
                lines.append(ind + "%s %%= %d" % (target, m))
            else:
                lines.append(ind + "%s = %s" % (target, w.code))
        return lines

    def if_stmt(self, ctx, ind, depth):
        r = self.r
        c = self.ex_b(ctx, 3) if self.chance(0.85) else self.ex(ctx, r.choice([I, F]), 2)
        lines = [ind + "if %s:" % c.code]
        lines += self.block(ctx, ind + "    ", r.randint(1, 3), depth + 1)
        for _ in range(r.choice([0, 0, 1, 2])):
            c = self.ex_b(ctx, 3)
            lines.append(ind + "elif %s:" % c.code)
            lines += self.block(ctx, ind + "    ", r.randint(1, 3), depth + 1)
        if self.chance(0.5):
            lines.append(ind + "else:")
            lines += self.block(ctx, ind + "    ", r.randint(1, 3), depth + 1)
        return lines

    def small_i(self, ctx, lo, hi):
        """An int expression with value in [lo, hi]."""
        r = self.r
        if self.chance(0.5):
            return str(r.randint(lo, hi))
        e = self.ex_i(ctx, 2)
        span = hi - lo + 1
        if lo == 0:
            return "%s %% %d" % (self.par(e, P_MUL), span)
        return "%s %% %d %s %d" % (self.par(e, P_MUL), span, "+" if lo > 0 else "-", abs(lo))

    def for_stmt(self, ctx, ind, depth):
        r = self.r
        v = self.fresh(ctx, "i")
        reused = None
        ivars = self.assignable(ctx, I)
        if ivars and self.chance(0.1):
            # an ordinary int variable as the loop target: it keeps the last value after the loop
            v = reused = r.choice(ivars)
            del ctx.scalars[v]
        elif ctx.closed and self.chance(0.2):
            v = r.choice(sorted(ctx.closed - set(ctx.loopvars)) or [v])
        safe = {}
        guard = None
        k = r.random()
        arrs = list(ctx.arrays.values())
        if arrs and k < 0.45:
            a = r.choice(arrs)
            ax = r.randrange(a.ndim)
            size = "len(%s)" % a.name if ax == 0 and self.chance(0.4) else "%s.shape[%d]" % (a.name, ax)
            lo = r.choice([0, 0, 0, 1, 2])
            hi = r.choice([0, 0, 0, 1, 2])
            end = size if hi == 0 else "%s - %d" % (size, hi)
            c = r.random()
            if c < 0.15 and (lo or hi):
                hdr = "range(%d, %s)" % (lo, end)
            elif c < 0.5:
                hdr = "range(%s)" % end if lo == 0 else "range(%d, %s)" % (lo, end)
            elif c < 0.7:
                hdr = "range(%s - %d, %d, -1)" % (size, hi + 1, lo - 1)
            elif c < 0.85:
                hdr = "range(%d, %s, %d)" % (lo, end, r.randint(1, 3))
            else:
                hdr = "range(%s - %d, %d, -%d)" % (size, hi + 1, lo - 1, r.randint(1, 3))
            safe[(a.name, ax)] = (lo, hi)
            for b in arrs:   # same extent on the same axis: also safe
                if b is not a and b.ndim > ax and b.minshape[ax] >= a.maxshape[ax]:
                    safe[(b.name, ax)] = (lo, hi)
            iters = a.maxshape[ax]
        elif arrs and k < 0.55:
            # a loop longer than the array, guarded: accesses past the end never happen
            a = r.choice(arrs)
            ax = r.randrange(a.ndim)
            n = r.randint(1, 12)
            size = "len(%s)" % a.name if ax == 0 and self.chance(0.4) else "%s.shape[%d]" % (a.name, ax)
            hdr = "range(%d)" % n if self.chance(0.7) else "range(%d, -1, -1)" % (n - 1)
            guard = r.choice(["if %s >= %s:\n    break", "if %s >= %s:\n    continue", "if %s < %s:"]) % (v, size)
            safe[(a.name, ax)] = (0, 0)
            iters = n
        else:
            c = r.random()
            if c < 0.3:
                hi = r.randint(0, 10)
                hdr = "range(%s)" % self.small_i(ctx, 0, hi)
                iters = hi
            elif c < 0.6:
                lo, hi = r.randint(-5, 5), r.randint(-3, 12)
                hdr = "range(%s, %s)" % (self.small_i(ctx, lo, lo + 2), self.small_i(ctx, hi, hi + 3))
                iters = max(0, hi + 3 - lo)
            elif c < 0.8:
                lo, hi = r.randint(-5, 5), r.randint(-3, 15)
                st = r.choice([1, 2, 3, 4, 7, 20])
                hdr = "range(%s, %s, %d)" % (self.small_i(ctx, lo, lo + 1), self.small_i(ctx, hi, hi + 2), st)
                iters = max(0, hi + 2 - lo) // st + 1
            else:
                hi, lo = r.randint(-2, 12), r.randint(-6, 4)
                st = r.choice([1, 2, 3])
                if self.chance(0.5):
                    step = "-%d" % st
                else:
                    step = "-(%s)" % self.small_i(ctx, st, st + 1) if self.chance(0.3) else "-%d" % st
                    st = max(1, st)
                hdr = "range(%s, %s, %s)" % (self.small_i(ctx, hi, hi + 1), self.small_i(ctx, lo, lo + 1), step)
                iters = max(0, hi + 1 - lo) // st + 1
        iters = max(iters, 1)
        lines = [ind + "for %s in %s:" % (v, hdr)]
        saved = ctx.mult
        ctx.mult *= iters
        ctx.loopvars[v] = safe
        ctx.loop_depth += 1
        if guard and guard.endswith(":"):
            # the whole body under `if v < size:`
            body = [ind + "    " + guard] + self.block(ctx, ind + "        ", r.randint(1, 4), depth + 2)
        elif guard:
            body = [ind + "    " + ln for ln in guard.split("\n")]
            body += self.block(ctx, ind + "    ", r.randint(1, 4), depth + 1)
        else:
            body = self.block(ctx, ind + "    ", r.randint(1, 4), depth + 1)
        if self.chance(0.05):
            # assigning the loop variable does not change the iteration
            del ctx.loopvars[v]
            body.append(ind + "    %s = %s" % (v, self.wrap(self.ex_i(ctx, 1), I, 100).code))
        else:
            del ctx.loopvars[v]
        ctx.loop_depth -= 1
        ctx.mult = saved
        if reused:
            ctx.scalars[reused] = I
        else:
            ctx.closed.add(v)
        return lines + body + self.else_arm(ctx, ind, depth)

    def while_stmt(self, ctx, ind, depth):
        r = self.r
        w = self.fresh(ctx, "w")
        n = r.randint(1, 10)
        c = self.ex_b(ctx, 2)
        lines = [ind + "%s = 0" % w]
        form = r.random()
        if form < 0.6:
            lines.append(ind + "while %s < %d and %s:" % (w, n, self.par(c, P_NOT)))
        elif form < 0.8:
            lines.append(ind + "while %s and %s < %d:" % (self.par(c, P_AND), w, n))
        elif form < 0.9 or "more" not in self.features:
            lines.append(ind + "while %s < %d:" % (w, n))
        else:
            lines.append(ind + "while True:")
            lines.append(ind + "    if %s >= %d:" % (w, n))
            lines.append(ind + "        break")
        lines.append(ind + "    %s += 1" % w)
        saved = ctx.mult
        ctx.mult *= n
        ctx.loop_depth += 1
        lines += self.block(ctx, ind + "    ", r.randint(1, 4), depth + 1)
        ctx.loop_depth -= 1
        ctx.mult = saved
        lines += self.else_arm(ctx, ind, depth)
        return lines

    def more_stmt(self, ctx, ind, d):
        r = self.r
        k = r.choice(["assert", "tconcat", "titer", "tindex", "tpairs"])
        uni = [(n, ts) for n, ts in ctx.tuples.items() if len(set(ts)) == 1 and not is_tup(ts[0])]
        if k == "assert":
            x = self.par(self.ex_i(ctx, 1), P_BOR)
            c = r.choice(["True", "abs(%s) >= 0" % self.ex_i(ctx, 1).code, "%s == %s" % (x, x),
                          "not False", "1 < 2 <= 2"])
            if ctx.arrays:
                c = r.choice([c, "%s.shape[0] > 0" % r.choice(list(ctx.arrays))])
            return [ind + "assert " + c + r.choice(["", ', "never"'])]
        if k == "tconcat" and len(ctx.tuples) >= 1:
            a, b = r.choice(list(ctx.tuples)), r.choice(list(ctx.tuples))
            ts = ctx.tuples[a] + ctx.tuples[b]
            if has_s(ts) or len(ts) > 6:
                return []
            if ctx.prints < 12:
                ctx.prints += 1
                return [ind + "print(%s + %s, len(%s + %s))" % (a, b, a, b)]
            return []
        if k == "titer" and uni:
            n, ts = r.choice(uni)
            t = ts[0]
            vs = self.assignable(ctx, t) if t in (I, F) else []
            if not vs:
                return []
            v = r.choice(vs)
            x = self.fresh(ctx, "x")
            wrap = {I: "1000003", F: "1000.0"}[t]
            return [ind + "for %s in %s:" % (x, n), ind + "    %s = (%s * 3 + %s) %% %s" % (v, v, x, wrap)]
        if k == "tpairs" and "tuple_of_tuples" not in self.avoid:
            # a loop over a literal tuple of equal pairs, unpacked in the target
            t = r.choice([I, F])
            vs = self.assignable(ctx, t)
            if not vs:
                return []
            v = r.choice(vs)
            x, y = self.fresh(ctx, "x"), self.fresh(ctx, "x")
            pairs = ", ".join("(%s, %s)" % (self.lit(t).code, self.lit(t).code) for _ in range(r.randint(1, 4)))
            wrap = {I: "1000003", F: "1000.0"}[t]
            if self.chance(0.5):
                return [ind + "for %s, %s in (%s,):" % (x, y, pairs) if pairs.count("(") == 1 else
                        ind + "for %s, %s in (%s):" % (x, y, pairs),
                        ind + "    %s = (%s + %s * %s) %% %s" % (v, v, x, y, wrap)]
            return [ind + "for %s in (%s,):" % (x, pairs) if pairs.count("(") == 1 else ind + "for %s in (%s):" % (x, pairs),
                    ind + "    %s = (%s + %s[0] - %s[1]) %% %s" % (v, v, x, x, wrap)]
        if k == "tindex" and uni:
            n, ts = r.choice(uni)
            t = ts[0]
            vs = self.assignable(ctx, t)
            if not vs:
                return []
            ctx.nocall += 1
            i = self.ex_i(ctx, 1)
            ctx.nocall -= 1
            return [ind + "%s = %s[%s %% len(%s)]" % (r.choice(vs), n, self.par(i, P_MUL), n)]
        return []

    def else_arm(self, ctx, ind, depth):
        """An `else:` of a loop (runs when the loop ends without break), with feature "more"."""
        if "more" not in self.features or not self.chance(0.3):
            return []
        return [ind + "else:"] + self.block(ctx, ind + "    ", self.r.randint(1, 2), depth + 1)

    def printable(self, ctx, d=2):
        r = self.r
        k = r.random()
        tups = [n for n, ts in ctx.tuples.items() if not has_s(ts)]
        if k < 0.1 and tups:
            return r.choice(tups)
        if k < 0.16:
            return repr(r.choice(["x", "at", "s:", "--", "v=", "end", "tab\tx", "q'", 'd"q', "", "é", "a b"]))
        if k < 0.2 and ctx.arrays:
            a = r.choice(list(ctx.arrays.values()))
            return "%s.shape" % a.name
        if k < 0.27:
            # floats of every magnitude, for repr's formats; inf when it overflows
            e = self.ex_f(ctx, d)
            return "%s * %s" % (self.par(e, P_MUL), r.choice(["1e-300", "1e+300", "1e16", "1e-7", "1e22", "3e-320",
                                                            "1e-5", "0.0001", "1e15", "1e17"]))
        if k < 0.33:
            return self.special_f(ctx)
        if k < 0.345:
            return self.big_i(ctx, d).code
        if k < 0.36:
            return repr(r.choice([1e16, 1e-5, 0.0001, 123456789.123, 1.7976931348623157e308, 5e-324,
                                  2.2250738585072014e-308, 9007199254740993.0, 0.1, -0.0, 1e100, 12345678901234567890.0]))
        t = r.choice([I, I, F, F, B, S])
        e = self.ex(ctx, t, d)
        if t == S:
            return "float(%s)" % e.code
        return e.code

    def special_f(self, ctx):
        """A float that may be inf or nan: only printed or compared, never computed with further
        (CPython raises where a compiler gives nan: int(nan), math.sin(inf), ...)."""
        r = self.r
        x = "float(%s)" % self.ex_f(ctx, 1).code
        return r.choice(["%s * math.inf" % x, "-math.inf", "math.nan", "%s - math.inf" % x, "math.inf - math.inf",
                         "-math.nan", "min(%s, math.nan)" % x, "max(math.nan, %s)" % x, "max(%s, -math.inf)" % x,
                         "%s * 1e308 * 10.0" % x, "math.inf * 0.0", "abs(-math.inf)", "-(math.inf - math.inf)",
                         "(math.nan if %s > 0.0 else math.inf)" % x, "math.copysign(math.nan, -1.0)",
                         "math.inf / 2.0", "%s / math.inf" % x, "math.sqrt(math.inf)"])

    # ------------------------------------------------------------ feature "arrays"
    # views, whole-array expressions, NumPy reductions and functions, loops over
    # arrays. Only int64, float64 and bool arrays meet scalars in expressions
    # (float32 arrays with Python floats follow NEP 50 in NumPy, Numba's rules in
    # a compiler), float sums only over fewer than 8 elements (NumPy sums
    # pairwise from 8 on), no transcendental ufuncs (NumPy's SIMD versions are
    # not libm's), no augmented assignment between overlapping views (NumPy
    # copies, Numba and jit update in place).

    def slice_1d(self, a, ax):
        """A slice of axis ax of a with at least one element: (code, minlen, maxlen)."""
        r = self.r
        m, M = a.minshape[ax], a.maxshape[ax]
        k = r.random()
        if k < 0.2:
            lo = r.randint(0, m - 1)
            return "%d:" % lo, m - lo, M - lo
        if k < 0.35:
            hi = r.randint(1, m)
            return ":%d" % hi, hi, hi
        if k < 0.5:
            lo = r.randint(0, m - 1)
            hi = lo + r.randint(1, 4)
            return "%d:%d" % (lo, hi), 1, hi - lo
        if k < 0.6:
            st = r.randint(2, 3)
            return "::%d" % st, (m + st - 1) // st, (M + st - 1) // st
        if k < 0.75:
            return "::-1", m, M
        if k < 0.85:
            c = r.randint(0, m - 1)
            return "-%d:" % (c + 1), c + 1, c + 1
        if k < 0.92:
            hi = r.randint(0, m - 1)
            return "%d::-1" % hi, hi + 1, hi + 1
        return ":", m, M

    def decl_view(self, ctx, ind):
        r = self.r
        arrs = list(ctx.arrays.values())
        if not arrs:
            return []
        a = r.choice(arrs)
        name = self.fresh(ctx, "a")
        if a.ndim == 1:
            sl, lo, hi = self.slice_1d(a, 0)
            ctx.arrays[name] = Arr(name, a.et, 1, [lo], [hi], a.base)
            return [ind + "%s = %s[%s]" % (name, a.name, sl)]
        k = r.random()
        if k < 0.3:
            i = r.randint(-a.minshape[0], a.minshape[0] - 1)
            ctx.arrays[name] = Arr(name, a.et, 1, [a.minshape[1]], [a.maxshape[1]], a.base)
            return [ind + "%s = %s[%d]" % (name, a.name, i)]
        if k < 0.5:
            j = r.randint(-a.minshape[1], a.minshape[1] - 1)
            ctx.arrays[name] = Arr(name, a.et, 1, [a.minshape[0]], [a.maxshape[0]], a.base)
            return [ind + "%s = %s[:, %d]" % (name, a.name, j)]
        if k < 0.65:
            i = r.randint(-a.minshape[0], a.minshape[0] - 1)
            sl, lo, hi = self.slice_1d(a, 1)
            ctx.arrays[name] = Arr(name, a.et, 1, [lo], [hi], a.base)
            return [ind + "%s = %s[%d, %s]" % (name, a.name, i, sl)]
        s0, lo0, hi0 = self.slice_1d(a, 0)
        s1, lo1, hi1 = self.slice_1d(a, 1)
        ctx.arrays[name] = Arr(name, a.et, 2, [lo0, lo1], [hi0, hi1], a.base)
        return [ind + "%s = %s[%s, %s]" % (name, a.name, s0, s1)]

    def arr_expr(self, ctx, a, d=2):
        """A whole-array expression over a (int64 or float64), values kept in bounds."""
        r = self.r
        n = a.name
        t = a.et
        if d <= 0 or self.chance(0.3):
            return E(n, P_ATOM, VAR[t])
        k = r.choice(["scal", "scal", "self", "neg", "abs", "where", "minmax", "sqrt", "rev"])
        x = self.arr_expr(ctx, a, d - 1)
        if k == "scal":
            s = self.wrap(self.ex(ctx, t, 1), t, 1000)
            op, p = r.choice([("+", P_ADD), ("-", P_ADD), ("*", P_MUL)])
            if self.chance(0.5):
                e = self.binop(x, op, s, p, x.bound * s.bound if op == "*" else x.bound + s.bound)
            else:
                e = self.binop(s, op, x, p, x.bound * s.bound if op == "*" else x.bound + s.bound)
        elif k == "self":
            y = self.arr_expr(ctx, a, d - 1)
            op, p = r.choice([("+", P_ADD), ("-", P_ADD), ("*", P_MUL)])
            if op == "*" and x.bound * y.bound > 1e15:
                x = E(self.par(x, P_MUL) + (" % 1009" if t == I else " % 100.0"), P_MUL, 1009)
            e = self.binop(x, op, y, p, x.bound * y.bound if op == "*" else x.bound + y.bound)
        elif k == "neg":
            e = E("-" + self.par(x, P_UNARY), P_UNARY, x.bound)
        elif k == "abs":
            e = E("np.abs(%s)" % x.code, P_ATOM, x.bound)
        elif k == "where":
            c = "%s %s %s" % (self.par(x, P_BOR), r.choice(["<", ">", ">=", "=="]),
                              self.par(self.wrap(self.ex(ctx, t, 1), t, 1e6), P_BOR))
            y = self.arr_expr(ctx, a, d - 1)
            e = E("np.where(%s, %s, %s)" % (c, x.code, y.code), P_ATOM, max(x.bound, y.bound))
        elif k == "minmax":
            s = self.wrap(self.ex(ctx, t, 1), t, 1e6)
            e = E("np.%s(%s, %s)" % (r.choice(["minimum", "maximum"]), x.code, s.code), P_ATOM, max(x.bound, s.bound))
        elif k == "sqrt" and t == F:
            e = E("np.sqrt(np.abs(%s))" % x.code, P_ATOM, x.bound ** 0.5 + 1)
        elif k == "rev" and a.ndim == 1:
            e = self.binop(x, "+", E("%s[::-1]" % n, P_ATOM, VAR[t]), P_ADD, x.bound + VAR[t])
        else:
            e = x
        if e.bound > 1e9:
            e = E(self.par(e, P_MUL) + (" % 1000003" if t == I else " % 1000.0"), P_MUL, 1000003)
        return e

    def array_stmt(self, ctx, ind):
        r = self.r
        arrs = [a for a in ctx.arrays.values() if a.et in (I, F)]
        anyarr = list(ctx.arrays.values())
        k = r.choice(["store_scalar", "store_view", "shift", "inplace", "newarr", "reduce", "reduce",
                      "foreach", "enumerate", "zip", "func", "boolarr"])
        wrap = {I: "1000003", F: "1000.0"}
        if k == "store_scalar":
            a = r.choice(anyarr)
            sl = self.slice_1d(a, 0)[0] if a.ndim == 1 else r.choice(
                ["%s, %d" % (self.slice_1d(a, 0)[0], r.randint(0, a.minshape[1] - 1)),
                 "%d, %s" % (r.randint(0, a.minshape[0] - 1), self.slice_1d(a, 1)[0]), ":, :", ":"])
            e = self.wrap(self.ex(ctx, a.et, 2), a.et) if a.et != B else self.ex_b(ctx, 2)
            if a.et == S:
                e = E("np.float32(%s)" % self.wrap(self.ex_f(ctx, 2), F, 1e4).code, P_ATOM, 1e4) \
                    if self.chance(0.5) else e
            return [ind + "%s[%s] = %s" % (a.name, sl, e.code)]
        if k == "shift":
            # overlapping copies within one array: NumPy (and jit) go through a temporary
            ones = [a for a in anyarr if a.ndim == 1]
            if not ones:
                return []
            a = r.choice(ones)
            c = r.randint(1, a.minshape[0])
            form = r.choice(["%s[%d:] = %s[:-%d]", "%s[:-%d] = %s[%d:]"])
            if form.startswith("%s[%d:]"):
                return [ind + form % (a.name, c, a.name, c)]
            return [ind + form % (a.name, c, a.name, c)]
        if not arrs:
            return []
        a = r.choice(arrs)
        n, t = a.name, a.et
        if k == "store_view":
            e = self.arr_expr(ctx, a)
            if self.chance(0.5):
                return [ind + "%s[:] = %s" % (n, e.code)]
            return [ind + "%s[:] = %s %% %s" % (n, self.par(e, P_MUL), wrap[t])]
        if k == "inplace":
            op = r.choice(["+=", "-=", "*="])
            s = self.wrap(self.ex(ctx, t, 1), t, 1000)
            if self.chance(0.2) and a.ndim == 1:
                # another array of the same extent (never a view of the same memory: NumPy
                # copies overlapping operands, Numba and jit update in place)
                others = [b for b in arrs if b.ndim == 1 and b.et == t and b.minshape == b.maxshape == a.minshape
                          and a.minshape == a.maxshape and b is not a and not self.may_alias(ctx, a, b)]
                if others:
                    s = E(r.choice(others).name, P_ATOM, VAR[t])
                    op = "+=" if op == "*=" else op
            return [ind + "%s %s %s" % (n, op, s.code), ind + "%s %%= %s" % (n, wrap[t])]
        if k == "newarr":
            q = self.fresh(ctx, "q")
            e = self.arr_expr(ctx, a, 3)
            out = [ind + "%s = %s" % (q, e.code)]
            vs = self.assignable(ctx, t)
            if vs and self.chance(0.5):
                out.append(ind + "%s = %s[%s] %% %s" % (r.choice(vs), q, ", ".join(["0"] * a.ndim), wrap[t]))
            elif ctx.prints < 12:
                ctx.prints += 1
                out.append(ind + "print(%s)" % q)
            return out
        if k == "reduce":
            fn = r.choice(["np.sum(%s)", "np.max(%s)", "np.min(%s)", "%s.max()", "%s.min()", "np.argmax(%s)",
                           "np.argmin(%s)", "%s.sum()", "np.prod(%s %% 10)", "np.mean(%s)"])
            small = a.maxshape[0] * (a.maxshape[1] if a.ndim == 2 else 1) < 8
            if t == F and ("sum" in fn or "mean" in fn or "prod" in fn) and not small:
                fn = "np.max(%s)"
            if "arg" in fn or (t == I and "mean" not in fn):
                vs = self.assignable(ctx, I)
                if not vs:
                    return []
                return [ind + "%s = %s %% 1000003" % (r.choice(vs), fn % n)]
            vs = self.assignable(ctx, F)
            if not vs:
                return []
            return [ind + "%s = %s %% 1000.0" % (r.choice(vs), fn % n)]
        if k in ("foreach", "enumerate") and a.ndim == 1:
            vs = self.assignable(ctx, t)
            if not vs:
                return []
            v = r.choice(vs)
            x = self.fresh(ctx, "x")
            j = self.fresh(ctx, "i")
            body = "%s = (%s %s %s) %% %s" % (v, v, r.choice(["+", "-"]), x, wrap[t])
            if k == "foreach":
                return [ind + "for %s in %s:" % (x, n), ind + "    " + body]
            return [ind + "for %s, %s in enumerate(%s):" % (j, x, n),
                    ind + "    " + body.replace(x + ")", "%s * %s)" % (x, j))]
        if k == "zip":
            ones = [b for b in arrs if b.ndim == 1 and b.et == t]
            vs = self.assignable(ctx, t)
            if a.ndim != 1 or not vs:
                return []
            b = r.choice(ones)
            v = r.choice(vs)
            x, y = self.fresh(ctx, "x"), self.fresh(ctx, "x")
            return [ind + "for %s, %s in zip(%s, %s):" % (x, y, n, b.name),
                    ind + "    %s = (%s + %s * %s) %% %s" % (v, v, x, y if t == I else "(%s %% 100.0)" % y, wrap[t])]
        if k == "func" and a.ndim == 1:
            q = self.fresh(ctx, "q")
            small = a.maxshape[0] < 8
            fn = r.choice(["np.cumsum(%s) %% %s" % (n, wrap[t]) if (t == I or small) else "np.sort(%s)" % n,
                           "np.sort(%s)" % n, "np.copy(%s)" % n, "%s.copy()" % n,
                           "np.arange(%d)" % r.randint(0, 9), "np.arange(%d, %d)" % (r.randint(-3, 3), r.randint(3, 9)),
                           "np.zeros_like(%s)" % n, "np.ones_like(%s)" % n])
            out = [ind + "%s = %s" % (q, fn)]
            if ctx.prints < 12:
                ctx.prints += 1
                out.append(ind + "print(%s)" % q)
            return out
        if k == "boolarr":
            q = self.fresh(ctx, "q")
            th = self.wrap(self.ex(ctx, t, 1), t, 1e6)
            out = [ind + "%s = %s %s %s" % (q, n, r.choice(["<", ">", "<=", "==", "!="]), self.par(th, P_BOR))]
            if ctx.prints < 12:
                ctx.prints += 1
                out.append(ind + "print(%s)" % q)
            return out
        return []

    def may_alias(self, ctx, a, b):
        """Conservatively: could arrays a and b share memory? (views, aliases, parameters)"""
        return True if (a.name in ctx.params or b.name in ctx.params or a.base is None or b.base is None) \
            else a.base == b.base

    def array_reassign(self, ctx, ind):
        """An array variable made to name another array of the same fixed shape (also inside loops:
        code must not keep using the old array's data)."""
        r = self.r
        fixed = [a for a in ctx.arrays.values() if a.minshape == a.maxshape and a.name not in ctx.params]
        if not fixed:
            return []
        a = r.choice(fixed)
        a.base = None
        same = [b for b in ctx.arrays.values() if b is not a and b.et == a.et and b.ndim == a.ndim
                and b.minshape == a.minshape and b.maxshape == a.minshape]
        shape = str(a.minshape[0]) if a.ndim == 1 else "(%d, %d)" % tuple(a.minshape)
        k = r.random()
        if same and k < 0.4:
            return [ind + "%s = %s" % (a.name, r.choice(same).name)]
        if k < 0.6 and "arrays" in self.features:
            return [ind + "%s = %s" % (a.name, r.choice(["%s[::-1]" % a.name, "%s.copy()" % a.name]
                                                      if a.ndim == 1 else ["%s.copy()" % a.name, "%s[::-1, :]" % a.name]))]
        fill = self.lit(a.et).code
        if a.et == S:
            fill = fill[len("np.float32("):-1]
        return [ind + "%s = %s" % (a.name, r.choice(["np.zeros(%s, dtype=%s)" % (shape, DTYPE[a.et]),
                                                     "np.full(%s, %s, %s)" % (shape, fill, DTYPE[a.et])]))]

    def kernel_pattern(self, ctx, ind):
        """A loop nest as kernels write them, over an existing array."""
        r = self.r
        arrs1 = [a for a in ctx.arrays.values() if a.ndim == 1 and a.et in (I, F, S)]
        arrs2 = [a for a in ctx.arrays.values() if a.ndim == 2 and a.et in (I, F, S)]
        k = r.choice(["prefix", "reverse", "sort", "stencil", "reduce", "argmax", "count", "rowsum", "swap",
                      "matmul", "rowred", "rowred"])
        i, j = self.fresh(ctx, "i"), self.fresh(ctx, "i")
        ctx.cost += ctx.mult * 80
        if k in ("prefix", "reverse", "sort", "stencil", "reduce", "argmax", "count", "swap") and arrs1:
            a = r.choice(arrs1)
            n = a.name
            wrap = {I: " % 1000003", F: " % 1000.0", S: " % np.float32(100.0)"}[a.et]
            L = r.choice(["len(%s)" % n, "%s.shape[0]" % n, "%s.size" % n])
            if k == "prefix":
                return [ind + "for %s in range(1, %s):" % (i, L),
                        ind + "    %s[%s] = (%s[%s] + %s[%s - 1])%s" % (n, i, n, i, n, i, wrap)]
            if k == "reverse":
                return [ind + "for %s in range(%s // 2):" % (i, L),
                        ind + "    %s[%s], %s[%s - 1 - %s] = %s[%s - 1 - %s], %s[%s]" % (n, i, n, L, i, n, L, i, n, i)]
            if k == "swap":
                x, y = self.index(ctx, a, 0), self.index(ctx, a, 0)
                return [ind + "%s[%s], %s[%s] = %s[%s], %s[%s]" % (n, x, n, y, n, y, n, x)]
            if k == "sort":
                cmp = r.choice([">", "<"])
                return [ind + "for %s in range(%s):" % (i, L),
                        ind + "    for %s in range(%s - 1 - %s):" % (j, L, i),
                        ind + "        if %s[%s] %s %s[%s + 1]:" % (n, j, cmp, n, j),
                        ind + "            %s[%s], %s[%s + 1] = %s[%s + 1], %s[%s]" % (n, j, n, j, n, j, n, j)]
            if k == "stencil":
                b = self.fresh(ctx, "q")
                div = {I: " // 3", F: " / 3.0", S: " / np.float32(3.0)"}[a.et]
                out = [ind + "%s = np.zeros(%s, dtype=%s)" % (b, L, DTYPE[a.et]),
                       ind + "for %s in range(1, %s - 1):" % (i, L),
                       ind + "    %s[%s] = (%s[%s - 1] + %s[%s] + %s[%s + 1])%s" % (b, i, n, i, n, i, n, i, div)]
                vs = self.assignable(ctx, a.et)
                if vs and self.chance(0.6):
                    out.append(ind + "%s = %s[%s // 2]" % (r.choice(vs), b, L))
                elif ctx.prints < 12:
                    ctx.prints += 1
                    out.append(ind + "print(%s)" % b)
                return out
            if k == "reduce":
                vs = self.assignable(ctx, a.et)
                if not vs:
                    return []
                v = r.choice(vs)
                zero = {I: "0", F: "0.0", S: "np.float32(0.0)"}[a.et]
                op = r.choice(["+", "-", "*"]) if a.et != S else "+"
                return [ind + "%s = %s" % (v, zero),
                        ind + "for %s in range(%s):" % (i, L),
                        ind + "    %s = (%s %s %s[%s])%s" % (v, v, op, n, i, wrap)]
            if k == "argmax":
                vs = self.assignable(ctx, I)
                if not vs:
                    return []
                v = r.choice(vs)
                cmp = r.choice([">", "<", ">=", "<="])
                return [ind + "%s = 0" % v,
                        ind + "for %s in range(1, %s):" % (i, L),
                        ind + "    if %s[%s] %s %s[%s]:" % (n, i, cmp, n, v),
                        ind + "        %s = %s" % (v, i)]
            if k == "count":
                vs = self.assignable(ctx, I)
                if not vs:
                    return []
                v = r.choice(vs)
                th = self.ex(ctx, a.et if a.et != S else S, 1).code
                return [ind + "%s = 0" % v,
                        ind + "for %s in range(%s):" % (i, L),
                        ind + "    if %s[%s] %s %s:" % (n, i, r.choice(["<", ">", "=="]), th),
                        ind + "        %s += 1" % v]
        if k == "rowsum" and arrs2:
            a = r.choice(arrs2)
            n = a.name
            vs = self.assignable(ctx, a.et)
            if not vs:
                return []
            v = r.choice(vs)
            wrap = {I: " % 1000003", F: " % 1000.0", S: " % np.float32(100.0)"}[a.et]
            ax = r.randrange(2)
            o = 1 - ax
            idx = "%s, %s" % (i, j) if ax == 0 else "%s, %s" % (j, i)
            return [ind + "for %s in range(%s.shape[%d]):" % (i, n, ax),
                    ind + "    %s = %s[%s]" % (v, n, idx.replace(j, "0")),
                    ind + "    for %s in range(1, %s.shape[%d]):" % (j, n, o),
                    ind + "        %s = (%s + %s[%s])%s" % (v, v, n, idx, wrap),
                    ind + "    %s[%s] = %s" % (n, idx.replace(j, "0"), v)]
        if k == "rowred" and arrs2:
            # a reduction over the inner loop, one result per outer index (into a new array)
            a = r.choice(arrs2)
            n = a.name
            ax = r.randrange(2)
            o = 1 - ax
            q = self.fresh(ctx, "q")
            acc = self.fresh(ctx, "acc")
            t = a.et
            zero = {I: "0", F: "0.0", S: "np.float32(0.0)"}[t]
            el = "%s[%s, %s]" % (n, i, j) if ax == 0 else "%s[%s, %s]" % (n, j, i)
            op = r.choice(["sum", "sum", "max", "min", "dot", "cond", "abs"])
            init = zero if op not in ("max", "min") else el.replace(j, "0")
            upd = {"sum": "%s = %s + %s" % (acc, acc, el),
                   "max": "%s = max(%s, %s)" % (acc, acc, el),
                   "min": "%s = min(%s, %s)" % (acc, acc, el),
                   "dot": "%s = %s + %s * %s" % (acc, acc, el, el),
                   "cond": "if %s > %s:\n    %s += %s" % (el, zero, acc, el),
                   "abs": "%s += abs(%s)" % (acc, el)}[op]
            if op == "dot" and t == I:
                upd = "%s = (%s + %s * %s) %% 1000003" % (acc, acc, el, el)
            if op == "dot" and t == S:
                upd = "%s = %s + %s" % (acc, acc, el)
            lo = r.choice(["0", "0", "1"]) if op not in ("max", "min") else "1"
            out = [ind + "%s = np.zeros(%s.shape[%d], dtype=%s)" % (q, n, ax, DTYPE[t]),
                   ind + "for %s in range(%s.shape[%d]):" % (i, n, ax),
                   ind + "    %s = %s" % (acc, init),
                   ind + "    for %s in range(%s, %s.shape[%d]):" % (j, lo, n, o)]
            out += [ind + "        " + u for u in upd.split("\n")]
            out += [ind + "    %s[%s] = %s" % (q, i, acc)]
            if ctx.prints < 12:
                ctx.prints += 1
                out.append(ind + "print(%s)" % q)
            return out
        if k == "matmul":
            et = r.choice([I, F])
            nn, kk, mm = r.randint(1, 4), r.randint(1, 4), r.randint(1, 4)
            A, Bm, C = self.fresh(ctx, "q"), self.fresh(ctx, "q"), self.fresh(ctx, "q")
            acc = self.fresh(ctx, "acc")
            l = self.fresh(ctx, "i")
            dt = DTYPE[et]
            fa = "(%s * %d + %s * %d) %% 7 - 3" % (i, r.randint(1, 5), j, r.randint(1, 5))
            fb = "(%s + 2 * %s) %% 5 - 1" % (i, j)
            if et == F:
                fa = "(%s) * 0.5" % fa
                fb = "(%s) * 0.25" % fb
            out = [ind + "%s = np.empty((%d, %d), dtype=%s)" % (A, nn, kk, dt),
                   ind + "%s = np.empty((%d, %d), %s)" % (Bm, kk, mm, dt),
                   ind + "%s = np.zeros((%d, %d), dtype=%s)" % (C, nn, mm, dt),
                   ind + "for %s in range(%d):" % (i, nn),
                   ind + "    for %s in range(%d):" % (j, kk),
                   ind + "        %s[%s, %s] = %s" % (A, i, j, fa),
                   ind + "for %s in range(%d):" % (i, kk),
                   ind + "    for %s in range(%d):" % (j, mm),
                   ind + "        %s[%s, %s] = %s" % (Bm, i, j, fb),
                   ind + "for %s in range(%s.shape[0]):" % (i, A),
                   ind + "    for %s in range(%s.shape[1]):" % (j, Bm),
                   ind + "        %s = %s" % (acc, "0" if et == I else "0.0"),
                   ind + "        for %s in range(%s.shape[1]):" % (l, A),
                   ind + "            %s += %s[%s, %s] * %s[%s, %s]" % (acc, A, i, l, Bm, l, j),
                   ind + "        %s[%s, %s] = %s" % (C, i, j, acc)]
            if ctx.prints < 12:
                ctx.prints += 1
                out.append(ind + "print(%s)" % C)
            return out
        return []

    def aprint_stmt(self, ctx, ind):
        """A fresh array filled in a loop and printed: NumPy's array formatting."""
        r = self.r
        name = self.fresh(ctx, "q")
        et = r.choice([I, F, F, F, S, B])
        k = r.random()
        if k < 0.55:
            shape = [r.randint(1, 12)]
        elif k < 0.85:
            shape = [r.randint(1, 6), r.randint(1, 9)]
        elif k < 0.95:
            shape = [r.randint(995, 1100)]
        else:
            shape = [r.randint(30, 40), r.randint(28, 40)]
        sh = str(shape[0]) if len(shape) == 1 else "(%d, %d)" % tuple(shape)
        lines = [ind + "%s = np.zeros(%s, dtype=%s)" % (name, sh, DTYPE[et])]
        iv = [self.fresh(ctx, "i") for _ in shape]
        ii = ind
        for ax, v in enumerate(iv):
            lines.append(ii + "for %s in range(%s.shape[%d]):" % (v, name, ax))
            ii += "    "
        saved = dict(ctx.loopvars)
        for v in iv:
            ctx.loopvars[v] = {}
        ctx.nocall += 1
        e = self.wrap(self.ex(ctx, et, 2), et) if et != B else self.ex_b(ctx, 2)
        ctx.nocall -= 1
        ctx.loopvars = saved
        code = e.code
        if et == F and self.chance(0.6):
            # magnitudes that make NumPy switch to scientific notation, or not
            code = "%s * %s" % (self.par(e, P_MUL), r.choice(["1e-3", "1e5", "1e-9", "1e12", "0.5", "1e-5",
                                                             "1e8", "1e16", "3.0"]))
        if self.chance(0.2):
            code = "%s if %s %% 3 else 0%s" % (self.par(E(code, P_MUL), P_OR), iv[-1],
                                               {I: "", F: ".0", S: "", B: ""}[et])
            if et == S:
                code = code[:-1] + "np.float32(0.0)"
            if et == B:
                code = code[:-1] + "False"
        lines.append(ii + "%s[%s] = %s" % (name, ", ".join(iv), code))
        ctx.cost += 2 * int(eval("*".join(map(str, shape))))
        lines.append(ind + "print(%s)" % name)
        return lines

    def print_stmt(self, ctx):
        r = self.r
        if self.chance(0.05):
            return "print()"
        if self.chance(0.08):
            arrs = [a for a in ctx.arrays.values() if a.et in (I, B) or self.chance(0.3)]
            if arrs:
                return "print(%s)" % r.choice(arrs).name
        n = r.randint(1, 4)
        ctx.inprint += 1
        items = [self.printable(ctx) for _ in range(n)]
        ctx.inprint -= 1
        return "print(%s)" % ", ".join(items)

    def tuple_stmt(self, ctx, ind, d):
        r = self.r
        k = r.random()
        if k < 0.3 and ctx.tuples:
            n = r.choice(list(ctx.tuples))
            ts = ctx.tuples[n]
            return [ind + "%s = %s" % (n, self.tuple_expr(ctx, ts, d))]
        if k < 0.5:
            t = r.choice([I, F, S, B])
            vs = self.assignable(ctx, t)
            if len(vs) >= 2:
                a, b = r.sample(vs, 2)
                return [ind + "%s, %s = %s, %s" % (a, b, b, a)]
            return []
        if k < 0.7:
            ts = [r.choice(SCALARS) for _ in range(r.randint(2, 3))]
            names = []
            for t in ts:
                vs = [v for v in self.assignable(ctx, t) if v not in names]
                if not vs:
                    return []
                names.append(r.choice(vs))
            vals = [(self.wrap(self.ex(ctx, t, d), t) if t != B else self.ex_b(ctx, d)).code for t in ts]
            return [ind + "%s = %s" % (", ".join(names), ", ".join(vals))]
        if k < 0.85 and ctx.tuples:
            n = r.choice(list(ctx.tuples))
            tg = self.targets(ctx, ctx.tuples[n], [])
            if tg is None:
                return []
            return [ind + "%s = %s" % (tg, n)]
        fs = [f for f in self.funcs if is_tup(f.ret)]
        if fs:
            f = r.choice(fs)
            names = []
            for t in f.ret[1]:
                vs = [v for v in self.assignable(ctx, t) if v not in names]
                if not vs:
                    return []
                names.append(r.choice(vs))
            c = self.call(ctx, f.ret, 2)
            if c is None:
                return []
            return [ind + "%s = %s" % (", ".join(names), c.code)]
        twod = [a for a in ctx.arrays.values() if a.ndim == 2]
        iv = self.assignable(ctx, I)
        if twod and len(iv) >= 2:
            a = r.choice(twod)
            x, y = r.sample(iv, 2)
            return [ind + "%s, %s = %s.shape" % (x, y, a.name)]
        return []

    def tuple_expr(self, ctx, ts, d):
        vals = []
        for t in ts:
            if is_tup(t):
                same = [n for n, u in ctx.tuples.items() if u == t[1]]
                vals.append(self.r.choice(same) if same and self.chance(0.5) else self.tuple_expr(ctx, t[1], d))
            else:
                vals.append((self.wrap(self.ex(ctx, t, d), t) if t != B else self.ex_b(ctx, d)).code)
        return "(%s)" % (", ".join(vals) + ("" if len(vals) > 1 else ","))

    def targets(self, ctx, ts, used):
        """Assignment targets for unpacking a tuple of types ts (nested in parentheses), or None."""
        names = []
        for t in ts:
            if is_tup(t):
                inner = self.targets(ctx, t[1], used)
                if inner is None:
                    return None
                names.append("(%s)" % inner)
                continue
            vs = [v for v in self.assignable(ctx, t) if v not in used]
            if not vs:
                return None
            used.append(self.r.choice(vs))
            names.append(used[-1])
        return ", ".join(names) + ("," if len(names) == 1 else "")

    def ret_expr(self, ctx):
        ret = ctx.fn.ret
        if ret is None:
            return ""
        if is_tup(ret):
            vals = [(self.wrap(self.ex(ctx, t, 2), t) if t != B else self.ex_b(ctx, 2)).code for t in ret[1]]
            return ", ".join(vals) if self.chance(0.5) else "(%s)" % ", ".join(vals)
        if is_arr(ret):
            return ctx.retarray
        if ret == B:
            return self.ex_b(ctx, 3).code
        return self.wrap(self.ex(ctx, ret, 3), ret).code

    # ------------------------------------------------------------ declarations
    def decl_scalars(self, ctx, ind, n):
        lines = []
        shadow = []
        if not ctx.scalars and self.consts and self.chance(0.1):
            # a local with the name of a module constant hides it in the whole function
            shadow = [self.r.choice(sorted(self.consts))]
            ctx.shadowed.update(shadow)
            n = max(n, 1)
        for _ in range(n):
            t = self.r.choice([I, I, F, F, S, B])
            v = shadow.pop() if shadow else self.fresh(ctx, "v")
            if ctx.scalars and self.chance(0.4):
                e = self.wrap(self.ex(ctx, t, 2), t) if t != B else self.ex_b(ctx, 2)
            else:
                e = self.lit(t)
            lines.append(ind + "%s = %s" % (v, e.code))
            ctx.scalars[v] = t
        return lines

    def size_expr(self, ctx, big=False):
        r = self.r
        if big:
            # long enough for vectorized loops and their remainders
            n = r.randint(9, 200) if self.chance(0.8) else r.randint(9, 40)
            if ctx.scalars and self.chance(0.3):
                e = self.ex_i(ctx, 1)
                return "abs(%s) %% %d + %d" % (e.code, 8, n), n, n + 7
            return str(n), n, n
        if self.chance(0.6) or not ctx.scalars:
            n = r.randint(1, 7)
            return str(n), n, n
        e = self.ex_i(ctx, 1)
        m = r.randint(1, 4)
        lo = r.randint(1, 3)
        return "abs(%s) %% %d + %d" % (e.code, m, lo), lo, lo + m - 1

    def decl_array(self, ctx, ind):
        r = self.r
        name = self.fresh(ctx, "a")
        et = r.choice([I, I, F, F, S, B])
        ndim = 1 if self.chance(0.65) else 2
        big = self.chance(0.15) and (ctx.fn.name == "main" or self.chance(0.3))
        dims = [self.size_expr(ctx, big and (ndim == 1 or ax == 1 or self.chance(0.3))) for ax in range(ndim)]
        shape = dims[0][0] if ndim == 1 else "(%s)" % ", ".join(x[0] for x in dims)
        arr = Arr(name, et, ndim, [x[1] for x in dims], [x[2] for x in dims], base=name)
        lines = []
        k = r.random()
        dt = DTYPE[et]
        dtarg = ("dtype=%s" % dt) if self.chance(0.8) else dt
        if k < 0.35:
            if et == F and self.chance(0.3):
                lines.append(ind + "%s = np.zeros(%s)" % (name, shape))
            else:
                lines.append(ind + "%s = np.zeros(%s, %s)" % (name, shape, dtarg))
        elif k < 0.55:
            lines.append(ind + "%s = np.ones(%s, %s)" % (name, shape, dtarg))
        elif k < 0.75:
            v = self.lit(et).code
            if et == S:
                v = v[len("np.float32("):-1]
            lines.append(ind + "%s = np.full(%s, %s, %s)" % (name, shape, v, dtarg))
        else:
            # np.empty: filled completely before any read
            lines.append(ind + "%s = np.empty(%s, %s)" % (name, shape, dtarg))
            iv = [self.fresh(ctx, "i") for _ in range(ndim)]
            ii = ind
            for ax in range(ndim):
                lines.append(ii + "for %s in range(%s.shape[%d]):" % (iv[ax], name, ax))
                ii += "    "
            saved = dict(ctx.loopvars)
            for ax in range(ndim):
                ctx.loopvars[iv[ax]] = {}
            e = self.wrap(self.ex(ctx, et, 2), et) if et != B else self.ex_b(ctx, 2)
            ctx.loopvars = saved
            lines.append(ii + "%s[%s] = %s" % (name, ", ".join(iv), e.code))
        ctx.arrays[name] = arr
        return lines

    def decl_tuple(self, ctx, ind):
        ts = tuple(self.r.choice(SCALARS) for _ in range(self.r.randint(1, 3)))
        if self.chance(0.25):
            # a nested tuple
            inner = ("T", tuple(self.r.choice(SCALARS) for _ in range(self.r.randint(1, 2))))
            ts = list(ts)
            ts.insert(self.r.randint(0, len(ts)), inner)
            ts = tuple(ts)
        name = self.fresh(ctx, "t")
        line = ind + "%s = %s" % (name, self.tuple_expr(ctx, ts, 2))
        ctx.tuples[name] = ts
        return [line]

    # ------------------------------------------------------------ functions
    def decorator(self):
        return self.pick([("@njit", 10), ("@jit(nopython=True)", 1), ("@njit(cache=False)", 0.5),
                          ("@njit(fastmath=False)", 0.5), ("@njit()", 0.5), ("@njit(cache=True)", 0.5),
                          ("@njit(boundscheck=True)", 0.3), ("@njit(nogil=True)", 0.2)])

    def helper(self, idx):
        r = self.r
        name = "f%d" % idx
        if self.chance(0.12):
            return self.rec_helper(name)
        if self.chance(0.1):
            return self.poly_helper(name)
        nparams = r.randint(0, 4)
        params, defaults = [], {}
        for j in range(nparams):
            pn = "p%d" % j
            k = r.random()
            if k < 0.2:
                params.append((pn, ("A", r.choice([I, F, F, S, B]), 1 if self.chance(0.7) else 2)))
            elif k < 0.27:
                params.append((pn, ("T", tuple(r.choice(SCALARS) for _ in range(r.randint(1, 3))))))
            else:
                params.append((pn, r.choice([I, I, F, F, S, B])))
        # trailing scalar params of type i/f/b may have defaults
        for pn, t in reversed(params):
            if isinstance(t, tuple) or t == S or not self.chance(0.35):
                break
            defaults[pn] = self.lit(t).code
        k = r.random()
        if k < 0.15:
            ret = ("T", tuple(r.choice(SCALARS) for _ in range(r.randint(2, 3))))
        elif k < 0.22:
            ret = ("A", r.choice([I, F, S]), 1 if self.chance(0.7) else 2)
        elif k < 0.3:
            ret = None   # a procedure: called as a statement
        else:
            ret = r.choice([I, I, F, F, S, B])
        fn = Fn(name, params, defaults, ret)
        ctx = Ctx(fn, budget=r.choice([300, 1000, 3000]))
        for pn, t in params:
            ctx.params.add(pn)
            if is_arr(t):
                ctx.arrays[pn] = Arr(pn, t[1], t[2], [1] * t[2], [8] * t[2])
            elif is_tup(t):
                ctx.tuples[pn] = t[1]
            else:
                ctx.scalars[pn] = t
        body = []
        ind = "    "
        body += self.decl_scalars(ctx, ind, r.randint(1, 4))
        if self.chance(0.3):
            body += self.decl_array(ctx, ind)
        if self.chance(0.2):
            body += self.decl_tuple(ctx, ind)
        if is_arr(ret):
            # the returned array: made here from the parameters
            ra = self.fresh(ctx, "a")
            et, nd = ret[1], ret[2]
            dims = [self.size_expr(ctx) for _ in range(nd)]
            shape = dims[0][0] if nd == 1 else "(%s)" % ", ".join(x[0] for x in dims)
            body.append(ind + "%s = np.zeros(%s, dtype=%s)" % (ra, shape, DTYPE[et]))
            ctx.arrays[ra] = Arr(ra, et, nd, [x[1] for x in dims], [x[2] for x in dims], base=ra)
            ctx.retarray = ra
        body += self.block(ctx, ind, r.randint(2, 7) if self.chance(0.85) else r.randint(7, 15), 1)
        if ret is not None:
            body.append(ind + "return " + self.ret_expr(ctx))
        elif self.chance(0.3):
            body.append(ind + "return")
        fn.cost = max(1, ctx.cost)
        fn.callees = ctx.called
        fn.mutates = any(is_arr(t) for _, t in params) or ret is None
        sig = ", ".join(pn + ("=" + defaults[pn] if pn in defaults else "") for pn, _ in params)
        return fn, [self.decorator(), "def %s(%s):" % (name, sig)] + body

    def poly_expr(self, names, d):
        """An expression valid for int and float operands alike (+ - * abs min max // % by a literal)."""
        r = self.r
        if d <= 0 or self.chance(0.25):
            if self.chance(0.25):
                v = r.randint(0, 9)
                return E(str(v), P_ATOM, v)
            n = r.choice(names)
            return E(n, P_ATOM, 4e6 if n != "i" else 20)
        k = r.choice(["add", "sub", "mul", "abs", "minmax", "mod", "fdiv", "cond", "neg"])
        if k == "fdiv" and "float_floordiv" in self.avoid:
            k = "mod"
        a = self.poly_expr(names, d - 1)
        if k in ("add", "sub", "mul"):
            b = self.poly_expr(names, d - 1)
            if k == "mul" and a.bound * b.bound > 1e15:
                a = E(self.par(a, P_MUL) + " % 1009", P_MUL, 1009)
            op, p = {"add": ("+", P_ADD), "sub": ("-", P_ADD), "mul": ("*", P_MUL)}[k]
            bd = a.bound * b.bound if k == "mul" else a.bound + b.bound
            e = self.binop(a, op, b, p, bd)
        elif k == "abs":
            e = E("abs(%s)" % a.code, P_ATOM, a.bound)
        elif k == "neg":
            e = E("-" + self.par(a, P_UNARY), P_UNARY, a.bound)
        elif k == "minmax":
            b = self.poly_expr(names, d - 1)
            e = E("%s(%s, %s)" % (r.choice(["min", "max"]), a.code, b.code), P_ATOM, max(a.bound, b.bound))
        elif k == "mod":
            m = r.choice([2, 3, 7, 10, 1009, -5])
            e = self.binop(a, "%", E(str(m), P_ATOM if m > 0 else P_UNARY, abs(m)), P_MUL, abs(m))
        elif k == "fdiv":
            m = r.choice([2, 3, 7, 10, -4])
            e = self.binop(a, "//", E(str(m), P_ATOM if m > 0 else P_UNARY, abs(m)), P_MUL, a.bound)
        else:
            b = self.poly_expr(names, d - 1)
            c = self.poly_expr(names, d - 1)
            e = E("%s if %s < %s else %s" % (self.par(a, P_OR), self.par(c, P_BOR), self.par(b, P_BOR),
                                             self.par(b, P_TERN)), P_TERN, max(a.bound, b.bound))
        if e.bound > 1e12:
            e = E(self.par(e, P_MUL) + " % 1000003", P_MUL, 1000003)
        return e

    def poly_helper(self, name):
        """A helper called with ints at some sites and floats at others: one specialization each."""
        r = self.r
        np_ = r.randint(1, 3)
        params = [("p%d" % j, "P") for j in range(np_)]
        defaults = {}
        if np_ > 1 and self.chance(0.4):
            defaults[params[-1][0]] = str(r.randint(0, 9))
        fn = Fn(name, params, defaults, "P", kind="poly")
        pn = [p for p, _ in params]
        ind = "    "
        n = r.randint(1, 6)
        lines = [self.decorator(), "def %s(%s):" % (name, ", ".join(
            p + ("=" + defaults[p] if p in defaults else "") for p in pn)), ind + "r = " + pn[0]]
        names = pn + ["r", "i"]
        typed = [p for p in pn if p not in defaults]   # a default is an int even in the float version
        lines.append(ind + "for i in range(%d):" % n)
        # every value assigned to r ends with '+ p' or '- p' so that it has the arguments' type
        for _ in range(r.randint(1, 2)):
            c = "%s %s %s" % (self.par(self.poly_expr(names, 1), P_BOR), r.choice(["<", "<=", ">", "!="]),
                              self.par(self.poly_expr(names, 1), P_BOR))
            lines.append(ind * 2 + "if %s:" % c)
            lines.append(ind * 3 + "r = %s %% 1000003 %s %s" % (self.par(self.poly_expr(names, 3), P_MUL),
                                                             r.choice(["+", "-"]), r.choice(typed)))
        lines.append(ind * 2 + "r = %s %% 1000003 %s %s" % (self.par(self.poly_expr(names, 3), P_MUL),
                                                         r.choice(["+", "-"]), r.choice(typed)))
        lines.append(ind + "return r %% %d" % r.choice([1000003, 65536, 999983]))
        fn.cost = 2 * n
        return fn, lines

    def rec_helper(self, name):
        r = self.r
        t = r.choice([I, I, F])
        fn = Fn(name, [("n", I), ("x", t)], {}, t, kind="rec")
        ctx = Ctx(fn, budget=100)
        ctx.scalars = {"n": I, "x": t}
        ind = "    "
        base = self.wrap(self.ex(ctx, t, 2), t).code
        step = self.wrap(self.ex(ctx, t, 2), t).code
        double = self.chance(0.4)
        lines = [self.decorator(), "def %s(n, x):" % name,
                 ind + "if n <= %d:" % r.choice([0, 0, 1]),
                 ind + "    return " + base]
        if double:
            comb = r.choice(["+", "-"])
            c1 = "%s(n - 1, %s)" % (name, step)
            c2 = "%s(n - 2, x)" % name
            rec = E("%s %s %s" % (c1, comb, c2), P_ADD, 2 * VAR[t])
            lines.append(ind + "return " + self.wrap(rec, t).code)
            fn.cost = 60
        else:
            rec = E("%s(n - 1, %s)" % (name, step), P_ATOM, VAR[t])
            other = self.ex(ctx, t, 1)
            comb = self.binop(rec, r.choice(["+", "-"]), other, P_ADD, VAR[t] + other.bound)
            lines.append(ind + "return " + self.wrap(comb, t).code)
            fn.cost = 10
        return fn, lines

    def mutual_pair(self, na, nb):
        """Two functions that call each other (the first calls one defined after it)."""
        r = self.r
        t = r.choice([I, F])
        fa = Fn(na, [("n", I), ("x", t)], {}, t, kind="rec")
        fb = Fn(nb, [("n", I), ("x", t)], {}, t, kind="rec")
        fa.cost = fb.cost = 10
        out = []
        for me, other in ((fa, fb), (fb, fa)):
            ctx = Ctx(me, budget=50)
            ctx.nocall = 1
            ctx.scalars = {"n": I, "x": t}
            ind = "    "
            base = self.wrap(self.ex(ctx, t, 2), t).code
            step = self.wrap(self.ex(ctx, t, 2), t).code
            rec = E("%s(n - %d, %s)" % (other.name, r.choice([1, 1, 2]), step), P_ATOM, VAR[t])
            other_e = self.ex(ctx, t, 1)
            op = r.choice(["+", "-", "*"]) if other_e.bound < 1e6 else "+"
            comb = self.binop(rec, op, other_e, P_MUL if op == "*" else P_ADD, VAR[t] * (other_e.bound + 1))
            out.append((me, [self.decorator(), "def %s(n, x):" % me.name,
                             ind + "if n <= 0:", ind + "    return " + base,
                             ind + "return " + self.wrap(comb, t).code]))
        return out

    # ------------------------------------------------------------ surface syntax
    HEADER = ("if ", "elif ", "else:", "for ", "while ", "def ", "@")

    def stylize(self, lines):
        """The same function in other spellings: comments, blank lines, `pass`, one-line
        compound statements, semicolons, continuation lines, tabs."""
        if "style" in self.avoid:
            return lines
        r = self.r
        p = r.choice([0.0, 0.03, 0.08])
        out = []
        i = 0

        def ind(ln):
            return len(ln) - len(ln.lstrip(" "))

        def simple(ln):
            st = ln.strip()
            return st and not st.startswith(self.HEADER) and not st.endswith(":") and "\\" not in ln

        while i < len(lines):
            ln = lines[i]
            st = ln.strip()
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            nxt2 = lines[i + 2] if i + 2 < len(lines) else ""
            # a header whose body is one simple statement: `if c: x = 1`
            if (st.endswith(":") and not st.startswith(("def ", "@")) and simple(nxt) and ind(nxt) > ind(ln)
                    and (not nxt2.strip() or ind(nxt2) <= ind(ln)) and "#" not in ln and self.chance(3 * p)):
                out.append(ln + " " + nxt.strip())
                i += 2
                continue
            # two simple statements at one level: `a = 1; b = 2`
            if (simple(ln) and simple(nxt) and ind(nxt) == ind(ln) and not st.startswith("return")
                    and (not nxt2.strip() or ind(nxt2) <= ind(nxt)) and "#" not in ln + nxt and self.chance(2 * p)):
                out.append(ln + r.choice(["; ", ";"]) + nxt.strip())
                i += 2
                continue
            if self.chance(p) and not st.startswith(("elif", "else")) and ind(ln) > 0:
                out.append(" " * ind(ln) + "pass")
            if self.chance(p):
                out.append(r.choice(["", "    # a comment", "# at column 0", " " * r.randint(0, 12) + "# indented",
                                     " " * ind(ln), "\t# after a tab"]))
            if simple(ln) and self.chance(p) and "'" not in ln and '"' not in ln:
                m = re.match(r"^(\s*[\w\[\], ]+?) = (.+)$", ln)
                depth, cut = 0, None
                for k, c in enumerate(ln):
                    depth += c in "([" and 1 or (-1 if c in ")]" else 0)
                    if depth > 0 and ln[k:k + 2] == ", ":
                        cut = k
                        break
                if cut is not None and self.chance(0.6):
                    # implicit continuation inside brackets
                    ln = ln[:cut + 1] + "\n" + " " * (ind(ln) + r.choice([4, 8, 13])) + ln[cut + 2:]
                elif m:
                    ln = m.group(1) + " = \\\n" + " " * (ind(ln) + 8) + m.group(2)
            if self.chance(p) and not st.startswith("@"):
                ln += r.choice(["  # c", " # note: x = 1", "\t# tab", "  #"])
            out.append(ln)
            i += 1
        if self.chance(0.05):
            # indentation by tabs (one tab a level)
            out = [re.sub(r"^((?:    )+)", lambda m: "\t" * (len(m.group(1)) // 4), ln) for ln in out]
        return out

    def main_fn(self):
        r = self.r
        fn = Fn("main", [], {}, None)
        ctx = Ctx(fn, budget=20000)
        ind = "    "
        params = []
        self.args = []
        if self.chance(0.25):
            # arguments from the command line (# args: line), maybe with defaults
            for j in range(r.randint(1, 3)):
                t = r.choice([I, F, B])
                params.append(("m%d" % j, t))
                ctx.scalars["m%d" % j] = t
            nargs = len(params) if self.chance(0.7) else r.randint(0, len(params) - 1)
            for j, (p, t) in enumerate(params):
                if j < nargs:
                    self.args.append(self.arg_spelling(t))
        sig = []
        for j, (p, t) in enumerate(params):
            sig.append(p if j < len(self.args) else "%s=%s" % (p, self.lit(t).code))
        self.main_sig = ", ".join(sig)
        body = self.decl_scalars(ctx, ind, r.randint(2, 6))
        for _ in range(r.randint(1 if "arrays" in self.features else 0, 3)):
            body += self.decl_array(ctx, ind)
        # arrays returned by helpers, or aliases of arrays
        for f in self.funcs:
            if is_arr(f.ret) and self.chance(0.7):
                c = self.call(ctx, f.ret, 2)
                if c is not None:
                    name = self.fresh(ctx, "a")
                    body.append(ind + "%s = %s" % (name, c.code))
                    ctx.arrays[name] = Arr(name, f.ret[1], f.ret[2], [1] * f.ret[2], [8] * f.ret[2], base=name)
        if ctx.arrays and self.chance(0.25):
            a = r.choice(list(ctx.arrays.values()))
            name = self.fresh(ctx, "a")
            same = [b for b in ctx.arrays.values() if b.et == a.et and b.ndim == a.ndim and b is not a]
            if same and self.chance(0.5):
                b = r.choice(same)
                c = self.ex_b(ctx, 2)
                body.append(ind + "%s = %s if %s else %s" % (name, a.name, self.par(c, P_OR), b.name))
                ctx.arrays[name] = Arr(name, a.et, a.ndim, [min(x, y) for x, y in zip(a.minshape, b.minshape)],
                                       [max(x, y) for x, y in zip(a.maxshape, b.maxshape)])
            else:
                body.append(ind + "%s = %s" % (name, a.name))
                ctx.arrays[name] = Arr(name, a.et, a.ndim, a.minshape, a.maxshape, a.base)
        if "arrays" in self.features:
            for _ in range(r.randint(0, 3)):
                body += self.decl_view(ctx, ind)
        for _ in range(r.randint(0, 2)):
            body += self.decl_tuple(ctx, ind)
        body += self.block(ctx, ind, r.randint(4, 10) if self.chance(0.8) else r.randint(10, 25), 1)
        # call every helper not reached yet, so that each is compiled and run
        byname = {f.name: f for f in self.funcs}
        for f in self.funcs:
            reached, todo = set(), list(ctx.called)
            while todo:
                g = todo.pop()
                if g not in reached:
                    reached.add(g)
                    todo += list(byname[g].callees)
            if f.name in reached or is_arr(f.ret):
                continue
            if f.kind == "poly":
                t = r.choice([I, F])
                ctx.called.add(f.name)
                body.append(ind + "print(%s)" % self.poly_call(ctx, f, t, 2).code)
                continue
            c = self.call(ctx, f.ret, 2)
            if c is None:
                continue
            if f.ret is None:
                body.append(ind + c.code)
            elif f.ret == S:
                body.append(ind + "print(float(%s))" % c.code)
            elif f.ret[0] == "T" and S in f.ret[1]:
                tn = self.fresh(ctx, "t")
                body.append(ind + "%s = %s" % (tn, c.code))
                body.append(ind + "print(%s)" % ", ".join(
                    ("float(%s[%d])" if t == S else "%s[%d]") % (tn, j) for j, t in enumerate(f.ret[1])))
            else:
                body.append(ind + "print(%s)" % c.code)
        k = r.random()
        if k < 0.35:
            ret = self.wrap(self.ex_i(ctx, 3), I).code
        elif k < 0.65:
            ret = self.wrap(self.ex_f(ctx, 3), F).code
        else:
            items = []
            for _ in range(r.randint(2, 4)):
                t = r.choice([I, F, B, S])
                e = self.wrap(self.ex(ctx, t, 2), t) if t != B else self.ex_b(ctx, 2)
                items.append("float(%s)" % e.code if t == S else e.code)
            ret = "(%s)" % ", ".join(items) if self.chance(0.5) else ", ".join(items)
        k = r.random()
        tups = [n for n, ts in ctx.tuples.items() if not has_s(ts)]
        if k < 0.05:
            ret = None          # main returns None: jit run prints nothing
        elif k < 0.1 and tups:
            ret = r.choice(tups)
        elif k < 0.15 and ctx.arrays:
            ret = r.choice(list(ctx.arrays))
        elif k < 0.18:
            ret = self.ex_b(ctx, 2).code
        if ret is not None:
            body.append(ind + "return " + ret)
        elif self.chance(0.5):
            body.append(ind + r.choice(["return", "return None"]))
        return ["@njit", "def main(%s):" % self.main_sig] + body

    def arg_spelling(self, t):
        """A command-line spelling of a value of type t, read alike by jit run and tests/oracle.py."""
        r = self.r
        if t == B:
            return r.choice(["True", "False"])
        if t == I:
            v = r.randint(-1000, 1000)
            return r.choice([str(v), str(v), hex(v), "+%d" % abs(v), "{:_}".format(v * 1000), bin(v), oct(v)])
        v = round(r.uniform(-100, 100), r.randint(0, 4))
        forms = [repr(v), repr(v), "%e" % v, "%.3E" % v, "-0.0", "5.", ".25", "1e3", "007", "2.50"]
        if "arg_spelling" not in self.avoid:
            forms += ["1_0.5", "0_7"]
        return r.choice(forms)

    def program(self):
        r = self.r
        out = ["# generated by tests/diff/gen.py, seed %r" % (self.seed,), "# args: ",
               "import math", "import numpy as np", "from numba import njit, jit", ""]
        for j in range(r.randint(0, 4)):
            name = "K%d" % j
            prev = [(n, v) for n, v in self.consts.items() if v[0] in (I, F)]
            k = r.random()
            if prev and k < 0.3:
                n1, (t1, _, b1) = r.choice(prev)
                op = r.choice(["+", "-", "*", "//", "%", "<<"]) if t1 == I else r.choice(["+", "-", "*", "/"])
                c = r.randint(1, 9)
                code = "%s %s %d" % (n1, op, c)
                t, bd = t1, {"*": b1 * c, "<<": b1 * 2 ** c}.get(op, b1 + c)
                if op == "<<":
                    code = "%s %s %d" % (n1, op, c)
            elif k < 0.4:
                t, code, bd = B, r.choice(["True", "False"]), 1
            elif k < 0.45:
                t, code, bd = F, r.choice(["math.pi * 2", "np.pi / 4", "math.e + 1", "-math.pi"]), 7
            else:
                t = r.choice([I, I, F])
                e = self.lit(t)
                code, bd = e.code, e.bound
            self.consts[name] = (t, code, bd)
            out.append("%s = %s" % (name, code))
        out.append("")
        nh = r.randint(1, 5) if self.chance(0.85) else r.randint(5, 9)
        j = 0
        while j < nh:
            if j + 1 < nh and self.chance(0.08):
                for fn, lines in self.mutual_pair("f%d" % j, "f%d" % (j + 1)):
                    self.funcs.append(fn)
                    out += ["", ""] + self.stylize(lines)
                j += 2
                continue
            fn, lines = self.helper(j)
            self.funcs.append(fn)
            out += ["", ""] + self.stylize(lines)
            j += 1
        out += ["", ""] + self.stylize(self.main_fn())
        if self.chance(0.1):
            out += ["", "", 'if __name__ == "__main__":', "    import sys", "    print(main(), file=sys.stderr)"]
        if self.args:
            out[1] = "# args: " + " ".join(self.args)
        else:
            del out[1]
        return "\n".join(out) + "\n"


# Constructs that jit is known to get wrong, which a campaign can leave out
# (--avoid) so that they do not hide other bugs: name -> tests/diff/found file.
AVOIDABLE = {
    "print_call": "001_print_arg_calls.py",   # a call inside print(...) args that prints itself
    "float_floordiv": "002_float_floordiv.py",  # float // float is not Python's floor division
    "arg_spelling": "003_cli_float_args.py",     # jit run rejects float arguments with underscores
    "kwarg_order": "004_kwarg_eval_order.py",    # keyword arguments evaluated in parameter order
    "tuple_of_tuples": "005_tuple_of_tuples_loop.py",  # (--features more) loops over ((1, 2), (3, 4))
}


# Optional language areas, off by default (the brief's core subset is always on):
FEATURES = {
    "arrays": "views and slices, whole-array expressions, np.sum/max/argmax/cumsum/sort/arange, "
              "loops over arrays, enumerate, zip",
    "more": "for/else, while/else, while True, tuple concatenation, loops over tuples, tuples indexed "
            "at run time, assert",
}


def generate(seed, avoid=(), features=()):
    return Gen(seed, avoid, features).program()


if __name__ == "__main__":
    args = sys.argv[1:]
    avoid, features = [], []
    while args and args[0].startswith("--"):
        opt, _, val = args.pop(0).partition("=")
        vals = [x for x in val.split(",") if x]
        if opt == "--avoid":
            avoid = sorted(AVOIDABLE) if vals == ["all"] else vals
        elif opt == "--features":
            features = sorted(FEATURES) if vals == ["all"] else vals
    sys.stdout.write(generate(args[0] if args else "0", avoid, features))
