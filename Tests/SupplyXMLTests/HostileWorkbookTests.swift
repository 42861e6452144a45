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
}
