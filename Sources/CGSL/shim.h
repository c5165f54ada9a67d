#ifndef MEANFIELD_CGSL_SHIM_H
#define MEANFIELD_CGSL_SHIM_H
// GSL: error handling, Gauss-Legendre tables (glfixed) and fixed rules, root solvers.
// Not gsl_eigen.h, gsl_randist.h or gsl_blas.h: they include gsl_cblas.h, whose CBLAS
// enums clash with OpenBLAS's cblas.h in modules that import both shims. CBLAS comes
// from OpenBLAS (COpenBLAS), never from libgslcblas.
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_roots.h>
#endif
