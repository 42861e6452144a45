/// Writes RFC 4180 CSV: a header row, comma-separated, fields quoted when they hold a comma,
/// a quote or a line break or begin or end with white space, `\n` lines, UTF-8.
public struct CSVWriter: Sendable {
    private(set) public var text = ""

    /// Starts a table with its header row.
    /// - Complexity: O(length of the header).
    public init(header: [String]) { append(header) }

    /// Takes the text written so far, leaving the writer empty (to stream a long table).
    /// - Complexity: O(1).
    public mutating func flush() -> String {
        defer { text = "" }
        return text
    }

    /// Appends one row.
    /// - Complexity: O(length of the row).
    public mutating func append(_ fields: [String]) {
        text += fields.map(CSVWriter.quote).joined(separator: ",")
        text += "\n"
    }

    /// A field as CSV writes it.
    /// - Complexity: O(length of the field).
    public static func quote(_ field: String) -> String {
        let needs = field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || field.first?.isWhitespace == true || field.last?.isWhitespace == true
        guard needs else { return field }
        var out = "\""
        for ch in field { out += ch == "\"" ? "\"\"" : String(ch) }
        return out + "\""
    }

    /// A number as a spreadsheet reads it: plain decimal, empty when not finite.
    /// - Complexity: O(1).
    public static func number(_ x: Double) -> String { x.isFinite ? JSONValue.format(x) : "" }

    /// One row of fields, each quoted as ``quote(_:)`` says, joined by commas (no line end).
    /// - Complexity: O(length of the row).
    public static func row(_ fields: [String]) -> String { fields.map(quote).joined(separator: ",") }
}
