import SupplyGraph

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads CSV input into the session: a folder of table files (`items.csv`, ...), or one file
/// named like a table.
struct CSVImport {
    let session: ImportSession

    /// Reads a CSV document held in memory (tests, the fuzzer).
    func readCSV(bytes: [UInt8], name: String, kind: TableKind, source: UInt32) {
        let table = TableImport(kind: kind, source: source, session: session, where: "file '\(name)'")
        do throws(CSVReader.Failure) {
            try CSVReader.read(bytes: bytes) { cells, line in table.row(cells, line: line) }
        } catch {
            session.error(.malformedCSV, error.message, PackedLocation(file: source, line: error.line, column: error.column))
        }
    }

    func readFolder(_ folder: InputFile) {
        session.begin(file: folder.name, format: .csv)
        let folderSource = session.fileIndex
        let base = folder.name.hasSuffix("/") ? String(folder.name.dropLast()) : folder.name
        let pathBase = folder.path.last == UInt8(ascii: "/") ? Array(folder.path.dropLast()) : folder.path
        // The folder's CSV files: a near miss of a table's name is an error, not a silent gap.
        var names: [String] = []
        if let listing = (folder.path + [0]).withUnsafeBufferPointer({ $0.withMemoryRebound(to: CChar.self) { opendir($0.baseAddress!) } }) {
            while let entry = readdir(listing) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name.lowercased().hasSuffix(".csv") { names.append(name) }
            }
            closedir(listing)
        }
        for name in names.sorted() {
            let stem = String(name.dropLast(4))
            if TableKind(rawValue: stem) == nil || !name.hasSuffix(".csv"), let near = TableKind.nearMiss(stem) {
                session.error(.refused, "the file '\(name)' is not read (did you mean '\(near.rawValue).csv'? the files are named exactly as DESIGN §6 and the template's sheets)",
                      PackedLocation(file: folderSource, line: 0, column: 0))
            }
        }
        var read = 0
        for kind in TableKind.readingOrder where names.contains(kind.rawValue + ".csv") {
            read += 1
            let name = "\(base)/\(kind.rawValue).csv"
            let source = session.addSource(DataSource(file: name, format: .csv))
            readCSV(path: pathBase + Array("/\(kind.rawValue).csv".utf8), name: name, kind: kind, source: source)
            if session.stoppedForErrors { return }
        }
        if read == 0 && session.errorCount == 0 {
            let cause = FileError(errno: EISDIR)
            session.error(.io, "cannot read the file: is a directory, and holds none of the CSV files of a supply map (items.csv, bom.csv, suppliers.csv, supplies.csv, sourcedFrom.csv, countryGroups.csv)",
                  PackedLocation(file: folderSource, line: 0, column: 0), cause: cause)
        }
    }

    func readCSV(path: [UInt8], name: String, kind: TableKind, source: UInt32) {
        let fd = (path + [0]).withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_RDONLY | O_CLOEXEC) }
        }
        guard fd >= 0 else {
            let cause = FileError(errno: errno)
            session.error(.io, "cannot read the file: \(cause)", PackedLocation(file: source, line: 0, column: 0), cause: cause)
            return
        }
        defer { close(fd) }
        let table = TableImport(kind: kind, source: source, session: session, where: "file '\(name)'")
        do throws(CSVReader.Failure) {
            try CSVReader.read(fd: fd) { cells, line in
                if !session.stoppedForErrors { table.row(cells, line: line) }
            }
        } catch {
            session.error(.malformedCSV, error.message, PackedLocation(file: source, line: error.line, column: error.column))
        }
        table.finish()
    }
}
