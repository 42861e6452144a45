struct ItemArrays {
    var keys: [String], names: [String], kinds: [ItemKind], units: [String], demand: [Double], stock: [Double]
    var weight: [Double], price: [Double?]
}
struct UsesArrays { var offsets: [UInt32], child: [ItemID], quantity: [Double], parent: [ItemID], usedByOffsets: [UInt32], usedByEdges: [UsesEdgeID] }
struct SupplierArrays {
    var keys: [String], names: [String], countries: [Country], controlledBy: [Country], recoveryDays: [Double?]
    var cage: [String?]
}
struct DataSetArrays { var names: [String], asOf: [String], currency: String? }
struct EdgeArrays {
    var supplier: [SupplierID], item: [ItemID], share: [Double?], capacity: [Double?], leadTimeDays: [Double?]
    var itemOffsets: [UInt32], supplierOffsets: [UInt32], supplierEdges: [SupplyEdgeID]
}
struct SourcingArrays {
    var offsets: [UInt32], input: [ItemID], supplierOffsets: [UInt32], suppliers: [SupplierID]
    var edgeOffsets: [UInt32], edges: [SupplyEdgeID]
}

/// Offsets of a compressed-sparse-row layout from a count per row.
func csrOffsets(counts: [UInt32]) -> [UInt32] {
    var offsets = [UInt32](repeating: 0, count: counts.count + 1)
    var total: UInt32 = 0
    for (i, count) in counts.enumerated() { offsets[i] = total; total += count }
    offsets[counts.count] = total
    return offsets
}

extension SupplyGraphBuilder {
    private enum Entity { case item(Int), supplier(Int), group(Int) }

    /// Checks everything and freezes the graph.
    ///
    /// Errors: duplicate ids (items, suppliers and groups share one id space), group ids that
    /// shadow a built-in group, unknown items or suppliers in any reference, a `sourcedFrom`
    /// whose input is not a BOM child of the supplied item or whose supplier does not supply
    /// that input, unknown country codes, BOM cycles, shares outside 0..1, negative or
    /// non-finite numbers, and an item's given shares summing above 1 beyond the tolerance.
    /// Warnings: shares summing above 1 within the tolerance or below 1, leaves without
    /// supplier, materials nothing uses, suppliers of unknown origin or supplying nothing,
    /// an input used twice by one parent.
    ///
    /// - Returns: the graph and the warnings.
    /// - Throws: ``BuildFailure`` with every error (and the warnings) when there is any error.
    /// - Complexity: O(records + references · log) — hashing of ids, a counting sort of the
    ///   edges and Kahn's topological sort.
    public func build() throws(BuildFailure) -> (graph: SupplyGraph, warnings: [Problem]) {
        var errors: [Problem] = []
        var warnings: [Problem] = []
        func error(_ code: String, _ message: String, _ subject: Subject, _ related: Subject? = nil) {
            errors.append(Problem(severity: .error, code: code, message: message, subject: subject, related: related))
        }
        func warn(_ code: String, _ message: String, _ subject: Subject) {
            warnings.append(Problem(severity: .warning, code: code, message: message, subject: subject, related: nil))
        }
        func isNonNegative(_ x: Double) -> Bool { x.isFinite && x >= 0 }

        // 1. One id space for items, suppliers and groups.
        // Codes: items 0..<I, suppliers I..<I+S, groups after them.
        let supplierBase = itemRecords.count, groupBase = itemRecords.count + supplierRecords.count
        var index = KeyIndex(capacity: groupBase + groupRecords.count)
        func keyOf(_ code: Int32) -> String {
            let c = Int(code)
            return c < supplierBase ? itemRecords[c].key : c < groupBase ? supplierRecords[c - supplierBase].key
                : groupRecords[c - groupBase].id
        }
        func entity(_ code: Int32) -> Entity {
            let c = Int(code)
            return c < supplierBase ? .item(c) : c < groupBase ? .supplier(c - supplierBase) : .group(c - groupBase)
        }
        func code(of entity: Entity) -> Int32 {
            switch entity {
            case .item(let i): Int32(i)
            case .supplier(let i): Int32(supplierBase + i)
            case .group(let i): Int32(groupBase + i)
            }
        }
        func lookup(_ key: String) -> Entity? { index.find(key, keyOf: keyOf).map(entity) }
        func subject(of entity: Entity) -> Subject {
            switch entity {
            case .item(let i): .item(i)
            case .supplier(let i): .supplier(i)
            case .group(let i): .group(i)
            }
        }
        func register(_ key: String, _ added: Entity) {
            if let first = index.insert(key, code: code(of: added), keyOf: keyOf) {
                error("duplicate-id", "duplicate id '\(key)'", subject(of: added), subject(of: entity(first)))
            }
        }
        for (i, record) in itemRecords.enumerated() { register(record.key, .item(i)) }
        for (i, record) in supplierRecords.enumerated() { register(record.key, .supplier(i)) }
        for (i, record) in groupRecords.enumerated() {
            if CountryGroup.builtIn.contains(where: { $0.id == record.id }) {
                error("reserved-group", "group id '\(record.id)' is built in and cannot be redefined", .group(i))
            } else {
                register(record.id, .group(i))
            }
        }
        // `what` is only formatted for a message: never on the path of a valid reference.
        func itemIndex(_ key: String, _ what: @autoclosure () -> String, _ subject: Subject) -> Int? {
            switch lookup(key) {
            case .item(let i): return i
            case .supplier: error("not-an-item", "'\(key)' in \(what()) is a supplier, not an item", subject)
            case .group: error("not-an-item", "'\(key)' in \(what()) is a country group, not an item", subject)
            case nil: error("unknown-item", "unknown item '\(key)' in \(what())", subject)
            }
            return nil
        }
        func supplierIndex(_ key: String, _ what: @autoclosure () -> String, _ subject: Subject) -> Int? {
            switch lookup(key) {
            case .supplier(let i): return i
            case .item: error("not-a-supplier", "'\(key)' in \(what()) is an item, not a supplier", subject)
            case .group: error("not-a-supplier", "'\(key)' in \(what()) is a country group, not a supplier", subject)
            case nil: error("unknown-supplier", "unknown supplier '\(key)' in \(what())", subject)
            }
            return nil
        }

        // 2. Items.
        for (i, record) in itemRecords.enumerated() {
            if !isNonNegative(record.demand) {
                error("invalid-number", "demand of '\(record.key)' must be a finite number >= 0, not \(record.demand)", .item(i))
            }
            if !isNonNegative(record.stock) {
                error("invalid-number", "stock of '\(record.key)' must be a finite number >= 0, not \(record.stock)", .item(i))
            }
            if let weight = record.weight {
                if record.kind != .system {
                    error("weight-not-system", "\(record.kind) '\(record.key)' has a weight: only systems have one", .item(i))
                } else if !(weight.isFinite && weight > 0) {
                    error("invalid-number", "weight of '\(record.key)' must be a finite number > 0, not \(weight)", .item(i))
                }
            }
            if let price = record.price, !isNonNegative(price) {
                error("invalid-number", "price of '\(record.key)' must be a finite number >= 0, not \(price)", .item(i))
            }
        }

        // 2b. Data sets: one currency for all.
        var currency: (code: String, dataSet: Int)? = nil
        for (d, record) in dataSetRecords.enumerated() {
            guard let code = record.currency else { continue }
            if !isCurrencyCode(code) {
                error("invalid-currency", "currency '\(code)' must be an ISO 4217 code of three upper-case letters, such as 'EUR'", .dataSet(d))
            } else if let first = currency {
                if first.code != code {
                    error("currency-mismatch", "currency '\(code)' differs from the currency '\(first.code)' of another file: give all prices in one currency", .dataSet(d), .dataSet(first.dataSet))
                }
            } else {
                currency = (code, d)
            }
        }

        // 3. Suppliers and their countries.
        var countries = [Country](repeating: .unknown, count: supplierRecords.count)
        var controllers = [Country](repeating: .unknown, count: supplierRecords.count)
        for (i, record) in supplierRecords.enumerated() {
            if let code = record.country {
                if let country = Country(code: code) { countries[i] = country } else {
                    error("unknown-country", unknownCountryMessage(code, "country of supplier '\(record.key)'"), .supplier(i))
                }
            } else {
                warn("unknown-origin", "supplier '\(record.key)' has no country: it counts as outside the EU (data gap)", .supplier(i))
            }
            if let code = record.controlledBy {
                if let country = Country(code: code) { controllers[i] = country } else {
                    error("unknown-country", unknownCountryMessage(code, "controlledBy of supplier '\(record.key)'"), .supplier(i))
                }
            }
            if let days = record.recoveryDays, !isNonNegative(days) {
                error("invalid-number", "recoveryDays of supplier '\(record.key)' must be a finite number >= 0, not \(days)", .supplier(i))
            }
            if let cage = record.cage, !isCageCode(cage) {
                let upper = cage.uppercased()
                let hint = upper != cage && isCageCode(upper) ? " (codes are upper case: did you mean '\(upper)'?)"
                    : " (an NCAGE/CAGE code is five letters or digits, such as 'D1234')"
                error("invalid-cage", "cage code '\(cage)' of supplier '\(record.key)' is not valid" + hint, .supplier(i))
            }
        }

        // 4. Groups.
        var groups: [CountryGroup] = []
        for (i, record) in groupRecords.enumerated() {
            var members: [Country] = []
            for code in record.members {
                if let country = Country(code: code) { members.append(country) } else {
                    error("unknown-country", unknownCountryMessage(code, "group '\(record.id)'"), .group(i))
                }
            }
            groups.append(CountryGroup(id: record.id, name: record.name, members: members))
        }

        // 5. BOM edges.
        var usesChildIndex = [Int](repeating: -1, count: usesRecords.count)
        for (u, record) in usesRecords.enumerated() {
            let parentKey = itemRecords[record.parent].key
            if let child = itemIndex(record.child, "<uses> of '\(parentKey)'", .uses(u)) { usesChildIndex[u] = child }
            if !isNonNegative(record.quantity) {
                error("invalid-quantity", "quantity of '\(record.child)' in '\(parentKey)' must be a finite number >= 0, not \(record.quantity)", .uses(u))
            }
        }

        // 6. Supply edges.
        var edgeSupplierIndex = [Int](repeating: -1, count: supplyRecords.count)
        var edgeItemIndex = [Int](repeating: -1, count: supplyRecords.count)
        for (e, record) in supplyRecords.enumerated() {
            switch record.supplier {
            case .record(let s): edgeSupplierIndex[e] = s
            case .key(let key):
                if let s = supplierIndex(key, "<supply>", .supply(e)) { edgeSupplierIndex[e] = s }
            }
            let supplierKey = edgeSupplierIndex[e] >= 0 ? supplierRecords[edgeSupplierIndex[e]].key : "?"
            if let item = itemIndex(record.item, "<supplies> of '\(supplierKey)'", .supply(e)) { edgeItemIndex[e] = item }
            if let share = record.share, !(share.isFinite && share >= 0 && share <= 1) {
                error("share-out-of-range", "share of '\(supplierKey)' in '\(record.item)' must be between 0 and 1, not \(share)", .supply(e))
            }
            if let capacity = record.capacity, !isNonNegative(capacity) {
                error("invalid-number", "capacity of '\(supplierKey)' for '\(record.item)' must be a finite number >= 0, not \(capacity)", .supply(e))
            }
            if let lead = record.leadTimeDays, !isNonNegative(lead) {
                error("invalid-number", "leadTimeDays of '\(supplierKey)' for '\(record.item)' must be a finite number >= 0, not \(lead)", .supply(e))
            }
        }

        // 7. sourcedFrom: the input must be a BOM child, the named suppliers must supply it.
        let childrenOf = Adjacency(nodes: itemRecords.count) { emit in
            for (u, record) in usesRecords.enumerated() where usesChildIndex[u] >= 0 { emit(record.parent, usesChildIndex[u]) }
        }
        var suppliesPair = Set<UInt64>(minimumCapacity: supplyRecords.count)
        for e in supplyRecords.indices where edgeSupplierIndex[e] >= 0 && edgeItemIndex[e] >= 0 {
            suppliesPair.insert(UInt64(edgeSupplierIndex[e]) << 32 | UInt64(edgeItemIndex[e]))
        }
        var sourcingResolved = [[(input: Int, suppliers: [Int])]](repeating: [], count: supplyRecords.count)
        for (e, record) in supplyRecords.enumerated() {
            for (n, entry) in record.sourcing.enumerated() {
                let here = Subject.sourcing(supply: e, entry: n)
                guard let input = itemIndex(entry.input, "<sourcedFrom>", here) else { continue }
                let item = edgeItemIndex[e]
                if item >= 0, !childrenOf[item].contains(input) {
                    error("sourcing-not-input", "'\(entry.input)' in <sourcedFrom> is not an input (<uses>) of '\(itemRecords[item].key)'", here)
                    continue
                }
                if entry.suppliers.isEmpty {
                    error("sourcing-empty", "<sourcedFrom> of '\(entry.input)' names no supplier", here)
                    continue
                }
                var named: [Int] = []
                var seen = Set<Int>(minimumCapacity: entry.suppliers.count)
                for key in entry.suppliers {
                    guard let s = supplierIndex(key, "<sourcedFrom> of '\(entry.input)'", here) else { continue }
                    if !suppliesPair.contains(UInt64(s) << 32 | UInt64(input)) {
                        error("sourcing-not-supplier", "supplier '\(key)' in <sourcedFrom> does not supply '\(entry.input)'", here)
                        continue
                    }
                    if seen.insert(s).inserted { named.append(s) }
                }
                sourcingResolved[e].append((input, named))
            }
        }

        // 8. Shares per item.
        var givenSum = [Double](repeating: 0, count: itemRecords.count)
        var edgesPerItem = [Int](repeating: 0, count: itemRecords.count)
        var sharedPerItem = [Int](repeating: 0, count: itemRecords.count)
        for (e, record) in supplyRecords.enumerated() where edgeItemIndex[e] >= 0 {
            let item = edgeItemIndex[e]
            edgesPerItem[item] += 1
            if let share = record.share, share.isFinite, share >= 0, share <= 1 { // out of range: reported already
                givenSum[item] += share
                sharedPerItem[item] += 1
            }
        }
        for i in itemRecords.indices where edgesPerItem[i] > 0 && sharedPerItem[i] > 0 {
            let key = itemRecords[i].key
            let sum = givenSum[i]
            let shown = formatShare(sum)
            if sum > 1 + options.shareTolerance + 1e-12 {
                error("shares-above-one", "shares of '\(key)' sum to \(shown), above 1 by more than the tolerance \(formatShare(options.shareTolerance))", .item(i))
            } else if sum > 1 + 1e-9 {
                warn("shares-normalised", "shares of '\(key)' sum to \(shown), above 1 within the tolerance: they are normalised", .item(i))
            } else if sharedPerItem[i] == edgesPerItem[i] && sum < 1 - 1e-9 {
                warn("shares-below-one", "shares of '\(key)' sum to \(shown), below 1: they are scaled up to the suppliers given", .item(i))
            } else if sharedPerItem[i] < edgesPerItem[i] && sum >= 1 - 1e-9 {
                warn("shares-leave-nothing", "shares of '\(key)' sum to \(shown): its suppliers without a share get none", .item(i))
            }
        }

        // 9. BOM cycles (only on resolved edges).
        var order: [Int] = []
        if errors.isEmpty {
            order = topologicalOrder(childrenOf: childrenOf)
            if order.count < itemRecords.count {
                let cycle = findCycle(childrenOf: childrenOf, excluding: order)
                let path = cycle.map { itemRecords[$0].key } + [itemRecords[cycle[0]].key]
                let edge = usesRecords.indices.first { usesRecords[$0].parent == cycle[0] && usesChildIndex[$0] == cycle[1 % cycle.count] }
                error("bom-cycle", "BOM cycle: \(path.joined(separator: " -> "))", edge.map(Subject.uses) ?? .item(cycle[0]))
            }
        }

        if !errors.isEmpty { throw BuildFailure(problems: errors + warnings) }

        // 10. Warnings about shape.
        var isUsed = [Bool](repeating: false, count: itemRecords.count)
        for u in usesRecords.indices { isUsed[usesChildIndex[u]] = true }
        for (i, record) in itemRecords.enumerated() {
            if edgesPerItem[i] == 0 && childrenOf[i].isEmpty {
                warn("no-supplier", "\(record.kind) '\(record.key)' has no supplier and no inputs (unmapped)", .item(i))
            }
            if record.kind == .material && !isUsed[i] {
                warn("unused-material", "material '\(record.key)' is used by nothing", .item(i))
            }
        }
        // Children seen in the current run of one parent's records: stamped with the run number.
        var seenInRun = [Int](repeating: -1, count: itemRecords.count)
        var run = -1
        var lastParent = -1
        for (u, record) in usesRecords.enumerated() {
            if record.parent != lastParent { run += 1; lastParent = record.parent }
            let child = usesChildIndex[u]
            if seenInRun[child] != run { seenInRun[child] = run } else {
                warn("duplicate-use", "'\(itemRecords[record.parent].key)' uses '\(record.child)' twice: the quantities add up", .uses(u))
            }
        }
        var suppliesAnything = [Bool](repeating: false, count: supplierRecords.count)
        for e in supplyRecords.indices { suppliesAnything[edgeSupplierIndex[e]] = true }
        for (s, record) in supplierRecords.enumerated() where !suppliesAnything[s] {
            warn("idle-supplier", "supplier '\(record.key)' supplies nothing", .supplier(s))
        }

        let graph = freeze(order: order, usesChildIndex: usesChildIndex, edgeSupplierIndex: edgeSupplierIndex,
                           edgeItemIndex: edgeItemIndex, sourcing: sourcingResolved, countries: countries,
                           controllers: controllers, groups: groups, currency: currency?.code)
        return (graph, warnings)
    }

    /// Three upper-case ASCII letters.
    private func isCurrencyCode(_ code: String) -> Bool {
        code.utf8.count == 3 && code.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
    }

    /// Five upper-case ASCII letters or digits.
    private func isCageCode(_ code: String) -> Bool {
        code.utf8.count == 5 && code.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    private func unknownCountryMessage(_ code: String, _ place: String) -> String {
        if let fixed = Country(code: code.uppercased()), code != code.uppercased() {
            return "unknown country code '\(code)' in \(place) (codes are upper case: did you mean '\(fixed.code)'?)"
        }
        return "unknown country code '\(code)' in \(place) (expected an ISO 3166-1 alpha-2 code such as 'DE')"
    }

    private func formatShare(_ x: Double) -> String {
        let rounded = (x * 10000).rounded() / 10000
        return String(rounded)
    }

    /// Kahn's algorithm, children first. Returns fewer items than exist when there is a cycle.
    private func topologicalOrder(childrenOf: Adjacency) -> [Int] {
        let n = childrenOf.count
        var pendingChildren = (0..<n).map { childrenOf.offsets[$0 + 1] - childrenOf.offsets[$0] }
        let parentsOf = childrenOf.reversed()
        var order: [Int] = []
        order.reserveCapacity(n)
        for i in 0..<n where pendingChildren[i] == 0 { order.append(i) }
        var head = 0
        while head < order.count {
            let item = order[head]; head += 1
            for parent in parentsOf[item] {
                pendingChildren[parent] -= 1
                if pendingChildren[parent] == 0 { order.append(parent) }
            }
        }
        return order
    }

    /// One cycle among the items Kahn's algorithm could not order, as a list of items.
    private func findCycle(childrenOf: Adjacency, excluding ordered: [Int]) -> [Int] {
        var done = [Bool](repeating: false, count: childrenOf.count)
        for i in ordered { done[i] = true }
        // Every remaining item has a remaining child; walk until an item repeats.
        var start = done.firstIndex(of: false)!
        var position = [Int: Int]()
        var path: [Int] = []
        while position[start] == nil {
            position[start] = path.count
            path.append(start)
            start = childrenOf[start].first { !done[$0] }!
        }
        return Array(path[position[start]!...])
    }

    private func freeze(order: [Int], usesChildIndex: [Int], edgeSupplierIndex: [Int], edgeItemIndex: [Int],
                        sourcing: [[(input: Int, suppliers: [Int])]], countries: [Country], controllers: [Country],
                        groups: [CountryGroup], currency: String?) -> SupplyGraph {
        let n = itemRecords.count
        let items = ItemArrays(
            keys: itemRecords.map(\.key), names: itemRecords.map(\.name), kinds: itemRecords.map(\.kind),
            units: itemRecords.map(\.unit), demand: itemRecords.map(\.demand), stock: itemRecords.map(\.stock),
            weight: itemRecords.map { $0.weight ?? 1 }, price: itemRecords.map(\.price))

        // BOM, CSR by parent (stable: the order of the data within a parent). An input listed
        // twice by one parent becomes one edge with the quantities added up, so every figure sees
        // the children of an item as a set.
        var firstUse = [UInt64: Int](minimumCapacity: usesRecords.count)
        var mergedQuantity = usesRecords.map(\.quantity)
        var kept = [Bool](repeating: true, count: usesRecords.count)
        for (u, record) in usesRecords.enumerated() {
            let pair = UInt64(record.parent) << 32 | UInt64(usesChildIndex[u])
            if let first = firstUse[pair] {
                mergedQuantity[first] += record.quantity
                kept[u] = false
            } else {
                firstUse[pair] = u
            }
        }
        var usesCount = [UInt32](repeating: 0, count: n)
        for (u, record) in usesRecords.enumerated() where kept[u] { usesCount[record.parent] += 1 }
        let usesOffsets = csrOffsets(counts: usesCount)
        var cursor = Array(usesOffsets.dropLast())
        let m = Int(usesOffsets[n])
        var child = [ItemID](repeating: ItemID(0), count: m)
        var quantity = [Double](repeating: 0, count: m)
        var parent = [ItemID](repeating: ItemID(0), count: m)
        var usedByCount = [UInt32](repeating: 0, count: n)
        for (u, record) in usesRecords.enumerated() where kept[u] {
            let slot = Int(cursor[record.parent]); cursor[record.parent] += 1
            child[slot] = ItemID(usesChildIndex[u]); quantity[slot] = mergedQuantity[u]; parent[slot] = ItemID(record.parent)
            usedByCount[usesChildIndex[u]] += 1
        }
        let usedByOffsets = csrOffsets(counts: usedByCount)
        var usedByCursor = Array(usedByOffsets.dropLast())
        var usedByEdges = [UsesEdgeID](repeating: UsesEdgeID(0), count: m)
        for slot in 0..<m {
            let c = child[slot].index
            usedByEdges[Int(usedByCursor[c])] = UsesEdgeID(slot); usedByCursor[c] += 1
        }
        let uses = UsesArrays(offsets: usesOffsets, child: child, quantity: quantity, parent: parent,
                              usedByOffsets: usedByOffsets, usedByEdges: usedByEdges)

        let suppliers = SupplierArrays(
            keys: supplierRecords.map(\.key), names: supplierRecords.map(\.name), countries: countries,
            controlledBy: controllers, recoveryDays: supplierRecords.map(\.recoveryDays), cage: supplierRecords.map(\.cage))

        // Supply edges, sorted by item (stable).
        let k = supplyRecords.count
        var edgeCount = [UInt32](repeating: 0, count: n)
        for e in 0..<k { edgeCount[edgeItemIndex[e]] += 1 }
        let itemOffsets = csrOffsets(counts: edgeCount)
        var edgeCursor = Array(itemOffsets.dropLast())
        var slotOfRecord = [Int](repeating: 0, count: k)
        for e in 0..<k {
            let i = edgeItemIndex[e]
            slotOfRecord[e] = Int(edgeCursor[i]); edgeCursor[i] += 1
        }
        var recordOfSlot = [Int](repeating: 0, count: k)
        for e in 0..<k { recordOfSlot[slotOfRecord[e]] = e }
        let edgeSupplier = recordOfSlot.map { SupplierID(edgeSupplierIndex[$0]) }
        var supplierCount = [UInt32](repeating: 0, count: supplierRecords.count)
        for s in edgeSupplier { supplierCount[s.index] += 1 }
        let supplierOffsets = csrOffsets(counts: supplierCount)
        var supplierCursor = Array(supplierOffsets.dropLast())
        var supplierEdges = [SupplyEdgeID](repeating: SupplyEdgeID(0), count: k)
        for slot in 0..<k {
            let s = edgeSupplier[slot].index
            supplierEdges[Int(supplierCursor[s])] = SupplyEdgeID(slot); supplierCursor[s] += 1
        }
        let edges = EdgeArrays(
            supplier: edgeSupplier, item: recordOfSlot.map { ItemID(edgeItemIndex[$0]) },
            share: recordOfSlot.map { supplyRecords[$0].share }, capacity: recordOfSlot.map { supplyRecords[$0].capacity },
            leadTimeDays: recordOfSlot.map { supplyRecords[$0].leadTimeDays },
            itemOffsets: itemOffsets, supplierOffsets: supplierOffsets, supplierEdges: supplierEdges)

        // sourcedFrom, per edge slot.
        var sourcingOffsets: [UInt32] = [0]
        var input: [ItemID] = [], supplierOffsetsOut: [UInt32] = [0], named: [SupplierID] = []
        var edgeOffsetsOut: [UInt32] = [0], namedEdges: [SupplyEdgeID] = []
        sourcingOffsets.reserveCapacity(k + 1)
        for slot in 0..<k {
            // Two sourcedFrom entries for one input name the union of their suppliers.
            var entries: [(input: Int, suppliers: [Int])] = []
            for entry in sourcing[recordOfSlot[slot]] {
                if let k = entries.firstIndex(where: { $0.input == entry.input }) {
                    var seen = Set(entries[k].suppliers)
                    for s in entry.suppliers where seen.insert(s).inserted { entries[k].suppliers.append(s) }
                } else {
                    entries.append(entry)
                }
            }
            for entry in entries {
                input.append(ItemID(entry.input))
                named.append(contentsOf: entry.suppliers.map(SupplierID.init))
                // The named suppliers' edges to the input: one pass over the input's edges.
                let small = entry.suppliers.count <= 4
                let namedSet = small ? Set<Int>() : Set(entry.suppliers)
                for e in Int(itemOffsets[entry.input])..<Int(itemOffsets[entry.input + 1]) {
                    let supplier = edges.supplier[e].index
                    if small ? entry.suppliers.contains(supplier) : namedSet.contains(supplier) {
                        namedEdges.append(SupplyEdgeID(e))
                    }
                }
                supplierOffsetsOut.append(UInt32(named.count))
                edgeOffsetsOut.append(UInt32(namedEdges.count))
            }
            sourcingOffsets.append(UInt32(input.count))
        }
        let shownDataSets = dataSetRecords.filter { $0.name != nil || $0.asOf != nil }
        let sourcingArrays = SourcingArrays(offsets: sourcingOffsets, input: input, supplierOffsets: supplierOffsetsOut,
                                            suppliers: named, edgeOffsets: edgeOffsetsOut, edges: namedEdges)

        return SupplyGraph(items: items, uses: uses, suppliers: suppliers, edges: edges, sourcing: sourcingArrays,
                           topologicalOrder: order.map(ItemID.init), userGroups: groups,
                           dataSets: DataSetArrays(names: shownDataSets.map { $0.name ?? "" }, asOf: shownDataSets.map { $0.asOf ?? "" },
                                                   currency: currency))
    }
}
