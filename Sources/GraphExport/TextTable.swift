/// A table for people: a terminal grid (optionally coloured) or a Markdown pipe table.
public struct TextTable: Sendable {
    /// How a cell is emphasised in a terminal.
    public enum Tone: Sendable { case plain, bad, warn, good, dim }
    /// One cell.
    public struct Cell: Sendable, ExpressibleByStringLiteral {
        public var text: String
        public var tone: Tone
        public init(_ text: String, _ tone: Tone = .plain) { self.text = text; self.tone = tone }
        public init(stringLiteral value: String) { self.init(value) }
    }
    /// The column titles.
    public var header: [String]
    /// The rows.
    public var rows: [[Cell]] = []
    /// Columns aligned right (numbers).
    public var rightAligned: Set<Int> = []

    /// Creates an empty table.
    public init(header: [String], rightAligned: Set<Int> = []) {
        self.header = header
        self.rightAligned = rightAligned
    }

    /// Appends a row.
    public mutating func append(_ row: [Cell]) { rows.append(row) }

    /// A grid for a terminal, columns padded to their widest cell, ANSI colours when `color`.
    /// - Complexity: O(cells).
    public func terminal(color: Bool) -> String {
        var widths = header.map(\.count)
        for row in rows { for (k, cell) in row.enumerated() where k < widths.count { widths[k] = max(widths[k], cell.text.count) } }
        func line(_ cells: [Cell], bold: Bool) -> String {
            var parts: [String] = []
            for (k, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: max(0, widths[k] - cell.text.count))
                let text = rightAligned.contains(k) ? pad + cell.text : (k == cells.count - 1 ? cell.text : cell.text + pad)
                parts.append(color ? paint(text, bold ? nil : cell.tone, bold: bold) : text)
            }
            return parts.joined(separator: "  ")
        }
        var out = line(header.map { Cell($0) }, bold: true) + "\n"
        for row in rows { out += line(row, bold: false) + "\n" }
        return out
    }

    /// A Markdown pipe table.
    /// - Complexity: O(cells).
    public func markdown() -> String {
        func escape(_ s: String) -> String { s.replacing("|", with: "\\|") }
        var out = "| " + header.map(escape).joined(separator: " | ") + " |\n"
        out += "|" + header.indices.map { rightAligned.contains($0) ? " ---: |" : " --- |" }.joined() + "\n"
        for row in rows { out += "| " + row.map { escape($0.text) }.joined(separator: " | ") + " |\n" }
        return out
    }

    private func paint(_ text: String, _ tone: Tone?, bold: Bool) -> String {
        if bold { return "\u{1B}[1m" + text + "\u{1B}[0m" }
        switch tone {
        case .bad: return "\u{1B}[31m" + text + "\u{1B}[0m"
        case .warn: return "\u{1B}[33m" + text + "\u{1B}[0m"
        case .good: return "\u{1B}[32m" + text + "\u{1B}[0m"
        case .dim: return "\u{1B}[2m" + text + "\u{1B}[0m"
        default: return text
        }
    }
}
