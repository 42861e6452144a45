import ArgumentParser
import SupplyXML

/// `chokepoint template`: the blank workbook to fill in (the article "Workbooks and CSV folders").
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Write the blank workbook (xlsx) to fill in: one sheet per table, and a README sheet explaining each column.",
        discussion: "Sheets: \(WorkbookWriter.sheetSummary). Headers are the XML attribute names, in any order "
            + "(matched in any case); a column whose header starts with '#' is yours and never read; other columns are ignored and "
            + "listed by `validate`; empty rows are skipped. A workbook with an items sheet needs bom, suppliers and supplies "
            + "sheets too (one with only its header row says the table is empty). Every command reads the filled workbook as it "
            + "reads XML (and a folder of CSV files named after the sheets, such as items.csv, separated by ',' or by ';' with "
            + "decimal commas). Example: chokepoint template -o map.xlsx")

    @Option(name: .shortAndLong, help: ArgumentHelp("The workbook to write (such as map.xlsx).", valueName: "file"))
    var output: String

    func run() throws {
        try writeFile(bytes: WorkbookWriter().template(), to: output)
    }
}
