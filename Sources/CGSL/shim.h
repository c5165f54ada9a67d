#ifndef MEANFIELD_CGSL_SHIM_H
#define MEANFIELD_CGSL_SHIM_H
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_rng.h>

// From gsl/gsl_randist.h, declared alone: that header (like gsl_eigen.h) includes
// gsl_cblas.h, whose CBLAS enums clash with OpenBLAS's cblas.h in modules that import
// both shims. We link OpenBLAS for CBLAS, never libgslcblas.
double gsl_ran_gaussian_ziggurat(const gsl_rng *r, const double sigma);
#endif
