internal import CBLAS

/// The few BLAS operations Bellwether uses, with Swift types at the boundary.
///
/// OpenBLAS threading is process-global. Bellwether parallelises with Dispatch, so OpenBLAS is set
/// to one thread, once, before the first BLAS or LAPACK call, and never changed (the OpenBLAS FAQ:
/// "If your application is already multi-threaded, it will conflict with OpenBLAS
/// multi-threading"). A fixed thread count also fixes the summation order, so results are the same
/// bits whatever ran before in the process.
enum BLAS {
  /// Sets OpenBLAS to one thread; evaluated once, lazily and thread-safely.
  static let singleThreaded: Void = openblas_set_num_threads(1)

  /// The number of threads OpenBLAS uses for one call (always 1 once Bellwether has called BLAS).
  static var threads: Int {
    _ = singleThreaded
    return Int(openblas_get_num_threads())
  }

  /// `C = A * B + beta * C` for column-major single-precision matrices held in raw buffers (the draw
  /// kernel's hot path: one call per block of draws).
  /// - Parameters:
  ///   - a: m x k, leading dimension m.
  ///   - b: k x n, leading dimension k.
  ///   - beta: 0 to overwrite C, 1 to add to it.
  ///   - c: m x n output, leading dimension m.
  @inline(__always)
  static func multiply(
    m: Int, n: Int, k: Int,
    a: UnsafePointer<Float>, b: UnsafePointer<Float>, beta: Float = 0, c: UnsafeMutablePointer<Float>
  ) {
    _ = singleThreaded
    cblas_sgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                1, a, Int32(m), b, Int32(k), beta, c, Int32(m))
  }

  /// `C = A * B` for double-precision matrices.
  static func multiply(_ a: Matrix, _ b: Matrix) -> Matrix {
    precondition(a.columns == b.rows, "dimension mismatch")
    _ = singleThreaded
    var c = Matrix(rows: a.rows, columns: b.columns)
    guard a.rows > 0, b.columns > 0, a.columns > 0 else { return c }
    a.storage.withUnsafeBufferPointer { pa in
      b.storage.withUnsafeBufferPointer { pb in
        c.storage.withUnsafeMutableBufferPointer { pc in
          cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(a.rows), Int32(b.columns),
                      Int32(a.columns), 1, pa.baseAddress, Int32(a.rows), pb.baseAddress,
                      Int32(b.rows), 0, pc.baseAddress, Int32(a.rows))
        }
      }
    }
    return c
  }
}
