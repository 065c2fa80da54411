import Foundation

/// A linear map from data values to pixels, `pixel = rangeLow + (value - domainLow) * k`.
struct LinearScale: Sendable, Equatable {
  /// Data interval.
  var domain: ClosedRange<Double>
  /// Pixel positions of the domain's low and high ends (the high end may be the smaller number,
  /// as for a y axis that grows upwards).
  var rangeLow: Double
  var rangeHigh: Double

  /// Creates a scale; a degenerate domain is widened by one unit each side.
  init(domain: ClosedRange<Double>, range: (Double, Double)) {
    self.domain = domain.lowerBound < domain.upperBound ? domain : (domain.lowerBound - 1)...(domain.upperBound + 1)
    rangeLow = range.0
    rangeHigh = range.1
  }

  /// The pixel position of a value (not clamped).
  func callAsFunction(_ value: Double) -> Double {
    rangeLow + (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound) * (rangeHigh - rangeLow)
  }

  /// The pixel position of a value clamped into the domain.
  func clamped(_ value: Double) -> Double { self(min(max(value, domain.lowerBound), domain.upperBound)) }

  /// Pixels per data unit (negative for an upward y axis).
  var pixelsPerUnit: Double { (rangeHigh - rangeLow) / (domain.upperBound - domain.lowerBound) }

  /// "Nice" tick values inside the domain: multiples of 1, 2 or 5 times a power of ten, about
  /// `count` of them (P. Heckbert, "Nice Numbers for Graph Labels", Graphics Gems, 1990).
  func ticks(count: Int = 5) -> [Double] {
    let step = LinearScale.niceStep(span: domain.upperBound - domain.lowerBound, count: count)
    let first = (domain.lowerBound / step).rounded(.up)
    let last = (domain.upperBound / step).rounded(.down)
    guard first <= last else { return [] }
    return stride(from: first, through: last, by: 1).map { LinearScale.multiple($0, of: step) }
  }

  /// `k * step`, rounded to the step's decimals so that 3 x 0.2 is 0.6, not 0.6000000000000001.
  static func multiple(_ k: Double, of step: Double) -> Double {
    let decimals = max(0, -Int(log10(step).rounded(.down)))
    let scale = pow(10, Double(decimals))
    let value = (k * step * scale).rounded() / scale
    return value == 0 ? 0 : value
  }

  /// The nice step for about `count` ticks over `span`.
  static func niceStep(span: Double, count: Int) -> Double {
    let raw = span / Double(max(1, count))
    guard raw > 0, raw.isFinite else { return 1 }
    let magnitude = pow(10, (log10(raw)).rounded(.down))
    let fraction = raw / magnitude
    let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
    return nice * magnitude
  }

  /// The smallest nice value (as for `ticks`) at or above `value`, for an axis maximum.
  static func niceCeiling(_ value: Double, count: Int = 5) -> Double {
    guard value > 0 else { return 1 }
    let step = niceStep(span: value, count: count)
    return multiple((value / step).rounded(.up), of: step)
  }
}
