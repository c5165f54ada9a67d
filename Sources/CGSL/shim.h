#ifndef MEANFIELD_CGSL_SHIM_H
#define MEANFIELD_CGSL_SHIM_H
// GSL: error handling, Gauss-Legendre tables (glfixed) and fixed rules, root solvers,
// ODE drivers (odeiv2: the learning dynamics of deep linear networks), Chebyshev series,
// the digamma functions (the log of a chi-squared factor at finite width), and the
// derivative-free multidimensional root solvers (declared below).
// Not gsl_eigen.h, gsl_randist.h or gsl_blas.h: they include gsl_cblas.h, whose CBLAS
// enums clash with OpenBLAS's cblas.h in modules that import both shims. CBLAS comes
// from OpenBLAS (COpenBLAS), never from libgslcblas.
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_odeiv2.h>
#include <gsl/gsl_chebyshev.h>
#include <gsl/gsl_sf_psi.h>
#include <gsl/gsl_vector_double.h>

// gsl_multiroots.h includes gsl_matrix.h, which includes gsl_cblas.h (see above), so the
// part of it the activation transforms use, the derivative-free solvers (fsolver), is
// declared here as GSL 2.7 declares it: the function struct field for field, the solver
// and its type opaque (reached only through GSL's accessors). Never include both.
struct gsl_multiroot_function_struct {
    int (*f)(const gsl_vector *x, void *params, gsl_vector *f);
    size_t n;
    void *params;
};
typedef struct gsl_multiroot_function_struct gsl_multiroot_function;
typedef struct meanfield_gsl_multiroot_fsolver_type gsl_multiroot_fsolver_type;
typedef struct meanfield_gsl_multiroot_fsolver gsl_multiroot_fsolver;
gsl_multiroot_fsolver *gsl_multiroot_fsolver_alloc(const gsl_multiroot_fsolver_type *T, size_t n);
void gsl_multiroot_fsolver_free(gsl_multiroot_fsolver *s);
int gsl_multiroot_fsolver_set(gsl_multiroot_fsolver *s, gsl_multiroot_function *f, const gsl_vector *x);
int gsl_multiroot_fsolver_iterate(gsl_multiroot_fsolver *s);
gsl_vector *gsl_multiroot_fsolver_root(const gsl_multiroot_fsolver *s);
gsl_vector *gsl_multiroot_fsolver_f(const gsl_multiroot_fsolver *s);
extern const gsl_multiroot_fsolver_type *gsl_multiroot_fsolver_dnewton;
extern const gsl_multiroot_fsolver_type *gsl_multiroot_fsolver_broyden;
extern const gsl_multiroot_fsolver_type *gsl_multiroot_fsolver_hybrid;
extern const gsl_multiroot_fsolver_type *gsl_multiroot_fsolver_hybrids;
#endif
