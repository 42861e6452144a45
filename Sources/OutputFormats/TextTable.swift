/// A table for people: a terminal grid (optionally coloured) or a Markdown pipe table.
public struct TextTable: Sendable {
    /// How a cell is emphasised in a terminal.
    public enum Tone: Sendable { case plain, bad, warn, good, dim }
    /// One cell.
    public struct Cell: Sendable, ExpressibleByStringLiteral {
        /// What the cell shows.
        public var text: String
        /// How it is emphasised in a terminal.
        public var tone: Tone
        /// A cell with its text and tone.
        /// - Complexity: O(1).
        public init(_ text: String, _ tone: Tone = .plain) { self.text = text; self.tone = tone }
        /// A plain cell from a literal.
        /// - Complexity: O(1).
        public init(stringLiteral value: String) { self.init(value) }
    }
    /// The column titles.
    public var header: [String]
    /// The rows.
    public var rows: [[Cell]] = []
    /// Columns aligned right (numbers).
    public var rightAligned: Set<Int> = []

    /// Creates an empty table.
    /// - Complexity: O(1).
    public init(header: [String], rightAligned: Set<Int> = []) {
        self.header = header
        self.rightAligned = rightAligned
    }

    /// Appends a row.
    /// - Complexity: O(1) amortised.
    public mutating func append(_ row: [Cell]) { rows.append(row) }

    /// A grid for a terminal, columns padded to their widest cell, ANSI colours when `color`.
    /// Header and cells are escaped as ``TerminalText/escaped(_:)`` says (line breaks shown as
    /// `\n`, other controls and bidirectional controls as `\u{XX}`), so a row stays one line.
    /// No line ends in spaces: empty cells at the end of a row are left out and the last cell
    /// is not padded.
    /// - Complexity: O(cells).
    public func terminal(color: Bool) -> String {
        let rows = rows.map { $0.map { Cell(TextTable.oneLine($0.text), $0.tone) } }
        let header = header.map(TextTable.oneLine)
        var widths = header.map(\.count)
        for row in rows { for (k, cell) in row.enumerated() where k < widths.count { widths[k] = max(widths[k], cell.text.count) } }
        func line(_ all: [Cell], bold: Bool) -> String {
            // Empty cells at the end of a row are left out, so no line ends in spaces.
            var cells = all
            while let last = cells.last, last.text.isEmpty { cells.removeLast() }
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

    /// A Markdown (GitHub-flavoured) pipe table, followed by a blank line so that the text
    /// after it is a paragraph, not another row. Every cell is escaped as
    /// ``MarkdownText/escaped(_:)`` says (`|` escaped, a line break written `<br>`, no HTML).
    /// - Complexity: O(cells).
    public func markdown() -> String {
        var out = "| " + header.map(TextTable.markdownCell).joined(separator: " | ") + " |\n"
        out += "|" + header.indices.map { rightAligned.contains($0) ? " ---: |" : " --- |" }.joined() + "\n"
        for row in rows { out += "| " + row.map { TextTable.markdownCell($0.text) }.joined(separator: " | ") + " |\n" }
        return out + "\n"
    }

    /// `text` as one Markdown table cell: ``MarkdownText/escaped(_:)`` (which escapes `|` and
    /// writes a line break `<br>`), so a row stays one row.
    /// - Complexity: O(length of `text`).
    public static func markdownCell(_ text: String) -> String { MarkdownText.escaped(text) }

    /// `text` on one line, for a heading or a terminal cell: ``TerminalText/escaped(_:)``.
    /// - Complexity: O(length of `text`).
    public static func oneLine(_ text: String) -> String { TerminalText.escaped(text) }

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
