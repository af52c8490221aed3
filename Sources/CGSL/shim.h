// CGSL shim: the parts of GSL that Swift cannot import directly. Not API; only the Numerics
// module includes it.
#ifndef PLENUM_CGSL_SHIM_H
#define PLENUM_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_odeiv2.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_permutation.h>
#include <gsl/gsl_spmatrix.h>
#include <gsl/gsl_splinalg.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_spline.h>
#include <gsl/gsl_interp.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_qrng.h>

// Stepper, solver and generator types are `const T *` globals. Reading a C global from Swift 6
// is a concurrency error, so each is returned by an accessor instead.
static inline const gsl_odeiv2_step_type *plenum_gsl_step_msbdf(void) { return gsl_odeiv2_step_msbdf; }
static inline const gsl_odeiv2_step_type *plenum_gsl_step_bsimp(void) { return gsl_odeiv2_step_bsimp; }
static inline const gsl_odeiv2_step_type *plenum_gsl_step_rk4imp(void) { return gsl_odeiv2_step_rk4imp; }
static inline const gsl_odeiv2_step_type *plenum_gsl_step_rkf45(void) { return gsl_odeiv2_step_rkf45; }
static inline const gsl_odeiv2_step_type *plenum_gsl_step_rk8pd(void) { return gsl_odeiv2_step_rk8pd; }

static inline const gsl_root_fsolver_type *plenum_gsl_root_brent(void) { return gsl_root_fsolver_brent; }

static inline const gsl_interp_type *plenum_gsl_interp_linear(void) { return gsl_interp_linear; }
static inline const gsl_interp_type *plenum_gsl_interp_cspline(void) { return gsl_interp_cspline; }
static inline const gsl_interp_type *plenum_gsl_interp_akima(void) { return gsl_interp_akima; }
static inline const gsl_interp_type *plenum_gsl_interp_steffen(void) { return gsl_interp_steffen; }

static inline const gsl_rng_type *plenum_gsl_rng_mt19937(void) { return gsl_rng_mt19937; }

static inline const gsl_splinalg_itersolve_type *plenum_gsl_itersolve_gmres(void) { return gsl_splinalg_itersolve_gmres; }

static inline const gsl_qrng_type *plenum_gsl_qrng_sobol(void) { return gsl_qrng_sobol; }

// The ODE callback types, named so Swift closures can be declared against them.
typedef int (*plenum_gsl_ode_function)(double t, const double y[], double dydt[], void *params);
typedef int (*plenum_gsl_ode_jacobian)(double t, const double y[], double *dfdy, double dfdt[], void *params);

#endif
