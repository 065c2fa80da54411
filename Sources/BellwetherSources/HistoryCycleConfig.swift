import BellwetherEngine
import Foundation

/// The config (`house-C.json5`) `HistoryCycleImporter` writes for an earlier midterm: the structure
/// and every prior of `config/house-2018.json5`, unchanged and with the same comments, and only
/// what belongs to the cycle filled in (its dates, tables, missCycles and the specials' alpha,
/// which is measured from that cycle's presidential margin). None of it is fitted to any result.
struct HistoryCycleConfig {
  /// The priors copied from `config/house-2018.json5`.
  static let beta = 0.4

  var cycle: Int
  var electionDay: CalendarDate
  var asOf: CalendarDate
  var cycleStart: CalendarDate
  /// The presidential election the lean is measured from, and its national two-party margin.
  var presidentialYear: Int
  var nationalPres: Double
  var demVotes: Int
  var repVotes: Int
  /// Earlier cycles whose generic-ballot misses set the environment prior (1998 ... cycle - 2).
  var missCycles: [Int]
  /// Each of those cycles' miss: the final two-party generic-ballot average minus the House vote.
  var misses: [Double]
  /// The `missByHorizon` lines of `bellwether fit --for-cycle C` (the same cycles, the fit's default
  /// horizons), which the config's "generic-ballot-horizon" prior reads.
  var missByHorizon: [String]

  /// The fit's default horizons (`bellwether fit --horizons`), days before the election.
  static let horizons = [1, 7, 30, 60, 90, 120]

  /// The mean miss, for the comment (the engine computes it again from the tables).
  private var meanMiss: Double { misses.reduce(0, +) / Double(max(misses.count, 1)) }


  /// The margin as the 2018 comment writes it: `D+2.2`, `R+2.5`.
  private var marginText: String { (nationalPres < 0 ? "R+" : "D+") + String(format: "%.1f", abs(nationalPres)) }

  /// The file's text.
  /// The district-poll error model each cycle's config holds (docs/model.md §2.5): the values of
  /// `bellwether fit --for-cycle C` (docs/fit.md), from the polls of the cycles before C only (the
  /// 1998-2004 polls of `config/national/poll_history.csv` and the shipped cycles'). The comment says which.
  static let pollPriors: [Int: (values: String, source: String)] = [
    2006: ("bias: -0.109, sponsorLean: 6.438, pollSD: 6.067, districtSD: 4.948, sharedSD: 0.963",
           "`bellwether fit --for-cycle 2006`: 217 polls of 1998-2004 (none of 2006)"),
    2010: ("bias: -0.056, sponsorLean: 6.117, pollSD: 6.038, districtSD: 5.398, sharedSD: 0.607",
           "`bellwether fit --for-cycle 2010`: 413 polls of 1998-2006 (none of 2010)"),
    2014: ("bias: 0.287, sponsorLean: 6.059, pollSD: 6.609, districtSD: 5.712, sharedSD: 0.338",
           "`bellwether fit --for-cycle 2014`: 625 polls of 1998-2006 and 2010 (none of 2014)"),
  ]

  var text: String {
    let seed = electionDay.components.year * 10_000 + electionDay.components.month * 100 + electionDay.components.day
    return """
    // Bellwether cycle config: the \(cycle) U.S. House, forecast as of the day before the election.
    // Written by `bellwether import` (Sources/BellwetherSources/HistoryCycleConfig.swift; provenance in
    // \(cycle)/PROVENANCE.md): change the template there, not this file, which the next import rewrites.
    // Every prior of the model (docs/model.md, after ../shared/MODEL.md) lives here, with what it means
    // and where its default comes from. They are the priors of house-2018.json5, unchanged: none was
    // fitted to the \(cycle) results (or to any other). Some sources cited below were published after
    // \(cycle), so for a backtest of \(cycle) these priors are not strictly what was knowable then.
    // Paths are relative to this file. Check a change with `bellwether check-config --config FILE`.
    {
      chamber: {
        name: "U.S. House \(cycle)",
        seats: 435,          // seats in the chamber; must equal the rows of data.districts
        majority: 218,       // Democratic seats needed for control (more than half of 435)
        cycleStart: "\(cycleStart.iso)", // specials before this date are refused
        electionDate: "\(electionDay.iso)",
      },

      // Only specials held before this date are used; the generic-ballot average is read on this date.
      asOf: "\(asOf.iso)",

      // What the district table's lean is relative to: the national two-party presidential margin of
      // \(presidentialYear), D minus R (../shared/data/\(PresidentialNationalMargin.file)).
      lean: { presidentialYear: \(presidentialYear), nationalMargin: \(String(format: "%.3f", nationalPres)) },

      data: {
        districts: "\(cycle)/districts.csv",   // written by `bellwether import`; schema in docs/data-schema.md
        specials: "\(cycle)/specials.csv",
        genericBallot: "national/generic_ballot.csv",
        houseVote: "national/house_vote.csv",
        results: "\(cycle)/results.csv",       // the cycle's results, for scoring a backtest; never read by a forecast
        polls: "\(cycle)/polls.csv",           // district polls (docs/model.md §2.5), written by `bellwether import`
      },

      // Prior on the national environment E (two-party House margin, D minus R, points).
      environment: {
        // "generic-ballot-horizon": the two-party generic-ballot average on asOf, minus the mean miss at
        // asOf's horizon (days before the election) of \(missCycles.first!)-\(missCycles.last!), with that miss's predictive SD
        // (docs/model.md §2.1): chosen over "generic-ballot" by the mean Brier score of the four shipped
        // cycles' backtests with polls (README, "Backtest"). The table is `bellwether fit --for-cycle \(cycle)`'s
        // (only cycles before the forecast's: the \(cycle) miss is never used). With "generic-ballot" and
        // missCycles [\(missCycles.first!), \(missCycles.last!)] the final average ran \(String(format: "%.1f", meanMiss)) points too Democratic on average
        // (\(zip(missCycles, misses).map { "\($0.0) \(String(format: "%+.1f", $0.1))" }.joined(separator: ", ")); config/national/ at import).
        // "fixed": use `mean` and `sd` below instead.
        prior: "generic-ballot-horizon",
        \(missByHorizon.joined(separator: "\n    "))
        // Degrees of freedom of the national Student-t draw (null = normal). 5 gives fat tails: national
        // polling misses are not normal (house-2018.json5's reason, from 1998-2016: the 2000 and 2002 misses
        // were about 4-5 points against a 2.5 mean).
        nu: 5,
      },

      // Reading the environment from special elections (x = margin - lean of the special's district).
      specials: {
        // Translation E | specials ~ N(alpha + beta * E_s, beta^2 SE^2 + sigmaT^2). Specials overstate the
        // general-election swing: The Economist (2025) finds each point of special-election swing worth
        // about 0.4 points in the next general election, so beta = 0.4; a swing is measured from the last
        // presidential margin (\(marginText) in \(presidentialYear): \(String(format: "%+.3f", nationalPres)) two-party, D \(demVotes) to R \(repVotes),
        // ../shared/data/\(PresidentialNationalMargin.file)), hence alpha = (1 - beta) * lean.nationalMargin, derived from the lean table above
        // (\(String(format: "%.3f", (1 - HistoryCycleConfig.beta) * nationalPres))).
        alpha: "derived",
        beta: \(HistoryCycleConfig.beta),
        // Spread of the general-election environment around the translated specials (points): the same
        // analysis leaves several points unexplained; 3 is a judgment call, not fitted.
        sigmaT: 3.0,
        // Weight of a special halves every halfLifeDays before asOf (recent specials say more about now).
        halfLifeDays: 180,
        // Sampling/turnout noise of one special (points); tau (between-special spread) is estimated on top.
        samplingSD: 5.0,
        // Weight factor by level: state-legislative races are low-turnout and candidate-driven, so half weight.
        // This cycle's table holds federal House specials only (../shared/data has no state-legislative ones).
        levelWeights: { federal: 1.0, statewide: 1.0, state_legislative: 0.5 },
      },

      incumbency: {
        // Margin points added for a Democratic incumbent (subtracted for a Republican). Jacobson (2015,
        // J. Politics 77(3), "It's Nothing Personal") puts the vote-share advantage at 2-3 points in
        // 2000-2014, i.e. 4-6 margin points, and falling; we take the low end.
        advantage: 4.0,
      },

      // Correlated district noise: Sigma = sState^2 SS' + sRegion^2 RR' + sLean^2 K + sIdio^2 I.
      noise: {
        // Total district SD = max(minimumSD, scaleFromTau * tau): specials' dispersion tau sets the scale;
        // general elections are far less erratic than specials (turnout of a third or less, candidate-driven
        // races), so the factor is one half: a judgment prior, not fitted.
        scaleFromTau: 0.5,
        minimumSD: 5.0,
        // Variance shares (must sum to 1). Half idiosyncratic (candidates, local issues), a quarter shared
        // within a state, the rest shared by region (Census division) and by similar partisanship.
        shares: { state: 0.25, region: 0.10, lean: 0.15, idiosyncratic: 0.50 },
        // Length (points of lean) over which districts of similar partisanship swing together.
        kernelLength: 10.0,
        // Multivariate-t degrees of freedom of the district noise (null = Gaussian): a year can be
        // more erratic district by district; 8 gives moderately fat tails.
        nu: 8,
      },

      // District polls as evidence (docs/model.md §2.5): poll = true margin + bias + sponsorLean toward a
      // sponsor + shared error (sharedSD, the cycle's) + district error (districtSD) + the poll's own (pollSD).
      // Values from \(HistoryCycleConfig.pollPriors[cycle]?.source ?? "nowhere"); maxAgeDays (polls older than this before asOf are not used) is a judgment.
      polls: { \(HistoryCycleConfig.pollPriors[cycle]?.values ?? ""), maxAgeDays: 60 },

      simulation: {
        draws: 1000000,   // default draws (override with --draws); at most 10,000,000,000
        seed: \(seed),   // default master seed (override with --seed; the election day); 0 ... 2^53-1
      },
    }

    """
  }
}
