/// Writes text as a Graphviz DOT double-quoted string, for node ids, labels and tooltips alike.
///
/// Any string becomes a valid quoted DOT string that Graphviz reads back to the same text and
/// renders as that text in every output format (SVG included, which must stay valid XML):
/// - `"` becomes `\"` and `\` becomes `\\` (so no name can start a Graphviz escape such as `\N`
///   or `\l`, nor close the string early);
/// - a line break (`\n`, `\r\n` or `\r`) becomes `\n`, which Graphviz draws as a line break;
/// - `&` becomes `&amp;`: Graphviz reads entities in labels and copies `&name;` sequences into
///   SVG unescaped, so a name such as `R&D;` would otherwise render wrongly or break the XML;
/// - other control characters (which XML forbids) become a space;
/// - everything else, non-ASCII letters included (`Côte d'Ivoire`), is written as is, in
///   UTF-8, which is Graphviz's default `charset`.
///
/// The mapping is one-to-one, so distinct data ids stay distinct DOT node ids.
public enum DOTEscaper {
    /// Appends `text` to `out` as a double-quoted DOT string.
    ///
    /// Text with nothing to escape (the common case) is copied in one append.
    /// - Complexity: O(length of `text`).
    @inlinable
    public static func appendQuoted(_ text: String, to out: inout String) {
        out.append("\"")
        if needsEscaping(text) { appendEscaped(text, to: &out) } else { out.append(text) }
        out.append("\"")
    }

    /// `text` as a double-quoted DOT string.
    /// - Complexity: O(length of `text`).
    public static func quoted(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 2)
        appendQuoted(text, to: &out)
        return out
    }

    /// Whether `text` holds a byte the escaper changes.
    /// - Complexity: O(length of `text`).
    @inlinable
    public static func needsEscaping(_ text: String) -> Bool {
        for byte in text.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x26 || byte == 0x7F {
            return true
        }
        return false
    }

    /// Appends the escaped body of `text` (without the quotes).
    /// - Complexity: O(length of `text`).
    @usableFromInline
    static func appendEscaped(_ text: String, to out: inout String) {
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "&": out.append("&amp;")
            case "\r": out.append("\\n")
            case "\n": if !previousWasCR { out.append("\\n") }
            case let c where c.value < 0x20 || c.value == 0x7F: out.append(" ")
            default: out.unicodeScalars.append(scalar)
            }
        }
    }
}
