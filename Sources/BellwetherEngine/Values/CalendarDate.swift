import Foundation

/// A day on the proleptic Gregorian calendar, without time or zone: election data is dated by day.
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// Days since 1970-01-01.
  package let dayNumber: Int

  /// Creates a date from year, month and day (validated).
  package init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), day >= 1, day <= CalendarDate.daysInMonth(year, month) else { return nil }
    // Days from civil (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    dayNumber = era * 146_097 + doe - 719_468
  }

  /// Creates a date from its day number since 1970-01-01.
  package init(dayNumber: Int) { self.dayNumber = dayNumber }

  /// Parses `YYYY-MM-DD`.
  package init?(iso text: String) {
    // YYYY-MM-DD, digits only, read byte by byte (the national series hold thousands of dates).
    var fields = (0, 0, 0)
    var length = 0
    for byte in text.utf8 {
      defer { length += 1 }
      if length == 4 || length == 7 {
        guard byte == UInt8(ascii: "-") else { return nil }
        continue
      }
      guard length < 10, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      let digit = Int(byte &- UInt8(ascii: "0"))
      if length < 4 { fields.0 = fields.0 * 10 + digit } else if length < 7 { fields.1 = fields.1 * 10 + digit } else {
        fields.2 = fields.2 * 10 + digit
      }
    }
    guard length == 10 else { return nil }
    self.init(year: fields.0, month: fields.1, day: fields.2)
  }

  /// Year, month and day.
  package var components: (year: Int, month: Int, day: Int) {
    let z = dayNumber + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// The date as `YYYY-MM-DD`.
  package var iso: String {
    let (y, m, d) = components
    return String(format: "%04d-%02d-%02d", y, m, d)
  }

  public var description: String { iso }

  /// The date `days` later.
  package func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

  public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.dayNumber < b.dayNumber }

  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let date = CalendarDate(iso: text) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected YYYY-MM-DD, found '\(text)'"))
    }
    self = date
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(iso)
  }

  static func daysInMonth(_ year: Int, _ month: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
