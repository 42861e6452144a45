import Foundation
import OutputFormats
import SupplyGraph
import ZIPFoundation

/// Writes the workbook (`.xlsx`) of the article "Workbooks and CSV folders": a `README` sheet
/// that explains every column,
/// then `dataSet`, `countryGroups`, `items`, `bom`, `suppliers`, `supplies` and `sourcedFrom`,
/// each with its header row — blank (`chokepoint template`) or holding a graph (`export xlsx`),
/// which reads back into the same graph. Text goes into the shared strings, numbers into
/// number cells written so they read back exactly; the archive's dates are fixed, so the same
/// graph gives the same bytes.
public struct WorkbookWriter: Sendable {
    /// Creates a writer.
    /// - Complexity: O(1).
    public init() {}

    /// What each column holds, for the `README` sheet: (sheet, column, meaning), from the
    /// one registry of tables and columns the readers read too.
    public static let columnHelp: [(sheet: String, column: String, meaning: String)] =
        TableKind.readingOrder.flatMap { kind in kind.columns.map { (kind.rawValue, $0.name, $0.help) } }

    /// The sheets and their columns, as `items (id, kind, ...), bom (...)`, for help texts.
    public static let sheetSummary: String =
        TableKind.readingOrder.map { "\($0.rawValue) (\($0.columns.map(\.name).joined(separator: ", ")))" }.joined(separator: ", ")

    /// A cell: text (a shared string) or a number.
    enum Cell { case text(String), number(Double), empty }

    /// The blank workbook: headers only, and the `README`.
    /// - Complexity: O(1).
    public func template() -> [UInt8] { workbook(sheets(for: nil)) }

    /// The workbook holding `graph`.
    /// - Complexity: O(items + suppliers + edges + sourcing entries).
    public func document(for graph: SupplyGraph) -> [UInt8] { workbook(sheets(for: graph)) }

    /// The same tables as CSV files of a folder (`items.csv`, ...; RFC 4180, UTF-8, CR LF),
    /// each with its header row; tables without rows are left out, but for `bom.csv`,
    /// `suppliers.csv` and `supplies.csv` beside an `items.csv` (a folder that holds a map
    /// needs them: with only a header row, they say the table is empty).
    /// - Complexity: O(items + suppliers + edges + sourcing entries).
    public func csvFiles(for graph: SupplyGraph) -> [(name: String, text: String)] {
        let hasItems = graph.itemCount > 0
        return sheets(for: graph).dropFirst().compactMap { sheet in
            let required = hasItems && NameMatch.table(named: sheet.name)?.isRequiredBesideItems == true
            guard sheet.rows.count > 1 || required else { return nil }
            let text = sheet.rows.map { row in
                CSVWriter.row(row.map { cell -> String in
                    switch cell {
                    case .empty: ""
                    case .number(let x): SupplyChainWriter.number(x)
                    case .text(let s): s
                    }
                })
            }.joined(separator: "\r\n") + "\r\n"
            return (sheet.name + ".csv", text)
        }
    }

    private func sheets(for graph: SupplyGraph?) -> [(name: String, rows: [[Cell]])] {
        var result: [(String, [[Cell]])] = []
        var readme: [[Cell]] = [[.text("Chokepoint supply map: one sheet per table, as `chokepoint template --help` lists them; every rule is in the article \"Workbooks and CSV folders\" of the documentation. Headers are the XML attribute names, in any order (matched in any case); other columns are ignored, empty rows skipped. Read with: chokepoint report THIS.xlsx")],
                                [.text("A workbook with an items sheet needs bom, suppliers and supplies sheets too (a sheet with only its header row says the table is empty). A sheet or column whose name starts with # is never read; a name that nearly is a table's or a column's is an error. Numbers are number cells, or text with a decimal point and no thousands separator.")],
                                [.text("sheet"), .text("column"), .text("meaning")]]
        for help in Self.columnHelp { readme.append([.text(help.sheet), .text(help.column), .text(help.meaning)]) }
        result.append(("README", readme))
        for kind in TableKind.readingOrder {
            var rows: [[Cell]] = [kind.columns.map { .text($0.name) }]
            if let graph { rows += Self.rows(kind, graph) }
            result.append((kind.rawValue, rows))
        }
        return result
    }

    private static func text(_ s: String?) -> Cell { s.map(Cell.text) ?? .empty }
    private static func number(_ x: Double?) -> Cell { x.map(Cell.number) ?? .empty }

    private static func rows(_ kind: TableKind, _ graph: SupplyGraph) -> [[Cell]] {
        switch kind {
        case .dataSet:
            let names = graph.dataSetNames.filter { !$0.isEmpty }
            let asOf = graph.dataSetAsOf.first { !$0.isEmpty }
            guard !names.isEmpty || asOf != nil || graph.currency != nil || graph.home != nil else { return [] }
            return [[text(names.isEmpty ? nil : names.joined(separator: " + ")), text(asOf), text(graph.currency), text(graph.home?.code)]]
        case .countryGroups:
            return graph.userGroups.map { [.text($0.id), .text($0.name), .text($0.members.sorted().map(\.code).joined(separator: " "))] }
        case .items:
            return graph.items.map { item in
                let i = item.index, k = graph.itemKinds[i]
                return [.text(graph.itemKeys[i]), .text(k.description), .text(graph.itemNames[i]), .text(graph.itemUnits[i]),
                        graph.itemDemand[i] != 0 ? .number(graph.itemDemand[i]) : .empty,
                        graph.itemStock[i] != 0 ? .number(graph.itemStock[i]) : .empty,
                        k == .system && graph.itemWeight[i] != 1 ? .number(graph.itemWeight[i]) : .empty,
                        number(graph.itemPrice[i]), number(graph.itemMaxPurchase[i]), text(graph.itemCommodity[i])]
            }
        case .bom:
            return (0..<graph.usesEdgeCount).map { k in
                [.text(graph.itemKeys[graph.usesParent[k].index]), .text(graph.itemKeys[graph.usesChild[k].index]), .number(graph.usesQuantity[k])]
            }
        case .suppliers:
            return graph.suppliers.map { supplier in
                let s = supplier.index
                let country = graph.supplierCountries[s].isKnown && !graph.supplierCountryInferred[s] ? graph.supplierCountries[s].code : nil
                let derived = !graph.supplierControlledByDerived.isEmpty && graph.supplierControlledByDerived[s]
                let owner = graph.supplierControlledBy[s].isKnown && !derived ? graph.supplierControlledBy[s].code : nil
                return [.text(graph.supplierKeys[s]), .text(graph.supplierNames[s]), text(country), text(owner),
                        number(graph.supplierRecoveryDays[s]), text(graph.supplierCage[s]),
                        graph.supplierIsAggregate[s] ? .text("true") : .empty,
                        text(graph.lei(of: .supplier(supplier))), text(graph.registration(of: .supplier(supplier)))]
            }
        case .supplies:
            return (0..<graph.supplyEdgeCount).map { e in
                [.text(graph.supplierKeys[graph.edgeSupplier[e].index]), .text(graph.itemKeys[graph.edgeItem[e].index]),
                 number(graph.edgeShare[e]), number(graph.edgeCapacity[e]), number(graph.edgeLeadTimeDays[e])]
            }
        case .sourcedFrom:
            var rows: [[Cell]] = []
            for e in 0..<graph.supplyEdgeCount {
                for entry in graph.sourcing(of: SupplyEdgeID(e)) {
                    rows.append([.text(graph.supplierKeys[graph.edgeSupplier[e].index]), .text(graph.itemKeys[graph.edgeItem[e].index]),
                                 .text(graph.itemKeys[entry.input]),
                                 .text(entry.suppliers.map { graph.supplierKeys[$0] }.joined(separator: " "))])
                }
            }
            return rows
        case .entities:
            let o = graph.ownership
            return (0..<o.entityCount).map { e in
                [.text(o.entityKeys[e]), .text(o.entityNames[e]), text(o.entityCountries[e].isKnown ? o.entityCountries[e].code : nil),
                 text(o.entityLEI[e]), text(o.entityRegistration[e]), text(o.entityIsPerson[e] ? "true" : nil)]
            }
        case .owners:
            return graph.ownership.links.map { link in
                [.text(graph.key(of: link.of)), .text(graph.key(of: link.by)), number(link.share), text(link.controlGiven ? "true" : nil)]
            }
        case .options:
            return graph.options.map { o in
                [.text(o.id), .text(graph.itemKeys[o.item]), .text(o.country.code), .number(o.share), .number(o.cost),
                 o.leadTimeDays != 0 ? .number(o.leadTimeDays) : .empty, o.name != o.id ? .text(o.name) : .empty]
            }
        }
    }

    // MARK: The package

    func workbook(_ sheets: [(name: String, rows: [[Cell]])]) -> [UInt8] {
        var strings: [String] = [], index: [String: Int] = [:]
        func shared(_ s: String) -> Int {
            if let k = index[s] { return k }
            index[s] = strings.count
            strings.append(s)
            return strings.count - 1
        }
        var parts: [(String, String)] = []
        for (n, sheet) in sheets.enumerated() {
            var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            for (r, row) in sheet.rows.enumerated() {
                xml += "<row r=\"\(r + 1)\">"
                for (c, cell) in row.enumerated() {
                    let ref = InputLocation.columnName(c + 1) + String(r + 1)
                    switch cell {
                    case .empty: continue
                    case .text(let s): xml += "<c r=\"\(ref)\" t=\"s\"><v>\(shared(s))</v></c>"
                    case .number(let x): xml += "<c r=\"\(ref)\"><v>\(SupplyChainWriter.number(x))</v></c>"
                    }
                }
                xml += "</row>"
            }
            xml += "</sheetData></worksheet>\n"
            parts.append(("xl/worksheets/sheet\(n + 1).xml", xml))
        }
        var sst = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(strings.count)\" uniqueCount=\"\(strings.count)\">"
        for s in strings {
            let preserve = s.first?.isWhitespace == true || s.last?.isWhitespace == true ? " xml:space=\"preserve\"" : ""
            sst += "<si><t\(preserve)>\(XMLText.escaped(s))</t></si>"
        }
        sst += "</sst>\n"
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var contentTypes = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        var workbook = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"\(main)\" xmlns:r=\"\(rel)\"><sheets>"
        var workbookRels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for (n, sheet) in sheets.enumerated() {
            contentTypes += "<Override PartName=\"/xl/worksheets/sheet\(n + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            workbook += "<sheet name=\"\(sheet.name)\" sheetId=\"\(n + 1)\" r:id=\"rId\(n + 1)\"/>"
            workbookRels += "<Relationship Id=\"rId\(n + 1)\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet\(n + 1).xml\"/>"
        }
        let k = sheets.count
        workbookRels += "<Relationship Id=\"rId\(k + 1)\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rId\(k + 2)\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/></Relationships>\n"
        contentTypes += "</Types>\n"
        workbook += "</sheets></workbook>\n"
        let rootRels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>\n"
        let styles = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet xmlns=\"\(main)\"><fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills><borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/></cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>\n"
        let all = [("[Content_Types].xml", contentTypes), ("_rels/.rels", rootRels), ("xl/workbook.xml", workbook),
                   ("xl/_rels/workbook.xml.rels", workbookRels), ("xl/styles.xml", styles), ("xl/sharedStrings.xml", sst)] + parts
        return Self.zip(all.map { ($0.0, Array($0.1.utf8)) })
    }

    /// A ZIP archive of the parts, deflated, dated 1 January 1980 (so the bytes are the same
    /// each time).
    static func zip(_ parts: [(String, [UInt8])]) -> [UInt8] {
        guard let archive = try? Archive(data: Data(), accessMode: .create, pathEncoding: nil) else { return [] }
        let date = Date(timeIntervalSince1970: 315_532_800)
        for (path, bytes) in parts {
            let data = Data(bytes)
            try? archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                                  compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return Array(archive.data ?? Data())
    }
}
