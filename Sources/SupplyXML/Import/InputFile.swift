/// A file to import: its path as bytes (a file name need not be UTF-8) and the name that
/// diagnostics give it.
public struct InputFile: Sendable, Hashable {
    /// The path's bytes, as the operating system takes them (no terminating NUL).
    public let path: [UInt8]
    /// The path as diagnostics write it: the bytes read as UTF-8, a byte that is not shown as
    /// U+FFFD.
    public let name: String

    /// A file named by a string path.
    /// - Complexity: O(length of the path).
    public init(_ path: String) {
        self.path = Array(path.utf8)
        self.name = path
    }

    /// A file named by the bytes of its path (as `argv` has them).
    /// - Complexity: O(length of the path).
    public init(pathBytes: [UInt8]) {
        self.path = pathBytes
        self.name = String(decoding: pathBytes, as: UTF8.self)
    }
}
