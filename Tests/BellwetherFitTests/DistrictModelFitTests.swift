import Foundation
import Testing
@testable import BellwetherEngine
@testable import BellwetherFit

/// The district fit on seats written here: exact relations recovered, and the current rule, the
/// incumbency advantage and the spread by hand.
@Suite struct DistrictModelFitTests {
  static func seat(_ cycle: Int, _ id: String, _ c: SeatClass, lean: Double, previous: Double?, relative: Double,
                   vote: Double = 2) -> SeatObservation {
    SeatObservation(cycle: cycle, id: id, seatClass: c, lean: lean, previousRelative: previous, margin: relative + vote,
                    houseVote: vote)
  }

  /// Seats whose `margin - vote` is exactly `b_lean lean + b_prev previous + intercept(class)`
  /// (with previous) or `b lean + intercept(class)` (without): every fit recovers its coefficients
  /// with zero residuals.
  static func exactSeats(cycle: Int, lean bl: Double, previous bp: Double, d: Double, r: Double, o: Double) -> [SeatObservation] {
    var seats: [SeatObservation] = []
    let intercept: [SeatClass: Double] = [.democraticIncumbent: d, .republicanIncumbent: r, .open: o]
    for (i, c) in [SeatClass.democraticIncumbent, .republicanIncumbent, .open, .democraticIncumbent, .republicanIncumbent,
                   .open, .democraticIncumbent, .republicanIncumbent].enumerated() {
      let lean = Double(i * 7 % 11) - 5, previous = Double(i * i % 13) - 6
      seats.append(seat(cycle, "P-\(i)", c, lean: lean, previous: previous, relative: bl * lean + bp * previous + intercept[c]!))
      seats.append(seat(cycle, "N-\(i)", c, lean: lean + 0.5 * Double(i), previous: nil,
                        relative: 0.9 * (lean + 0.5 * Double(i)) + 2 * intercept[c]!))
    }
    return seats
  }

  @Test func exactRelationsAreRecoveredPerCycleAndTheSpreadIsByHand() throws {
    let seats = Self.exactSeats(cycle: 2006, lean: 0.4, previous: 0.5, d: 6, r: -5, o: 2)
      + Self.exactSeats(cycle: 2010, lean: 0.6, previous: 0.3, d: 4, r: -3, o: 1)
    let fit = try #require(DistrictModelFit.fit(observations: seats, cycles: [2006, 2010], advantage: [2006: 4, 2010: 4]))
    let withPrevious = try #require(fit.specification(.withPrevious))
    let expected: [[String: Double]] = [["lean": 0.4, "previous": 0.5, "D-incumbent": 6, "R-incumbent": -5, "open": 2],
                                        ["lean": 0.6, "previous": 0.3, "D-incumbent": 4, "R-incumbent": -3, "open": 1]]
    for (f, e) in zip(withPrevious.perCycle, expected) {
      for (name, value) in e { #expect(abs(f.estimate(name)! - value) < 1e-9, "\(f.cycles) \(name)") }
      #expect(f.byClass.allSatisfy { $0.rms < 1e-9 })
    }
    let without = try #require(fit.specification(.withoutPrevious))
    #expect(abs(without.perCycle[0].estimate("lean")! - 0.9) < 1e-9 && abs(without.perCycle[0].estimate("D-incumbent")! - 12) < 1e-9)
    // Spread of two per-cycle values a, b: mean (a + b)/2, SD |a - b| / sqrt 2.
    let lean = try #require(withPrevious.spread.first { $0.name == "lean" })
    #expect(abs(lean.mean - 0.5) < 1e-9 && abs(lean.sd! - 0.2 / 2.0.squareRoot()) < 1e-9)
    #expect(lean.cycles == [2006, 2010] && abs(lean.minimum - 0.4) < 1e-9 && abs(lean.maximum - 0.6) < 1e-9)
    // The pooled fit mixes two different relations: it is not exact.
    #expect((withPrevious.pooled.residualSD ?? 0) > 0.01 && withPrevious.pooled.seats == 16)
    // Every seat predicted by its own cycle's fits: zero residuals.
    #expect(fit.fittedByClassPerCycle[2006]!.allSatisfy { $0.rms < 1e-9 })
  }

  /// A per-cycle fit below `minimumPerCycleSeats` seats a coefficient is no fit and sets no spread:
  /// with a third cycle of 3 with-previous seats (5 coefficients) and a minimum of 1, the lean spread
  /// is still the two exact cycles' |0.4 - 0.6| / sqrt 2, and the pooled fit takes all 19 seats.
  @Test func aPerCycleFitWithTooFewSeatsSetsNoSpread() throws {
    let few = Array(Self.exactSeats(cycle: 2002, lean: 3, previous: -2, d: 40, r: -40, o: 0).filter { $0.previousRelative != nil }.prefix(3))
    let seats = Self.exactSeats(cycle: 2006, lean: 0.4, previous: 0.5, d: 6, r: -5, o: 2)
      + Self.exactSeats(cycle: 2010, lean: 0.6, previous: 0.3, d: 4, r: -3, o: 1) + few
    let fit = try #require(DistrictModelFit.fit(observations: seats, cycles: [2002, 2006, 2010], advantage: [2002: 4, 2006: 4, 2010: 4],
                                                minimumPerCycleSeats: 1))
    let withPrevious = try #require(fit.specification(.withPrevious))
    #expect(withPrevious.perCycle[0].failure != nil && withPrevious.perCycle[0].coefficients.isEmpty)
    let lean = try #require(withPrevious.spread.first { $0.name == "lean" })
    #expect(lean.cycles == [2006, 2010] && abs(lean.sd! - 0.2 / 2.0.squareRoot()) < 1e-9)
    #expect(withPrevious.pooled.seats == 19 && withPrevious.pooled.failure == nil)
  }

  /// Three incumbents and an open seat, lean 0 and vote 2: `margin - vote - lean` = 5, 7 (D), -3
  /// (R), 1 (open).
  /// - Incumbency in the current form: a = (5 + 7 + 3) / 3 = 5; residuals 0, 2, 2 on the three
  ///   incumbents (the open seat has no term): RSS 8 on 2 df, SE sqrt(4 / 3).
  /// - The current rule with a = 4: residuals 1, 3 (D), 1 (R), 1 (open): D RMS sqrt(5), mean 2, SD
  ///   1; R 1; open 1; all: RMS sqrt(12/4) = sqrt 3, mean 1.5.
  @Test func incumbencyInTheCurrentFormAndTheCurrentRuleByHand() throws {
    let seats = [Self.seat(2014, "A", .democraticIncumbent, lean: 0, previous: nil, relative: 5),
                 Self.seat(2014, "B", .democraticIncumbent, lean: 0, previous: nil, relative: 7),
                 Self.seat(2014, "C", .republicanIncumbent, lean: 0, previous: nil, relative: -3),
                 Self.seat(2014, "D", .open, lean: 0, previous: nil, relative: 1)]
    let fit = try #require(DistrictModelFit.fit(observations: seats, cycles: [2014], advantage: [2014: 4]))
    let a = try #require(fit.incumbency)
    #expect(abs(a.estimate - 5) < 1e-12 && abs(a.standardError! - (4.0 / 3).squareRoot()) < 1e-12 && a.seats == 3)
    let rule = Dictionary(uniqueKeysWithValues: fit.currentRule.byClass.map { ($0.seatClass, $0) })
    #expect(abs(rule["D-incumbent"]!.rms - 5.0.squareRoot()) < 1e-12 && abs(rule["D-incumbent"]!.mean - 2) < 1e-12)
    #expect(abs(rule["D-incumbent"]!.sd - 1) < 1e-12)
    #expect(abs(rule["R-incumbent"]!.rms - 1) < 1e-12 && abs(rule["open"]!.rms - 1) < 1e-12)
    #expect(abs(rule["all"]!.rms - 3.0.squareRoot()) < 1e-12 && abs(rule["all"]!.mean - 1.5) < 1e-12 && rule["all"]!.seats == 4)
  }

  @Test func aClassWithoutSeatsHasNoInterceptAndItsSeatsNoPrediction() throws {
    let seats = (0..<6).map { (i: Int) -> SeatObservation in
      let c: SeatClass = i % 2 == 0 ? .democraticIncumbent : .republicanIncumbent
      let x = Double(i), relative: Double = x + 3 * c.sign + 0.1 * x * x
      return Self.seat(2018, "S\(i)", c, lean: x, previous: x * x, relative: relative)
    }
    let regression = DistrictRegression.fit(.withPrevious, observations: seats, cycles: [2018])
    #expect(regression.failure == nil && regression.estimate("open") == nil && regression.coefficients.count == 4)
    let open = Self.seat(2018, "O", .open, lean: 0, previous: 0, relative: 0)
    #expect(regression.predict(open) == nil && regression.predict(seats[0]) != nil)
  }

  @Test func aSeatOfTwoIncumbentsIsOpen() {
    #expect(SeatClass(incumbent: nil) == .open && SeatClass(incumbent: .democratic).sign == 1 && SeatClass(incumbent: .republican).sign == -1)
  }

  /// Recency weights (docs/fit.md, "Recency"): two cycles of the same seats, exact relations with the
  /// same slopes and different intercepts (D 6 in 2006, 4 in 2010). A fit for 2014 with a 4-year
  /// half-life weights 2006 by 0.5^2 = 0.25 and 2010 by 0.5. The designs are equal, so the weighted
  /// fit is the weighted mean of the two exact fits: slopes exact, D intercept (0.25 x 6 + 0.5 x 4) /
  /// 0.75 = 14/3, and the D class's weighted RMS residual |6 - 4| sqrt(0.25 x 0.5) / 0.75 = 0.9428.
  /// The per-cycle fits and their spread do not change.
  @Test func recencyWeightsByHand() throws {
    let seats = Self.exactSeats(cycle: 2006, lean: 0.4, previous: 0.5, d: 6, r: -5, o: 2)
      + Self.exactSeats(cycle: 2010, lean: 0.4, previous: 0.5, d: 4, r: -3, o: 1)
    let plain = try #require(DistrictModelFit.fit(observations: seats, cycles: [2006, 2010], advantage: [2006: 4, 2010: 4]))
    let fit = try #require(DistrictModelFit.fit(observations: seats, cycles: [2006, 2010], advantage: [2006: 4, 2010: 4],
                                                recency: (halfLifeYears: 4, target: 2014)))
    #expect(fit.cycleWeights == [2006: 0.25, 2010: 0.5] && fit.recencyHalfLifeYears == 4 && plain.cycleWeights == nil)
    let pooled = try #require(fit.specification(.withPrevious)?.pooled)
    #expect(abs(pooled.estimate("lean")! - 0.4) < 1e-9 && abs(pooled.estimate("previous")! - 0.5) < 1e-9)
    #expect(abs(pooled.estimate("D-incumbent")! - 14.0 / 3) < 1e-9)
    #expect(abs(pooled.estimate("R-incumbent")! - (0.25 * -5 + 0.5 * -3) / 0.75) < 1e-9)
    let d = try #require(pooled.byClass.first { $0.seatClass == "D-incumbent" })
    #expect(abs(d.rms - 2 * (0.125).squareRoot() / 0.75) < 1e-9 && abs(d.mean) < 1e-9 && d.seats == 6)
    // Unweighted, the two cycles count alike: D intercept 5.
    #expect(abs(plain.specification(.withPrevious)!.pooled.estimate("D-incumbent")! - 5) < 1e-9)
    #expect(fit.specification(.withPrevious)!.perCycle == plain.specification(.withPrevious)!.perCycle)
    #expect(fit.specification(.withPrevious)!.spread == plain.specification(.withPrevious)!.spread)
  }
}
