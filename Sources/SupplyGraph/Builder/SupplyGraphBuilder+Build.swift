extension SupplyGraphBuilder {
    /// Checks everything and freezes the graph.
    ///
    /// In three steps, each a facet of its own: `resolve` (`+Resolve`) turns ids into record
    /// numbers and countries into ``Country`` values; the checks (`+Checks`) look at values,
    /// shares, duplicate edges, cycles and the requirement; `freeze` (`+Freeze`) lays the
    /// arrays out.
    ///
    /// Errors: duplicate ids (items, suppliers and groups share one id space; ids are compared
    /// byte for byte, and two that differ only by Unicode normalisation are a duplicate too),
    /// group ids that shadow a built-in group or are a country code, unknown items or suppliers
    /// in any reference (with the nearest id as a suggestion), a `sourcedFrom` whose input is not
    /// a BOM child of the supplied item or whose supplier does not supply that input, unknown
    /// country codes, BOM cycles, shares outside 0..1, negative or non-finite numbers, a weight
    /// that is not > 0 or not on a system, a malformed currency or CAGE code, two currencies, one
    /// supplier–item pair given twice with different values, an item's given shares summing above
    /// 1 beyond the tolerance, and a gross requirement beyond the range of a `Double`.
    /// Warnings: shares summing above 1 within the tolerance or below 1, leaves without
    /// supplier, materials nothing uses, suppliers of unknown origin or supplying nothing,
    /// an input used twice by one parent, a supplier–item pair given twice with the same values
    /// (one edge).
    ///
    /// A dangling reference and a BOM cycle are both reported in one run; the requirement and
    /// the warnings about shape are only looked at when there is no other error.
    ///
    /// - Returns: the graph and the warnings (a count per code and the first
    ///   ``Options/warningsKeptPerCode`` of each).
    /// - Throws: ``BuildFailure`` with the errors (up to ``Options/maxErrors``) and the warnings
    ///   when there is any error.
    /// - Complexity: O(records + references), expected — hashing of ids, counting sorts of the
    ///   edges, Kahn's topological sort and one pass down the BOM for the requirement.
    public func build() throws(BuildFailure) -> (graph: SupplyGraph, warnings: DiagnosticList) {
        var log = BuildLog(options: options)
        if usesParentKeys {
            var resolved = self
            resolved.resolveParentKeys(&log)
            resolved.usesParentKeys = false
            return try resolved.build(log)
        }
        return try build(log)
    }

    private func build(_ start: BuildLog) throws(BuildFailure) -> (graph: SupplyGraph, warnings: DiagnosticList) {
        var log = start
        var resolution = resolve(&log)
        checkValues(&log)
        let merge = mergeDuplicateSupplies(&resolution, &log)
        checkShares(resolution, merge, &log)
        let order = checkCycles(resolution, &log)
        let ownership = resolveOwnership(resolution, &log)
        if log.hasErrors { throw log.failure() }
        checkRequirement(resolution, order: order, &log)
        if log.hasErrors { throw log.failure() }
        warnAboutShape(resolution, merge, &log)
        var graph = freeze(resolution, merge, order: order)
        graph.apply(ownership)
        return (graph, log.warnings)
    }
}

