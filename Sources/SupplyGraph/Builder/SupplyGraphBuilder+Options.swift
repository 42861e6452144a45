extension SupplyGraphBuilder {
    /// The options resolved and checked: a duplicate id, an unknown item, an unknown country,
    /// a share outside 0...1, and a cost or lead time that is not a finite number >= 0 are
    /// errors of the option's record.
    /// - Complexity: O(options), expected.
    func resolveOptions(_ resolver: inout References, _ log: inout BuildLog) -> [SupplyOption] {
        var result: [SupplyOption] = []
        var firstWithID: [String: Int] = [:]
        for (o, record) in optionRecords.enumerated() {
            var ok = true
            if let first = firstWithID[record.id] {
                log.error(.duplicateID, .option(o), .id, related: .option(first), relation: .firstDefined,
                          "duplicate option id '\(record.id)'")
                ok = false
            } else {
                firstWithID[record.id] = o
            }
            let item = resolver.item(record.item, .option(o), .item, &log) { "option '\(record.id)'" }
            let country = Country(code: record.country)
            if country == nil {
                log.error(.unknownCountry, .option(o), .country, unknownCountryMessage(record.country, "country of option '\(record.id)'"))
            }
            if !(record.share.isFinite && record.share >= 0 && record.share <= 1) {
                log.error(.shareOutOfRange, .option(o), .share, "share of option '\(record.id)' must be between 0 and 1, not \(Self.plain(record.share))")
                ok = false
            }
            if !(record.cost.isFinite && record.cost >= 0) {
                log.error(.invalidNumber, .option(o), .cost, "cost of option '\(record.id)' must be a finite number >= 0, not \(record.cost)")
                ok = false
            }
            let lead = record.leadTimeDays ?? 0
            if !(lead.isFinite && lead >= 0) {
                log.error(.invalidNumber, .option(o), .leadTimeDays, "leadTimeDays of option '\(record.id)' must be a finite number >= 0, not \(lead)")
                ok = false
            }
            guard ok, let item, let country else { continue }
            result.append(SupplyOption(id: record.id, name: record.name ?? record.id, item: ItemID(item), country: country,
                                       share: record.share, cost: record.cost, leadTimeDays: lead))
        }
        return result
    }
}
