import RiskAnalysis
import SupplyGraph

extension RiskReport {
    /// How the text report is laid out.
    public struct TextOptions: Sendable {
        /// Markdown instead of a terminal grid.
        public var markdown = false
        /// ANSI colours (terminal only).
        public var color = false
        /// How many chokepoints to list.
        public var top = 15
        /// List every item, not only the flagged ones of a small map.
        public var allItems = false
        /// Past this many items, the item table needs `allItems` or a focus.
        public var itemLimit = 200
        /// How many names one cell lists before "+N more" (all with `allItems`).
        public var listLimit = 6
        public init() {}
    }

    /// The report for people: top chokepoints first, then the systems, then the items.
    /// - Complexity: O(items shown + systems + chokepoints shown).
    public func text(_ options: TextOptions) -> String {
        let graph = analysis.graph
        var out = ""
        func heading(_ title: String) {
            if options.markdown { out += "\n## \(title)\n\n" }
            else { out += "\n" + (options.color ? "\u{1B}[1m\(title.uppercased())\u{1B}[0m" : title.uppercased()) + "\n" }
        }
        func render(_ table: TextTable) { out += options.markdown ? table.markdown() : table.terminal(color: options.color) }
        /// A list for one cell, cut to `listLimit` names on a big map so the table stays readable.
        func capped(_ names: [String], separator: String = ", ") -> String {
            let limit = options.allItems || focus != nil ? Int.max : options.listLimit
            if names.count <= limit { return names.joined(separator: separator) }
            return names.prefix(limit).joined(separator: separator) + "\(separator)+\(names.count - limit) more"
        }

        let title = graph.dataSetNames.isEmpty ? "supply chain" : graph.dataSetNames.joined(separator: " + ")
        let kinds = Dictionary(grouping: items, by: { graph.itemKinds[$0.index] }).mapValues(\.count)
        let scope = focus.map { "system \(graph.itemKeys[$0.index]) and its BOM closure" } ?? "the whole map"
        out += options.markdown ? "# Chokepoint report: \(title)\n\n" : "Chokepoint report: \(title)\n"
        out += "Scope: \(scope) — \(items.count) items (\(kinds[.system] ?? 0) systems, \(kinds[.component] ?? 0) components, "
        out += "\(kinds[.material] ?? 0) materials), \(graph.supplierCount) suppliers. Inside: \(perimeterName)"
        out += analysis.perimeter.trustedGroups.isEmpty ? ".\n" : " (trusted groups count as inside for the non-EU figures).\n"

        heading("Top chokepoints")
        if chokepoints.isEmpty {
            out += "None: no single source, single point of failure, non-EU-only supply or CRMA breach under a system.\n"
        } else {
            var table = TextTable(header: ["#", "chokepoint", "systems", "demand/yr", "why"], rightAligned: [0, 2, 3])
            for (k, finding) in chokepoints.prefix(options.top).enumerated() {
                let tone: TextTable.Tone = finding.reasons.contains(.singlePointOfFailure) ? .bad : .warn
                table.append([TextTable.Cell("\(k + 1)"), TextTable.Cell(subjectName(of: finding), tone),
                              TextTable.Cell("\(finding.systems.count)"), TextTable.Cell(humanNumber(finding.demand)),
                              TextTable.Cell(explanation(of: finding))])
            }
            render(table)
            if chokepoints.count > options.top {
                out += "(\(chokepoints.count - options.top) more: --top N, or --format json for all)\n"
            }
        }

        let hidden = systems.flatMap { analysis.hiddenSinglePoints(ofSystem: $0) }
        if !hidden.isEmpty {
            heading("Hidden single points of failure")
            out += "Every item these suppliers make has another supplier, yet each system below falls with them:\n"
            var table = TextTable(header: ["system", "supplier", "makes", "why it is single"])
            let shownHidden = options.allItems || focus != nil ? hidden[...] : hidden.prefix(options.top)
            for h in shownHidden {
                let makes = capped(h.items.map { item -> String in
                    let n = Set(graph.supplyEdges(of: item).map { graph.edgeSupplier[$0] }).count
                    return "\(graph.itemKeys[item.index]) (\(n) suppliers)"
                })
                let why = h.dependents.isEmpty
                    ? "the system needs every input it makes"
                    : capped(h.dependents.map { graph.supplierKeys[$0.index] }, separator: " and ") + " buy only from it (sourcedFrom)"
                table.append([TextTable.Cell(graph.itemKeys[h.system.index]),
                              TextTable.Cell("\(graph.supplierKeys[h.supplier.index]) (\(graph.supplierCountries[h.supplier.index].code))", .bad),
                              TextTable.Cell(makes), TextTable.Cell(why)])
            }
            render(table)
            if shownHidden.count < hidden.count {
                out += "(\(hidden.count - shownHidden.count) more: --top N, --all, --system ID, or --format json for all)\n"
            }
        }

        heading("Systems")
        if systems.isEmpty {
            out += "No systems in scope.\n"
        } else {
            var table = TextTable(header: ["system", "EU-buildable", "non-EU exposure", "single points of failure", "blocking (EU only)"],
                                  rightAligned: [2])
            for system in systems {
                let f = analysis.figures(ofSystem: system)
                let spof = (sortedSupplierKeys(f.singlePointSuppliers) + f.singlePointCountries.map { "country \($0.code)" })
                table.append([
                    TextTable.Cell(graph.itemKeys[system.index]),
                    TextTable.Cell(f.euBuildable ? "yes" : "no", f.euBuildable ? .good : .bad),
                    TextTable.Cell(percent(f.nonEUExposure), f.nonEUExposure >= 0.5 ? .warn : .plain),
                    TextTable.Cell(spof.isEmpty ? "none" : capped(spof), spof.isEmpty ? .good : .bad),
                    TextTable.Cell(capped(f.blockingItems.map { graph.itemKeys[$0.index] })),
                ])
            }
            render(table)
        }

        let showAll = options.allItems || focus != nil
        let rows = items.map(row)
        let flagged = rows.filter(\.isFlagged)
        if !showAll && items.count > options.itemLimit {
            heading("Items")
            out += "\(items.count) items, \(flagged.count) flagged: too many for a terminal. Use --all, --system ID, or --format csv|json.\n"
        } else {
            heading(showAll ? "Items" : "Flagged items")
            let shown = showAll ? rows : flagged
            var table = TextTable(header: ["item", "kind", "suppliers", "top country", "HHI", "non-EU", "exposure", "flags", "requirement/yr"],
                                  rightAligned: [2, 4, 5, 6, 8])
            for r in shown {
                let c = r.concentration
                let top = c.countryShares.max { $0.share < $1.share || ($0.share == $1.share && $0.country > $1.country) }
                var flags: [String] = []
                if c.singleSource { flags.append("single source") } else if c.singleCountry { flags.append("single country") }
                if c.supplierCount > 0 && c.nonEUShare >= 1 - 1e-9 { flags.append("non-EU only") }
                if c.crma65 { flags.append("CRMA 65 %") }
                if c.supplierCount == 0 && graph.children(of: r.id).isEmpty { flags.append("unmapped") }
                table.append([
                    TextTable.Cell(graph.itemKeys[r.id.index]), TextTable.Cell(graph.itemKinds[r.id.index].description),
                    TextTable.Cell("\(c.supplierCount)", c.singleSource ? .bad : .plain),
                    TextTable.Cell(top.map { "\($0.country.code) \(percent($0.share))" } ?? "-"),
                    TextTable.Cell(c.supplierCount > 0 ? String(Int(c.hhi.rounded())) : "-"),
                    TextTable.Cell(c.supplierCount > 0 ? percent(c.nonEUShare) : "-"),
                    TextTable.Cell(percent(r.exposure)),
                    TextTable.Cell(flags.joined(separator: ", "), flags.isEmpty ? .plain : .warn),
                    TextTable.Cell("\(humanNumber(r.requirement)) \(graph.itemUnits[r.id.index])"),
                ])
            }
            if shown.isEmpty { out += "None.\n" } else { render(table) }
            if !showAll { out += "(\(rows.count - flagged.count) unflagged items not shown: --all)\n" }
        }

        let gaps = unknownOriginSuppliers, unmapped = unmappedItems
        if !gaps.isEmpty || !unmapped.isEmpty {
            heading("Data gaps")
            if !gaps.isEmpty {
                out += "Suppliers of unknown origin (counted as outside the EU): \(gaps.prefix(20).joined(separator: ", "))"
                out += gaps.count > 20 ? ", +\(gaps.count - 20) more\n" : "\n"
            }
            if !unmapped.isEmpty {
                out += "Unmapped items (no supplier, no inputs; taken as available): \(unmapped.prefix(20).joined(separator: ", "))"
                out += unmapped.count > 20 ? ", +\(unmapped.count - 20) more\n" : "\n"
            }
        }
        return out
    }
}
