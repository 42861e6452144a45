import ArgumentParser
import Crypto
import Foundation
import GraphExport
import Reports
import RiskAnalysis
import SupplyGraph

/// `chokepoint brief`: one self-contained HTML briefing.
struct BriefCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: "Write one self-contained HTML briefing: verdicts, impact heat map, one page per system.",
        discussion: """
            The page opens with the verdicts (systems that fall or are degraded on EU-only supply, \
            with their supply fraction φ; the hidden single points of failure; the \(Concentration.crmaLabel) \
            breaches), then the country x system impact heat map, one section per system (verdict, \
            single points of failure with their routes, blocking items, a slide-sized diagram), the \
            stockpile table of the default scenario, the data gaps and the provenance (data set, \
            date, tool version, input files with their SHA-256). It loads nothing from the network: \
            no scripts, no web fonts, the diagrams inline as SVG. It prints with one system per page.
            Diagrams are drawn with Graphviz `dot` when it is installed (each stopped after \
            --timeout seconds); without it the briefing says so and keeps the tables.
            Example:
              chokepoint brief Graphs/nl-defence.xml -o briefing.html
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var perimeterOptions: PerimeterOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the HTML to this file instead of stdout.", valueName: "file"))
    var output: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The stockpile table's horizon in days.", valueName: "days"))
    var days: Double = 180

    @Option(parsing: .unconditional, help: ArgumentHelp("How many countries the impact heat map shows.", valueName: "n"))
    var top: Int = 20

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds before Graphviz is stopped, per diagram.", valueName: "seconds"))
    var timeout: Double = 60

    @Flag(name: .customLong("no-diagrams"), help: "Leave out the diagrams (no Graphviz run).")
    var noDiagrams = false

    func validate() throws {
        if !(days.isFinite && days > 0 && days <= StockpileCommand.maximumDays) {
            throw ValidationError("--days must be a number of days > 0 and at most \(Int(StockpileCommand.maximumDays)), not \(DisplayNumber.human(days))")
        }
        if top < 1 { throw ValidationError("--top must be >= 1") }
        if !(timeout > 0 && timeout.isFinite) { throw ValidationError("--timeout must be a number of seconds > 0") }
    }

    func run() async throws {
        let imported = try input.importResult()
        let graph = imported.graph
        let inputs = try Self.digests(of: input.files)
        let perimeter = try perimeterOptions.perimeter(for: graph)
        let analysis = SupplyChainAnalysis(graph, perimeter: perimeter)
        var context = ReportContext(toolVersion: Chokepoint.version, inputFiles: input.files)
        context.declarationCoverage = imported.declarationCoverage
        let report = RiskReport(analysis, context: context)
        let impact = ImpactSweep(analysis, sweep: .country)
        let (diagrams, note) = noDiagrams ? ([:], "left out (--no-diagrams)") : await drawDiagrams(analysis)
        let briefing = Briefing(report: report, impact: impact, diagrams: diagrams, diagramNote: note, inputs: inputs,
                                stockpileDays: days, heatMapRows: top)
        let html = briefing.html()
        if let output { try writeFile(html, to: output) } else { Console.current.out(html) }
    }

    /// One slide-sized diagram per system (the `dot` command's defaults, paths to the single
    /// points of failure in bold), or a note why there are none.
    func drawDiagrams(_ analysis: SupplyChainAnalysis) async -> ([String: Briefing.Diagram], String?) {
        let graph = analysis.graph
        guard Graphviz.find("dot") != nil else {
            return ([:], "Graphviz is not installed (apt install graphviz); the diagrams were left out")
        }
        var diagrams: [String: Briefing.Diagram] = [:]
        for system in analysis.systems {
            var options = DotCommand.slideOptions(focus: system)
            options.title = graph.itemNames[system]
            let writer = DOTWriter(options: options)
            let drawn = writer.drawnItems(in: graph)
            let marks = DiagramMarks(analysis, systems: [system], highlight: true, drawnItems: drawn)
            let dot = writer.document(for: graph, marks: marks)
            let nodes = writer.drawnNodeCount(in: graph, marks: marks)
            let engine = DotCommand.engine(.auto, nodes: nodes)
            let key = graph.itemKeys[system]
            do throws(CLIError) {
                let svg = try await Graphviz.svg(dot, engine: engine, extraArguments: DotCommand.layoutArguments(engine: engine, nodes: nodes),
                                                 timeout: timeout)
                diagrams[key] = .svg(svg)
            } catch {
                Console.current.err("chokepoint: the diagram of \(key): \(error.message)\n")
                diagrams[key] = .unavailable(error.message)
            }
        }
        return (diagrams, nil)
    }

    /// The SHA-256 and size of each input file.
    /// - Throws: ``CLIError`` when a file cannot be read (it was read a moment before).
    static func digests(of files: [String]) throws -> [Briefing.InputFile] {
        try files.map { path in
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIError(code: .io, message: "cannot read \(path) to compute its SHA-256")
            }
            let digest = SHA256.hash(data: data).map { byte in
                let hex = String(byte, radix: 16)
                return hex.count < 2 ? "0" + hex : hex
            }.joined()
            return Briefing.InputFile(path: path, sha256: digest, bytes: data.count)
        }
    }
}
