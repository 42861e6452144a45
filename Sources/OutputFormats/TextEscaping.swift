/// The output-escaping policy for text meant for people: what a terminal prints and what a
/// Markdown renderer shows. Every writer of such text goes through these two functions, so
/// a name or id taken from the data cannot move the cursor, recolour or clear a terminal,
/// reorder a line, start a new row or section, or open HTML or a link in rendered Markdown.
/// (CSV has ``CSVField`` and XML ``XMLText``.)
public enum TerminalText {
    /// Whether a scalar is one a terminal must not receive raw: C0 controls, DEL, C1 controls
    /// (U+0080–U+009F, among them U+009B, the one-byte CSI, and U+0085, a line break), and the
    /// bidirectional controls (U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069) that
    /// reorder the rest of a line.
    /// - Complexity: O(1).
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// `text` on one line, safe for a terminal: `\n`, `\r` and `\t` written as those two
    /// characters, every other unsafe scalar (``isUnsafe(_:)``) as `\u{XX}` (hexadecimal).
    /// Text without any is returned as it is.
    /// - Complexity: O(length of `text`).
    public static func escaped(_ text: String) -> String {
        // Bytes that start an unsafe scalar in UTF-8: C0 and DEL, 0xC2 (U+0080–U+00BF),
        // 0xD8 (U+061C), 0xE2 (U+2000–U+2FFF). Text without them takes the fast path.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xD8 || $0 == 0xE2 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where isUnsafe(c): out += "\\u{\(String(c.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Several lines for a terminal (a diagnostic, a message): each line escaped as
    /// ``escaped(_:)`` says, the line feeds between them kept.
    /// - Complexity: O(length of `text`).
    public static func escapedLines(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xD8 || $0 == 0xE2 }) else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { escaped(String($0)) }.joined(separator: "\n")
    }
}

/// Markdown (CommonMark and GitHub-flavoured) text that renders as the characters it holds.
public enum MarkdownText {
    /// `text` as inline Markdown (a table cell, the rest of a line) that shows exactly these
    /// characters: `<`, `>` and `&` as character references (no HTML, no autolink); the
    /// punctuation that makes emphasis, code, links, images, strikethrough, escapes or a table
    /// cell's end (backslash, `*`, `_`, backtick, `[`, `]`, `~`, `|`) backslash-escaped; a line
    /// break (CR, LF, CRLF, U+0085, U+2028, U+2029) as `<br>`, so it never starts a new block or
    /// row; other controls and the bidirectional controls (``TerminalText/isUnsafe(_:)``) as a
    /// visible `\u{XX}`.
    /// - Complexity: O(length of `text`).
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "*", "_", "`", "[", "]", "~", "|": out += "\\"; out.unicodeScalars.append(scalar)
            case "\r", "\u{85}", "\u{2028}", "\u{2029}": out += "<br>"
            case "\n": if !previousWasCR { out += "<br>" }
            case let c where TerminalText.isUnsafe(c): out += "\\u{\(String(c.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` as a whole block (a paragraph, a heading's text, a list item): ``escaped(_:)``,
    /// and a leading block marker escaped too, so the text cannot become a heading, a list, a
    /// quote, a rule or a setext underline: a first `#`, `-`, `+` or `=`, or the `.` or `)`
    /// after leading digits when a space or the end follows (`1. `).
    /// - Complexity: O(length of `text`).
    public static func escapedBlock(_ text: String) -> String {
        var out = escaped(text)
        guard let first = out.unicodeScalars.first else { return out }
        if first == "#" || first == "-" || first == "+" || first == "=" { return "\\" + out }
        let digits = out.unicodeScalars.prefix(while: { ("0"..."9").contains($0) }).count
        guard digits > 0 else { return out }
        let rest = out.unicodeScalars.dropFirst(digits)
        if let marker = rest.first, marker == "." || marker == ")", rest.dropFirst().first.map({ $0 == " " }) ?? true {
            let index = rest.startIndex
            out.unicodeScalars.insert("\\", at: index)
        }
        return out
    }
}
