/// The page's inline style sheet.
///
/// Readable from a 400-pixel phone to a wide screen with no sideways scroll of the page: the text
/// column is at most 1000 px, tables and charts sit in frames that scroll on their own when wider
/// than the screen, and charts are drawn at their own size (never scaled down), so their text is
/// always the 12 px or more it is written at. Colours are `ChartStyle`'s (contrast-checked).
enum ReportStyle {
  static let css = """
    :root { --dem: \(ChartStyle.democratic); --rep: \(ChartStyle.republican); --muted: \(ChartStyle.muted); --line: \(ChartStyle.grid); }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
    body { margin: 0; background: #fafafa; color: \(ChartStyle.text); font: 15px/1.5 \(SVGDocument.fontFamily); }
    main { max-width: 1000px; margin: 0 auto; padding: 24px 20px 60px; background: \(ChartStyle.background); }
    header { padding-bottom: 4px; }
    .kicker { color: var(--muted); margin: 0; font-size: 13px; text-transform: uppercase; letter-spacing: .04em; }
    h1 { font-size: 28px; line-height: 1.25; margin: 8px 0 16px; }
    h2 { font-size: 21px; margin: 32px 0 8px; border-top: 1px solid var(--line); padding-top: 20px; }
    h3 { font-size: 16px; margin: 12px 0 4px; }
    .dem { color: var(--dem); } .rep { color: var(--rep); }
    .scenario { background: #fff4e0; border-left: 4px solid \(ChartStyle.accent); padding: 8px 12px; margin: 10px 0; }
    .figures { display: flex; flex-wrap: wrap; gap: 12px; }
    .figure { flex: 1 1 170px; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
    .figure .label { font-size: 12px; color: var(--muted); }
    .figure .value { font-size: 22px; font-weight: 700; white-space: nowrap; }
    .note { font-size: 12.5px; color: var(--muted); margin: 2px 0 6px; }
    .changes { border-left: 4px solid var(--line); padding: 4px 12px; margin: 12px 0; font-size: 14px; }
    .changes ul { margin: 4px 0; padding-left: 20px; }
    nav { margin-top: 14px; font-size: 14px; }
    a { color: var(--dem); }
    figure { margin: 8px 0 0; }
    .chart { overflow-x: auto; }
    .chart svg { display: block; max-width: none; height: auto; }
    .chart > .narrow { display: none; }
    th .more { display: none; font-weight: normal; white-space: normal; color: var(--muted); font-size: 12px; }
    figcaption { font-size: 13px; color: #444; margin-top: 6px; }
    .cols { display: flex; flex-wrap: wrap; gap: 24px; }
    .cols > div { flex: 1 1 460px; min-width: 0; }
    .table-frame { overflow-x: auto; max-width: 100%; }
    .table-frame.tall { max-height: 75vh; overflow-y: auto; border: 1px solid var(--line); }
    .table-frame.tall thead th { position: sticky; top: 0; background: \(ChartStyle.background); z-index: 1; }
    table { border-collapse: collapse; width: 100%; font-size: 14px; }
    caption { text-align: left; font-size: 13px; color: var(--muted); padding: 4px 0; caption-side: top; }
    th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
    thead th { border-bottom: 2px solid #ccc; white-space: nowrap; }
    tbody th { font-weight: 600; }
    .seat, .nowrap, td.num { white-space: nowrap; }
    table.small { font-size: 13px; }
    table.kv th { width: 30%; font-weight: 600; }
    th button { display: none; font: inherit; font-weight: 700; color: var(--dem); background: none; border: 0; padding: 0;
      cursor: pointer; text-decoration: underline dotted; text-align: left; }
    .js th button { display: inline; }
    .js .no-script { display: none; }
    .if-script { display: none; } .js .if-script { display: inline; }
    th[aria-sort="ascending"] button::after { content: " \\25B2"; }
    th[aria-sort="descending"] button::after { content: " \\25BC"; }
    .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 5px; border-radius: 2px; }
    .controls { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin: 10px 0 6px; font-size: 14px; }
    .controls input, .controls select { font: inherit; padding: 4px 6px; max-width: 100%; }
    .controls input { width: 16em; }
    code { font-size: 12px; word-break: break-all; }
    details { margin-top: 12px; }
    summary { cursor: pointer; color: var(--dem); }
    ul.facts { margin: 8px 0; padding-left: 20px; }
    @media (max-width: 600px) {
      main { padding: 14px 12px 40px; }
      h1 { font-size: 22px; }
      h2 { font-size: 19px; }
      .figure { flex-basis: 140px; }
      .controls input { width: 100%; }
      .controls label { flex: 1 1 100%; }
      th, td { padding: 3px 4px; }
      .cols > div { flex-basis: 100%; }
    }
    @media (max-width: \(tableSwitch - 1)px) {
      .sec { display: none; }
      th .more { display: block; }
      thead th { white-space: normal; }
    }
    \(chartSwitch)
    """

  /// Below this window width the tables hide their secondary columns (`.sec`) and show their
  /// figures under each row's heading instead (`th .more`): the widest table, all seats, needs
  /// about 860 px with every column, plus the page's padding and a scroll bar.
  static let tableSwitch = 920

  /// Room a wide chart needs beyond its own width: the page's side padding (2 x 20 px) and a
  /// vertical scroll bar (up to about 17 px), rounded up.
  static let chartRoom = 60

  /// The wide widths of the page's charts.
  static let chartWidths = [SeatHistogramChart.width, DistrictOddsChart.width, EnvironmentChart.width,
                            HistoryChart.width, SeatsCurveChart.width]

  /// The class of a chart frame whose wide layout is `width` px wide.
  static func chartClass(_ width: Double) -> String { "w\(Int(width.rounded(.up)))" }

  /// One media query per wide width: below its width plus `chartRoom`, the chart shows its narrow
  /// layout instead.
  static var chartSwitch: String {
    Set(chartWidths.map { Int($0.rounded(.up)) }).sorted().map { w in
      "@media (max-width: \(w + chartRoom - 1)px) { .chart.w\(w) > .wide { display: none; } .chart.w\(w) > .narrow { display: block; } }\n"
    }.joined()
  }
}
