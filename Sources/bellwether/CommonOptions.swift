import ArgumentParser
import BellwetherBacktest
import BellwetherBench
import BellwetherDistributed
import BellwetherEngine
import BellwetherHistory
import BellwetherReports
import BellwetherSources

/// Options shared by the commands that read a cycle config.
struct ConfigOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("The cycle config file (JSON5) holding every prior and the paths of its data tables.", valueName: "file"))
  var config: String = "config/house-2018.json5"
}
