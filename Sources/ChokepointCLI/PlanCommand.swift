import ArgumentParser
import BudgetPlan
import GraphExport
import Reports
import RiskAnalysis
import SupplyGraph

/// `chokepoint plan`: which stocks to buy and which options to take, within a budget, to keep
/// the most production going through a disruption.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "The budget plan: which stocks to buy and which options to take, within a budget, to keep the most production going.",
        discussion: """
            Scenario: the options of `whatif`. The plan solves a linear programme (mixed-integer \
            when the data has <option> elements) with COIN-OR CLP/CBC over D days cut into periods \
            of P days: every supply edge delivers at most its normal flow (share × requirement), \
            failed suppliers deliver nothing until their recoveryDays (never with --no-recovery), \
            inputs go where they keep the most production, and stock — held plus bought at day 0 \
            at each item's `price` — fills the gaps. It maximises production kept (the weighted \
            mean of each end item's kept fraction of its demand), then minimises the cost.
            Items without a price cannot be bought; the plan lists those whose stock would help, \
            with their value per unit. Purchases are exact in JSON and CSV; the text rounds \
            pieces up and shows the extra cost. DocC article "The budget plan" has the programme.
            CSV columns: \(BudgetPlan.csvColumns.joined(separator: ", ")).
            Exit status: 0 with a plan, 1 when the data is invalid or the solver fails, 2 on a usage error.
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var scenarioOptions: ScenarioOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("The window in days: a number > 0, at most 36500.", valueName: "days"))
    var days: Double = 180

    @Option(parsing: .unconditional, help: ArgumentHelp("The budget, in the data set's currency (default EUR): a number >= 0.", valueName: "amount"))
    var budget: Double

    @Option(parsing: .unconditional, help: ArgumentHelp("The length of a period in days (> 0); the last is shorter when it does not divide --days.", valueName: "days"))
    var period: Double = 30

    @Option(parsing: .unconditional, help: ArgumentHelp("Also production kept at N budgets (N >= 2) from 0 to the least cost of the most production kept.", valueName: "N"))
    var frontier: Int?

    @Option(name: .customLong("frontier-svg"), help: ArgumentHelp("With --frontier: also write the frontier as an SVG line chart to this file.", valueName: "file"))
    var frontierSVG: String?

    @Flag(name: .customLong("no-recovery"), help: "A cut-off lasts the whole window (an embargo, not a fire): failed suppliers do not come back after their recoveryDays.")
    var noRecovery = false

    @Option(name: .customLong("system"), help: ArgumentHelp("Plan for this system's demand alone.", valueName: "id"))
    var system: String?

    @Option(help: "Output format: table, markdown, json, csv.")
    var format: OutputFormat = .table

    func validate() throws {
        if !(days.isFinite && days > 0 && days <= StockpileCommand.maximumDays) {
            throw ValidationError("--days must be a number of days > 0 and at most \(Int(StockpileCommand.maximumDays)), not \(DisplayNumber.human(days))")
        }
        if !(period.isFinite && period > 0) { throw ValidationError("--period must be a number of days > 0, not \(DisplayNumber.human(period))") }
        if days / period > 1000 { throw ValidationError("--days / --period gives more than 1000 periods: take a longer --period") }
        if !(budget.isFinite && budget >= 0) { throw ValidationError("--budget must be a number >= 0, not \(DisplayNumber.human(budget))") }
        if frontierSVG != nil && frontier == nil { throw ValidationError("--frontier-svg needs --frontier N") }
        if let frontier, frontier < 2 || frontier > 1000 { throw ValidationError("--frontier must be a whole number from 2 to 1000, not \(frontier)") }
    }

    func run() throws {
        let (graph, _) = try input.load()
        let console = Console.current
        let scope = try resolveSystem(system, in: graph)
        let scenario: PlanScenario
        let given = try scenarioOptions.scenario(for: graph)
        do { scenario = try PlanScenario(given, in: graph) } catch {
            throw CLIError.usage(error.message, cause: error)
        }
        let settings = PlanSettings(days: days, period: period, budget: budget, recovery: !noRecovery,
                                    scope: scope, frontierPoints: frontier)
        let plan: BudgetPlan
        do { plan = try BudgetPlan(graph: graph, scenario: scenario, settings: settings) } catch {
            throw CLIError(code: error.code == .noEndItem ? .usage : .solverFailed, message: "\(error)", cause: error)
        }
        if let frontierSVG, let svg = plan.frontierSVG(graph: graph, title: "Production kept by budget (\(ScenarioDescription(scenarioOptions.scenario).summary), \(DisplayNumber.human(days)) days)") {
            try writeFile(svg, to: frontierSVG)
        }
        switch format {
        case .json: console.out(plan.json(graph: graph, scenario: ScenarioDescription(scenarioOptions.scenario).json).serialized())
        case .csv: console.out(plan.csv(graph: graph))
        case .table, .markdown: console.out(plan.text(graph: graph, summary: ScenarioDescription(scenarioOptions.scenario).summary, markdown: format == .markdown))
        }
    }
}
