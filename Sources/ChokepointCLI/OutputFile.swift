import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes the files the user names with `-o`, without ever replacing what it should write into.
///
/// - A new path, or an existing regular file (also through a symbolic link): the text goes to a
///   temporary file beside it, which is renamed over the file only once it is complete — a
///   failed write leaves the previous file as it was. A link stays a link (its target is
///   replaced).
/// - Anything else (a device such as `/dev/stdout` or `/dev/full`, a FIFO, a process
///   substitution `>(cat)`): written into, as a shell redirection would, never renamed over.
/// - A directory, a missing parent directory, no permission: an error that says so (exit 1).
enum OutputFile {
    /// Where `path` leads: a regular file (or nothing yet) to replace atomically, something to
    /// write into, or a directory.
    enum Kind: Equatable { case replace(String), writeInto, directory }

    /// Classifies `path`, following symbolic links.
    /// - Complexity: O(1) system calls.
    static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .replace(resolvedPath(path)) } // nothing there yet
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .replace(resolvedPath(path))
        case S_IFDIR: return .directory
        default: return .writeInto
        }
    }

    /// The path a link leads to (the link itself when it is not one, or dangles).
    static func resolvedPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Writes `bytes` to `path` under the rules above.
    /// - Throws: ``CLIError`` (``CLIError/Code/io``) with the reason.
    /// - Complexity: O(bytes).
    static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws(CLIError) {
        switch kind(of: path) {
        case .directory:
            throw CLIError.cannotWrite(path, reason: "it is a directory (give a file name, e.g. \(path.hasSuffix("/") ? path : path + "/")out)")
        case .writeInto:
            do {
                let fd = try FileDescriptor.open(FilePath(path), .writeOnly, options: [.truncate])
                try fd.closeAfter { _ = try fd.writeAll(bytes) }
            } catch { throw CLIError.cannotWrite(path, errno: error as? Errno) }
        case .replace(let target):
            let temporary = try temporaryFile(beside: target, for: path)
            do {
                try temporary.fd.closeAfter {
                    _ = try temporary.fd.writeAll(bytes)
                    if fsync(temporary.fd.rawValue) != 0 { throw Errno(rawValue: errno) }
                }
            } catch {
                TemporaryFiles.remove(temporary.path)
                throw CLIError.cannotWrite(path, errno: error as? Errno)
            }
            try place(temporary.path, at: target, for: path)
        }
    }

    /// Writes `text` (UTF-8) to `path` under the rules above.
    /// - Throws: ``CLIError`` (``CLIError/Code/io``) with the reason.
    /// - Complexity: O(length of `text`).
    static func write(_ text: String, to path: String) throws(CLIError) {
        var text = text
        let result: Result<Void, CLIError> = text.withUTF8 { bytes in
            do throws(CLIError) { try write(UnsafeRawBufferPointer(bytes), to: path); return .success(()) }
            catch { return .failure(error) }
        }
        try result.get()
    }

    /// A new temporary file in the directory of `target` (so that the rename stays on one file
    /// system), with the permissions a new file would get, or those of the file it replaces.
    static func temporaryFile(beside target: String, for path: String) throws(CLIError) -> (fd: FileDescriptor, path: String) {
        let directory = target.contains("/") ? String(target[..<target.lastIndex(of: "/")!]) : "."
        var template = ((directory.isEmpty ? "/" : directory + "/") + ".chokepoint-XXXXXX").utf8CString
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw CLIError.cannotWrite(path, errno: Errno(rawValue: errno), directory: true) }
        // The permissions a new file would get; when the output exists, its own permission
        // bits (a briefing kept 0600 stays 0600 when it is written again).
        var existing = stat()
        if stat(target, &existing) == 0 && (existing.st_mode & S_IFMT) == S_IFREG {
            fchmod(fd, existing.st_mode & 0o777)
        } else {
            let mask = umask(0); umask(mask)
            fchmod(fd, 0o666 & ~mask)
        }
        let made = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        TemporaryFiles.remember(made)
        return (FileDescriptor(rawValue: fd), made)
    }

    /// Renames the finished `temporary` over `target` (a regular file or nothing); removes it on
    /// failure.
    static func place(_ temporary: String, at target: String, for path: String) throws(CLIError) {
        if rename(temporary, target) != 0 {
            let failure = Errno(rawValue: errno)
            TemporaryFiles.remove(temporary)
            throw CLIError.cannotWrite(path, errno: failure)
        }
        TemporaryFiles.forget(temporary)
    }
}

extension CLIError {
    /// `cannot write PATH: REASON` (exit 1).
    static func cannotWrite(_ path: String, reason: String, cause: (any Error)? = nil) -> CLIError {
        CLIError(code: .io, message: "cannot write \(path): \(reason)", cause: cause)
    }

    /// `cannot write PATH: REASON`, the reason in words from the system's error (exit 1).
    static func cannotWrite(_ path: String, errno: Errno?, directory: Bool = false) -> CLIError {
        let reason = switch errno {
        case .some(.noSuchFileOrDirectory): "its directory does not exist"
        case .some(.permissionDenied): directory ? "no permission to create a file in its directory" : "permission denied"
        case .some(.isDirectory): "it is a directory"
        case .some(let e): e.description.lowercasedFirst()
        case .none: "an unknown error"
        }
        return cannotWrite(path, reason: reason, cause: errno)
    }
}

/// Writes `bytes` to the file at `path` (``OutputFile``).
/// - Throws: ``CLIError`` when it cannot.
func writeFile(bytes: [UInt8], to path: String) throws(CLIError) {
    let result: Result<Void, CLIError> = bytes.withUnsafeBytes { buffer in
        do throws(CLIError) { try OutputFile.write(buffer, to: path); return .success(()) } catch { return .failure(error) }
    }
    try result.get()
}

/// Writes `text` to the file at `path` (``OutputFile``).
/// - Throws: ``CLIError`` when it cannot.
func writeFile(_ text: String, to path: String) throws(CLIError) {
    try OutputFile.write(text, to: path)
}
