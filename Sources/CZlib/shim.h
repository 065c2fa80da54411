// zlib (Debian's zlib1g-dev, also a build dependency of the Swift toolchain on Linux), used to read
// the gzipped published forecasts of backtests. zlib's inflateInit2 is a macro, which Swift cannot
// call; this inline function wraps it.
#include <zlib.h>

/// Initialises `stream` to inflate gzip data (window bits 15 + 16: gzip header and trailer only).
static inline int bellwether_inflate_init_gzip(z_stream *stream) {
  return inflateInit2(stream, 15 + 16);
}
