import ArgumentParser
import SupplyGraph
import SupplyXML
import Synchronization
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files every command reads, and how to read them.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Inputs, merged into one graph: supply-chain XML, workbooks (xlsx), folders of CSV files, CycloneDX XML BOMs (told by their content). @LIST reads the paths in the file LIST, one a line.", valueName: "file"))
    var files: [String] = []

    @Option(name: .customLong("files-from"), help: ArgumentHelp("Also read the inputs named in this file, one path a line ('-': standard input); for many files, which the command line takes slowly.", valueName: "list"))
    var filesFrom: [String] = []

    @Flag(name: .customLong("no-validate"), help: "Skip XML Schema validation (references, ranges and cycles are still checked).")
    var noValidate = false

    @Option(parsing: .unconditional, help: ArgumentHelp("How far above 1 one item's shares may sum before it is an error (a number >= 0).", valueName: "x"))
    var shareTolerance: Double = Tolerance.defaultShareTolerance

    @Flag(name: .customLong("show-warnings"), help: "Print every data warning on stderr (validate always does).")
    var showWarnings = false

    mutating func validate() throws {
        files = try Self.expandingLists(files, filesFrom: filesFrom)
        filesFrom = []
        if files.isEmpty { throw ValidationError("give at least one input (an XML file, a workbook, a CSV folder or a CycloneDX BOM)") }
        if !(shareTolerance >= 0 && shareTolerance.isFinite) { throw ValidationError("--share-tolerance must be a number >= 0") }
    }

    /// The warnings of each kind `load` prints with `--show-warnings` (the rest are counted).
    static let warningsShownPerKind = 5

    /// Imports the files, printing errors (and a count of warnings) on stderr.
    ///
    /// - Parameters:
    ///   - printWarnings: print the warnings (as `--show-warnings` does).
    ///   - warningsPerKind: how many warnings of each kind to keep and print; `nil`: all.
    /// - Throws: ``CLIError`` (``CLIError/Code/invalidData``) when the data is invalid, after
    ///   printing its errors.
    func load(printWarnings: Bool = false, warningsPerKind: Int? = InputOptions.warningsShownPerKind) throws
        -> (graph: SupplyGraph, warnings: DiagnosticList)
    {
        let result = try importResult(printWarnings: printWarnings, warningsPerKind: warningsPerKind)
        return (result.graph, result.warnings)
    }

    /// As ``load(printWarnings:warningsPerKind:)``, with what each table held.
    func importResult(printWarnings: Bool = false, warningsPerKind: Int? = InputOptions.warningsShownPerKind) throws
        -> SupplyChainImporter.Result
    {
        let console = Console.current
        var options = SupplyChainImporter.Options()
        options.validate = !noValidate
        options.shareTolerance = shareTolerance
        options.warningsKeptPerCode = warningsPerKind
        let progress = ProgressLine(console: console)
        do {
            let result = try SupplyChainImporter(options: options).importFiles(Self.inputFiles(files), progress: progress.report)
            progress.finish()
            let warnings = result.warnings
            if printWarnings || showWarnings {
                Self.print(warnings, to: console)
            } else if warnings.totalCount > 0 {
                console.err("chokepoint: \(warnings.totalCount) data warning\(warnings.totalCount == 1 ? "" : "s") (see `chokepoint validate` or --show-warnings)\n")
            }
            return result
        } catch {
            progress.finish()
            for diagnostic in error.errors { console.errLine("\(diagnostic)") }
            Self.print(error.warningList, to: console)
            let errors = error.errors.count
            throw CLIError(code: .invalidData, message: "\(errors) error\(errors == 1 ? "" : "s"), no graph loaded", cause: error)
        }
    }

    /// Prints warnings on stderr: all of them in file order when none was left out; otherwise a
    /// summary by kind — the kinds most frequent first, the first few of each, and how many more.
    static func print(_ warnings: DiagnosticList, to console: Console) {
        guard warnings.omittedCount > 0 else {
            for warning in warnings { console.errLine("\(warning)") }
            return
        }
        for (code, count) in warnings.tally {
            let shown = warnings.filter { $0.code == code }
            for warning in shown { console.errLine("\(warning)") }
            if count > shown.count {
                console.err("chokepoint: \(count - shown.count) more \(code) warning\(count - shown.count == 1 ? "" : "s") not shown (--max-warnings N or --all-warnings with validate)\n")
            }
        }
    }

    /// The inputs with every `@LIST` argument replaced by the paths its file names, in place,
    /// and then the paths of each `--files-from` list: one path a line (LF or CR LF), blank lines
    /// left out, relative paths taken from the current directory as on the command line. A list
    /// is UTF-8 text and names no further lists (a path in it that starts with `@` is that file);
    /// a file whose name starts with `@` is given on the command line as `./@name`. `-` as a
    /// `--files-from` list is standard input.
    ///
    /// The argument parser takes time quadratic in the number of arguments (16,000 files: 6 s);
    /// a list of 100,000 paths is one argument, read here in linear time.
    /// - Throws: `ValidationError` (a usage error) when a list cannot be read.
    static func expandingLists(_ arguments: [String], filesFrom: [String]) throws -> [String] {
        guard arguments.contains(where: { $0.hasPrefix("@") && $0.utf8.count > 1 }) || !filesFrom.isEmpty else { return arguments }
        var result: [String] = []
        result.reserveCapacity(arguments.count)
        for argument in arguments {
            if argument.hasPrefix("@") && argument.utf8.count > 1 {
                result += try paths(inList: String(argument.dropFirst()), as: argument)
            } else {
                result.append(argument)
            }
        }
        for list in filesFrom { result += try paths(inList: list, as: "--files-from \(list)") }
        return result
    }

    /// The paths a list file names, one a line.
    private static func paths(inList path: String, as given: String) throws -> [String] {
        let bytes: [UInt8]
        do {
            bytes = try readAll(path == "-" ? nil : path)
        } catch {
            throw ValidationError("cannot read the list of inputs \(given): \(error.description.lowercasedFirst())")
        }
        var paths: [String] = []
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            let text = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
            if !text.isEmpty { paths.append(String(decoding: text, as: UTF8.self)) }
        }
        return paths
    }

    /// The bytes of the file at `path` (standard input for nil).
    private static func readAll(_ path: String?) throws(Errno) -> [UInt8] {
        let fd = path.map { open($0, O_RDONLY | O_CLOEXEC) } ?? 0
        guard fd >= 0 else { throw Errno(rawValue: errno) }
        defer { if path != nil { close(fd) } }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw Errno(rawValue: errno) }
            if n == 0 { return result }
            result += chunk[0..<n]
        }
    }

    /// The files to read, opened by the bytes given on the command line.
    ///
    /// `CommandLine.arguments` (and so the parsed `files`) reads each argument as UTF-8 and puts
    /// U+FFFD for a byte that is not: a file named in Latin-1 (`caf\xE9.xml`) could not be
    /// opened by that string. The arguments whose bytes are not UTF-8 are found in `argv` again
    /// and their bytes used; the rest (and arguments given in-process) are opened as written.
    static func inputFiles(_ files: [String]) -> [InputFile] {
        var raw: [String: [[UInt8]]] = [:]
        for k in 1..<Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[k] else { continue }
            let bytes = Array(UnsafeRawBufferPointer(start: argument, count: strlen(argument)))
            let decoded = String(decoding: bytes, as: UTF8.self)
            if !decoded.utf8.elementsEqual(bytes) { raw[decoded, default: []].append(bytes) }
        }
        return files.map { file in
            guard var candidates = raw[file], !candidates.isEmpty else { return InputFile(file) }
            let bytes = candidates.removeFirst()
            raw[file] = candidates
            return InputFile(pathBytes: bytes)
        }
    }
}

/// A progress line on stderr for long imports (over 16 MiB), only when stderr is a terminal.
///
/// It is rewritten when the percentage changes (not on every 256 KiB chunk), and once all
/// bytes are read it says that the graph is being built, the part after the parse.
final class ProgressLine: Sendable {
    let console: Console
    let active: Bool
    private let shown = Atomic<Int>(-1)

    init(console: Console) {
        self.console = console
        self.active = console.stderrIsTerminal
    }

    var report: (@Sendable (UInt64, UInt64) -> Void)? {
        guard active else { return nil }
        return { [console, self] done, total in
            guard total > 16 << 20 else { return }
            let percent = total > 0 ? min(100, Int(Double(done) / Double(total) * 100)) : 0
            guard shown.exchange(percent, ordering: .relaxed) != percent else { return }
            if done >= total {
                console.progress("\rread \(total >> 20) MiB, checking and building the graph\u{1B}[K")
            } else {
                console.progress("\rreading \(percent)% (\(done >> 20) of \(total >> 20) MiB)\u{1B}[K")
            }
        }
    }

    func finish() {
        if active { console.progress("\r\u{1B}[K") }
    }
}
