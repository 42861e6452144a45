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
