#ifndef MEANFIELD_COPENBLAS_SHIM_H
#define MEANFIELD_COPENBLAS_SHIM_H
// Debian's libopenblas-dev installs cblas.h for the OpenBLAS build selected by
// update-alternatives; openblas_config.h declares openblas_set_num_threads.
#include <cblas.h>
#endif
