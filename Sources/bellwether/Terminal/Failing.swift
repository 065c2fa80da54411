import ArgumentParser
import BellwetherEngine
import BellwetherReports
import Foundation

/// Runs a command body, turning the core's errors into a message on stderr and exit code 1
/// (75 when another run holds the output folder's lock; 64 is argument-parser's usage error).
func failingCleanly(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as CleanExit {
    throw error
  } catch let error as ExitCode {
    throw error
  } catch let error as OutputLock.Busy {
    var stderr = StandardError()
    print("error: \(error)", to: &stderr)
    throw ExitCode(75)  // EX_TEMPFAIL (sysexits.h): try again later
  } catch {
    var stderr = StandardError()
    print("error: \(error)", to: &stderr)
    throw ExitCode.failure
  }
}

/// Says on stderr what a model carries as a warning (a stale generic-ballot average used under
/// `environment.staleBallot: "warn"`); the reports carry it too.
func warnAbout(_ model: ForecastModel) {
  guard let warning = model.prior.staleWarning else { return }
  var stderr = StandardError()
  print("warning: \(warning)", to: &stderr)
}

/// Standard error as a text stream.
struct StandardError: TextOutputStream {
  mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}
