import Foundation

/// A parsed CSV file (RFC 4180: comma separated, double-quoted fields, `""` escapes a quote)
/// that remembers where every row came from, so readers can name the line of a bad value.
///
/// The parser accepts LF and CRLF line ends and a leading UTF-8 byte-order mark. It rejects bytes
/// that are not UTF-8, an empty file, rows whose field count differs from the header, and
/// unterminated quotes, each with the file and line.
package struct CSVTable: Sendable {
  /// The file name used in error messages.
  package let file: String
  /// Column names from the header row.
  package let header: [String]
  /// The 1-based line of the header row (1 unless blank lines precede it).
  package let headerLine: Int
  /// Data rows, each as many fields as the header.
  package let rows: [[String]]
  /// The 1-based line on which each row starts.
  package let lines: [Int]

  /// Parses CSV bytes.
  /// - Parameters:
  ///   - data: the file's bytes.
  ///   - file: the name to use in error messages.
  /// - Throws: `InputError` for malformed input.
  /// - Complexity: O(n) in the number of bytes.
  package init(data: Data, file: String) throws {
    self.file = file
    var bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    if let bad = UTF8Validation.firstInvalid(bytes) {
      throw InputError(file: file, line: bad.line, column: bad.column, expected: "UTF-8 text (save the file as UTF-8)",
                       foundDescription: "the byte \(bad.byte) that is not UTF-8")
    }
    // A NUL byte is never text: it would truncate a number (C's strtod stops there) and be copied
    // into every report from a text field.
    if let nul = UTF8Validation.firstNUL(bytes) {
      throw InputError(file: file, line: nul.line, column: nul.column, expected: "text without NUL bytes",
                       foundDescription: "a NUL byte (0x00)")
    }
    var records: [[String]] = []
    var recordLines: [Int] = []
    var field: [UInt8] = []
    var record: [String] = []
    var line = 1
    var recordStart = 1
    var inQuotes = false
    var fieldWasQuoted = false
    var index = 0
    func endField() {
      record.append(String(decoding: field, as: UTF8.self))
      field.removeAll(keepingCapacity: true)
      fieldWasQuoted = false
    }
    while index < bytes.count {
      let byte = bytes[index]
      if inQuotes {
        if byte == UInt8(ascii: "\"") {
          if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
            field.append(byte)
            index += 1
          } else {
            inQuotes = false
          }
        } else {
          if byte == UInt8(ascii: "\n") { line += 1 }
          field.append(byte)
        }
      } else {
        switch byte {
        case UInt8(ascii: "\""):
          guard field.isEmpty, !fieldWasQuoted else {
            throw InputError(file: file, line: line, expected: "a quote only at the start of a field",
                             foundDescription: "a quote inside an unquoted field (quote the whole field and double inner quotes)")
          }
          inQuotes = true
          fieldWasQuoted = true
        case UInt8(ascii: ","):
          endField()
        case UInt8(ascii: "\r"):
          guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") else {
            throw InputError(file: file, line: line, expected: "LF or CRLF line ends", foundDescription: "a carriage return alone")
          }
        case UInt8(ascii: "\n"):
          endField()
          records.append(record)
          recordLines.append(recordStart)
          record.removeAll()
          line += 1
          recordStart = line
        default:
          field.append(byte)
        }
      }
      index += 1
    }
    if inQuotes {
      throw InputError(file: file, line: recordStart, expected: "a closing quote for the field opened on this line",
                       foundDescription: "the end of the file")
    }
    if !field.isEmpty || !record.isEmpty || fieldWasQuoted {
      endField()
      records.append(record)
      recordLines.append(recordStart)
    }
    // Blank lines carry no data; drop them (a trailing newline is not a row).
    var kept: [[String]] = []
    var keptLines: [Int] = []
    for (r, l) in zip(records, recordLines) where !(r.count == 1 && r[0].isEmpty) {
      kept.append(r)
      keptLines.append(l)
    }
    guard let head = kept.first else {
      throw InputError(file: file, line: 1, expected: "a header row", foundDescription: "an empty file")
    }
    header = head.map(CSVTable.trimmed)
    var seen = Set<String>()
    for name in header {
      guard !name.isEmpty else {
        throw InputError(file: file, line: keptLines[0], expected: "a name for every column", foundDescription: "an empty column name")
      }
      guard seen.insert(name).inserted else {
        throw InputError(file: file, line: keptLines[0], field: name, expected: "unique column names", foundDescription: "a repeated column")
      }
    }
    for (r, l) in zip(kept.dropFirst(), keptLines.dropFirst()) where r.count != header.count {
      let hint = r.count > header.count ? " (quote a value that holds a comma)" : ""
      throw InputError(file: file, line: l, expected: "\(header.count) fields as in the header",
                       foundDescription: "\(r.count) field\(r.count == 1 ? "" : "s")\(hint)")
    }
    headerLine = keptLines[0]
    rows = Array(kept.dropFirst())
    lines = Array(keptLines.dropFirst())
  }

  /// Reads and parses a CSV file from disk.
  /// - Throws: `InputError` if the file cannot be read or is malformed.
  package init(contentsOf path: String, displayName: String? = nil) throws {
    let name = displayName ?? path
    let data = try InputFile.read(path, expected: "a readable file", name: name)
    try self.init(data: data, file: name)
  }

  /// Whether `text` is a plain decimal number: an optional sign, digits with an optional decimal
  /// point (at least one digit), an optional exponent (`e` or `E`, optional sign, digits). Refuses
  /// what `Double(_:)` would also take: hexadecimal (`0x10`), `inf`, `nan`, and anything after a NUL.
  static func isDecimal(_ text: String) -> Bool {
    var bytes = text.utf8[...]
    func digits() -> Int {
      var n = 0
      while let b = bytes.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) { bytes.removeFirst(); n += 1 }
      return n
    }
    if let b = bytes.first, b == UInt8(ascii: "+") || b == UInt8(ascii: "-") { bytes.removeFirst() }
    var mantissa = digits()
    if bytes.first == UInt8(ascii: ".") {
      bytes.removeFirst()
      mantissa += digits()
    }
    guard mantissa > 0 else { return false }
    if let b = bytes.first, b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
      bytes.removeFirst()
      if let b = bytes.first, b == UInt8(ascii: "+") || b == UInt8(ascii: "-") { bytes.removeFirst() }
      guard digits() > 0 else { return false }
    }
    return bytes.isEmpty
  }

  /// The field without leading and trailing spaces and tabs (fast when there are none).
  static func trimmed(_ field: String) -> String {
    let utf8 = field.utf8
    guard let first = utf8.first, let last = utf8.last else { return field }
    func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
    guard isBlank(first) || isBlank(last) else { return field }
    var start = utf8.startIndex, end = utf8.endIndex
    while start < end, isBlank(utf8[start]) { start = utf8.index(after: start) }
    while end > start, isBlank(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
    return String(field[start..<end])
  }

  /// The indices of a schema's columns, in the order given: every name must be in the header and
  /// the header may hold no other column (an unknown column is usually a misspelt one).
  /// - Throws: `InputError` naming the unknown column (with the closest schema name) or the
  ///   missing one.
  package func columns(_ names: [String], optional: [String] = []) throws -> [Int] {
    let allowed = names + optional
    for name in header where !allowed.contains(name) {
      let suggestion = ClosestName.find(name, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
      throw InputError(file: file, line: headerLine, field: name,
                       expected: "only the columns \(names.joined(separator: ", "))"
                         + (optional.isEmpty ? "" : " (optional: \(optional.joined(separator: ", ")))") + suggestion,
                       foundDescription: "an unknown column")
    }
    return try names.map { try column($0) }
  }

  /// The index of a required column.
  /// - Throws: `InputError` naming the missing column.
  package func column(_ name: String) throws -> Int {
    guard let index = header.firstIndex(of: name) else {
      throw InputError(file: file, line: headerLine, field: name, expected: "a column named '\(name)'",
                       foundDescription: "the columns \(header.joined(separator: ", "))")
    }
    return index
  }

  /// Accesses typed fields of one row with errors that name the line and column.
  package struct Row {
    let table: CSVTable
    let index: Int

    /// The row at `index` (0-based, among the data rows) of `table`.
    package init(table: CSVTable, index: Int) {
      self.table = table
      self.index = index
    }
    /// The 1-based line this row starts on.
    package var line: Int { table.lines[index] }

    /// The raw text of a column (trimmed of surrounding spaces).
    package func text(_ column: Int) -> String {
      CSVTable.trimmed(table.rows[index][column])
    }

    /// A required, non-empty text field.
    package func requiredText(_ column: Int) throws -> String {
      let value = text(column)
      guard !value.isEmpty else { throw error(column, expected: "a value", found: value) }
      // A key (an id, a state, a seat, a level) with a line break or another control character
      // would be a different key than it looks, and would break the reports' lines and tables.
      guard !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
        throw error(column, expected: "a value without line breaks, tabs or other control characters", found: value)
      }
      return value
    }

    /// A required finite number.
    package func number(_ column: Int) throws -> Double {
      let value = text(column)
      guard CSVTable.isDecimal(value), let number = Double(value), number.isFinite else {
        throw error(column, expected: "a finite number", found: value)
      }
      return number
    }

    /// An optional finite number: nil for an empty cell.
    package func optionalNumber(_ column: Int) throws -> Double? {
      text(column).isEmpty ? nil : try number(column)
    }

    /// A required integer.
    package func integer(_ column: Int) throws -> Int {
      let value = text(column)
      guard let number = Int(value) else { throw error(column, expected: "an integer", found: value) }
      return number
    }

    /// A required ISO date (YYYY-MM-DD).
    package func date(_ column: Int) throws -> CalendarDate {
      let value = text(column)
      guard let date = CalendarDate(iso: value) else {
        throw error(column, expected: "a date as YYYY-MM-DD", found: value)
      }
      return date
    }

    /// A required boolean written `True`/`False` (or `true`/`false`).
    package func boolean(_ column: Int) throws -> Bool {
      switch text(column).lowercased() {
      case "true": return true
      case "false": return false
      default: throw error(column, expected: "True or False", found: text(column))
      }
    }

    /// An error located at this row and column.
    package func error(_ column: Int, expected: String, found: String?) -> InputError {
      InputError(file: table.file, line: line, field: table.header[column], expected: expected, found: found)
    }
    /// An error located at this row and column whose finding is described in words.
    package func error(_ column: Int, expected: String, foundDescription: String) -> InputError {
      InputError(file: table.file, line: line, field: table.header[column], expected: expected,
                 foundDescription: foundDescription)
    }
  }

  /// Typed accessors for every data row.
  package var typedRows: [Row] { rows.indices.map { Row(table: self, index: $0) } }
}
