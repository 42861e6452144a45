/// A party that can own and be owned: a supplier of the map, or an entity (an owner that
/// supplies nothing: a holding company, a state fund, a natural person).
public enum Party: Hashable, Comparable, Sendable {
    /// A supplier of the graph.
    case supplier(SupplierID)
    /// An entity, by its number in ``Ownership/entityKeys``.
    case entity(Int)
}

/// Who owns the suppliers: the entities, the owner links between parties, and the ultimate
/// controller of each party.
///
/// An owner link `E` → `X` says `E` holds ``Link/share`` of `X` (0...1; `nil` adds nothing to
/// any sum) and, with ``Link/control``, controls it with or without a majority. The links are
/// acyclic, the shares of one party's owners sum to at most 1 (within the share tolerance), and
/// a party has at most one *controlling* owner (share above 0.5 or control): the builder
/// checks all three. The **ultimate controller** of a party follows the controlling owner up
/// to the top (a party without one has none). A supplier without a `controlledBy` of its own
/// gets its ultimate controller's country, and ``SupplyGraph/supplierControlledByDerived``
/// says so.
public struct Ownership: Sendable {
    /// One owner link.
    public struct Link: Hashable, Sendable {
        /// The party owned.
        public var of: Party
        /// The owner.
        public var by: Party
        /// The share held, 0...1, `nil` when not given.
        public var share: Double?
        /// Whether the owner controls the party (given, or a share above 0.5).
        public var control: Bool
        /// Whether `control` was given (`control="true"`), rather than read from the share.
        public var controlGiven: Bool
        /// Creates a link.
        /// - Complexity: O(1).
        public init(of: Party, by: Party, share: Double?, control: Bool, controlGiven: Bool) {
            self.of = of; self.by = by; self.share = share; self.control = control; self.controlGiven = controlGiven
        }
    }

    /// Each entity's id as written in the data (a GLEIF record's id is its LEI).
    public internal(set) var entityKeys: [String] = []
    /// Each entity's name.
    public internal(set) var entityNames: [String] = []
    /// Each entity's country (of its registered address), ``Country/unknown`` when not given.
    public internal(set) var entityCountries: [Country] = []
    /// Each entity's LEI, `nil` when not given.
    public internal(set) var entityLEI: [String?] = []
    /// Each entity's registration number, `nil` when not given.
    public internal(set) var entityRegistration: [String?] = []
    /// Whether each entity is a natural person.
    public internal(set) var entityIsPerson: [Bool] = []
    /// Each supplier's LEI (parallel to the graph's suppliers), `nil` when not given.
    public internal(set) var supplierLEI: [String?] = []
    /// Each supplier's registration number, `nil` when not given.
    public internal(set) var supplierRegistration: [String?] = []
    /// The owner links, in the order given.
    public internal(set) var links: [Link] = []
    /// The links into each party (its owners), by link number.
    var ownersOf: [Party: [Int]] = [:]
    /// The controlling owner of each party that has one.
    var controllerOf: [Party: Party] = [:]

    /// No ownership at all.
    /// - Complexity: O(1).
    public init() {}

    /// The number of entities.
    /// - Complexity: O(1).
    public var entityCount: Int { entityKeys.count }

    /// Whether the data gives no entity and no owner link.
    /// - Complexity: O(1).
    public var isEmpty: Bool { entityKeys.isEmpty && links.isEmpty }

    /// The owner links into `party` (its direct owners), in the order given.
    /// - Complexity: O(1) expected to find, O(owners) to copy.
    public func owners(of party: Party) -> [Link] { (ownersOf[party] ?? []).map { links[$0] } }

    /// The parties that `party` owns directly.
    /// - Complexity: O(links).
    public func owned(by party: Party) -> [Party] { links.filter { $0.by == party }.map(\.of) }

    /// The controlling owner of `party` (the one owner with a share above 0.5 or control).
    /// - Complexity: O(1) expected.
    public func controller(of party: Party) -> Party? { controllerOf[party] }

    /// The top of the chain of controlling owners above `party`, `nil` when it has no
    /// controlling owner.
    /// - Complexity: O(length of the chain).
    public func ultimateController(of party: Party) -> Party? {
        var top: Party? = nil, at = party
        while let next = controllerOf[at] { top = next; at = next }
        return top
    }

    /// The entity with id `key`.
    /// - Complexity: O(entities).
    public func entity(withKey key: String) -> Int? { entityKeys.firstIndex(of: key) }
}

extension SupplyGraph {
    /// A party's id as written in the data.
    /// - Complexity: O(1).
    public func key(of party: Party) -> String {
        switch party {
        case .supplier(let s): supplierKeys[s]
        case .entity(let e): ownership.entityKeys[e]
        }
    }

    /// A party's readable name.
    /// - Complexity: O(1).
    public func name(of party: Party) -> String {
        switch party {
        case .supplier(let s): supplierNames[s]
        case .entity(let e): ownership.entityNames[e]
        }
    }

    /// A party's LEI, if known.
    /// - Complexity: O(1).
    public func lei(of party: Party) -> String? {
        switch party {
        case .supplier(let s): ownership.supplierLEI.isEmpty ? nil : ownership.supplierLEI[s.index]
        case .entity(let e): ownership.entityLEI[e]
        }
    }

    /// A party's registration number, if known.
    /// - Complexity: O(1).
    public func registration(of party: Party) -> String? {
        switch party {
        case .supplier(let s): ownership.supplierRegistration.isEmpty ? nil : ownership.supplierRegistration[s.index]
        case .entity(let e): ownership.entityRegistration[e]
        }
    }

    /// Whether a party is a natural person (only entities can be).
    /// - Complexity: O(1).
    public func isPerson(_ party: Party) -> Bool {
        if case .entity(let e) = party { return ownership.entityIsPerson[e] }
        return false
    }

    /// Every party: the suppliers, then the entities.
    /// - Complexity: O(suppliers + entities).
    public var parties: [Party] {
        suppliers.map(Party.supplier) + (0..<ownership.entityCount).map(Party.entity)
    }
}
