import ArgumentParser
import GraphExport
import Reports
import RiskAnalysis
import SupplyGraph
import SupplyXML

/// `chokepoint export`: the whole graph as GraphML or JSON, with its computed figures.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the whole graph as GraphML or JSON with its figures, or as native XML or a workbook (xlsx).",
        discussion: """
            graphml: for Gephi, yEd and NetworkX (networkx.read_graphml reads the typed attributes). \
            json: {"schemaVersion":1,"dataSet":...,"nodes":[...],"edges":[...]} for Neo4j and scripts. \
            Nodes are items (kind, label, name, unit, demand, stock, weight, price, commodity, \
            requirement, suppliers, topCountry, topCountryShare, coverage, unattributed, hhi, \
            nonEUShare, nonEUControlledShare, nonEUExposure, euOnlySupplyFraction, \
            euOnlySupplyFractionLow, euOnlySupplyFractionHigh, singleSource, singleCountry, crma65, \
            strategic, critical, crmaStrategic65, euBuildable) and suppliers (label, name, country, \
            controlledBy, recoveryDays, cage, aggregate, spofOf). Edges run the way material flows, each with a relation: supplies \
            (supplier -> item: share, normalisedShare, leadTimeDays, capacity), uses (child -> \
            parent: quantity per unit of the parent) or sourcedFrom (sub-supplier -> buyer: input, \
            item). So networkx.descendants(g, supplier) is everything that depends on it. \
            Every node and edge also has origin (where it was read: file:line:column, \
            file:sheet!C12 or folder/file.csv:line:column) and originFormat (xml, xlsx, csv, \
            cyclonedx); a supplier whose country was inferred from its CAGE code has \
            countryInferred true.
            xml: the merged graph as one native supply-chain XML file; xlsx: as a workbook with \
            the sheets of `chokepoint template` (needs -o). Both read back into the same graph.
            Example: chokepoint export graphml Graphs/nl-defence.xml -o nl-defence.graphml
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case graphml, json, xml, xlsx }

    @Argument(help: "graphml, json, xml or xlsx.")
    var format: Format

    @OptionGroup var input: InputOptions
    @OptionGroup var perimeterOptions: PerimeterOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var output: String?

    @Flag(help: "Indent the JSON.")
    var pretty = false

    func validate() throws {
        if format == .xlsx && output == nil { throw ValidationError("export xlsx writes a workbook: give the file with -o (such as -o map.xlsx)") }
    }

    func run() throws {
        let (graph, _) = try input.load()
        switch format {
        case .xml:
            let text = SupplyChainWriter().document(for: graph)
            if let output { try writeFile(text, to: output) } else { Console.current.out(text) }
            return
        case .xlsx:
            try writeFile(bytes: WorkbookWriter().document(for: graph), to: output!)
            return
        case .graphml, .json: break
        }
        let perimeter = try perimeterOptions.perimeter(for: graph)
        let analysis = SupplyChainAnalysis(graph, perimeter: perimeter)
        var annotations = GraphAnnotations(analysis)
        annotations.addProvenance(of: graph)
        let context = ReportContext(toolVersion: Chokepoint.version, inputFiles: input.files)
        if format == .json && output == nil {
            // Written as it is made: neither the tree of records nor the whole text is held.
            GraphJSONWriter(pretty: pretty).write(for: graph, annotations: annotations, header: context.jsonMembers(for: graph),
                                                  to: Console.current.out)
            return
        }
        let text = switch format {
        case .graphml: GraphMLWriter().document(for: graph, annotations: annotations)
        case .json: GraphJSONWriter(pretty: pretty).document(for: graph, annotations: annotations, header: context.jsonMembers(for: graph))
        case .xml, .xlsx: ""
        }
        if let output { try writeFile(text, to: output) } else { Console.current.out(text) }
    }
}

extension GraphAnnotations {
    /// Where each item, supplier, BOM edge and supply edge was read (`origin`: the location as
    /// diagnostics write it; `originFormat`: xml, xlsx, csv or cyclonedx), and on suppliers
    /// `countryInferred` (the country came from the CAGE code) and, where the owners give any,
    /// `controlledByDerived` (the `controlledBy` came from the supplier's ultimate controller).
    mutating func addProvenance(of graph: SupplyGraph) {
        func columns(_ origins: [RecordOrigin]) -> [Column] {
            guard !origins.isEmpty else { return [] }
            return [Column("origin", .string, origins.map { .string(graph.location(of: $0).description) }),
                    Column("originFormat", .string, origins.map { .string(graph.dataSources[Int($0.source)].format.rawValue) })]
        }
        items += columns(graph.itemOrigins)
        suppliers += columns(graph.supplierOrigins)
        suppliers.append(Column("countryInferred", .boolean, graph.supplierCountryInferred.map { .bool($0) }))
        if !graph.supplierControlledByDerived.isEmpty {
            suppliers.append(Column("controlledByDerived", .boolean, graph.supplierControlledByDerived.map { .bool($0) }))
        }
        supplyEdges += columns(graph.supplyEdgeOrigins)
        usesEdges += columns(graph.usesEdgeOrigins)
    }
}
