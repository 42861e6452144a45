import Testing
@testable import SupplyXML

/// The XSD carries `xs:documentation` for every element and attribute, so that XML editors
/// show help while one writes a data set.
@Suite("Schema documentation")
struct SchemaDocumentationTests {
    /// The tags of the schema, in order (`<xs:element name="uses" ...>`), comments left out.
    static let tags: [Substring] = {
        var tags: [Substring] = []
        var rest = SupplyChainSchema.text[...]
        while let open = rest.firstIndex(of: "<") {
            if rest[open...].hasPrefix("<!--"), let end = rest[open...].firstRange(of: "-->") {
                rest = rest[end.upperBound...]
                continue
            }
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            tags.append(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return tags
    }()

    @Test func everyElementAndAttributeIsDocumented() {
        var declarations = 0
        var undocumented: [Substring] = []
        for (k, tag) in Self.tags.enumerated() where tag.hasPrefix("<xs:element name=") || tag.hasPrefix("<xs:attribute name=") {
            declarations += 1
            let documented = !tag.hasSuffix("/>") && k + 2 < Self.tags.count
                && Self.tags[k + 1] == "<xs:annotation>" && Self.tags[k + 2].hasPrefix("<xs:documentation")
            if !documented { undocumented.append(tag) }
        }
        #expect(declarations >= 35)
        #expect(undocumented.isEmpty, "undocumented: \(undocumented)")
    }
}
