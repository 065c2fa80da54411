import BellwetherEngine
import Foundation

/// The config (`house-C.json5`) `HistoryCycleImporter` writes for an earlier midterm: the structure
/// and the judgment priors of `config/house-2018.json5`, with the same comments; what belongs to the cycle
/// filled in (its dates, tables, missCycles and the specials' alpha, which is measured from that cycle's
/// presidential margin); and the priors `bellwether fit --for-cycle C` estimates from the cycles before it
/// (the generic-ballot miss by horizon, the district table, the polls' error model and selection slope, the
/// specials' beta). None of it is fitted to the cycle's own result.
struct HistoryCycleConfig {
  /// The judgment beta of `config/house-2018.json5` before the fit (The Economist, 2025), kept where no
  /// earlier cycle has specials and results to fit it from (2006).
  static let judgmentBeta = 0.4

  /// The specials' translation slope of `bellwether fit --for-cycle C` (fit-config-C.json5 in docs/fit/),
  /// from the cycles before C only, with the fragment's comment (docs/model.md §2.3). `ShippedFitTests`
  /// checks it against the fit.
  static let translation: [Int: (beta: Double, comment: String)] = [
    2010: (beta: 1.163, comment: """
        // Anchored fit, one point per cycle ([2006], 1 cycles): House vote - P = beta (E_s - P),
        // E_s the specials' estimate on election eve, P = lean.nationalMargin; alpha = (1 - beta) P, as "derived".
        // beta 1.163, SE —; per cycle 2006 1.163; current 0.4.
        // Few cycles, each with few specials before 2017: a width, not a value.
        """),
    2014: (beta: 1.093, comment: """
        // Anchored fit, one point per cycle ([2006, 2010], 2 cycles): House vote - P = beta (E_s - P),
        // E_s the specials' estimate on election eve, P = lean.nationalMargin; alpha = (1 - beta) P, as "derived".
        // beta 1.093, SE 0.048; per cycle 2006 1.163, 2010 1.059; current 1.2.
        // Free fit on the same cycles, vote = alpha + beta E_s: alpha 0.286 (SE —), beta 1.181 (SE —).
        // Few cycles, each with few specials before 2017: a width, not a value.
        """),
  ]

  /// The cycle's beta: the fitted one, else the judgment.
  var beta: Double { Self.translation[cycle]?.beta ?? Self.judgmentBeta }

  /// What the config says about its beta: comment lines, joined for the config's specials table
  /// (the first line takes the template's indentation, the others four spaces).
  private var betaComment: String {
    let lines: [String]
    if let fitted = Self.translation[cycle] {
      lines = ["// beta: `bellwether fit --for-cycle \(cycle)` (fit-config-\(cycle).json5 in docs/fit/), from the cycles before \(cycle) only,",
               "// chosen over the judgment 0.4 (The Economist, 2025) by the four cycles' backtests (README, \"Backtest\"):"]
        + fitted.comment.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    } else {
      lines = ["// beta = 0.4, a judgment: no cycle before \(cycle) has specials and results to fit it from (docs/fit.md). The",
               "// Economist (2025) finds each point of special-election swing worth about 0.4 points in the next general election."]
    }
    return lines.joined(separator: "\n    ")
  }


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

  /// What `bellwether fit --for-cycle C` (fit-config-C.json5 in docs/fit/) writes for the cycle, from the
  /// cycles before C only: the district table (its comment and `district` block, docs/model.md §1.5) and
  /// the polls' selection slope with its comment (§2.5). `ShippedFitTests` checks them against the fit.
  static let fitted: [Int: (slope: String, slopeComment: String, table: String)] = [
    2006: (slope: "0.468", slopeComment: "// selectionSlope: polled seats' results minus the district model's expected margin, regressed on that margin through 0 (66 polled seats of 1998, 2002): 0.47 ± 0.06; unpolled seats -0.02 (623 seats). Relative to the district table's fundamentals.", table: """
      // The linear district baseline (docs/model.md §1.5): margin - houseVote = lean x b_lean (+ previous x b_previous)
      // + the seat class's intercept, by least squares on the contested seats of [1998, 2002], each cycle's seats weighted by recency (half-life 2 years: 1998 0.062, 2002 0.250); previous = prev_margin
      // minus the previous cycle's House vote. Each value: estimate, classical weighted least-squares SE, the SD of the per-cycle
      // estimates (below two cycles borrowed from the other equation, else 0), cycles. residualSD: root mean square residual by class, pooled fit: each
      // class's total district-noise SD (§3.4). sharedErrors: true draws each coefficient from its cycleSD (§3.5).
      district: {
        // seats with a previous D-vs-R race on the same lines: lean + previous + class intercepts (325 seats)
        withPrevious: {
          // lean.cycleSD: this equation's term has one cycle; borrowed from withoutPrevious ([1998, 2002]), whose coefficients are on another scale: a rough spread, read only with sharedErrors.
          lean: { estimate: 0.254, se: 0.041, cycleSD: 0.132, cycles: [1998] },
          // previous.cycleSD: one cycle and no other equation's term to borrow from: 0, not drawn (docs/model.md §3.5).
          previous: { estimate: 0.538, se: 0.040, cycleSD: 0.000, cycles: [1998] },
          // incumbentD.cycleSD: this equation's term has one cycle; borrowed from withoutPrevious ([1998, 2002]), whose coefficients are on another scale: a rough spread, read only with sharedErrors.
          incumbentD: { estimate: 16.510, se: 1.289, cycleSD: 3.910, cycles: [1998] },
          // incumbentR.cycleSD: this equation's term has one cycle; borrowed from withoutPrevious ([1998, 2002]), whose coefficients are on another scale: a rough spread, read only with sharedErrors.
          incumbentR: { estimate: -11.539, se: 1.115, cycleSD: 1.651, cycles: [1998] },
          // open.cycleSD: this equation's term has one cycle; borrowed from withoutPrevious ([1998, 2002]), whose coefficients are on another scale: a rough spread, read only with sharedErrors.
          open: { estimate: 8.056, se: 1.882, cycleSD: 14.986, cycles: [1998] },
          residualSD: { incumbentD: 10.105, incumbentR: 10.228, open: 15.740 },
        },
        // seats without one: lean + class intercepts (364 seats)
        withoutPrevious: {
          lean: { estimate: 0.577, se: 0.031, cycleSD: 0.132, cycles: [1998, 2002] },
          incumbentD: { estimate: 29.690, se: 1.188, cycleSD: 3.910, cycles: [1998, 2002] },
          incumbentR: { estimate: -20.414, se: 1.112, cycleSD: 1.651, cycles: [1998, 2002] },
          open: { estimate: 1.159, se: 1.732, cycleSD: 14.986, cycles: [1998, 2002] },
          residualSD: { incumbentD: 12.296, incumbentR: 11.348, open: 14.893 },
        },
      },
    """),
    2010: (slope: "0.424", slopeComment: "// selectionSlope: polled seats' results minus the district model's expected margin, regressed on that margin through 0 (157 polled seats of 1998, 2002, 2006): 0.42 ± 0.05; unpolled seats -0.06 (911 seats). Relative to the district table's fundamentals.", table: """
      // The linear district baseline (docs/model.md §1.5): margin - houseVote = lean x b_lean (+ previous x b_previous)
      // + the seat class's intercept, by least squares on the contested seats of [1998, 2002, 2006], each cycle's seats weighted by recency (half-life 2 years: 1998 0.016, 2002 0.062, 2006 0.250); previous = prev_margin
      // minus the previous cycle's House vote. Each value: estimate, classical weighted least-squares SE, the SD of the per-cycle
      // estimates (below two cycles borrowed from the other equation, else 0), cycles. residualSD: root mean square residual by class, pooled fit: each
      // class's total district-noise SD (§3.4). sharedErrors: true draws each coefficient from its cycleSD (§3.5).
      district: {
        // seats with a previous D-vs-R race on the same lines: lean + previous + class intercepts (647 seats)
        withPrevious: {
          lean: { estimate: 0.252, se: 0.027, cycleSD: 0.019, cycles: [1998, 2006] },
          previous: { estimate: 0.497, se: 0.030, cycleSD: 0.041, cycles: [1998, 2006] },
          incumbentD: { estimate: 10.220, se: 1.069, cycleSD: 4.257, cycles: [1998, 2006] },
          incumbentR: { estimate: -10.234, se: 0.781, cycleSD: 0.563, cycles: [1998, 2006] },
          open: { estimate: 5.773, se: 1.351, cycleSD: 0.202, cycles: [1998, 2006] },
          residualSD: { incumbentD: 8.686, incumbentR: 10.250, open: 12.357 },
        },
        // seats without one: lean + class intercepts (421 seats)
        withoutPrevious: {
          lean: { estimate: 0.701, se: 0.028, cycleSD: 0.155, cycles: [1998, 2002, 2006] },
          incumbentD: { estimate: 24.729, se: 1.152, cycleSD: 6.928, cycles: [1998, 2002, 2006] },
          incumbentR: { estimate: -18.918, se: 1.041, cycleSD: 4.083, cycles: [1998, 2002, 2006] },
          open: { estimate: 2.834, se: 1.699, cycleSD: 11.891, cycles: [1998, 2002, 2006] },
          residualSD: { incumbentD: 13.086, incumbentR: 10.998, open: 15.045 },
        },
      },
    """),
    2014: (slope: "0.304", slopeComment: "// selectionSlope: polled seats' results minus the district model's expected margin, regressed on that margin through 0 (278 polled seats of 1998, 2002, 2006, 2010): 0.30 ± 0.03; unpolled seats -0.05 (1196 seats). Relative to the district table's fundamentals.", table: """
      // The linear district baseline (docs/model.md §1.5): margin - houseVote = lean x b_lean (+ previous x b_previous)
      // + the seat class's intercept, by least squares on the contested seats of [1998, 2002, 2006, 2010], each cycle's seats weighted by recency (half-life 2 years: 1998 0.004, 2002 0.016, 2006 0.062, 2010 0.250); previous = prev_margin
      // minus the previous cycle's House vote. Each value: estimate, classical weighted least-squares SE, the SD of the per-cycle
      // estimates (below two cycles borrowed from the other equation, else 0), cycles. residualSD: root mean square residual by class, pooled fit: each
      // class's total district-noise SD (§3.4). sharedErrors: true draws each coefficient from its cycleSD (§3.5).
      district: {
        // seats with a previous D-vs-R race on the same lines: lean + previous + class intercepts (1005 seats)
        withPrevious: {
          lean: { estimate: 0.518, se: 0.019, cycleSD: 0.179, cycles: [1998, 2006, 2010] },
          previous: { estimate: 0.429, se: 0.021, cycleSD: 0.074, cycles: [1998, 2006, 2010] },
          incumbentD: { estimate: 6.903, se: 0.540, cycleSD: 4.681, cycles: [1998, 2006, 2010] },
          incumbentR: { estimate: -5.391, se: 0.635, cycleSD: 3.640, cycles: [1998, 2006, 2010] },
          open: { estimate: 3.263, se: 0.960, cycleSD: 1.569, cycles: [1998, 2006, 2010] },
          residualSD: { incumbentD: 8.271, incumbentR: 8.348, open: 12.202 },
        },
        // seats without one: lean + class intercepts (469 seats)
        withoutPrevious: {
          lean: { estimate: 0.744, se: 0.023, cycleSD: 0.131, cycles: [1998, 2002, 2006, 2010] },
          incumbentD: { estimate: 20.471, se: 0.953, cycleSD: 6.462, cycles: [1998, 2002, 2006, 2010] },
          incumbentR: { estimate: -17.436, se: 1.127, cycleSD: 4.500, cycles: [1998, 2002, 2006, 2010] },
          open: { estimate: 4.055, se: 1.270, cycleSD: 9.802, cycles: [1998, 2002, 2006, 2010] },
          residualSD: { incumbentD: 11.312, incumbentR: 9.696, open: 13.041 },
        },
      },
    """),
  ]

  /// The fitted lines of each cycle's `noise` table (docs/model.md §3.4): the noise structure of
  /// `bellwether fit --for-cycle C` (fit-config-C.json5 in docs/fit/), its state, region and lean-kernel
  /// SDs (`noise.componentSD`) and its kernel length, or why a cycle keeps the judged split (2006).
  /// `ShippedFitTests` checks them against the fit.
  /// The comment on `environment.nu` and the noise table's tail keys (`varianceInflation`, `nu`, `tScale`):
  /// what `bellwether fit --for-cycle C` says of them (its fragment fit-config-C.json5 in docs/fit/;
  /// docs/fit.md, "Tails"), and why a judgment stays where one does.
  static let tails: [Int: (environment: String, noise: String)] = [
    2006: (environment: """
    `bellwether fit --for-cycle 2006`'s profile
        // likelihood of the 4 eve misses of 1998-2004 runs from 3 to the Gaussian (best 3; docs/fit.md, "Tails").
    """, noise: """
        // Multivariate-t degrees of freedom of the district noise (null = Gaussian): a year can be
        // more erratic district by district; 8 gives moderately fat tails. A judgment: `bellwether fit --for-cycle 2006`
        // has no earlier cycle to forecast its errors from (2002, the one with a cycle before it, is on new lines) and no
        // earlier config (docs/fit.md, "Tails"), so noise.varianceInflation is not set either.
        nu: 8,
        // "scale": the covariance above is the t's scale matrix, so every interval widens (§3.3); chosen with the district table.
        tScale: "scale",
    """),
    2010: (environment: """
    `bellwether fit --for-cycle 2010`'s profile
        // likelihood of the 6 eve misses of 1998-2008 runs from 3 to the Gaussian (best Gaussian; docs/fit.md, "Tails").
    """, noise: """
        // District-noise tails, `bellwether fit --for-cycle 2010` (fit-config-2010.json5 in docs/fit/; docs/fit.md, "Tails"):
        // 2006's seats, forecast by the district fit from 1998 and 2002, erred by 1.081 times the covariance Sigma
        // above (e' Sigma^-1 e / seats; one cycle: no SE). With Sigma's factor fitted one cycle cannot tell a t from
        // the Gaussian (the t's 95% interval runs from 10 to the Gaussian), so the noise is Gaussian with Sigma
        // multiplied by that factor. Chosen over the judged t
        // (nu 8, Sigma its scale matrix) by the four cycles' backtests (README, "Backtest").
        varianceInflation: 1.081,
        // Multivariate-t degrees of freedom of the district noise (null = Gaussian).
        nu: null,
    """),
    2014: (environment: """
    `bellwether fit --for-cycle 2014`'s profile
        // likelihood of the 8 eve misses of 1998-2012 runs from 3 to the Gaussian (best Gaussian; docs/fit.md, "Tails").
    """, noise: """
        // District-noise tails, `bellwether fit --for-cycle 2014` (fit-config-2014.json5 in docs/fit/; docs/fit.md, "Tails"):
        // 2006's and 2010's seats, each forecast by the district fit from the cycles before it, erred by 1.326 and
        // 1.329 times the covariance Sigma above (e' Sigma^-1 e / seats). With Sigma's factor fitted, the t's 95%
        // interval runs from 100 to the Gaussian (two cycles cannot tell fatter tails from it), so the noise is
        // Gaussian with Sigma multiplied by the factor, 1.327 ± 0.067 (the model's SE: the two cycles nearly agree).
        // Chosen over the judged t (nu 8, Sigma its scale matrix) by the four cycles' backtests (README, "Backtest").
        varianceInflation: 1.327,
        // Multivariate-t degrees of freedom of the district noise (null = Gaussian).
        nu: null,
    """),
  ]

  static let noise: [Int: String] = [
    2006: """
        // noise.componentSD is not set: `bellwether fit --for-cycle 2006` (docs/fit/fit-config-2006.json5), from 1998 and
        // 2002 only, puts the kernel length at the longest tried (50 points), so its lean term is not identified
        // (docs/fit.md, "Noise structure"); the judged split below stays.
        // Length (points of lean) over which districts of similar partisanship swing together.
        kernelLength: 10.0,
    """,
    2010: """
        // State, region and lean-kernel SDs (points): `bellwether fit --for-cycle 2010` (docs/fit/fit-config-2010.json5), from the
        // within-cycle pairs of each earlier cycle's own district-fit residuals, corrected for what those fits absorb,
        // cycles 1998, 2002, 2006 (docs/fit.md, "Noise structure"): state 2.65 ± 0.14, region 2.07 ± 0.09, lean 3.33 ± 1.38.
        // Chosen by the four cycles' backtests (README, "Backtest").
        componentSD: { state: 2.650, region: 2.067, lean: 3.326 },
        // Length (points of lean) over which districts of similar partisanship swing together: fitted with
        // componentSD, the best of 2.5-50 points by the pairs' residual sum of squares.
        kernelLength: 30,
    """,
    2014: """
        // State, region and lean-kernel SDs (points): `bellwether fit --for-cycle 2014` (docs/fit/fit-config-2014.json5), from the
        // within-cycle pairs of each earlier cycle's own district-fit residuals, corrected for what those fits absorb,
        // cycles 1998, 2002, 2006, 2010 (docs/fit.md, "Noise structure"): state 2.19 ± 0.48, region 2.20 ± 0.13, lean 5.54 ± 2.12.
        // Chosen by the four cycles' backtests (README, "Backtest").
        componentSD: { state: 2.188, region: 2.199, lean: 5.542 },
        // Length (points of lean) over which districts of similar partisanship swing together: fitted with
        // componentSD, the best of 2.5-50 points by the pairs' residual sum of squares.
        kernelLength: 30,
    """,
  ]

  var text: String {
    let seed = electionDay.components.year * 10_000 + electionDay.components.month * 100 + electionDay.components.day
    return """
    // Bellwether cycle config: the \(cycle) U.S. House, forecast as of the day before the election.
    // Written by `bellwether import` (Sources/BellwetherSources/HistoryCycleConfig.swift; provenance in
    // \(cycle)/PROVENANCE.md): change the template there, not this file, which the next import rewrites.
    // Every prior of the model (docs/model.md, after ../shared/MODEL.md) lives here, with what it means
    // and where its default comes from. The fitted tables (environment.missByHorizon, district, polls) are
    // `bellwether fit --for-cycle \(cycle)`'s, from earlier cycles only; the other priors are those of
    // house-2018.json5. None was fitted to the \(cycle) results. Some sources cited below were published after
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
        // were about 4-5 points against a 2.5 mean). A judgment the data cannot settle: \(HistoryCycleConfig.tails[cycle]!.environment)
        nu: 5,
      },

      // Reading the environment from special elections (x = margin - lean of the special's district).
      specials: {
        // Translation E | specials ~ N(alpha + beta * E_s, beta^2 SE^2 + sigmaT^2) (docs/model.md §2.3); a swing is
        // measured from the last presidential margin (\(marginText) in \(presidentialYear): \(String(format: "%+.3f", nationalPres)) two-party, D \(demVotes) to R \(repVotes),
        // ../shared/data/\(PresidentialNationalMargin.file)), hence alpha = (1 - beta) * lean.nationalMargin, derived from the lean table above
        // (\(String(format: "%.3f", (1 - beta) * nationalPres))).
        \(betaComment)
        alpha: "derived",
        beta: \(beta),
        // Spread of the general-election environment around the translated specials (points): 3 is a judgment
        // call; the fit cannot identify it (docs/fit.md, "Specials' translation").
        sigmaT: 3.0,
        // Weight of a special halves every halfLifeDays before asOf (recent specials say more about now). A judgment, not
        // fitted: the shipped cycles before 2018 hold 4, 10 and 11 federal specials, one House vote each to score them
        // against, too few to tell half-lives apart (docs/fit.md, "Not fitted here").
        halfLifeDays: 180,
        // Sampling/turnout noise of one special (points); tau (between-special spread) is estimated on top. A judgment,
        // not fitted: only the scatter of specials held on one day in one state separates it from tau, and the only
        // shipped cycle with such specials is 2018, which no fit for 2018 may read (docs/fit.md, "Not fitted here").
        samplingSD: 5.0,
        // Weight factor by level: state-legislative races are low-turnout and candidate-driven, so half weight (a
        // judgment: no cycle before 2018 has specials of more than one level).
        // This cycle's table holds federal House specials only (../shared/data has no state-legislative ones).
        levelWeights: { federal: 1.0, statewide: 1.0, state_legislative: 0.5 },
      },

      incumbency: {
        // Margin points added for a Democratic incumbent (subtracted for a Republican). Jacobson (2015,
        // J. Politics 77(3), "It's Nothing Personal") puts the vote-share advantage at 2-3 points in
        // 2000-2014, i.e. 4-6 margin points, and falling; we take the low end. With the district table below,
        // contested seats take their class terms from it instead; this is the fixed seats' shown baseline.
        advantage: 4.0,
      },

      // The linear district baseline (docs/model.md §1.5) with noise by seat class (§3.4), replacing the uniform rule
      // lean + incumbency for every contested seat: `bellwether fit --for-cycle \(cycle)`'s table (fit-config-\(cycle).json5 in docs/fit/),
      // from the cycles before \(cycle) only. Chosen with the joint poll conditioning, its selection slope and the t scale
      // matrix by the four cycles' mean Brier score (README, "Backtest"). sharedErrors (§3.5) is off: with it the
      // four-cycle mean was no better (docs/scripts/model-variants.py).
    \(HistoryCycleConfig.fitted[cycle]?.table ?? "")

      // Correlated district noise: Sigma = sState^2 SS' + sRegion^2 RR' + sLean^2 K + sIdio^2 I.
      noise: {
        // With the district table's residualSD (below) each seat's total is its class's; with componentSD, that
        // sets the state, region and lean-kernel parts (docs/model.md §3.4), and tau, scaleFromTau, minimumSD and the
        // state/region/lean shares then set nothing a forecast uses (shares.idiosyncratic stays the floor of a
        // seat's own part, 0.5 of its class variance). Otherwise:
        // Total district SD = max(minimumSD, scaleFromTau * tau): specials' dispersion tau sets the scale;
        // general elections are far less erratic than specials (turnout of a third or less, candidate-driven
        // races), so the factor is one half: a judgment prior, not fitted.
        scaleFromTau: 0.5,
        minimumSD: 5.0,
        // Variance shares (must sum to 1). Half idiosyncratic (candidates, local issues), a quarter shared
        // within a state, the rest shared by region (Census division) and by similar partisanship.
        shares: { state: 0.25, region: 0.10, lean: 0.15, idiosyncratic: 0.50 },
    \(HistoryCycleConfig.noise[cycle] ?? "    kernelLength: 10.0,")
    \(HistoryCycleConfig.tails[cycle]!.noise)
      },

      // District polls as evidence (docs/model.md §2.5): poll = true margin + bias + sponsorLean toward a
      // sponsor + shared error (sharedSD, the cycle's) + district error (districtSD) + the poll's own (pollSD).
      // Values from \(HistoryCycleConfig.pollPriors[cycle]?.source ?? "nowhere"); maxAgeDays (polls older than this before asOf are not used) is a judgment.
      // conditioning "joint": every poll conditions every seat, the environment and the shared noise at once (§2.5).
      \(HistoryCycleConfig.fitted[cycle]?.slopeComment ?? "")
      polls: { \(HistoryCycleConfig.pollPriors[cycle]?.values ?? ""), maxAgeDays: 60, conditioning: "joint", selectionSlope: \(HistoryCycleConfig.fitted[cycle]?.slope ?? "0") },

      simulation: {
        draws: 1000000,   // default draws (override with --draws); at most 10,000,000,000
        seed: \(seed),   // default master seed (override with --seed; the election day); 0 ... 2^53-1
      },
    }

    """
  }
}
