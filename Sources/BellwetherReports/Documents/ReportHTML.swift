import BellwetherEngine
import Foundation

/// `report.html`: the whole forecast on one self-contained page for people.
///
/// The page holds its charts as inline SVG and its style as inline CSS; it loads nothing (no script,
/// font, image or stylesheet from the network), so it opens the same from a disk, a mail attachment
/// or a web server. It answers, in order: who is favoured to win the chamber and how sure the model
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
  }

  /// Renders the charts of a result.
  static func charts(_ result: ForecastResult, history: [HistoryPoint]) -> Charts {
    let model = result.model
    let fixedEnvironment = model.fixedEnvironment
    let plan = model.plan
    let chamber = model.inputs.config.chamber.name
    let seats = SeatHistogramChart(counts: result.tallies.seatCounts, majority: plan.majority,
                                   title: "\(chamber): Democratic seats, as of \(model.asOf.iso)").render()
    let districts = DistrictOddsChart(districts: result.districts, majority: plan.majority,
                                      title: "\(chamber): every seat's odds, as of \(model.asOf.iso)").render()
    let envCounts = (0..<SimulationPlan.environmentBins).map(result.tallies.draws(inEnvironmentBin:))
    let specials = model.specials.rows.map {
      EnvironmentChart.Special(x: $0.special.shift, weightShare: $0.weightShare, level: $0.special.level,
                               label: "\($0.special.date.iso) \($0.special.state) \($0.special.seat)")
    }
    var translated: (mean: Double, sd: Double)?
    if let m = model.posterior.specialsMean, let sd = model.posterior.specialsSD { translated = (m, sd) }
    let environment = EnvironmentChart(
      title: "\(chamber): national environment, as of \(model.asOf.iso)", prior: (model.prior.mean, model.prior.sd),
      translated: translated, posterior: EnvironmentDrawDistribution(plan: plan), drawCounts: envCounts,
      binOrigin: -SimulationPlan.environmentRange, binWidth: SimulationPlan.environmentBinWidth, specials: specials,
      specialsEstimate: model.specials.estimate, fixedEnvironment: fixedEnvironment).render()
    let historyChart = history.isEmpty ? nil
      : HistoryChart(points: history, majority: plan.majority, title: "\(chamber): the forecast over time").render()
    return Charts(seats: seats, districts: districts, environment: environment, history: historyChart)
  }

  /// Renders the page.
  /// - Parameters:
  ///   - result: the run.
  ///   - history: the recorded history (one point per as-of date), empty for none.
  ///   - charts: the charts, if already rendered.
  static func render(_ result: ForecastResult, history: [HistoryPoint] = [], charts: Charts? = nil) -> String {
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
    h += "<title>\(e(chamber)) forecast, as of \(model.asOf.iso)</title>\n<style>\n\(css)</style>\n</head>\n<body>\n<main>\n"

    // Headline.
    h += "<header>\n<p class=\"kicker\">\(e(chamber)) · forecast as of \(model.asOf.iso) · \(plan.draws) simulations</p>\n"
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
    h += "<nav><a href=\"#seats\">Seats</a> · <a href=\"#districts\">Districts</a> · <a href=\"#tipping\">Tipping point</a> · "
    h += "<a href=\"#environment\">Environment</a>" + (charts.history != nil ? " · <a href=\"#history\">History</a>" : "")
    h += " · <a href=\"#run\">Run</a></nav>\n</header>\n"

    // Seats.
    h += "<section id=\"seats\">\n<h2>How many seats</h2>\n<figure>\(charts.seats.render(standalone: false))"
    h += "<figcaption>Each bar is the share of the \(plan.draws) simulations that gave the Democrats that many seats; "
    h += "blue bars are Democratic majorities. The mean is \(f(s.mean)) seats (± \(Formats.error(result.errors.meanSeats)), one Monte Carlo standard error), the mode \(s.mode). "
    h += "\(plan.fixedDemocratic) Democratic and \(plan.seats - plan.contested - plan.fixedDemocratic) Republican seats have no two-party contest.</figcaption></figure>\n</section>\n"

    // Districts.
    let tipping = result.tippingPointSeats(limit: 10)
    h += "<section id=\"districts\">\n<h2>Every seat</h2>\n<figure class=\"wide\">\(charts.districts.render(standalone: false))"
    h += "<figcaption>All \(result.districts.count) seats, from the most Democratic on the left to the most Republican on the right. "
    h += "Each column is a seat's 80% margin interval, coloured by its chance of a Democratic win; the tick is the mean margin. "
    h += "The dashed line falls after the \(plan.majority)th seat: the seats around it decide control. Hover a column for its figures.</figcaption></figure>\n"
    h += "</section>\n"

    h += "<section id=\"tipping\">\n<h2>The seats that decide it</h2>\n<div class=\"cols\">\n<div>\n"
    h += "<h3>Tipping-point seats</h3>\n<p class=\"note\">The seat that supplies the \(plan.majority)th Democratic seat when "
    h += "the seats are ranked by margin, in each simulation.</p>\n"
    h += "<table><thead><tr><th>Seat</th><th>Tipping point</th><th>Chance D</th><th>Mean margin</th></tr></thead><tbody>\n"
    for d in tipping {
      h += "<tr><td>\(e(d.id))</td><td>\(Formats.percent(d.tippingProbability, standardError: d.tippingProbabilityStandardError))</td>"
      h += "<td>\(Formats.percent(d.democraticWinProbability, standardError: d.democraticWinProbabilityStandardError))</td><td>\(d.meanMargin.map { Formats.margin($0) } ?? "")</td></tr>\n"
    }
    h += "</tbody></table>\n</div>\n<div>\n<h3>Closest seats</h3>\n<p class=\"note\">Contested seats nearest a coin flip.</p>\n"
    h += "<table><thead><tr><th>Seat</th><th>Incumbent</th><th>Chance D</th><th>80% margin interval</th></tr></thead><tbody>\n"
    for d in result.mostCompetitive(limit: 10) {
      h += "<tr><td>\(e(d.id))</td><td>\(Party.incumbentCode(d.incumbent))</td><td>\(Formats.percent(d.democraticWinProbability, standardError: d.democraticWinProbabilityStandardError))</td>"
      h += "<td>\(d.margin10.map { Formats.margin($0) } ?? "") to \(d.margin90.map { Formats.margin($0) } ?? "")</td></tr>\n"
    }
    h += "</tbody></table>\n</div>\n</div>\n"
    h += "<details><summary>All \(result.districts.count) seats</summary>\n<table class=\"small\"><thead><tr><th>Seat</th>"
    h += "<th>Incumbent</th><th>Lean</th><th>Chance D</th><th>Mean margin</th><th>80% interval</th><th>Tipping point</th>"
    h += "<th>Note</th></tr></thead><tbody>\n"
    for d in DistrictOddsChart(districts: result.districts, majority: plan.majority, title: "").ordered {
      h += "<tr><td>\(e(d.id))</td><td>\(Party.incumbentCode(d.incumbent))</td><td>\(Formats.margin(d.lean))</td><td>\(Formats.percent(d.democraticWinProbability))</td>"
      if let m = d.meanMargin, let lo = d.margin10, let hi = d.margin90 {
        h += "<td>\(Formats.margin(m))</td><td>\(Formats.margin(lo)) to \(Formats.margin(hi))</td>"
      } else {
        h += "<td colspan=\"2\">\(d.status == .fixed(.democratic) ? "no Republican on the ballot" : "no Democrat on the ballot")</td>"
      }
      h += "<td>\(d.tippingProbability > 0 ? Formats.percent(d.tippingProbability, digits: 2) : "")</td><td>\(e(d.note))</td></tr>\n"
    }
    h += "</tbody></table>\n</details>\n</section>\n"

    // Environment.
    h += "<section id=\"environment\">\n<h2>The national environment</h2>\n<figure>\(charts.environment.render(standalone: false))"
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
      h += "<li>Specials: \(model.specials.rows.count) held before \(model.asOf.iso); random-effects estimate E_s = "
      h += "\(Formats.margin(es)) ± \(f(se)), τ = \(f(model.specials.tau)); translated \(Formats.margin(tm)) ± \(f(tsd))</li>\n"
    } else {
      h += "<li>Specials: none held before \(model.asOf.iso)</li>\n"
    }
    h += "<li>Posterior: <strong>\(Formats.margin(model.posterior.mean)) ± \(f(model.posterior.sd))</strong>"
    h += plan.environmentNu.isFinite && fixedEnvironment == nil ? " (Student t, ν = \(NumberText.plain(plan.environmentNu)))" : ""
    h += "; mean of the environment drawn \(Formats.margin(result.environmentDrawMean))</li>\n</ul>\n"
    h += "<details><summary>The \(model.specials.rows.count) specials and their weights</summary>\n<table class=\"small\"><thead><tr>"
    h += "<th>Date</th><th>State</th><th>Seat</th><th>Level</th><th>x</th><th>Weight</th><th>Residual</th></tr></thead><tbody>\n"
    for r in model.specials.rows.reversed() {
      h += "<tr><td>\(r.special.date.iso)</td><td>\(e(r.special.state))</td><td>\(e(r.special.seat))</td><td>\(e(r.special.level))</td>"
      h += "<td>\(Formats.margin(r.special.shift))</td><td>\(Formats.percent(r.weightShare, digits: 2))</td><td>\(String(format: "%+.1f", r.residual))</td></tr>\n"
    }
    h += "</tbody></table>\n</details>\n</section>\n"

    // History.
    if let chart = charts.history, let latest = history.max(by: { $0.asOf < $1.asOf }) {
      h += "<section id=\"history\">\n<h2>The forecast over time</h2>\n<figure>\(chart.render(standalone: false))"
      h += "<figcaption>One point per as-of date from the run history (\(history.count) dates, latest \(latest.asOf.iso)). "
      h += "Backfilled days were reconstructed afterwards from the specials held before each day.</figcaption></figure>\n</section>\n"
    }

    // Run.
    h += "<section id=\"run\">\n<h2>This run</h2>\n<table class=\"small kv\"><tbody>\n"
    var rows: [(String, String)] = [
      ("Config", (config.path as NSString).lastPathComponent), ("Chamber", "\(chamber): \(plan.seats) seats, \(plan.majority) for a majority"),
      ("As of", model.asOf.iso), ("Election day", config.chamber.electionDate.iso), ("Seed", String(plan.seed)),
      ("Draws", "\(plan.draws) in blocks of \(SimulationPlan.blockSize)"),
      ("Monte Carlo error", "binomial sqrt(p(1 − p)/N) for every chance and share; sd(seats)/√N for the mean seats; "
        + "for a seat quantile at level q, the quantiles at q ± 2·sqrt(q(1 − q)/N) (order statistics, about 95%)"),
      ("Noise factor", "\(plan.factor.method.rawValue), rank \(plan.factor.rank)"),
      ("District noise SD", "\(f(model.scales.total)) points (state \(f(model.scales.state)), region \(f(model.scales.region)), lean \(f(model.scales.lean)), idiosyncratic \(f(model.scales.idiosyncratic)))"),
      ("Incumbency advantage", "\(NumberText.plain(config.priors.incumbencyAdvantage)) points"),
      ("Environment ν", plan.environmentNu.isFinite ? NumberText.plain(plan.environmentNu) : "normal"),
      ("Noise ν", plan.noiseNu.isFinite ? NumberText.plain(plan.noiseNu) : "Gaussian"),
    ]
    if let fixedEnvironment { rows.append(("Scenario", "environment fixed at \(Formats.margin(fixedEnvironment))")) }
    for (k, v) in rows { h += "<tr><th>\(e(k))</th><td>\(e(v))</td></tr>\n" }
    h += "</tbody></table>\n<h3>Inputs (SHA-256)</h3>\n<table class=\"small kv\"><tbody>\n"
    for key in model.inputs.hashes.keys.sorted() {
      h += "<tr><th>\(e(key))</th><td><code>\(e(model.inputs.hashes[key]!))</code></td></tr>\n"
    }
    h += "</tbody></table>\n<p class=\"note\">The same data, config, seed and draws give the same figures bit for bit, for any "
    h += "number of threads. Machine-readable: forecast.json, districts.csv; charts: seats.svg, districts.svg, environment.svg"
    h += charts.history != nil ? ", history.svg" : ""
    h += ".</p>\n</section>\n</main>\n</body>\n</html>\n"
    return h
  }

  static func figure(_ label: String, _ value: String, note: String? = nil, cls: String? = nil) -> String {
    var out = "<div class=\"figure\"><div class=\"label\">\(SVGDocument.escape(label))</div>"
    out += "<div class=\"value\(cls.map { " " + $0 } ?? "")\">\(SVGDocument.escape(value))</div>"
    if let note { out += "<div class=\"note\">\(SVGDocument.escape(note))</div>" }
    return out + "</div>\n"
  }

  static let css = """
    :root { --dem: \(ChartStyle.democratic); --rep: \(ChartStyle.republican); --muted: #666; --line: #e3e3e3; }
    * { box-sizing: border-box; }
    body { margin: 0; background: #fafafa; color: #222; font: 15px/1.5 \(SVGDocument.fontFamily); }
    main { max-width: 1000px; margin: 0 auto; padding: 24px 20px 60px; background: #fff; }
    header { padding-bottom: 4px; }
    .kicker { color: var(--muted); margin: 0; font-size: 13px; text-transform: uppercase; letter-spacing: .04em; }
    h1 { font-size: 28px; line-height: 1.25; margin: 8px 0 16px; }
    h2 { font-size: 21px; margin: 32px 0 8px; border-top: 1px solid var(--line); padding-top: 20px; }
    h3 { font-size: 16px; margin: 12px 0 4px; }
    .dem { color: var(--dem); } .rep { color: var(--rep); }
    .scenario { background: #fff4e0; border-left: 4px solid #e08214; padding: 8px 12px; margin: 10px 0; }
    .figures { display: flex; flex-wrap: wrap; gap: 12px; }
    .figure { flex: 1 1 170px; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
    .figure .label { font-size: 12px; color: var(--muted); }
    .figure .value { font-size: 22px; font-weight: 700; white-space: nowrap; }
    .note { font-size: 12.5px; color: var(--muted); margin: 2px 0 6px; }
    nav { margin-top: 14px; font-size: 14px; }
    a { color: var(--dem); }
    figure { margin: 8px 0 0; }
    figure svg { display: block; max-width: 100%; height: auto; }
    figcaption { font-size: 13px; color: #444; margin-top: 6px; }
    .cols { display: flex; flex-wrap: wrap; gap: 24px; }
    .cols > div { flex: 1 1 420px; }
    table { border-collapse: collapse; width: 100%; font-size: 14px; }
    th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
    thead th { border-bottom: 2px solid #ccc; }
    table.small { font-size: 13px; }
    table.kv th { width: 30%; font-weight: 600; }
    code { font-size: 12px; word-break: break-all; }
    details { margin-top: 12px; }
    summary { cursor: pointer; color: var(--dem); }
    ul.facts { margin: 8px 0; padding-left: 20px; }

    """
}
