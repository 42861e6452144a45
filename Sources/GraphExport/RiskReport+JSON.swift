import RiskAnalysis
import SupplyGraph

extension RiskReport {
    /// The JSON of one item (DESIGN §4 names, plus `name`, `unit`, `supplierHHI`, `demand`,
    /// `stock`, `unmapped`).
    func json(of row: ItemRow) -> JSONValue {
        let graph = analysis.graph
        let i = row.id.index
        let c = row.concentration
        return .object([
            ("id", .string(graph.itemKeys[i])),
            ("kind", .string(graph.itemKinds[i].description)),
            ("name", .string(graph.itemNames[i])),
            ("unit", .string(graph.itemUnits[i])),
            ("suppliers", .number(Double(c.supplierCount))),
            ("singleSource", .bool(c.singleSource)),
            ("singleCountry", .bool(c.singleCountry)),
            ("countryShares", .object(c.countryShares.map { ($0.country.code, .finite($0.share)) })),
            ("hhi", .finite(c.hhi)),
            ("supplierHHI", .finite(c.supplierHHI)),
            ("nonEUShare", .finite(c.nonEUShare)),
            ("nonEUExposure", .finite(row.exposure)),
            ("crma65", .bool(c.crma65)),
            ("requirement", .finite(row.requirement)),
            ("coverage", .finite(row.coverage)),
            ("demand", .finite(graph.itemDemand[i])),
            ("stock", .finite(graph.itemStock[i])),
            ("unmapped", .bool(graph.supplyEdges(of: row.id).isEmpty && graph.children(of: row.id).isEmpty)),
        ])
    }

    /// Appends the JSON of one item, compact: the text of `json(of:).serialized(pretty: false)`
    /// without its newline, written straight into `out` rather than through a ``JSONValue``
    /// tree (a national map has 10^6 items).
    /// - Complexity: O(the item's countries).
    func appendJSON(of row: ItemRow, to out: inout String) {
        let graph = analysis.graph
        let i = row.id.index
        let c = row.concentration
        func string(_ key: String, _ value: String) { out += key; JSONValue.escape(value, into: &out) }
        func number(_ key: String, _ value: Double) { out += key; out += JSONValue.format(value) }
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
        number(",\"nonEUExposure\":", row.exposure)
        bool(",\"crma65\":", c.crma65)
        number(",\"requirement\":", row.requirement)
        number(",\"coverage\":", row.coverage)
        number(",\"demand\":", graph.itemDemand[i])
        number(",\"stock\":", graph.itemStock[i])
        bool(",\"unmapped\":", graph.supplyEdges(of: row.id).isEmpty && graph.children(of: row.id).isEmpty)
        out += "}"
    }

    /// The JSON of one system (DESIGN §4 names, plus `name`, `demand`, `requirement`).
    func json(ofSystem system: ItemID) -> JSONValue {
        let graph = analysis.graph
        let f = analysis.figures(ofSystem: system)
        return .object([
            ("id", .string(graph.itemKeys[system.index])),
            ("name", .string(graph.itemNames[system.index])),
            ("euBuildable", .bool(f.euBuildable)),
            ("blockingItems", .array(f.blockingItems.map { .string(graph.itemKeys[$0.index]) })),
            ("nonEUExposure", .finite(f.nonEUExposure)),
            ("singlePointsOfFailure", .object([
                ("suppliers", .array(sortedSupplierKeys(f.singlePointSuppliers).map(JSONValue.string))),
                ("countries", .array(f.singlePointCountries.map { .string($0.code) })),
            ])),
            ("hiddenSinglePointsOfFailure", .array(analysis.hiddenSinglePoints(ofSystem: system).map { h in
                .object([
                    ("supplier", .string(graph.supplierKeys[h.supplier.index])),
                    ("items", .array(h.items.map { .string(graph.itemKeys[$0.index]) })),
                    ("dependents", .array(h.dependents.map { .string(graph.supplierKeys[$0.index]) })),
                ])
            })),
            ("demand", .finite(graph.itemDemand[system.index])),
            ("requirement", .finite(analysis.requirement[system.index])),
        ])
    }

    func json(of finding: ChokepointFinding) -> JSONValue {
        let graph = analysis.graph
        let (kind, id): (String, String) = switch finding.subject {
        case .item(let i): ("item", graph.itemKeys[i.index])
        case .supplier(let s): ("supplier", graph.supplierKeys[s.index])
        case .country(let c): ("country", c.code)
        }
        let reasons: [JSONValue] = finding.reasons.map {
            switch $0 {
            case .singleSource: .string("single-source")
            case .nonEUOnly: .string("non-eu-only")
            case .crma65: .string("crma65")
            case .singlePointOfFailure: .string("spof")
            }
        }
        return .object([
            ("kind", .string(kind)), ("id", .string(id)), ("reasons", .array(reasons)),
            ("systems", .array(finding.systems.map { graph.itemKeys[$0.index] }.sorted().map(JSONValue.string))),
            ("demand", .finite(finding.demand)), ("why", .string(explanation(of: finding))),
        ])
    }

    /// Writes the JSON report in pieces to `write`, in blocks of items made on all cores and
    /// written in order, so that a national map never sits in memory as one document.
    /// - Complexity: O(items + systems + chokepoints) after the analysis.
    public func writeJSON(to write: (String) -> Void) {
        write("{\n  \"schemaVersion\": 1,\n")
        write("  \"perimeter\": \(JSONValue.array((["EU"] + analysis.perimeter.trustedGroups.map(\.id)).map(JSONValue.string)).serialized(pretty: false).dropLast()),\n")
        if let focus {
            write("  \"focus\": \(JSONValue.string(analysis.graph.itemKeys[focus.index]).serialized(pretty: false).dropLast()),\n")
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
        writeArray("items", count: items.count, blockSize: 1024) { k, text in appendJSON(of: row(items[k]), to: &text) }
        writeArray("systems", count: systems.count, blockSize: 64) { k, text in
            text += json(ofSystem: systems[k]).serialized(pretty: false).dropLast()
        }
        writeArray("chokepoints", count: chokepoints.count, blockSize: 512) { k, text in
            text += json(of: chokepoints[k]).serialized(pretty: false).dropLast()
        }
        let gaps = JSONValue.object([
            ("unknownOriginSuppliers", .array(unknownOriginSuppliers.map(JSONValue.string))),
            ("unmappedItems", .array(unmappedItems.map(JSONValue.string))),
        ])
        write("  \"dataGaps\": \(gaps.serialized(pretty: false).dropLast())\n}\n")
    }

    /// The CSV report: one row per item with every item figure.
    /// - Complexity: O(items).
    public func writeCSV(to write: (String) -> Void) {
        let graph = analysis.graph
        var csv = CSVWriter(header: [
            "id", "kind", "name", "unit", "suppliers", "singleSource", "singleCountry", "topCountry", "topCountryShare",
            "countryShares", "hhi", "supplierHHI", "nonEUShare", "nonEUExposure", "crma65", "requirement", "coverage",
            "demand", "stock",
        ])
        for item in items {
            let r = row(item)
            let c = r.concentration
            let top = c.countryShares.max { $0.share < $1.share || ($0.share == $1.share && $0.country > $1.country) }
            csv.append([
                graph.itemKeys[item.index], graph.itemKinds[item.index].description, graph.itemNames[item.index],
                graph.itemUnits[item.index], String(c.supplierCount), String(c.singleSource), String(c.singleCountry),
                top?.country.code ?? "", top.map { CSVWriter.number($0.share) } ?? "",
                c.countryShares.map { "\($0.country.code):\(CSVWriter.number($0.share))" }.joined(separator: " "),
                CSVWriter.number(c.hhi), CSVWriter.number(c.supplierHHI), CSVWriter.number(c.nonEUShare),
                CSVWriter.number(r.exposure), String(c.crma65), CSVWriter.number(r.requirement),
                CSVWriter.number(r.coverage), CSVWriter.number(graph.itemDemand[item.index]),
                CSVWriter.number(graph.itemStock[item.index]),
            ])
            if csv.text.utf8.count > 1 << 16 { write(csv.flush()) }
        }
        write(csv.text)
    }
}

