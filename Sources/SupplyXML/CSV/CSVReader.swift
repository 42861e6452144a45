import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small RFC 4180 reader, streaming in 64 KiB chunks: fields separated by `,`, records by
/// CR LF, LF or CR, a field in double quotes may hold separators, line ends and `""` for a
/// quote. Every cell comes with the line it starts on and its field number (the column a
/// spreadsheet shows), so that a finding reads `folder/supplies.csv:12:3`.
///
/// It refuses, at the line and field where it is: a NUL byte, text that is not UTF-8, a quote
/// inside an unquoted field, text after a closing quote, a quoted field the file ends inside,
/// a field over 1 MiB and a record of more than 4096 fields — memory stays bounded by those.
/// (CSV.swift and SwiftCSV, the packages that resolve here, give no location with their
/// errors, accept unbalanced quotes, and SwiftCSV reads the whole file into one string.)
struct CSVReader {
    static let maxFieldBytes = 1 << 20
    static let maxFields = 4096

    /// Why reading stopped early.
    struct Failure: Error {
        let message: String
        let line: UInt32
        let column: UInt32
    }

    private enum State { case fieldStart, unquoted, quoted, quoteSeen }

    private var state = State.fieldStart
    private var line: UInt32 = 1
    private var recordLine: UInt32 = 1
    private var fieldLine: UInt32 = 1
    private var field: [UInt8] = []
    private var cells: [TableCell] = []
    private var afterCR = false
    private var atStart = true
    private var bomChecked: [UInt8] = []

    /// Reads all of `fd`, calling `row` with each record's cells and the line it starts on.
    static func read(fd: Int32, row: ([TableCell], UInt32) -> Void) throws(Failure) {
        var reader = CSVReader()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(message: "cannot read the file: \(FileError(Errno(rawValue: errno)))", line: 0, column: 0)
            }
            if n == 0 { break }
            var failed: Failure? = nil
            buffer.withUnsafeBytes { bytes in
                do throws(Failure) { try reader.feed(UnsafeRawBufferPointer(rebasing: bytes[0..<n]), row) } catch { failed = error }
            }
            if let failed { throw failed }
        }
        try reader.finish(row)
    }

    /// Reads bytes held in memory (tests, the fuzzer).
    static func read(bytes: [UInt8], row: ([TableCell], UInt32) -> Void) throws(Failure) {
        var reader = CSVReader()
        var failed: Failure? = nil
        bytes.withUnsafeBytes { buffer in
            do throws(Failure) { try reader.feed(buffer, row) } catch { failed = error }
        }
        if let failed { throw failed }
        try reader.finish(row)
    }

    private var column: UInt32 { UInt32(cells.count + 1) }

    private func failure(_ message: String, line: UInt32? = nil) -> Failure {
        Failure(message: message, line: line ?? self.line, column: column)
    }

    private mutating func feed(_ bytes: UnsafeRawBufferPointer, _ row: ([TableCell], UInt32) -> Void) throws(Failure) {
        var k = 0
        if atStart {
            // A UTF-8 byte-order mark (Excel's "CSV UTF-8") is not part of the first field.
            while k < bytes.count && bomChecked.count < 3 && bytes[k] == [0xEF, 0xBB, 0xBF][bomChecked.count] {
                bomChecked.append(bytes[k]); k += 1
            }
            if k == bytes.count && bomChecked.count < 3 { return }
            if bomChecked.count < 3 { field.append(contentsOf: bomChecked) }
            atStart = false
        }
        while k < bytes.count {
            let b = bytes[k]
            k += 1
            if afterCR {
                afterCR = false
                if b == 0x0A { continue } // CR LF: the line was counted at the CR
            }
            if b == 0 {
                throw failure("a NUL byte (0x00): this is not a text file, or it is UTF-16 — save it as 'CSV UTF-8'")
            }
            switch state {
            case .fieldStart:
                fieldLine = line
                switch b {
                case 0x22: state = .quoted
                case 0x2C: try endField()
                case 0x0A, 0x0D: try endField(); endRecord(row); newLine(b)
                default: state = .unquoted; try append(b)
                }
            case .unquoted:
                switch b {
                case 0x2C: try endField(); state = .fieldStart
                case 0x0A, 0x0D: try endField(); endRecord(row); newLine(b); state = .fieldStart
                case 0x22:
                    throw failure("a quote inside a field that does not start with one: quote the whole field and double the quote (\"\"), as RFC 4180 does")
                default: try append(b)
                }
            case .quoted:
                if b == 0x22 { state = .quoteSeen } else {
                    if b == 0x0A || b == 0x0D { newLine(b) }
                    try append(b)
                }
            case .quoteSeen:
                switch b {
                case 0x22: try append(b); state = .quoted
                case 0x2C: try endField(); state = .fieldStart
                case 0x0A, 0x0D: try endField(); endRecord(row); newLine(b); state = .fieldStart
                default:
                    throw failure("text after the closing quote of a field: a quote inside a quoted field is written twice (\"\")")
                }
            }
        }
    }

    private mutating func newLine(_ b: UInt8) {
        line += 1
        if b == 0x0D { afterCR = true }
    }

    private mutating func append(_ b: UInt8) throws(Failure) {
        guard field.count < Self.maxFieldBytes else { throw failure("a field longer than 1 MiB: refused", line: fieldLine) }
        field.append(b)
    }

    private mutating func endField() throws(Failure) {
        guard cells.count < Self.maxFields else { throw failure("a record with more than 4096 fields: refused", line: fieldLine) }
        guard let text = String(validating: field, as: UTF8.self) else {
            throw failure("the text is not valid UTF-8: save the file as 'CSV UTF-8'", line: fieldLine)
        }
        if cells.isEmpty { recordLine = fieldLine }
        cells.append(TableCell(column: UInt32(cells.count + 1), line: fieldLine, text: text))
        field.removeAll(keepingCapacity: true)
    }

    private mutating func endRecord(_ row: ([TableCell], UInt32) -> Void) {
        row(cells, recordLine)
        cells.removeAll(keepingCapacity: true)
    }

    private mutating func finish(_ row: ([TableCell], UInt32) -> Void) throws(Failure) {
        if atStart && !bomChecked.isEmpty && bomChecked.count < 3 { field.append(contentsOf: bomChecked) }
        switch state {
        case .quoted:
            throw Failure(message: "the file ends inside a quoted field (its quote opens on line \(fieldLine)): close the quote",
                          line: fieldLine, column: column)
        case .fieldStart where cells.isEmpty && field.isEmpty:
            return
        default:
            try endField()
            endRecord(row)
        }
    }
}
