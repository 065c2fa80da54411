/// One seat of the chamber, as the model sees it.
package struct District: Sendable, Codable, Equatable {
  /// Whether the seat is simulated or already decided.
  package enum Status: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Both major parties are on the ballot: the seat is simulated.
    case contested
    /// No two-party contest (unopposed, or two candidates of one party): the seat is fixed.
    case fixed(Party)

    /// As tables and reports write it: `contested`, `fixed-D` or `fixed-R`.
    package var code: String {
      switch self {
      case .contested: return "contested"
      case .fixed(let party): return "fixed-" + party.rawValue
      }
    }

    package var description: String { code }

    /// The status of a code; nil for anything else.
    package init?(code: String) {
      switch code {
      case "contested": self = .contested
      case "fixed-D": self = .fixed(.democratic)
      case "fixed-R": self = .fixed(.republican)
      default: return nil
      }
    }

    /// The party a fixed seat goes to; nil for a contested seat.
    var fixedParty: Party? {
      if case .fixed(let party) = self { return party }
      return nil
    }

    package init(from decoder: any Decoder) throws {
      let container = try decoder.singleValueContainer()
      let code = try container.decode(String.self)
      guard let status = Status(code: code) else {
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected contested, fixed-D or fixed-R, found '\(code)'")
      }
      self = status
    }

    package func encode(to encoder: any Encoder) throws {
      var container = encoder.singleValueContainer()
      try container.encode(code)
    }
  }

  /// Seat id, e.g. `PA-07`.
  package var id: String
  /// State (or other grouping whose seats swing together), e.g. `PA`.
  package var state: String
  /// Region (e.g. Census division) whose seats swing together.
  package var region: String
  /// Partisan lean: district presidential margin minus the national one, in points (docs/model.md §1.2).
  package var lean: Double
  /// The party of the incumbent on the ballot, or nil for an open seat.
  package var incumbent: Party?
  /// Contest status.
  package var status: Status
  /// The party holding the seat before the election, when known (for net change).
  package var heldBy: Party?
  /// A free-text note shown in reports (e.g. why a seat is special).
  package var note: String

  /// Creates a district.
  package init(id: String, state: String, region: String, lean: Double, incumbent: Party?,
              status: Status, heldBy: Party?, note: String = "") {
    self.id = id
    self.state = state
    self.region = region
    self.lean = lean
    self.incumbent = incumbent
    self.status = status
    self.heldBy = heldBy
    self.note = note
  }
}
