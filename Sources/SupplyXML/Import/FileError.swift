import SystemPackage

/// The reason a file cannot be read: the operating system's error, as the `cause` of a
/// `Diagnostic` with the code `io`.
public struct FileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The system's error (`.noSuchFileOrDirectory`, `.permissionDenied`, `.isDirectory`, ...).
    public let errno: Errno
    /// Creates the error.
    /// - Complexity: O(1).
    public init(_ errno: Errno) { self.errno = errno }
    /// The system's words for it, lower case ("no such file or directory"; "is a directory").
    /// - Complexity: O(1).
    public var description: String {
        errno == .isDirectory ? "is a directory" : errno.description.lowercased()
    }
}
