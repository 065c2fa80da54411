// zlib (Debian's zlib1g-dev, also a build dependency of the Swift toolchain on Linux), used to read
// the gzipped published forecasts of backtests and to write draws.csv.gz (run --export-draws-csv).
// zlib's inflateInit2 and deflateInit2 are macros, which Swift cannot
// call; these inline functions wrap them.
#include <zlib.h>

/// Initialises `stream` to inflate gzip data (window bits 15 + 16: gzip header and trailer only).
static inline int bellwether_inflate_init_gzip(z_stream *stream) {
  return inflateInit2(stream, 15 + 16);
}

/// Initialises `stream` to deflate into gzip data (window bits 15 + 16: a gzip header with no file
/// name and modification time 0, and the gzip trailer), at `level` (1 fastest ... 9 smallest).
static inline int bellwether_deflate_init_gzip(z_stream *stream, int level) {
  return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
