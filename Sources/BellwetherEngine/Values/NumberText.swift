import Foundation

/// Numbers written the way a person typed them in a config: whole numbers without a decimal point,
/// others with up to 15 significant digits, and the non-finite values by name. Used in error
/// messages and wherever a report echoes a configured value.
package enum NumberText {
  /// `3` for 3.0, `0.4` for 0.4, `NaN`, `Infinity`, `-Infinity`.
  package static func plain(_ value: Double) -> String {
    if !value.isFinite { return value.isNaN ? "NaN" : (value > 0 ? "Infinity" : "-Infinity") }
    if value.rounded() == value && abs(value) < 9e18 { return String(Int(value)) }
    return String(format: "%.15g", value)
  }
}
