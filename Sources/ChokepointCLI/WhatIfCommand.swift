import ArgumentParser
import GraphExport
import Reports
import RiskAnalysis
import SupplyGraph

/// `chokepoint whatif`: a disruption scenario.
struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "A scenario: which systems fall or are degraded, which items block, what share of supply is lost.",
        discussion: """
            The verdict comes first: each system falls (no mapped route of supply is left), is \
            degraded (its supply fraction φ, the share of normal production that can go on, is \
            below 100 %) or is unaffected. φ rations each short input among its buyers in \
            proportion, and an assembly makes no more than its scarcest input allows.
            Unattributed supply (shares that sum below 1) is lost only with --without-country \
            unknown or --only-group.
            CSV columns: \(WhatIfReport.csvColumns.joined(separator: ", ")).
            Examples:
              chokepoint whatif Graphs/nl-defence.xml --without-country CN,RU
              chokepoint whatif Graphs/nl-defence.xml --without-country CN --items 'gallium*,germanium*'
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var scenarioOptions: ScenarioOptions
    @OptionGroup var perimeterOptions: PerimeterOptions
    @OptionGroup var criticalOptions: CriticalOptions

    @Option(help: "Output format: table, markdown, json, csv (one row per item).")
    var format: OutputFormat = .table

    @Option(name: .customLong("system"), help: ArgumentHelp("Only this system's verdict (and the items of its BOM closure).", valueName: "id"))
    var system: String?

    @Flag(name: .customLong("all"), help: "List every item in the table, not only the first 40 of those that lose supply.")
    var all = false

    @Flag(name: .customLong("no-color"), help: "No colour, even on a terminal.")
    var noColor = false

    func validate() throws {
        try scenarioOptions.validateRestriction()
    }

    func run() throws {
        let (graph, _) = try input.load()
        let focus = try resolveSystem(system, in: graph)
        // --trusted widens every --only-group to the perimeter, as the report's EU-only scenario.
        var scenario = try scenarioOptions.scenario(for: graph)
        let trusted = try perimeterOptions.perimeter(for: graph).trustedGroups.map(\.id)
        if !scenario.onlyGroups.isEmpty { scenario.onlyGroups += trusted.filter { !scenario.onlyGroups.contains($0) } }
        let outcome: ScenarioOutcome
        do { outcome = try scenario.outcome(in: graph, shares: ShareTable(graph), critical: criticalOptions.critical) } catch {
            throw CLIError.usage(OptionNames.message(error, in: graph, scenario: scenario), cause: error)
        }
        let report = WhatIfReport(outcome, systems: focus.map { [$0] } ?? graph.items(ofKind: .system),
                                  context: ReportContext(toolVersion: Chokepoint.version, inputFiles: input.files))
        let console = Console.current
        switch format {
        case .json: console.out(report.json(scenario: ScenarioDescription(scenarioOptions.scenario(in: graph))).serialized())
        case .csv: console.out(report.csv())
        case .table, .markdown:
            console.out(report.text(scenario: ScenarioDescription(scenarioOptions.scenario(in: graph)), markdown: format == .markdown,
                                    color: format == .table && console.stdoutIsTerminal && !noColor, all: all))
        }
    }
}
