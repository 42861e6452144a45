#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The reason a file cannot be read: the operating system's error number, as the `cause` of a
/// `Diagnostic` with the code `io`.
public struct FileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The `errno` value (`ENOENT`, `EACCES`, `EISDIR`, ...).
    public let errno: Int32
    /// Creates the error.
    /// - Complexity: O(1).
    public init(errno: Int32) { self.errno = errno }
    /// The system's words for it, lower case ("no such file or directory"; "is a directory").
    /// - Complexity: O(1).
    public var description: String {
        errno == EISDIR ? "is a directory" : String(cString: strerror(errno)).lowercased()
    }
}
