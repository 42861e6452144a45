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
    /// systems, the items and the data gaps — one function per section. A map without items
    /// gets one line saying there is nothing to report.
    /// - Complexity: O(items shown + systems + chokepoints shown).
    public func text(_ options: TextOptions) -> String {
        var out = TextDocument(markdown: options.markdown, color: options.color)
        let layout = TextLayout(options: options, showAll: options.allItems || focus != nil)
        if analysis.graph.itemCount == 0 {
            out.title("Chokepoint report: \(ReportContext.title(of: analysis.graph))")
            out.line("Nothing to report: the map holds no items, so there is nothing to analyse.")
            return out.text
        }
        writeScope(to: &out)
        writeVerdicts(to: &out, layout)
        writeChokepoints(to: &out, layout)
        writeHiddenSinglePoints(to: &out, layout)
        writeSystems(to: &out, layout)
        writeItems(to: &out, layout)
        writeDataGaps(to: &out)
        writeDeclarations(to: &out)
        return out.text
    }

    /// The options and what follows from them for every section.
    struct TextLayout {
        let options: TextOptions
        /// Every row and every name (`--all` or a focus).
        let showAll: Bool
        /// A list for one cell, cut to `listLimit` names on a big map so the table stays readable.
        func capped(_ names: [String], separator: String = ", ") -> String {
            Reports.capped(names, limit: showAll ? Int.max : options.listLimit, separator: separator)
        }
    }

    /// The title and the scope line.
    func writeScope(to out: inout TextDocument) {
        let graph = analysis.graph
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
    }

    /// The first lines a director reads: the verdict on EU-only supply, leading with the systems
    /// that fall or are crippled, its ranges where unmapped supply might be European, and the
    /// CRMA 65 % benchmark apart from the other concentrated materials.
    func writeVerdicts(to out: inout TextDocument, _ layout: TextLayout) {
        let graph = analysis.graph
        let p = perimeterName
        if !systems.isEmpty {
            let figures = graph.sorted(systems, by: .natural).map { analysis.figures(ofSystem: $0) }
            out.line("On \(p) supply alone: " + VerdictLine.counts(figures.map(\.euOnlyState), critical: analysis.critical) + ".")
            let ranged = figures.filter { SupplyFractionRange.isShownAsRange($0.euOnlySupplyFractionRange) }
            if !ranged.isEmpty {
                let list = layout.capped(ranged.map { "\(graph.itemKeys[$0.system]) \(RangeText.percent($0.euOnlySupplyFraction, $0.euOnlySupplyFractionRange))" })
                out.line("Not a certainty: part of the supply in the data is of unknown origin or unattributed (world tables' \"others\"), and might be European. "
                         + "Counting it as lost or as kept, \(p)-only production is \(list).")
            }
        }
        let benchmark = rowsFlagged { $0.crmaStrategic65 }, concentrated = rowsFlagged { $0.crma65 && !$0.crmaStrategic65 }
        if !benchmark.isEmpty {
            out.line("\(Concentration.crmaLabel) benchmark (a strategic raw material, \(Concentration.crmaPercent) or more of the supply in the data from one third country): \(layout.capped(benchmark)).")
        }
        if !concentrated.isEmpty {
            out.line("Concentrated in one third country (\(Concentration.crmaPercent) or more of the supply in the data; not a strategic raw material): \(layout.capped(concentrated)).")
        }
    }

    /// The top chokepoints, ranked.
    func writeChokepoints(to out: inout TextDocument, _ layout: TextLayout) {
        let options = layout.options
        out.heading("Top chokepoints")
        guard !chokepoints.isEmpty else {
            out.line("None: no single source, single point of failure, supply only from outside \(perimeterName) or CRMA breach under a system.")
            return
        }
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
        if let home = analysis.home {
            out.line("(Home country \(home.code) is left out of the country rankings; systems' single points of failure still list it, marked \"home\".)")
        }
    }

    /// The hidden single points of failure (``HiddenSinglePointRow``), systems in natural order.
    func writeHiddenSinglePoints(to out: inout TextDocument, _ layout: TextLayout) {
        let hidden = hiddenSinglePointRows(systems: analysis.graph.sorted(systems, by: .natural))
        guard !hidden.isEmpty else { return }
        out.heading("Hidden single points of failure")
        out.line("Every item these suppliers make has another supplier, yet each system below falls with them:")
        var table = TextTable(header: ["system", "supplier", "makes", "why it is single"])
        let shown = layout.showAll ? hidden[...] : hidden.prefix(layout.options.top)
        for h in shown {
            let makes = layout.capped(h.items.map { "\($0.id) (\(DisplayNumber.count($0.suppliers, "supplier")))" })
            table.append([TextTable.Cell(h.systemID), TextTable.Cell(h.supplier, h.tone.table), TextTable.Cell(makes),
                          TextTable.Cell(h.why(limit: layout.showAll ? .max : layout.options.listLimit))])
        }
        out.table(table)
        if shown.count < hidden.count {
            out.line("(\(hidden.count - shown.count) more: --top N, --all, --system ID, or --format json for all)")
        }
    }

    /// The systems (``SystemRow``), natural order.
    func writeSystems(to out: inout TextDocument, _ layout: TextLayout) {
        let p = perimeterName
        out.heading("Systems")
        guard !systems.isEmpty else {
            out.line("No systems in scope.")
            return
        }
        var table = TextTable(header: ["system", "buildable on \(p) alone", "supply on \(p) alone", "exposure outside \(p)",
                                       "single points of failure", "blocking (\(p) only)"],
                              rightAligned: [2, 3])
        for system in analysis.graph.sorted(systems, by: .natural) {
            let r = systemRow(system)
            table.append([
                TextTable.Cell(r.id),
                TextTable.Cell(r.buildable ? "yes" : "no", r.buildableTone.table),
                TextTable.Cell(r.supplyText + " " + r.state.rawValue, r.stateTone.table),
                TextTable.Cell(DisplayNumber.percent(r.exposure), r.exposureTone.table),
                TextTable.Cell(r.singlePoints.isEmpty ? "none" : layout.capped(r.singlePoints), r.singlePointTone.table),
                TextTable.Cell(layout.capped(r.blocking)),
            ])
        }
        out.table(table)
        out.line("(supply on \(p) alone: the share of normal production that could go on if every supplier outside \(p) failed, crippled below \(DisplayNumber.percent(analysis.critical)); a range runs from unknown origin and unattributed supply lost to kept.)")
    }

    /// The flagged items (or every item with `--all`), natural order.
    func writeItems(to out: inout TextDocument, _ layout: TextLayout) {
        let graph = analysis.graph
        let p = perimeterName
        let showAll = layout.showAll
        let rows = items.map(row)
        let flagged = rows.filter { !$0.concentration.flags.isEmpty }
        if !showAll && items.count > layout.options.itemLimit {
            out.heading("Items")
            out.line("\(DisplayNumber.count(items.count, "item")), \(flagged.count) flagged: too many for a terminal. Use --all, --system ID, or --format csv|json.")
            return
        }
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
            if c.isSuppliedOnlyFromOutside { flags.append(analysis.perimeter.isEUAlone ? "non-EU only" : "only outside \(p)") }
            if c.crmaStrategic65 { flags.append(Concentration.crmaLabel + " benchmark") } else if c.crma65 { flags.append("concentrated in one third country") }
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
                TextTable.Cell(RangeText.percent(r.euOnlySupplyFraction, r.euOnlySupplyFractionRange), Tolerance.reaches(r.euOnlySupplyFraction, 1) ? .plain : .warn),
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

    /// The data gaps, if any.
    func writeDataGaps(to out: inout TextDocument) {
        let p = perimeterName
        let gaps = unknownOriginSuppliers, unmapped = unmappedItems, partial = partlyAttributedItems
        let inferred = inferredCountrySuppliers
        guard !gaps.isEmpty || !unmapped.isEmpty || !partial.isEmpty || !inferred.isEmpty else { return }
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

    /// The suppliers' declarations read with the map (RMI templates): per declarant and metal,
    /// the items that got the declared smelters as suppliers, the smelters with their
    /// countries, and the rows not yet identified. Nothing without declarations.
    func writeDeclarations(to out: inout TextDocument) {
        guard let coverage = context.declarationCoverage, !coverage.declarations.isEmpty else { return }
        let graph = analysis.graph
        out.heading("Suppliers' declarations")
        var lines: [String] = []
        for d in coverage.declarations {
            let smelters = d.smelters.map { "\(graph.supplierNames[$0]) (\(graph.supplierKeys[$0]), \(graph.supplierCountries[$0].code))" }
            var line = "\(graph.supplierKeys[d.declarant]) (\(d.source)), \(d.metal): "
            line += d.items.isEmpty ? "no item of its commodity below what it supplies; its smelters are not added"
                : "\(smelters.count) smelter\(smelters.count == 1 ? "" : "s") supply \(graph.keys(of: d.items).joined(separator: ", ")): \(smelters.joined(separator: "; "))"
            if d.notYetIdentified > 0 { line += "; \(d.notYetIdentified) row\(d.notYetIdentified == 1 ? "" : "s") not yet identified" }
            lines.append(line)
        }
        out.list(lines)
    }
}

extension RiskReport {
    /// The items in scope with the flag `flag`, in natural id order, each with its largest
    /// third country: `gallium-primary (CN 98.8 %)`.
    func rowsFlagged(_ flag: (Concentration) -> Bool) -> [String] {
        let graph = analysis.graph
        return graph.sorted(items.filter { flag(analysis.concentration(of: $0)) }, by: .natural).map { item in
            let largest = analysis.concentration(of: item).largestNonEUCountry
            return graph.itemKeys[item] + (largest.map { " (\($0.country.code) \(DisplayNumber.percent($0.share)))" } ?? "")
        }
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
