import Foundation
import Testing
import ChokepointTestSupport
import SupplyGraph
import SupplyXML
@testable import ChokepointCLI

/// `report --format json` without `inputs` (the files read), as a comparable object.
func reportJSON(_ inputs: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> NSDictionary {
    let r = await run(["report"] + inputs + ["--format", "json"])
    #expect(r.status == 0, "\(r.err)", sourceLocation: sourceLocation)
    var json = try object(r.out)
    json.removeValue(forKey: "inputs")
    return json as NSDictionary
}

let dataIn = repository + "/Tests/SupplyXMLTests/Fixtures/data-in/"

@Suite("Data in: the formats analysts have, end to end")
struct DataInCLITests {
    @Test func theBundledMapReadsTheSameFromXMLWorkbookAndCSVFolder() async throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(await run("export", "xlsx", nlDefence, "-o", dir + "/map.xlsx").status == 0)
        let graph = try SupplyChainImporter().importFiles([nlDefence]).graph
        try FileManager.default.createDirectory(atPath: dir + "/csv", withIntermediateDirectories: true)
        for (name, text) in WorkbookWriter().csvFiles(for: graph) {
            try text.write(toFile: dir + "/csv/" + name, atomically: true, encoding: .utf8)
        }
        let xml = try await reportJSON([nlDefence])
        #expect(try await reportJSON([dir + "/map.xlsx"]) == xml)
        #expect(try await reportJSON([dir + "/csv"]) == xml)
        // The workbook shipped in Graphs/ is the same map.
        #expect(try await reportJSON([repository + "/Graphs/nl-defence.xlsx"]) == xml)
    }

    @Test func xmlToWorkbookToXMLKeepsTheReport() async throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for source in [nlDefence, euCRM] {
            #expect(await run("export", "xlsx", source, "-o", dir + "/w.xlsx").status == 0)
            #expect(await run("export", "xml", dir + "/w.xlsx", "-o", dir + "/back.xml").status == 0)
            #expect(try await reportJSON([dir + "/back.xml"]) == (try await reportJSON([source])), "\(source)")
            #expect(await run("validate", dir + "/back.xml").status == 0)
        }
    }

    @Test func aCycloneDXBOMAndNativeSupplyLinesGiveTheFiguresOfTheAllNativeMap() async throws {
        let merged = try await reportJSON([dataIn + "hardware-bom.cdx.xml", dataIn + "hardware-bom-extra.xml"])
        let native = try await reportJSON([dataIn + "hardware-bom-native.xml"])
        #expect(merged["items"] as? NSArray == native["items"] as? NSArray)
        #expect(merged["systems"] as? NSArray == native["systems"] as? NSArray)
        #expect(merged["chokepoints"] as? NSArray == native["chokepoints"] as? NSArray)
    }

    @Test func theTemplateIsABlankWorkbookWithItsReadme() async throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(await run("template", "-o", dir + "/map.xlsx").status == 0)
        let v = await run("validate", dir + "/map.xlsx")
        #expect(v.status == 0 && v.out.contains("systems     0"))
        let bytes = try #require(FileManager.default.contents(atPath: dir + "/map.xlsx"))
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        #expect(await run("template").status == 2)
        // The README explains every column of every sheet.
        for kind in ["items", "bom", "suppliers", "supplies", "sourcedFrom", "countryGroups", "options", "entities", "owners"] {
            #expect(WorkbookWriter.columnHelp.contains { $0.sheet == kind }, "\(kind)")
        }
        // 32, maxPurchase and the seven of options, dataSet.home, items.commodity,
        // suppliers.aggregate, the suppliers' lei, registration and declarant, the six of entities and the
        // four of owners.
        #expect(WorkbookWriter.columnHelp.count == 56)
    }

    @Test func exportJSONCarriesProvenanceAndInferredCountries() async throws {
        let path = try writeTemporary("""
            <supplyChain xmlns="urn:chokepoint:supply-chain:1">
              <material id="m"/>
              <supplier id="s" cage="D1234"><supplies item="m"/></supplier>
            </supplyChain>
            """)
        let r = await run("export", "json", path)
        #expect(r.status == 0)
        let json = try object(r.out)
        let nodes = try #require(json["nodes"] as? [[String: Any]])
        let supplier = try #require(nodes.first { $0["id"] as? String == "s" })
        #expect(supplier["country"] as? String == "DE" && supplier["countryInferred"] as? Bool == true)
        #expect(supplier["origin"] as? String == "\(path):3:3" && supplier["originFormat"] as? String == "xml")
        let item = try #require(nodes.first { $0["id"] as? String == "m" })
        #expect(item["origin"] as? String == "\(path):2:3")
        let edges = try #require(json["edges"] as? [[String: Any]])
        #expect(edges.first?["origin"] as? String == "\(path):3:33")
        let v = await run("validate", path)
        #expect(v.out.contains("suppliers   1 (1 with the country inferred from the CAGE code)"))
        #expect(v.err.contains("warning: supplier 's' has no country: DE (Germany) is inferred from its CAGE code 'D1234'"))
        // Written back, the country stays inferred (the cage is written, not the country).
        let x = await run("export", "xml", path)
        #expect(x.out.contains("<supplier id=\"s\" cage=\"D1234\">"))
    }

    @Test func exportXlsxNeedsAFile() async {
        #expect(await run("export", "xlsx", nlDefence).status == 2)
    }

    @Test func filesOfDifferentFormatsMerge() async throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "id,kind\r\nextra-part,component\r\n".write(toFile: dir + "/items.csv", atomically: true, encoding: .utf8)
        try "parent,item,quantity\r\nmmr,extra-part,2\r\n".write(toFile: dir + "/bom.csv", atomically: true, encoding: .utf8)
        // A folder with items.csv holds the tables a map needs: empty ones as a header row.
        try "id\r\n".write(toFile: dir + "/suppliers.csv", atomically: true, encoding: .utf8)
        try "supplier,item\r\n".write(toFile: dir + "/supplies.csv", atomically: true, encoding: .utf8)
        let r = await run("validate", nlDefence, dir)
        #expect(r.status == 0 && r.out.contains("components  34"), "\(r.err)")
        #expect(r.err.contains("\(dir)/items.csv:2:1: warning: component 'extra-part' has no supplier and no inputs (unmapped)"))
        // A duplicate id across formats names both places.
        try "id,kind\r\nmmr,system\r\n".write(toFile: dir + "/items.csv", atomically: true, encoding: .utf8)
        let d = await run("validate", nlDefence, dir)
        #expect(d.status == 1 && d.err.contains("\(dir)/items.csv:2:1: error: duplicate id 'mmr' (first defined at \(nlDefence):"))
    }
}
