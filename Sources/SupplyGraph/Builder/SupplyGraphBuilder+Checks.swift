extension SupplyGraphBuilder {
    private func isNonNegative(_ x: Double) -> Bool { x.isFinite && x >= 0 }

    // MARK: Values

    /// Numbers, codes and the currency: each record on its own.
    /// - Complexity: O(records).
    func checkValues(_ log: inout BuildLog) {
        for (i, record) in itemRecords.enumerated() {
            if !isNonNegative(record.demand) {
                log.error(.invalidNumber, .item(i), .demand, "demand of '\(record.key)' must be a finite number >= 0, not \(record.demand)")
            }
            if !isNonNegative(record.stock) {
                log.error(.invalidNumber, .item(i), .stock, "stock of '\(record.key)' must be a finite number >= 0, not \(record.stock)")
            }
            if let weight = record.weight {
                if record.kind != .system {
                    log.error(.weightNotSystem, .item(i), .weight, "\(record.kind) '\(record.key)' has a weight: only systems have one")
                } else if !(weight.isFinite && weight > 0) {
                    log.error(.invalidNumber, .item(i), .weight, "weight of '\(record.key)' must be a finite number > 0, not \(weight)")
                }
            }
            if let price = record.price, !(price.isFinite && price > 0) {
                let hint = price == 0 ? ": leave the price out when it is not known" : ""
                log.error(.invalidNumber, .item(i), .price, "price of '\(record.key)' must be a finite number > 0, not \(price)" + hint)
            }
            if let cap = record.maxPurchase, !isNonNegative(cap) {
                log.error(.invalidNumber, .item(i), .maxPurchase, "maxPurchase of '\(record.key)' must be a finite number >= 0, not \(cap)")
            }
        }
        for (i, record) in supplierRecords.enumerated() {
            if let days = record.recoveryDays, !isNonNegative(days) {
                log.error(.invalidNumber, .supplier(i), .recoveryDays, "recoveryDays of supplier '\(record.key)' must be a finite number >= 0, not \(days)")
            }
            if let cage = record.cage, !Self.isCageCode(cage) {
                let upper = cage.uppercased()
                let hint = upper != cage && Self.isCageCode(upper) ? " (codes are upper case: did you mean '\(upper)'?)"
                    : " (an NCAGE/CAGE code is five letters or digits, such as 'D1234')"
                log.error(.invalidCage, .supplier(i), .cage, "cage code '\(cage)' of supplier '\(record.key)' is not valid" + hint)
            }
        }
        for (u, record) in usesRecords.enumerated() where record.parent >= 0 && !isNonNegative(record.quantity) {
            log.error(.invalidQuantity, .uses(u), .quantity,
                      "quantity of '\(record.child)' in '\(itemRecords[record.parent].key)' must be a finite number >= 0, not \(record.quantity)")
        }
        for (e, record) in supplyRecords.enumerated() {
            let supplierKey: String
            switch record.supplier {
            case .record(let s): supplierKey = supplierRecords[s].key
            case .key(let key): supplierKey = key
            }
            if let share = record.share, !(share.isFinite && share >= 0 && share <= 1) {
                let hint = share >= 2 && share <= 100 ? " (a share is a fraction of 1: write \(Self.plain(share / 100)) for \(Self.plain(share)) %)" : ""
                log.error(.shareOutOfRange, .supply(e), .share, "share of '\(supplierKey)' in '\(record.item)' must be between 0 and 1, not \(Self.plain(share))" + hint)
            }
            if let capacity = record.capacity, !isNonNegative(capacity) {
                log.error(.invalidNumber, .supply(e), .capacity, "capacity of '\(supplierKey)' for '\(record.item)' must be a finite number >= 0, not \(capacity)")
            }
            if let lead = record.leadTimeDays, !isNonNegative(lead) {
                log.error(.invalidNumber, .supply(e), .leadTimeDays, "leadTimeDays of '\(supplierKey)' for '\(record.item)' must be a finite number >= 0, not \(lead)")
            }
        }
        var currency: (code: String, dataSet: Int)? = nil
        for (d, record) in dataSetRecords.enumerated() {
            guard let code = record.currency else { continue }
            if !Self.isCurrencyCode(code) {
                log.error(.invalidCurrency, .dataSet(d), .currency, "currency '\(code)' must be an ISO 4217 code of three upper-case letters, such as 'EUR'")
            } else if let first = currency {
                if first.code != code {
                    log.error(.currencyMismatch, .dataSet(d), .currency, related: .dataSet(first.dataSet), relation: .firstGiven,
                              "currency '\(code)' differs from the currency '\(first.code)' of another file: give all prices in one currency")
                }
            } else {
                currency = (code, d)
            }
        }
        var home: (country: Country, dataSet: Int)? = nil
        for (d, record) in dataSetRecords.enumerated() {
            guard let code = record.home else { continue }
            guard let country = Country(code: code) else {
                log.error(.unknownCountry, .dataSet(d), .home, unknownCountryMessage(code, "home of the data set"))
                continue
            }
            if let first = home {
                if first.country != country {
                    log.error(.homeMismatch, .dataSet(d), .home, related: .dataSet(first.dataSet), relation: .firstGiven,
                              "home '\(code)' differs from the home '\(first.country.code)' of another file: name one home country")
                }
            } else {
                home = (country, d)
            }
        }
    }

    /// The one home country of the data sets, if any gives one.
    var home: Country? {
        dataSetRecords.lazy.compactMap { $0.home.flatMap { Country(code: $0) } }.first
    }

    /// The one currency of the data sets, if any gives one.
    var currency: String? {
        dataSetRecords.lazy.compactMap(\.currency).first { Self.isCurrencyCode($0) }
    }

    /// Three upper-case ASCII letters.
    static func isCurrencyCode(_ code: String) -> Bool {
        code.utf8.count == 3 && code.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
    }

    /// Five upper-case ASCII letters or digits.
    static func isCageCode(_ code: String) -> Bool {
        code.utf8.count == 5 && code.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    // MARK: Supply edges given twice

    /// One supplier and one item make one supply edge, however often and wherever it is given:
    /// copies with the same values (or leaving values out) merge into the first, with a warning
    /// naming both places and their `sourcedFrom` entries united; copies that give a different
    /// share, capacity or lead time are an error naming both places.
    /// - Complexity: O(items + suppliers + supply edges): the edges of each item are one run of
    ///   ``Resolution/edgesByItem``, and a stamp per supplier finds a repeat without hashing.
    func mergeDuplicateSupplies(_ resolution: inout Resolution, _ log: inout BuildLog) -> SupplyMerge {
        var merge = SupplyMerge()
        var stamp = [Int32](repeating: -1, count: supplierRecords.count)
        var first = [Int32](repeating: 0, count: supplierRecords.count)
        let names = log.names
        for item in 0..<itemRecords.count {
            for entry in resolution.edgesByItem[item] {
                var e = Int(entry)
                let s = resolution.edgeSupplier[e]
                guard stamp[s] == Int32(item) else {
                    stamp[s] = Int32(item); first[s] = Int32(e)
                    continue
                }
                var f = Int(first[s])
                // A supply edge given for its sourcedFrom alone gives way to the edge itself.
                if supplyRecords[f].sourcingOnly && !supplyRecords[e].sourcingOnly && merge.filled[f] == nil {
                    swap(&e, &f)
                    first[s] = Int32(f)
                    if !merge.dropped.isEmpty { merge.dropped[f] = false }
                }
                if merge.dropped.isEmpty { merge.dropped = [Bool](repeating: false, count: supplyRecords.count) }
                var values = merge.filled[f] ?? (supplyRecords[f].share, supplyRecords[f].capacity, supplyRecords[f].leadTimeDays)
                let copy = supplyRecords[e]
                var conflicts: [String] = []
                func unite(_ kept: inout Double?, _ given: Double?, _ name: String) {
                    guard let given else { return }
                    guard let old = kept else { kept = given; return }
                    if old != given && old.isFinite && given.isFinite { conflicts.append("\(name) \(Self.plain(given)) where the first gives \(Self.plain(old))") }
                }
                unite(&values.share, copy.share, "share")
                unite(&values.capacity, copy.capacity, "capacity")
                unite(&values.leadTimeDays, copy.leadTimeDays, "leadTimeDays")
                let supplierKey = supplierRecords[s].key, itemKey = itemRecords[item].key
                merge.dropped[e] = true // counted once, also in the shares of the item
                if copy.sourcingOnly {
                    resolution.sourcing[f] += resolution.sourcing[e]
                    continue
                }
                if !conflicts.isEmpty {
                    log.error(.conflictingSupply, .supply(e), nil, related: .supply(f), relation: .firstGiven,
                              "supplier '\(supplierKey)' supplies '\(itemKey)' again, with \(conflicts.joined(separator: ", ")): one supplier and one item make one supply edge, so give its values once")
                    continue
                }
                log.warn(.duplicateSupply, .supply(e), nil, related: .supply(f), relation: .firstGiven,
                         "supplier '\(supplierKey)' supplies '\(itemKey)' again (\(names.supplies) or \(names.supply) given twice): the two are one supply edge")
                merge.filled[f] = values
                resolution.sourcing[f] += resolution.sourcing[e]
            }
        }
        // A sourcedFrom whose supplier does not supply the item (no edge to join).
        for item in 0..<itemRecords.count {
            for entry in resolution.edgesByItem[item] where supplyRecords[Int(entry)].sourcingOnly && !merge.isDropped(Int(entry)) {
                let e = Int(entry)
                if merge.dropped.isEmpty { merge.dropped = [Bool](repeating: false, count: supplyRecords.count) }
                merge.dropped[e] = true
                log.error(.sourcingWithoutSupply, .sourcing(supply: e, entry: 0), .supplier,
                          "supplier '\(supplierRecords[resolution.edgeSupplier[e]].key)' has a \(names.sourcedFrom) for '\(itemRecords[item].key)' but does not supply it: give the supply edge too")
            }
        }
        return merge
    }

    /// The share, capacity and lead time of a kept supply record, with what its copies filled in.
    func values(of e: Int, _ merge: SupplyMerge) -> (share: Double?, capacity: Double?, leadTimeDays: Double?) {
        merge.filled[e] ?? (supplyRecords[e].share, supplyRecords[e].capacity, supplyRecords[e].leadTimeDays)
    }

    // MARK: Shares

    /// The given shares of each item: above 1 beyond the tolerance an error, within it or below
    /// 1 a warning.
    /// - Complexity: O(items + supply edges).
    func checkShares(_ resolution: Resolution, _ merge: SupplyMerge, _ log: inout BuildLog) {
        let tolerance = options.shareTolerance
        for i in 0..<itemRecords.count where resolution.edgesByItem.count(of: i) > 0 {
            var sum = 0.0, edges = 0, shared = 0
            for entry in resolution.edgesByItem[i] where !merge.isDropped(Int(entry)) {
                edges += 1
                if let share = values(of: Int(entry), merge).share, share.isFinite, share >= 0, share <= 1 { // out of range: reported already
                    sum += share
                    shared += 1
                }
            }
            guard shared > 0 else { continue }
            let key = itemRecords[i].key
            if sum > 1 + tolerance + Tolerance.figure {
                log.error(.sharesAboveOne, .item(i), nil, "shares of '\(key)' sum to \(Self.formatShare(sum)), above 1 by more than the tolerance \(Self.formatShare(tolerance))")
            } else if sum > 1 + Tolerance.figure {
                log.warn(.sharesNormalised, .item(i), nil, "shares of '\(key)' sum to \(Self.formatShare(sum)), above 1 within the tolerance: they are normalised")
            } else if shared == edges && !Tolerance.reaches(sum, 1) {
                log.warn(.sharesBelowOne, .item(i), nil, "shares of '\(key)' sum to \(Self.formatShare(sum)), below 1: the rest (\(Self.formatShare(1 - sum))) is unattributed and counts as unknown origin")
            } else if shared < edges && Tolerance.reaches(sum, 1) {
                log.warn(.sharesLeaveNothing, .item(i), nil, "shares of '\(key)' sum to \(Self.formatShare(sum)): its suppliers without a share get none")
            }
        }
    }

    /// A number as a person writes it: `10`, `0.6`, `1e+308`.
    static func plain(_ x: Double) -> String {
        x.isFinite && x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }

    static func formatShare(_ x: Double) -> String {
        let rounded = (x * 10000).rounded() / 10000
        return String(rounded)
    }

    // MARK: Cycles

    /// The items children first (Kahn's algorithm) over the BOM edges that resolved; a cycle
    /// among them is an error naming its items, also when other references do not resolve.
    /// - Complexity: O(items + BOM edges).
    func checkCycles(_ resolution: Resolution, _ log: inout BuildLog) -> [Int] {
        let n = itemRecords.count
        let uses = resolution.usesByParent, child = resolution.usesChild
        var pendingChildren = (0..<n).map { uses.count(of: $0) }
        let parentsOf = Adjacency(rows: n) { emit in
            for p in 0..<n { for u in uses[p] { emit(child[Int(u)], p) } }
        }
        var order: [Int] = []
        order.reserveCapacity(n)
        for i in 0..<n where pendingChildren[i] == 0 { order.append(i) }
        var head = 0
        while head < order.count {
            let item = order[head]; head += 1
            for parent in parentsOf[item] {
                let p = Int(parent)
                pendingChildren[p] -= 1
                if pendingChildren[p] == 0 { order.append(p) }
            }
        }
        guard order.count < n else { return order }
        // Every item left has a child left; walk until an item repeats.
        var done = [Bool](repeating: false, count: n)
        for i in order { done[i] = true }
        var at = done.firstIndex(of: false)!
        var position = [Int: Int]()
        var path: [Int] = []
        var edges: [Int] = []
        while position[at] == nil {
            position[at] = path.count
            path.append(at)
            let u = Int(uses[at].first { !done[child[Int($0)]] }!)
            edges.append(u)
            at = child[u]
        }
        let cycle = Array(path[position[at]!...])
        let keys = (cycle + [cycle[0]]).map { itemRecords[$0].key }
        log.error(.bomCycle, .uses(edges[position[at]!]), .item, "BOM cycle: \(keys.joined(separator: " -> "))")
        return order
    }

    // MARK: Requirement

    /// The gross yearly requirement `req(i) = demand(i) + Σ req(p) · quantity(p, i)` must stay a
    /// finite number (demand 1e308 and a quantity of 10 do not): an error at the first item
    /// down the BOM where it overflows. The figures compute it again; this pass only checks.
    /// - Complexity: O(items + BOM edges).
    func checkRequirement(_ resolution: Resolution, order: [Int], _ log: inout BuildLog) {
        var requirement = itemRecords.map(\.demand)
        var reported = [Bool](repeating: false, count: itemRecords.count)
        for p in order.reversed() where requirement[p].isFinite {
            for entry in resolution.usesByParent[p] {
                let u = Int(entry), c = resolution.usesChild[u]
                requirement[c] += requirement[p] * usesRecords[u].quantity
                if !requirement[c].isFinite && !reported[c] {
                    reported[c] = true
                    let record = itemRecords[c]
                    log.error(.requirementOverflow, .item(c), nil,
                              "the yearly requirement of '\(record.key)' overflows (beyond 1.8e308 \(record.unit)) through '\(itemRecords[p].key)', which uses \(Self.plain(usesRecords[u].quantity)) per unit: check the demand and quantities above it")
                }
            }
        }
    }

    // MARK: Shape

    /// Warnings about what is missing or odd: leaves without supplier, materials nothing uses,
    /// an input listed twice by one parent, suppliers that supply nothing.
    /// - Complexity: O(items + suppliers + edges).
    func warnAboutShape(_ resolution: Resolution, _ merge: SupplyMerge, _ log: inout BuildLog) {
        var isUsed = [Bool](repeating: false, count: itemRecords.count)
        for u in usesRecords.indices { isUsed[resolution.usesChild[u]] = true }
        for (i, record) in itemRecords.enumerated() {
            if resolution.edgesByItem.count(of: i) == 0 && resolution.usesByParent.count(of: i) == 0 {
                log.warn(.noSupplier, .item(i), nil, "\(record.kind) '\(record.key)' has no supplier and no inputs (unmapped)")
            }
            if record.kind == .material && !isUsed[i] {
                log.warn(.unusedMaterial, .item(i), nil, "material '\(record.key)' is used by nothing")
            }
        }
        var seen = [Int32](repeating: -1, count: itemRecords.count)
        for p in 0..<itemRecords.count {
            for entry in resolution.usesByParent[p] {
                let u = Int(entry), c = resolution.usesChild[u]
                if seen[c] != Int32(p) { seen[c] = Int32(p); continue }
                log.warn(.duplicateUse, .uses(u), .item, "'\(itemRecords[p].key)' uses '\(usesRecords[u].child)' twice: the quantities add up")
            }
        }
        var suppliesAnything = [Bool](repeating: false, count: supplierRecords.count)
        for e in supplyRecords.indices { suppliesAnything[resolution.edgeSupplier[e]] = true }
        for (s, record) in supplierRecords.enumerated() where !suppliesAnything[s] {
            log.warn(.idleSupplier, .supplier(s), nil, "supplier '\(record.key)' supplies nothing")
        }
    }
}
