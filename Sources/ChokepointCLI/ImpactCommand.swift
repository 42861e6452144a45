import OutputFormats
import ArgumentParser
import GraphExport
import Reports
import RiskAnalysis
import SupplyGraph

/// `chokepoint impact`: every country (or supplier) cut off in turn, ranked by what it does.
struct ImpactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "impact",
        abstract: "Cut off every country (or every supplier) in turn and rank them by their impact on the systems.",
        discussion: """
            The impact of a country on a system is 1 − φ, the share of the system's normal \
            production lost when every supplier in that country fails (with --by-control, also \
            those controlled from it). The score of a country is the sum of weight × impact over \
            the systems (system weight, default 1). Countries with a score of 0 are left out.
            --format csv writes the country × system matrix; json the ranking with each system's \
            impact. --by supplier sweeps the suppliers instead.
            Example: chokepoint impact Graphs/nl-defence.xml --top 10
            """)

    enum Sweep: String, ExpressibleByArgument, CaseIterable { case country, supplier }

    @OptionGroup var input: InputOptions

    @Option(help: "What to cut off in turn: country or supplier.")
    var by: Sweep = .country

    @Flag(name: .customLong("by-control"), help: "A country cut off also fails the suppliers controlled from it (country sweep only).")
    var byControl = false

    @Option(name: .customLong("items"), parsing: .singleValue,
            help: ArgumentHelp("Only the supply of items whose id matches these globs fails.", valueName: "glob,glob"))
    var items: [CommaSeparated] = []

    @Option(name: .customLong("commodity"), parsing: .singleValue,
            help: ArgumentHelp("Only the supply of items of these commodities fails (with --items: the items either names).", valueName: "name,name"))
    var commodity: [CommaSeparated] = []

    @Flag(name: .customLong("include-aggregates"), help: "With --by supplier, rank the country aggregates (statistics rows such as \"Rare-earth mining, China\") beside the firms.")
    var includeAggregates = false

    @OptionGroup var homeOptions: HomeOptions

    @Option(name: .customLong("system"), help: ArgumentHelp("Count this system alone.", valueName: "id"))
    var system: String?

    @Option(help: "Output format: table, markdown, json, csv (the matrix).")
    var format: OutputFormat = .table

    @Option(parsing: .unconditional, help: ArgumentHelp("How many keys the table lists (a whole number >= 0).", valueName: "n"))
    var top: Int = 20

    @Flag(name: .customLong("all"), help: "List every key and every system hit.")
    var all = false

    @Flag(name: .customLong("no-color"), help: "No colour, even on a terminal.")
    var noColor = false

    func validate() throws {
        if byControl && by == .supplier { throw ValidationError("--by-control applies to the country sweep, not --by supplier") }
        if top < 0 { throw ValidationError("--top must be a whole number >= 0, not \(top)") }
        if includeAggregates && by == .country { throw ValidationError("--include-aggregates applies to --by supplier, not the country sweep") }
    }

    func run() throws {
        let (graph, _) = try input.load()
        let focus = try resolveSystem(system, in: graph)
        let scenario = Scenario(itemPatterns: items.flattened, commodities: commodity.flattened, byControl: byControl)
        let embargo: IDArray<ItemID, Bool>?
        do { embargo = try scenario.embargoedItems(in: graph) } catch {
            throw CLIError.usage(OptionNames.message(error, in: graph, scenario: scenario), cause: error)
        }
        let analysis = SupplyChainAnalysis(graph, scope: focus, home: try homeOptions.homeCountry())
        let sweep = ImpactSweep(analysis, sweep: by == .country ? .country : .supplier, byControl: byControl, embargoedItems: embargo,
                                includeAggregates: includeAggregates)
        let report = ImpactReport(sweep, graph: graph, context: ReportContext(toolVersion: Chokepoint.version, inputFiles: input.files))
        let description = ScenarioDescription.sweep(scenario)
        let console = Console.current
        switch format {
        case .json: console.out(report.json(scenario: description).serialized())
        case .csv: console.out(report.csv())
        case .table, .markdown:
            console.out(report.text(scenario: description, markdown: format == .markdown,
                                    color: format == .table && console.stdoutIsTerminal && !noColor, top: top, all: all))
        }
    }
}
