import ArgumentParser
import GraphExport
import Reports
import RiskAnalysis
import SupplyGraph

/// `chokepoint stockpile`: the material table for a stockpiling study.
struct StockpileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stockpile",
        abstract: "The material table for a stockpiling study, for a scenario and a duration.",
        discussion: """
            Scenario: the options of `whatif`, or --worst-country (the default when none is given): \
            for each item, the loss of its largest supplying country outside the EU.
            Per item: requirement = gross yearly requirement through the BOM (in the item's unit); \
            lostShare = share of supply lost; shortfall = requirement × days/365 × lostShare; \
            target = max(0, shortfall − stock); daysOfCover (time to survive, TTS) = stock / \
            (requirement × lostShare / 365), empty/null when infinite; recoveryDays (time to \
            recover, TTR) = the largest recoveryDays of the suppliers lost; coverBelowRecovery = \
            TTS < TTR; scenarioCountry (worst-country mode); topCountry and topCountryShare; \
            systems = the systems whose BOM holds the item. Per system: the first item to run out \
            and its days of cover.
            CSV columns: \(StockpileTable.columns.joined(separator: ", ")).
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var scenarioOptions: ScenarioOptions

    @Flag(name: .customLong("worst-country"), help: "For each item, lose its largest supplying country outside the EU (the default).")
    var worstCountry = false

    @Option(help: "Duration of the disruption in days.")
    var days: Double = 180

    @Option(help: "Output format: table, markdown, csv, json.")
    var format: OutputFormat = .table

    @Flag(name: .customLong("all"), help: "List every item in the table, not only those that lose supply.")
    var all = false

    @Flag(name: .customLong("no-color"), help: "No colour, even on a terminal.")
    var noColor = false

    func validate() throws {
        if !(days.isFinite && days >= 0) { throw ValidationError("--days must be a number >= 0") }
        if worstCountry && !scenarioOptions.scenario.isEmpty {
            throw ValidationError("--worst-country cannot be combined with --without-… or --only-group")
        }
    }

    func run() throws {
        let (graph, _) = try input.load()
        let analysis = SupplyChainAnalysis(graph)
        let useWorst = worstCountry || scenarioOptions.scenario.isEmpty
        let mode: StockpilePlan.Mode = useWorst ? .worstCountry : .scenario(try scenarioOptions.disruption(in: graph))
        let plan = StockpilePlan(graph, days: days, mode: mode, shares: analysis.shareTable, requirement: analysis.requirement)
        let table = StockpileTable(analysis: analysis, plan: plan)
        let scenarioJSON: JSONValue = useWorst ? .object([("worstCountry", .bool(true))]) : scenarioOptions.json
        let summary = useWorst ? "each item loses its largest non-EU supplying country" : scenarioOptions.summary
        let console = Console.current
        switch format {
        case .csv: console.out(table.csv())
        case .json: console.out(table.json(scenario: scenarioJSON).serialized())
        case .table, .markdown:
            console.out(table.text(summary: summary, markdown: format == .markdown,
                                   color: format == .table && console.stdoutIsTerminal && !noColor, all: all))
        }
    }
}
