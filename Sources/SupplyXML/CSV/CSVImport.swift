import SupplyGraph
import SystemPackage

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
        var table: TableImport? = nil
        do throws(CSVReader.Failure) {
            let dialect = try CSVReader.read(bytes: bytes, dialect: { table = makeTable(kind, source: source, name: name, separator: $0) }) { cells, line in
                if !session.stoppedForErrors { table?.row(cells, line: line) }
            }
            noteEncoding(dialect, source: source)
        } catch {
            session.error(.malformedCSV, error.message, PackedLocation(file: source, line: error.line, column: error.column))
        }
        table?.finish(source: name)
    }

    /// Reads the CSV file at `path` as table `kind`.
    func readCSV(path: [UInt8], name: String, kind: TableKind, source: UInt32) {
        let fd = (path + [0]).withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_RDONLY | O_CLOEXEC) }
        }
        guard fd >= 0 else {
            let cause = FileError(Errno(rawValue: errno))
            session.error(.io, "cannot read the file: \(cause)", PackedLocation(file: source, line: 0, column: 0), cause: cause)
            return
        }
        defer { close(fd) }
        var table: TableImport? = nil
        do throws(CSVReader.Failure) {
            let dialect = try CSVReader.read(fd: fd, dialect: { table = makeTable(kind, source: source, name: name, separator: $0) }) { cells, line in
                if !session.stoppedForErrors { table?.row(cells, line: line) }
            }
            noteEncoding(dialect, source: source)
        } catch {
            session.error(.malformedCSV, error.message, PackedLocation(file: source, line: error.line, column: error.column))
        }
        table?.finish(source: name)
    }

    private func makeTable(_ kind: TableKind, source: UInt32, name: String, separator: UInt8) -> TableImport {
        TableImport(kind: kind, source: source, session: session, where: "file '\(name)'",
                    dialect: separator == UInt8(ascii: ";") ? .semicolonCSV : .commaCSV)
    }

    /// A `;` file that is not UTF-8 was read as Windows-1252: said, since a wrong guess shows
    /// only in the names.
    private func noteEncoding(_ dialect: CSVReader.Dialect, source: UInt32) {
        if dialect.windows1252 {
            session.warning(.encodingGuessed, "the file is not UTF-8: read as Windows-1252, as Excel writes 'CSV (semicolon)' in locales with a decimal comma (check the accented names; 'CSV UTF-8' avoids the guess)",
                            PackedLocation(file: source, line: 0, column: 0))
        }
    }

    /// Reads a folder of CSV files, one per table (`items.csv`, ...): names matched as the
    /// sheets of a workbook are (``NameMatch``); a near miss is an error, a file whose name
    /// starts with `#` is never read; a folder with `items.csv` needs `bom.csv`,
    /// `suppliers.csv` and `supplies.csv` too.
    func readFolder(_ folder: InputFile) {
        session.begin(file: folder.name, format: .csv)
        let folderSource = session.fileIndex
        let errorsBefore = session.errorCount
        let base = folder.name.hasSuffix("/") ? String(folder.name.dropLast()) : folder.name
        let pathBase = folder.path.last == UInt8(ascii: "/") ? Array(folder.path.dropLast()) : folder.path
        var names: [String] = []
        if let listing = (folder.path + [0]).withUnsafeBufferPointer({ $0.withMemoryRebound(to: CChar.self) { opendir($0.baseAddress!) } }) {
            while let entry = readdir(listing) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if NameMatch.folded(name).hasSuffix(".csv") { names.append(name) }
            }
            closedir(listing)
        }
        let whole = PackedLocation(file: folderSource, line: 0, column: 0)
        var files: [TableKind: String] = [:]
        var nearMisses: Set<TableKind> = []
        for name in names.sorted() {
            let folded = NameMatch.folded(name)
            let stem = String(folded.dropLast(4))
            if stem.hasPrefix("#") { continue }
            if let kind = NameMatch.table(named: stem) {
                if let other = files[kind] {
                    session.error(.duplicateID, "the files '\(other)' and '\(name)' are both the table '\(kind.rawValue)': keep one", whole)
                } else {
                    files[kind] = name
                }
            } else if let near = NameMatch.nearTable(stem) {
                nearMisses.insert(near)
                let note = NameMatch.lookAlikeNote(stem)
                session.error(.misnamedTable, "the file '\(name)' is not read: \(note.isEmpty ? "" : note + ": ")did you mean '\(near.rawValue).csv'? (files are named as the template's sheets; a file whose name starts with '#' is never read)", whole)
            }
        }
        if files[.items] != nil {
            for kind in TableKind.readingOrder where kind.isRequiredBesideItems && files[kind] == nil && !nearMisses.contains(kind) {
                session.error(.missingTable, "no file '\(kind.rawValue).csv': a folder without \(kind.lacking) says so with a '\(kind.rawValue).csv' file that holds only its header row", whole)
            }
        }
        if files.isEmpty && session.errorCount == errorsBefore {
            let cause = FileError(.isDirectory)
            session.error(.io, "cannot read the file: is a directory, and holds none of the CSV files of a supply map (\(TableKind.readingOrder.map { $0.rawValue + ".csv" }.joined(separator: ", ")))",
                          whole, cause: cause)
        }
        if session.errorCount > errorsBefore { return }
        for kind in TableKind.readingOrder {
            guard let file = files[kind] else { continue }
            let name = "\(base)/\(file)"
            let source = session.addSource(DataSource(file: name, format: .csv))
            let path = pathBase + Array("/\(file)".utf8)
            // A FIFO, a device or a socket among the files would block the read or never end:
            // refused by its type, without opening it.
            var info = stat()
            let found = (path + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { stat($0.baseAddress!, &info) == 0 } }
            if found && (info.st_mode & S_IFMT) != S_IFREG {
                let what = switch info.st_mode & S_IFMT {
                case S_IFIFO: "a FIFO (named pipe)"
                case S_IFSOCK: "a socket"
                case S_IFCHR, S_IFBLK: "a device"
                case S_IFDIR: "a folder"
                default: "not a regular file"
                }
                session.error(.io, "cannot read the file: it is \(what), not a regular file: refused without opening it",
                              PackedLocation(file: source, line: 0, column: 0))
                continue
            }
            readCSV(path: path, name: name, kind: kind, source: source)
            if session.stoppedForErrors { return }
        }
    }
}
