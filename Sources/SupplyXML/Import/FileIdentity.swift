#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which file a path names (device and inode), to find a file given twice.
struct FileIdentity {
    let device: UInt64?, inode: UInt64?, size: UInt64
    let path: [UInt8]

    init(_ file: InputFile) {
        var info = stat()
        let found = (file.path + [0]).withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { stat($0.baseAddress!, &info) == 0 }
        }
        device = found ? UInt64(info.st_dev) : nil
        inode = found ? UInt64(info.st_ino) : nil
        size = found && (info.st_mode & S_IFMT) == S_IFREG ? UInt64(info.st_size) : 0
        path = file.path
    }

    /// What tells the file: its device and inode, or its path when it cannot be looked up (two
    /// identities with the same key are the same file, as ``isSameFile(as:)`` says).
    enum Key: Hashable { case inode(UInt64, UInt64), path([UInt8]) }

    var key: Key {
        if let device, let inode { return .inode(device, inode) }
        return .path(path)
    }

    func isSameFile(as other: FileIdentity) -> Bool {
        if let device, let inode, let otherDevice = other.device, let otherInode = other.inode {
            return device == otherDevice && inode == otherInode
        }
        return path == other.path
    }
}
