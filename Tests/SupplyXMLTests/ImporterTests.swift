import Testing
import SupplyGraph
@testable import SupplyXML

#if canImport(Glibc)
import Glibc
#endif

/// The folder of the fixtures, found from this file so no resource bundle is needed.
let fixtures: String = {
    var path = #filePath
    while let last = path.last, last != "/" { path.removeLast() }
    return path + "Fixtures/"
}()

func importXML(_ text: String, validate: Bool = true, name: String = "t.xml") throws(SupplyXMLError) -> SupplyChainImporter.Result {
    var options = SupplyChainImporter.Options()
    options.validate = validate
    return try SupplyChainImporter(options: options).importDocument(Array(text.utf8), name: name)
}

func errors(_ text: String, validate: Bool = true) -> [Diagnostic] {
    do {
        _ = try importXML(text, validate: validate)
        return []
    } catch {
        return error.errors
    }
}

let head = #"<supplyChain xmlns="urn:chokepoint:supply-chain:1">"#

@Suite("XML import")
struct ImporterTests {
    @Test func mergesTwoFilesWithForwardReferences() throws {
        let result = try SupplyChainImporter().importFiles([fixtures + "parts.xml", fixtures + "materials.xml"])
        let g = result.graph
        #expect(g.itemCount == 3 && g.supplierCount == 3 && g.supplyEdgeCount == 3 && g.usesEdgeCount == 2)
        #expect(g.dataSetNames == ["parts", "materials"])
        let anode = try #require(g.item(withKey: "anode"))
        let ugv = try #require(g.item(withKey: "ugv"))
        let graphite = try #require(g.item(withKey: "graphite"))
        #expect(g.itemNames[ugv.index] == "Unmanned ground vehicle")
        #expect(g.itemDemand[ugv.index] == 120)
        #expect(g.itemStock[anode.index] == 5)
        #expect(g.itemUnits[graphite.index] == "t")
        #expect(g.usesQuantity[g.usesEdges(of: anode).lowerBound] == 0.002)
        let maker = try #require(g.supplier(withKey: "anode-maker"))
        #expect(g.supplierCountries[maker.index].code == "DE")
        #expect(g.supplierControlledBy[maker.index].code == "US")
        #expect(g.supplierRecoveryDays[maker.index] == 90)
        let edge = g.supplyEdges(of: anode).lowerBound
        #expect(g.edgeShare[edge] == 1 && g.edgeCapacity[edge] == 1000 && g.edgeLeadTimeDays[edge] == 120)
        #expect(g.sourcing(of: edge).first?.suppliers.map { g.supplierKeys[$0.index] } == ["graphite-cn"])
        #expect(g.userGroups.first?.members.map(\.code) == ["CA", "GB", "NO", "US"])
        #expect(result.warnings.map(\.description) == [
            "\(fixtures)materials.xml:3:3: warning: shares of 'graphite' sum to 0.82, below 1: the rest (0.18) is unattributed and counts as unknown origin",
        ])
    }

    @Test func oneFileAloneHasDanglingReferences() {
        #expect { try SupplyChainImporter().importFiles([fixtures + "parts.xml"]) } throws: { error in
            let messages = (error as! SupplyXMLError).errors.map(\.description)
            return messages == [
                "\(fixtures)parts.xml:8:5: error: unknown item 'graphite' in <uses> of 'anode'",
                "\(fixtures)parts.xml:12:7: error: unknown item 'graphite' in <sourcedFrom>",
            ]
        }
    }

    @Test func theSameFileTwiceIsOneErrorNotADuplicateForEachId() {
        let again = fixtures + "../Fixtures/materials.xml"
        #expect { try SupplyChainImporter().importFiles([fixtures + "materials.xml", again]) } throws: { error in
            (error as! SupplyXMLError).errors.map(\.description)
                == ["\(again): error: the file is given twice (as \(fixtures)materials.xml): each file is read once, so leave out the second"]
        }
        #expect { try SupplyChainImporter().importFiles([fixtures + "materials.xml", fixtures + "materials.xml"]) } throws: { error in
            (error as! SupplyXMLError).errors.map(\.description)
                == ["\(fixtures)materials.xml: error: the file is given twice: each file is read once, so leave out the second"]
        }
    }

    @Test func missingFileAmongSeveralLoadsNothing() {
        #expect { try SupplyChainImporter().importFiles([fixtures + "parts.xml", fixtures + "nope.xml", fixtures + "materials.xml"]) } throws: { error in
            let e = error as! SupplyXMLError
            return e.errors.map(\.description) == ["\(fixtures)nope.xml: error: cannot read the file: no such file or directory"]
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let xml: String
        let expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "malformed", xml: "\(head)\n  <material id=\"a\">\n</supplyChain>\n",
             expected: "t.xml:3:15: error: Opening and ending tag mismatch: material line 2 and supplyChain"),
        Case(name: "unknown attribute", xml: "\(head)\n  <material id=\"a\" colour=\"red\"/>\n</supplyChain>",
             expected: "t.xml:2:3: error: <material> has no attribute 'colour'"),
        Case(name: "missing id", xml: "\(head)\n  <supplier name=\"x\"/>\n</supplyChain>",
             expected: "t.xml:2:3: error: <supplier> needs the attribute 'id'"),
        Case(name: "unexpected element", xml: "\(head)\n  <widget id=\"a\"/>\n</supplyChain>",
             expected: "t.xml:2:3: error: unexpected element <widget> here"),
        Case(name: "wrong root", xml: "<chain xmlns=\"urn:chokepoint:supply-chain:1\"/>",
             expected: "t.xml:1:1: error: the root element must be <supplyChain> in namespace urn:chokepoint:supply-chain:1, not <chain> in urn:chokepoint:supply-chain:1"),
        Case(name: "not a number", xml: "\(head)\n  <material id=\"a\" stock=\"lots\"/>\n</supplyChain>",
             expected: "t.xml:2:3: error: attribute 'stock' of <material> must be a number, not 'lots'"),
        Case(name: "unknown item", xml: "\(head)\n  <system id=\"s\">\n    <uses item=\"ti-sponge\" quantity=\"1\"/>\n  </system>\n</supplyChain>",
             expected: "t.xml:3:5: error: unknown item 'ti-sponge' in <uses> of 's'"),
        Case(name: "unknown country", xml: "\(head)\n  <supplier id=\"s\" country=\"XX\"/>\n</supplyChain>",
             expected: "t.xml:2:3: error: unknown country code 'XX' in country of supplier 's' (expected an ISO 3166-1 alpha-2 code such as 'DE')"),
        Case(name: "lower-case country", xml: "\(head)\n  <supplier id=\"s\" country=\"cn\"/>\n</supplyChain>",
             expected: "t.xml:2:3: error: unknown country code 'cn' in country of supplier 's' (codes are upper case: did you mean 'CN'?)"),
        Case(name: "share outside 0..1", xml: "\(head)\n  <material id=\"m\"/>\n  <supplier id=\"s\" country=\"DE\">\n    <supplies item=\"m\" share=\"1.5\"/>\n  </supplier>\n</supplyChain>",
             expected: "t.xml:4:5: error: share of 's' in 'm' must be between 0 and 1, not 1.5"),
        Case(name: "shares above tolerance", xml: "\(head)\n  <material id=\"m\"/>\n  <supply supplier=\"s\" item=\"m\" share=\"0.7\"/>\n  <supply supplier=\"t\" item=\"m\" share=\"0.4\"/>\n  <supplier id=\"s\" country=\"DE\"/>\n  <supplier id=\"t\" country=\"FR\"/>\n</supplyChain>",
             expected: "t.xml:2:3: error: shares of 'm' sum to 1.1, above 1 by more than the tolerance 0.05"),
        Case(name: "negative quantity", xml: "\(head)\n  <material id=\"m\"/>\n  <system id=\"s\"><uses item=\"m\" quantity=\"-2\"/></system>\n</supplyChain>",
             expected: "t.xml:3:18: error: quantity of 'm' in 's' must be a finite number >= 0, not -2.0"),
        Case(name: "NaN quantity", xml: "\(head)\n  <material id=\"m\"/>\n  <system id=\"s\"><uses item=\"m\" quantity=\"NaN\"/></system>\n</supplyChain>",
             expected: "t.xml:3:18: error: quantity of 'm' in 's' must be a finite number >= 0, not nan"),
        Case(name: "BOM cycle", xml: "\(head)\n  <component id=\"a\"><uses item=\"b\" quantity=\"1\"/></component>\n  <component id=\"b\"><uses item=\"a\" quantity=\"1\"/></component>\n</supplyChain>",
             expected: "t.xml:2:21: error: BOM cycle: a -> b -> a"),
        Case(name: "sourcedFrom supplier without that input", xml: """
            \(head)
              <material id="m"/><component id="p"><uses item="m" quantity="1"/></component>
              <supplier id="s" country="DE"><supplies item="m"/></supplier>
              <supplier id="t" country="DE"><supplies item="p"><sourcedFrom item="m" suppliers="t"/></supplies></supplier>
            </supplyChain>
            """, expected: "t.xml:4:52: error: supplier 't' in <sourcedFrom> does not supply 'm'"),
        Case(name: "duplicate id", xml: "\(head)\n  <material id=\"m\"/>\n  <component id=\"m\"/>\n</supplyChain>",
             expected: "t.xml:3:3: error: duplicate id 'm' (first defined at t.xml:2:3)"),
        Case(name: "empty document", xml: "", expected: "t.xml: error: the file is empty"),
        Case(name: "DOCTYPE refused", xml: "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e \"v\">]>\n\(head)</supplyChain>",
             expected: "t.xml:2:1: error: a document type declaration (DOCTYPE) is not allowed: DTDs and entities are refused"),
        Case(name: "undefined entity", xml: "\(head)<material id=\"&e;\"/></supplyChain>",
             expected: "t.xml:1:69: error: Entity 'e' not defined"),
    ]

    @Test(arguments: cases)
    func locatedError(_ c: Case) {
        let found = errors(c.xml)
        #expect(found.first?.description == c.expected, "all: \(found.map(\.description))")
    }

    @Test(arguments: cases.filter { !["unknown attribute", "missing id", "unexpected element", "wrong root"].contains($0.name) })
    func sameErrorWithoutValidation(_ c: Case) {
        #expect(errors(c.xml, validate: false).first?.description == c.expected)
    }

    @Test func schemaCatchesWhatTheImporterDoesNotCheckItself() {
        // A date in the wrong form is only checked by the XSD.
        let found = errors(#"<supplyChain xmlns="urn:chokepoint:supply-chain:1" asOf="June 2024"/>"#)
        #expect(found.count == 1 && found[0].code == .schema && found[0].location?.line == 1)
        #expect(errors(#"<supplyChain xmlns="urn:chokepoint:supply-chain:1" asOf="June 2024"/>"#, validate: false).isEmpty)
    }

    @Test func reportsManyErrorsNotOnlyTheFirst() {
        let xml = "\(head)\n" + (1...5).map { "  <supplier id=\"s\($0)\" country=\"Q\($0)\"/>" }.joined(separator: "\n") + "\n</supplyChain>"
        #expect(errors(xml).count == 5)
    }

    @Test func externalEntityToALocalFileIsNotRead() {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE supplyChain [<!ENTITY secret SYSTEM "file://\(fixtures)secret.txt">]>
            <supplyChain xmlns="urn:chokepoint:supply-chain:1" name="&secret;"/>
            """
        do {
            let result = try importXML(xml)
            Issue.record("accepted: \(result.graph.dataSetNames)")
        } catch {
            #expect(!error.description.contains("secret-content"))
            #expect(error.errors.first?.code == .refused)
        }
    }

    @Test func externalEntityToAURLIsNotFetched() {
        // 203.0.113.0/24 is TEST-NET-3: nothing answers there; a fetch would hang or fail slowly.
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE supplyChain SYSTEM "http://203.0.113.7/chain.dtd">
            <supplyChain xmlns="urn:chokepoint:supply-chain:1"/>
            """
        let start = ContinuousClock.now
        let found = errors(xml)
        #expect(found.first?.code == .refused)
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    @Test func billionLaughsIsRefusedQuickly() {
        var entities = "<!ENTITY l0 \"lol\">"
        for k in 1...10 { entities += "<!ENTITY l\(k) \"" + String(repeating: "&l\(k - 1);", count: 10) + "\">" }
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE supplyChain [\(entities)]>\n<supplyChain xmlns=\"urn:chokepoint:supply-chain:1\" name=\"&l10;\"/>"
        let start = ContinuousClock.now
        let found = errors(xml)
        #expect(!found.isEmpty)
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    @Test func embeddedSchemaMatchesTheShippedFile() throws {
        var path = fixtures
        path.removeLast("Tests/SupplyXMLTests/Fixtures/".count)
        path += "Sources/SupplyXML/Resources/supply-chain.xsd"
        let file = try #require(fopen(path, "r"))
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        #expect(String(decoding: bytes, as: UTF8.self) == SupplyChainSchema.text)
        #expect(SupplyChainSchema.shared != nil)
    }

    @Test func foreignAttributesAndUTF8NamesAreKept() throws {
        let xml = #"<supplyChain xmlns="urn:chokepoint:supply-chain:1" xmlns:o="urn:other"><material id="m" name="Côte d'Ivoire &amp; co" o:x="1"/><system id="s"><uses item="m" quantity="1"/></system><supplier id="ci" country="CI"><supplies item="m"/></supplier></supplyChain>"#
        let g = try importXML(xml).graph
        #expect(g.itemNames[0] == "Côte d'Ivoire & co")
    }
}
