import ArgumentParser
import Foundation
import GraphExport
import Reports
import RiskAnalysis
import SupplyGraph

/// `chokepoint dot`: the supply chain as a Graphviz diagram, coloured by risk.
struct DotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dot",
        abstract: "Write a Graphviz DOT diagram coloured by risk, or render it with Graphviz.",
        discussion: """
            Shapes: systems double octagons, components rounded boxes, materials ellipses, suppliers \
            houses labelled with their country. Colours: single points of failure red, single-source \
            items orange, items supplied only from outside the perimeter purple, \(Concentration.crmaLabel) breaches \
            yellow; a legend explains them. Dashed blue edges are sourcedFrom links (sub-supplier to \
            buyer). With a scenario (--without-country, ...) what it removes is greyed out.
            Slide-sized by default: an item's suppliers under 10 % (20 % for the whole map) fold into \
            one node ("7 others, 12 %", countries in its tooltip; --min-share 0 draws all), the \
            whole map draws one node per country per item (--group), and the drawing fits a \
            1920 x 1080 slide (--size 16:9; --size none for the natural size).
            --render runs Graphviz (`dot` for up to \(DotCommand.sfdpThreshold) nodes, `sfdp` above, \
            unless --engine says otherwise) in a process group of its own, stopped with it after \
            --timeout seconds; the image replaces the -o file only when Graphviz succeeded.
            Examples:
              chokepoint dot Graphs/nl-defence.xml --focus mmr --highlight spof --render svg -o mmr.svg
              chokepoint dot Graphs/nl-defence.xml --cluster country --without-country CN > map.dot
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var scenarioOptions: ScenarioOptions
    @OptionGroup var perimeterOptions: PerimeterOptions
    @OptionGroup var criticalOptions: CriticalOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (the DOT text, or the rendered image with --render) instead of stdout.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Draw one system's BOM closure: its items plus the suppliers of those items.", valueName: "system"))
    var focus: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Draw only N BOM tiers below the focus (or below every system).", valueName: "n"))
    var depth: Int?

    @Option(help: "Clusters: tier (systems, components, materials, suppliers), country (one per country, EU countries grouped), none. Default: none.")
    var cluster: ClusterChoice = .none

    @Option(parsing: .unconditional, help: ArgumentHelp("Wrap names longer than N characters onto several lines (0: one line each).", valueName: "n"))
    var wrap: Int = 22

    @Option(parsing: .singleValue, help: ArgumentHelp("spof: draw the paths from each system down to its single points of failure in bold.", valueName: "what"))
    var highlight: [HighlightChoice] = []

    @Option(help: "Render with Graphviz to this format (needs -o): svg, png, pdf.")
    var render: RenderFormat?

    @Option(help: "Graphviz layout engine for --render: auto (dot up to the threshold, sfdp above), dot, sfdp.")
    var engine: EngineChoice = .auto

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds before Graphviz is stopped.", valueName: "seconds"))
    var timeout: Double = 120

    @Option(help: ArgumentHelp("A title drawn above the diagram (default: the data set's name).", valueName: "text"))
    var title: String?

    @Option(name: .customLong("min-share"), parsing: .unconditional,
            help: ArgumentHelp("Fold each item's suppliers below this share into one node (\"7 others, 12 %\", their countries in the tooltip); 0 draws all. Default: 0.1 with --focus, 0.2 for the whole map; single points of failure and sourcedFrom links are never folded.", valueName: "x"))
    var minShare: Double?

    @Option(help: ArgumentHelp("supplier: one node per supplier; country: one node per country per item. Default: supplier with --focus, country for the whole map.", valueName: "how"))
    var group: GroupChoice?

    @Option(name: [.customLong("size"), .customLong("ratio")],
            help: ArgumentHelp("Fit a slide of this aspect, 1920 px wide (16:9, 4:3, or width/height such as 1.6), or `none` for the natural size. Default: 16:9.", valueName: "w:h"))
    var size: SlideChoice = SlideChoice(argument: "16:9")!

    @Option(parsing: .unconditional, help: ArgumentHelp("Spread each item's suppliers over N ranks, so that long supplier lists make blocks instead of one wide row (dot only).", valueName: "n"))
    var stagger: Int = 1

    @Flag(name: .customLong("left-to-right"), help: "Lay tiers out left to right (the default).")
    var leftToRight = false

    @Flag(name: .customLong("top-to-bottom"), help: "Lay tiers out top to bottom instead of left to right.")
    var topToBottom = false

    @Flag(name: .customLong("no-legend"), help: "Leave out the legend.")
    var noLegend = false

    @Flag(name: .customLong("no-edge-labels"), help: "Leave out quantities and shares on the edges (large diagrams read better).")
    var noEdgeLabels = false

    /// Above this many nodes `--engine auto` uses `sfdp`: `dot` needs tens of seconds for a
    /// couple of thousand nodes (see LIBXML2.md, Graphviz timings).
    static let sfdpThreshold = 1500

    enum ClusterChoice: String, ExpressibleByArgument, CaseIterable { case tier, country, none }
    enum GroupChoice: String, ExpressibleByArgument, CaseIterable { case supplier, country }

    /// `--size`: an aspect such as `16:9`, or `none`.
    struct SlideChoice: ExpressibleByArgument {
        let slide: SlideSize?
        init?(argument: String) {
            if argument.lowercased() == "none" { slide = nil; return }
            guard let slide = SlideSize(parsing: argument) else { return nil }
            self.slide = slide
        }
        var defaultValueDescription: String { slide?.description ?? "none" }
    }

    /// The default `--min-share`: with a focus, suppliers under 10 % fold (a system's closure then
    /// fits a 1920 px slide); for the whole map, under 20 %.
    static let focusMinimumShare = 0.1
    static let mapMinimumShare = 0.2
    enum HighlightChoice: String, ExpressibleByArgument, CaseIterable { case spof }
    enum RenderFormat: String, ExpressibleByArgument, CaseIterable { case svg, png, pdf }
    enum EngineChoice: String, ExpressibleByArgument, CaseIterable { case auto, dot, sfdp }

    func validate() throws {
        try scenarioOptions.validateRestriction()
        if render != nil && output == nil { throw ValidationError("--render needs -o FILE for the image") }
        if let depth, depth < 0 { throw ValidationError("--depth must be >= 0") }
        if stagger < 1 { throw ValidationError("--stagger must be >= 1") }
        if wrap < 0 { throw ValidationError("--wrap must be >= 0") }
        if leftToRight && topToBottom { throw ValidationError("--left-to-right and --top-to-bottom exclude each other") }
        if !(timeout > 0 && timeout.isFinite) { throw ValidationError("--timeout must be a number of seconds > 0") }
        if let minShare, !(minShare >= 0 && minShare <= 1) { throw ValidationError("--min-share must be a share between 0 and 1") }
    }

    /// The slide defaults of a diagram (the briefing's too): left to right, no clusters, names
    /// wrapped at 22 characters, a 16:9 slide; with a focus, one node per supplier and suppliers
    /// under 10 % folded; for the whole map, one node per country per item and under 20 % folded.
    /// - Complexity: O(1).
    static func slideOptions(focus: ItemID?) -> DOTOptions {
        var options = DOTOptions()
        options.focus = focus
        options.clustering = .none
        options.supplierStagger = 1
        options.leftToRight = true
        options.labelWidth = 22
        options.grouping = focus == nil ? .country : .supplier
        options.minimumShare = focus == nil ? mapMinimumShare : focusMinimumShare
        options.slide = .widescreen
        return options
    }

    /// The writer's options from the command line, over ``slideOptions(focus:)``.
    func dotOptions(graph: SupplyGraph, focus: ItemID?) -> DOTOptions {
        var options = Self.slideOptions(focus: focus)
        options.depth = depth
        options.clustering = switch cluster {
        case .tier: .tier
        case .country: .country
        case .none: .none
        }
        options.supplierStagger = stagger
        options.leftToRight = !topToBottom
        options.legend = !noLegend
        options.edgeLabels = !noEdgeLabels
        options.title = title ?? defaultTitle(graph: graph, focus: focus)
        options.labelWidth = wrap > 0 ? wrap : nil
        if let group {
            options.grouping = switch group {
            case .supplier: .supplier
            case .country: .country
            }
        }
        if let minShare { options.minimumShare = minShare > 0 ? minShare : nil }
        options.slide = size.slide
        return options
    }

    func run() async throws {
        let (graph, _) = try input.load()
        if render == .svg { try ExportCommand.requireXMLText(graph, for: "dot --render svg") }
        let console = Console.current
        let perimeter = try perimeterOptions.perimeter(for: graph)
        let focusItem = try resolveSystem(focus, in: graph, option: "--focus")
        let disruption = scenarioOptions.scenario.isEmpty ? nil : try scenarioOptions.disruption(in: graph)
        let analysis = SupplyChainAnalysis(graph, perimeter: perimeter, critical: criticalOptions.critical)

        let writer = DOTWriter(options: dotOptions(graph: graph, focus: focusItem))
        let drawn = writer.drawnItems(in: graph)
        let marks = DiagramMarks(analysis, systems: analysis.systems.filter { drawn[$0.index] },
                                 outcome: disruption.map(analysis.whatIf), highlight: highlight.contains(.spof), drawnItems: drawn)
        let dot = writer.document(for: graph, marks: marks)

        guard let render, let output else {
            if let output { try writeFile(dot, to: output) } else { console.out(dot) }
            return
        }
        let nodes = writer.drawnNodeCount(in: graph, marks: marks)
        let engine = Self.engine(engine, nodes: nodes)
        do throws(CLIError) {
            let warnings = try await Graphviz.render(dot, engine: engine, format: render.rawValue,
                                                     extraArguments: Self.layoutArguments(engine: engine, nodes: nodes),
                                                     to: output, timeout: timeout)
            if !warnings.isEmpty { console.err(warnings.hasSuffix("\n") ? warnings : warnings + "\n") }
        } catch var error {
            switch error.code {
            case .graphvizNotInstalled: error.message += "; without --render the DOT text is written instead"
            case .graphvizTimedOut: error.message += " (\(nodes) nodes); try --focus, --depth, --min-share, --group country, --engine sfdp or a longer --timeout"
            default: break
            }
            if error.code != .graphvizNotInstalled { error.message += "; \(output) was left as it was" }
            throw error
        }
    }

    /// The engine for `choice`: `dot` up to ``sfdpThreshold`` nodes, `sfdp` above.
    static func engine(_ choice: EngineChoice, nodes: Int) -> String {
        switch choice {
        case .dot: "dot"
        case .sfdp: "sfdp"
        case .auto: nodes > sfdpThreshold ? "sfdp" : "dot"
        }
    }

    /// Layout flags for an engine: `sfdp` without overlaps and with straight edges; `dot` on a
    /// big drawing with fewer network-simplex and crossing passes (seconds instead of minutes).
    static func layoutArguments(engine: String, nodes: Int) -> [String] {
        if engine == "sfdp" { return ["-Goverlap=prism", "-Gsplines=false", "-Goutputorder=edgesfirst"] }
        return nodes > 300 ? ["-Gnslimit=2", "-Gnslimit1=2", "-Gmclimit=0.3"] : []
    }

    func defaultTitle(graph: SupplyGraph, focus: ItemID?) -> String? {
        var parts: [String] = []
        if let name = graph.dataSetNames.first, !name.isEmpty { parts.append(name) }
        if let focus { parts.append(graph.itemNames[focus]) }
        if !scenarioOptions.scenario.isEmpty { parts.append("scenario: " + ScenarioDescription(scenarioOptions.scenario(in: graph)).summary) }
        return parts.isEmpty ? nil : parts.joined(separator: " — ")
    }
}
