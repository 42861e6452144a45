import ArgumentParser
import SupplyXML

/// `chokepoint template`: the blank workbook (the article "The supply-chain XML format").
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Write the blank workbook (xlsx) to fill in: one sheet per table, and a README sheet explaining each column.",
        discussion: """
            Sheets: dataSet (name, asOf, currency, home), countryGroups (id, name, members), items (id, \
            kind, name, unit, demand, stock, weight, price, commodity), bom (parent, item, quantity), \
            suppliers (id, name, country, controlledBy, recoveryDays, cage, aggregate), supplies (supplier, item, share, capacity, \
            leadTimeDays), sourcedFrom (supplier, item, input, suppliers). Headers are the XML attribute \
            names, in any order; other columns are ignored; empty rows are skipped. Every command reads \
            the filled workbook as it reads XML (and a folder of CSV files named after the sheets, such as \
            items.csv). Example: chokepoint template -o map.xlsx
            """)

    @Option(name: .shortAndLong, help: ArgumentHelp("The workbook to write (such as map.xlsx).", valueName: "file"))
    var output: String

    func run() throws {
        try writeFile(bytes: WorkbookWriter().template(), to: output)
    }
}
