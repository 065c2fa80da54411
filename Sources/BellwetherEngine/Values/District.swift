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
  /// How the seat is decided. Every format is simulated the same way, as a two-party contest
  /// decided by the two-party margin of its final round (docs/data-schema.md).
  package var race: RaceFormat = .plurality
  /// Two members of different parties run against each other (redistricting): the incumbency terms
  /// cancel, so `incumbent` is nil.
  package var memberVersusMember = false
  /// Held before the election by a member of neither major party (`held_by` `I`).
  package var heldByOther = false
  /// `held_by` is notional: the party that would have held the seat on these new lines.
  package var heldByNotional = false
  /// The seat's previous House race when it was on the same lines: its two-party margin (D minus R,
  /// points; nil without a two-party contest) and its contest code (e.g. `D_vs_R`).
  package var previousMargin: Double?
  package var previousContest: String?
  /// The previous race's margin when it was a D-vs-R contest on the same lines (the seats of the
  /// district baseline's withPrevious equation, docs/model.md §1.5); nil otherwise.
  package var previousTwoPartyMargin: Double? { previousContest == SeatResult.twoPartyContest ? previousMargin : nil }
  /// The challenger's quality (e.g. Jacobson's experienced-challenger code), when known.
  package var challengerQuality: Double?
  /// Campaign spending of the Democratic and Republican candidates (dollars), when known.
  package var spendingDemocratic: Double?
  package var spendingRepublican: Double?

  /// How a seat's winner is decided.
  package enum RaceFormat: String, Sendable, Codable, CaseIterable {
    /// The most votes wins (most seats).
    case plurality
    /// A top-two primary (California, Washington): the final ballot holds the two leading
    /// candidates, of any party; `status` says whether they are one D and one R.
    case topTwo = "top-two"
    /// A top-four primary with a ranked-choice general (Alaska).
    case topFour = "top-four"
    /// Ranked-choice voting (Maine): the margin is the final round's.
    case rankedChoice = "rcv"
    /// A majority is needed, else a runoff (Georgia, Louisiana): the margin is the decisive round's.
    case runoff
  }

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
