import CSupplyXML
import SupplyGraph

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
/// print(result.graph.itemCount, result.warnings.count)
/// ```
public struct SupplyChainImporter: Sendable {
    /// How to import.
    public struct Options: Sendable {
        /// Validate against the XSD while parsing (on by default).
        public var validate = true
        /// How far above 1 an item's shares may sum before it is an error.
        public var shareTolerance = 0.05
        /// Stop after this many errors.
        public var maxErrors = 100
        /// Creates the default options.
        public init() {}
    }

    /// What an import gives back.
    public struct Result: Sendable {
        /// The graph.
        public let graph: SupplyGraph
        /// The warnings, in file and line order.
        public let warnings: [Diagnostic]
        /// The bytes read.
        public let bytesRead: UInt64
    }

    /// The options.
    public var options: Options

    /// Creates an importer.
    public init(options: Options = Options()) { self.options = options }

    /// Imports and merges the files into one graph.
    ///
    /// - Parameters:
    ///   - paths: the files, in order; ids are global across them.
    ///   - progress: called now and then with the bytes read so far and the total size of all
    ///     files (for a progress line); may be nil.
    /// - Returns: the graph and the warnings.
    /// - Throws: ``SupplyXMLError`` with every error found (up to `maxErrors`) and the warnings.
    /// - Complexity: O(bytes + elements) for parsing and validation, plus the builder's
    ///   O(records) checks; memory in proportion to the graph, not the file (256 KiB chunks).
    public func importFiles(_ paths: [String], progress: (@Sendable (UInt64, UInt64) -> Void)? = nil)
        throws(SupplyXMLError) -> Result
    {
        var schema: SupplyChainSchema? = nil
        if options.validate {
            guard let shared = SupplyChainSchema.shared else {
                throw SupplyXMLError(diagnostics: [Diagnostic(.error, code: "schema-compile",
                    message: "the built-in schema does not compile", location: InputLocation(file: "supply-chain.xsd"))])
            }
            schema = shared
        }
        var builderOptions = SupplyGraphBuilder.Options()
        builderOptions.shareTolerance = options.shareTolerance
        let state = ImportState(builder: SupplyGraphBuilder(options: builderOptions), maxErrors: options.maxErrors)
        state.totalBytes = paths.reduce(0) { $0 + fileSize($1) }
        state.progress = progress
        for path in paths {
            if state.errorCount >= options.maxErrors { break }
            state.parse(path: path, schema: schema)
        }
        if state.errorCount > 0 {
            throw SupplyXMLError(diagnostics: state.finalDiagnostics())
        }
        do {
            let (graph, warnings) = try state.builder.build()
            state.add(problems: warnings)
            return Result(graph: graph, warnings: state.finalDiagnostics(), bytesRead: state.bytesDone)
        } catch {
            state.add(problems: error.problems)
            throw SupplyXMLError(diagnostics: state.finalDiagnostics())
        }
    }

    /// Imports one document held in memory (for tests and fuzzing); `name` stands in for the
    /// file name in locations.
    /// - Complexity: as ``importFiles(_:progress:)``.
    public func importDocument(_ bytes: [UInt8], name: String = "<memory>") throws(SupplyXMLError) -> Result {
        let schema = options.validate ? SupplyChainSchema.shared : nil
        var builderOptions = SupplyGraphBuilder.Options()
        builderOptions.shareTolerance = options.shareTolerance
        let state = ImportState(builder: SupplyGraphBuilder(options: builderOptions), maxErrors: options.maxErrors)
        state.parse(bytes: bytes, name: name, schema: schema)
        if state.errorCount > 0 { throw SupplyXMLError(diagnostics: state.finalDiagnostics()) }
        do {
            let (graph, warnings) = try state.builder.build()
            state.add(problems: warnings)
            return Result(graph: graph, warnings: state.finalDiagnostics(), bytesRead: UInt64(bytes.count))
        } catch {
            state.add(problems: error.problems)
            throw SupplyXMLError(diagnostics: state.finalDiagnostics())
        }
    }

    private func fileSize(_ path: String) -> UInt64 {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_size) : 0
    }
}
