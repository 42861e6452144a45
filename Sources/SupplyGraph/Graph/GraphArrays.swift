/// The arrays the freeze lays out and the graph keeps, one group per part of the graph.
struct ItemArrays {
    var keys: [String], names: [String], kinds: [ItemKind], units: [String], demand: [Double], stock: [Double]
    var weight: [Double], price: [Double?], maxPurchase: [Double?], commodity: [String?]
}
struct UsesArrays { var offsets: [UInt32], child: [ItemID], quantity: [Double], parent: [ItemID], usedByOffsets: [UInt32], usedByEdges: [UsesEdgeID] }
struct SupplierArrays {
    var keys: [String], names: [String], countries: [Country], controlledBy: [Country], recoveryDays: [Double?]
    var cage: [String?]
    var countryInferred: [Bool]
    var aggregate: [Bool]
}
struct EdgeArrays {
    var supplier: [SupplierID], item: [ItemID], share: [Double?], capacity: [Double?], leadTimeDays: [Double?]
    var itemOffsets: [UInt32], supplierOffsets: [UInt32], supplierEdges: [SupplyEdgeID]
}
struct SourcingArrays {
    var offsets: [UInt32], input: [ItemID], supplierOffsets: [UInt32], suppliers: [SupplierID]
    var edgeOffsets: [UInt32], edges: [SupplyEdgeID]
}
struct DataSetArrays { var names: [String], asOf: [String], currency: String?, options: [SupplyOption] = [], home: Country? }
/// Where the graph's records came from: per item, supplier, BOM edge and supply edge (empty
/// when the builder was given no provenance).
struct OriginArrays {
    var sources: [DataSource] = [], items: [RecordOrigin] = [], suppliers: [RecordOrigin] = []
    var uses: [RecordOrigin] = [], supplies: [RecordOrigin] = []
}
