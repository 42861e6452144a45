/// XML 1.0 text and attribute escaping, shared by every XML writer (GraphML, SVG labels, the
/// native format, workbook parts), so that what one writes another reads back.
public enum XMLText {
    /// Appends `text` with `&`, `<`, `>`, `"` escaped and characters XML 1.0 forbids (controls
    /// other than tab, line feed and carriage return) dropped.
    /// - Complexity: O(length of `text`).
    public static func appendEscaped(_ text: String, to out: inout String) {
        var plain = true
        // 0xEF leads U+FFFE and U+FFFF (EF BF BE, EF BF BF): such text takes the careful path.
        for byte in text.utf8 where byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte < 0x20 || byte == 0xEF {
            plain = false
            break
        }
        if plain { out.append(text); return }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append("&amp;")
            case "<": out.append("&lt;")
            case ">": out.append("&gt;")
            case "\"": out.append("&quot;")
            case "\t": out.append("&#9;")
            case "\n": out.append("&#10;")
            case "\r": out.append("&#13;")
            case let c where !allows(c): continue
            default: out.unicodeScalars.append(scalar)
            }
        }
    }

    /// Whether XML 1.0 can hold `scalar` at all (its `Char` production): tab, line feed,
    /// carriage return, U+0020–U+D7FF, U+E000–U+FFFD and U+10000 up. The others (the other C0
    /// controls, U+FFFE, U+FFFF) have no escape either: a writer drops them, so callers that
    /// must not lose or merge text check ``firstForbidden(in:)`` first and refuse.
    /// - Complexity: O(1).
    public static func allows(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...: return true
        default: return false
        }
    }

    /// The first scalar of `text` that XML 1.0 cannot hold (``allows(_:)``), if any.
    /// - Complexity: O(length of `text`).
    public static func firstForbidden(in text: String) -> Unicode.Scalar? {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0xEF }) else { return nil }
        return text.unicodeScalars.first { !allows($0) }
    }

    /// Appends `text` as a double-quoted XML attribute value.
    /// - Complexity: O(length of `text`).
    public static func appendQuoted(_ text: String, to out: inout String) {
        out.append("\"")
        appendEscaped(text, to: &out)
        out.append("\"")
    }

    /// `text` escaped for an attribute value or element content.
    /// - Complexity: O(length of `text`).
    public static func escaped(_ text: String) -> String {
        var out = ""
        appendEscaped(text, to: &out)
        return out
    }
}
