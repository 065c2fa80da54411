import ArgumentParser

/// `--config`: shared by every command that reads a cycle config.
struct ConfigOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("The cycle config file (JSON5) holding every prior and the paths of its data tables.", valueName: "file"))
  var config: String = "config/house-2018.json5"
}
