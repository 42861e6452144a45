/// The entities, owner links and identifiers given to a ``SupplyGraphBuilder``.
struct OwnershipRecords {
    struct Entity {
        var key: String, name: String, country: String?, lei: String?, registration: String?, person: Bool
        /// From a register (GLEIF): the same record may come twice, and one whose LEI is a
        /// party's LEI is that party.
        var fromRegister: Bool
    }
    enum LinkKind { case owner, registerControl, registerUltimate }
    struct Link { var of: String, by: String, share: Double?, control: Bool?, kind: LinkKind }
    var entities: [Entity] = []
    var links: [Link] = []
    var supplierIdentifiers: [Int: (lei: String?, registration: String?)] = [:]
}

extension SupplyGraphBuilder {
    /// Adds an entity: an owner that supplies nothing (a company, or a natural person with
    /// `person`). Its id shares one id space with items, suppliers and groups. Returns its number.
    /// - Complexity: amortised O(1).
    @discardableResult
    public mutating func addEntity(key: String, name: String? = nil, country: String? = nil, lei: String? = nil,
                                   registration: String? = nil, person: Bool = false) -> Int {
        ownershipRecords.entities.append(.init(key: key, name: name ?? key, country: country, lei: lei,
                                               registration: registration, person: person, fromRegister: false))
        return ownershipRecords.entities.count - 1
    }

    /// Adds a record of a register of legal entities (a GLEIF LEI record): an entity whose id is
    /// its LEI, unless a supplier or entity of the data carries that LEI, in which case the
    /// record IS that party and adds nothing. The same LEI given twice is one entity.
    /// - Complexity: amortised O(1).
    @discardableResult
    public mutating func addRegisteredEntity(lei: String, name: String?, country: String?) -> Int {
        ownershipRecords.entities.append(.init(key: lei, name: name ?? lei, country: country, lei: lei,
                                               registration: nil, person: false, fromRegister: true))
        return ownershipRecords.entities.count - 1
    }

    /// Gives a supplier its LEI and registration number.
    /// - Complexity: O(1) expected.
    public mutating func setIdentifiers(ofSupplier supplier: Int, lei: String?, registration: String?) {
        guard lei != nil || registration != nil else { return }
        ownershipRecords.supplierIdentifiers[supplier] = (lei, registration)
    }

    /// Adds an owner link: party `by` holds `share` (0...1, nil: none given) of party `of`, and
    /// controls it when `control` is true. Parties are named by id, or by the LEI of a party
    /// that carries one. Returns its number.
    /// - Complexity: amortised O(1).
    @discardableResult
    public mutating func addOwner(of: String, by: String, share: Double? = nil, control: Bool? = nil) -> Int {
        ownershipRecords.links.append(.init(of: of, by: by, share: share, control: control, kind: .owner))
        return ownershipRecords.links.count - 1
    }

    /// Adds a relationship of a register (GLEIF RR): `ultimate` false, a direct accounting
    /// consolidation, which is control without a share; `ultimate` true, the ultimate parent,
    /// which is never an owner but is compared with the ultimate controller the links give (a
    /// disagreement is a warning). A relationship whose parties are not in the data is left
    /// out (counted in one warning). Returns its number, an owner link's number.
    /// - Complexity: amortised O(1).
    @discardableResult
    public mutating func addRegisteredRelationship(child: String, parent: String, ultimate: Bool) -> Int {
        ownershipRecords.links.append(.init(of: child, by: parent, share: nil, control: true,
                                            kind: ultimate ? .registerUltimate : .registerControl))
        return ownershipRecords.links.count - 1
    }

    /// The ownership of the data, checked: entities resolved and merged with register records,
    /// links resolved, owners' shares summed, cycles and two controllers found.
    /// - Complexity: O(suppliers + entities + links), expected.
    func resolveOwnership(_ resolution: Resolution, _ log: inout BuildLog) -> Ownership {
        var result = Ownership()
        let records = ownershipRecords
        let supplierCount = supplierRecords.count
        if records.entities.isEmpty && records.links.isEmpty && records.supplierIdentifiers.isEmpty { return result }
        result.supplierLEI = [String?](repeating: nil, count: supplierCount)
        result.supplierRegistration = [String?](repeating: nil, count: supplierCount)
        var byLEI: [String: Party] = [:]
        func leiKey(_ lei: String) -> String {
            String(lei.uppercased().unicodeScalars.filter { $0 != " " && $0 != "\t" }.map(Character.init))
        }
        for (s, ids) in records.supplierIdentifiers.sorted(by: { $0.key < $1.key }) {
            result.supplierLEI[s] = ids.lei; result.supplierRegistration[s] = ids.registration
            if let lei = ids.lei, byLEI[leiKey(lei)] == nil { byLEI[leiKey(lei)] = .supplier(SupplierID(s)) }
        }
        var entityOfKey: [String: Int] = [:]
        var recordOfEntity: [Int] = []
        var aliases: [String: Party] = [:]
        func add(_ record: OwnershipRecords.Entity, _ r: Int) {
            let e = result.entityKeys.count
            result.entityKeys.append(record.key); result.entityNames.append(record.name)
            var country = Country.unknown
            if let code = record.country, !code.isEmpty {
                if let known = Country(code: code) { country = known }
                else if !record.fromRegister {
                    log.error(.unknownCountry, .entity(r), .country, unknownCountryMessage(code, "country of entity '\(record.key)'"))
                }
            }
            result.entityCountries.append(country)
            result.entityLEI.append(record.lei); result.entityRegistration.append(record.registration)
            result.entityIsPerson.append(record.person)
            entityOfKey[record.key] = e
            recordOfEntity.append(r)
        }
        // The data's own entities first, then the register's.
        for (r, record) in records.entities.enumerated() where !record.fromRegister {
            if let code = resolution.index.find(record.key, in: self) {
                log.error(.duplicateID, .entity(r), .id, "duplicate id '\(record.key)': entity '\(record.key)' has the id of \(describe(code))")
                continue
            }
            if let first = entityOfKey[record.key] {
                log.error(.duplicateID, .entity(r), .id, related: .entity(recordOfEntity[first]), relation: .firstGiven,
                          "duplicate id '\(record.key)': another entity has it")
                continue
            }
            add(record, r)
            if let lei = record.lei, byLEI[leiKey(lei)] == nil { byLEI[leiKey(lei)] = .entity(result.entityKeys.count - 1) }
        }
        for (r, record) in records.entities.enumerated() where record.fromRegister {
            let key = leiKey(record.key)
            if let party = byLEI[key] { aliases[record.key] = party; continue }
            if entityOfKey[record.key] != nil || resolution.index.find(record.key, in: self) != nil { continue }
            add(record, r)
            byLEI[key] = .entity(result.entityKeys.count - 1)
        }
        func party(_ key: String) -> Party? {
            if let e = entityOfKey[key] { return .entity(e) }
            if let code = resolution.index.find(key, in: self), case .supplier(let s) = entity(ofCode: code) {
                return .supplier(SupplierID(s))
            }
            return aliases[key] ?? byLEI[leiKey(key)]
        }
        // Links.
        var skipped = 0, firstSkipped = -1
        var linkOfPair: [Party: [Party: Int]] = [:]
        var recordOfLink: [Int] = []
        var ultimates: [(of: Party, by: Party, record: Int)] = []
        for (r, record) in records.links.enumerated() {
            let of = party(record.of), by = party(record.by)
            guard let of, let by else {
                if record.kind != .owner { skipped += 1; if firstSkipped < 0 { firstSkipped = r }; continue }
                let (field, key) = of == nil ? (Field.of, record.of) : (Field.by, record.by)
                log.error(.unknownParty, .owner(r), field, "unknown party '\(key)' in <owner> (no supplier or entity has this id)")
                continue
            }
            if record.kind == .registerUltimate { ultimates.append((of, by, r)); continue }
            if of == by {
                log.error(.ownershipCycle, .owner(r), .by, "ownership cycle: '\(record.of)' owns itself")
                continue
            }
            if let share = record.share, !(share.isFinite && share >= 0 && share <= 1) {
                log.error(.shareOutOfRange, .owner(r), .share, "share of '\(record.by)' in '\(record.of)' must be between 0 and 1, not \(Self.plain(share))")
                continue
            }
            let controlGiven = record.control ?? false
            if let existing = linkOfPair[of]?[by] {
                // One owner of one party is one link: a register's consolidation and the data's owner are one.
                if result.links[existing].share == nil { result.links[existing].share = record.share }
                result.links[existing].controlGiven = result.links[existing].controlGiven || controlGiven
                result.links[existing].control = result.links[existing].control || controlGiven || (record.share ?? 0) > 0.5
                continue
            }
            linkOfPair[of, default: [:]][by] = result.links.count
            result.links.append(Ownership.Link(of: of, by: by, share: record.share,
                                               control: controlGiven || (record.share ?? 0) > 0.5, controlGiven: controlGiven))
            recordOfLink.append(r)
        }
        if skipped > 0 {
            log.warn(.relationshipSkipped, .owner(firstSkipped), nil,
                     "\(skipped) register relationship\(skipped == 1 ? "" : "s") left out: a party is neither in the data nor among the register's records read")
        }
        // Owners per party, their shares' sum, one controller each.
        for (l, link) in result.links.enumerated() { result.ownersOf[link.of, default: []].append(l) }
        for (target, owners) in result.ownersOf.sorted(by: { $0.key < $1.key }) {
            var sum = 0.0
            for l in owners {
                sum += result.links[l].share ?? 0
                if sum > 1 + options.shareTolerance + 1e-12 {
                    log.error(.ownersAboveOne, .owner(recordOfLink[l]), .share,
                              "the owners' shares of '\(key(of: target, result))' sum to \(Self.formatShare(sum)), above 1 by more than the tolerance \(Self.formatShare(options.shareTolerance))")
                    break
                }
            }
            for l in owners where result.links[l].control {
                if let first = result.controllerOf[target] {
                    let firstLink = owners.first { result.links[$0].by == first }!
                    log.error(.twoControllers, .owner(recordOfLink[l]), .by, related: .owner(recordOfLink[firstLink]), relation: .firstGiven,
                              "'\(key(of: target, result))' has two controlling owners, '\(key(of: first, result))' and '\(key(of: result.links[l].by, result))' (a share above 0.5 or control=\"true\"): a party has at most one")
                } else {
                    result.controllerOf[target] = result.links[l].by
                }
            }
        }
        // Cycles: a party that owns itself through others.
        if let cycle = ownershipCycle(result) {
            let keys = cycle.parties.map { "'\(key(of: $0, result))'" }
            log.error(.ownershipCycle, .owner(recordOfLink[cycle.link]), .by,
                      "ownership cycle: \(keys.joined(separator: " is owned by ")) (ownership must not run in a circle)")
            return result
        }
        // GLEIF's ultimate parents against the chain of controllers.
        for (of, by, r) in ultimates {
            var top: Party? = nil, at = of, steps = 0
            while let next = result.controllerOf[at], steps <= result.links.count { top = next; at = next; steps += 1 }
            if top != by {
                let derived = top.map { "'\(key(of: $0, result))'" } ?? "none"
                log.warn(.consolidationDisagrees, .owner(r), .by,
                         "the register names '\(key(of: by, result))' as the ultimate parent of '\(key(of: of, result))', the owners give \(derived)")
            }
        }
        return result
    }

    private func describe(_ code: Int32) -> String {
        switch entity(ofCode: code) {
        case .item(let i): "\(itemRecords[i].kind) '\(itemRecords[i].key)'"
        case .supplier(let s): "supplier '\(supplierRecords[s].key)'"
        case .group(let g): "group '\(groupRecords[g].id)'"
        }
    }

    private func key(of party: Party, _ ownership: Ownership) -> String {
        switch party {
        case .supplier(let s): supplierRecords[s.index].key
        case .entity(let e): ownership.entityKeys[e]
        }
    }

    /// A cycle of owner links, if there is one: the parties (the first again at the end, each
    /// owned by the next) and the link that closes it.
    private func ownershipCycle(_ ownership: Ownership) -> (parties: [Party], link: Int)? {
        var state: [Party: Int] = [:] // 1 on the stack, 2 done
        var path: [Party] = [], pathLinks: [Int] = []
        func visit(_ p: Party) -> (parties: [Party], link: Int)? {
            state[p] = 1; path.append(p)
            for l in ownership.ownersOf[p] ?? [] {
                let owner = ownership.links[l].by
                if state[owner] == 1 {
                    let start = path.firstIndex(of: owner)!
                    return (Array(path[start...]) + [owner], l)
                }
                if state[owner] == nil {
                    pathLinks.append(l)
                    if let found = visit(owner) { return found }
                    pathLinks.removeLast()
                }
            }
            state[p] = 2; path.removeLast()
            return nil
        }
        for p in ownership.ownersOf.keys.sorted() where state[p] == nil {
            if let found = visit(p) { return found }
        }
        return nil
    }
}

extension SupplyGraph {
    /// Takes the checked ownership, and derives the `controlledBy` of the suppliers that give
    /// none from their ultimate controllers.
    mutating func apply(_ ownership: Ownership) {
        self.ownership = ownership
        guard !ownership.controllerOf.isEmpty else { return }
        var derived = [Bool](repeating: false, count: supplierCount)
        var controlledBy = supplierControlledBy
        for s in suppliers where !controlledBy[s].isKnown {
            guard let top = ownership.ultimateController(of: .supplier(s)) else { continue }
            let country: Country = switch top {
            case .supplier(let t): supplierCountries[t]
            case .entity(let e): ownership.entityCountries[e]
            }
            if country.isKnown { controlledBy[s.index] = country; derived[s.index] = true }
        }
        supplierControlledBy = controlledBy
        if derived.contains(true) { supplierControlledByDerived = derived }
    }
}
