/// A supply chain as an immutable graph: items linked by BOM edges, suppliers linked to the
/// items they make by supply edges.
///
/// Stored as parallel arrays with compressed-sparse-row adjacency in both directions (as in
/// petgraph's `Csr`): the children of an item are one contiguous slice, and so are its parents,
/// its supply edges (edges are sorted by item) and a supplier's edges. Build one with
/// ``SupplyGraphBuilder``; the graph never changes afterwards and is `Sendable`.
public struct SupplyGraph: Sendable {
    // MARK: Items
    /// Each item's id as written in the data (`titanium-sponge`).
    public let itemKeys: IDArray<ItemID, String>
    /// Each item's readable name.
    public let itemNames: IDArray<ItemID, String>
    /// Each item's kind.
    public let itemKinds: IDArray<ItemID, ItemKind>
    /// Each item's unit (`pcs`, `kg`, `t`, ...).
    public let itemUnits: IDArray<ItemID, String>
    /// Each item's own yearly demand in its unit (0 when none is given).
    public let itemDemand: IDArray<ItemID, Double>
    /// Each item's stock on hand in its unit (0 when none is given).
    public let itemStock: IDArray<ItemID, Double>
    /// Each item's weight, its priority in rankings: given on systems (finite, > 0), 1 when
    /// not given and for every component and material.
    public let itemWeight: IDArray<ItemID, Double>
    /// Each item's price per unit in ``currency`` (finite, >= 0), `nil` when none is given.
    public let itemPrice: IDArray<ItemID, Double?>
    /// Each item's cap on what the budget plan may buy, in its unit (finite, >= 0), `nil` when
    /// none is given.
    public let itemMaxPurchase: IDArray<ItemID, Double?>
    /// Each item's commodity, the raw material family of all its stages and grades, in its
    /// canonical word (``Commodity/canonical(_:)``: `gallium`, `aluminium`); `nil` when none
    /// is given.
    public let itemCommodity: IDArray<ItemID, String?>

    // MARK: BOM
    let usesOffsets: [UInt32]
    /// The child of each BOM edge, edges grouped by parent.
    public let usesChild: IDArray<UsesEdgeID, ItemID>
    /// The quantity of the child per unit of the parent, for each BOM edge.
    public let usesQuantity: IDArray<UsesEdgeID, Double>
    /// The parent of each BOM edge.
    public let usesParent: IDArray<UsesEdgeID, ItemID>
    let usedByOffsets: [UInt32]
    let usedByEdges: [UsesEdgeID]

    // MARK: Suppliers
    /// Each supplier's id as written in the data.
    public let supplierKeys: IDArray<SupplierID, String>
    /// Each supplier's readable name.
    public let supplierNames: IDArray<SupplierID, String>
    /// Each supplier's country of production, ``Country/unknown`` when not given.
    public let supplierCountries: IDArray<SupplierID, Country>
    /// The country of each supplier's ultimate owner, ``Country/unknown`` when not given; where
    /// the data gives none, the country of its ultimate controller in ``ownership``
    /// (``supplierControlledByDerived``).
    public internal(set) var supplierControlledBy: IDArray<SupplierID, Country>
    /// Whether each supplier's `controlledBy` was derived from its ultimate controller (the
    /// data gives none): to be shown as derived wherever it is shown. Empty when nothing is.
    public internal(set) var supplierControlledByDerived: [Bool] = []
    /// The owners of the suppliers: entities, owner links, controllers.
    public internal(set) var ownership = Ownership()
    /// Each supplier's time to recover after a disruption in days, `nil` when not given.
    public let supplierRecoveryDays: IDArray<SupplierID, Double?>
    /// Each supplier's NCAGE/CAGE code (five upper-case letters or digits), `nil` when not given.
    public let supplierCage: IDArray<SupplierID, String?>
    /// Whether each supplier's country was inferred from its CAGE code (``CageCode``) because
    /// the data gives no `country`: to be shown as inferred wherever the country is shown.
    public let supplierCountryInferred: IDArray<SupplierID, Bool>
    /// Whether each supplier is a country aggregate: a country row of a statistics table
    /// ("Rare-earth mining, China"), not a firm (`aggregate="true"`).
    public let supplierIsAggregate: IDArray<SupplierID, Bool>

    // MARK: Supply edges (sorted by item)
    /// The supplier of each supply edge.
    public let edgeSupplier: IDArray<SupplyEdgeID, SupplierID>
    /// The item of each supply edge.
    public let edgeItem: IDArray<SupplyEdgeID, ItemID>
    /// The share given on each edge, `nil` when none is given.
    public let edgeShare: IDArray<SupplyEdgeID, Double?>
    /// The capacity (units/year) given on each edge.
    public let edgeCapacity: IDArray<SupplyEdgeID, Double?>
    /// The lead time in days given on each edge.
    public let edgeLeadTimeDays: IDArray<SupplyEdgeID, Double?>
    let itemEdgeOffsets: [UInt32]
    let supplierEdgeOffsets: [UInt32]
    let supplierEdgeList: [SupplyEdgeID]

    // MARK: sourcedFrom
    let sourcingOffsets: [UInt32]          // per edge → sourcing entries
    let sourcingInput: [ItemID]            // per entry
    let sourcingSupplierOffsets: [UInt32]  // per entry → named suppliers
    let sourcingSuppliers: [SupplierID]
    let sourcingEdgeOffsets: [UInt32]      // per entry → the named suppliers' edges to the input
    let sourcingEdges: [SupplyEdgeID]

    // MARK: Whole graph
    /// The items in an order where every child comes before its parents.
    public let topologicalOrder: [ItemID]
    /// The groups the data defines, beside the built-in ones.
    public let userGroups: [CountryGroup]
    /// The data sets' own names (the `name` of each root that has a name or an `asOf`; empty
    /// when it has only a date), in reading order.
    public let dataSetNames: [String]
    /// The date each data set is as of (`asOf` of its root, `YYYY-MM-DD`; empty when not
    /// given), parallel to ``dataSetNames``.
    public let dataSetAsOf: [String]
    /// The currency of the prices (ISO 4217, such as `EUR`), `nil` when no data set gives one.
    /// All data sets that give one give the same.
    public let currency: String?
    /// The options the budget plan may take (new qualified sources, `<option>`), in reading order.
    public let options: [SupplyOption]
    /// The analyst's home country (`home` on the root), `nil` when no data set gives one. All
    /// data sets that give one give the same.
    public let home: Country?

    // MARK: Provenance
    /// The files (and workbook sheets) the records came from; empty when the builder was given
    /// no provenance (``SupplyGraphBuilder/provenance``).
    public let dataSources: [DataSource]
    /// Where each item was defined (parallel to ``itemKeys``), empty without provenance.
    public let itemOrigins: [RecordOrigin]
    /// Where each supplier was defined (parallel to ``supplierKeys``), empty without provenance.
    public let supplierOrigins: [RecordOrigin]
    /// Where each BOM edge was given (parallel to ``usesChild``), empty without provenance.
    public let usesEdgeOrigins: [RecordOrigin]
    /// Where each supply edge was given (parallel to ``edgeSupplier``), empty without provenance.
    public let supplyEdgeOrigins: [RecordOrigin]

    init(items: ItemArrays, uses: UsesArrays, suppliers: SupplierArrays, edges: EdgeArrays,
         sourcing: SourcingArrays, topologicalOrder: [ItemID], userGroups: [CountryGroup],
         dataSets: DataSetArrays, origins: OriginArrays, index: KeyIndex) {
        self.index = index
        itemKeys = IDArray(items.keys); itemNames = IDArray(items.names); itemKinds = IDArray(items.kinds)
        itemUnits = IDArray(items.units); itemDemand = IDArray(items.demand); itemStock = IDArray(items.stock)
        itemWeight = IDArray(items.weight); itemPrice = IDArray(items.price)
        itemMaxPurchase = IDArray(items.maxPurchase)
        itemCommodity = IDArray(items.commodity)
        usesOffsets = uses.offsets; usesChild = IDArray(uses.child); usesQuantity = IDArray(uses.quantity)
        usesParent = IDArray(uses.parent); usedByOffsets = uses.usedByOffsets; usedByEdges = uses.usedByEdges
        supplierKeys = IDArray(suppliers.keys); supplierNames = IDArray(suppliers.names)
        supplierCountries = IDArray(suppliers.countries); supplierControlledBy = IDArray(suppliers.controlledBy)
        supplierRecoveryDays = IDArray(suppliers.recoveryDays); supplierCage = IDArray(suppliers.cage)
        supplierCountryInferred = IDArray(suppliers.countryInferred)
        supplierIsAggregate = IDArray(suppliers.aggregate)
        edgeSupplier = IDArray(edges.supplier); edgeItem = IDArray(edges.item); edgeShare = IDArray(edges.share)
        edgeCapacity = IDArray(edges.capacity); edgeLeadTimeDays = IDArray(edges.leadTimeDays)
        itemEdgeOffsets = edges.itemOffsets; supplierEdgeOffsets = edges.supplierOffsets
        supplierEdgeList = edges.supplierEdges
        sourcingOffsets = sourcing.offsets; sourcingInput = sourcing.input
        sourcingSupplierOffsets = sourcing.supplierOffsets; sourcingSuppliers = sourcing.suppliers
        sourcingEdgeOffsets = sourcing.edgeOffsets; sourcingEdges = sourcing.edges
        self.topologicalOrder = topologicalOrder
        self.userGroups = userGroups
        dataSetNames = dataSets.names; dataSetAsOf = dataSets.asOf; currency = dataSets.currency
        options = dataSets.options
        home = dataSets.home
        dataSources = origins.sources; itemOrigins = origins.items; supplierOrigins = origins.suppliers
        usesEdgeOrigins = origins.uses; supplyEdgeOrigins = origins.supplies
    }

    /// Every id (items, then suppliers, then groups), for ``item(withKey:)`` and
    /// ``supplier(withKey:)``: the builder's own index, kept.
    let index: KeyIndex

    // MARK: - Sizes

    /// The number of items.
    /// - Complexity: O(1).
    public var itemCount: Int { itemKeys.count }
    /// The number of suppliers.
    /// - Complexity: O(1).
    public var supplierCount: Int { supplierKeys.count }
    /// The number of supply edges.
    /// - Complexity: O(1).
    public var supplyEdgeCount: Int { edgeSupplier.count }
    /// The number of BOM edges.
    /// - Complexity: O(1).
    public var usesEdgeCount: Int { usesChild.count }

    /// Every supply edge, in storage order (grouped by item).
    /// - Complexity: O(1).
    public var supplyEdgeIDs: IDRange<SupplyEdgeID> { IDRange(0..<supplyEdgeCount) }
    /// Every BOM edge, in storage order (grouped by parent).
    /// - Complexity: O(1).
    public var usesEdgeIDs: IDRange<UsesEdgeID> { IDRange(0..<usesEdgeCount) }

    /// All item ids, in storage order.
    /// - Complexity: O(1) to create; O(items) to iterate.
    public var items: some RandomAccessCollection<ItemID> { (0..<itemCount).lazy.map(ItemID.init) }
    /// All supplier ids, in storage order.
    /// - Complexity: O(1) to create; O(suppliers) to iterate.
    public var suppliers: some RandomAccessCollection<SupplierID> { (0..<supplierCount).lazy.map(SupplierID.init) }
    /// The ids of the items of one kind, in storage order.
    /// - Complexity: O(items).
    public func items(ofKind kind: ItemKind) -> [ItemID] { items.filter { itemKinds[$0.index] == kind } }

    // MARK: - Adjacency

    /// The BOM edges from `item` to its children (the inputs it needs, all of them).
    /// - Complexity: O(1).
    @inlinable public func usesEdges(of item: ItemID) -> IDRange<UsesEdgeID> { IDRange(usesRange(item)) }
    @usableFromInline func usesRange(_ item: ItemID) -> Range<Int> {
        Int(usesOffsets[item.index])..<Int(usesOffsets[item.index + 1])
    }

    /// The children (BOM inputs) of `item`, each once (an input listed twice is one edge with the
    /// quantities added up).
    /// - Complexity: O(1) to create; O(children) to iterate.
    public func children(of item: ItemID) -> ArraySlice<ItemID> { usesChild.elements[usesRange(item)] }

    /// The BOM edges by which other items use `item`.
    /// - Complexity: O(1) to create; O(parents) to iterate.
    public func usedBy(_ item: ItemID) -> ArraySlice<UsesEdgeID> {
        usedByEdges[Int(usedByOffsets[item.index])..<Int(usedByOffsets[item.index + 1])]
    }

    /// The supply edges into `item` (its alternative sources: any one of them will do).
    /// - Complexity: O(1).
    public func supplyEdges(of item: ItemID) -> IDRange<SupplyEdgeID> {
        IDRange(Int(itemEdgeOffsets[item.index])..<Int(itemEdgeOffsets[item.index + 1]))
    }

    /// The supply edges out of `supplier`.
    /// - Complexity: O(1) to create; O(edges) to iterate.
    public func supplyEdges(from supplier: SupplierID) -> ArraySlice<SupplyEdgeID> {
        supplierEdgeList[Int(supplierEdgeOffsets[supplier.index])..<Int(supplierEdgeOffsets[supplier.index + 1])]
    }

    /// The `sourcedFrom` entries of a supply edge: for each named input, the suppliers the edge's
    /// supplier buys it from, and those suppliers' edges to the input.
    /// - Complexity: O(1) to create; O(entries) to iterate.
    public func sourcing(of edge: SupplyEdgeID) -> [Sourcing] {
        (Int(sourcingOffsets[edge.index])..<Int(sourcingOffsets[edge.index + 1])).map { entry in
            Sourcing(
                input: sourcingInput[entry],
                suppliers: sourcingSuppliers[Int(sourcingSupplierOffsets[entry])..<Int(sourcingSupplierOffsets[entry + 1])],
                edges: sourcingEdges[Int(sourcingEdgeOffsets[entry])..<Int(sourcingEdgeOffsets[entry + 1])])
        }
    }

    /// The range of sourcing entries of an edge (for allocation-free hot loops).
    /// - Complexity: O(1).
    public func sourcingEntries(of edge: SupplyEdgeID) -> Range<Int> {
        Int(sourcingOffsets[edge.index])..<Int(sourcingOffsets[edge.index + 1])
    }
    /// The input item of a sourcing entry.
    /// - Complexity: O(1).
    public func sourcingInput(ofEntry entry: Int) -> ItemID { sourcingInput[entry] }
    /// The named suppliers' edges to the input of a sourcing entry.
    /// - Complexity: O(1) to create; O(edges) to iterate.
    public func sourcingEdges(ofEntry entry: Int) -> ArraySlice<SupplyEdgeID> {
        sourcingEdges[Int(sourcingEdgeOffsets[entry])..<Int(sourcingEdgeOffsets[entry + 1])]
    }

    /// Whether any supply edge carries a `sourcedFrom`.
    /// - Complexity: O(1).
    public var hasSourcing: Bool { !sourcingInput.isEmpty }

    // MARK: - Look-up

    /// The id (items, then suppliers, then groups) of an index code.
    func key(ofCode code: Int32) -> String {
        let c = Int(code)
        return c < itemCount ? itemKeys[c] : c < itemCount + supplierCount ? supplierKeys[c - itemCount]
            : userGroups[c - itemCount - supplierCount].id
    }

    /// Finds an item by the id written in the data (byte for byte).
    /// - Complexity: O(length of `key`) expected: a look-up in the index the builder made.
    public func item(withKey key: String) -> ItemID? {
        guard let code = index.find(key, in: self), Int(code) < itemCount else { return nil }
        return ItemID(Int(code))
    }

    /// Finds a supplier by the id written in the data (byte for byte).
    /// - Complexity: O(length of `key`) expected: a look-up in the index the builder made.
    public func supplier(withKey key: String) -> SupplierID? {
        guard let code = index.find(key, in: self), Int(code) >= itemCount,
              Int(code) < itemCount + supplierCount else { return nil }
        return SupplierID(Int(code) - itemCount)
    }

    /// Finds a group by id: a built-in one (`EU`, `EEA`, `NATO`) or one the data defines.
    /// - Complexity: O(groups).
    public func group(withID id: String) -> CountryGroup? {
        CountryGroup.builtIn.first { $0.id == id } ?? userGroups.first { $0.id == id }
    }

    /// The items in the BOM closure of `root` (itself and everything it uses, at any depth).
    /// - Complexity: O(closure + its edges), expected (a hash set of the items seen, so that
    ///   the closures of 10^4 systems in a 10^6-item graph cost their own size, not the graph's).
    public func closure(of root: ItemID) -> [ItemID] {
        var seen = Set<UInt32>(minimumCapacity: 64)
        var stack = [root]
        var result: [ItemID] = []
        seen.insert(root.rawValue)
        while let item = stack.popLast() {
            result.append(item)
            for child in children(of: item) where seen.insert(child.rawValue).inserted {
                stack.append(child)
            }
        }
        return result
    }

    /// The countries that occur among the suppliers (``Country/unknown`` included if any).
    /// - Complexity: O(suppliers).
    public var countries: Set<Country> { Set(supplierCountries) }
}

extension SupplyGraph: KeySource {}
