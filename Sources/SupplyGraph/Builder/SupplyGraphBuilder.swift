/// Collects items, suppliers, groups and edges by their string ids, in any order, then checks
/// them and freezes them into a ``SupplyGraph``.
///
/// References are resolved only in ``build()``, so a data set may refer forward and several
/// files may be merged. Every record gets a number (its position among records of its kind),
/// and every ``Diagnostic`` of the build names the record it is about as a ``Subject`` and the
/// ``Field`` concerned — a reader keeps the file, line and column of each record and turns
/// subjects into locations. The builder's messages name records with the reader's words
/// (``Options/names``), so that the XML importer can say `<uses>` and a workbook reader `bom`.
public struct SupplyGraphBuilder: Sendable {
    /// Settings of the checks.
    public struct Options: Sendable {
        /// How far above 1 an item's given shares may sum before it is an error (within it, a
        /// warning, and the shares are normalised). Real tables are rounded: the EU CRM 2023
        /// rows of one material sum from 0.89 to 1.02 (``Tolerance/defaultShareTolerance``).
        public var shareTolerance: Double = Tolerance.defaultShareTolerance
        /// The most errors a build reports (with their messages); the rest are counted.
        public var maxErrors = 100
        /// How many warnings of each code are kept with their messages; the rest are counted
        /// (``DiagnosticList``). `nil`: all of them.
        public var warningsKeptPerCode: Int? = 100
        /// What the messages call the records.
        public var names = RecordNames()
        /// Creates the default options.
        /// - Complexity: O(1).
        public init() {}
    }

    /// What the builder's messages call the kinds of record: by default the model's own words
    /// (`uses`, `supplies`, ...); a reader gives its own (the XML importer: `<uses>`, ...).
    public struct RecordNames: Sendable {
        /// A BOM edge.
        public var uses = "uses"
        /// A supply edge given by its supplier.
        public var supplies = "supplies"
        /// A supply edge given on its own, naming its supplier.
        public var supply = "supply"
        /// Where a supplier gets an input.
        public var sourcedFrom = "sourcedFrom"
        /// The model's words.
        /// - Complexity: O(1).
        public init() {}
        /// Names of the reader's choice.
        /// - Complexity: O(1).
        public init(uses: String, supplies: String, supply: String, sourcedFrom: String) {
            self.uses = uses; self.supplies = supplies; self.supply = supply; self.sourcedFrom = sourcedFrom
        }
    }

    /// What a ``Diagnostic`` is about: a record, by its number among records of its kind.
    public enum Subject: Hashable, Sendable {
        /// An item, by the number ``addItem(key:kind:name:unit:demand:stock:weight:price:maxPurchase:commodity:)`` returned.
        case item(Int)
        /// A supplier, by the number ``addSupplier(key:name:country:controlledBy:recoveryDays:cage:aggregate:)`` returned.
        case supplier(Int)
        /// A country group, by the number ``addGroup(id:name:members:)`` returned.
        case group(Int)
        /// A BOM edge, by the number ``addUses(parent:child:quantity:)`` returned.
        case uses(Int)
        /// A supply edge, by the number `addSupply` returned.
        case supply(Int)
        /// A `sourcedFrom` entry of a supply edge, by the number ``addSourcing(toSupply:input:suppliers:)`` returned.
        case sourcing(supply: Int, entry: Int)
        /// A data set (the root of one file), by the number ``addDataSet(name:asOf:currency:home:)`` returned.
        case dataSet(Int)
        /// An entity, by the number ``addEntity(key:name:country:lei:registration:person:)`` returned.
        case entity(Int)
        /// An owner link, by the number ``addOwner(of:by:share:control:)`` returned.
        case owner(Int)
        /// An option (a new qualified source the budget plan may take), by the number
        /// ``addOption(id:item:country:share:cost:leadTimeDays:name:)`` returned.
        case option(Int)
    }

    /// The field of a record a ``Diagnostic`` is about, named as in the data (XML attributes,
    /// workbook columns).
    public enum Field: String, Hashable, Sendable {
        /// The id of an item, supplier or group.
        case id
        /// The readable name of an item, supplier or group.
        case name
        /// An item's unit.
        case unit
        /// An item's own yearly demand.
        case demand
        /// An item's stock on hand.
        case stock
        /// A system's weight in rankings.
        case weight
        /// An item's price per unit.
        case price
        /// The most units of an item the budget plan may buy.
        case maxPurchase
        /// The one-off cost of an option.
        case cost
        /// A supplier's country of production.
        case country
        /// The country of a supplier's ultimate owner.
        case controlledBy
        /// A supplier's time to recover.
        case recoveryDays
        /// A supplier's NCAGE/CAGE code.
        case cage
        /// The members of a country group.
        case members
        /// The item a BOM edge, supply edge or `sourcedFrom` entry names.
        case item
        /// The parent a BOM edge given apart from its parent names (a `bom` row).
        case parent
        /// The quantity of a BOM edge.
        case quantity
        /// The supplier a top-level supply edge names.
        case supplier
        /// The share of a supply edge.
        case share
        /// The capacity of a supply edge.
        case capacity
        /// The lead time of a supply edge.
        case leadTimeDays
        /// The suppliers a `sourcedFrom` entry names.
        case suppliers
        /// The currency of a data set.
        case currency
        /// The date a data set is as of.
        case asOf
        /// The home country of a data set.
        case home
        /// An item's commodity.
        case commodity
        /// Whether a supplier is a country aggregate.
        case aggregate
        /// An item's kind (a table's `kind` column).
        case kind
        /// The input item of a `sourcedFrom` entry given apart from its supply edge.
        case input
        /// The LEI of a supplier or entity.
        case lei
        /// The registration number of a supplier or entity.
        case registration
        /// Whether an entity is a natural person.
        case person
        /// The party an owner link is about.
        case of
        /// The owner an owner link names.
        case by
        /// Whether an owner controls the party.
        case control
    }

    /// The name of a finding of ``build()``: the package's one ``Diagnostic`` type.
    public typealias Problem = Diagnostic

    /// The findings that stopped ``build()``: its errors (up to ``Options/maxErrors``), with
    /// the warnings found on the way.
    public struct BuildFailure: Error, Sendable {
        /// The errors, in the order they were found.
        public let errors: [Diagnostic]
        /// How many errors there were beyond ``Options/maxErrors``, not in ``errors``.
        public let omittedErrorCount: Int
        /// The warnings found before the build stopped.
        public let warnings: DiagnosticList
        /// The errors, then the kept warnings.
        /// - Complexity: O(errors + warnings).
        public var problems: [Diagnostic] { errors + Array(warnings) }
    }

    struct ItemRecord {
        var key: String, name: String, kind: ItemKind, unit: String, demand: Double, stock: Double
        var weight: Double?, price: Double?, maxPurchase: Double? = nil, commodity: String? = nil
    }
    struct OptionRecord {
        var id: String, item: String, country: String, share: Double, cost: Double, leadTimeDays: Double?, name: String?
    }
    struct SupplierRecord {
        var key: String, name: String, country: String?, controlledBy: String?, recoveryDays: Double?, cage: String?
        var aggregate: Bool
    }
    struct DataSetRecord { var name: String?, asOf: String?, currency: String?, home: String? }
    struct GroupRecord { var id: String, name: String, members: [String] }
    /// A BOM record: `parent` is the parent's item record, or -1 while `parentKey` names it
    /// (a table's `bom` row), resolved in ``build()``.
    struct UsesRecord { var parent: Int, child: String, quantity: Double, parentKey: String? = nil }
    struct SupplyRecord {
        var supplier: SupplierRef, item: String, share: Double?, capacity: Double?, leadTimeDays: Double?
        var sourcing: [(input: String, suppliers: [String])]
        /// Given only for its `sourcedFrom` (a `sourcedFrom` row): it must merge into a supply
        /// edge given elsewhere, silently.
        var sourcingOnly = false
    }
    enum SupplierRef { case record(Int), key(String) }

    /// The settings the build checks with.
    public var options: Options
    var itemRecords: [ItemRecord] = []
    var supplierRecords: [SupplierRecord] = []
    var groupRecords: [GroupRecord] = []
    var usesRecords: [UsesRecord] = []
    var supplyRecords: [SupplyRecord] = []
    var dataSetRecords: [DataSetRecord] = []
    var optionRecords: [OptionRecord] = []
    /// Whether some BOM record names its parent by id.
    var usesParentKeys = false
    /// The entities, owner links and suppliers' identifiers (`+Ownership`).
    var ownershipRecords = OwnershipRecords()
    /// Where each record came from, for the graph's provenance and for readers that locate
    /// diagnostics from it; the reader fills it beside the records (or leaves it empty).
    public var provenance = Provenance()

    /// Creates an empty builder.
    /// - Complexity: O(1).
    public init(options: Options = Options()) { self.options = options }

    /// Records a data set (the root of one file): its `name`, the date its data is `asOf`, the
    /// `currency` its prices are in and its `home` country (the analyst's own, an ISO 3166-1
    /// alpha-2 code). Returns its number, for a ``Subject/dataSet(_:)``.
    ///
    /// A data set with neither a name nor a date is counted (for its currency and home) but does
    /// not appear in ``SupplyGraph/dataSetNames``. Two data sets that give different currencies
    /// or different home countries are an error of ``build()``; a currency must be three
    /// upper-case letters (ISO 4217), a home a known country code.
    /// - Complexity: amortised O(1).
    @discardableResult
    public mutating func addDataSet(name: String? = nil, asOf: String? = nil, currency: String? = nil, home: String? = nil) -> Int {
        dataSetRecords.append(DataSetRecord(name: name, asOf: asOf, currency: currency, home: home))
        return dataSetRecords.count - 1
    }

    /// Adds an item; returns its record number. Checks happen in ``build()``.
    ///
    /// - Parameters:
    ///   - key: the id (one id space with suppliers and groups).
    ///   - kind: system, component or material.
    ///   - name: a readable name (nil: the id).
    ///   - unit: the unit of quantities, demand and stock (nil: `pcs`).
    ///   - demand: own demand in units per year (finite, >= 0).
    ///   - stock: units on hand (finite, >= 0).
    ///   - weight: a system's priority in rankings (finite, > 0; nil: 1). Only systems have one.
    ///   - price: the price of one unit (finite, > 0, in the data set's currency; nil: unknown —
    ///     a price of 0 is an error: leave it out when it is not known).
    ///   - maxPurchase: the most units the budget plan may buy (finite, >= 0; nil: no cap).
    ///   - commodity: the raw material family of the item (`gallium`, `natural-graphite`),
    ///     normalised by ``Commodity/canonical(_:)`` (trimmed, case-folded, aliases such as
    ///     `aluminum` → `aluminium`); nil or blank: none.
    /// - Complexity: amortised O(1).
    @discardableResult
    public mutating func addItem(key: String, kind: ItemKind, name: String? = nil, unit: String? = nil,
                                 demand: Double = 0, stock: Double = 0, weight: Double? = nil,
                                 price: Double? = nil, maxPurchase: Double? = nil, commodity: String? = nil) -> Int {
        itemRecords.append(ItemRecord(key: key, name: name ?? key, kind: kind, unit: unit ?? "pcs",
                                      demand: demand, stock: stock, weight: weight, price: price, maxPurchase: maxPurchase,
                                      commodity: commodity.flatMap(Commodity.canonical)))
        return itemRecords.count - 1
    }

    /// Adds a supplier; `country` and `controlledBy` are ISO 3166-1 alpha-2 codes (nil: unknown),
    /// `cage` its NCAGE/CAGE code (five upper-case letters or digits, such as `D1234`),
    /// `aggregate` whether it is a country row of a statistics table ("Rare-earth mining,
    /// China") rather than a firm.
    /// - Complexity: amortised O(1).
    @discardableResult
    public mutating func addSupplier(key: String, name: String? = nil, country: String? = nil,
                                     controlledBy: String? = nil, recoveryDays: Double? = nil,
                                     cage: String? = nil, aggregate: Bool = false) -> Int {
        supplierRecords.append(SupplierRecord(key: key, name: name ?? key, country: country,
                                              controlledBy: controlledBy, recoveryDays: recoveryDays, cage: cage,
                                              aggregate: aggregate))
        return supplierRecords.count - 1
    }

    /// Adds a country group.
    /// - Complexity: amortised O(1).
    @discardableResult
    public mutating func addGroup(id: String, name: String? = nil, members: [String]) -> Int {
        groupRecords.append(GroupRecord(id: id, name: name ?? id, members: members))
        return groupRecords.count - 1
    }

    /// Adds a BOM edge: the item of record `parent` uses `quantity` of item `child` per unit.
    /// - Complexity: amortised O(1).
    @discardableResult
    public mutating func addUses(parent: Int, child: String, quantity: Double) -> Int {
        usesRecords.append(UsesRecord(parent: parent, child: child, quantity: quantity))
        return usesRecords.count - 1
    }

    /// Adds a BOM edge whose parent is named by its id (a `bom` row of a workbook or CSV file,
    /// a CycloneDX dependency): resolved in ``build()``, where an unknown parent is an error of
    /// the record's ``Field/parent``.
    /// - Complexity: amortised O(1).
    @discardableResult
    public mutating func addUses(parentKey: String, child: String, quantity: Double) -> Int {
        usesRecords.append(UsesRecord(parent: -1, child: child, quantity: quantity, parentKey: parentKey))
        usesParentKeys = true
        return usesRecords.count - 1
    }

    /// Adds a supply edge from the supplier of record `supplier` (a `<supplies>` inside it).
    /// - Complexity: amortised O(1).
    @discardableResult
    public mutating func addSupply(supplier: Int, item: String, share: Double? = nil, capacity: Double? = nil,
                                   leadTimeDays: Double? = nil, sourcing: [(input: String, suppliers: [String])] = []) -> Int {
        supplyRecords.append(SupplyRecord(supplier: .record(supplier), item: item, share: share, capacity: capacity,
                                          leadTimeDays: leadTimeDays, sourcing: sourcing))
        return supplyRecords.count - 1
    }

    /// Adds a supply edge from the supplier with id `supplierKey` (a top-level `<supply>`).
    /// - Complexity: amortised O(1).
    @discardableResult
    public mutating func addSupply(supplierKey: String, item: String, share: Double? = nil, capacity: Double? = nil,
                                   leadTimeDays: Double? = nil, sourcing: [(input: String, suppliers: [String])] = []) -> Int {
        supplyRecords.append(SupplyRecord(supplier: .key(supplierKey), item: item, share: share, capacity: capacity,
                                          leadTimeDays: leadTimeDays, sourcing: sourcing))
        return supplyRecords.count - 1
    }

    /// Adds a `sourcedFrom` entry given apart from its supply edge (a `sourcedFrom` row of a
    /// workbook or CSV file): where supplier `supplierKey` gets `input` for `item`. It joins the
    /// supply edge of that supplier and item given elsewhere (in any file), without the
    /// `duplicate-supply` warning; if there is none, ``build()`` reports an error. Returns the
    /// number of a supply record whose entry 0 is this one (for ``Subject/sourcing(supply:entry:)``).
    /// - Complexity: amortised O(1).
    @discardableResult
    public mutating func addSourcing(supplierKey: String, item: String, input: String, suppliers: [String]) -> Int {
        supplyRecords.append(SupplyRecord(supplier: .key(supplierKey), item: item, share: nil, capacity: nil,
                                          leadTimeDays: nil, sourcing: [(input, suppliers)], sourcingOnly: true))
        return supplyRecords.count - 1
    }

    /// Appends a `sourcedFrom` entry to the supply record `supply`; returns the entry's number.
    @discardableResult
    /// - Complexity: amortised O(1).
    public mutating func addSourcing(toSupply supply: Int, input: String, suppliers: [String]) -> Int {
        supplyRecords[supply].sourcing.append((input, suppliers))
        return supplyRecords[supply].sourcing.count - 1
    }

    /// Adds an option: a new qualified source of `item` in `country` that the budget plan may
    /// take at the one-off `cost`, delivering up to `share` of the item's requirement per year
    /// from `leadTimeDays` (nil: 0) on. Returns its number, for a ``Subject/option(_:)``.
    ///
    /// Options have their own id space: two options with one id are an error, and an option
    /// may share its id with an item or supplier. ``build()`` checks that the item exists, the
    /// country is a known ISO 3166-1 code, the share is in 0...1, and the cost and lead time are
    /// finite and >= 0.
    /// - Complexity: amortised O(1).
    @discardableResult
    public mutating func addOption(id: String, item: String, country: String, share: Double, cost: Double,
                                   leadTimeDays: Double? = nil, name: String? = nil) -> Int {
        optionRecords.append(OptionRecord(id: id, item: item, country: country, share: share, cost: cost,
                                          leadTimeDays: leadTimeDays, name: name))
        return optionRecords.count - 1
    }

}
