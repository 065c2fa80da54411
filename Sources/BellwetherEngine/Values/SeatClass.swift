/// A seat's incumbency class, as the district model sees it (docs/model.md §1.3): a seat with
/// incumbents of both parties (`D;R`) is open.
package enum SeatClass: String, Sendable, Codable, CaseIterable {
  case democraticIncumbent = "D-incumbent"
  case republicanIncumbent = "R-incumbent"
  case open

  /// The class of an incumbent.
  package init(incumbent: Party?) {
    switch incumbent {
    case .democratic?: self = .democraticIncumbent
    case .republican?: self = .republicanIncumbent
    case nil: self = .open
    }
  }

  /// The current rule's incumbency sign: +1, −1, 0.
  package var sign: Double {
    switch self {
    case .democraticIncumbent: return 1
    case .republicanIncumbent: return -1
    case .open: return 0
    }
  }
}

extension SeatClass: CodingKeyRepresentable {
  /// The class's key in a config's `district` table: `incumbentD`, `incumbentR`, `open`.
  package var configKey: String {
    switch self {
    case .democraticIncumbent: return "incumbentD"
    case .republicanIncumbent: return "incumbentR"
    case .open: return "open"
    }
  }
}
