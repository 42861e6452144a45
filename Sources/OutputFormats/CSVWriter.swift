/// One field of a CSV report: text or a number.
///
/// The distinction is the spreadsheet's safety: a text field that begins with `=`, `+`, `-`,
/// `@`, a tab or a carriage return is a formula to Excel and LibreOffice (CSV or "formula"
/// injection), so ``CSVWriter`` writes it with a single quote `'` in front, as OWASP
/// recommends; a number (`-0.5`) is written as it is and stays a number.
public enum CSVField: Sendable, Equatable, ExpressibleByStringLiteral {
    /// Text, neutralised when it could start a formula.
    case text(String)
    /// A number, written as plain decimal (empty when not finite).
    case number(Double)

    /// A text field from a literal.
    /// - Complexity: O(1).
    public init(stringLiteral value: String) { self = .text(value) }

    /// The field as it is written before CSV quoting.
    /// - Complexity: O(length of the field).
    public var written: String {
        switch self {
        case .text(let text): CSVWriter.neutralised(text)
        case .number(let x): x.isFinite ? JSONValue.format(x) : ""
        }
    }
}

/// Writes RFC 4180 CSV: a header row, comma-separated, fields quoted when they hold a comma,
/// a quote or a line break or begin or end with white space, `\n` lines, UTF-8.
///
/// A report's fields are ``CSVField``s: text that could start a spreadsheet formula is
/// neutralised (``neutralised(_:)``), numbers are not. ``row(_:)`` writes data verbatim (the
/// CSV folder export, read back by the tool itself).
public struct CSVWriter: Sendable {
    private(set) public var text = ""

    /// Starts a table with its header row (text fields, neutralised like any text).
    /// - Complexity: O(length of the header).
    public init(header: [String]) { append(header.map(CSVField.text)) }

    /// Takes the text written so far, leaving the writer empty (to stream a long table).
    /// - Complexity: O(1).
    public mutating func flush() -> String {
        defer { text = "" }
        return text
    }

    /// Appends one row of a report.
    /// - Complexity: O(length of the row).
    public mutating func append(_ fields: [CSVField]) {
        text += fields.map { CSVWriter.quote($0.written) }.joined(separator: ",")
        text += "\n"
    }

    /// Text as a report writes it: with a single quote `'` in front when it begins with `=`,
    /// `+`, `-`, `@`, a tab or a carriage return, the characters that make a spreadsheet read
    /// a cell as a formula (OWASP's recommendation against CSV injection); else unchanged.
    /// - Complexity: O(length of `text`).
    public static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return text }
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return "'" + text
        default: return text
        }
    }

    /// A field as CSV writes it.
    /// - Complexity: O(length of the field).
    public static func quote(_ field: String) -> String {
        // Bytes and scalars, not Characters: a comma or quote followed by a combining mark is
        // one Character with it, yet still a comma or quote to a CSV reader.
        let needs = field.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || field.unicodeScalars.first?.properties.isWhitespace == true || field.unicodeScalars.last?.properties.isWhitespace == true
        guard needs else { return field }
        var out = "\""
        for scalar in field.unicodeScalars {
            if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
        }
        return out + "\""
    }

    /// A number as a spreadsheet reads it: plain decimal, empty when not finite.
    /// - Complexity: O(1).
    public static func number(_ x: Double) -> CSVField { .number(x) }

    /// One row of data fields, verbatim (no formula neutralising: the CSV folder export, whose
    /// files the tool reads back as they were), each quoted as ``quote(_:)`` says, joined by
    /// commas (no line end).
    /// - Complexity: O(length of the row).
    public static func row(_ fields: [String]) -> String { fields.map(quote).joined(separator: ",") }
}
