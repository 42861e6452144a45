import Foundation
import Testing
import SupplyGraph
@testable import SupplyXML

/// `commodity` on items, `aggregate` on suppliers and `home` on the data set, in every format
/// that reads or writes the model.
@Suite struct CommodityAggregateHomeTests {
    static let xml = """
        <supplyChain xmlns="urn:chokepoint:supply-chain:1" name="t" home="NL">
          <system id="radar"><uses item="ga" quantity="1"/></system>
          <material id="ga" commodity=" Gallium "/>
          <component id="al" commodity="Aluminum"/>
          <supplier id="ga-cn" name="Gallium refining, China" country="CN" aggregate="YES"><supplies item="ga" share="0.9"/></supplier>
          <supplier id="firm" country="DE" aggregate="0"><supplies item="ga" share="0.1"/><supplies item="al"/></supplier>
        </supplyChain>
        """

    func check(_ g: SupplyGraph, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(g.home == Country(code: "NL"), sourceLocation: sourceLocation)
        #expect(g.itemCommodity[g.item(withKey: "ga")!] == "gallium", sourceLocation: sourceLocation)
        #expect(g.itemCommodity[g.item(withKey: "al")!] == "aluminium", sourceLocation: sourceLocation)
        #expect(g.itemCommodity[g.item(withKey: "radar")!] == nil, sourceLocation: sourceLocation)
        #expect(g.supplierIsAggregate[g.supplier(withKey: "ga-cn")!], sourceLocation: sourceLocation)
        #expect(!g.supplierIsAggregate[g.supplier(withKey: "firm")!], sourceLocation: sourceLocation)
    }

    @Test func theNativeXMLReadsAndWritesThem() throws {
        let g = try SupplyChainImporter().importDocument(Array(Self.xml.utf8)).graph
        check(g)
        let written = SupplyChainWriter().document(for: g)
        #expect(written.contains("home=\"NL\"") && written.contains("commodity=\"gallium\"") && written.contains("aggregate=\"true\""))
        check(try SupplyChainImporter().importDocument(Array(written.utf8)).graph)
    }

    @Test func aWorkbookReadsAndWritesThem() throws {
        let g = try SupplyChainImporter().importDocument(Array(Self.xml.utf8)).graph
        let bytes = WorkbookWriter().document(for: g)
        check(try SupplyChainImporter().importDocument(bytes, name: "map.xlsx").graph)
    }

    @Test func aBadAggregateIsAnErrorAtItsCellOrAttribute() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("agg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "id,country,aggregate\nx,CN,maybe\n".write(toFile: dir + "/suppliers.csv", atomically: true, encoding: .utf8)
        #expect {
            try SupplyChainImporter().importFiles([dir])
        } throws: { error in
            (error as? SupplyXMLError)?.errors.map(\.description) == ["\(dir)/suppliers.csv:2:3: error: aggregate must be true or false (1, 0, yes, no), not 'maybe'"]
        }
        // Unvalidated XML: the reader says it itself.
        var options = SupplyChainImporter.Options()
        options.validate = false
        let bad = Self.xml.replacing("aggregate=\"YES\"", with: "aggregate=\"sometimes\"")
        #expect {
            try SupplyChainImporter(options: options).importDocument(Array(bad.utf8), name: "m.xml")
        } throws: { error in
            (error as? SupplyXMLError)?.errors.first?.description.contains("attribute 'aggregate' of <supplier> must be true or false") ?? false
        }
        // Validated: the schema refuses it.
        #expect(throws: SupplyXMLError.self) { try SupplyChainImporter().importDocument(Array(bad.utf8), name: "m.xml") }
    }

    @Test func anUnknownHomeIsAnError() {
        let bad = Self.xml.replacing("home=\"NL\"", with: "home=\"Netherlands\"")
        #expect {
            try SupplyChainImporter().importDocument(Array(bad.utf8), name: "m.xml")
        } throws: { error in
            (error as? SupplyXMLError)?.errors.first?.description.contains("unknown country code 'Netherlands' in home of the data set") ?? false
        }
    }

    @Test func cycloneDXCarriesTheCommodityAsAProperty() throws {
        let bytes = CycloneDXTests.bom("""
            <metadata><component bom-ref="radar"><name>radar</name></component></metadata>
            <components><component bom-ref="ga"><name>ga</name>
              <properties><property name="chokepoint:kind">material</property><property name="chokepoint:commodity">Gallium</property></properties>
            </component></components>
            <dependencies><dependency ref="radar"><dependency ref="ga"/></dependency></dependencies>
            """)
        let g = try SupplyChainImporter().importDocument(bytes, name: "b.cdx.xml").graph
        #expect(g.itemCommodity[g.item(withKey: "ga")!] == "gallium")
    }
}
