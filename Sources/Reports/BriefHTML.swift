import GraphExport

/// HTML text for the briefing: escaping, and a small writer of elements.
enum HTML {
    /// `text` with `&`, `<`, `>`, `"` and `'` escaped, and the control characters HTML forbids
    /// dropped: safe in element content and in double- or single-quoted attributes.
    /// - Complexity: O(length of `text`).
    static func escape(_ text: String) -> String {
        var plain = true
        for byte in text.utf8 where byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 || byte < 0x20 || byte == 0x7F {
            plain = false
            break
        }
        if plain { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append("&amp;")
            case "<": out.append("&lt;")
            case ">": out.append("&gt;")
            case "\"": out.append("&quot;")
            case "'": out.append("&#39;")
            case "\n", "\t": out.unicodeScalars.append(scalar)
            case "\r": out.append("\n")
            case let c where c.value < 0x20 || c.value == 0x7F: out.append(" ")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// An id-safe slug of `text` for `id` and `href="#..."`: letters, digits and `-`, every
    /// other byte as `_XX` (one-to-one, so two data ids give two slugs).
    /// - Complexity: O(length of `text`).
    static func slug(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D: out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "_" + (hex.count < 2 ? "0" : "") + hex
            }
        }
        return out
    }

    /// A table: the header cells, then the rows; each cell escaped, with an optional class.
    /// - Complexity: O(cells).
    static func table(_ header: [String], _ rows: [[Cell]], numeric: Set<Int> = [], caption: String? = nil) -> String {
        var out = "<table>"
        if let caption { out += "<caption>\(escape(caption))</caption>" }
        out += "<thead><tr>"
        for (k, h) in header.enumerated() { out += "<th\(numeric.contains(k) ? " class=\"num\"" : "")>\(escape(h))</th>" }
        out += "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>"
            for (k, cell) in row.enumerated() {
                var classes: [String] = []
                if numeric.contains(k) { classes.append("num") }
                if let tone = cell.tone { classes.append(tone) }
                out += classes.isEmpty ? "<td>" : "<td class=\"\(classes.joined(separator: " "))\">"
                out += cell.html ?? escape(cell.text)
                out += "</td>"
            }
            out += "</tr>"
        }
        return out + "</tbody></table>\n"
    }

    /// A table cell: text (escaped), or ready HTML, and a tone class (`bad`, `warn`, `good`).
    struct Cell {
        var text: String
        var tone: String?
        var html: String?
        init(_ text: String, _ tone: String? = nil) { self.text = text; self.tone = tone; self.html = nil }
        init(html: String, _ tone: String? = nil) { self.text = ""; self.tone = tone; self.html = html }
    }

    /// An SVG diagram that Graphviz wrote, made fit to sit inside the page: without its XML
    /// declaration, DOCTYPE and comments, its ids prefixed (several diagrams share one
    /// document), labelled for screen readers.
    /// - Complexity: O(length of `svg`).
    static func inline(svg: String, idPrefix: String, label: String) -> String {
        guard let start = svg.firstRange(of: "<svg") else { return "" }
        var body = String(svg[start.lowerBound...])
        // Comments (Graphviz writes the node ids in them: data text outside any escaping rule).
        while let open = body.firstRange(of: "<!--"), let close = body[open.upperBound...].firstRange(of: "-->") {
            body.removeSubrange(open.lowerBound..<close.upperBound)
        }
        body = body.replacing(" id=\"", with: " id=\"\(idPrefix)")
        body = body.replacing("<svg ", with: "<svg role=\"img\" aria-label=\"\(escape(label))\" ", maxReplacements: 1)
        return body
    }
}
