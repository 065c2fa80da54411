// CBLAS from Debian's OpenBLAS, plus the LAPACK routines Bellwether calls.
// libopenblas-dev ships no lapack.h; the library exports the Fortran symbols, declared here.
// Fortran ABI: every argument by pointer, column-major matrices, 32-bit integers.
#include <cblas.h>

void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);
void spotrf_(const char *uplo, const int *n, float *a, const int *lda, int *info);
void dsyevr_(const char *jobz, const char *range, const char *uplo, const int *n, double *a,
             const int *lda, const double *vl, const double *vu, const int *il, const int *iu,
             const double *abstol, int *m, double *w, double *z, const int *ldz, int *isuppz,
             double *work, const int *lwork, int *iwork, const int *liwork, int *info);
