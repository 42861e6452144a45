import OutputFormats
import GraphExport
import RiskAnalysis
import SupplyGraph

extension RiskReport {
    /// Appends the JSON of one item, compact, straight into `out` rather than through a
    /// ``JSONValue`` tree (a national map has 10^6 items). The names of the article "The JSON contracts", plus `name`, `unit`,
    /// `supplierHHI`, `demand`, `stock`, `unmapped`, `commodity`, `strategic`, `critical`,
    /// `crmaStrategic65`, `euOnlySupplyFractionRange`.
    /// - Complexity: O(the item's countries).
    func appendJSON(of row: ItemRow, to out: inout String) {
        let graph = analysis.graph
        let i = row.id.index
        let c = row.concentration
        func string(_ key: String, _ value: String) { out += key; JSONValue.escape(value, into: &out) }
        func number(_ key: String, _ value: Double) { out += key; JSONValue.append(value, to: &out) }
        func bool(_ key: String, _ value: Bool) { out += key; out += value ? "true" : "false" }
        string("{\"id\":", graph.itemKeys[i])
        string(",\"kind\":", graph.itemKinds[i].description)
        string(",\"name\":", graph.itemNames[i])
        string(",\"unit\":", graph.itemUnits[i])
        number(",\"suppliers\":", Double(c.supplierCount))
        bool(",\"singleSource\":", c.singleSource)
        bool(",\"singleCountry\":", c.singleCountry)
        out += ",\"countryShares\":{"
        for (k, entry) in c.countryShares.enumerated() {
            string(k == 0 ? "" : ",", entry.country.code)
            number(":", entry.share)
        }
        number("},\"hhi\":", c.hhi)
        number(",\"supplierHHI\":", c.supplierHHI)
        number(",\"nonEUShare\":", c.nonEUShare)
        number(",\"nonEUControlledShare\":", c.nonEUControlledShare)
        number(",\"nonEUExposure\":", row.exposure)
        number(",\"euOnlySupplyFraction\":", row.euOnlySupplyFraction)
        number(",\"euOnlySupplyFractionRange\":[", row.euOnlySupplyFractionRange.lowerBound)
        number(",", row.euOnlySupplyFractionRange.upperBound)
        out += "]"
        if let commodity = graph.itemCommodity[i] { string(",\"commodity\":", commodity) } else { out += ",\"commodity\":null" }
        bool(",\"strategic\":", c.strategic)
        bool(",\"critical\":", c.critical)
        bool(",\"crma65\":", c.crma65)
        bool(",\"crmaStrategic65\":", c.crmaStrategic65)
        number(",\"requirement\":", row.requirement)
        number(",\"coverage\":", row.coverage)
        number(",\"unattributed\":", c.unattributed)
        number(",\"demand\":", graph.itemDemand[i])
        number(",\"stock\":", graph.itemStock[i])
        bool(",\"unmapped\":", graph.isUnmapped(row.id))
        out += "}"
    }

    /// The JSON of one system (the names of the article "The JSON contracts", plus `name`, `weight`, `euOnlyState`,
    /// `euOnlySupplyFractionRange`, `hiddenSinglePointsOfFailure`, `demand`, `requirement`).
    func json(ofSystem system: ItemID) -> JSONValue {
        let graph = analysis.graph
        let f = analysis.figures(ofSystem: system)
        return .object([
            ("id", .string(graph.itemKeys[system])),
            ("name", .string(graph.itemNames[system])),
            ("weight", .number(graph.itemWeight[system])),
            ("euBuildable", .bool(f.euBuildable)),
            ("euOnlySupplyFraction", .number(f.euOnlySupplyFraction)),
            ("euOnlySupplyFractionRange", RangeText.json(f.euOnlySupplyFractionRange)),
            ("euOnlyState", .string(f.euOnlyState.rawValue)),
            ("blockingItems", .array(f.blockingItems.map { .string(graph.itemKeys[$0]) })),
            ("nonEUExposure", .finite(f.nonEUExposure)),
            ("singlePointsOfFailure", .object([
                ("suppliers", .array(graph.keys(of: f.singlePointSuppliers).map(JSONValue.string))),
                ("countries", .array(f.singlePointCountries.map { .string($0.code) })),
            ])),
            ("hiddenSinglePointsOfFailure", .array((hiddenSinglePoints[system] ?? []).map { h in
                .object([
                    ("supplier", .string(graph.supplierKeys[h.supplier])),
                    ("items", .array(h.items.map { .string(graph.itemKeys[$0]) })),
                    ("dependents", .array(h.dependents.map { .string(graph.supplierKeys[$0]) })),
                ])
            })),
            ("demand", .finite(graph.itemDemand[system])),
            ("requirement", .finite(analysis.requirement[system])),
        ] + declarationCoverageJSON(ofSystem: system))
    }

    /// `declarationCoverage` of a system: the fraction of the suppliers in its closure that
    /// supply an item with a declarable input and have declared (null when there are none),
    /// with the ids of those that have and have not.
    func declarationCoverageJSON(ofSystem system: ItemID) -> [(String, JSONValue)] {
        guard let coverage = context.declarationCoverage else { return [] }
        let graph = analysis.graph
        let f = coverage.figure(ofSystem: system)
        let missing = f.expected.filter { !coverage.declarants.contains($0) }
        return [
            ("declarationCoverage", f.fraction.map(JSONValue.number) ?? .null),
            ("declarations", .object([
                ("declared", .array(f.declared.map { .string(graph.supplierKeys[$0]) })),
                ("notDeclared", .array(missing.map { .string(graph.supplierKeys[$0]) })),
            ])),
        ]
    }

    func json(of finding: ChokepointFinding) -> JSONValue {
        let graph = analysis.graph
        let (kind, id): (String, String) = switch finding.subject {
        case .item(let i): ("item", graph.itemKeys[i])
        case .supplier(let s): ("supplier", graph.supplierKeys[s])
        case .country(let c): ("country", c.code)
        }
        let reasons: [JSONValue] = finding.reasons.map {
            switch $0 {
            case .singleSource: .string("single-source")
            case .nonEUOnly: .string("non-eu-only")
            case .crma65: .string("concentrated65")
            case .crmaStrategic65: .string("crma65")
            case .singlePointOfFailure: .string("spof")
            }
        }
        return .object([
            ("kind", .string(kind)), ("id", .string(id)), ("reasons", .array(reasons)),
            ("systems", .array(contractKeys(of: finding.systems).map(JSONValue.string))),
            ("weight", .finite(finding.weight)), ("demand", .finite(finding.demand)), ("why", .string(explanation(of: finding))),
        ])
    }

    /// Writes the JSON report in pieces to `write`, in blocks of items made on all cores and
    /// written in order, so that a national map never sits in memory as one document. With a
    /// `screening` (`--sanctions`), every item gains `sanctionedShare` and every system
    /// `sanctionedSuppliers` (the sanctioned suppliers in its BOM closure, by id).
    /// - Complexity: O(items + systems + chokepoints) after the analysis.
    public func writeJSON(to write: (String) -> Void, screening: Screening? = nil) {
        let sanctionedShare: [ItemID: Double] = screening.map { Dictionary(uniqueKeysWithValues: $0.items.map { ($0.item, $0.sanctionedShare) }) } ?? [:]
        let sanctionedSuppliers: [ItemID: [String]] = screening.map { s in
            Dictionary(uniqueKeysWithValues: s.systems.map { ($0.system, $0.sanctionedSuppliers.map { analysis.graph.supplierKeys[$0] }) })
        } ?? [:]
        let screened = screening != nil
        /// `object` (a JSON object's text) with one more member.
        @Sendable func adding(_ name: String, _ value: JSONValue, to text: inout String, from start: String.Index) {
            guard text.last == "}" else { return }
            text.removeLast()
            text += (text[start...].hasSuffix("{") ? "" : ",") + "\"\(name)\":" + value.serialized(pretty: false).dropLast() + "}"
        }
        let graph = analysis.graph
        var head: [(String, JSONValue)] = [("schemaVersion", .number(1))] + context.jsonMembers(for: graph)
        head.append(("perimeter", .array(analysis.perimeter.groupIDs.map(JSONValue.string))))
        head.append(("critical", .number(analysis.critical)))
        head.append(("home", analysis.home.map { .string($0.code) } ?? .null))
        if let focus { head.append(("focus", .string(graph.itemKeys[focus]))) }
        write("{\n")
        for (key, value) in head {
            var text = "  "
            JSONValue.escape(key, into: &text)
            text += ": " + value.serialized(pretty: false).dropLast() + ",\n"
            write(text)
        }
        let items = items, systems = systems, chokepoints = chokepoints
        /// One member holding a JSON array, its elements made in blocks on all cores.
        func writeArray(_ name: String, count: Int, blockSize: Int, _ element: @escaping @Sendable (Int, inout String) -> Void) {
            write("  \"\(name)\": [")
            writeInBlocks(count: count, blockSize: blockSize, to: write) { range in
                var text = ""
                for k in range {
                    text += k == 0 ? "\n    " : ",\n    "
                    element(k, &text)
                }
                return text
            }
            write(count == 0 ? "],\n" : "\n  ],\n")
        }
        writeArray("items", count: items.count, blockSize: 1024) { k, text in
            let start = text.endIndex
            appendJSON(of: row(items[k]), to: &text)
            if screened { adding("sanctionedShare", .number(sanctionedShare[items[k]] ?? 0), to: &text, from: start) }
        }
        writeArray("systems", count: systems.count, blockSize: 64) { k, text in
            let start = text.endIndex
            text += json(ofSystem: systems[k]).serialized(pretty: false).dropLast()
            if screened { adding("sanctionedSuppliers", .array((sanctionedSuppliers[systems[k]] ?? []).map(JSONValue.string)), to: &text, from: start) }
        }
        writeArray("chokepoints", count: chokepoints.count, blockSize: 512) { k, text in
            text += json(of: chokepoints[k]).serialized(pretty: false).dropLast()
        }
        let gaps = JSONValue.object([
            ("unknownOriginSuppliers", .array(unknownOriginSuppliers.map(JSONValue.string))),
            ("partlyAttributedItems", .array(partlyAttributedItems.map(JSONValue.string))),
            ("unmappedItems", .array(unmappedItems.map(JSONValue.string))),
            ("inferredCountrySuppliers", .array(inferredCountrySuppliers.map(JSONValue.string))),
        ])
        write("  \"dataGaps\": \(gaps.serialized(pretty: false).dropLast())\n}\n")
    }
}
