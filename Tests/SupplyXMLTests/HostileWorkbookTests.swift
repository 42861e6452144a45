import Testing
import SupplyGraph
@testable import SupplyXML

/// What a workbook can do to the values it loads: a date typed where a date is expected.
@Suite("Hostile input: workbook dates")
struct HostileWorkbookTests {
    static func withAsOf(_ cell: String) -> [UInt8] {
        handWrittenWorkbook([("dataSet", sheetRow(1, ["name", "asOf"]) + sheetRow(2, ["map", cell])),
                             ("items", sheetRow(1, ["id", "kind"]) + sheetRow(2, ["ugv", "system"]))] + emptyTables,
                            styles: NumberTests.styles)
    }

    /// `asOf` typed in Excel as a date: the serial number (or a `t="d"` cell) read as YYYY-MM-DD.
    @Test(arguments: [
        ("<c r=\"@@\" s=\"1\"><v>46357</v></c>", "2026-12-01"), ("<c r=\"@@\" s=\"2\"><v>45292.75</v></c>", "2024-01-01"),
        ("<c r=\"@@\" t=\"d\"><v>2026-11-01T00:00:00</v></c>", "2026-11-01"), ("2026-11-01", "2026-11-01"),
    ])
    func anAsOfDateCellIsReadAsADate(cell: String, date: String) throws {
        let g = try #require(graph(Self.withAsOf(cell))).graph
        #expect(g.dataSetAsOf == [date])
    }

    /// A date in another text column (a name) is read as its date too, not as 46357.
    @Test func aDateInATextColumnIsReadAsItsDate() throws {
        let bytes = handWrittenWorkbook([("items", sheetRow(1, ["id", "kind", "name"]) + sheetRow(2, ["ugv", "system", "<c r=\"@@\" s=\"1\"><v>46357</v></c>"]))]
                                        + emptyTables, styles: NumberTests.styles)
        let g = try #require(graph(bytes)).graph
        #expect(g.itemNames[try #require(g.item(withKey: "ugv")).index] == "2026-12-01")
    }

    /// Serial numbers of the 1900 date system, worked by hand from 1970-01-01 = 25569.
    @Test(arguments: [("61", "1900-03-01"), ("25569", "1970-01-01"), ("45658", "2025-01-01"), ("46357", "2026-12-01"),
                      ("46081", "2026-02-28"), ("46082", "2026-03-01"), ("45351", "2024-02-29"), ("60", nil), ("x", nil)] as [(String, String?)])
    func serialNumbers(serial: String, date: String?) {
        #expect(TableImport.isoDate(serial) == date)
    }

    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    /// A small valid workbook's parts: `items` (one system) and the three tables it needs.
    static func parts(items: String = sheetRow(1, ["id", "kind"]) + sheetRow(2, ["ugv", "system"]),
                      itemsType: String = "worksheet") -> [(String, String)] {
        let sheets = [("items", items)] + emptyTables
        var workbook = "<workbook xmlns=\"\(main)\" xmlns:r=\"\(rel)\"><sheets>"
        var rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        var parts: [(String, String)] = []
        for (k, sheet) in sheets.enumerated() {
            workbook += "<sheet name=\"\(sheet.0)\" sheetId=\"\(k + 1)\" r:id=\"rId\(k + 1)\"/>"
            rels += "<Relationship Id=\"rId\(k + 1)\" Type=\"\(rel)/\(k == 0 ? itemsType : "worksheet")\" Target=\"worksheets/sheet\(k + 1).xml\"/>"
            parts.append(("xl/worksheets/sheet\(k + 1).xml", "<worksheet xmlns=\"\(main)\"><sheetData>\(sheet.1)</sheetData></worksheet>"))
        }
        return parts + [
            ("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
            ("xl/workbook.xml", workbook + "</sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", rels + "</Relationships>"),
        ]
    }

    @Test func theValidWorkbookLoads() throws {
        #expect(try #require(graph(archive(Self.parts()))).graph.itemCount == 1)
    }

    /// A sheet part twice in the ZIP (in any case): refused, not the last one used in silence.
    @Test(arguments: ["xl/worksheets/sheet1.xml", "XL/Worksheets/Sheet1.xml"])
    func aPartTwiceIsRefused(second: String) {
        let bytes = archive(Self.parts() + [(second, "<worksheet xmlns=\"\(Self.main)\"><sheetData>\(sheetRow(1, ["id", "kind"]))</sheetData></worksheet>")])
        #expect(errors(bytes, name: "map.xlsx") == ["map.xlsx: error: the archive holds the part '\(second)' twice: which one is meant? (a damaged or doctored workbook) refused"])
    }

    /// One cell given twice, or a row given twice: an error at the cell or row.
    @Test(arguments: [
        (sheetRow(1, ["id", "kind"]) + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>ugv</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>system</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>material</t></is></c></row>",
         "map.xlsx:items!B2: error: the cell B2 is given twice (or out of order, after column B): which value is meant? is the workbook damaged?"),
        (sheetRow(1, ["id", "kind"]) + sheetRow(2, ["ugv", "system"]) + sheetRow(2, ["ugv", "material"]),
         "map.xlsx:items!A2: error: row 2 is given twice (or out of order, after row 2): which values are meant? is the workbook damaged?"),
    ])
    func aCellOrRowTwiceIsAnError(items: String, message: String) {
        #expect(errors(archive(Self.parts(items: items)), name: "map.xlsx") == [message])
    }

    /// A sheet whose relationship points at a part that is not a worksheet.
    @Test func aSheetThatIsNoWorksheetIsRefused() {
        let bytes = archive(Self.parts(itemsType: "chartsheet"))
        #expect(errors(bytes, name: "map.xlsx") == ["map.xlsx: error: sheet 'items' is not a worksheet: its relationship points at 'xl/worksheets/sheet1.xml', of type '\(Self.rel)/chartsheet' (a chart sheet? a damaged workbook?): refused"])
    }

    /// A part whose CRC-32 does not match its data (the CRC in both headers changed).
    @Test func aCRCMismatchIsRefused() {
        var bytes = archive(Self.parts())
        let name = Array("xl/worksheets/sheet1.xml".utf8)
        var k = 0
        var changed = 0
        while k + 46 < bytes.count {
            let local = bytes[k] == 0x50 && bytes[k + 1] == 0x4B && bytes[k + 2] == 3 && bytes[k + 3] == 4
            let central = bytes[k] == 0x50 && bytes[k + 1] == 0x4B && bytes[k + 2] == 1 && bytes[k + 3] == 2
            if local || central {
                let nameAt = k + (local ? 30 : 46), lengthAt = k + (local ? 26 : 28)
                let length = Int(bytes[lengthAt]) | Int(bytes[lengthAt + 1]) << 8
                if Array(bytes[nameAt..<min(bytes.count, nameAt + length)]) == name {
                    bytes[k + (local ? 14 : 16)] ^= 0xFF
                    changed += 1
                }
            }
            k += 1
        }
        #expect(changed == 2)
        #expect(errors(bytes, name: "map.xlsx") == ["map.xlsx: error: the part 'xl/worksheets/sheet1.xml' of the workbook fails its CRC-32 check: it is damaged (or was altered): refused"])
    }

    /// Encrypted and legacy workbooks: a message that says what they are.
    @Test func compoundFilesSayWhatTheyAre() {
        let magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        let encrypted = magic + [UInt8](repeating: 0, count: 504) + "EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let legacy = magic + [UInt8](repeating: 0, count: 504) + "Workbook".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(errors(encrypted, name: "secret.xlsx") == ["secret.xlsx: error: this is a password-protected (encrypted) workbook, which Chokepoint cannot read: save a copy without the password (in Excel: File > Info > Protect Workbook > Encrypt with Password, cleared)"])
        #expect(errors(legacy, name: "old.xls") == ["old.xls: error: this is an OLE compound file, such as a legacy Excel 97–2003 workbook (.xls), which Chokepoint does not read: save it as an Excel Workbook (.xlsx) or as CSV"])
    }
}
