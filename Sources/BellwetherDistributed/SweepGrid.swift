import BellwetherEngine
import BellwetherReports
import Foundation

/// A grid of prior values to sweep (`bellwether sweep`): a base config and, for some of its keys,
/// lists of values; every combination is one independent run (one config file, shardable).
///
/// Grid file (JSON5):
///
///     {
///       base: "house-2018.json5",                 // relative to the grid file
///       parameters: {
///         "incumbency.advantage": [2, 4, 6],
///         "specials.beta": [0.3, 0.4, 0.5],
///       },
///     }
package struct SweepGrid: Sendable {
  /// The grid file.
  package var path: String
  /// The base config file.
  var basePath: String
  /// Dotted keys and their values, in key order.
  package var parameters: [(key: String, values: [JSONValue])]

  /// Reads and checks a grid file: each key must exist in the base config, and each point must
  /// give a valid config.
  /// - Throws: `InputErrors` naming the grid file or the point.
  package static func load(path: String) throws -> SweepGrid {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputErrors([InputError(file: path, expected: "a readable grid file", found: "no file at that path")])
    }
    let root: JSONValue
    do { root = try JSONValue.parseJSON5(data, file: path) } catch let e as InputError { throw InputErrors([e]) }
    var r = ConfigReader(file: path)
    let top = r.table(root, key: "", allowed: ["base", "parameters"])
    let base = r.string(top, "base", in: "")
    var parameters: [(String, [JSONValue])] = []
    if case .object(let dict)? = top["parameters"], !dict.isEmpty {
      for key in dict.keys.sorted() {
        guard case .array(let values) = dict[key]!, !values.isEmpty else {
          r.fail("parameters.\(key)", expected: "a non-empty list of values", found: dict[key]!.typeName)
          continue
        }
        parameters.append((key, values))
      }
    } else {
      r.fail("parameters", expected: "a table of dotted config keys to lists of values", found: top["parameters"]?.typeName ?? "nothing (missing key)")
    }
    guard r.errors.isEmpty else { throw InputErrors(r.errors) }
    let directory = (path as NSString).deletingLastPathComponent
    let basePath = base.hasPrefix("/") || directory.isEmpty ? base : directory + "/" + base
    let grid = SweepGrid(path: path, basePath: basePath, parameters: parameters)
    for (k, point) in grid.points().enumerated() {
      let text = try grid.configData(for: point)
      do {
        _ = try ForecastConfig.parse(data: text, path: grid.basePath)
      } catch let e as InputErrors {
        throw InputErrors(e.errors.map { var x = $0; x.file = "\(path) (point \(k): \(SweepGrid.describe(point)))"; return x })
      }
    }
    return grid
  }

  /// Every combination of parameter values, the last key varying fastest.
  package func points() -> [[(key: String, value: JSONValue)]] {
    var result: [[(key: String, value: JSONValue)]] = [[]]
    for (key, values) in parameters {
      result = result.flatMap { prefix in values.map { prefix + [(key: key, value: $0)] } }
    }
    return result
  }

  /// A point in words, e.g. `incumbency.advantage=4, specials.beta=0.3`.
  package static func describe(_ point: [(key: String, value: JSONValue)]) -> String {
    point.map { "\($0.key)=\($0.value.jsonText)" }.joined(separator: ", ")
  }

  /// The base config with a point's values set, as JSON, its data paths made absolute so the file
  /// can live anywhere, or, with `folder`, relative to that folder (where the file will live), so
  /// that a sweep folder copied with the tables beside it in the same layout works on another node.
  /// - Throws: `InputErrors` if a key does not exist in the base config.
  func configData(for point: [(key: String, value: JSONValue)], relativeTo folder: String? = nil) throws -> Data {
    guard let data = FileManager.default.contents(atPath: basePath) else {
      throw InputErrors([InputError(file: path, field: "base", expected: "a readable config", found: basePath)])
    }
    var tree = try JSONValue.parseJSON5(data, file: basePath)
    for (key, value) in point {
      guard tree.setting(path: key.split(separator: ".").map(String.init), to: value) else {
        throw InputErrors([InputError(file: path, field: "parameters.\(key)", expected: "a key of the base config \(basePath)", found: key)])
      }
    }
    let baseDirectory = (basePath as NSString).deletingLastPathComponent
    if case .object(var top) = tree, case .object(var paths)? = top["data"] {
      for (k, v) in paths {
        if case .string(let p) = v, !p.hasPrefix("/") {
          let joined = baseDirectory.isEmpty ? p : baseDirectory + "/" + p
          let absolute = URL(fileURLWithPath: joined).standardizedFileURL.path
          paths[k] = .string(folder.map { SweepGrid.relativePath(absolute, from: $0) } ?? absolute)
        }
      }
      top["data"] = .object(paths)
      tree = .object(top)
    }
    return Data(tree.jsonText.utf8)
  }

  /// `path` (absolute) as seen from `folder` (made absolute from the current folder), e.g.
  /// `../../config/2018/districts.csv`.
  static func relativePath(_ path: String, from folder: String) -> String {
    let base = URL(fileURLWithPath: folder).standardizedFileURL.pathComponents
    let target = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
    var common = 0
    while common < base.count, common < target.count, base[common] == target[common] { common += 1 }
    let parts = Array(repeating: "..", count: base.count - common) + target[common...]
    return parts.isEmpty ? "." : parts.joined(separator: "/")
  }

  /// Writes every point's config, `points/point-K.json` (data paths relative to `points/`), atomically into `folder`.
  /// - Returns: the paths written, in point order.
  package func writePointConfigs(into folder: String) throws -> [String] {
    var files: [(String, Data)] = []
    for (k, point) in points().enumerated() {
      files.append(("point-\(k).json", try configData(for: point, relativeTo: folder + "/points")))
    }
    try ReportWriter.write(files, into: folder + "/points")
    return files.map { folder + "/points/" + $0.0 }
  }
}

extension JSONValue {
  /// Replaces the value at an existing key path; false if the path does not exist.
  mutating func setting(path: [String], to value: JSONValue) -> Bool {
    guard let first = path.first else {
      self = value
      return true
    }
    guard case .object(var dict) = self, var child = dict[first] else { return false }
    guard child.setting(path: Array(path.dropFirst()), to: value) else { return false }
    dict[first] = child
    self = .object(dict)
    return true
  }

  /// The value as JSON text (keys sorted, so the same tree gives the same bytes).
  var jsonText: String {
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(let n): return n.rounded() == n && abs(n) < 1e15 ? String(Int(n)) : String(n)
    case .string(let s):
      var out = "\""
      for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
          if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
        }
      }
      return out + "\""
    case .array(let a): return "[" + a.map(\.jsonText).joined(separator: ", ") + "]"
    case .object(let o): return "{" + o.keys.sorted().map { JSONValue.string($0).jsonText + ": " + o[$0]!.jsonText }.joined(separator: ", ") + "}"
    }
  }
}
