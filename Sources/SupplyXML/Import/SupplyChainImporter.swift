import SupplyGraph

/// Reads supply-chain XML files into one `SupplyGraph`.
///
/// Each file streams through libxml2's SAX2 push parser (never a DOM), validated against
/// ``SupplyChainSchema`` while it is read unless validation is turned off. Elements become
/// records of a `SupplyGraphBuilder` with their file, line and column kept, so that every
/// finding of the builder — duplicate ids across files, unknown references, cycles — is located.
/// On any error no graph comes back.
///
/// ```swift
/// let result = try SupplyChainImporter().importFiles(["Graphs/nl-defence.xml"])
/// print(result.graph.itemCount, result.warnings.totalCount)
/// ```
public struct SupplyChainImporter: Sendable {
    /// How to import.
    public struct Options: Sendable {
        /// Validate against the XSD while parsing (on by default).
        public var validate = true
        /// How far above 1 an item's shares may sum before it is an error.
        public var shareTolerance = Tolerance.defaultShareTolerance
        /// Stop after this many errors.
        public var maxErrors = 100
        /// How many warnings of each code are kept with their messages (the rest are counted):
        /// memory does not grow with the number of warnings. `nil`: keep all of them.
        public var warningsKeptPerCode: Int? = 100
        /// Whether libxml2 parses a native XML file on a second thread while the records are
        /// made on this one: 0 from 1 MiB on, 1 always, -1 never (the results are the same;
        /// tests compare them).
        var threading: Int32 = 0
        /// Creates the default options.
        /// - Complexity: O(1).
        public init() {}
    }

    /// What an import gives back.
    public struct Result: Sendable {
        /// The graph.
        public let graph: SupplyGraph
        /// The warnings, in file and line order: a count per code and the first
        /// ``Options/warningsKeptPerCode`` of each.
        public let warnings: DiagnosticList
        /// The bytes read.
        public let bytesRead: UInt64
        /// What each sheet of a workbook and each CSV file held (rows read, empty rows skipped,
        /// columns ignored), in reading order; empty for XML.
        public let tables: [TableSummary]
        /// The suppliers' declarations (RMI templates) read and merged, in reading order.
        public var declarations: [DeclarationSummary] = []
    }

    /// The options.
    public var options: Options

    /// Creates an importer.
    /// - Complexity: O(1).
    public init(options: Options = Options()) { self.options = options }

    /// Imports and merges the files at `paths` into one graph (see the
    /// ``importFiles(_:progress:)-([InputFile],_)`` that takes ``InputFile``s).
    /// - Complexity: as ``importFiles(_:progress:)-([InputFile],_)``.
    public func importFiles(_ paths: [String], progress: (@Sendable (UInt64, UInt64) -> Void)? = nil)
        throws(SupplyXMLError) -> Result
    {
        try importFiles(paths.map(InputFile.init), progress: progress)
    }

    /// Imports and merges the files into one graph.
    ///
    /// A file named twice (by the same path or another way to the same file) is read once: the
    /// second naming is one error that says so, not a duplicate-id error for every record in it.
    ///
    /// - Parameters:
    ///   - files: the files, in order; ids are global across them.
    ///   - progress: called now and then with the bytes read so far and the total size of all
    ///     files (for a progress line); may be nil.
    /// - Returns: the graph and the warnings.
    /// - Throws: ``SupplyXMLError`` with every error found (up to `maxErrors`) and the warnings.
    /// - Complexity: O(bytes + elements) for parsing and validation, plus the builder's
    ///   O(records) checks; memory in proportion to the graph, not the file (256 KiB chunks),
    ///   nor to the number of warnings.
    public func importFiles(_ files: [InputFile], progress: (@Sendable (UInt64, UInt64) -> Void)? = nil)
        throws(SupplyXMLError) -> Result
    {
        let schema = try compiledSchema()
        let session = ImportSession(options: options)
        let identities = files.map(FileIdentity.init)
        session.totalBytes = identities.reduce(0) { $0 + $1.size }
        session.progress = progress
        // The first file of each identity (a hash per file: 10^5 files stay linear).
        var firstOf: [FileIdentity.Key: Int] = [:]
        var firstOfPath: [[UInt8]: Int] = [:]
        for (k, file) in files.enumerated() {
            if session.stoppedForErrors { break }
            let identity = identities[k]
            let earlier = firstOf[identity.key] ?? firstOfPath[identity.path].flatMap { identities[$0].isSameFile(as: identity) ? $0 : nil }
            if firstOf[identity.key] == nil { firstOf[identity.key] = k }
            if firstOfPath[identity.path] == nil { firstOfPath[identity.path] = k }
            if let first = earlier {
                session.begin(file: file.name)
                let also = files[first].name == file.name ? "" : " (as \(files[first].name))"
                session.error(.fileGivenTwice, "the file is given twice\(also): each file is read once, so leave out the second",
                            PackedLocation(file: session.fileIndex, line: 0, column: 0))
                continue
            }
            FormatDispatch(session: session, schema: schema).read(file)
        }
        return try build(session, bytes: session.bytesDone)
    }

    /// Imports one document held in memory (for tests and fuzzing); `name` stands in for the
    /// file name in locations.
    /// - Complexity: as ``importFiles(_:progress:)-([InputFile],_)``.
    public func importDocument(_ bytes: [UInt8], name: String = "<memory>") throws(SupplyXMLError) -> Result {
        let schema = try compiledSchema()
        let session = ImportSession(options: options)
        FormatDispatch(session: session, schema: schema).read(bytes: bytes, name: name)
        return try build(session, bytes: UInt64(bytes.count))
    }

    /// Imports several documents held in memory into one graph, in order (tests); each
    /// `name` stands in for its file name in locations.
    /// - Complexity: as ``importFiles(_:progress:)-([InputFile],_)``.
    public func importDocuments(_ documents: [(bytes: [UInt8], name: String)]) throws(SupplyXMLError) -> Result {
        let schema = try compiledSchema()
        let session = ImportSession(options: options)
        for document in documents { FormatDispatch(session: session, schema: schema).read(bytes: document.bytes, name: document.name) }
        return try build(session, bytes: UInt64(documents.reduce(0) { $0 + $1.bytes.count }))
    }

    private func compiledSchema() throws(SupplyXMLError) -> SupplyChainSchema? {
        guard options.validate else { return nil }
        guard let shared = SupplyChainSchema.shared else {
            throw SupplyXMLError(errors: [Diagnostic(.error, code: .schemaCompile, message: "the built-in schema does not compile",
                                                     location: InputLocation(file: "supply-chain.xsd"))])
        }
        return shared
    }

    private func build(_ session: ImportSession, bytes: UInt64) throws(SupplyXMLError) -> Result {
        if session.errorCount > 0 { throw session.failure() }
        session.applyDeclarations()
        if session.errorCount > 0 { throw session.failure() }
        session.builder.provenance = session.provenance()
        do {
            let (graph, warnings) = try session.builder.build()
            session.add(warnings: warnings)
            warnEmptyTables(graph, session)
            var result = Result(graph: graph, warnings: session.finalWarnings(), bytesRead: bytes, tables: session.tables)
            result.declarations = session.declarationSummaries
            return result
        } catch {
            session.add(errors: error.errors, omitted: error.omittedErrorCount)
            session.add(warnings: error.warnings)
            throw session.failure()
        }
    }

    /// A map with no items at all loads with a warning that there is nothing to analyse (any
    /// format). A map with systems but no BOM lines, or items but no supply lines, loads (a partial
    /// map is allowed) but says so, naming the table: every figure would read as "nothing
    /// needed" or "all unmapped".
    /// Only where a table was read (a workbook, a CSV folder): the native format says each
    /// record where it is.
    private func warnEmptyTables(_ graph: SupplyGraph, _ session: ImportSession) {
        if graph.itemCount == 0 {
            // Any format: a map of nothing would read as clean.
            session.warning(.emptyTable, "the map holds no items: nothing to analyse", PackedLocation(file: 0, line: 0, column: 0))
            return
        }
        guard !session.tables.isEmpty else { return }
        func at(_ table: String) -> PackedLocation {
            let source = session.sources.indices.first { k in
                session.tables.contains { $0.table == table && ($0.source == session.files[k] || $0.source == "\(session.files[k]):\(session.sources[k].sheet ?? "")") }
            }
            return PackedLocation(file: UInt32(source ?? 0), line: 0, column: 0)
        }
        if graph.usesEdgeCount == 0, graph.itemKinds.contains(.system) {
            session.warning(.emptyTable, "the map has systems but no BOM lines (its 'bom' table is empty): every system reads as needing no inputs", at("bom"))
        }
        if graph.supplyEdgeCount == 0, graph.itemCount > 0 {
            session.warning(.emptyTable, "the map has items but no supply lines (its 'supplies' table is empty): every item reads as unmapped", at("supplies"))
        }
    }
}
