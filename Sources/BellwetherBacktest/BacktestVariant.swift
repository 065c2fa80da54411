import BellwetherEngine
/// One version of Bellwether run in a backtest: the default model, the environment from one source
/// of evidence only, a refinement of the baseline, or a diagnostic that is told the answer.
package struct BacktestVariant: Sendable, Codable, Equatable {
  /// Short id used in the JSON, e.g. `default`.
  package var id: String
  /// Label for tables.
  package var label: String
  /// What the environment posterior uses.
  package var evidence: EnvironmentPosterior.Evidence
  /// Fixes the national environment at the actual House vote (a diagnostic, not a forecast).
  var usesActualEnvironment: Bool
  /// Weight of the previous House result in the baseline (`PreviousResultBaseline`), if used.
  var previousResultWeight: Double?
  /// Whether the variant uses anything learnt from the results it is scored on. Such rows are
  /// labelled in-sample everywhere they are shown.
  var inSample: Bool
  /// Why the variant is in the table, and where its settings come from.
  var rationale: String

  /// Creates a variant.
  package init(id: String, label: String, evidence: EnvironmentPosterior.Evidence = .priorAndSpecials,
              usesActualEnvironment: Bool = false, previousResultWeight: Double? = nil, inSample: Bool = false,
              rationale: String) {
    self.id = id
    self.label = label
    self.evidence = evidence
    self.usesActualEnvironment = usesActualEnvironment
    self.previousResultWeight = previousResultWeight
    self.inSample = inSample
    self.rationale = rationale
  }

  /// The model as configured: the generic-ballot prior updated by the specials.
  package static let standard = BacktestVariant(
    id: "default", label: "Bellwether (prior + specials)",
    rationale: "The config as it stands: no prior fitted to this cycle's results.")

  /// The environment from the generic-ballot prior alone.
  package static let priorOnly = BacktestVariant(
    id: "prior", label: "Bellwether, prior only", evidence: .priorOnly,
    rationale: "The environment from the generic-ballot prior alone (the specials ignored).")

  /// The environment from the translated specials alone.
  package static let specialsOnly = BacktestVariant(
    id: "specials", label: "Bellwether, specials only", evidence: .specialsOnly,
    rationale: "The environment from the translated specials alone (the prior ignored).")

  /// The default model with the previous-result baseline at equal weight.
  static let previousResult = BacktestVariant(
    id: "previous-result", label: "Bellwether + previous House result", previousResultWeight: 0.5,
    rationale: "Incumbents who won the seat's last two-party race on the same lines: baseline = half lean + "
      + "incumbency, half the previous House margin relative to the nation. The equal weight is a judgment "
      + "set before scoring, not fitted. Run only for a config without a district table, whose baseline already "
      + "weighs the previous margin.")

  /// The default model told the actual national House vote.
  static let actualEnvironment = BacktestVariant(
    id: "actual-environment", label: "Bellwether, environment = actual House vote",
    usesActualEnvironment: true, inSample: true,
    rationale: "In-sample diagnostic, not a forecast: the environment is fixed at the actual national House "
      + "vote, so the remaining error is the districts' (lean, incumbency, noise), not the environment's.")

  /// The variants a backtest runs by default, in table order.
  package static let defaults: [BacktestVariant] = [.standard, .priorOnly, .specialsOnly, .previousResult, .actualEnvironment]
}
