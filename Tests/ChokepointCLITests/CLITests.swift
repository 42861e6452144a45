import Foundation
import Testing
import ChokepointTestSupport
@testable import ChokepointCLI

/// The repository root.
let repository = repositoryRoot

let nlDefence = repository + "/Graphs/nl-defence.xml"
let euCRM = repository + "/Graphs/eu-crm-2023.xml"

/// Runs the tool in-process and returns (status, stdout, stderr).
func run(_ arguments: String...) async -> (status: Int32, out: String, err: String) { await run(arguments) }

/// Runs the tool in-process with an argument list.
func run(_ arguments: [String]) async -> (status: Int32, out: String, err: String) {
    let console = Console.capturing()
    let status = await Console.$current.withValue(console) { await Chokepoint.run(arguments: arguments) }
    let (out, err) = console.output
    return (status, out, err)
}

func writeTemporary(_ text: String, name: String = "t.xml") throws -> String {
    let path = try temporaryFolder("chokepoint-cli") + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

func object(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

@Suite("Commands, in process")
struct CLITests {
    @Test func validateCountsTheBundledData() async {
        let r = await run("validate", nlDefence)
        #expect(r.status == 0)
        #expect(r.out.contains("systems     9") && r.out.contains("suppliers   272") && r.out.contains("valid, "))
        #expect(r.err.contains("warning: component 'ferrite-circulator' has no supplier and no inputs (unmapped)"))
    }

    @Test func validateFailsOnBrokenData() async throws {
        let path = try writeTemporary("<supplyChain xmlns=\"urn:chokepoint:supply-chain:1\">\n  <supplier id=\"s\" country=\"XX\"/>\n</supplyChain>\n")
        let r = await run("validate", path)
        #expect(r.status == 1)
        #expect(r.err.contains("\(path):2:3: error: unknown country code 'XX'"))
        #expect(r.out.isEmpty)
    }

    @Test func usageErrorsExitTwo() async {
        #expect(await run("report").status == 2)
        #expect(await run("frobnicate", nlDefence).status == 2)
        #expect(await run("report", nlDefence, "--format", "yaml").status == 2)
        #expect(await run("report", nlDefence, "--system", "no-such-system").status == 2)
        #expect(await run("whatif", nlDefence, "--without-country", "XX").status == 2)
        #expect(await run("report", nlDefence, "--trusted", "Narnia").status == 2)
        #expect(await run("stockpile", nlDefence, "--days", "-3").status == 2)
    }

    @Test func reportJSONKeepsTheContract() async throws {
        let r = await run("report", nlDefence, "--format", "json")
        #expect(r.status == 0)
        let json = try object(r.out)
        #expect(json["schemaVersion"] as? Int == 1)
        let items = try #require(json["items"] as? [[String: Any]])
        #expect(items.count == 78)
        let ids = items.compactMap { $0["id"] as? String }
        #expect(ids == ids.sorted())
        for key in ["id", "kind", "suppliers", "singleSource", "singleCountry", "countryShares", "hhi", "nonEUShare",
                    "nonEUExposure", "crma65", "requirement", "coverage"] {
            #expect(items.allSatisfy { $0[key] != nil }, "items lack \(key)")
        }
        let systems = try #require(json["systems"] as? [[String: Any]])
        #expect(systems.count == 9)
        let mmr = try #require(systems.first { $0["id"] as? String == "mmr" })
        let spof = try #require(mmr["singlePointsOfFailure"] as? [String: Any])
        #expect((spof["suppliers"] as? [String])?.contains("fict-epi-wafer-x-us") == true)
        #expect(mmr["euBuildable"] as? Bool == false)
        #expect(mmr["blockingItems"] is [String] && mmr["nonEUExposure"] is Double)
    }

    @Test func reportOnTheCRMDataFlagsGraphiteAndGallium() async {
        let r = await run("report", euCRM, "--format", "csv")
        #expect(r.status == 0)
        let lines = r.out.split(separator: "\n")
        #expect(lines.first?.hasPrefix("id,kind,name,unit,suppliers,singleSource,singleCountry,topCountry,topCountryShare") == true)
        let header = lines.first!.split(separator: ",").map(String.init)
        let crma = try! #require(header.firstIndex(of: "crma65")), top = try! #require(header.firstIndex(of: "topCountry"))
        for id in ["natural-graphite-extraction", "gallium-processing"] {
            // These rows hold no quoted field, so a plain split is exact.
            let fields = lines.first { $0.hasPrefix(id + ",") }.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            #expect(fields?.count == header.count)
            #expect(fields?[top] == "CN", "\(id) top country")
            #expect(fields?[crma] == "true", "\(id) crma65")
        }
    }

    @Test func systemNarrowsTheReport() async throws {
        let json = try object(await run("report", nlDefence, "--format", "json", "--system", "mmr").out)
        let items = try #require(json["items"] as? [[String: Any]])
        #expect(items.count < 78 && items.contains { $0["id"] as? String == "gallium-primary" })
        #expect(!items.contains { $0["id"] as? String == "tnt" })
        #expect((json["systems"] as? [[String: Any]])?.count == 1)
    }

    @Test func failOnGatesAPipeline() async {
        let failing = await run("report", nlDefence, "--format", "json", "--fail-on", "spof")
        #expect(failing.status == 1 && failing.err.contains("risk policy failed"))
        #expect(await run("report", nlDefence, "--system", "cv90", "--fail-on", "spof", "--format", "csv").status == 0)
        #expect(await run("report", nlDefence, "--fail-on", "nonsense").status == 2)
    }

    @Test func trustedIsSaidInTheOutput() async throws {
        let r = await run("report", nlDefence, "--trusted", "NATO")
        #expect(r.out.contains("Inside: EU + NATO"))
        let json = try object(await run("report", nlDefence, "--trusted", "NATO,trusted", "--format", "json").out)
        #expect(json["perimeter"] as? [String] == ["EU", "NATO", "trusted"])
    }

    @Test func whatifJSON() async throws {
        let r = await run("whatif", nlDefence, "--without-supplier", "ampac-ut", "--format", "json")
        #expect(r.status == 0)
        let json = try object(r.out)
        #expect(json["schemaVersion"] as? Int == 1)
        #expect((json["scenario"] as? [String: Any])?["withoutSupplier"] as? [String] == ["ampac-ut"])
        let systems = try #require(json["systems"] as? [[String: Any]])
        #expect(systems.first { $0["id"] as? String == "patriot-pac3-mse" }?["available"] as? Bool == false)
        #expect(systems.first { $0["id"] as? String == "patriot-gem-t" }?["available"] as? Bool == true)
        #expect(json["blockingItems"] as? [String] == ["solid-rocket-motor-pac3"] || (json["blockingItems"] as? [String])?.isEmpty == false)
        let items = try #require(json["items"] as? [[String: Any]])
        #expect(items.allSatisfy { $0["available"] is Bool && $0["lostShare"] is NSNumber })
    }

    @Test func stockpileCSVAndJSON() async throws {
        let csv = await run("stockpile", nlDefence, "--without-country", "CN", "--format", "csv")
        #expect(csv.status == 0)
        let lines = csv.out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "id,kind,name,unit,yearlyRequirement,requirement,stock,ownLoss,lostFraction,lossFrom,shortfall,target,price,targetCost,daysOfCover,recoveryDays,coverBelowRecovery,scenarioCountry,topCountry,topCountryShare,systems,targetExact")
        #expect(lines.count == 78 + 2) // header, 78 rows, final newline
        let json = try object(await run("stockpile", nlDefence, "--days", "90", "--format", "json").out)
        #expect(json["schemaVersion"] as? Int == 2 && json["days"] as? Int == 90)
        #expect((json["scenario"] as? [String: Any])?["worstCountry"] as? Bool == true)
        let items = try #require(json["items"] as? [[String: Any]])
        for key in ["id", "yearlyRequirement", "requirement", "stock", "ownLoss", "lostFraction", "shortfall", "target", "daysOfCover"] {
            #expect(items.allSatisfy { $0.keys.contains(key) }, "items lack \(key)")
        }
        #expect(items.contains { $0["daysOfCover"] is NSNull })
        #expect(await run("stockpile", nlDefence, "--worst-country", "--without-country", "CN").status == 2)
    }

    @Test func theTerminalTableStaysShort() async {
        let r = await run("report", nlDefence, "--top", "1")
        #expect(r.out.contains("more: --top N, or --format json for all)"))
        #expect(r.out.contains("(1 more: --top N, --all, --system ID, or --format json for all)"))
        #expect(await run("report", nlDefence, "--top", "1", "--all").out.contains("ampac-ut (US)"))
    }

    @Test func schemaCommandPrintsTheXSD() async {
        #expect(await run("schema").out.contains("targetNamespace=\"urn:chokepoint:supply-chain:1\""))
    }
}

@Suite("The built tool, end to end")
struct EndToEndTests {
    /// The `chokepoint` executable beside the test bundle.
    static let tool: String? = builtChokepointTool

    func execute(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        try runProcess(try #require(Self.tool, "build the chokepoint executable first"), arguments)
    }

    @Test(.enabled(if: tool != nil)) func reportRuns() throws {
        let r = try execute(["report", nlDefence, "--no-color"])
        #expect(r.status == 0)
        #expect(r.out.contains("HIDDEN SINGLE POINTS OF FAILURE") && r.out.contains("fict-epi-wafer-x-us"))
        #expect(!r.out.contains("\u{1B}["))
    }

    @Test(.enabled(if: tool != nil)) func validateExitCodes() throws {
        #expect(try execute(["validate", nlDefence, euCRM]).status == 0)
        #expect(try execute(["validate", "/nonexistent.xml"]).status == 1)
        #expect(try execute(["validate"]).status == 2)
        let bad = try writeTemporary("<supplyChain xmlns=\"urn:chokepoint:supply-chain:1\"><material id=\"a\"></supplyChain>")
        let r = try execute(["validate", bad])
        #expect(r.status == 1 && r.err.contains(bad + ":1:"))
    }

    @Test(.enabled(if: tool != nil)) func outputsAreDeterministic() throws {
        let a = try execute(["report", nlDefence, "--format", "json"])
        let b = try execute(["report", nlDefence, "--format", "json"])
        #expect(a.out == b.out && !a.out.isEmpty)
    }
}

@Suite("Diagrams and export, in process")
struct DiagramCommandTests {
    @Test func dotToStdout() async {
        let r = await run("dot", nlDefence, "--focus", "mmr", "--highlight", "spof")
        #expect(r.status == 0)
        #expect(r.out.hasPrefix("digraph") && r.out.contains("Legend") && r.out.contains("fict-epi-wafer-x-us"))
        #expect(!r.out.contains("tnt"))                 // outside the MMR's closure
        #expect(await run("dot", nlDefence, "--focus", "nothing").status == 2)
        #expect(await run("dot", nlDefence, "--cluster", "sideways").status == 2)
    }

    @Test func exportGraphMLAndJSON() async throws {
        let dir = URL(fileURLWithPath: try temporaryFolder("chokepoint-export"))
        let graphml = dir.appendingPathComponent("g.graphml").path
        #expect(await run("export", "graphml", nlDefence, "-o", graphml).status == 0)
        let text = try String(contentsOfFile: graphml, encoding: .utf8)
        #expect(text.contains("<graphml") && text.contains("attr.type=\"double\""))
        let json = try object(await run("export", "json", nlDefence).out)
        #expect(json["schemaVersion"] as? Int == 1)
        #expect((json["nodes"] as? [Any])?.count == 78 + 272)
    }

    @Test(.enabled(if: EndToEndTests.tool != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/dot")))
    func renderSVGWithTheBuiltTool() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("mmr-\(UUID().uuidString).svg").path
        let r = try EndToEndTests().execute(["dot", nlDefence, "--focus", "mmr", "--highlight", "spof", "--render", "svg", "-o", out])
        #expect(r.status == 0, "\(r.err)")
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        #expect(svg.contains("<svg") && svg.contains("supplier X (US)"))
    }
}
