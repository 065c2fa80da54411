import BellwetherEngine

/// Election days of the cycles a fit reads from the national series alone (the cycles without a
/// config of their own say only their year).
package enum ElectionDay {
  /// The U.S. federal general election: the Tuesday after the first Monday in November
  /// (2 U.S.C. §7), i.e. November 2 to 8.
  package static func unitedStatesFederal(year: Int) -> CalendarDate {
    let first = CalendarDate(year: year, month: 11, day: 1)!
    // Day 0 (1970-01-01) was a Thursday: weekday = (dayNumber + 4) mod 7 with Sunday 0, Monday 1.
    let weekday = ((first.dayNumber + 4) % 7 + 7) % 7
    let firstMonday = first.adding(days: (1 - weekday + 7) % 7)
    return firstMonday.adding(days: 1)
  }
}
