import OutputFormats
import Synchronization
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the commands write: stdout for results, stderr for diagnostics and progress.
///
/// The real console writes to the process's streams with `FileDescriptor.writeAll`, and
/// remembers the first write to stdout that fails (a full disk, a closed stream), so that the
/// command ends with an error instead of exit 0 and a lost result. Tests bind a capturing one
/// with ``Console/$current`` so that commands can run in-process.
public final class Console: Sendable {
    private let captured = Mutex((out: "", err: ""))
    private let failure = Mutex<Errno?>(nil)
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
    /// - Complexity: O(1).
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

    /// Writes to stdout; after a failed write, nothing more is written.
    /// - Complexity: O(length of `text`).
    public func out(_ text: String) {
        if isCapturing { captured.withLock { $0.out += text }; return }
        guard failure.withLock({ $0 == nil }) else { return }
        if let error = write(.standardOutput, text) { failure.withLock { $0 = error } }
    }

    /// Writes a diagnostic or message to stderr (a failure there cannot be reported anywhere
    /// and is ignored). Every line is escaped for a terminal (``TerminalText/escapedLines(_:)``):
    /// an id from the data cannot send escape sequences, controls or bidirectional overrides
    /// to the analyst's terminal.
    /// - Complexity: O(length of `text`).
    public func err(_ text: String) { errRaw(TerminalText.escapedLines(text)) }

    /// Writes one line to stderr (a diagnostic, an error message), escaped as one line
    /// (``TerminalText/escaped(_:)``): a line break in an id is shown as `\n` and never starts
    /// a line of its own.
    /// - Complexity: O(length of `text`).
    public func errLine(_ text: String) { errRaw(TerminalText.escaped(text) + "\n") }

    /// Writes the tool's own progress line to stderr as it is (it holds `\r` and an
    /// erase-line sequence on purpose; never data).
    /// - Complexity: O(length of `text`).
    public func progress(_ text: String) { errRaw(text) }

    private func errRaw(_ text: String) {
        if isCapturing { captured.withLock { $0.err += text }; return }
        _ = write(.standardError, text)
    }

    /// Makes sure descriptors 0, 1 and 2 are open, so that no file the tool opens later takes
    /// their numbers (and a result meant for a closed stdout lands in a data file): each closed
    /// one is opened on `/dev/null`, and a closed stdout counts as a failed write.
    /// Call once, first thing in the process.
    /// - Complexity: O(1).
    public func protectStandardStreams() {
        for fd: Int32 in [0, 1, 2] where fcntl(fd, F_GETFD) == -1 {
            let null = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
            if null >= 0 && null != fd { dup2(null, fd); close(null) }
            if fd == 1 { failure.withLock { $0 = .badFileDescriptor } }
        }
    }

    /// The first failed write to stdout, if any.
    /// - Complexity: O(length of what was kept).
    public var outputFailure: Errno? { failure.withLock { $0 } }

    /// What a capturing console has kept.
    /// - Complexity: O(length of what was kept).
    public var output: (out: String, err: String) { captured.withLock { $0 } }

    private func write(_ descriptor: FileDescriptor, _ text: String) -> Errno? {
        var text = text
        return text.withUTF8 { bytes in
            do { _ = try descriptor.writeAll(UnsafeRawBufferPointer(bytes)); return nil } catch { return error as? Errno ?? .ioError }
        }
    }
}
