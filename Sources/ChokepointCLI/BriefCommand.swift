import ArgumentParser
import BudgetPlan
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
            no scripts, no web fonts, the diagrams inline as SVG. It prints on A4 landscape with \
            one system per page and its diagram on the next, no text in it under 8 pt.
            With the scenario options of `whatif` (--without-country CN, ...), the verdicts, the \
            systems' sections and the stockpile are those of the scenario, and the title says so. \
            --marking prints a classification line at the top and bottom of every page; --notes \
            adds the analyst's commentary from a Markdown file (raw HTML in it prints as text).
            With --budget B the briefing also holds a page with the budget plan (`chokepoint plan`) \
            for the scenario (without scenario options: EU only — every supplier outside the EU and \
            the --trusted groups fails, unknown origin included) over --days, in periods of \
            --period days, with its frontier (--frontier N budgets, 6 by default).
            Diagrams are drawn with Graphviz `dot` when it is installed (each stopped after \
            --timeout seconds); without it the briefing says so and keeps the tables.
            Examples:
              chokepoint brief Graphs/nl-defence.xml -o briefing.html
              chokepoint brief Graphs/nl-defence.xml --without-country CN --marking RESTRICTED --notes notes.md -o cn.html
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var perimeterOptions: PerimeterOptions
    @OptionGroup var criticalOptions: CriticalOptions
    @OptionGroup var homeOptions: HomeOptions
    @OptionGroup var scenarioOptions: ScenarioOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the HTML to this file instead of stdout.", valueName: "file"))
    var output: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The stockpile table's horizon in days.", valueName: "days"))
    var days: Double = 180

    @Option(parsing: .unconditional, help: ArgumentHelp("How many countries the impact heat map shows.", valueName: "n"))
    var top: Int = 20

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds before Graphviz is stopped, per run (a diagram may take a few runs to fit its printed page).", valueName: "seconds"))
    var timeout: Double = 60

    @Flag(name: .customLong("no-diagrams"), help: "Leave out the diagrams (no Graphviz run).")
    var noDiagrams = false

    @Option(help: ArgumentHelp("A classification line printed at the top and bottom of every page, on screen and in print (`--marking 'RESTRICTED'`).", valueName: "text"))
    var marking: String?

    @Option(help: ArgumentHelp("The analyst's commentary in Markdown, shown after the verdicts (raw HTML in it is printed as text).", valueName: "file.md"))
    var notes: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Add a page with the budget plan for this budget (EU-only scenario, over --days).", valueName: "amount"))
    var budget: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("With --budget: the plan's period in days.", valueName: "days"))
    var period: Double = 30

    @Option(parsing: .unconditional, help: ArgumentHelp("With --budget: how many budgets the plan's frontier evaluates (>= 2).", valueName: "N"))
    var frontier: Int = 6

    func validate() throws {
        if !(days.isFinite && days > 0 && days <= StockpileCommand.maximumDays) {
            throw ValidationError("--days must be a number of days > 0 and at most \(Int(StockpileCommand.maximumDays)), not \(DisplayNumber.human(days))")
        }
        if top < 1 { throw ValidationError("--top must be >= 1") }
        if !(timeout > 0 && timeout.isFinite) { throw ValidationError("--timeout must be a number of seconds > 0") }
        if let budget, !(budget.isFinite && budget >= 0) { throw ValidationError("--budget must be a number >= 0") }
        if !(period.isFinite && period > 0) || days / period > 1000 { throw ValidationError("--period must be a number of days > 0, at most 1000 periods in --days") }
        if frontier < 2 || frontier > 1000 { throw ValidationError("--frontier must be a whole number from 2 to 1000") }
    }

    func run() async throws {
        let notesText = try readNotes()
        let imported = try input.importResult()
        let graph = imported.graph
        let inputs = try Self.digests(of: input.files)
        let perimeter = try perimeterOptions.perimeter(for: graph)
        let analysis = SupplyChainAnalysis(graph, perimeter: perimeter, critical: criticalOptions.critical,
                                           home: try homeOptions.homeCountry())
        let scenario = scenarioOptions.scenario.isEmpty ? nil : try scenarioOptions.outcome(in: analysis)
        var context = ReportContext(toolVersion: Chokepoint.version, inputFiles: input.files)
        context.declarationCoverage = imported.declarationCoverage
        let report = RiskReport(analysis, context: context)
        let impact = ImpactSweep(analysis, sweep: .country)
        let (diagrams, note) = noDiagrams ? ([:], "left out (--no-diagrams)") : await drawDiagrams(analysis, scenario: scenario)
        var briefing = Briefing(report: report, impact: impact, diagrams: diagrams, diagramNote: note, inputs: inputs,
                                stockpileDays: days, heatMapRows: top)
        briefing.scenario = scenario
        briefing.scenarioSummary = ScenarioDescription(scenarioOptions.scenario(in: graph)).summary
        briefing.marking = marking
        briefing.notes = notesText
        if let budget { briefing.extraSections.append(try planSection(graph, perimeter: perimeter, budget: budget)) }
        if !scenarioOptions.sanctions.files.isEmpty { briefing.screening = Screening(graph, lists: try scenarioOptions.sanctions.load()) }
        let html = briefing.html()
        if let output { try writeFile(html, to: output) } else { Console.current.out(html) }
    }

    /// The budget plan's page: for the scenario options when given, else the EU-only scenario
    /// (outside the perimeter everything fails, options of countries outside it too).
    func planSection(_ graph: SupplyGraph, perimeter: Perimeter, budget: Double) throws -> String {
        let scenario: PlanScenario
        let summary: String
        if scenarioOptions.scenario.isEmpty {
            let failedOptions = graph.options.map { perimeter.isOutside($0.country) }
            scenario = PlanScenario(disruption: .outside(perimeter, in: graph), failedOptions: failedOptions)
            let trusted = perimeter.trustedGroups.map(\.id)
            summary = "only suppliers in the EU" + (trusted.isEmpty ? "" : " and " + trusted.joined(separator: ", "))
        } else {
            let given = try scenarioOptions.scenario(for: graph)
            do { scenario = try PlanScenario(given, in: graph) } catch {
                throw CLIError.usage(error.message, cause: error)
            }
            summary = ScenarioDescription(scenarioOptions.scenario).summary
        }
        let settings = PlanSettings(days: days, period: period, budget: budget, frontierPoints: frontier)
        let plan: BudgetPlan
        do { plan = try BudgetPlan(graph: graph, scenario: scenario, settings: settings) } catch {
            throw CLIError(code: error.code == .noEndItem ? .usage : .solverFailed, message: "\(error)", cause: error)
        }
        return plan.htmlSection(graph: graph, summary: summary)
    }

    /// One diagram per system, drawn for its printed page (paths to the single points of failure
    /// in bold, a scenario's losses greyed), or a note why there are none.
    func drawDiagrams(_ analysis: SupplyChainAnalysis, scenario: ScenarioOutcome?) async -> ([String: Briefing.Diagram], String?) {
        let graph = analysis.graph
        guard Graphviz.find("dot") != nil else {
            return ([:], "Graphviz is not installed (apt install graphviz); the diagrams were left out")
        }
        var diagrams: [String: Briefing.Diagram] = [:]
        for system in analysis.systems {
            let key = graph.itemKeys[system]
            do throws(CLIError) {
                diagrams[key] = .svg(try await printableDiagram(of: system, analysis: analysis, scenario: scenario))
            } catch {
                Console.current.err("chokepoint: the diagram of \(key): \(error.message)\n")
                diagrams[key] = .unavailable(error.message)
            }
        }
        return (diagrams, nil)
    }

    /// The ways a system's diagram is drawn for the printed page, tried in turn until its
    /// smallest text prints at 8 pt or more: tiers left to right with names wrapped at 10 to
    /// 22 characters, then top to bottom, then without the edges' labels (quantities, shares).
    /// Every way draws a node per item and per supplier that matters (single points of
    /// failure, suppliers on their paths, `sourcedFrom` links) and lists the other suppliers
    /// under their item's name.
    static let printLayouts: [PrintLayout] = [
        PrintLayout(leftToRight: true, labelWidth: 10), PrintLayout(leftToRight: true, labelWidth: 14),
        PrintLayout(leftToRight: true, labelWidth: 18), PrintLayout(leftToRight: true, labelWidth: 22),
        PrintLayout(leftToRight: false, labelWidth: 14), PrintLayout(leftToRight: false, labelWidth: 18),
        PrintLayout(leftToRight: true, labelWidth: 10, edgeLabels: false), PrintLayout(leftToRight: true, labelWidth: 14, edgeLabels: false),
        PrintLayout(leftToRight: false, labelWidth: 18, edgeLabels: false), PrintLayout(leftToRight: false, labelWidth: 22, edgeLabels: false),
    ]

    /// One way to draw a diagram for the printed page.
    struct PrintLayout {
        var leftToRight: Bool
        var labelWidth: Int
        var edgeLabels = true
    }

    /// The options of a system's diagram on the printed page: ``DotCommand/slideOptions(focus:)``
    /// fitted to the page's diagram box, labels of 10 pt, names wrapped at 18 characters, no
    /// title (the page has it) and no legend (the caption explains the colours).
    /// - Complexity: O(1).
    static func printOptions(focus: ItemID, layout: PrintLayout) -> DOTOptions {
        var options = DotCommand.slideOptions(focus: focus)
        let box = Briefing.printedDiagramBox
        options.slide = SlideSize(aspectWidth: box.width, aspectHeight: box.height, widthPixels: box.width)
        options.legend = false
        options.title = nil
        options.grouping = .supplier
        options.suppliersInItemLabels = true
        options.nodeFontSize = 10
        options.edgeFontSize = 10
        options.labelWidth = layout.labelWidth
        options.leftToRight = layout.leftToRight
        options.edgeLabels = layout.edgeLabels
        options.graphAttributes = [("ranksep", "0.15"), ("nodesep", "0.06"), ("ratio", "compress"), ("pad", "0.02")]
        return options
    }

    /// A system's diagram for the printed page: drawn with each of ``printLayouts`` in turn until
    /// its smallest text prints at 8 pt or more on A4 landscape (else the most legible one,
    /// with a warning on stderr).
    /// - Throws: ``CLIError`` when Graphviz fails or times out.
    func printableDiagram(of system: ItemID, analysis: SupplyChainAnalysis, scenario: ScenarioOutcome?) async throws(CLIError) -> String {
        let graph = analysis.graph
        var best: (svg: String, text: Double)? = nil
        for layout in Self.printLayouts {
            let writer = DOTWriter(options: Self.printOptions(focus: system, layout: layout))
            let drawn = writer.drawnItems(in: graph)
            let marks = DiagramMarks(analysis, systems: [system], outcome: scenario, highlight: true, drawnItems: drawn)
            let dot = writer.document(for: graph, marks: marks)
            let nodes = writer.drawnNodeCount(in: graph, marks: marks)
            let engine = DotCommand.engine(.auto, nodes: nodes)
            let svg = try await Graphviz.svg(dot, engine: engine, extraArguments: DotCommand.layoutArguments(engine: engine, nodes: nodes),
                                             timeout: timeout)
            let text = Briefing.smallestPrintedText(ofDiagram: svg) ?? .infinity
            if text >= Briefing.smallestPrintedFont - 1e-9 { return svg }
            if best == nil || text > best!.text { best = (svg, text) }
        }
        let chosen = best!
        Console.current.err("chokepoint: the diagram of \(graph.itemKeys[system]) prints its smallest text at \(DisplayNumber.human(chosen.text)) pt, below \(DisplayNumber.human(Briefing.smallestPrintedFont)) pt; `chokepoint dot --focus \(graph.itemKeys[system])` draws it for a larger page\n")
        return chosen.svg
    }

    /// The SHA-256 and size of each input file; a CSV folder by each of its `.csv` files
    /// (regular files only, in name order), named `folder/file.csv`.
    /// - Throws: ``CLIError`` when a file cannot be read (it was read a moment before).
    static func digests(of files: [String]) throws -> [Briefing.InputFile] {
        var expanded: [String] = []
        for path in files {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                for name in names.sorted() where name.lowercased().hasSuffix(".csv") {
                    let file = (path.hasSuffix("/") ? path : path + "/") + name
                    let type = (try? FileManager.default.attributesOfItem(atPath: file))?[.type] as? FileAttributeType
                    if type == .typeRegular { expanded.append(file) }
                }
            } else {
                expanded.append(path)
            }
        }
        return try expanded.map { path in
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

extension BriefCommand {
    /// The `--notes` file's text, or `nil` without the option.
    /// - Throws: ``CLIError`` (exit 1) naming the file when it cannot be read or is not UTF-8.
    func readNotes() throws -> String? {
        guard let notes else { return nil }
        guard let data = FileManager.default.contents(atPath: notes) else {
            let why = FileManager.default.fileExists(atPath: notes) ? "permission denied or not a file" : "no such file or directory"
            throw CLIError(code: .io, message: "\(notes): error: --notes: cannot read the file: \(why)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CLIError(code: .io, message: "\(notes): error: --notes: the file is not UTF-8 text")
        }
        return text
    }
}
