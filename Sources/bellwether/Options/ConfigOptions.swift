import ArgumentParser
import Foundation

/// `--config`: shared by every command that reads a cycle config.
struct ConfigOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("The cycle config file (JSON5) holding every prior and the paths of its data tables.", valueName: "file"), completion: .file(extensions: ["json5", "json"]))
  var config: String = ConfigOptions.defaultPath

  /// The config used without --config, relative to the current folder (the repository root).
  static let defaultPath = "config/house-2018.json5"

  /// Refuses a missing default config with a hint to --config (an explicit path that is missing is
  /// refused by the reader, which names it).
  func validate() throws {
    if let problem = ConfigOptions.missingDefault(config, folder: FileManager.default.currentDirectoryPath) {
      throw ValidationError(problem)
    }
  }

  /// Why the default config cannot be used from `folder`, or nil.
  static func missingDefault(_ path: String, folder: String) -> String? {
    guard path == defaultPath else { return nil }
    let full = (folder as NSString).appendingPathComponent(path)
    guard !FileManager.default.fileExists(atPath: full) else { return nil }
    return "no config at \(defaultPath) (the default, read from the current folder \(folder)): "
      + "run from the repository root, or give --config FILE"
  }
}
