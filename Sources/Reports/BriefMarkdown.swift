/// The analyst's notes of the briefing (`brief --notes FILE.md`): a small Markdown renderer that
/// writes only its own elements and escapes every character of the text, so that raw HTML in
/// the notes — `<script>`, `<img onerror=...>`, `<a href="javascript:...">` — prints as text
/// and never becomes markup.
///
/// What it reads (a plain subset of CommonMark):
/// - ATX headings `#` to `######`, written one level below the notes' own heading (`#` → `h3`);
/// - paragraphs (lines joined; a blank line ends one); a line of `---`, `***` or `___` a rule;
/// - lists: `-`, `*` or `+` items, or `1.` / `1)` numbered ones (one level; an indented line
///   continues the item);
/// - block quotes (`> `), fenced code blocks (three or more backticks or tildes);
/// - inline: `` `code` ``, `*emphasis*` / `_emphasis_`, `**strong**` / `__strong__`, backslash
///   escapes, and links `[text](address)` written as text — "text (address)" — never as a
///   live link, whatever the address (`javascript:` included).
enum BriefMarkdown {
    /// The notes as HTML elements (`h3`…`h6`, `p`, `ul`, `ol`, `li`, `blockquote`, `pre`,
    /// `code`, `em`, `strong`, `hr`); every text character escaped.
    /// - Complexity: O(n · d) for n characters and d nested emphasis delimiters (d is small).
    static func html(_ markdown: String) -> String {
        var lines = markdown.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var out = ""
        var k = 0
        var paragraph: [String] = []
        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            out += "<p>" + inline(paragraph.map { $0.droppingLeadingSpaces() }.joined(separator: "\n")) + "</p>\n"
            paragraph = []
        }
        while k < lines.count {
            let line = lines[k]
            let trimmed = line.droppingLeadingSpaces()
            let indent = line.count - trimmed.count
            if trimmed.isEmpty { flushParagraph(); k += 1; continue }
            if indent < 4, let fence = fenceMarker(trimmed) {
                flushParagraph()
                var code: [String] = []
                k += 1
                while k < lines.count {
                    let t = lines[k].droppingLeadingSpaces()
                    if t.hasPrefix(fence) && t.allSatisfy({ $0 == fence.first || $0 == " " }) { k += 1; break }
                    code.append(lines[k])
                    k += 1
                }
                out += "<pre><code>" + HTML.escape(code.joined(separator: "\n")) + "</code></pre>\n"
                continue
            }
            if indent < 4, let (level, text) = heading(trimmed) {
                flushParagraph()
                let h = min(6, level + 2)
                out += "<h\(h)>" + inline(text) + "</h\(h)>\n"
                k += 1
                continue
            }
            if indent < 4, isRule(trimmed) {
                flushParagraph()
                out += "<hr>\n"
                k += 1
                continue
            }
            if indent < 4, trimmed.hasPrefix(">") {
                flushParagraph()
                var quoted: [String] = []
                while k < lines.count {
                    let t = lines[k].droppingLeadingSpaces()
                    guard t.hasPrefix(">") else { break }
                    var rest = Substring(t.dropFirst())
                    if rest.first == " " { rest = rest.dropFirst() }
                    quoted.append(String(rest))
                    k += 1
                }
                out += "<blockquote>\n" + html(quoted.joined(separator: "\n")) + "</blockquote>\n"
                continue
            }
            if indent < 4, let first = listItem(trimmed) {
                flushParagraph()
                let tag = first.ordered ? "ol" : "ul"
                var items: [String] = [first.text]
                k += 1
                while k < lines.count {
                    let t = lines[k].droppingLeadingSpaces()
                    if t.isEmpty {
                        // A blank line ends the list unless the next line is another item.
                        if k + 1 < lines.count, let next = listItem(lines[k + 1].droppingLeadingSpaces()), next.ordered == first.ordered {
                            k += 1
                            continue
                        }
                        break
                    }
                    if let next = listItem(t), next.ordered == first.ordered { items.append(next.text); k += 1; continue }
                    if lines[k].count - t.count >= 2 || !startsBlock(t) { items[items.count - 1] += "\n" + t; k += 1; continue }
                    break
                }
                let start = first.ordered && first.number != 1 ? " start=\"\(first.number)\"" : ""
                out += "<\(tag)\(start)>\n" + items.map { "<li>" + inline($0) + "</li>\n" }.joined() + "</\(tag)>\n"
                continue
            }
            if !paragraph.isEmpty || !startsBlock(trimmed) { paragraph.append(line) }
            k += 1
        }
        flushParagraph()
        return out
    }

    // MARK: - Blocks

    /// The opening fence (three or more backticks or tildes), or `nil`.
    static func fenceMarker(_ line: String) -> String? {
        guard let c = line.first, c == "`" || c == "~" else { return nil }
        let run = line.prefix { $0 == c }
        return run.count >= 3 ? String(run) : nil
    }

    /// `# Title` as (1, "Title"), up to six `#`; `nil` when the line is not a heading.
    static func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard hashes >= 1 && hashes <= 6 else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var text = String(rest).droppingLeadingSpaces()
        // A closing run of `#` is not part of the text.
        while text.last == " " { text.removeLast() }
        let closing = text.reversed().prefix { $0 == "#" }.count
        if closing > 0 && (closing == text.count || text.dropLast(closing).last == " ") {
            text = String(text.dropLast(closing))
            while text.last == " " { text.removeLast() }
        }
        return (hashes, text)
    }

    /// `---`, `***` or `___` (three or more, spaces between allowed).
    static func isRule(_ line: String) -> Bool {
        let marks = line.filter { $0 != " " && $0 != "\t" }
        guard let c = marks.first, c == "-" || c == "*" || c == "_", marks.count >= 3 else { return false }
        return marks.allSatisfy { $0 == c }
    }

    /// A list item's marker: `- x`, `* x`, `+ x`, `3. x`, `3) x`.
    static func listItem(_ line: String) -> (ordered: Bool, number: Int, text: String)? {
        if let c = line.first, c == "-" || c == "*" || c == "+" {
            let rest = line.dropFirst()
            guard rest.first == " " || rest.first == "\t" else { return nil }
            return (false, 0, String(rest).droppingLeadingSpaces())
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty && digits.count <= 9 else { return nil }
        let rest = line.dropFirst(digits.count)
        guard let mark = rest.first, mark == "." || mark == ")" else { return nil }
        let after = rest.dropFirst()
        guard after.first == " " || after.first == "\t" else { return nil }
        return (true, Int(digits) ?? 1, String(after).droppingLeadingSpaces())
    }

    /// Whether `line` opens a block of its own (it then ends a paragraph).
    static func startsBlock(_ line: String) -> Bool {
        fenceMarker(line) != nil || heading(line) != nil || isRule(line) || line.hasPrefix(">") || listItem(line) != nil
    }

    // MARK: - Inline

    /// The inline Markdown of one block as escaped HTML.
    /// - Complexity: O(n · d), d nested delimiters.
    static func inline(_ text: String) -> String {
        var out = ""
        render(Array(text), into: &out)
        return out
    }

    static let punctuation = Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")

    static func render(_ s: [Character], into out: inout String) {
        var plain = ""
        func flush() { out += HTML.escape(plain); plain = "" }
        var i = 0
        while i < s.count {
            let c = s[i]
            // A backslash before punctuation makes it plain.
            if c == "\\", i + 1 < s.count, punctuation.contains(s[i + 1]) {
                plain.append(s[i + 1]); i += 2; continue
            }
            // Code spans: a run of backticks up to the same run.
            if c == "`" {
                var n = 0
                while i + n < s.count && s[i + n] == "`" { n += 1 }
                if let close = closingRun(of: "`", length: n, in: s, from: i + n) {
                    flush()
                    var code = String(s[(i + n)..<close]).replacing("\n", with: " ")
                    if code.count >= 2 && code.first == " " && code.last == " " && code.contains(where: { $0 != " " }) {
                        code = String(code.dropFirst().dropLast())
                    }
                    out += "<code>" + HTML.escape(code) + "</code>"
                    i = close + n
                    continue
                }
                plain += String(repeating: "`", count: n); i += n; continue
            }
            // Links (and images, `![alt](src)`) as text: never a live link or a loaded image.
            if c == "[" || (c == "!" && i + 1 < s.count && s[i + 1] == "[") {
                let open = c == "!" ? i + 1 : i
                if let (closeText, closeAddress) = link(in: s, from: open) {
                    flush()
                    render(Array(s[(open + 1)..<closeText]), into: &out)
                    let address = String(s[(closeText + 2)..<closeAddress]).trimming(" \n")
                    let target = address.hasPrefix("<") && address.hasSuffix(">") ? String(address.dropFirst().dropLast()) : address
                    if !target.isEmpty { out += " <span class=\"address\">(" + HTML.escape(target) + ")</span>" }
                    i = closeAddress + 1
                    continue
                }
            }
            // Emphasis: `**`/`__` strong, `*`/`_` emphasis; `_` only at word edges.
            if c == "*" || c == "_" {
                var n = 0
                while i + n < s.count && s[i + n] == c { n += 1 }
                let before: Character? = i > 0 ? s[i - 1] : nil
                let opens = i + n < s.count && !s[i + n].isWhitespace
                    && (c == "*" || !(before?.isLetter ?? false || before?.isNumber ?? false))
                if opens, n <= 3 {
                    let length = n >= 2 ? 2 : 1
                    if let close = closingDelimiter(c, length: length, in: s, from: i + length) {
                        flush()
                        let tag = length == 2 ? "strong" : "em"
                        out += "<\(tag)>"
                        render(Array(s[(i + length)..<close]), into: &out)
                        out += "</\(tag)>"
                        i = close + length
                        continue
                    }
                }
                plain += String(repeating: String(c), count: n); i += n; continue
            }
            plain.append(c)
            i += 1
        }
        flush()
    }

    /// The index of the next run of exactly `length` `mark`s at or after `from`.
    static func closingRun(of mark: Character, length: Int, in s: [Character], from: Int) -> Int? {
        var j = from
        while j < s.count {
            guard s[j] == mark else { j += 1; continue }
            var n = 0
            while j + n < s.count && s[j + n] == mark { n += 1 }
            if n == length { return j }
            j += n
        }
        return nil
    }

    /// The closing delimiter of an emphasis opened before `from`: `length` marks not preceded by
    /// a space (`_` not followed by a letter or digit), outside code spans.
    static func closingDelimiter(_ mark: Character, length: Int, in s: [Character], from: Int) -> Int? {
        var j = from
        while j < s.count {
            if s[j] == "\\" { j += 2; continue }
            if s[j] == "`" {
                var n = 0
                while j + n < s.count && s[j + n] == "`" { n += 1 }
                if let close = closingRun(of: "`", length: n, in: s, from: j + n) { j = close + n } else { j += n }
                continue
            }
            guard s[j] == mark else { j += 1; continue }
            var n = 0
            while j + n < s.count && s[j + n] == mark { n += 1 }
            let after: Character? = j + n < s.count ? s[j + n] : nil
            let closes = j > from && !s[j - 1].isWhitespace
                && (mark == "*" || !(after?.isLetter ?? false || after?.isNumber ?? false))
            if closes && n >= length {
                // `***x***`: the inner emphasis closes first; a strong closes on the last two.
                return length == 2 ? j + n - 2 : j
            }
            j += n
        }
        return nil
    }

    /// `[text](address)` from `open` (the `[`): the index of `]` and of `)`.
    static func link(in s: [Character], from open: Int) -> (Int, Int)? {
        var depth = 0
        var j = open
        var closeText: Int? = nil
        while j < s.count {
            if s[j] == "\\" { j += 2; continue }
            if s[j] == "[" { depth += 1 }
            if s[j] == "]" { depth -= 1; if depth == 0 { closeText = j; break } }
            j += 1
        }
        guard let closeText, closeText + 1 < s.count, s[closeText + 1] == "(" else { return nil }
        var parens = 0
        j = closeText + 2
        while j < s.count {
            if s[j] == "\\" { j += 2; continue }
            if s[j] == "(" { parens += 1 }
            if s[j] == ")" { if parens == 0 { return (closeText, j) }; parens -= 1 }
            j += 1
        }
        return nil
    }
}

extension String {
    /// The text without its leading spaces and tabs.
    func droppingLeadingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" })
    }

    /// The text without the given characters at either end.
    func trimming(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
