extension SupplyGraphBuilder {
    /// Lays the checked records out as the graph's parallel arrays: BOM edges grouped by parent
    /// (an input listed twice by one parent is one edge with the quantities added up, so every
    /// figure sees the children of an item as a set), supply edges sorted by item, both with
    /// their reverse adjacency, and the `sourcedFrom` entries of each edge.
    /// - Complexity: O(records + references).
    func freeze(_ resolution: Resolution, _ merge: SupplyMerge, order: [Int]) -> SupplyGraph {
        let items = ItemArrays(
            keys: itemRecords.map(\.key), names: itemRecords.map(\.name), kinds: itemRecords.map(\.kind),
            units: itemRecords.map(\.unit), demand: itemRecords.map(\.demand), stock: itemRecords.map(\.stock),
            weight: itemRecords.map { $0.weight ?? 1 }, price: itemRecords.map(\.price),
            maxPurchase: itemRecords.map(\.maxPurchase),
            commodity: itemRecords.map(\.commodity))
        let suppliers = SupplierArrays(
            keys: supplierRecords.map(\.key), names: supplierRecords.map(\.name), countries: resolution.countries,
            controlledBy: resolution.controllers, recoveryDays: supplierRecords.map(\.recoveryDays), cage: supplierRecords.map(\.cage),
            countryInferred: resolution.countryInferred, aggregate: supplierRecords.map(\.aggregate))
        let (uses, usesRecordOfSlot) = freezeUses(resolution)
        let edges = freezeEdges(resolution, merge)
        let sourcing = freezeSourcing(resolution, edges: edges.arrays, recordOfSlot: edges.recordOfSlot)
        let shown = dataSetRecords.filter { $0.name != nil || $0.asOf != nil }
        let dataSets = DataSetArrays(names: shown.map { $0.name ?? "" }, asOf: shown.map { $0.asOf ?? "" }, currency: currency,
                                     options: resolution.options, home: home)
        var origins = OriginArrays()
        let p = provenance
        if p.items.count == itemRecords.count && p.suppliers.count == supplierRecords.count
            && p.uses.count == usesRecords.count && p.supplies.count == supplyRecords.count && !p.sources.isEmpty {
            origins = OriginArrays(sources: p.sources, items: p.items, suppliers: p.suppliers,
                                   uses: usesRecordOfSlot.map { p.uses[Int($0)] },
                                   supplies: edges.recordOfSlot.map { p.supplies[Int($0)] })
        }
        return SupplyGraph(items: items, uses: uses, suppliers: suppliers, edges: edges.arrays, sourcing: sourcing,
                           topologicalOrder: order.map(ItemID.init), userGroups: resolution.groups, dataSets: dataSets,
                           origins: origins, index: resolution.index)
    }

    /// BOM edges by parent, in the order of the data; a repeated child adds its quantity to the
    /// first (a stamp per child, no hashing).
    private func freezeUses(_ resolution: Resolution) -> (UsesArrays, [UInt32]) {
        let n = itemRecords.count
        var child: [ItemID] = [], quantity: [Double] = [], parent: [ItemID] = [], recordOfSlot: [UInt32] = []
        child.reserveCapacity(usesRecords.count); quantity.reserveCapacity(usesRecords.count); parent.reserveCapacity(usesRecords.count)
        var offsets = [UInt32](repeating: 0, count: n + 1)
        var stamp = [Int32](repeating: -1, count: n)
        var slotOf = [Int32](repeating: 0, count: n)
        for p in 0..<n {
            for entry in resolution.usesByParent[p] {
                let u = Int(entry), c = resolution.usesChild[u]
                if stamp[c] == Int32(p) { quantity[Int(slotOf[c])] += usesRecords[u].quantity; continue }
                stamp[c] = Int32(p); slotOf[c] = Int32(child.count)
                child.append(ItemID(c)); quantity.append(usesRecords[u].quantity); parent.append(ItemID(p))
                if !provenance.uses.isEmpty { recordOfSlot.append(UInt32(u)) }
            }
            offsets[p + 1] = UInt32(child.count)
        }
        let usedBy = Adjacency(rows: n) { emit in for slot in child.indices { emit(child[slot].index, slot) } }
        return (UsesArrays(offsets: offsets, child: child, quantity: quantity, parent: parent,
                           usedByOffsets: usedBy.offsets, usedByEdges: usedBy.entries.map { UsesEdgeID($0) }), recordOfSlot)
    }

    /// Supply edges sorted by item (stable), the copies of an edge given twice left out.
    private func freezeEdges(_ resolution: Resolution, _ merge: SupplyMerge) -> (arrays: EdgeArrays, recordOfSlot: [UInt32]) {
        let byItem = merge.dropped.isEmpty ? resolution.edgesByItem : Adjacency(rows: itemRecords.count) { emit in
            for item in 0..<itemRecords.count {
                for entry in resolution.edgesByItem[item] where !merge.isDropped(Int(entry)) { emit(item, Int(entry)) }
            }
        }
        let recordOfSlot = byItem.entries
        let edgeSupplier = recordOfSlot.map { SupplierID(resolution.edgeSupplier[Int($0)]) }
        let bySupplier = Adjacency(rows: supplierRecords.count) { emit in
            for slot in edgeSupplier.indices { emit(edgeSupplier[slot].index, slot) }
        }
        let values = recordOfSlot.map { self.values(of: Int($0), merge) }
        let arrays = EdgeArrays(
            supplier: edgeSupplier, item: recordOfSlot.map { ItemID(resolution.edgeItem[Int($0)]) },
            share: values.map(\.share), capacity: values.map(\.capacity), leadTimeDays: values.map(\.leadTimeDays),
            itemOffsets: byItem.offsets, supplierOffsets: bySupplier.offsets, supplierEdges: bySupplier.entries.map { SupplyEdgeID($0) })
        return (arrays, recordOfSlot)
    }

    /// The `sourcedFrom` entries of each edge slot: entries for one input united, and the named
    /// suppliers' edges to that input found in one pass over the input's edges.
    private func freezeSourcing(_ resolution: Resolution, edges: EdgeArrays, recordOfSlot: [UInt32]) -> SourcingArrays {
        let k = recordOfSlot.count
        let itemOffsets = edges.itemOffsets, edgeSupplier = edges.supplier
        var sourcingOffsets: [UInt32] = [0]
        var input: [ItemID] = [], supplierOffsets: [UInt32] = [0], named: [SupplierID] = []
        var edgeOffsets: [UInt32] = [0], namedEdges: [SupplyEdgeID] = []
        sourcingOffsets.reserveCapacity(k + 1)
        for slot in 0..<k {
            var entries: [(input: Int, suppliers: [Int])] = []
            for entry in resolution.sourcing[Int(recordOfSlot[slot])] {
                if let at = entries.firstIndex(where: { $0.input == entry.input }) {
                    var seen = Set(entries[at].suppliers)
                    for s in entry.suppliers where seen.insert(s).inserted { entries[at].suppliers.append(s) }
                } else {
                    entries.append(entry)
                }
            }
            for entry in entries {
                input.append(ItemID(entry.input))
                named.append(contentsOf: entry.suppliers.map(SupplierID.init))
                let small = entry.suppliers.count <= 4
                let namedSet = small ? Set<Int>() : Set(entry.suppliers)
                for e in Int(itemOffsets[entry.input])..<Int(itemOffsets[entry.input + 1]) {
                    let supplier = edgeSupplier[e].index
                    if small ? entry.suppliers.contains(supplier) : namedSet.contains(supplier) {
                        namedEdges.append(SupplyEdgeID(e))
                    }
                }
                supplierOffsets.append(UInt32(named.count))
                edgeOffsets.append(UInt32(namedEdges.count))
            }
            sourcingOffsets.append(UInt32(input.count))
        }
        return SourcingArrays(offsets: sourcingOffsets, input: input, supplierOffsets: supplierOffsets,
                              suppliers: named, edgeOffsets: edgeOffsets, edges: namedEdges)
    }
}
