import ArgumentParser
import GraphExport
import RiskAnalysis
import SupplyGraph

/// `chokepoint export`: the whole graph as GraphML or JSON, with its computed figures.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the whole graph with its attributes and figures as GraphML or JSON.",
        discussion: """
            graphml: for Gephi, yEd and NetworkX (networkx.read_graphml reads the typed attributes). \
            json: {"schemaVersion":1,"nodes":[...],"edges":[...]} for Neo4j and scripts. \
            Nodes are items (kind, name, unit, demand, stock, requirement, suppliers, hhi, nonEUShare, \
            nonEUExposure, singleSource, singleCountry, crma65) and suppliers (country, controlledBy, \
            recoveryDays, spofOf); edges have a relation: uses (quantity), supplies (share, \
            normalisedShare, leadTimeDays, capacity) or sourcedFrom (input, item).
            Example: chokepoint export graphml Graphs/nl-defence.xml -o nl-defence.graphml
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case graphml, json }

    @Argument(help: "graphml or json.")
    var format: Format

    @OptionGroup var input: InputOptions
    @OptionGroup var perimeterOptions: PerimeterOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var output: String?

    @Flag(help: "Indent the JSON.")
    var pretty = false

    func run() throws {
        let (graph, _) = try input.load()
        let perimeter = try perimeterOptions.perimeter(for: graph)
        let analysis = SupplyChainAnalysis(graph, perimeter: perimeter)
        let text = switch format {
        case .graphml: GraphMLWriter().document(for: analysis)
        case .json: GraphJSONWriter(pretty: pretty).document(for: analysis)
        }
        if let output { try writeFile(text, to: output) } else { Console.current.out(text) }
    }
}
