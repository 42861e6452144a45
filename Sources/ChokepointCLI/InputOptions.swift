import ArgumentParser
import SupplyGraph
import SupplyXML
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files every command reads, and how to read them.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Inputs, merged into one graph: supply-chain XML, workbooks (xlsx), folders of CSV files, CycloneDX XML BOMs (told by their content).", valueName: "file"))
    var files: [String]

    @Flag(name: .customLong("no-validate"), help: "Skip XML Schema validation (references, ranges and cycles are still checked).")
    var noValidate = false

    @Option(parsing: .unconditional, help: ArgumentHelp("How far above 1 one item's shares may sum before it is an error (a number >= 0).", valueName: "x"))
    var shareTolerance: Double = 0.05

    @Flag(name: .customLong("show-warnings"), help: "Print every data warning on stderr (validate always does).")
    var showWarnings = false

    func validate() throws {
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
    /// - Throws: `ExitCode(1)` when the data is invalid.
    func load(printWarnings: Bool = false, warningsPerKind: Int? = InputOptions.warningsShownPerKind) throws
        -> (graph: SupplyGraph, warnings: DiagnosticList)
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
            return (result.graph, warnings)
        } catch {
            progress.finish()
            for diagnostic in error.errors { console.err("\(diagnostic)\n") }
            Self.print(error.warningList, to: console)
            let errors = error.errors.count
            console.err("chokepoint: \(errors) error\(errors == 1 ? "" : "s"), no graph loaded\n")
            throw ExitCode(1)
        }
    }

    /// Prints warnings on stderr: all of them in file order when none was left out; otherwise a
    /// summary by kind — the kinds most frequent first, the first few of each, and how many more.
    static func print(_ warnings: DiagnosticList, to console: Console) {
        guard warnings.omittedCount > 0 else {
            for warning in warnings { console.err("\(warning)\n") }
            return
        }
        for (code, count) in warnings.tally {
            let shown = warnings.filter { $0.code == code }
            for warning in shown { console.err("\(warning)\n") }
            if count > shown.count {
                console.err("chokepoint: \(count - shown.count) more \(code) warning\(count - shown.count == 1 ? "" : "s") not shown (--max-warnings N or --all-warnings with validate)\n")
            }
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
                console.err("\rread \(total >> 20) MiB, checking and building the graph\u{1B}[K")
            } else {
                console.err("\rreading \(percent)% (\(done >> 20) of \(total >> 20) MiB)\u{1B}[K")
            }
        }
    }

    func finish() {
        if active { console.err("\r\u{1B}[K") }
    }
}
