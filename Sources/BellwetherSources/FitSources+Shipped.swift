import BellwetherEngine
import BellwetherFit

extension FitSources {
  /// The shipped cycles' tables, relative to `root` (the repository): each cycle's config
  /// (`BacktestSources.configPath`), its results table `config/<cycle>/results.csv` (2018's config
  /// names none yet; the others name this same file), and `config/national/` (with the 1998-2004
  /// district polls of `poll_history.csv` and the 1998 and 2002 contested seats of `district_history.csv`), and the
  /// states' regions of `config/census_divisions.csv` (geography, not election data).
  /// - Parameter before: only the cycles before this year.
  package static func shipped(root: String = ".", before: Int? = nil) -> FitSources {
    func path(_ relative: String) -> String { root == "." ? relative : root + "/" + relative }
    let cycles = BacktestSources.shippedCycles.filter { before == nil || $0 < before! }
    return FitSources(
      cycles: cycles.map { FitSources.Cycle(cycle: $0, config: path(BacktestSources.configPath(cycle: $0)),
                                            results: path(shippedResultsPath(cycle: $0))) },
      genericBallot: path(nationalFolder + "/generic_ballot.csv"), houseVote: path(nationalFolder + "/house_vote.csv"),
      pollHistory: path(nationalFolder + "/poll_history.csv"), districtHistory: path(nationalFolder + "/district_history.csv"),
      stateRegions: path("config/census_divisions.csv"))
  }

  /// A shipped cycle's results table, relative to the repository.
  package static func shippedResultsPath(cycle: Int) -> String { "config/\(cycle)/results.csv" }

  /// The shipped national series (generic ballot, House vote), relative to the repository.
  package static let nationalFolder = "config/national"
}
