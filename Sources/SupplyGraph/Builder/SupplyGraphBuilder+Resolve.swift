extension SupplyGraphBuilder: KeySource {
    enum Entity { case item(Int), supplier(Int), group(Int) }

    // MARK: The id space

    /// Codes: items `0..<I`, suppliers `I..<I+S`, groups after them.
    func key(ofCode code: Int32) -> String {
        let c = Int(code), supplierBase = itemRecords.count, groupBase = supplierBase + supplierRecords.count
        return c < supplierBase ? itemRecords[c].key : c < groupBase ? supplierRecords[c - supplierBase].key
            : groupRecords[c - groupBase].id
    }

    func entity(ofCode code: Int32) -> Entity {
        let c = Int(code), supplierBase = itemRecords.count, groupBase = supplierBase + supplierRecords.count
        return c < supplierBase ? .item(c) : c < groupBase ? .supplier(c - supplierBase) : .group(c - groupBase)
    }

    func code(of entity: Entity) -> Int32 {
        switch entity {
        case .item(let i): Int32(i)
        case .supplier(let i): Int32(itemRecords.count + i)
        case .group(let i): Int32(itemRecords.count + supplierRecords.count + i)
        }
    }

    func subject(of entity: Entity) -> Subject {
        switch entity {
        case .item(let i): .item(i)
        case .supplier(let i): .supplier(i)
        case .group(let i): .group(i)
        }
    }

    /// The parents of BOM records named by id (``addUses(parentKey:child:quantity:)``), looked
    /// up in the id space of the items; one that does not resolve is an error and stays -1.
    /// - Complexity: O(records + BOM records), expected.
    mutating func resolveParentKeys(_ log: inout BuildLog) {
        guard usesParentKeys else { return }
        var index = KeyIndex(capacity: itemRecords.count + supplierRecords.count + groupRecords.count)
        for (i, record) in itemRecords.enumerated() { _ = index.insert(record.key, code: code(of: .item(i)), in: self) }
        for (i, record) in supplierRecords.enumerated() { _ = index.insert(record.key, code: code(of: .supplier(i)), in: self) }
        for (i, record) in groupRecords.enumerated() { _ = index.insert(record.id, code: code(of: .group(i)), in: self) }
        var resolver = References(builder: self, index: index, canonical: [:])
        let names = log.names
        var parents: [(Int, Int)] = []
        for (u, record) in usesRecords.enumerated() {
            guard let key = record.parentKey else { continue }
            if let p = resolver.item(key, .uses(u), .parent, &log, { "the parent of \(names.uses)" }) { parents.append((u, p)) }
        }
        for (u, p) in parents { usesRecords[u].parent = p }
    }

    /// Resolves ids, references, countries and groups, reporting what does not resolve.
    /// - Complexity: O(records + references), expected.
    func resolve(_ log: inout BuildLog) -> Resolution {
        var index = KeyIndex(capacity: itemRecords.count + supplierRecords.count + groupRecords.count)
        var canonical: [String: Int32] = [:]
        func register(_ key: String, _ added: Entity) {
            let code = code(of: added)
            if let first = index.insert(key, code: code, in: self) {
                log.error(.duplicateID, subject(of: added), .id, related: subject(of: entity(ofCode: first)),
                          relation: .firstDefined, "duplicate id '\(key)'")
                return
            }
            guard !key.utf8.allSatisfy({ $0 < 0x80 }) else { return }
            // Swift's String equality is canonical equivalence: this finds the NFC twin of an NFD id.
            if let twin = canonical[key] {
                log.error(.duplicateID, subject(of: added), .id, related: subject(of: entity(ofCode: twin)), relation: .firstDefined,
                          "duplicate id '\(key)': it differs from '\(self.key(ofCode: twin))' only by Unicode normalisation (one is written composed, NFC, the other decomposed, NFD), so they read alike; write both the same way")
            } else {
                canonical[key] = code
            }
        }
        for (i, record) in itemRecords.enumerated() { register(record.key, .item(i)) }
        for (i, record) in supplierRecords.enumerated() { register(record.key, .supplier(i)) }
        for (i, record) in groupRecords.enumerated() {
            if CountryGroup.builtIn.contains(where: { $0.id == record.id }) {
                log.error(.reservedGroup, .group(i), .id, "group id '\(record.id)' is built in and cannot be redefined")
            } else if let country = Country(code: record.id) {
                log.error(.groupIsCountry, .group(i), .id,
                          "group id '\(record.id)' is the country code of \(country.name): give the group an id that is not a country code")
            } else {
                register(record.id, .group(i))
            }
        }
        var resolver = References(builder: self, index: index, canonical: canonical)
        let names = log.names

        // Countries.
        var countries = [Country](repeating: .unknown, count: supplierRecords.count)
        var controllers = [Country](repeating: .unknown, count: supplierRecords.count)
        var inferred = [Bool](repeating: false, count: supplierRecords.count)
        for (i, record) in supplierRecords.enumerated() {
            if let code = record.country {
                if let country = Country(code: code) { countries[i] = country } else {
                    log.error(.unknownCountry, .supplier(i), .country, unknownCountryMessage(code, "country of supplier '\(record.key)'"))
                }
            } else if let cage = record.cage, Self.isCageCode(cage) {
                switch CageCode.origin(of: cage) {
                case .country(let country):
                    countries[i] = country
                    inferred[i] = true
                    log.warn(.countryInferred, .supplier(i), .cage,
                             "supplier '\(record.key)' has no country: \(country.code) (\(country.name)) is inferred from its CAGE code '\(cage)' (the NATO codification bureau that assigns it)")
                case .nspa:
                    log.warn(.unknownOrigin, .supplier(i), .country,
                             "supplier '\(record.key)' has no country, and its CAGE code '\(cage)' is assigned by NSPA, which names none: it counts as outside the EU (data gap)")
                case .unknown:
                    log.warn(.unknownOrigin, .supplier(i), .country,
                             "supplier '\(record.key)' has no country, and no codification bureau is known for its CAGE code '\(cage)': it counts as outside the EU (data gap)")
                }
            } else {
                log.warn(.unknownOrigin, .supplier(i), .country, "supplier '\(record.key)' has no country: it counts as outside the EU (data gap)")
            }
            if let code = record.controlledBy {
                if let country = Country(code: code) { controllers[i] = country } else {
                    log.error(.unknownCountry, .supplier(i), .controlledBy, unknownCountryMessage(code, "controlledBy of supplier '\(record.key)'"))
                }
            }
        }
        var groups: [CountryGroup] = []
        for (i, record) in groupRecords.enumerated() {
            var members: [Country] = []
            for code in record.members {
                if let country = Country(code: code) { members.append(country) } else {
                    log.error(.unknownCountry, .group(i), .members, unknownCountryMessage(code, "group '\(record.id)'"))
                }
            }
            groups.append(CountryGroup(id: record.id, name: record.name, members: members))
        }

        // The messages' closures capture these arrays, not `self`: a closure over the builder
        // would copy it (and retain each of its arrays) on every reference resolved.
        let items = itemRecords, suppliers = supplierRecords
        let usesName = names.uses, suppliesName = names.supplies, supplyName = names.supply

        // BOM edges.
        var usesChild = [Int](repeating: -1, count: usesRecords.count)
        for (u, record) in usesRecords.enumerated() {
            guard record.parent >= 0 else { continue } // a parent named by id that does not resolve
            usesChild[u] = resolver.item(record.child, .uses(u), .item, &log) {
                "\(usesName) of '\(items[record.parent].key)'"
            } ?? -1
        }
        let usesByParent = Adjacency(rows: itemRecords.count) { emit in
            for (u, record) in usesRecords.enumerated() where usesChild[u] >= 0 { emit(record.parent, u) }
        }

        // Supply edges.
        var edgeSupplier = [Int](repeating: -1, count: supplyRecords.count)
        var edgeItem = [Int](repeating: -1, count: supplyRecords.count)
        for (e, record) in supplyRecords.enumerated() {
            switch record.supplier {
            case .record(let s):
                edgeSupplier[e] = s
                edgeItem[e] = resolver.item(record.item, .supply(e), .item, &log) {
                    "\(suppliesName) of '\(suppliers[s].key)'"
                } ?? -1
            case .key(let key):
                edgeSupplier[e] = resolver.supplier(key, .supply(e), .supplier, &log) { supplyName } ?? -1
                edgeItem[e] = resolver.item(record.item, .supply(e), .item, &log) { "\(supplyName) of '\(key)'" } ?? -1
            }
        }
        let edgesByItem = Adjacency(rows: itemRecords.count) { emit in
            for e in supplyRecords.indices where edgeSupplier[e] >= 0 && edgeItem[e] >= 0 { emit(edgeItem[e], e) }
        }

        let sourcing = resolveSourcing(&resolver, usesChild: usesChild, usesByParent: usesByParent,
                                       edgeSupplier: edgeSupplier, edgeItem: edgeItem, &log)
        let options = resolveOptions(&resolver, &log)
        return Resolution(index: index, canonical: canonical, usesChild: usesChild, usesByParent: usesByParent,
                          edgeSupplier: edgeSupplier, edgeItem: edgeItem, edgesByItem: edgesByItem, sourcing: sourcing,
                          countries: countries, countryInferred: inferred, controllers: controllers, groups: groups, currency: nil,
                          options: options)
    }

    /// `sourcedFrom`: the input must be a BOM child of the supplied item, the named suppliers must
    /// supply it.
    /// - Complexity: O(entries + named suppliers + children of the supplied items), expected; the
    ///   set of supplier–item pairs is made only when there is a `sourcedFrom` at all.
    private func resolveSourcing(_ resolver: inout References, usesChild: [Int], usesByParent: Adjacency,
                                 edgeSupplier: [Int], edgeItem: [Int], _ log: inout BuildLog) -> [[(input: Int, suppliers: [Int])]] {
        var result = [[(input: Int, suppliers: [Int])]](repeating: [], count: supplyRecords.count)
        guard supplyRecords.contains(where: { !$0.sourcing.isEmpty }) else { return result }
        let names = log.names
        var suppliesPair = Set<UInt64>(minimumCapacity: supplyRecords.count)
        for e in supplyRecords.indices where edgeSupplier[e] >= 0 && edgeItem[e] >= 0 {
            suppliesPair.insert(UInt64(edgeSupplier[e]) << 32 | UInt64(edgeItem[e]))
        }
        for e in supplyRecords.indices where !supplyRecords[e].sourcing.isEmpty {
            for (n, entry) in supplyRecords[e].sourcing.enumerated() {
                let here = Subject.sourcing(supply: e, entry: n)
                guard let input = resolver.item(entry.input, here, .item, &log, { names.sourcedFrom }) else { continue }
                let item = edgeItem[e]
                if item >= 0, !usesByParent[item].contains(where: { usesChild[Int($0)] == input }) {
                    log.error(.sourcingNotInput, here, .item,
                              "'\(entry.input)' in \(names.sourcedFrom) is not an input (\(names.uses)) of '\(itemRecords[item].key)'")
                    continue
                }
                if entry.suppliers.isEmpty {
                    log.error(.sourcingEmpty, here, .suppliers, "\(names.sourcedFrom) of '\(entry.input)' names no supplier")
                    continue
                }
                var named: [Int] = []
                var seen = Set<Int>(minimumCapacity: entry.suppliers.count)
                for key in entry.suppliers {
                    guard let s = resolver.supplier(key, here, .suppliers, &log, { "\(names.sourcedFrom) of '\(entry.input)'" }) else { continue }
                    if !suppliesPair.contains(UInt64(s) << 32 | UInt64(input)) {
                        log.error(.sourcingNotSupplier, here, .suppliers,
                                  "supplier '\(key)' in \(names.sourcedFrom) does not supply '\(entry.input)'")
                        continue
                    }
                    if seen.insert(s).inserted { named.append(s) }
                }
                result[e].append((input, named))
            }
        }
        return result
    }
}

