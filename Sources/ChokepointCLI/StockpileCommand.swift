import ArgumentParser
import GraphExport
import Reports
import RiskAnalysis
import SupplyGraph

/// `chokepoint stockpile`: the stockpile plan for a stockpiling study.
struct StockpileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stockpile",
        abstract: "The stockpile plan for a disruption of D days: stock targets per stage, and each system's time to survive.",
        discussion: """
            Scenario: the options of `whatif`, or --worst-country (the default when none is given): \
            every stage loses its largest supplying country outside the EU, all at once; the \
            table shows the country each item loses.
            Model (DocC article "The stockpile model"): orders run down the chain at the planned \
            rate; each stage loses ownLoss of them at its own stage (its failed suppliers); the \
            shortfall is what it loses over the D days, the target the stock to add beyond what \
            it holds; stock left over replaces orders to its suppliers (MRP netting). Each loss \
            is counted once, where it happens: the targets of one chain are parts of one plan \
            and add up. The time to survive counts the stock held at every tier.
            Per item: yearlyRequirement (gross, per year), requirement (what reaches it over the \
            D days in the plan), stock, ownLoss (0..1), lostFraction (1 − supply fraction without \
            stock: what its buyers lose), lossFrom (the stage that loss comes from), shortfall, \
            target (in the item's unit), price and targetCost, daysOfCover (time to survive with \
            today's stock; empty/null when infinite or beyond max(100 × D, 36500) days), \
            recoveryDays (TTR: the largest recoveryDays of the suppliers it loses), \
            coverBelowRecovery, scenarioCountry, topCountry, topCountryShare, systems. Per \
            system: timeToSurvive, firstToRunOut.
            CSV columns: \(StockpileTable.columns.joined(separator: ", ")).
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var scenarioOptions: ScenarioOptions
    @OptionGroup var perimeterOptions: PerimeterOptions

    @Flag(name: .customLong("worst-country"), help: "Every stage loses its largest supplying country outside the EU and the --trusted groups (the default).")
    var worstCountry = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Duration of the disruption in days: a number > 0, at most 36500.", valueName: "days"))
    var days: Double = 180

    @Option(help: "Output format: table, markdown, csv, json.")
    var format: OutputFormat = .table

    @Flag(name: .customLong("all"), help: "List every item, not only the first 40 of those that lose supply.")
    var all = false

    @Flag(name: .customLong("no-color"), help: "No colour, even on a terminal.")
    var noColor = false

    /// The longest horizon accepted: 100 years.
    static let maximumDays = 36500.0

    func validate() throws {
        if !(days.isFinite && days > 0 && days <= Self.maximumDays) {
            throw ValidationError("--days must be a number of days > 0 and at most \(Int(Self.maximumDays)), not \(DisplayNumber.human(days))")
        }
        if worstCountry && !scenarioOptions.scenario.isEmpty {
            throw ValidationError("--worst-country cannot be combined with --without-… or --only-group")
        }
        try scenarioOptions.validateRestriction(allowAlone: true)
    }

    func run() throws {
        let (graph, _) = try input.load()
        let analysis = SupplyChainAnalysis(graph, perimeter: try perimeterOptions.perimeter(for: graph))
        let useWorst = worstCountry || scenarioOptions.scenario.isEmpty
        let mode: StockpilePlan.Mode = useWorst
            ? .worstCountry(byControl: scenarioOptions.byControl, items: try scenarioOptions.embargoedItems(in: graph))
            : .scenario(try scenarioOptions.disruption(in: graph))
        let plan = StockpilePlan(analysis, days: days, mode: mode)
        let table = StockpileTable(analysis: analysis, plan: plan,
                                   context: ReportContext(toolVersion: Chokepoint.version, inputFiles: input.files))
        let scenario = ScenarioDescription(scenarioOptions.scenario(in: graph), worstCountry: useWorst)
        let console = Console.current
        switch format {
        case .csv: console.out(table.csv())
        case .json: console.out(table.json(scenario: scenario).serialized())
        case .table, .markdown:
            console.out(table.text(scenario: scenario, markdown: format == .markdown,
                                   color: format == .table && console.stdoutIsTerminal && !noColor, all: all))
        }
    }
}
