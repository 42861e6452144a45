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
            case let c where c.value < 0x20 || c.value == 0xFFFE || c.value == 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
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
