import SupplyGraph

/// The screening of a map's parties (suppliers and entities) against sanctions lists: who is
/// listed, who is sanctioned through owners (the 50 % rule), who might be listed under a
/// slightly different name, and what that means for items and systems.
///
/// **Listed.** A list entry of a person matches only entities marked as persons; an entry of
/// an enterprise matches suppliers and the other entities. A party is listed when its `lei` or
/// `registration` equals an identification number of such an entry (``NameMatching``'s
/// identifier comparison), or its normalised name equals a normalised alias
/// (``NameMatching/normalise(_:)``; an empty one never matches). Entries of several lists
/// with the same reference are one entry.
///
/// **Sanctioned** (the EU's Best Practices as updated in July 2024, aggregated as OFAC does):
/// a party that is listed; or whose sanctioned direct owners' shares sum to 0.5 or more
/// (`>= 0.5 − 1e-9`); or that a sanctioned owner controls (`control="true"`) — applied up the
/// acyclic ownership graph to a fixed point (owners before the parties they own).
///
/// **Evidence.** `how` is the first that holds of `identifier`, `name`, `ownership`,
/// `control`; `path` runs from the party to the listed party (the party first), at each step
/// following the rule its `how` names: for `ownership` the sanctioned owner with the largest
/// share (then the smallest id), for `control` the sanctioned controlling owner;
/// `listReference` and `matchedName` are those of the listed party at the end (for an
/// identifier match, the number as the list writes it).
///
/// **Possible matches.** A party that is not sanctioned whose normalised name has a token-set
/// similarity of at least 0.85 (``NameMatching/tokenSetSimilarity(_:_:)``) with an alias of an
/// entry of its kind: one row per party and entry, with the best alias (then the first
/// given); listed for review, never counted. The aliases compared are those that share at
/// least one word with the name (an exact word index before the similarity).
///
/// **Figures.** Per item, `sanctionedShare`: the sum of `ŵ(e)` over its supply edges whose
/// supplier is sanctioned. Per system, the sanctioned suppliers in its BOM closure and its
/// supply fraction `φ` with all sanctioned suppliers failed — a supplier scenario, as
/// `--without-supplier`: unknown origin and unattributed supply are kept.
public struct Screening: Sendable {
    /// How a party came to be sanctioned.
    public enum How: String, Sendable {
        /// An identifier equals an identification number of the entry.
        case identifier
        /// The normalised name equals a normalised alias of the entry.
        case name
        /// Sanctioned owners hold 50 % or more.
        case ownership
        /// A sanctioned owner controls it.
        case control
    }

    /// Why a party is sanctioned.
    public struct Evidence: Sendable, Equatable {
        /// The party.
        public var party: Party
        /// The first rule that holds.
        public var how: How
        /// From the party to the listed party, the party first.
        public var path: [Party]
        /// The reference of the entry the listed party at the end matches.
        public var listReference: String
        /// The alias or identification number (as the list writes it) that matched.
        public var matchedName: String
    }

    /// A party that might be listed under a slightly different name.
    public struct PossibleMatch: Sendable, Equatable {
        /// The party.
        public var party: Party
        /// The entry's best alias, as the list writes it.
        public var listName: String
        /// The entry's reference.
        public var listReference: String
        /// The token-set similarity of the normalised names, 0.85...1.
        public var similarity: Double
    }

    /// One list read: its file, generation date and number of entries.
    public struct ListSummary: Sendable, Equatable {
        /// The file as named.
        public var file: String
        /// The generation date written in it.
        public var generationDate: String?
        /// Every entry of the file.
        public var entities: Int
    }

    /// A system and what the sanctioned suppliers mean to it.
    public struct SystemFigure: Sendable, Equatable {
        /// The system.
        public var system: ItemID
        /// The sanctioned suppliers in its BOM closure, by id.
        public var sanctionedSuppliers: [SupplierID]
        /// Its `φ` with every sanctioned supplier failed.
        public var supplyFractionWithout: Double
    }

    /// The lowest token-set similarity of a possible match.
    public static let possibleMatchThreshold = 0.85

    /// The lists, as read.
    public let lists: [ListSummary]
    /// The sanctioned parties with their evidence, by id.
    public let sanctioned: [Evidence]
    /// The possible matches, by party id, then reference.
    public let possible: [PossibleMatch]
    /// Whether each supplier is sanctioned.
    public let sanctionedSuppliers: IDArray<SupplierID, Bool>
    /// The items with `sanctionedShare > 0` and that share, by id.
    public let items: [(item: ItemID, sanctionedShare: Double)]
    /// The systems with a sanctioned supplier in their closure, by id.
    public let systems: [SystemFigure]

    /// Screens `graph` against `lists`.
    /// - Complexity: O(parties · (names + identifiers) + aliases) for the exact matches, plus
    ///   the similarity of each party's name with the aliases sharing a word with it, plus one
    ///   supply-fraction pass and the systems' closures.
    public init(_ graph: SupplyGraph, lists: [SanctionsList]) {
        self.lists = lists.map { ListSummary(file: $0.file, generationDate: $0.generationDate, entities: $0.entityCount) }
        // One entry per reference.
        var entries: [SanctionsList.Entry] = []
        var seen = Set<String>()
        for list in lists { for entry in list.entries where seen.insert(entry.reference).inserted { entries.append(entry) } }
        let index = ListIndex(entries)

        // Listed parties.
        let parties = graph.parties
        var listed: [Party: (how: How, reference: String, matched: String)] = [:]
        var normalisedNames: [Party: String] = [:]
        for party in parties {
            let person = graph.isPerson(party)
            for identifier in [graph.lei(of: party), graph.registration(of: party)].compactMap({ $0 }) {
                let key = NameMatching.normaliseIdentifier(identifier)
                guard !key.isEmpty, let hit = index.identifiers[person ? 1 : 0][key]?.first else { continue }
                listed[party] = (.identifier, entries[hit.entry].reference, entries[hit.entry].identifiers[hit.value])
                break
            }
            let name = NameMatching.normalise(graph.name(of: party))
            normalisedNames[party] = name
            if listed[party] == nil, !name.isEmpty, let hit = index.names[person ? 1 : 0][name]?.first {
                listed[party] = (.name, entries[hit.entry].reference, entries[hit.entry].names[hit.value])
            }
        }

        // The 50 % rule, owners before the parties they own.
        let ownership = graph.ownership
        var evidence: [Party: Evidence] = [:]
        for party in Self.ownersFirst(parties, ownership) {
            if let hit = listed[party] {
                evidence[party] = Evidence(party: party, how: hit.how, path: [party], listReference: hit.reference, matchedName: hit.matched)
                continue
            }
            let owners = ownership.owners(of: party).filter { evidence[$0.by] != nil }
            guard !owners.isEmpty else { continue }
            let sum = owners.reduce(0) { $0 + ($1.share ?? 0) }
            var step: (How, Party)? = nil
            if sum >= 0.5 - 1e-9 {
                let best = owners.min { a, b in
                    let sa = a.share ?? 0, sb = b.share ?? 0
                    return sa != sb ? sa > sb : KeyOrder.contract.precedes(graph.key(of: a.by), graph.key(of: b.by))
                }!
                step = (.ownership, best.by)
            } else if let controller = owners.first(where: \.controlGiven) {
                step = (.control, controller.by)
            }
            guard let (how, owner) = step, let above = evidence[owner] else { continue }
            evidence[party] = Evidence(party: party, how: how, path: [party] + above.path,
                                       listReference: above.listReference, matchedName: above.matchedName)
        }
        sanctioned = evidence.values.sorted { KeyOrder.contract.precedes(graph.key(of: $0.party), graph.key(of: $1.party)) }
        var bySupplier = IDArray<SupplierID, Bool>(repeating: false, count: graph.supplierCount)
        for found in sanctioned { if case .supplier(let s) = found.party { bySupplier[s.index] = true } }
        sanctionedSuppliers = bySupplier

        // Possible matches.
        var possible: [PossibleMatch] = []
        for party in parties where evidence[party] == nil {
            guard let name = normalisedNames[party], !name.isEmpty else { continue }
            let kind = graph.isPerson(party) ? 1 : 0
            var best: [Int: (alias: Int, similarity: Double)] = [:]
            // The shared words of each candidate alias (count, characters), from the word index:
            // enough for an upper bound of the similarity before any string is built.
            let words = Set(name.split(separator: " ").map(String.init))
            let nameChars = words.reduce(0) { $0 + $1.unicodeScalars.count }
            var shared: [Int: (count: Int, chars: Int)] = [:]
            for word in words {
                let length = word.unicodeScalars.count
                for alias in index.words[kind][word] ?? [] { shared[alias, default: (0, 0)].count += 1; shared[alias]!.chars += length }
            }
            for (a, common) in shared.sorted(by: { $0.key < $1.key }) {
                let alias = index.aliases[kind][a]
                guard Self.mayReach(Self.possibleMatchThreshold - 1e-12, nameWords: words.count, nameChars: nameChars,
                                    aliasWords: alias.words, aliasChars: alias.chars, sharedWords: common.count, sharedChars: common.chars)
                else { continue }
                let similarity = NameMatching.tokenSetSimilarity(name, alias.normalised, cutoff: Self.possibleMatchThreshold - 1e-12)
                guard similarity >= Self.possibleMatchThreshold - 1e-12 else { continue }
                if let current = best[alias.entry], current.similarity >= similarity { continue }
                best[alias.entry] = (alias.name, similarity)
            }
            for (entry, hit) in best {
                possible.append(PossibleMatch(party: party, listName: entries[entry].names[hit.alias],
                                              listReference: entries[entry].reference, similarity: hit.similarity))
            }
        }
        self.possible = possible.sorted { a, b in
            let ka = graph.key(of: a.party), kb = graph.key(of: b.party)
            return ka != kb ? KeyOrder.contract.precedes(ka, kb) : KeyOrder.contract.precedes(a.listReference, b.listReference)
        }

        // Figures.
        let shares = ShareTable(graph)
        var items: [(ItemID, Double)] = []
        for item in graph.items {
            var share = 0.0
            for e in graph.supplyEdges(of: item) where bySupplier[graph.edgeSupplier[e].index] { share += shares.edges[e.index] }
            if share > 0 { items.append((item, share)) }
        }
        self.items = items.sorted { KeyOrder.contract.precedes(graph.itemKeys[$0.0.index], graph.itemKeys[$1.0.index]) }
        var systems: [SystemFigure] = []
        if bySupplier.contains(true) {
            let fraction = SupplyFraction(graph, shares: shares, disruption: Disruption(failedSuppliers: bySupplier))
            for system in graph.items(ofKind: .system) {
                var found = Set<SupplierID>()
                for item in graph.closure(of: system) {
                    for e in graph.supplyEdges(of: item) where bySupplier[graph.edgeSupplier[e].index] { found.insert(graph.edgeSupplier[e]) }
                }
                guard !found.isEmpty else { continue }
                systems.append(SystemFigure(system: system, sanctionedSuppliers: found.sorted { KeyOrder.contract.precedes(graph.supplierKeys[$0.index], graph.supplierKeys[$1.index]) },
                                            supplyFractionWithout: fraction.items[system.index]))
            }
        }
        self.systems = systems.sorted { KeyOrder.contract.precedes(graph.itemKeys[$0.system.index], graph.itemKeys[$1.system.index]) }
    }

    /// Whether the token-set similarity of two names that share `sharedWords` words
    /// (`sharedChars` characters) can reach `cutoff`, from the lengths alone: one name's words
    /// all in the other gives 1; otherwise the three ratios are bounded with `indel >= ||A| − |B||`.
    static func mayReach(_ cutoff: Double, nameWords: Int, nameChars: Int, aliasWords: Int, aliasChars: Int,
                         sharedWords: Int, sharedChars: Int) -> Bool {
        guard sharedWords > 0 else { return true }
        let onlyNameWords = nameWords - sharedWords, onlyAliasWords = aliasWords - sharedWords
        if onlyNameWords == 0 || onlyAliasWords == 0 { return true }
        let a = nameChars - sharedChars + onlyNameWords - 1, b = aliasChars - sharedChars + onlyAliasWords - 1
        let sect = sharedChars + sharedWords - 1
        let sectA = sect + 1 + a, sectB = sect + 1 + b
        let bound = max(1 - Double(abs(a - b)) / Double(sectA + sectB),
                        1 - Double(1 + a) / Double(sect + sectA), 1 - Double(1 + b) / Double(sect + sectB))
        return bound >= cutoff
    }

    /// The parties in an order where every owner comes before the parties it owns.
    static func ownersFirst(_ parties: [Party], _ ownership: Ownership) -> [Party] {
        var done = Set<Party>(), order: [Party] = []
        for start in parties where !done.contains(start) {
            var stack: [(Party, Bool)] = [(start, false)]
            while let (party, expanded) = stack.popLast() {
                if expanded { if done.insert(party).inserted { order.append(party) }; continue }
                if done.contains(party) { continue }
                stack.append((party, true))
                for link in ownership.owners(of: party) where !done.contains(link.by) { stack.append((link.by, false)) }
            }
        }
        return order
    }

    /// The entries' identifiers, names and words, by kind (0 enterprises, 1 persons).
    struct ListIndex {
        var identifiers: [[String: [(entry: Int, value: Int)]]] = [[:], [:]]
        var names: [[String: [(entry: Int, value: Int)]]] = [[:], [:]]
        var aliases: [[(entry: Int, name: Int, normalised: String, words: Int, chars: Int)]] = [[], []]
        var words: [[String: [Int]]] = [[:], [:]]

        init(_ entries: [SanctionsList.Entry]) {
            for (k, entry) in entries.enumerated() {
                let kind = entry.subjectType == .person ? 1 : 0
                for (v, identifier) in entry.identifiers.enumerated() {
                    let key = NameMatching.normaliseIdentifier(identifier)
                    if !key.isEmpty { identifiers[kind][key, default: []].append((k, v)) }
                }
                for (v, name) in entry.names.enumerated() {
                    let key = NameMatching.normalise(name)
                    guard !key.isEmpty else { continue }
                    names[kind][key, default: []].append((k, v))
                    let a = aliases[kind].count
                    let unique = Set(key.split(separator: " ").map(String.init))
                    aliases[kind].append((k, v, key, unique.count, unique.reduce(0) { $0 + $1.unicodeScalars.count }))
                    for word in unique { words[kind][word, default: []].append(a) }
                }
            }
        }
    }
}
