import Testing
import GraphExport

@Suite struct DOTEscaperTests {
    @Test(arguments: [
        ("plain-id", "\"plain-id\""),
        ("say \"hi\"", "\"say \\\"hi\\\"\""),
        ("back\\slash", "\"back\\\\slash\""),
        ("ends with \\", "\"ends with \\\\\""),
        ("two\nlines", "\"two\\nlines\""),
        ("crlf\r\nline", "\"crlf\\nline\""),
        ("cr\ronly", "\"cr\\nonly\""),
        ("Côte d'Ivoire", "\"Côte d'Ivoire\""),
        ("Łódź 東京", "\"Łódź 東京\""),
        ("R&D;", "\"R&amp;D;\""),
        ("tab\tbell\u{07}", "\"tab bell \""),
        ("\\N is not a node name", "\"\\\\N is not a node name\""),
        ("", "\"\""),
    ])
    func quoting(text: String, expected: String) {
        #expect(DOTEscaper.quoted(text) == expected)
    }

    @Test func plainTextNeedsNoEscaping() {
        #expect(!DOTEscaper.needsEscaping("Côte d'Ivoire (CI) <b>"))
        #expect(DOTEscaper.needsEscaping("a\"b"))
        #expect(DOTEscaper.needsEscaping("a\\b"))
        #expect(DOTEscaper.needsEscaping("a\nb"))
    }

    @Test func distinctTextStaysDistinct() {
        let texts = ["a\\\"", "a\\\\\"", "a\"", "a\\n", "a\n", "a&amp;", "a&"]
        #expect(Set(texts.map(DOTEscaper.quoted)).count == texts.count)
    }
}

/// Issue 16, items 6 and 7: a DOT node id is a one-to-one escape of the data id, and a line
/// break in an id or name never splits a Markdown table row.
@Suite struct OneToOneEscapeTests {
    @Test func idsThatDifferOnlyInControlCharactersStayDistinctNodes() throws {
        let ids = ["a b", "a\tb", "a\rb", "a\nb", "a\r\nb", "a\\x09b", "a\\tb", "a\"b", "a&b", "a&amp;b"]
        var escaped = Set<String>()
        for id in ids {
            var out = ""
            DOTEscaper.appendID(id, to: &out)
            escaped.insert(out)
            #expect(!out.dropFirst().dropLast().contains { $0.asciiValue.map { $0 < 0x20 } ?? false }, "\(out) holds a control character")
        }
        #expect(escaped.count == ids.count)
    }

    @Test(.enabled(if: dotExecutable != nil, "Graphviz is not installed"))
    func graphvizReadsThemAsDistinctNodes() throws {
        var dot = "digraph g {\n"
        for id in ["a b", "a\tb", "a\rb", "a\nb"] { dot += "  "; DOTEscaper.appendID(id, to: &dot); dot += ";\n" }
        dot += "}\n"
        let r = try runProgram(dotExecutable!, ["-Tplain"], input: dot)
        #expect(r.status == 0 && r.out.split(separator: "\n").filter { $0.hasPrefix("node ") }.count == 4, "\(r.out)")
    }

    @Test func aLineBreakNeverSplitsAMarkdownRow() {
        var table = TextTable(header: ["id", "name"])
        table.append(["two\nlines", "pipe | inside\r\nand more"])
        let lines = table.markdown().split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 3)
        #expect(lines[2] == "| two<br>lines | pipe \\| inside<br>and more |")
        #expect(TextTable(header: ["x"]).terminal(color: false).split(separator: "\n").count == 1)
        var grid = TextTable(header: ["id"])
        grid.append(["a\nb"])
        #expect(grid.terminal(color: false) == "id\na\\nb\n")
    }
}
