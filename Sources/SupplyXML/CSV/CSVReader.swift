import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small RFC 4180 reader, streaming in 64 KiB chunks: fields separated by `,` (or by `;`
/// when the header row holds more `;` than `,` outside quotes, as Excel writes CSV in locales
/// with a decimal comma), records by
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
    /// The field separator: `,`, or `;` (see ``separator(of:)``).
    var separator: UInt8 = 0x2C
    /// Whether text that is not UTF-8 is read as Windows-1252 (a `;` file: what Excel's
    /// "CSV (semicolon)" writes in those locales) instead of refused.
    var acceptsWindows1252 = false
    /// Whether some field was read as Windows-1252.
    private(set) var readWindows1252 = false

    /// The separator of a file whose first bytes are `head`: `;` when its header row (the
    /// first line with anything but separators and spaces) holds more `;` than `,` outside
    /// quotes, else `,`.
    /// - Complexity: O(bytes of `head`).
    static func separator(of head: some Collection<UInt8>) -> UInt8 {
        var semicolons = 0, commas = 0, quoted = false, content = false
        for b in head {
            if b == 0x22 { quoted.toggle(); content = true; continue }
            if quoted { continue }
            switch b {
            case 0x3B: semicolons += 1
            case 0x2C: commas += 1
            case 0x0A, 0x0D:
                if content { return semicolons > commas ? 0x3B : 0x2C }
                semicolons = 0; commas = 0
            case 0x20, 0x09, 0xEF, 0xBB, 0xBF: break
            default: content = true
            }
        }
        return semicolons > commas ? 0x3B : 0x2C
    }

    /// The separator found, and whether the text was read as Windows-1252.
    struct Dialect {
        var separator: UInt8
        var windows1252: Bool
    }

    /// Reads all of `fd`, calling `dialect` once with the separator found (before any row),
    /// then `row` with each record's cells and the line it starts on.
    @discardableResult
    static func read(fd: Int32, dialect: (UInt8) -> Void = { _ in }, row: ([TableCell], UInt32) -> Void) throws(Failure) -> Dialect {
        var reader = CSVReader()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var first = true
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(message: "cannot read the file: \(FileError(Errno(rawValue: errno)))", line: 0, column: 0)
            }
            if n == 0 { break }
            if first {
                first = false
                reader.separator = separator(of: buffer[0..<n])
                reader.acceptsWindows1252 = reader.separator == 0x3B
                dialect(reader.separator)
            }
            var failed: Failure? = nil
            buffer.withUnsafeBytes { bytes in
                do throws(Failure) { try reader.feed(UnsafeRawBufferPointer(rebasing: bytes[0..<n]), row) } catch { failed = error }
            }
            if let failed { throw failed }
        }
        if first { dialect(reader.separator) }
        try reader.finish(row)
        return Dialect(separator: reader.separator, windows1252: reader.readWindows1252)
    }

    /// Reads bytes held in memory (tests, the fuzzer).
    @discardableResult
    static func read(bytes: [UInt8], dialect: (UInt8) -> Void = { _ in }, row: ([TableCell], UInt32) -> Void) throws(Failure) -> Dialect {
        var reader = CSVReader()
        reader.separator = separator(of: bytes.prefix(64 * 1024))
        reader.acceptsWindows1252 = reader.separator == 0x3B
        dialect(reader.separator)
        var failed: Failure? = nil
        bytes.withUnsafeBytes { buffer in
            do throws(Failure) { try reader.feed(buffer, row) } catch { failed = error }
        }
        if let failed { throw failed }
        try reader.finish(row)
        return Dialect(separator: reader.separator, windows1252: reader.readWindows1252)
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
                case separator: try endField()
                case 0x0A, 0x0D: try endField(); endRecord(row); newLine(b)
                default: state = .unquoted; try append(b)
                }
            case .unquoted:
                switch b {
                case separator: try endField(); state = .fieldStart
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
                case separator: try endField(); state = .fieldStart
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
        let text: String
        if let utf8 = String(validating: field, as: UTF8.self) {
            text = utf8
        } else if acceptsWindows1252 {
            text = Self.windows1252(field)
            readWindows1252 = true
        } else {
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

    /// Windows-1252 text: Latin-1 but for 0x80–0x9F (the euro sign, curly quotes, dashes, ...).
    static func windows1252(_ bytes: [UInt8]) -> String {
        let high: [UInt32] = [0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
                              0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178]
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            let value = b >= 0x80 && b <= 0x9F ? high[Int(b - 0x80)] : UInt32(b)
            scalars.append(Unicode.Scalar(value)!)
        }
        return String(scalars)
    }
}
