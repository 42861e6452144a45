import Foundation
import ZIPFoundation

/// Writes workbooks in the layout of the Responsible Minerals Initiative's templates (CMRT 6.x,
/// EMRT 2.x, AMRT 1.x), with the project's own fictional content — never RMI's files, which
/// are copyrighted. What a real template holds and a reader must survive is there on request:
/// formula cells with cached values, thousands of formula rows without one, merged cells,
/// hidden rows and columns, "Smelter not yet identified" and "Smelter not listed" rows.
public struct RMITemplateWriter {
    /// Which template family and layout.
    public enum Layout: Sendable {
        /// CMRT 6.x, EMRT 1.x–2.x, AMRT 1.3: B metal, C look-up, D name, E country,
        /// F identification, hidden R standard name and S country code.
        case lookUp
        /// AMRT 1.1–1.2: A metal, B name, C country, D identification, hidden P, Q.
        case amrtEarly
    }

    /// One Smelter List row.
    public struct Row: Sendable {
        /// Column B (A in AMRT 1.1–1.2).
        public var metal: String
        /// The look-up (C): a smelter name, "Smelter not listed" or "Smelter not yet identified".
        public var lookUp: String?
        /// The typed name (D).
        public var name: String?
        /// The country name (E).
        public var country: String?
        /// The identification (F).
        public var identification: String?
        /// The hidden standard name (R); written as a formula with this cached value.
        public var standardName: String?
        /// The hidden country code (S); written as a formula with this cached value.
        public var countryCode: String?
        /// Whether the row is hidden (`<row hidden="1">`).
        public var hidden = false
        /// Creates a row.
        public init(metal: String, lookUp: String? = nil, name: String? = nil, country: String? = nil,
                    identification: String? = nil, standardName: String? = nil, countryCode: String? = nil) {
            self.metal = metal; self.lookUp = lookUp; self.name = name; self.country = country
            self.identification = identification; self.standardName = standardName; self.countryCode = countryCode
        }
    }

    /// The title on the Declaration (row 2).
    public var title = "Conflict Minerals Reporting Template (CMRT)"
    /// The revision text and its cell (`Revision 6.5` in J3).
    public var revision = "Revision 6.5"
    /// The revision's cell.
    public var revisionCell = "J3"
    /// The company name (D8).
    public var company = "Fictional Company"
    /// The scope (D9).
    public var scope = "A.  Company"
    /// The layout of the Smelter List.
    public var layout = Layout.lookUp
    /// The smelter rows, from row 5.
    public var rows: [Row] = []
    /// Formula rows without a cached value after the data (as the templates carry thousands).
    public var emptyFormulaRows = 0
    /// The Product List (product numbers, column B) when non-empty.
    public var products: [String] = []
    /// Other sheets to add by name (empty), such as "Minerals Scope" or "Mine List".
    public var extraSheets: [String] = []

    /// Creates a writer with the defaults (a CMRT 6.5 of "Fictional Company").
    public init() {}

    /// The workbook's bytes.
    /// - Complexity: O(rows + emptyFormulaRows).
    public func workbook() throws -> Data {
        var sheets: [(String, String)] = [("Instructions", sheetXML(rows: ["<row r=\"1\">\(inline("A1", "Fictional instructions"))</row>"]))]
        sheets.append(("Declaration", declarationSheet()))
        sheets.append(("Smelter List", smelterSheet()))
        sheets.append(("Product List", productSheet()))
        for name in extraSheets { sheets.append((name, sheetXML(rows: []))) }
        sheets.append(("Smelter Look-up", sheetXML(rows: ["<row r=\"1\">\(inline("A1", "Metal"))\(inline("B1", "Smelter Look-up"))</row>"])))
        return try Self.archive(sheets: sheets)
    }

    /// Writes the workbook to `url`.
    /// - Complexity: O(rows + emptyFormulaRows).
    public func write(to url: URL) throws { try workbook().write(to: url) }

    private func declarationSheet() -> String {
        var rows: [String] = []
        rows.append("<row r=\"2\">\(inline("B2", title))</row>")
        let (revColumn, revRow) = Self.split(revisionCell)
        var byRow: [Int: [(String, String)]] = [:]
        byRow[revRow, default: []].append((revColumn, inline(revisionCell, revision)))
        byRow[8, default: []] += [("B", inline("B8", "Company Name (*):")), ("D", inline("D8", company))]
        byRow[9, default: []] += [("B", inline("B9", "Declaration Scope or Class (*):")), ("D", inline("D9", scope))]
        for r in byRow.keys.sorted() where r != 2 {
            let cells = byRow[r]!.sorted { ($0.0.count, $0.0) < ($1.0.count, $1.0) }.map(\.1)
            rows.append("<row r=\"\(r)\">\(cells.joined())</row>")
        }
        // D8:I8 merged, as the template merges the answer cells.
        return sheetXML(rows: rows, merged: ["B2:J2", "D8:I8", "D9:I9"])
    }

    private func smelterSheet() -> String {
        let c: (metal: String, lookUp: String?, name: String, country: String, id: String, standard: String, code: String) =
            layout == .lookUp ? ("B", "C", "D", "E", "F", "R", "S") : ("A", nil, "B", "C", "D", "P", "Q")
        var rows: [String] = []
        rows.append("<row r=\"1\">\(inline("A1", "Smelter List - Fictional instructions"))</row>")
        // Row 3 hidden, as templates hide helper rows; row 4 the header.
        rows.append("<row r=\"3\" hidden=\"1\">\(inline("A3", "helper"))</row>")
        var header = [inline("\(c.metal)4", "Metal (*)")]
        if let lookUp = c.lookUp { header.append(inline("\(lookUp)4", "Smelter Look-up (*)")) }
        header += [inline("\(c.name)4", "Smelter Name (1)"), inline("\(c.country)4", "Smelter Country (*)"),
                   inline("\(c.id)4", "Smelter Identification"), inline("\(c.standard)4", "Standard Smelter Name"),
                   inline("\(c.code)4", "Country Code")]
        rows.append("<row r=\"4\">\(header.joined())</row>")
        var r = 5
        for row in self.rows {
            var cells = [inline("\(c.metal)\(r)", row.metal)]
            if let lookUp = c.lookUp, let v = row.lookUp { cells.append(inline("\(lookUp)\(r)", v)) }
            if let v = row.name { cells.append(inline("\(c.name)\(r)", v)) }
            if let v = row.country { cells.append(inline("\(c.country)\(r)", v)) }
            if let v = row.identification { cells.append(formula("\(c.id)\(r)", "IFERROR(VLOOKUP(C\(r),L,2,0),\"\")", cached: v)) }
            if let v = row.standardName { cells.append(formula("\(c.standard)\(r)", "IFERROR(VLOOKUP(F\(r),L,3,0),\"\")", cached: v)) }
            if let v = row.countryCode { cells.append(formula("\(c.code)\(r)", "IFERROR(VLOOKUP(E\(r),K,2,0),\"\")", cached: v)) }
            rows.append("<row r=\"\(r)\"\(row.hidden ? " hidden=\"1\"" : "")>\(cells.joined())</row>")
            r += 1
        }
        for _ in 0..<emptyFormulaRows {
            // The template's empty rows: formulas in the hidden columns, no cached value.
            rows.append("<row r=\"\(r)\"><c r=\"\(c.standard)\(r)\" t=\"str\"><f>IF(B\(r)=\"\",\"\",VLOOKUP(F\(r),L,3,0))</f></c><c r=\"\(c.code)\(r)\" t=\"str\"><f>IF(B\(r)=\"\",\"\",VLOOKUP(E\(r),K,2,0))</f></c></row>")
            r += 1
        }
        return sheetXML(rows: rows, merged: ["A1:Q1"], hiddenColumns: layout == .lookUp ? (18, 23) : (16, 21))
    }

    private func productSheet() -> String {
        var rows = ["<row r=\"1\">\(inline("A1", "Product List - Fictional instructions"))</row>",
                    "<row r=\"4\">\(inline("B4", "Manufacturer's Product Number (*)"))\(inline("C4", "Manufacturer's Product Name"))</row>"]
        for (k, product) in products.enumerated() { rows.append("<row r=\"\(5 + k)\">\(inline("B\(5 + k)", product))</row>") }
        return sheetXML(rows: rows)
    }

    private static func split(_ reference: String) -> (String, Int) {
        let letters = reference.prefix { $0.isLetter }
        return (String(letters), Int(reference.dropFirst(letters.count)) ?? 1)
    }

    private func inline(_ reference: String, _ text: String) -> String {
        "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(Self.escaped(text))</t></is></c>"
    }

    private func formula(_ reference: String, _ formula: String, cached: String) -> String {
        "<c r=\"\(reference)\" t=\"str\"><f>\(Self.escaped(formula))</f><v>\(Self.escaped(cached))</v></c>"
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    private func sheetXML(rows: [String], merged: [String] = [], hiddenColumns: (Int, Int)? = nil) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        if let (from, to) = hiddenColumns { xml += "<cols><col min=\"\(from)\" max=\"\(to)\" width=\"9\" hidden=\"1\"/></cols>" }
        xml += "<sheetData>" + rows.joined() + "</sheetData>"
        if !merged.isEmpty {
            xml += "<mergeCells count=\"\(merged.count)\">" + merged.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>"
        }
        return xml + "</worksheet>"
    }

    /// A workbook archive of the given sheets (name, sheet XML).
    static func archive(sheets: [(String, String)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        try add("[Content_Types].xml", header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + sheets.indices.map { "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined() + "</Types>")
        try add("_rels/.rels", header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")
        try add("xl/workbook.xml", header + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
            + sheets.enumerated().map { "<sheet name=\"\(escaped($0.element.0))\" sheetId=\"\($0.offset + 1)\" r:id=\"rId\($0.offset + 1)\"/>" }.joined() + "</sheets></workbook>")
        try add("xl/_rels/workbook.xml.rels", header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined() + "</Relationships>")
        for (k, sheet) in sheets.enumerated() { try add("xl/worksheets/sheet\(k + 1).xml", sheet.1) }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }
}

extension RMITemplateWriter {
    /// The bundled, fictional declaration `Graphs/fict-penetrator-at-cmrt.xlsx`: a CMRT 6.5 of
    /// the fictional penetrator maker of `Graphs/nl-defence.xml`, whose tungsten comes from two
    /// fictional Chinese refiners and one fictional Russian works, with one row not yet
    /// identified. Every name and identification is made up (the CIDs are in no real range).
    public static var bundledFictionalCMRT: RMITemplateWriter {
        var w = RMITemplateWriter()
        w.title = "Conflict Minerals Reporting Template (CMRT) — fictional example written by chokepoint's tests"
        w.revision = "Revision 6.5"
        w.company = "FICTIONAL HEAVY-ALLOY PENETRATOR MAKER (AT)"
        w.scope = "A.  Company"
        w.rows = [
            .init(metal: "Tungsten", lookUp: "Fictional Tungsten Refinery Alpha", country: "CHINA", identification: "CID990001",
                  standardName: "Fictional Tungsten Refinery Alpha", countryCode: "CN"),
            .init(metal: "Tungsten", lookUp: "Fictional Tungsten Refinery Beta", country: "CHINA", identification: "CID990002",
                  standardName: "Fictional Tungsten Refinery Beta", countryCode: "CN"),
            .init(metal: "Tungsten", lookUp: "Smelter not listed", name: "Fictional Tungsten Works Gamma", country: "RUSSIAN FEDERATION"),
            .init(metal: "Tungsten", lookUp: "Smelter not yet identified", standardName: "Unknown"),
        ]
        w.emptyFormulaRows = 2_000
        return w
    }
}
