/// A place in an input: file, line and column (1-based; 0 when unknown).
public struct InputLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The path as given on the command line.
    public let file: String
    /// The line, 1-based; 0 when unknown (a finding about the file as a whole).
    public let line: Int
    /// The column in characters, 1-based; 0 when unknown.
    public let column: Int

    /// Creates a location.
    /// - Complexity: O(1).
    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file; self.line = line; self.column = column
    }

    /// `file:line:column`, leaving out what is unknown.
    /// - Complexity: O(length of the path).
    public var description: String {
        if line <= 0 { return file }
        if column <= 0 { return "\(file):\(line)" }
        return "\(file):\(line):\(column)"
    }

    /// Orders by file name, then line, then column.
    /// - Complexity: O(length of the paths).
    public static func < (a: Self, b: Self) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}
