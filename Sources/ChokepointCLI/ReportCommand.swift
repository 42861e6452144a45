import ArgumentParser
import GraphExport
import RiskAnalysis
import SupplyGraph

/// `chokepoint report`: the risk report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The risk report: top chokepoints first, then per system and per item.",
        discussion: """
            Figures (see the DocC article "Risk figures"): single source and single country, country \
            shares and HHI, non-EU share, the CRMA 65 % flag, single points of failure (suppliers \
            and countries, hidden ones included), EU-buildable and blocking items, propagated non-EU \
            exposure, the yearly requirement through the BOM.
            --fail-on exits 1 when a finding of the given kinds exists in scope: single-source (an \
            item with one supplier), spof (a system with a single point of failure), non-eu (a \
            system that cannot be built from EU sources alone), crma65 (a material breaching the \
            65 % benchmark).
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var perimeterOptions: PerimeterOptions

    @Option(help: "Output format: table (terminal), markdown, json (the contract, complete), csv (one row per item).")
    var format: OutputFormat = .table

    @Option(name: .customLong("system"), help: ArgumentHelp("Narrow the report to one system and its BOM closure.", valueName: "id"))
    var system: String?

    @Option(name: .customLong("fail-on"), parsing: .singleValue,
            help: ArgumentHelp("Exit 1 if any such finding exists: single-source, spof, non-eu, crma65 (comma-separated).", valueName: "kinds"))
    var failOn: [String] = []

    @Flag(name: .customLong("all"), help: "List every item in the table, not only the flagged ones.")
    var all = false

    @Option(help: "How many top chokepoints the table lists.")
    var top: Int = 15

    @Flag(name: .customLong("no-color"), help: "No colour, even on a terminal.")
    var noColor = false

    static let policies = ["single-source", "spof", "non-eu", "crma65"]

    func validate() throws {
        for kind in split(failOn) where !Self.policies.contains(kind) {
            throw ValidationError("--fail-on takes \(Self.policies.joined(separator: ", ")), not '\(kind)'")
        }
        if top < 0 { throw ValidationError("--top must be >= 0") }
    }

    func run() throws {
        let (graph, _) = try PhaseTiming.measure("import") { try input.load() }
        let perimeter = try perimeterOptions.perimeter(for: graph)
        let focus = try resolveSystem(system, in: graph)
        let report = PhaseTiming.measure("figures") {
            RiskReport(SupplyChainAnalysis(graph, perimeter: perimeter), focus: focus)
        }
        let console = Console.current
        PhaseTiming.measure("output") {
            switch format {
            case .json: report.writeJSON(to: console.out)
            case .csv: report.writeCSV(to: console.out)
            case .table, .markdown:
                var options = RiskReport.TextOptions()
                options.markdown = format == .markdown
                options.color = format == .table && console.stdoutIsTerminal && !noColor
                options.allItems = all
                options.top = top
                console.out(report.text(options))
            }
        }
        let failures = policyFailures(report)
        if !failures.isEmpty {
            console.err("chokepoint: risk policy failed: \(failures.joined(separator: "; "))\n")
            throw ExitCode(1)
        }
    }

    func policyFailures(_ report: RiskReport) -> [String] {
        let kinds = Set(split(failOn))
        let analysis = report.analysis
        let graph = analysis.graph
        var failures: [String] = []
        if kinds.contains("single-source") {
            let n = report.items.filter { analysis.concentration(of: $0).singleSource }.count
            if n > 0 { failures.append("\(n) single-source item\(n == 1 ? "" : "s")") }
        }
        if kinds.contains("spof") {
            let n = report.systems.filter {
                let f = analysis.figures(ofSystem: $0)
                return !f.singlePointSuppliers.isEmpty || !f.singlePointCountries.isEmpty
            }.count
            if n > 0 { failures.append("\(n) system\(n == 1 ? "" : "s") with a single point of failure") }
        }
        if kinds.contains("non-eu") {
            let n = report.systems.filter { !analysis.perimeterOnly.itemAvailable[$0.index] }.count
            if n > 0 { failures.append("\(n) system\(n == 1 ? "" : "s") not buildable inside \(report.perimeterName)") }
        }
        if kinds.contains("crma65") {
            let n = report.items.filter { graph.itemKinds[$0.index] == .material && analysis.concentration(of: $0).crma65 }.count
            if n > 0 { failures.append("\(n) material\(n == 1 ? "" : "s") above the CRMA 65 % benchmark") }
        }
        return failures
    }
}
