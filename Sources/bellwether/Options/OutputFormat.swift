import ArgumentParser

/// `--format`: what a command prints on stdout, text for a person or JSON for a program.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
  case text, json
}
