import Foundation
import Testing
import ChokepointTestSupport
import SupplyGraph
import SupplyXML
@testable import ChokepointCLI

/// `chokepoint diff` on generated maps (Tools/generate.py) with planted changes.
@Suite("diff", .serialized) struct DiffCommandTests {
    static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        ?? (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/python3" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// A generated map of `items` items, as text.
    static func generated(items: Int, seed: Int) throws -> String {
        let r = try runProcess(try #require(python), [repository + "/Tools/generate.py", "--items", "\(items)", "--seed", "\(seed)", "--quiet"])
        #expect(r.status == 0)
        return r.out
    }

    /// A planted sub-chain beside the generated map: system plant-sys needs plant-part, made by
    /// plant-de (DE) and plant-fr (FR) in the old drop, by plant-cn (CN) alone in the new one.
    static let plantedOld = """
        <supplyChain xmlns="urn:chokepoint:supply-chain:1" name="planted">
          <system id="plant-sys" name="Planted system" demand="5"><uses item="plant-part" quantity="2"/></system>
          <component id="plant-part" name="Planted part"/>
          <supplier id="plant-de" country="DE"><supplies item="plant-part" share="0.5"/></supplier>
          <supplier id="plant-fr" country="FR"><supplies item="plant-part" share="0.5"/></supplier>
        </supplyChain>
        """
    static let plantedNew = """
        <supplyChain xmlns="urn:chokepoint:supply-chain:1" name="planted">
          <system id="plant-sys" name="Planted system" demand="5"><uses item="plant-part" quantity="2"/></system>
          <component id="plant-part" name="Planted part"/>
          <supplier id="plant-de" country="DE"/>
          <supplier id="plant-cn" country="CN"><supplies item="plant-part" share="1"/></supplier>
        </supplyChain>
        """

    /// The generated text with one `<supplies>` line of a two-supplier item taken out, so the
    /// item gets a single source; returns the edited text and the item's id.
    static func removingASecondSource(from text: String) throws -> (text: String, item: String) {
        let graph = try SupplyChainImporter().importDocument(Array(text.utf8)).graph
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for item in graph.items {
            let edges = graph.supplyEdges(of: item)
            guard edges.count == 2, graph.edgeSupplier[edges.first!] != graph.edgeSupplier[edges.last!] else { continue }
            let key = graph.itemKeys[item.index], supplier = graph.supplierKeys[graph.edgeSupplier[edges.last!].index]
            guard let start = lines.firstIndex(where: { $0.hasPrefix("  <supplier id=\"\(supplier)\" ") }) else { continue }
            guard let line = lines[(start + 1)...].prefix(while: { $0.hasPrefix("    ") }).firstIndex(where: { $0.hasPrefix("    <supplies item=\"\(key)\"") }) else { continue }
            var edited = lines
            edited.remove(at: line)
            let candidate = edited.joined(separator: "\n")
            // A sourcedFrom that names the removed edge would now be an error: try another item.
            guard (try? SupplyChainImporter().importDocument(Array(candidate.utf8))) != nil else { continue }
            return (candidate, key)
        }
        throw CancellationError()
    }

    func json(_ r: (status: Int32, out: String, err: String)) throws -> [String: Any] { try object(r.out) }

    @Test(.enabled(if: python != nil, "python3 is needed to generate the maps"))
    func aGeneratedMapAgainstItselfIsAnEmptyDiff() async throws {
        let map = try writeTemporary(try Self.generated(items: 400, seed: 11), name: "map.xml")
        let r = await run("diff", map, "--against", map, "--format", "json", "--fail-on", "new-single-source,new-spof,lost-eu-buildable")
        #expect(r.status == 0, "\(r.err)")
        let j = try json(r)
        #expect(j["schemaVersion"] as? Int == 1)
        for key in ["newSingleSources", "resolvedSingleSources", "newSinglePointsOfFailure", "resolvedSinglePointsOfFailure",
                    "lostEUBuildable", "gainedEUBuildable", "addedItems", "removedItems", "addedSuppliers", "removedSuppliers", "shareShifts"] {
            #expect((j[key] as? [Any])?.isEmpty == true, "\(key) should be an empty list")
        }
        #expect(await run("diff", map, "--against", map).out.contains("No change"))
    }

    @Test(.enabled(if: python != nil, "python3 is needed to generate the maps"))
    func plantedChangesAreFound() async throws {
        let text = try Self.generated(items: 600, seed: 5)
        let (edited, single) = try Self.removingASecondSource(from: text)
        let oldMap = try writeTemporary(text, name: "old.xml"), newMap = try writeTemporary(edited, name: "new.xml")
        let oldPlant = try writeTemporary(Self.plantedOld, name: "plant-old.xml"), newPlant = try writeTemporary(Self.plantedNew, name: "plant-new.xml")
        let r = await run("diff", oldMap, oldPlant, "--against", newMap, newPlant, "--format", "json")
        #expect(r.status == 0, "\(r.err)")
        let j = try json(r)
        let newSingle = try #require(j["newSingleSources"] as? [String])
        #expect(newSingle.contains(single) && newSingle.contains("plant-part"), "\(newSingle)")
        #expect(newSingle == newSingle.sorted())
        let spof = try #require(j["newSinglePointsOfFailure"] as? [[String: String]])
        #expect(spof.contains(["system": "plant-sys", "supplier": "plant-cn"]))
        #expect(spof.contains(["system": "plant-sys", "country": "CN"]))
        #expect(j["lostEUBuildable"] as? [String] == ["plant-sys"])
        #expect(j["addedSuppliers"] as? [String] == ["plant-cn"] && j["removedSuppliers"] as? [String] == ["plant-fr"])
        #expect((j["addedItems"] as? [String])?.isEmpty == true)
        let shifts = try #require(j["shareShifts"] as? [[String: Any]])
        #expect(shifts.contains { $0["item"] as? String == "plant-part" && $0["country"] as? String == "CN" && $0["old"] as? Double == 0 && $0["new"] as? Double == 1 })
        #expect(shifts.contains { $0["item"] as? String == single }, "the edited item's shares moved")
        let phi = try #require(j["supplyFractionShifts"] as? [[String: Any]])
        #expect(phi.contains { $0["system"] as? String == "plant-sys" && $0["old"] as? Double == 1 && $0["new"] as? Double == 0 })

        // Pipelines: each kind trips on its change; the table and Markdown say the same.
        for kind in ["new-single-source", "new-spof", "lost-eu-buildable"] {
            let gated = await run("diff", oldMap, oldPlant, "--against", newMap, newPlant, "--fail-on", kind)
            #expect(gated.status == 1 && gated.err.contains("risk policy failed"), "\(kind)")
        }
        let markdown = await run("diff", oldMap, oldPlant, "--against", newMap, newPlant, "--format", "markdown").out
        #expect(markdown.contains("## New single sources") && markdown.contains("- plant-part") && markdown.contains("## Lost buildability on EU supply"))
        #expect(markdown.contains("| plant-part | CN | 0 % | 100 % | +100 pt |"))
        // It renders as meant in CommonMark + GFM tables (Tools/check_markdown.py), when installed.
        let file = try writeTemporary(markdown, name: "diff.md")
        if try runProcess(try #require(Self.python), ["-c", "import markdown_it"]).status == 0 {
            let render = try runProcess(try #require(Self.python), [repository + "/Tools/check_markdown.py", file])
            #expect(render.status == 0, "the diff's Markdown does not render as meant: \(render.out)")
        }
    }

    @Test(.enabled(if: python != nil, "python3 is needed for Tools/next-drop.py"))
    func theReadmeExampleFindsTheClosedFabAndTheGalliumShift() async throws {
        let next = FileManager.default.temporaryDirectory.appendingPathComponent("next-\(UUID().uuidString).xml").path
        #expect(try runProcess(try #require(Self.python), [repository + "/Tools/next-drop.py", "-o", next]).status == 0)
        let j = try object(await run("diff", nlDefence, "--against", next, "--format", "json").out)
        #expect(j["newSingleSources"] as? [String] == ["gan-mmic"])
        #expect(j["newSinglePointsOfFailure"] as? [[String: String]] == [["system": "mmr", "supplier": "fict-gan-fab-a-fr"], ["system": "mmr", "country": "FR"]])
        #expect(j["removedSuppliers"] as? [String] == ["fict-gan-fab-b-de"])
        let shifts = try #require(j["shareShifts"] as? [[String: Any]])
        #expect(shifts.contains { $0["item"] as? String == "high-purity-gallium" && $0["country"] as? String == "CN" && $0["new"] as? Double == 0.7 })
        #expect(await run("diff", nlDefence, "--against", next, "--fail-on", "new-spof").status == 1)
    }

    @Test func usageAndDataErrors() async throws {
        #expect(await run("diff", nlDefence).status == 2)                                       // no --against
        #expect(await run("diff", nlDefence, "--against", nlDefence, "--threshold", "2").status == 2)
        #expect(await run("diff", nlDefence, "--against", nlDefence, "--fail-on", "new-spoff").status == 2)
        let bad = try writeTemporary("<supplyChain xmlns=\"urn:chokepoint:supply-chain:1\">\n  <supplier id=\"s\" country=\"XX\"/>\n</supplyChain>\n")
        let r = await run("diff", nlDefence, "--against", bad)
        #expect(r.status == 1 && r.err.contains("\(bad):2:3: error: unknown country code 'XX'"))
        #expect(await run("diff", nlDefence, "--against", nlDefence, "--fail-on", "new-spof").status == 0)
    }
}
