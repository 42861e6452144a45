/// A place in an input: file, line and column (1-based; 0 when unknown), or in a workbook the
/// sheet, row and column (`map.xlsx:supplies!C12`).
public struct InputLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The path as given on the command line.
    public let file: String
    /// The sheet of a workbook (then ``line`` is its row and ``column`` its column number);
    /// `nil` for every other input.
    public let sheet: String?
    /// The line, 1-based; 0 when unknown (a finding about the file as a whole).
    public let line: Int
    /// The column in characters, 1-based; 0 when unknown.
    public let column: Int

    /// Creates a location.
    /// - Complexity: O(1).
    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file; self.sheet = nil; self.line = line; self.column = column
    }

    /// Creates a location in a sheet of a workbook (`sheet` nil: as ``init(file:line:column:)``).
    /// - Complexity: O(1).
    public init(file: String, sheet: String?, line: Int, column: Int) {
        self.file = file; self.sheet = sheet; self.line = line; self.column = column
    }

    /// A column number as a spreadsheet writes it: 1 `A`, 26 `Z`, 27 `AA`.
    /// - Complexity: O(log column).
    public static func columnName(_ column: Int) -> String {
        var n = column, letters: [Character] = []
        while n > 0 {
            let k = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + k))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// `file:line:column`, or `file:sheet!C12` in a workbook, leaving out what is unknown.
    /// - Complexity: O(length of the path).
    public var description: String {
        if let sheet {
            if line <= 0 { return "\(file):\(sheet)" }
            return column <= 0 ? "\(file):\(sheet)!\(line)" : "\(file):\(sheet)!\(Self.columnName(column))\(line)"
        }
        if line <= 0 { return file }
        if column <= 0 { return "\(file):\(line)" }
        return "\(file):\(line):\(column)"
    }

    /// Orders by file name, then sheet, then line, then column.
    /// - Complexity: O(length of the paths).
    public static func < (a: Self, b: Self) -> Bool {
        (a.file, a.sheet ?? "", a.line, a.column) < (b.file, b.sheet ?? "", b.line, b.column)
    }
}
