import OutputFormats
import GraphExport
import RiskAnalysis
import SupplyGraph

extension RiskReport {
    /// How the text report is laid out.
    public struct TextOptions: Sendable {
        /// Markdown instead of a terminal grid.
        public var markdown = false
        /// ANSI colours (terminal only).
        public var color = false
        /// How many chokepoints (and hidden single points of failure) to list.
        public var top = 15
        /// List every item, not only the flagged ones of a small map.
        public var allItems = false
        /// Past this many items, the item table needs `allItems` or a focus.
        public var itemLimit = 200
        /// How many names one cell lists before "+N more" (all with `allItems`).
        public var listLimit = 6
        /// The default layout.
        /// - Complexity: O(1).
        public init() {}
    }

    /// The report for people: top chokepoints first, then hidden single points of failure, the
    /// systems, the items and the data gaps.
    /// - Complexity: O(items shown + systems + chokepoints shown).
    public func text(_ options: TextOptions) -> String {
        var out = TextDocument(markdown: options.markdown, color: options.color)
        let graph = analysis.graph
        let showAll = options.allItems || focus != nil
        /// A list for one cell, cut to `listLimit` names on a big map so the table stays readable.
        func capped(_ names: [String], separator: String = ", ") -> String {
            let limit = showAll ? Int.max : options.listLimit
            if names.count <= limit { return names.joined(separator: separator) }
            return names.prefix(limit).joined(separator: separator) + "\(separator)+\(names.count - limit) more"
        }
        let p = perimeterName
        out.title("Chokepoint report: \(ReportContext.title(of: graph))")
        let kinds = Dictionary(grouping: items, by: { graph.itemKinds[$0] }).mapValues(\.count)
        let scope = focus.map { "system \(graph.itemKeys[$0]) and its BOM closure" } ?? "the whole map"
        var scopeLine = "Scope: \(scope) — \(DisplayNumber.count(items.count, "item")) (\(DisplayNumber.count(kinds[.system] ?? 0, "system")), "
        scopeLine += "\(DisplayNumber.count(kinds[.component] ?? 0, "component")), \(DisplayNumber.count(kinds[.material] ?? 0, "material"))), "
        scopeLine += "\(DisplayNumber.count(suppliersInScope.count, "supplier")). Inside: \(p)"
        scopeLine += analysis.perimeter.trustedGroups.isEmpty ? "." : " (trusted groups count as inside for the non-EU figures)."
        if focus != nil { scopeLine += " Requirements are this system's demand alone." }
        out.line(scopeLine)

        out.heading("Top chokepoints")
        if chokepoints.isEmpty {
            out.line("None: no single source, single point of failure, supply only from outside \(p) or CRMA breach under a system.")
        } else {
            let weighted = weightsDiffer
            var table = TextTable(header: ["#", "chokepoint", "systems"] + (weighted ? ["weight"] : []) + ["why"],
                                  rightAligned: weighted ? [0, 2, 3] : [0, 2])
            for (k, finding) in chokepoints.prefix(options.top).enumerated() {
                let tone: TextTable.Tone = finding.reasons.contains(.singlePointOfFailure) ? .bad : .warn
                table.append([TextTable.Cell("\(k + 1)"), TextTable.Cell(subjectName(of: finding), tone),
                              TextTable.Cell("\(finding.systems.count)")]
                             + (weighted ? [TextTable.Cell(DisplayNumber.human(finding.weight))] : [])
                             + [TextTable.Cell(explanation(of: finding))])
            }
            out.table(table)
            if chokepoints.count > options.top {
                out.line("(\(chokepoints.count - options.top) more: --top N, or --format json for all)")
            }
        }

        let hidden = graph.sorted(systems, by: .natural).flatMap { hiddenSinglePoints[$0] ?? [] }
        if !hidden.isEmpty {
            out.heading("Hidden single points of failure")
            out.line("Every item these suppliers make has another supplier, yet each system below falls with them:")
            var table = TextTable(header: ["system", "supplier", "makes", "why it is single"])
            let shownHidden = showAll ? hidden[...] : hidden.prefix(options.top)
            for h in shownHidden {
                let makes = capped(graph.sorted(h.items, by: .natural).map { item -> String in
                    let n = Set(graph.supplyEdges(of: item).map { graph.edgeSupplier[$0] }).count
                    return "\(graph.itemKeys[item]) (\(DisplayNumber.count(n, "supplier")))"
                })
                let dependents = graph.keys(of: h.dependents, by: .natural)
                let why = dependents.isEmpty
                    ? "the system needs every input it makes"
                    : capped(dependents, separator: " and ") + (dependents.count == 1 ? " buys" : " buy") + " only from it (sourcedFrom)"
                table.append([TextTable.Cell(graph.itemKeys[h.system]),
                              TextTable.Cell("\(graph.supplierKeys[h.supplier]) (\(graph.supplierCountries[h.supplier].code))", .bad),
                              TextTable.Cell(makes), TextTable.Cell(why)])
            }
            out.table(table)
            if shownHidden.count < hidden.count {
                out.line("(\(hidden.count - shownHidden.count) more: --top N, --all, --system ID, or --format json for all)")
            }
        }

        out.heading("Systems")
        if systems.isEmpty {
            out.line("No systems in scope.")
        } else {
            var table = TextTable(header: ["system", "buildable on \(p) alone", "supply on \(p) alone", "exposure outside \(p)",
                                           "single points of failure", "blocking (\(p) only)"],
                                  rightAligned: [2, 3])
            for system in graph.sorted(systems, by: .natural) {
                let f = analysis.figures(ofSystem: system)
                let spof = graph.keys(of: f.singlePointSuppliers, by: .natural) + f.singlePointCountries.map { "country \($0.code)" }
                let state: TextTable.Tone = f.euOnlyState == .unaffected ? .good : f.euOnlyState == .degraded ? .warn : .bad
                table.append([
                    TextTable.Cell(graph.itemKeys[system]),
                    TextTable.Cell(f.euBuildable ? "yes" : "no", f.euBuildable ? .good : .bad),
                    TextTable.Cell(DisplayNumber.percent(f.euOnlySupplyFraction), state),
                    TextTable.Cell(DisplayNumber.percent(f.nonEUExposure), f.nonEUExposure >= 0.5 ? .warn : .plain),
                    TextTable.Cell(spof.isEmpty ? "none" : capped(spof), spof.isEmpty ? .good : .bad),
                    TextTable.Cell(capped(graph.keys(of: f.blockingItems, by: .natural))),
                ])
            }
            out.table(table)
            out.line("(supply on \(p) alone: the share of normal production that could go on if every supplier outside \(p) failed.)")
        }

        let rows = items.map(row)
        let flagged = rows.filter { !$0.concentration.flags.isEmpty }
        if !showAll && items.count > options.itemLimit {
            out.heading("Items")
            out.line("\(DisplayNumber.count(items.count, "item")), \(flagged.count) flagged: too many for a terminal. Use --all, --system ID, or --format csv|json.")
        } else {
            out.heading(showAll ? "Items" : "Flagged items")
            let shown = graph.sorted((showAll ? rows : flagged).map(\.id), by: .natural).map(row)
            let partial = shown.contains { !Tolerance.reaches($0.coverage, 1) }
            var header = ["item", "kind", "suppliers", "top country"] + (partial ? ["coverage"] : [])
            header += ["HHI", "outside \(p)", "supply on \(p) alone", "exposure", "flags", "requirement/yr"]
            let offset = partial ? 1 : 0
            var table = TextTable(header: header, rightAligned: Set([2, 4 + offset, 5 + offset, 6 + offset, 7 + offset, 9 + offset] + (partial ? [4] : [])))
            for r in shown {
                let c = r.concentration
                var flags: [String] = []
                if c.singleSource { flags.append("single source") } else if c.singleCountry { flags.append("single country") }
                if c.isSuppliedOnlyFromOutside { flags.append(p == "EU" ? "non-EU only" : "only outside \(p)") }
                if c.crma65 { flags.append("CRMA 65 %") }
                if graph.isUnmapped(r.id) { flags.append("unmapped") }
                let supplied = c.supplierCount > 0
                var cells = [
                    TextTable.Cell(graph.itemKeys[r.id]), TextTable.Cell(graph.itemKinds[r.id].description),
                    TextTable.Cell("\(c.supplierCount)", c.singleSource ? .bad : .plain),
                    TextTable.Cell(c.topCountry.map { "\($0.country.code) \(DisplayNumber.percent($0.share))" } ?? "-"),
                ]
                if partial {
                    cells.append(TextTable.Cell(Tolerance.reaches(r.coverage, 1) ? "" : DisplayNumber.percent(r.coverage), .warn))
                }
                cells += [
                    TextTable.Cell(supplied ? String(Int(c.hhi.rounded())) : "-"),
                    TextTable.Cell(supplied ? DisplayNumber.percent(c.nonEUShare) : "-"),
                    TextTable.Cell(DisplayNumber.percent(r.euOnlySupplyFraction), Tolerance.reaches(r.euOnlySupplyFraction, 1) ? .plain : .warn),
                    TextTable.Cell(DisplayNumber.percent(r.exposure)),
                    TextTable.Cell(flags.joined(separator: ", "), flags.isEmpty ? .plain : .warn),
                    TextTable.Cell("\(DisplayNumber.human(r.requirement)) \(graph.itemUnits[r.id])"),
                ]
                table.append(cells)
            }
            if shown.isEmpty { out.line("None.") } else { out.table(table) }
            if partial {
                out.line("(coverage: the share of the item's supply the data attributes to a supplier; the rest counts as unknown origin.)")
            }
            if !showAll { out.line("(\(rows.count - flagged.count) unflagged items not shown: --all)") }
        }

        let gaps = unknownOriginSuppliers, unmapped = unmappedItems, partial = partlyAttributedItems
        let inferred = inferredCountrySuppliers
        if !gaps.isEmpty || !unmapped.isEmpty || !partial.isEmpty || !inferred.isEmpty {
            out.heading("Data gaps")
            func list(_ names: [String]) -> String {
                let sorted = KeyOrder.natural.sorted(names)
                return sorted.prefix(20).joined(separator: ", ") + (sorted.count > 20 ? ", +\(sorted.count - 20) more" : "")
            }
            var lines: [String] = []
            if !gaps.isEmpty { lines.append("Suppliers of unknown origin (counted as outside \(p)): \(list(gaps))") }
            if !partial.isEmpty { lines.append("Items whose shares leave part of their supply unattributed (counted as unknown origin): \(list(partial))") }
            if !unmapped.isEmpty { lines.append("Unmapped items (no supplier, no inputs; taken as available): \(list(unmapped))") }
            if !inferred.isEmpty { lines.append("Suppliers whose country is inferred from their NCAGE/CAGE code, not given: \(list(inferred))") }
            out.list(lines)
        }
        return out.text
    }
}

/// Text for people, as a terminal page or Markdown: headings, lines, lists and tables, written
/// so that Markdown renders as meant (a blank line around tables and lists, one item per list
/// line).
struct TextDocument {
    let markdown: Bool
    let color: Bool
    var text = ""

    /// Text from the data made safe for this document: Markdown-escaped, or escaped for a terminal.
    func safe(_ text: String) -> String { markdown ? MarkdownText.escapedBlock(text) : TerminalText.escaped(text) }

    mutating func title(_ title: String) {
        let title = safe(title)
        text += markdown ? "# \(title)\n\n" : "\(title)\n"
    }

    mutating func heading(_ title: String) {
        let title = safe(title)
        if markdown { text += "\n## \(title)\n\n" }
        else { text += "\n" + (color ? "\u{1B}[1m\(title.uppercased())\u{1B}[0m" : title.uppercased()) + "\n" }
    }

    mutating func line(_ line: String) {
        text += safe(line) + (markdown ? "\n\n" : "\n")
    }

    mutating func list(_ lines: [String]) {
        for line in lines { text += markdown ? "- \(safe(line))\n" : "\(safe(line))\n" }
        if markdown { text += "\n" }
    }

    mutating func table(_ table: TextTable) {
        text += markdown ? table.markdown() : table.terminal(color: color)
    }
}
