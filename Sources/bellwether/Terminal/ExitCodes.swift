/// The exit codes every command uses, in the words each command's --help ends with.
enum ExitCodes {
  /// The shared paragraph (`failingCleanly`, `StopSignals`, argument-parser's usage error).
  static let help = """
    Exit codes: 0 done; 1 bad input or a failed check (message on stderr, nothing written); 64 bad \
    arguments; 75 another run holds the output folder's lock (.bellwether.lock), nothing done; \
    130/143 stopped by SIGINT/SIGTERM, nothing written.
    """

  /// A command's discussion followed by the exit codes.
  static func discussion(_ text: String) -> String {
    text.isEmpty ? help : text + "\n\n" + help
  }
}
