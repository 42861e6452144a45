import Foundation
import Testing
import ChokepointTestSupport
@testable import ChokepointCLI

/// Issue 15's "outputs that explain themselves": provenance in every JSON, what a fallen system
/// is blocked by, names and units, country columns in CSV, GraphML edges that follow the flow.
/// The fields of one CSV line (RFC 4180 quotes, no line breaks inside).
func csvFields(_ line: String) -> [String] {
    var fields: [String] = [], field = "", quoted = false
    var characters = Array(line)[...]
    while let c = characters.popFirst() {
        if quoted {
            if c == "\"" { if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false } }
            else { field.append(c) }
        } else if c == "\"" { quoted = true }
        else if c == "," { fields.append(field); field = "" }
        else { field.append(c) }
    }
    return fields + [field]
}

@Suite("Outputs that explain themselves")
struct SelfExplainingOutputTests {
    func provenance(_ json: [String: Any], sourceLocation: SourceLocation = #_sourceLocation) {
        let dataSet = json["dataSet"] as? [String: Any]
        #expect(dataSet?["name"] as? String == "Netherlands defence supply chains (illustrative)", sourceLocation: sourceLocation)
        #expect(dataSet?["asOf"] as? String == "2026-11-01", sourceLocation: sourceLocation)
        #expect((json["tool"] as? [String: Any])?["version"] as? String == Chokepoint.version, sourceLocation: sourceLocation)
        #expect(json["inputs"] as? [String] == [nlDefence], sourceLocation: sourceLocation)
    }

    @Test func everyJSONOutputCarriesItsProvenance() async throws {
        for arguments in [["report", nlDefence], ["whatif", nlDefence, "--without-country", "CN"], ["impact", nlDefence],
                          ["stockpile", nlDefence], ["export", "json", nlDefence]] {
            let r = await run(arguments + (arguments[0] == "export" ? [] : ["--format", "json"]))
            #expect(r.status == 0, "\(arguments)")
            provenance(try object(r.out))
        }
    }

    @Test func aFallenSystemSaysWhatBlocksIt() async throws {
        let json = try object(await run("whatif", nlDefence, "--without-supplier", "ampac-ut", "--format", "json").out)
        let systems = try #require(json["systems"] as? [[String: Any]])
        let pac3 = try #require(systems.first { $0["id"] as? String == "patriot-pac3-mse" })
        #expect(pac3["state"] as? String == "falls" && pac3["supplyFraction"] as? Double == 0)
        #expect((pac3["blockingItems"] as? [String])?.isEmpty == false)
        let gemT = try #require(systems.first { $0["id"] as? String == "patriot-gem-t" })
        #expect(gemT["blockingItems"] == nil && gemT["state"] as? String != "falls")
    }

    @Test(arguments: [
        ([] as [String], "when every supplier in the country fails;"),
        (["--by", "supplier"], "when the supplier fails;"),
    ])
    func impactScoreLineSaysWhatFails(options: [String], words: String) async throws {
        let r = await run(["impact", nlDefence] + options)
        #expect(r.status == 0)
        let score = try #require(r.out.split(separator: "\n").first { $0.hasPrefix("Score:") })
        #expect(score.contains(words), "\(score)")
        #expect(!score.contains("in the supplier"))
    }

    @Test func stockpileItemsCarryNameAndUnit() async throws {
        let items = try #require(try object(await run("stockpile", nlDefence, "--format", "json").out)["items"] as? [[String: Any]])
        let graphite = try #require(items.first { $0["id"] as? String == "natural-graphite" })
        #expect(graphite["name"] as? String != nil && graphite["unit"] as? String == "t")
    }

    @Test func reportCSVHasACountryColumnEachAndTheSystems() async throws {
        let r = await run("report", nlDefence, "--format", "csv")
        let lines = r.out.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header.contains("share_CN") && header.contains("share_unknown") && header.contains("systems"))
        #expect(!r.out.contains("DE:0.5"))
        let cn = try #require(header.firstIndex(of: "share_CN")), systems = try #require(header.firstIndex(of: "systems"))
        let gallium = csvFields(try #require(lines.first { $0.hasPrefix("gallium-primary,") }))
        #expect(gallium[cn] == "0.9894" && gallium[systems] == "mmr")
        #expect(await run("report", "--help").out.contains("share_CC"))
    }

    @Test func graphMLEdgesRunTheWayMaterialFlows() async throws {
        let dir = URL(fileURLWithPath: try temporaryFolder("chokepoint-gml"))
        let path = dir.appendingPathComponent("map.graphml").path
        #expect(await run("export", "graphml", nlDefence, "-o", path).status == 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // A BOM edge from the module to the radar (child → parent), a supply edge from the maker.
        #expect(text.contains("source=\"tr-module\" target=\"mmr\""))
        #expect(text.contains("source=\"thales-nl-hengelo\" target=\"mmr\""))
        #expect(!text.contains("source=\"mmr\" target=\"tr-module\""))
        for key in ["label", "topCountry", "topCountryShare", "singleSource", "euBuildable", "euOnlySupplyFraction"] {
            #expect(text.contains("attr.name=\"\(key)\""), "GraphML lacks \(key)")
        }
    }

    @Test func tablesListIdsInNaturalOrder() async throws {
        let path = try writeTemporary("""
            <supplyChain xmlns="urn:chokepoint:supply-chain:1" name="natural">
              <system id="sys-10" demand="1"><uses item="m" quantity="1"/></system>
              <system id="sys-2" demand="1"><uses item="m" quantity="1"/></system>
              <material id="m"/><supplier id="s" country="CN"><supplies item="m"/></supplier>
            </supplyChain>
            """)
        let text = await run("report", path, "--all").out
        let two = try #require(text.range(of: "\nsys-2 ")), ten = try #require(text.range(of: "\nsys-10 "))
        #expect(two.lowerBound < ten.lowerBound)
    }
}

@Suite("A country inferred from a CAGE code is shown as inferred")
struct InferredCountryOutputTests {
    static let map = """
        <supplyChain xmlns="urn:chokepoint:supply-chain:1" name="cage">
          <system id="S" demand="1"><uses item="m" quantity="1"/></system>
          <material id="m"/>
          <supplier id="s1" cage="D1234"><supplies item="m" share="0.5"/></supplier>
          <supplier id="s2" country="FR"><supplies item="m" share="0.5"/></supplier>
        </supplyChain>
        """

    @Test func inTheReportTheDiagramAndTheBriefing() async throws {
        let path = try writeTemporary(Self.map)
        #expect(await run("report", path).out.contains("Suppliers whose country is inferred from their NCAGE/CAGE code, not given: s1"))
        let gaps = try object(await run("report", path, "--format", "json").out)["dataGaps"] as? [String: Any]
        #expect(gaps?["inferredCountrySuppliers"] as? [String] == ["s1"])
        #expect(await run("dot", path, "--focus", "S", "--size", "none").out.contains("DE (from its CAGE code)"))
        #expect(await run("brief", path, "--no-diagrams").out.contains("inferred from their NCAGE/CAGE code, not given: s1"))
    }
}
