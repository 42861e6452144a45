/// The format a record was read from.
public enum DataFormat: String, Hashable, Sendable, CaseIterable {
    /// The native supply-chain XML (`urn:chokepoint:supply-chain:1`).
    case xml
    /// An Office Open XML workbook (`.xlsx`) with the sheets of the article "The supply-chain XML format".
    case xlsx
    /// A folder of CSV files (`items.csv`, `bom.csv`, ...).
    case csv
    /// A CycloneDX 1.5–1.7 XML bill of materials.
    case cyclonedx
}

/// One place records come from: a file, and in a workbook the sheet (a CSV file of a folder is
/// a file of its own).
public struct DataSource: Hashable, Sendable {
    /// The file as diagnostics name it (the path as given; for a CSV folder, the folder's path
    /// and the file's name).
    public let file: String
    /// The sheet of a workbook, `nil` for every other format.
    public let sheet: String?
    /// The format of the file.
    public let format: DataFormat

    /// Creates a source.
    /// - Complexity: O(1).
    public init(file: String, sheet: String? = nil, format: DataFormat) {
        self.file = file; self.sheet = sheet; self.format = format
    }
}

/// Where one record came from, compactly: a number in the graph's table of ``DataSource``s,
/// the line (a workbook's row) and the column (a workbook's or CSV file's column number).
public struct RecordOrigin: Hashable, Sendable {
    /// The index into ``SupplyGraph/dataSources`` (or the builder's ``SupplyGraphBuilder/Provenance/sources``).
    public var source: UInt32
    /// The line, or the row of a sheet; 1-based.
    public var line: UInt32
    /// The column in characters (XML) or the column number (sheets, CSV); 1-based, 0 unknown.
    public var column: UInt32

    /// Creates an origin.
    /// - Complexity: O(1).
    public init(source: UInt32, line: UInt32, column: UInt32) {
        self.source = source; self.line = line; self.column = column
    }
}

extension SupplyGraphBuilder {
    /// Where each record came from, given by the reader beside the records (parallel arrays:
    /// entry `k` of ``items`` is the origin of the item record `k`, and so on). Empty arrays
    /// when the reader keeps none; the graph then has no provenance.
    public struct Provenance: Sendable {
        /// The files (and sheets) the origins refer to.
        public var sources: [DataSource] = []
        /// The origin of each item record.
        public var items: [RecordOrigin] = []
        /// The origin of each supplier record.
        public var suppliers: [RecordOrigin] = []
        /// The origin of each BOM record.
        public var uses: [RecordOrigin] = []
        /// The origin of each supply record.
        public var supplies: [RecordOrigin] = []
        /// No provenance.
        /// - Complexity: O(1).
        public init() {}
    }
}

extension SupplyGraph {
    /// The place `origin` names, as diagnostics write it (`map.xlsx:supplies!C12`,
    /// `Graphs/x.xml:12:5`, `folder/items.csv:3:1`).
    /// - Complexity: O(1).
    public func location(of origin: RecordOrigin) -> InputLocation {
        let source = dataSources[Int(origin.source)]
        return InputLocation(file: source.file, sheet: source.sheet, line: Int(origin.line), column: Int(origin.column))
    }

    /// Where item `item` was defined, `nil` when the graph has no provenance.
    /// - Complexity: O(1).
    public func origin(of item: ItemID) -> RecordOrigin? {
        item.index < itemOrigins.count ? itemOrigins[item.index] : nil
    }

    /// Where supplier `supplier` was defined, `nil` when the graph has no provenance.
    /// - Complexity: O(1).
    public func origin(of supplier: SupplierID) -> RecordOrigin? {
        supplier.index < supplierOrigins.count ? supplierOrigins[supplier.index] : nil
    }

    /// Where supply edge `edge` was given (its first copy when it was given twice), `nil`
    /// when the graph has no provenance.
    /// - Complexity: O(1).
    public func origin(of edge: SupplyEdgeID) -> RecordOrigin? {
        edge.index < supplyEdgeOrigins.count ? supplyEdgeOrigins[edge.index] : nil
    }

    /// Where BOM edge number `edge` (an index into ``usesChild``) was given (its first entry
    /// when a parent lists the child twice), `nil` when the graph has no provenance.
    /// - Complexity: O(1).
    public func origin(ofUsesEdge edge: Int) -> RecordOrigin? {
        edge < usesEdgeOrigins.count ? usesEdgeOrigins[edge] : nil
    }
}
