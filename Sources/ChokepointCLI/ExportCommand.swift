import ArgumentParser
import GraphExport
import Reports
import RiskAnalysis
import SupplyGraph

/// `chokepoint export`: the whole graph as GraphML or JSON, with its computed figures.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the whole graph with its attributes and figures as GraphML or JSON.",
        discussion: """
            graphml: for Gephi, yEd and NetworkX (networkx.read_graphml reads the typed attributes). \
            json: {"schemaVersion":1,"dataSet":...,"nodes":[...],"edges":[...]} for Neo4j and scripts. \
            Nodes are items (kind, label, name, unit, demand, stock, weight, price, requirement, \
            suppliers, topCountry, topCountryShare, coverage, unattributed, hhi, nonEUShare, \
            nonEUControlledShare, nonEUExposure, euOnlySupplyFraction, singleSource, singleCountry, \
            crma65, euBuildable) and suppliers (label, name, country, controlledBy, recoveryDays, \
            cage, spofOf). Edges run the way material flows, each with a relation: supplies \
            (supplier -> item: share, normalisedShare, leadTimeDays, capacity), uses (child -> \
            parent: quantity per unit of the parent) or sourcedFrom (sub-supplier -> buyer: input, \
            item). So networkx.descendants(g, supplier) is everything that depends on it.
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
        let annotations = GraphAnnotations(analysis)
        let context = ReportContext(toolVersion: Chokepoint.version, inputFiles: input.files)
        let text = switch format {
        case .graphml: GraphMLWriter().document(for: graph, annotations: annotations)
        case .json: GraphJSONWriter(pretty: pretty).document(for: graph, annotations: annotations, header: context.jsonMembers(for: graph))
        }
        if let output { try writeFile(text, to: output) } else { Console.current.out(text) }
    }
}
