#ifndef MEANFIELD_CGSL_SHIM_H
#define MEANFIELD_CGSL_SHIM_H
// GSL: error handling, Gauss-Legendre tables (glfixed) and fixed rules, root solvers,
// multidimensional roots (multiroots: activation transforms), ODE drivers (odeiv2: the
// learning dynamics of deep linear networks), Chebyshev series.
// Not gsl_eigen.h, gsl_randist.h or gsl_blas.h: they include gsl_cblas.h, whose CBLAS
// enums clash with OpenBLAS's cblas.h in modules that import both shims. CBLAS comes
// from OpenBLAS (COpenBLAS), never from libgslcblas.
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_multiroots.h>
#include <gsl/gsl_odeiv2.h>
#include <gsl/gsl_chebyshev.h>
#endif
