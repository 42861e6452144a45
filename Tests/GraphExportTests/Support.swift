import Foundation
import Testing
import GraphExport
import Reports
import RiskAnalysis
import SupplyGraph
import SupplyXML
import ChokepointTestSupport

/// This test folder, found from the source file (the test target declares no resources).
let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
/// The package root.
let packageDirectory = URL(fileURLWithPath: repositoryRoot)

/// Imports a small data set written in the body of a `<supplyChain>`.
func importGraph(_ body: String, name: String = "fixture") throws -> SupplyGraph {
    try supplyGraph(body: body, name: name)
}

/// Imports a bundled data set from `Graphs/`.
func bundledGraph(_ file: String) throws -> SupplyGraph {
    try SupplyChainImporter().importFiles([packageDirectory.appendingPathComponent("Graphs/\(file)").path]).graph
}

/// A hidden single point of failure with awkward names: part P is made by two suppliers (DE,
/// FR) who both buy material M only from m1 (CI), although M has a second source m2 (PL).
let hiddenSPOFFixture = """
    <system id="X" name="System &quot;X&quot;" demand="10"><uses item="P" quantity="2"/></system>
    <component id="P" name="Part \\ with backslash"><uses item="M" quantity="3"/></component>
    <material id="M" name="Cocoa-butter grade M" unit="kg"/>
    <supplier id="p1" name="Maker A &amp; Co" country="DE"><supplies item="P" share="0.6" leadTimeDays="90"><sourcedFrom item="M" suppliers="m1"/></supplies></supplier>
    <supplier id="p2" name="Maker B" country="FR" controlledBy="US" recoveryDays="120"><supplies item="P" share="0.4"><sourcedFrom item="M" suppliers="m1"/></supplies></supplier>
    <supplier id="m1" name="Mine, Côte d'Ivoire" country="CI"><supplies item="M" share="0.7" capacity="500"/></supplier>
    <supplier id="m2" name="Smelter Łódź" country="PL"><supplies item="M" share="0.3"/></supplier>
    """

/// The `dot` program, if Graphviz is installed.
let dotExecutable: String? = {
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
        let path = "\(directory)/dot"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}()

/// Runs a program with `input` on stdin; returns its status, stdout and stderr.
func runProgram(_ executable: String, _ arguments: [String], input: String? = nil) throws -> (status: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("chokepoint-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let inURL = directory.appendingPathComponent("in"), outURL = directory.appendingPathComponent("out"),
        errURL = directory.appendingPathComponent("err")
    try (input ?? "").write(to: inURL, atomically: false, encoding: .utf8)
    for url in [outURL, errURL] { _ = FileManager.default.createFile(atPath: url.path, contents: nil) }
    let inHandle = try FileHandle(forReadingFrom: inURL)
    let outHandle = try FileHandle(forWritingTo: outURL), errHandle = try FileHandle(forWritingTo: errURL)
    process.standardInput = inHandle
    process.standardOutput = outHandle
    process.standardError = errHandle
    try process.run()
    process.waitUntilExit()
    try? inHandle.close(); try? outHandle.close(); try? errHandle.close()
    return (process.terminationStatus, try String(contentsOf: outURL, encoding: .utf8), try String(contentsOf: errURL, encoding: .utf8))
}

/// A random acyclic supply chain: systems on top, BOM edges to later items only, suppliers in
/// random countries (EU and not, some unknown), some `sourcedFrom`, awkward names.
func randomGraph(items: Int, suppliers: Int, seed: UInt64) throws -> SupplyGraph {
    var rng = SplitMix64(state: seed)
    var builder = SupplyGraphBuilder()
    let countries = ["DE", "FR", "NL", "PL", "CN", "US", "CI", "JP", nil]
    let names = ["plain", "quote \" inside", "back\\slash", "two\nlines", "Côte d'Ivoire", "R&D;", "<tag>", "tab\there"]
    let systems = max(1, items / 20)
    var records: [Int] = []
    for i in 0..<items {
        let kind: ItemKind = i < systems ? .system : (i < items / 2 ? .component : .material)
        records.append(builder.addItem(key: "i\(i)", kind: kind, name: "\(names[i % names.count]) \(i)"))
    }
    var childrenOf = [[Int]](repeating: [], count: items)
    for i in 0..<items where i < items - 1 {
        let children = Int.random(in: 0...3, using: &rng)
        for _ in 0..<children {
            let child = Int.random(in: max(i + 1, systems)..<items, using: &rng)
            if !childrenOf[i].contains(child) {
                childrenOf[i].append(child)
                builder.addUses(parent: records[i], child: "i\(child)", quantity: Double(Int.random(in: 1...50, using: &rng)) / 10)
            }
        }
    }
    var supplierRecords: [Int] = []
    for s in 0..<suppliers {
        supplierRecords.append(builder.addSupplier(key: "s\(s)", name: "\(names[(s + 3) % names.count]) supplier \(s)",
                                                   country: countries[Int.random(in: 0..<countries.count, using: &rng)]))
    }
    var suppliersOf = [[Int]](repeating: [], count: items)
    for i in 0..<items {
        var chosen = Set<Int>()
        for _ in 0..<Int.random(in: 0...3, using: &rng) { chosen.insert(Int.random(in: 0..<suppliers, using: &rng)) }
        suppliersOf[i] = chosen.sorted()
    }
    for i in 0..<items {
        for s in suppliersOf[i] {
            var sourcing: [(input: String, suppliers: [String])] = []
            // Now and then a supplier buys its first input from one named sub-supplier.
            if let child = childrenOf[i].first, let named = suppliersOf[child].first, Int.random(in: 0..<4, using: &rng) == 0 {
                sourcing.append((input: "i\(child)", suppliers: ["s\(named)"]))
            }
            builder.addSupply(supplier: supplierRecords[s], item: "i\(i)",
                              share: Bool.random(using: &rng) ? nil : 1 / Double(max(1, suppliersOf[i].count)),
                              sourcing: sourcing)
        }
    }
    return try builder.build().graph
}

/// What the `dot` command draws: the writer's options, plus the SPOF highlight and a scenario,
/// which become the diagram's marks (computed by Reports from the analysis).
struct DiagramRequest {
    var options = DOTOptions()
    var highlight = false
    var failed: [Bool]? = nil
}

/// The DOT text the `dot` command writes for `request`.
func riskDOT(_ graph: SupplyGraph, _ request: DiagramRequest, analysis: SupplyChainAnalysis? = nil) -> String {
    let analysis = analysis ?? SupplyChainAnalysis(graph)
    let writer = DOTWriter(options: request.options)
    let drawn = writer.drawnItems(in: graph)
    let marks = DiagramMarks(analysis, systems: analysis.systems.filter { drawn[$0.index] },
                             outcome: request.failed.map { analysis.whatIf(Disruption(failedSuppliers: IDArray($0))) },
                             highlight: request.highlight, drawnItems: drawn)
    return writer.document(for: graph, marks: marks)
}
