"""A no-op stand-in for numba, so that kernel scripts run under plain CPython.

tests/diff/run.py puts tests/diff/fake_numba first on sys.path. Decorators
return the function unchanged; prange is range. Importing it also sets
NumPy's scalar repr to the pre-2.0 style (`5`, not `np.int64(5)`), which is
how Numba prints numbers inside tuples.
"""
import numpy as _np

_np.set_printoptions(legacy="1.25")


def _decorator(*args, **kwargs):
    if len(args) == 1 and callable(args[0]) and not kwargs:
        return args[0]
    return lambda f: f


njit = jit = generated_jit = vectorize = guvectorize = stencil = cfunc = _decorator
prange = range

int8, int16, int32, int64 = _np.int8, _np.int16, _np.int32, _np.int64
uint8, uint16, uint32, uint64 = _np.uint8, _np.uint16, _np.uint32, _np.uint64
float32, float64 = _np.float32, _np.float64
boolean = bool_ = _np.bool_
