/// How a run turns its draws into probabilities (docs/model.md §4.3).
public enum Estimator: String, Sendable, Codable, CaseIterable {
  /// Shares of draws: a seat's chance is the share of draws it was won, P(majority) the share of
  /// draws with a majority (docs/model.md §5).
  case sampled
  /// Rao-Blackwellised: each draw's shared components (environment, t scale, dense and membership
  /// normals) fix every seat's conditional chance `Phi(mu_i / (s d_i))`; their averages give each
  /// seat's chance and the mean seats, and the refined normal approximation of each draw's
  /// Poisson-binomial seat count gives P(majority). Needs the independent per-seat term, so not
  /// `--factor cholesky`.
  case conditional
}
