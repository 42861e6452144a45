import ArgumentParser
import Foundation
import GraphExport
import Reports
import RiskAnalysis
import SupplyGraph

/// `chokepoint dot`: the supply chain as a Graphviz diagram, coloured by risk.
struct DotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dot",
        abstract: "Write a Graphviz DOT diagram coloured by risk, or render it with Graphviz.",
        discussion: """
            Shapes: systems double octagons, components rounded boxes, materials ellipses, suppliers \
            houses labelled with their country. Colours: single points of failure red, single-source \
            items orange, items supplied only from outside the perimeter purple, CRMA 65 % breaches \
            yellow; a legend explains them. Dashed blue edges are sourcedFrom links (sub-supplier to \
            buyer). With a scenario (--without-country, ...) what it removes is greyed out.
            --render runs Graphviz (`dot` for up to \(DotCommand.sfdpThreshold) nodes, `sfdp` above, \
            unless --engine says otherwise), killed after --timeout seconds.
            Examples:
              chokepoint dot Graphs/nl-defence.xml --focus mmr --highlight spof --render svg -o mmr.svg
              chokepoint dot Graphs/nl-defence.xml --cluster country --without-country CN > map.dot
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var scenarioOptions: ScenarioOptions
    @OptionGroup var perimeterOptions: PerimeterOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (the DOT text, or the rendered image with --render) instead of stdout.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Draw one system's BOM closure: its items plus the suppliers of those items.", valueName: "system"))
    var focus: String?

    @Option(help: ArgumentHelp("Draw only N BOM tiers below the focus (or below every system).", valueName: "n"))
    var depth: Int?

    @Option(help: "Clusters: tier (systems, components, materials, suppliers), country (one per country, EU countries grouped), none.")
    var cluster: ClusterChoice = .tier

    @Option(parsing: .singleValue, help: ArgumentHelp("spof: draw the paths from each system down to its single points of failure in bold.", valueName: "what"))
    var highlight: [HighlightChoice] = []

    @Option(help: "Render with Graphviz to this format (needs -o): svg, png, pdf.")
    var render: RenderFormat?

    @Option(help: "Graphviz layout engine for --render: auto (dot up to the threshold, sfdp above), dot, sfdp.")
    var engine: EngineChoice = .auto

    @Option(help: ArgumentHelp("Seconds before Graphviz is stopped.", valueName: "seconds"))
    var timeout: Double = 120

    @Option(help: ArgumentHelp("A title drawn above the diagram (default: the data set's name).", valueName: "text"))
    var title: String?

    @Option(help: ArgumentHelp("Spread each item's suppliers over N ranks, so that long supplier lists make blocks instead of one wide row (dot only).", valueName: "n"))
    var stagger: Int = 3

    @Flag(name: .customLong("left-to-right"), help: "Lay tiers out left to right (reads better for a whole map with many suppliers).")
    var leftToRight = false

    @Flag(name: .customLong("no-legend"), help: "Leave out the legend.")
    var noLegend = false

    @Flag(name: .customLong("no-edge-labels"), help: "Leave out quantities and shares on the edges (large diagrams read better).")
    var noEdgeLabels = false

    /// Above this many nodes `--engine auto` uses `sfdp`: `dot` needs tens of seconds for a
    /// couple of thousand nodes (see LIBXML2.md, Graphviz timings).
    static let sfdpThreshold = 1500

    enum ClusterChoice: String, ExpressibleByArgument, CaseIterable { case tier, country, none }
    enum HighlightChoice: String, ExpressibleByArgument, CaseIterable { case spof }
    enum RenderFormat: String, ExpressibleByArgument, CaseIterable { case svg, png, pdf }
    enum EngineChoice: String, ExpressibleByArgument, CaseIterable { case auto, dot, sfdp }

    func validate() throws {
        if render != nil && output == nil { throw ValidationError("--render needs -o FILE for the image") }
        if let depth, depth < 0 { throw ValidationError("--depth must be >= 0") }
        if stagger < 1 { throw ValidationError("--stagger must be >= 1") }
        if !(timeout > 0 && timeout.isFinite) { throw ValidationError("--timeout must be a number of seconds > 0") }
    }

    func run() throws {
        let (graph, _) = try input.load()
        let console = Console.current
        let perimeter = try perimeterOptions.perimeter(for: graph)
        let focusItem = try resolveSystem(focus, in: graph)
        let disruption = scenarioOptions.scenario.isEmpty ? nil : try scenarioOptions.disruption(in: graph)
        let analysis = SupplyChainAnalysis(graph, perimeter: perimeter)

        var options = DOTOptions()
        options.focus = focusItem
        options.depth = depth
        options.clustering = switch cluster {
        case .tier: .tier
        case .country: .country
        case .none: .none
        }
        options.supplierStagger = stagger
        options.leftToRight = leftToRight
        options.legend = !noLegend
        options.edgeLabels = !noEdgeLabels
        options.title = title ?? defaultTitle(graph: graph, focus: focusItem)
        let writer = DOTWriter(options: options)
        let drawn = writer.drawnItems(in: graph)
        let marks = DiagramMarks(analysis, systems: analysis.systems.filter { drawn[$0.index] },
                                 outcome: disruption.map(analysis.whatIf), highlight: highlight.contains(.spof), drawnItems: drawn)
        let dot = writer.document(for: graph, marks: marks)

        guard let render, let output else {
            if let output { try writeFile(dot, to: output) } else { console.out(dot) }
            return
        }
        let nodes = writer.drawnNodeCount(in: graph)
        let program: String
        switch engine {
        case .dot: program = "dot"
        case .sfdp: program = "sfdp"
        case .auto: program = nodes > Self.sfdpThreshold ? "sfdp" : "dot"
        }
        guard let executable = Graphviz.find(program) else {
            console.err("chokepoint: Graphviz is not installed: no `\(program)` on PATH (apt install graphviz, brew install graphviz); without --render the DOT text is written instead\n")
            throw ExitCode(1)
        }
        var arguments = ["-T\(render.rawValue)"]
        if program == "sfdp" {
            arguments += ["-Goverlap=prism", "-Gsplines=false", "-Goutputorder=edgesfirst"]
        } else if nodes > 300 {
            // Fewer network-simplex and crossing-minimisation passes: seconds instead of minutes.
            arguments += ["-Gnslimit=2", "-Gnslimit1=2", "-Gmclimit=0.3"]
        }
        let result = try Graphviz.run(executable: executable, arguments: arguments, dot: dot, output: output, timeout: timeout)
        if !result.stderr.isEmpty { console.err(result.stderr.hasSuffix("\n") ? result.stderr : result.stderr + "\n") }
        switch result.outcome {
        case .finished(0): return
        case .finished(let status):
            console.err("chokepoint: \(program) failed with exit status \(status)\n")
            throw ExitCode(1)
        case .timedOut:
            console.err("chokepoint: \(program) did not finish within \(timeout) s and was stopped (\(nodes) nodes); try --focus, --depth, --engine sfdp or a longer --timeout\n")
            throw ExitCode(1)
        }
    }

    func defaultTitle(graph: SupplyGraph, focus: ItemID?) -> String? {
        var parts: [String] = []
        if let name = graph.dataSetNames.first, !name.isEmpty { parts.append(name) }
        if let focus { parts.append(graph.itemNames[focus.index]) }
        if !scenarioOptions.scenario.isEmpty { parts.append("scenario: " + scenarioOptions.summary) }
        return parts.isEmpty ? nil : parts.joined(separator: " — ")
    }
}

/// Runs the Graphviz programs.
enum Graphviz {
    /// How a run ended.
    enum Outcome: Equatable { case finished(Int32), timedOut }

    /// The path of `program` on `PATH`, if it is there and executable.
    /// - Complexity: O(entries of PATH).
    static func find(_ program: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") where !directory.isEmpty {
            let candidate = directory.hasSuffix("/") ? "\(directory)\(program)" : "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Lays out `dot` with `executable` and writes the image to `output`; stops the program
    /// (SIGTERM, then SIGKILL) after `timeout` seconds.
    /// - Returns: how it ended, and what it wrote on stderr.
    static func run(executable: String, arguments: [String], dot: String, output: String, timeout: Double) throws
        -> (outcome: Outcome, stderr: String)
    {
        let temporary = FileManager.default.temporaryDirectory
        let stamp = "chokepoint-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))"
        let input = temporary.appendingPathComponent(stamp + ".dot")
        let errors = temporary.appendingPathComponent(stamp + ".err")
        defer {
            try? FileManager.default.removeItem(at: input)
            try? FileManager.default.removeItem(at: errors)
        }
        do {
            try dot.write(to: input, atomically: false, encoding: .utf8)
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        } catch {
            Console.current.err("chokepoint: cannot write a temporary file: \(error.localizedDescription)\n")
            throw ExitCode(1)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments + ["-o", output, input.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        guard let errorHandle = try? FileHandle(forWritingTo: errors) else {
            Console.current.err("chokepoint: cannot open a temporary file\n")
            throw ExitCode(1)
        }
        defer { try? errorHandle.close() }
        process.standardError = errorHandle
        do { try process.run() } catch {
            Console.current.err("chokepoint: cannot run \(executable): \(error.localizedDescription)\n")
            throw ExitCode(1)
        }
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() >= deadline {
                timedOut = true
                process.terminate()
                let grace = Date().addingTimeInterval(2)
                while process.isRunning && Date() < grace { usleep(20_000) }
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                break
            }
            usleep(20_000)
        }
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        return (timedOut ? .timedOut : .finished(process.terminationStatus), stderr)
    }
}
