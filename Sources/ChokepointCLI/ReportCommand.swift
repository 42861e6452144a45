import ArgumentParser
import GraphExport
import Reports
import RiskAnalysis
import SupplyGraph

/// `chokepoint report`: the risk report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The risk report: top chokepoints first, then per system and per item.",
        discussion: """
            Figures (see the DocC article "Risk figures"): single source and single country, country \
            shares (the unattributed rest of a row pooled with unknown origin) and HHI, coverage, \
            non-EU share, non-EU-controlled share, the \(Concentration.crmaLabel) flag, single points of failure \
            (suppliers and countries, hidden ones included), EU-buildable, the EU-only supply \
            fraction and blocking items, propagated non-EU exposure, the yearly requirement \
            through the BOM. With --system every figure is that system's alone.
            CSV columns: \(RiskReport.csvColumns.joined(separator: ", ")), then share_CC per country \
            (share_unknown: unknown origin and unattributed supply).
            --fail-on exits 1 when a finding of the given kinds exists in scope: single-source (an \
            item with one supplier), spof (a system with a single point of failure), non-eu (a \
            system that cannot be built from EU sources alone), crma65 (a strategic raw material of \
            the Critical Raw Materials Act, Annex I, 65 % or more from one third country: the \
            Act's benchmark), concentrated65 (any material, or item with a commodity, 65 % or more \
            from one third country).
            A system falls (no route left, or φ = 0), is crippled (φ below --critical, default \
            10 % of normal production), degraded or unaffected on EU supply alone; the EU-only \
            figures come with a range [low, high]: low fails unknown origin and unattributed \
            supply too, high keeps both. --home (else the data's home) is left out of the \
            country rankings.
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var perimeterOptions: PerimeterOptions
    @OptionGroup var criticalOptions: CriticalOptions
    @OptionGroup var homeOptions: HomeOptions
    @OptionGroup var sanctions: SanctionsOptions

    @Option(help: "Output format: table (terminal), markdown, json (the contract, complete), csv (one row per item).")
    var format: OutputFormat = .table

    @Option(name: .customLong("system"), help: ArgumentHelp("Every figure for one system alone: its BOM closure, its own demand.", valueName: "id"))
    var system: String?

    @Option(name: .customLong("fail-on"), parsing: .singleValue,
            help: ArgumentHelp("Exit 1 if any such finding exists: single-source, spof, non-eu, crma65 (a strategic raw material at or above the CRMA 65 % benchmark), concentrated65 (any material at 65 % from one third country) (comma-separated).", valueName: "kinds"))
    var failOn: [CommaSeparated] = []

    @Flag(name: .customLong("all"), help: "List every item in the table, not only the flagged ones.")
    var all = false

    @Option(parsing: .unconditional, help: ArgumentHelp("How many top chokepoints the table lists (a whole number >= 0).", valueName: "n"))
    var top: Int = 15

    @Flag(name: .customLong("no-color"), help: "No colour, even on a terminal.")
    var noColor = false

    /// The policies given, or a usage error that names the nearest one.
    var policies: Set<RiskPolicy> {
        get throws { try failOnPolicies(failOn.flattened) }
    }

    func validate() throws {
        _ = try policies
        if top < 0 { throw ValidationError("--top must be a whole number >= 0, not \(top)") }
    }

    func run() throws {
        let imported = try PhaseTiming.measure("import") { try input.importResult() }
        let graph = imported.graph
        let perimeter = try perimeterOptions.perimeter(for: graph)
        let focus = try resolveSystem(system, in: graph)
        let home = try homeOptions.homeCountry()
        var context = ReportContext(toolVersion: Chokepoint.version, inputFiles: input.files)
        context.declarationCoverage = imported.declarationCoverage
        let report = PhaseTiming.measure("figures") {
            RiskReport(SupplyChainAnalysis(graph, perimeter: perimeter, scope: focus, critical: criticalOptions.critical, home: home),
                       context: context)
        }
        let screening = sanctions.files.isEmpty ? nil : Screening(graph, lists: try sanctions.load())
        let console = Console.current
        PhaseTiming.measure("output") {
            switch format {
            case .json: report.writeJSON(to: console.out, screening: screening)
            case .csv: report.writeCSV(to: console.out)
            case .table, .markdown:
                var options = RiskReport.TextOptions()
                options.markdown = format == .markdown
                options.color = format == .table && console.stdoutIsTerminal && !noColor
                options.allItems = all
                options.top = top
                console.out(report.text(options))
                if let screening {
                    console.out("\n" + ScreeningReport(screening, graph: graph).text(markdown: format == .markdown, color: options.color))
                }
            }
        }
        let failures = report.policyFailures(try policies)
        if !failures.isEmpty {
            throw CLIError(code: .policyFailed, message: "risk policy failed: \(failures.joined(separator: "; "))")
        }
    }
}
