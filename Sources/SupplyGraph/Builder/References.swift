/// Looks up references in the id space and reports those that do not resolve, with a
/// suggestion (``SupplyGraphBuilder/suggestion(for:kind:index:canonical:)``).
struct References {
    let builder: SupplyGraphBuilder
    let index: KeyIndex
    let canonical: [String: Int32]

    func lookup(_ key: String) -> SupplyGraphBuilder.Entity? {
        index.find(key, in: builder).map { builder.entity(ofCode: $0) }
    }

    /// The item `key` names, or nil after reporting why not. `place` is only called for a message.
    mutating func item(_ key: String, _ subject: SupplyGraphBuilder.Subject, _ field: SupplyGraphBuilder.Field,
                       _ log: inout BuildLog, _ place: () -> String) -> Int? {
        switch lookup(key) {
        case .item(let i): return i
        case .supplier: log.error(.notAnItem, subject, field, "'\(key)' in \(place()) is a supplier, not an item")
        case .group: log.error(.notAnItem, subject, field, "'\(key)' in \(place()) is a country group, not an item")
        case nil:
            log.error(.unknownItem, subject, field, "unknown item '\(key)' in \(place())"
                      + builder.suggestion(for: key, kind: .item, index: index, canonical: canonical))
        }
        return nil
    }

    /// The supplier `key` names, or nil after reporting why not.
    mutating func supplier(_ key: String, _ subject: SupplyGraphBuilder.Subject, _ field: SupplyGraphBuilder.Field,
                           _ log: inout BuildLog, _ place: () -> String) -> Int? {
        switch lookup(key) {
        case .supplier(let i): return i
        case .item: log.error(.notASupplier, subject, field, "'\(key)' in \(place()) is an item, not a supplier")
        case .group: log.error(.notASupplier, subject, field, "'\(key)' in \(place()) is a country group, not a supplier")
        case nil:
            log.error(.unknownSupplier, subject, field, "unknown supplier '\(key)' in \(place())"
                      + builder.suggestion(for: key, kind: .supplier, index: index, canonical: canonical))
        }
        return nil
    }
}
