import OutputFormats
import Testing
import GraphExport
import ChokepointTestSupport

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

    @Test(arguments: [false, true])
    func noTerminalLineEndsInSpaces(color: Bool) {
        var table = TextTable(header: ["system", "state", "share", "note"], rightAligned: [2])
        table.append(["mmr", TextTable.Cell("degraded", .warn), "1.1 %", ""])
        table.append(["a-much-longer-id", "ok", "100 %", "held"])
        let text = table.terminal(color: false)
        #expect(text.split(separator: "\n").allSatisfy { !$0.hasSuffix(" ") }, "\(text)")
        #expect(text.contains("\nmmr               degraded  1.1 %\n"), "\(text)")
        let painted = table.terminal(color: color).replacingOccurrences(of: "\u{1B}[0m", with: "")
        #expect(painted.split(separator: "\n").allSatisfy { !$0.hasSuffix(" ") }, "\(painted)")
    }
}

/// The article "The JSON contracts": JSON and CSV numbers without binary noise, at most 12 significant digits.
@Suite struct NumberFormatTests {
    @Test(arguments: [
        (0.9999999999999999, "1"), (306.44555840000004, "306.4455584"), (0.1 + 0.2, "0.3"), (0.615, "0.615"),
        (123456.7890123456, "123456.789012"), (2.220446049250313e-16, "2.22044604925e-16"), (-0.5, "-0.5"),
        (1e20, "1e+20"), (0, "0"), (-0.0, "0"), (7, "7"), (1e-5, "1e-05"), (4361.780000000001, "4361.78"),
        (0.07142857142857142, "0.0714285714286"), (98.88888888888889, "98.8888888889"),
    ])
    func twelveSignificantDigits(value: Double, text: String) {
        #expect(JSONValue.format(value) == text)
    }

    @Test func infinityAndNaNAreNull() {
        #expect(JSONValue.format(.infinity) == "null" && JSONValue.format(.nan) == "null")
        #expect(CSVWriter.number(.infinity).written == "")
    }

    @Test func randomValuesRoundTripTo12Digits() {
        var rng = SplitMix64(state: 3)
        for _ in 0..<2000 {
            let x = Double(bitPattern: rng.next() & 0x3FEF_FFFF_FFFF_FFFF) * (rng.next() % 2 == 0 ? 1 : 1e6)
            let text = JSONValue.format(x)
            let digits = text.prefix { $0 != "e" }.filter(\.isNumber).drop { $0 == "0" }
            #expect(digits.count <= 12, "\(x) -> \(text)")
            let back = Double(text) ?? .nan
            #expect(abs(back - x) <= abs(x) * 1e-11, "\(x) -> \(text)")
        }
    }
}
