#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Where the commands write: stdout for results, stderr for diagnostics and progress.
///
/// The real console writes to the process's streams; tests bind a capturing one with
/// ``Console/$current`` so that commands can run in-process.
public final class Console: Sendable {
    private let captured = Mutex((out: "", err: ""))
    private let isCapturing: Bool
    /// Whether stdout is a terminal (colour on by default).
    public let stdoutIsTerminal: Bool
    /// Whether stderr is a terminal (progress shown).
    public let stderrIsTerminal: Bool

    /// The console of the process.
    public static let standard = Console(capturing: false)

    /// The console commands write to: the process's, unless a test binds another.
    @TaskLocal public static var current: Console = .standard

    /// A console that keeps what is written, for tests.
    public static func capturing() -> Console { Console(capturing: true) }

    private init(capturing: Bool) {
        isCapturing = capturing
        if capturing {
            stdoutIsTerminal = false
            stderrIsTerminal = false
        } else {
            stdoutIsTerminal = isatty(1) != 0
            stderrIsTerminal = isatty(2) != 0
        }
    }

    /// Writes to stdout.
    public func out(_ text: String) {
        if isCapturing { captured.withLock { $0.out += text } } else { write(1, text) }
    }

    /// Writes to stderr.
    public func err(_ text: String) {
        if isCapturing { captured.withLock { $0.err += text } } else { write(2, text) }
    }

    /// What a capturing console has kept.
    public var output: (out: String, err: String) { captured.withLock { $0 } }

    private func write(_ fd: Int32, _ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
