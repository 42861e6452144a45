import ArgumentParser
import GraphExport
import OutputFormats
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
        if format != .json {
            try Self.requireXMLText(graph, for: "export \(format.rawValue)", maxBytes: format == .xlsx ? 1 << 20 : nil)
        }
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

extension ExportCommand {
    /// Refuses a graph with a name or id that XML 1.0 cannot hold (a C0 control other than tab,
    /// line feed and carriage return, U+FFFE, U+FFFF): an XML writer would have to drop the
    /// character, and two ids that differ only by it would become one. Nothing is written.
    /// With `maxBytes` (a workbook), a text longer than that is refused too: the workbook
    /// reader refuses a cell or shared string over 1 MiB, so the workbook would not read back.
    static func requireXMLText(_ graph: SupplyGraph, for what: String, maxBytes: Int? = nil) throws {
        func check(_ text: String, _ role: String) throws {
            if let maxBytes, text.utf8.count > maxBytes {
                throw CLIError(code: .invalidData, message: "\(role) '\(text.prefix(40))…' is \(text.utf8.count >> 10) KiB long: \(what) "
                               + "would write a cell the workbook reader refuses (over 1 MiB; Excel keeps 32,767 characters a cell); "
                               + "use export xml or json, which keep it")
            }
            guard let c = XMLText.firstForbidden(in: text) else { return }
            let hex = String(c.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            throw CLIError(code: .invalidData, message: "\(role) '\(text)' holds \(code), a character XML 1.0 cannot hold: "
                           + "\(what) would drop it (and could make two ids one); remove it from the data, or use export json, which keeps it")
        }
        for i in graph.items {
            try check(graph.itemKeys[i], "item"); try check(graph.itemNames[i], "the name of item"); try check(graph.itemUnits[i], "the unit of item")
        }
        for s in graph.suppliers {
            try check(graph.supplierKeys[s], "supplier"); try check(graph.supplierNames[s], "the name of supplier")
            if let cage = graph.supplierCage[s] { try check(cage, "the CAGE code of supplier") }
        }
        for name in graph.dataSetNames + graph.dataSetAsOf + [graph.currency ?? ""] { try check(name, "the data set's") }
        for group in graph.userGroups { try check(group.id, "group"); try check(group.name, "the name of group") }
    }
}
