import BellwetherEngine
import Foundation

/// `report.html`: the whole forecast on one self-contained page for people.
///
/// The page holds its charts as inline SVG, its style as inline CSS and one small inline script
/// (`ReportScript`: search, sort and filter of the all-seats table); it loads nothing (no script,
/// font, image or stylesheet from the network), so it opens the same from a disk, a mail attachment
/// or a web server, and it is complete without its script. Every chart has a data table
/// beside it (`<details>`), every table a caption and scoped headers. It answers, in order: who is favoured to win the chamber and how sure the model
/// is (headline and seat histogram), which seats decide it (district odds chart, tipping-point and
/// competitive seats), where the national environment comes from (prior, specials, posterior),
/// how the forecast moved (history, when one exists), and exactly what the run was (config, seed,
/// draws, input hashes). Like every report it holds no clock time.
enum ReportHTML {
  /// The page's charts, rendered once and shared with the standalone SVG files.
  struct Charts: Sendable {
    var seats: SVGDocument
    var districts: SVGDocument
    var environment: SVGDocument
    var history: SVGDocument?
    /// The seats curve from the run's own draws (`SeatsCurve.adaptive`: bins of 0.5 to 2 points,
    /// each of at least `curvePointDraws` draws); nil for a scenario or when it has no points.
    var seatsCurve: SVGDocument?
    var curve: SeatsCurve?
    /// The same charts in their narrow layouts (`ChartStyle.narrowWidth` wide), which the page
    /// shows instead of the wide ones on a screen too narrow for them (`ReportHTML.chart`).
    var narrow: Narrow

    /// The narrow layouts of the page's charts.
    struct Narrow: Sendable {
      var seats: SVGDocument
      var districts: SVGDocument
      var environment: SVGDocument
      var history: SVGDocument?
      var seatsCurve: SVGDocument?
    }
  }

  /// The fewest draws a point of the page's seats curve is built from: binomial SE of its chance at
  /// most 0.5 / sqrt(1,000) = 1.6 points, drawn as a band of ±2 SE (docs/reports.md, "The seats
  /// curve on the page"). `bellwether seats-curve` keeps its own floor of 10,000 (`--point-draws`).
  static let curvePointDraws = 1_000

  /// Renders the charts of a result.
  static func charts(_ result: ForecastResult, history: [HistoryPoint]) -> Charts {
    let model = result.model
    let fixedEnvironment = model.fixedEnvironment
    let plan = model.plan
    let chamber = model.inputs.config.chamber.name
    var seatsChart = SeatHistogramChart(counts: result.tallies.seatCounts, majority: plan.majority,
                                        title: "\(chamber): Democratic seats, as of \(model.asOf.iso)")
    var districtsChart = DistrictOddsChart(districts: result.districts, majority: plan.majority,
                                           title: "\(chamber): every seat's odds, as of \(model.asOf.iso)")
    let envCounts = (0..<SimulationPlan.environmentBins).map(result.tallies.draws(inEnvironmentBin:))
    let specials = model.specials.rows.map {
      EnvironmentChart.Special(x: $0.special.shift, weightShare: $0.weightShare, level: $0.special.level,
                               label: "\($0.special.date.iso) \($0.special.state) \($0.special.seat)")
    }
    var translated: (mean: Double, sd: Double)?
    if let m = model.posterior.specialsMean, let sd = model.posterior.specialsSD { translated = (m, sd) }
    var environmentChart = EnvironmentChart(
      title: "\(chamber): national environment, as of \(model.asOf.iso)", prior: (model.prior.mean, model.prior.sd),
      translated: translated, posterior: EnvironmentDrawDistribution(plan: plan), drawCounts: envCounts,
      binOrigin: -SimulationPlan.environmentRange, binWidth: SimulationPlan.environmentBinWidth, specials: specials,
      specialsEstimate: model.specials.estimate, fixedEnvironment: fixedEnvironment)
    let seats = seatsChart.render(), districts = districtsChart.render(), environment = environmentChart.render()
    seatsChart.narrow = true
    districtsChart.narrow = true
    environmentChart.narrow = true
    var narrow = Charts.Narrow(seats: seatsChart.render(), districts: districtsChart.render(), environment: environmentChart.render())
    var historyChart: SVGDocument?
    if let last = history.map(\.asOf).max() {
      var chart = HistoryChart(points: history, majority: plan.majority,
                               title: "\(chamber): the forecast over time, through \(last.iso)")
      historyChart = chart.render()
      chart.narrow = true
      narrow.history = chart.render()
    }
    var curve: SeatsCurve?
    var curveChart: SVGDocument?
    if fixedEnvironment == nil {
      let c = SeatsCurve.adaptive(plan: plan, tallies: result.tallies, minimumDraws: curvePointDraws)
      if !c.points.isEmpty {
        curve = c
        var chart = SeatsCurveChart(curve: c, title: "\(chamber): seats by national environment, as of \(model.asOf.iso)")
        curveChart = chart.render()
        chart.narrow = true
        narrow.seatsCurve = chart.render()
      }
    }
    var charts = Charts(seats: seats, districts: districts, environment: environment, history: historyChart,
                        seatsCurve: curveChart, curve: curve, narrow: narrow)
    let source = ReportHTML.source(result)
    charts.seats.source = source
    charts.districts.source = source
    charts.environment.source = source
    charts.history?.source = "Source: Bellwether run history (\(Formats.count(history.count, "as-of date"))), latest run: "
      + source.dropFirst("Source: ".count)
    charts.seatsCurve?.source = source
    return charts
  }

  /// The source line of a standalone chart: program, config file, as-of date, draws and seed.
  static func source(_ result: ForecastResult) -> String {
    let model = result.model
    return "Source: Bellwether forecast, \((model.inputs.config.path as NSString).lastPathComponent), as of \(model.asOf.iso), "
      + "\(Formats.count(result.tallies.draws)) simulations, seed \(model.plan.seed)"
  }

  /// Renders the page.
  /// - Parameters:
  ///   - result: the run.
  ///   - history: the recorded history (one point per as-of date), empty for none.
  ///   - charts: the charts, if already rendered.
  ///   - previousSeats: the previous run's chance of a Democratic win by seat id, when known (for
  ///     "what changed").
  ///   - files: the names of every file the run writes, listed at the foot of the page
  ///     (`ReportBundle.reportNames` and the exports); by default the reports of this page.
  static func render(_ result: ForecastResult, history: [HistoryPoint] = [], charts: Charts? = nil,
                     previousSeats: [String: Double]? = nil, files: [String]? = nil) -> String {
    let charts = charts ?? ReportHTML.charts(result, history: history)
    let model = result.model
    let fixedEnvironment = model.fixedEnvironment
    let config = model.inputs.config
    let plan = model.plan
    let s = result.seats
    let e = SVGDocument.escape
    let p = s.majorityProbability
    let chamber = config.chamber.name
    func f(_ v: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", v) }

    var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    h += "<title>\(e(chamber)) forecast, as of \(model.asOf.iso)</title>\n<style>\n\(ReportStyle.css)</style>\n"
    h += "<script>\(ReportScript.errorTrap)</script>\n</head>\n<body>\n<main>\n"

    // Headline.
    h += "<header>\n<p class=\"kicker\">\(e(chamber)) · forecast as of \(model.asOf.iso) · \(Formats.count(plan.draws)) simulations</p>\n"
    if let fixedEnvironment {
      h += "<p class=\"scenario\">Scenario, not the forecast: the national environment is fixed at "
      h += "<strong>\(Formats.margin(fixedEnvironment))</strong>; everything below is conditional on it.</p>\n"
    }
    let leader = p >= 0.5 ? "Democrats" : "Republicans"
    let leaderChance = max(p, 1 - p)
    let party = "<span class=\"\(p >= 0.5 ? "dem" : "rep")\">\(leader)</span>"
    if leaderChance < 0.6 {
      h += "<h1>A toss-up: \(party) win control in \(Formats.percent(leaderChance)) of simulations</h1>\n"
    } else {
      let strength = leaderChance >= 0.95 ? "are clear favourites" : leaderChance >= 0.75 ? "are favoured" : "are slightly favoured"
      h += "<h1>\(party) \(strength) to win control: \(Formats.percent(leaderChance)) of simulations</h1>\n"
    }
    h += "<div class=\"figures\">\n"
    let pError = "Monte Carlo error \(Formats.percentError(result.errors.majorityProbability))"
    h += figure("Democratic majority (\(plan.majority)+ seats)", Formats.percent(p), note: pError, cls: "dem")
    h += figure("Republican majority", Formats.percent(1 - p), note: pError, cls: "rep")
    h += figure("Democratic seats (median)", "\(s.median)", note: "80%: \(s.quantiles.p10)–\(s.quantiles.p90) · 95%: \(s.quantiles.p2_5)–\(s.quantiles.p97_5)")
    h += figure("Expected net change", String(format: "%+.1f", result.expectedNetChange), note: "from \(result.democraticSeatsBefore) Democratic seats held · Monte Carlo error ± \(Formats.error(result.errors.meanSeats))")
    h += figure("National environment", fixedEnvironment.map { "\(Formats.margin($0)) (fixed)" } ?? "\(Formats.margin(plan.environmentMean)) ± \(f(plan.environmentSD))",
                note: "two-party margin, D minus R")
    h += "</div>\n"
    h += "<p class=\"note mc\">\(e(MonteCarloText.standardErrors(result))) \(e(MonteCarloText.quantileRanges(result)))</p>\n"
    if fixedEnvironment == nil, let changes = RunChanges(result: result, history: history, previousSeats: previousSeats) {
      h += changes.html(majority: plan.majority)
    }
    h += "<nav><a href=\"#seats\">Seats</a> · <a href=\"#districts\">Districts</a> · <a href=\"#tipping\">Tipping point</a> · "
    h += "<a href=\"#all-seats\">All seats</a> · "
    h += "<a href=\"#environment\">Environment</a>" + (charts.seatsCurve != nil ? " · <a href=\"#curve\">Seats curve</a>" : "")
    h += (charts.history != nil ? " · <a href=\"#history\">History</a>" : "")
    h += " · <a href=\"#run\">Run</a></nav>\n</header>\n"

    // Seats.
    h += "<section id=\"seats\">\n<h2>How many seats</h2>\n<figure>\(ReportHTML.chart(charts.seats, narrow: charts.narrow.seats))"
    h += "<figcaption>Each bar is the share of the \(Formats.count(plan.draws)) simulations that gave the Democrats that many seats; "
    h += "blue bars are Democratic majorities. The mean is \(f(s.mean)) seats (± \(Formats.error(result.errors.meanSeats)), one Monte Carlo standard error), the mode \(s.mode). "
    h += "\(plan.fixedDemocratic) Democratic and \(plan.seats - plan.contested - plan.fixedDemocratic) Republican seats have no two-party contest.</figcaption></figure>\n"
    h += seatDistributionTable(result)
    h += "</section>\n"

    // Districts.
    let tipping = result.tippingPointSeats(limit: 10)
    h += "<section id=\"districts\">\n<h2>Every seat</h2>\n<figure class=\"wide\">\(ReportHTML.chart(charts.districts, narrow: charts.narrow.districts))"
    h += "<figcaption>All \(result.districts.count) seats, from the most Democratic on the left to the most Republican on the right. "
    h += "Each column is a seat's 80% margin interval, coloured by its rating (\(ratingKey())); the tick is the mean margin. "
    h += "The dashed line falls after the \(Formats.ordinal(plan.majority)) seat: the seats around it decide control. "
    h += "Every seat's figures are in <a href=\"#all-seats\">the table of all seats</a> (search, sort, filter by rating); "
    h += "a pointer shows them on hover.</figcaption></figure>\n"
    h += "</section>\n"

    h += "<section id=\"tipping\">\n<h2>The seats that decide it</h2>\n<div class=\"cols\">\n<div>\n"
    h += "<h3>Tipping-point seats</h3>\n<p class=\"note\">The seat that supplies the \(Formats.ordinal(plan.majority)) Democratic seat when "
    h += "the seats are ranked by margin, in each simulation.</p>\n"
    h += "<div class=\"table-frame\"><table><caption>The \(tipping.count) seats most often at the tipping point</caption>"
    h += "<thead><tr><th scope=\"col\">Seat</th><th scope=\"col\">Tipping point</th><th scope=\"col\">Chance D</th>"
    h += "<th scope=\"col\">Mean margin</th></tr></thead><tbody>\n"
    for d in tipping {
      h += "<tr><th scope=\"row\" class=\"seat\">\(e(d.id))</th><td>\(Formats.percent(d.tippingProbability, standardError: d.tippingProbabilityStandardError))</td>"
      h += "<td>\(Formats.percent(d.democraticWinProbability, standardError: d.democraticWinProbabilityStandardError))</td><td>\(d.meanMargin.map { Formats.margin($0) } ?? "")</td></tr>\n"
    }
    h += "</tbody></table></div>\n</div>\n<div>\n<h3>Closest seats</h3>\n<p class=\"note\">Contested seats nearest a coin flip.</p>\n"
    let closest = result.mostCompetitive(limit: 10)
    h += "<div class=\"table-frame\"><table><caption>The \(closest.count) contested seats nearest a coin flip</caption><thead><tr>"
    h += "<th scope=\"col\">Seat</th><th scope=\"col\">Incumbent</th><th scope=\"col\">Chance D</th>"
    h += "<th scope=\"col\">80% margin interval</th></tr></thead><tbody>\n"
    for d in closest {
      h += "<tr><th scope=\"row\" class=\"seat\">\(e(d.id))</th><td>\(Party.incumbentCode(d.incumbent))</td><td>\(Formats.percent(d.democraticWinProbability, standardError: d.democraticWinProbabilityStandardError))</td>"
      h += "<td class=\"nowrap\">\(d.margin10.map { Formats.margin($0) } ?? "") to \(d.margin90.map { Formats.margin($0) } ?? "")</td></tr>\n"
    }
    h += "</tbody></table></div>\n</div>\n</div>\n</section>\n"

    // All seats.
    h += "<section id=\"all-seats\">\n<h2>All \(result.districts.count) seats</h2>\n"
    h += "<p class=\"note\">Ratings from each seat's chance of a Democratic win: \(ratingKey()). "
    h += "The district table has no candidate names, so seats are named by their ids.</p>\n"
    h += SeatTable.render(result, majority: plan.majority)
    h += "</section>\n"

    // Environment.
    h += "<section id=\"environment\">\n<h2>The national environment</h2>\n<figure>\(ReportHTML.chart(charts.environment, narrow: charts.narrow.environment))"
    h += "<figcaption>"
    if let fixedEnvironment {
      h += "In this scenario every simulation uses the environment \(Formats.margin(fixedEnvironment)); the prior and the specials are shown for reference. "
    }
    h += "Prior: \(e(model.prior.method)). Each dot below the curves is a special election's "
    h += "x = margin − lean, before the translation E = α + β·E_s (α = \(NumberText.plain(config.priors.translationAlpha)), "
    h += "β = \(NumberText.plain(config.priors.translationBeta))).</figcaption></figure>\n<ul class=\"facts\">\n"
    h += "<li>Prior: \(Formats.margin(model.prior.mean)) ± \(f(model.prior.sd))</li>\n"
    if let es = model.specials.estimate, let se = model.specials.standardError,
       let tm = model.posterior.specialsMean, let tsd = model.posterior.specialsSD {
      h += "<li>Specials: \(model.specials.rows.count) held before \(model.asOf.iso)"
      h += model.specials.clusters.map { " (\($0) same-day same-state clusters)" } ?? ""
      h += "; random-effects estimate E_s = "
      h += "\(Formats.margin(es)) ± \(f(se)), τ = \(f(model.specials.tau)); translated \(Formats.margin(tm)) ± \(f(tsd))</li>\n"
    } else {
      h += "<li>Specials: none held before \(model.asOf.iso)</li>\n"
    }
    h += "<li>Posterior: <strong>\(Formats.margin(model.posterior.mean)) ± \(f(model.posterior.sd))</strong>"
    h += plan.environmentNu.isFinite && fixedEnvironment == nil ? " (Student t, ν = \(NumberText.plain(plan.environmentNu)))" : ""
    h += "; mean of the environment drawn \(Formats.margin(result.environmentDrawMean))</li>\n</ul>\n"
    h += environmentTable(result, counts: (0..<SimulationPlan.environmentBins).map(result.tallies.draws(inEnvironmentBin:)))
    h += "<details><summary>Data: the \(Formats.count(model.specials.rows.count, "special")) and their weights</summary>\n"
    h += "<div class=\"table-frame\"><table class=\"small\"><caption>Specials held before \(model.asOf.iso), latest first: x = margin − lean, "
    h += "weight share in the random-effects estimate, residual from it</caption><thead><tr>"
    h += ["Date", "State", "Seat", "Level", "x", "Weight", "Residual"].enumerated()
      .map { "<th scope=\"col\"\([3, 6].contains($0.offset) ? " class=\"sec\"" : "")>\($0.element)</th>" }.joined()
    h += "</tr></thead><tbody>\n"
    for r in model.specials.rows.reversed() {
      h += row(r.special.date.iso, headingClass: "nowrap", cells: [
        Cell(e(r.special.state), "state"), Cell(e(r.special.seat), "seat"), Cell(e(r.special.level), "level", secondary: true),
        Cell(Formats.margin(r.special.shift), "x", cls: "nowrap"), Cell(Formats.percent(r.weightShare, digits: 2), "weight"),
        Cell(String(format: "%+.1f", r.residual), "residual", secondary: true),
      ])
    }
    h += "</tbody></table></div>\n</details>\n</section>\n"

    // Seats curve.
    if let chart = charts.seatsCurve, let narrowChart = charts.narrow.seatsCurve, let curve = charts.curve {
      h += "<section id=\"curve\">\n<h2>How the popular vote turns into seats</h2>\n<figure>\(ReportHTML.chart(chart, narrow: narrowChart))"
      h += "<figcaption>The chance of a Democratic majority and the Democratic seats given the national environment (the "
      let width = curve.points[0].binHigh - curve.points[0].binLow
      h += "national two-party margin), from this run's own draws: each point pools the draws whose environment fell in a "
      h += "\(NumberText.plain(width))-point bin (the narrowest of 0.5, 1, 1.5 and 2 points giving five bins of at least "
      h += "\(curvePointDraws) draws, else the one giving the most), placed at the bin's mean environment; the band is ±2 Monte Carlo standard errors. "
      if let even = curve.evenOddsEnvironment {
        h += "Republicans are favoured below \(Formats.margin(even, digits: 2)), Democrats above it. "
      }
      h += "<code>bellwether seats-curve</code> extends the curve into the tails by simulating them again.</figcaption></figure>\n"
      h += curveTable(curve)
      h += "</section>\n"
    }

    // History.
    if let chart = charts.history, let narrowChart = charts.narrow.history, let latest = history.max(by: { $0.asOf < $1.asOf }) {
      h += "<section id=\"history\">\n<h2>The forecast over time</h2>\n<figure>\(ReportHTML.chart(chart, narrow: narrowChart))"
      h += "<figcaption>One point per as-of date from the run history (\(Formats.count(history.count, "date")), latest \(latest.asOf.iso)). "
      h += "Backfilled days were reconstructed afterwards from the specials held before each day.</figcaption></figure>\n"
      h += historyTable(history)
      h += "</section>\n"
    }

    // Run.
    h += "<section id=\"run\">\n<h2>This run</h2>\n<table class=\"small kv\"><caption>The run's settings</caption><tbody>\n"
    var rows: [(String, String)] = [
      ("Config", (config.path as NSString).lastPathComponent), ("Chamber", "\(chamber): \(plan.seats) seats, \(plan.majority) for a majority"),
      ("As of", model.asOf.iso), ("Election day", config.chamber.electionDate.iso), ("Seed", String(plan.seed)),
      ("Draws", "\(plan.draws) in blocks of \(SimulationPlan.blockSize)"),
      ("Monte Carlo error", "binomial sqrt(p(1 − p)/N) for every chance and share; sd(seats)/√N for the mean seats; "
        + "for a seat quantile at level q, the quantiles at q ± 2·sqrt(q(1 − q)/N) (order statistics, about 95%)"),
      ("Noise factor", "\(plan.factor.method.rawValue), rank \(plan.factor.rank)"),
      ("District noise SD", NoiseSummaryText.value(model)),
      config.priors.districtBaseline == nil
        ? ("Incumbency advantage", "\(NumberText.plain(config.priors.incumbencyAdvantage)) points")
        : ("Baseline", "the district table (docs/model.md §1.5); incumbency advantage \(NumberText.plain(config.priors.incumbencyAdvantage)) points for the fixed seats only"),
      ("Environment ν", plan.environmentNu.isFinite ? NumberText.plain(plan.environmentNu) : "normal"),
      ("Noise ν", plan.noiseNu.isFinite ? NumberText.plain(plan.noiseNu) : "Gaussian"),
    ]
    if let fixedEnvironment { rows.append(("Scenario", "environment fixed at \(Formats.margin(fixedEnvironment))")) }
    for (k, v) in rows { h += "<tr><th scope=\"row\">\(e(k))</th><td>\(e(v))</td></tr>\n" }
    h += "</tbody></table>\n<h3>Inputs (SHA-256)</h3>\n<table class=\"small kv\"><caption>SHA-256 of the config and of every data table</caption><tbody>\n"
    for key in model.inputs.hashes.keys.sorted() {
      h += "<tr><th scope=\"row\">\(e(key))</th><td><code>\(e(model.inputs.hashes[key]!))</code></td></tr>\n"
    }
    h += "</tbody></table>\n<p class=\"note\">The same data, config, seed and draws give the same figures bit for bit, for any "
    h += "number of threads. The files of this run: "
    h += (files ?? ReportBundle.reportNames(history: charts.history != nil)).map { "<code>\(e($0))</code>" }.joined(separator: ", ")
    h += ".</p>\n</section>\n<p id=\"selftest-result\" class=\"note\"></p>\n</main>\n<script>\n\(ReportScript.source)</script>\n</body>\n</html>\n"
    return h
  }

  static func figure(_ label: String, _ value: String, note: String? = nil, cls: String? = nil) -> String {
    var out = "<div class=\"figure\"><div class=\"label\">\(SVGDocument.escape(label))</div>"
    out += "<div class=\"value\(cls.map { " " + $0 } ?? "")\">\(SVGDocument.escape(value))</div>"
    if let note { out += "<div class=\"note\">\(SVGDocument.escape(note))</div>" }
    return out + "</div>\n"
  }
}
