import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the Graphviz layout programs (`dot`, `sfdp`) as child processes in a process group of
/// their own, with a timeout, and puts their image in place only when they succeed.
///
/// - The image is written to a temporary file beside the target (same directory, so the final
///   `rename` is atomic) and moved over the target only when the engine exited 0 and wrote a
///   non-empty file: a failed or timed-out run leaves no truncated image and keeps a previous
///   good one. The target follows ``OutputFile``'s rules: a symbolic link is followed (the link
///   stays); a FIFO or a device (`/dev/stdout`) is written into once the image is complete,
///   never renamed over; a directory is an error.
/// - On timeout the whole process group gets SIGTERM, then SIGKILL two seconds later, so a
///   program that forked helpers leaves none behind; the message names the engine that ran.
enum Graphviz {
    /// How long a program may take to exit after SIGTERM before its group gets SIGKILL.
    static let grace: Duration = .seconds(2)
    /// At most this much of the engine's stderr is kept.
    static let stderrLimit = 64 << 10

    /// The path of `program` on `PATH`, if it is there and executable.
    /// - Complexity: O(entries of PATH).
    static func find(_ program: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") where !directory.isEmpty {
            let candidate = directory.hasSuffix("/") ? "\(directory)\(program)" : "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// How one run of a program ended.
    struct Run: Sendable {
        /// The exit status, or `nil` when the run timed out and was killed.
        let status: Int32?
        /// What it wrote on stderr (at most ``stderrLimit`` bytes).
        let stderr: String
    }

    /// Runs `executable` with `arguments` in a new process group, stdin and stdout closed,
    /// stderr collected; after `timeout` seconds the group is stopped (SIGTERM, then SIGKILL).
    /// - Throws: ``CLIError`` with ``CLIError/Code/io`` when it cannot be started.
    /// - Complexity: the program's own time, at most `timeout` plus ``grace``.
    static func run(executable: String, arguments: [String], timeout: Double) async throws(CLIError) -> Run {
        var platform = PlatformOptions()
        platform.processGroupID = 0 // its own group, led by itself: the group's id is its pid
        let limit = stderrLimit
        do {
            let result = try await Subprocess.run(
                .path(FilePath(executable)), arguments: Arguments(arguments), platformOptions: platform,
                input: .none, output: .discarded, error: .sequence
            ) { execution -> (timedOut: Bool, stderr: String) in
                try await withThrowingTaskGroup(of: Event.self) { group in
                    group.addTask {
                        var bytes: [UInt8] = []
                        for try await chunk in execution.standardError {
                            chunk.withUnsafeBytes { raw in
                                if bytes.count < limit { bytes.append(contentsOf: raw.prefix(limit - bytes.count)) }
                            }
                        }
                        return .ended(String(decoding: bytes, as: UTF8.self))
                    }
                    group.addTask {
                        do { try await Task.sleep(for: .milliseconds(Int64((timeout * 1000).rounded(.up)))) } catch { return .cancelled }
                        return .timeout
                    }
                    var timedOut = false
                    var text = ""
                    while let event = try await group.next() {
                        switch event {
                        case .ended(let collected):
                            text = collected
                            group.cancelAll()
                        case .timeout:
                            timedOut = true
                            try? execution.send(signal: .terminate, toProcessGroup: true)
                            group.addTask {
                                do { try await Task.sleep(for: grace) } catch { return .cancelled }
                                return .graceOver
                            }
                        case .graceOver:
                            try? execution.send(signal: .kill, toProcessGroup: true)
                        case .cancelled:
                            continue
                        }
                    }
                    // Whatever the group left behind (a helper that outlived the leader) goes too.
                    if timedOut { try? execution.send(signal: .kill, toProcessGroup: true) }
                    return (timedOut, text)
                }
            }
            let value = result.closureResult
            if value.timedOut { return Run(status: nil, stderr: value.stderr) }
            switch result.terminationStatus {
            case .exited(let code): return Run(status: code, stderr: value.stderr)
            case .signaled(let signal): return Run(status: 128 + signal, stderr: value.stderr)
            }
        } catch {
            throw CLIError(code: .io, message: "cannot run \(executable): \(error)", cause: error)
        }
    }

    /// What the task group of ``run(executable:arguments:timeout:)`` waits for.
    private enum Event: Sendable { case ended(String), timeout, graceOver, cancelled }

    /// Lays out `dot` with `engine` and writes the image in `format` to `output`, safely: see
    /// the type's description.
    /// - Parameters:
    ///   - engine: `dot` or `sfdp`; found on `path`.
    ///   - extraArguments: layout flags passed before the input (`-Gnslimit=2`, ...).
    /// - Returns: what the engine wrote on stderr (warnings), for the caller to pass on.
    /// - Throws: ``CLIError`` (a Graphviz code, or ``CLIError/Code/io``); the target is then as it was.
    /// - Complexity: the engine's own time, at most `timeout` plus ``grace``.
    static func render(_ dot: String, engine: String, format: String, extraArguments: [String] = [], to output: String,
                       timeout: Double, path: String? = ProcessInfo.processInfo.environment["PATH"]) async throws(CLIError) -> String {
        guard let executable = find(engine, path: path) else {
            throw CLIError(code: .graphvizNotInstalled, message: "Graphviz is not installed: no `\(engine)` on PATH (apt install graphviz, brew install graphviz)")
        }
        // Where the image goes (OutputFile's rules): a temporary file beside a regular target,
        // renamed over it; a device or FIFO gets the finished image written into it.
        let kind = OutputFile.kind(of: output)
        let image: String
        switch kind {
        case .directory:
            throw CLIError(code: .io, message: "cannot write \(output): it is a directory")
        case .replace(let target):
            let temporary = try OutputFile.temporaryFile(beside: target, for: output)
            try? temporary.fd.close()
            image = temporary.path
        case .writeInto:
            image = try temporaryFile(in: NSTemporaryDirectory(), named: "chokepoint-image", suffix: ".tmp")
        }
        defer { TemporaryFiles.remove(image) }
        let input = try temporaryFile(in: NSTemporaryDirectory(), named: "chokepoint", suffix: ".dot")
        defer { TemporaryFiles.remove(input) }
        do { try dot.write(toFile: input, atomically: false, encoding: .utf8) } catch {
            throw CLIError(code: .io, message: "cannot write a temporary file \(input): \(error.localizedDescription)", cause: error)
        }
        let run = try await Self.run(executable: executable, arguments: ["-T\(format)"] + extraArguments + ["-o", image, input], timeout: timeout)
        guard let status = run.status else {
            throw CLIError(code: .graphvizTimedOut, message: "\(engine) did not finish within \(DisplayTime.seconds(timeout)) and was stopped with its process group", details: run.stderr)
        }
        guard status == 0 else {
            throw CLIError(code: .graphvizFailed, message: "\(engine) failed with exit status \(status)", details: run.stderr)
        }
        guard let size = fileSize(image), size > 0 else {
            throw CLIError(code: .graphvizFailed, message: "\(engine) exited 0 but wrote no image", details: run.stderr)
        }
        switch kind {
        case .replace(let target):
            // The replaced image's permissions carry over to the new one.
            var info = stat()
            if stat(target, &info) == 0 { chmod(image, info.st_mode & 0o7777) }
            try OutputFile.place(image, at: target, for: output)
        case .writeInto:
            guard let data = FileManager.default.contents(atPath: image) else {
                throw CLIError.cannotWrite(output, reason: "the image Graphviz wrote could not be read")
            }
            let written: Result<Void, CLIError> = data.withUnsafeBytes { bytes in
                do throws(CLIError) { try OutputFile.write(bytes, to: output); return .success(()) }
                catch { return .failure(error) }
            }
            try written.get()
        case .directory:
            break
        }
        return run.stderr
    }

    /// Lays out `dot` and returns the SVG text (for the briefing, which inlines it).
    /// - Throws: ``CLIError``.
    /// - Complexity: the engine's own time, at most `timeout` plus ``grace``.
    static func svg(_ dot: String, engine: String, extraArguments: [String] = [], timeout: Double,
                    path: String? = ProcessInfo.processInfo.environment["PATH"]) async throws(CLIError) -> String {
        let directory = NSTemporaryDirectory()
        let target = try temporaryFile(in: directory, named: "chokepoint-diagram", suffix: ".svg")
        defer { TemporaryFiles.remove(target) }
        _ = try await render(dot, engine: engine, format: "svg", extraArguments: extraArguments, to: target, timeout: timeout, path: path)
        guard let text = try? String(contentsOfFile: target, encoding: .utf8) else {
            throw CLIError(code: .io, message: "cannot read the SVG \(engine) wrote")
        }
        return text
    }

    /// Creates an empty file `.NAME.<random>SUFFIX` in `directory` that did not exist before
    /// (`O_EXCL`, mode 0600), and returns its path; it is removed if the process is ended by a
    /// signal (``TemporaryFiles``).
    static func temporaryFile(in directory: String, named name: String, suffix: String) throws(CLIError) -> String {
        let base = directory.isEmpty ? "." : directory
        for _ in 0..<16 {
            let path = (base.hasSuffix("/") ? base : base + "/") + ".\(name).\(UInt64.random(in: 0...UInt64.max) >> 16)\(suffix)"
            // 0600: the diagram's data is the user's alone while it is on disk.
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            if fd >= 0 { close(fd); TemporaryFiles.remember(path); return path }
            if errno != EEXIST {
                throw CLIError(code: .io, message: "cannot create a temporary file in \(base): \(String(cString: strerror(errno)))")
            }
        }
        throw CLIError(code: .io, message: "cannot create a temporary file in \(base)")
    }

    static func fileSize(_ path: String) -> Int? {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : nil
    }
}

/// Durations for messages: `120 s`, `0.5 s`.
enum DisplayTime {
    static func seconds(_ x: Double) -> String {
        x == x.rounded() && x < 1e9 ? "\(Int(x)) s" : "\(x) s"
    }
}
