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
/// Labels may lose distinctions (a tab and a space both show as a space); node ids are written
/// by ``appendID(_:to:)``, a one-to-one escape, so distinct data ids stay distinct nodes.
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

    /// Appends `text` as a label body (no quotes): escaped only where it needs it.
    /// - Complexity: O(length of `text`).
    @inlinable
    public static func appendLabelText(_ text: String, to out: inout String) {
        if needsEscaping(text) { appendEscaped(text, to: &out) } else { out.append(text) }
    }

    /// Appends `id` as a double-quoted DOT node id, one-to-one: `"` becomes `\"`, `\` becomes
    /// `\\`, `&` becomes `&amp;` and every control character `\xHH` (the backslash is doubled
    /// everywhere else, so no id's own text can produce that sequence). Two ids that differ in
    /// any character give two node ids.
    /// - Complexity: O(length of `id`).
    public static func appendID(_ id: String, to out: inout String) {
        out.append("\"")
        if !needsEscaping(id) {
            out.append(id)
        } else {
            for scalar in id.unicodeScalars {
                switch scalar {
                case "\"": out.append("\\\"")
                case "\\": out.append("\\\\")
                case "&": out.append("&amp;")
                case let c where c.value < 0x20 || c.value == 0x7F:
                    let hex = String(c.value, radix: 16, uppercase: true)
                    out.append("\\x" + (hex.count < 2 ? "0" : "") + hex)
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }
}
