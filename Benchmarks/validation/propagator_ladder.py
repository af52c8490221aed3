#!/usr/bin/env python3
"""Accuracy of the propagators behind every server step, against a 40-digit reference.

The stiff five-node network of Tests/NumericsTests/PropagatorLadderTests.swift (junction, sink,
board, air, and the air's energy accumulator), advanced over steps that events leave, three ways:
GSL's matrix exponential of Van Loan's augmented matrix (what `LinearStepPropagator` computes),
the composition of `PropagatorLadder` (rung 0 by GSL, rungs by squaring, their multiples for the
hexadecimal digits, the remainder by the series of phi_1 as a sum of the powers of h0*A), both replicated here, and mpmath's exponential at 40 digits as the reference.

    python3 Benchmarks/validation/propagator_ladder.py      # needs numpy, mpmath and libgsl

Not run by CI: it documents the figures quoted in docs/models/it-thermal.md.
"""
import ctypes
import math

import mpmath
import numpy as np

mpmath.mp.dps = 40
gsl = ctypes.CDLL("libgsl.so", mode=ctypes.RTLD_GLOBAL)


class Matrix(ctypes.Structure):
    _fields_ = [("size1", ctypes.c_size_t), ("size2", ctypes.c_size_t), ("tda", ctypes.c_size_t),
                ("data", ctypes.POINTER(ctypes.c_double)), ("block", ctypes.c_void_p), ("owner", ctypes.c_int)]


gsl.gsl_matrix_calloc.restype = ctypes.POINTER(Matrix)
gsl.gsl_matrix_alloc.restype = ctypes.POINTER(Matrix)
gsl.gsl_matrix_get.restype = ctypes.c_double
gsl.gsl_matrix_get.argtypes = [ctypes.POINTER(Matrix), ctypes.c_size_t, ctypes.c_size_t]
gsl.gsl_matrix_set.argtypes = [ctypes.POINTER(Matrix), ctypes.c_size_t, ctypes.c_size_t, ctypes.c_double]


def gsl_exponential(x):
    m = x.shape[0]
    a, e = gsl.gsl_matrix_calloc(m, m), gsl.gsl_matrix_alloc(m, m)
    for i in range(m):
        for j in range(m):
            gsl.gsl_matrix_set(a, i, j, float(x[i, j]))
    gsl.gsl_linalg_exponential_ss(a, e, ctypes.c_uint(0))  # GSL_PREC_DOUBLE
    return np.array([[gsl.gsl_matrix_get(e, i, j) for j in range(m)] for i in range(m)])


def augmented(a, t):
    n = a.shape[0]
    x = np.zeros((2 * n, 2 * n))
    x[:n, :n], x[:n, n:] = a * t, np.eye(n) * t
    return x


def ladder(a, t):
    n = a.shape[0]
    norm = max(abs(a[i]).sum() for i in range(n) if abs(a[:, i]).sum() > 0)
    h0 = 2.0 ** (math.frexp(0.125 / norm)[1] - 1)
    e = gsl_exponential(augmented(a, h0))
    rungs = [(e[:n, :n], e[:n, n:])]
    m = math.floor(t / h0)
    r = t - m * h0
    # The remainder: sums of the ladder's powers Y^j of Y = h0*A, sigma = r/h0, smallest first:
    # Phi = sum_{j<=12} sigma^j Y^j / j!, Gamma = r sum_{j<=11} sigma^j Y^j / (j+1)!.
    y = [np.eye(n), a * h0]
    for _ in range(2, 13):
        y.append(y[-1] @ y[1])
    sigma = r / h0
    power = [1.0]
    for j in range(1, 13):
        power.append(power[-1] * sigma / j)
    phi, gamma = np.zeros((n, n)), np.zeros((n, n))
    for j in range(12, -1, -1):
        phi += power[j] * y[j]
        if j < 12:
            gamma += power[j] / (j + 1) * y[j]
    gamma *= r
    # m in hexadecimal: d * 16^p base steps from rung 4p (squarings) added d times.
    position = 0
    while m:
        digit = m & 15
        if digit:
            while len(rungs) <= 4 * position:
                p, g = rungs[-1]
                rungs.append((p @ p, g + p @ g))
            one = rungs[4 * position]
            p, g = one
            for _ in range(digit - 1):
                p, g = p @ one[0], g + p @ one[1]
            phi, gamma = p @ phi, g + p @ gamma
        m >>= 4
        position += 1
    return phi, gamma


def main():
    capacity = [40.0, 600, 40_000, 24]
    links = [(0, 1, 33.3), (1, 3, 40.0), (2, 3, 300.0), (1, 2, 5.0)]
    n, air = 5, 480.0
    a = np.zeros((n, n))
    for i, j, g in links:
        a[i, i] -= g / capacity[i]
        a[i, j] += g / capacity[i]
        a[j, j] -= g / capacity[j]
        a[j, i] += g / capacity[j]
    a[3, 3] -= air / capacity[3]
    a[4, 3] = air
    u = np.array([700 / capacity[0], 0, 900 / capacity[2], 298.15 * air / capacity[3], -298.15 * air])
    y0 = np.array([330.0, 320, 310, 305, 1e9])
    print(f"{'step s':>10} {'GSL: largest |error| of a temperature, K':>42} {'ladder':>12}")
    for t in [0.61, 17.774847786553437, 59.5, 900.125]:
        x = augmented(a, t)
        exact = mpmath.expm(mpmath.matrix(x.tolist()))
        reference = [sum(exact[i, j] * y0[j] for j in range(n)) + sum(exact[i, n + j] * u[j] for j in range(n)) for i in range(n)]
        g = gsl_exponential(x)
        by_gsl = g[:n, :n] @ y0 + g[:n, n:] @ u
        phi, gamma = ladder(a, t)
        by_ladder = phi @ y0 + gamma @ u
        worst = lambda y: max(abs(float(y[i] - reference[i])) for i in range(4))
        print(f"{t:>10.3f} {worst(by_gsl):>42.2e} {worst(by_ladder):>12.2e}")


if __name__ == "__main__":
    main()
