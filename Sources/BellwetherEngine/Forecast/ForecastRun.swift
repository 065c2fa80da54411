/// Runs a built model and summarises it: the one entry point the CLI and backtests call.
package enum ForecastRun {
  /// Simulates `model` on `threads` workers and summarises the draws.
  /// - Parameter sink: receives every block's draws when the run exports them.
  /// - Returns: the result, or nil if `isCancelled` stopped the run.
  package static func execute(_ model: ForecastModel, threads: Int,
                             progress: (@Sendable (Int, Int) -> Void)? = nil,
                             isCancelled: (@Sendable () -> Bool)? = nil, sink: DrawSink? = nil) -> ForecastResult? {
    let clock = ContinuousClock()
    let start = clock.now
    guard let tallies = Simulator.run(plan: model.plan, threads: threads, progress: progress, isCancelled: isCancelled,
                                        sink: sink) else {
      return nil
    }
    return ForecastResult(model: model, tallies: tallies, drawSeconds: (clock.now - start).seconds)
  }
}
