#ifndef MEANFIELD_COPENBLAS_SHIM_H
#define MEANFIELD_COPENBLAS_SHIM_H
// Debian's libopenblas-dev installs cblas.h (with openblas_set_num_threads) for the
// OpenBLAS build selected by update-alternatives.
#include <cblas.h>
#include <stddef.h>

// LAPACK's Householder QR, exported by libopenblas (which bundles LAPACK); declared here
// because Debian's lapacke headers are a separate package.
void dgeqrf_(const int *m, const int *n, double *a, const int *lda, double *tau,
             double *work, const int *lwork, int *info);
void dorgqr_(const int *m, const int *n, const int *k, double *a, const int *lda,
             const double *tau, double *work, const int *lwork, int *info);
// Householder reflections (the Haar matrix kept as reflections, `HaarReflections`). The
// trailing size_t arguments are gfortran's hidden lengths of the CHARACTER arguments.
void dlarfg_(const int *n, double *alpha, double *x, const int *incx, double *tau);
void dlarft_(const char *direct, const char *storev, const int *n, const int *k, const double *v,
             const int *ldv, const double *tau, double *t, const int *ldt, size_t, size_t);
void dlarfb_(const char *side, const char *trans, const char *direct, const char *storev,
             const int *m, const int *n, const int *k, const double *v, const int *ldv,
             const double *t, const int *ldt, double *c, const int *ldc, double *work,
             const int *ldwork, size_t, size_t, size_t, size_t);
// Symmetric eigensolver (the circle's principal components).
void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
            double *w, double *work, const int *lwork, int *info);
// Singular values by divide and conquer (the Jacobian's spectrum).
void dgesdd_(const char *jobz, const int *m, const int *n, double *a, const int *lda,
             double *s, double *u, const int *ldu, double *vt, const int *ldvt,
             double *work, const int *lwork, int *iwork, int *info);
// Stops OpenBLAS's thread pool (the pthread build exports it for fork handlers). The
// pool is started when the library loads, before main, and its idle threads spin on
// sched_yield for ~0.1 s of CPU: every short process (a shard) paid that.
int blas_thread_shutdown_(void);
#endif
