/// A place in an input file: file, line and column (1-based; 0 when unknown).
public struct InputLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The path as given on the command line.
    public let file: String
    /// The line, 1-based; 0 when unknown (an error about the file as a whole).
    public let line: Int
    /// The column in characters, 1-based; 0 when unknown.
    public let column: Int

    /// Creates a location.
    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file; self.line = line; self.column = column
    }

    /// `file:line:column`, leaving out what is unknown.
    public var description: String {
        if line <= 0 { return file }
        if column <= 0 { return "\(file):\(line)" }
        return "\(file):\(line):\(column)"
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One finding of the importer, read like a compiler message:
/// `Graphs/x.xml:12:5: error: unknown item 'ti-sponge' in <uses> of 'frigate'`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How bad a finding is.
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }
    /// Error or warning.
    public let severity: Severity
    /// A stable code for tools and tests, such as `duplicate-id`, `schema`, `malformed-xml`.
    public let code: String
    /// One sentence, without the location.
    public let message: String
    /// Where it is.
    public let location: InputLocation

    /// Creates a diagnostic.
    public init(_ severity: Severity, code: String, message: String, location: InputLocation) {
        self.severity = severity; self.code = code; self.message = message; self.location = location
    }

    /// `file:line:column: severity: message`.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// The error of the XML layer: the input could not be turned into a graph.
///
/// It carries every error found (up to the importer's cap) and the warnings met on the way;
/// no graph comes back, so nothing is half-loaded.
public struct SupplyXMLError: Error, Sendable, CustomStringConvertible {
    /// Errors first, in file and line order, then warnings.
    public let diagnostics: [Diagnostic]
    /// The errors alone.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    /// The warnings alone.
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    /// Every diagnostic, one per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
