import GraphExport
import RiskAnalysis
import SupplyGraph

/// What the briefing adds for its reader beside the figures: the scenario it is made for, the
/// classification marking on every page and the analyst's notes.
extension Briefing {
    /// The outcome the verdicts, the systems' sections and the stockpile follow: the scenario's
    /// when one is given, else supply from inside the perimeter alone.
    var outcome: ScenarioOutcome { scenario ?? analysis.perimeterOnly }

    /// The condition the verdicts are under, in words: "on EU supply alone", or "in the
    /// scenario without CN".
    var condition: String {
        scenario == nil ? "on \(report.perimeterName) supply alone" : "in the scenario \(scenarioSummary)"
    }

    /// The title's tail: " — without CN" with a scenario, else nothing.
    var titleSuffix: String { scenario == nil ? "" : " — " + scenarioSummary }

    /// The blocking items of a system under ``outcome``, sorted by id.
    func blockingItems(ofSystem system: ItemID) -> [ItemID] {
        scenario == nil ? graph.sorted(analysis.figures(ofSystem: system).blockingItems, by: .natural)
            : graph.sorted(outcome.blockingItems(below: system), by: .natural)
    }

    /// The φ note under the verdicts.
    var supplyFractionNote: String {
        if scenario == nil {
            return "φ: the share of normal production that could go on if every supplier outside \(report.perimeterName) failed, each short input rationed in proportion among its buyers. " + Self.rangeNote
        }
        return "φ: the share of normal production that could go on in the scenario (\(scenarioSummary)), each short input rationed in proportion among its buyers. " + Self.rangeNote
    }

    /// The stockpile plan of the scenario, or of the default one (each stage loses its largest
    /// supplying country outside the EU).
    func stockpileTable() -> BriefStockpile {
        guard let scenario else { return BriefStockpile.defaultScenario(analysis, days: stockpileDays, context: report.context) }
        return BriefStockpile.givenScenario(analysis, outcome: scenario, summary: scenarioSummary, days: stockpileDays, context: report.context)
    }

    // MARK: - The scenario's paths

    /// With a scenario, the stages of a system's BOM closure that lose supply at their own stage,
    /// with the route down the BOM from the system to each and what is left of them (`φ`):
    /// where the scenario reaches the system. Empty without a scenario.
    /// - Complexity: O(closure + its edges) per system.
    func scenarioPaths(ofSystem system: ItemID) -> String {
        guard let scenario else { return "" }
        var out = "<h3>Where the scenario reaches it</h3>\n"
        let closure = graph.closure(of: system)
        let hit = closure.filter { Tolerance.isPositive(scenario.ownLoss(of: $0)) }
        if hit.isEmpty { return out + "<p>Nowhere: no stage of its supply chain loses supply in this scenario.</p>\n" }
        let routes = routesDown(from: system)
        let ranked = hit.sorted {
            let a = scenario.supplyFraction(of: $0), b = scenario.supplyFraction(of: $1)
            return a != b ? a < b : KeyOrder.natural.precedes(graph.itemKeys[$0], graph.itemKeys[$1])
        }
        let shown = ranked.prefix(Self.scenarioPathRows)
        out += "<p>The stages that lose supply at their own stage, least left first"
        out += ranked.count > shown.count ? " (\(shown.count) of \(ranked.count)):</p>\n" : ":</p>\n"
        out += HTML.table(["item", "name", "lost at its stage", "φ left", "route from the system"], shown.map { item in
            let tone = scenario.isAvailable(item) ? "warn" : "bad"
            return [HTML.Cell(graph.itemKeys[item]), HTML.Cell(graph.itemNames[item]),
                    HTML.Cell(DisplayNumber.percent(scenario.ownLoss(of: item)), tone),
                    HTML.Cell(DisplayNumber.percent(scenario.supplyFraction(of: item)), tone),
                    HTML.Cell(html: "<span class=\"route\">" + (routes[item] ?? []).map { HTML.escape(graph.itemKeys[$0]) }.joined(separator: " → ") + "</span>")]
        }, numeric: [2, 3])
        return out
    }

    /// How many stages a system's section lists under "Where the scenario reaches it".
    static let scenarioPathRows = 12

    /// The shortest route down the BOM from `system` to every item of its closure (breadth
    /// first, children in storage order).
    /// - Complexity: O(closure + its BOM edges).
    func routesDown(from system: ItemID) -> [ItemID: [ItemID]] {
        var routes: [ItemID: [ItemID]] = [system: [system]]
        var queue = [system], head = 0
        while head < queue.count {
            let item = queue[head]; head += 1
            for child in graph.children(of: item) where routes[child] == nil {
                routes[child] = routes[item]! + [child]
                queue.append(child)
            }
        }
        return routes
    }

    // MARK: - Marking and notes

    /// The marking at the top and bottom of every page (fixed elements, which Chromium repeats
    /// on every printed page), or nothing.
    func markingLines() -> (top: String, bottom: String) {
        guard let marking, !marking.isEmpty else { return ("", "") }
        let text = HTML.escape(marking)
        return ("<div class=\"marking top\" role=\"note\">\(text)</div>\n", "<div class=\"marking bottom\" role=\"note\">\(text)</div>\n")
    }

    /// With a marking, the page's content sits in one table whose empty head and foot rows
    /// repeat on every printed page and keep the room the marking lines take.
    var pageWrapper: (open: String, close: String) {
        guard let marking, !marking.isEmpty else { return ("", "") }
        return ("<table class=\"page\"><thead><tr><td><div class=\"marking-space\"></div></td></tr></thead>"
                + "<tfoot><tr><td><div class=\"marking-space\"></div></td></tr></tfoot><tbody><tr><td>\n",
                "</td></tr></tbody></table>\n")
    }

    /// The analyst's notes, rendered from Markdown with every raw HTML tag escaped.
    func notesSection() -> String {
        guard let notes else { return "" }
        return "<section id=\"notes\"><h2>Analyst's notes</h2>\n<div class=\"notes\">\n" + BriefMarkdown.html(notes) + "</div>\n</section>\n"
    }

    /// The style of the marking, the notes and the diagram pages (added to ``stylesheet``).
    static let directorStylesheet = """
        .marking { position: fixed; left: 0; right: 0; z-index: 10; text-align: center; background: #fff;
                   font: bold 11pt "DejaVu Sans", Helvetica, Arial, sans-serif; color: #b2182b; letter-spacing: .05em;
                   height: 6mm; line-height: 6mm; white-space: nowrap; overflow: hidden; }
        .marking.top { top: 0; } .marking.bottom { bottom: 0; }
        table.page { border-collapse: collapse; margin: 0; width: 100%; font-size: inherit; }
        table.page > thead > tr > td, table.page > tfoot > tr > td, table.page > tbody > tr > td { border: 0; padding: 0; background: none; }
        .marking-space { height: 8mm; }
        .notes blockquote { border-left: 4px solid var(--rule); margin: .5rem 0; padding: 0 .8rem; color: #444; }
        .notes pre { background: #f6f6f6; padding: .5rem .7rem; overflow-x: auto; }
        .notes pre code { font-size: .85rem; word-break: normal; white-space: pre-wrap; }
        .notes .address { color: #555; }

        """
}

extension Briefing {
    /// What a range of φ means, for the notes under the verdicts.
    static let rangeNote = "A range (0–35 %) runs from unknown-origin and unattributed supply lost to kept: the data cannot say where that supply comes from."

    /// A system's row (``SystemRow``): the report's, on supply from inside the perimeter
    /// alone, or with a scenario its state, `φ`, blocking items and verdict in that scenario
    /// (its single points of failure and exposure stay the map's).
    func systemRow(_ system: ItemID) -> SystemRow {
        let row = report.systemRow(system)
        guard let scenario else { return row }
        let state = scenario.state(of: system)
        let phi = RangeText.percent(scenario.supplyFraction(of: system), scenario.supplyFractionRange(of: system))
        let why = switch state {
        case .falls: "Falls \(condition) (φ \(phi)): no route of supply is left."
        case .crippled: "Crippled \(condition): \(phi) of normal production (φ) could go on, below \(DisplayNumber.percent(scenario.critical))."
        case .degraded: "Degraded \(condition): \(phi) of normal production (φ) could go on."
        case .unaffected: "Unaffected \(condition) (φ 100 %)."
        }
        return SystemRow(system: system, id: row.id, name: row.name, state: state, stateTone: state.tone,
                         buildable: row.buildable, buildableTone: row.buildableTone,
                         supplyFraction: scenario.supplyFraction(of: system),
                         supplyFractionRange: scenario.supplyFractionRange(of: system), supplyText: phi,
                         exposure: row.exposure, exposureTone: row.exposureTone,
                         singlePoints: row.singlePoints, singlePointTone: row.singlePointTone,
                         blocking: blockingItems(ofSystem: system).map { graph.itemKeys[$0] }, why: why)
    }

    /// A system's diagram as a figure that prints on a page of its own, or why there is none.
    func diagramFigure(_ system: ItemID) -> String {
        let key = graph.itemKeys[system]
        switch diagrams[key] {
        case .svg(let svg)?:
            var caption = "\(graph.itemNames[system]): its BOM closure and suppliers; bold red: the paths to its single points of failure; "
            caption += "under each item, its other suppliers by country and share"
            if scenario != nil { caption += "; grey, dashed: lost in the scenario (\(scenarioSummary))" }
            if Self.edgesHaveNoLabels(svg) { caption += "; quantities and shares left off the arrows to keep the print legible (the tables hold them)" }
            return "<figure class=\"diagram\">" + HTML.inline(svg: svg, idPrefix: "d-\(HTML.slug(key))-", label: "Supply chain of \(graph.itemNames[system])")
                + "<figcaption>\(HTML.escape(caption)).</figcaption></figure>\n"
        case .unavailable(let why)?:
            return "<figure class=\"diagram none\"><p class=\"nodiagram\">No diagram: \(HTML.escape(why)). The tables above hold the findings.</p></figure>\n"
        case nil:
            return "<figure class=\"diagram none\"><p class=\"nodiagram\">No diagram: \(HTML.escape(diagramNote ?? "not drawn")). The tables above hold the findings.</p></figure>\n"
        }
    }
}

extension Briefing {
    /// The box a system's diagram fills on its printed page, in points (1/72 in): A4 landscape
    /// with 8 mm margins, less the room of the marking lines and the caption — 281 × 170 mm.
    /// Drawn to fit it, a diagram prints at its own size or larger.
    public static let printedDiagramBox = (width: 796.0, height: 482.0)

    /// The smallest font size a printed diagram may use, in points.
    public static let smallestPrintedFont = 8.0
}

extension Briefing {
    /// The smallest text of a Graphviz SVG diagram as the briefing prints it, in points: the
    /// smallest `font-size` of its text, times the scale Graphviz drew it at (the `scale(...)`
    /// of its top group), times the scale at which the page fits its width and height (in
    /// points) into ``printedDiagramBox``, keeping its aspect. `nil` when it has no text or no
    /// size.
    /// - Complexity: O(length of `svg`).
    public static func smallestPrintedText(ofDiagram svg: String) -> Double? {
        func number(after marker: String, in text: Substring) -> Double? {
            guard let range = text.firstRange(of: marker) else { return nil }
            return Double(String(text[range.upperBound...].prefix { $0.isNumber || $0 == "." }))
        }
        let all = Substring(svg)
        guard let open = all.firstRange(of: "<svg") else { return nil }
        let head = all[open.lowerBound...].prefix { $0 != ">" }
        guard let width = number(after: " width=\"", in: head), let height = number(after: " height=\"", in: head),
              width > 0, height > 0 else { return nil }
        let drawn = number(after: "transform=\"scale(", in: all) ?? 1
        var smallest = Double.infinity
        var rest = all
        while let range = rest.firstRange(of: "font-size=\"") {
            rest = rest[range.upperBound...]
            if let size = Double(String(rest.prefix { $0.isNumber || $0 == "." })) { smallest = min(smallest, size) }
        }
        guard smallest.isFinite else { return nil }
        let placed = min(printedDiagramBox.width / width, printedDiagramBox.height / height)
        return smallest * drawn * placed
    }
}

extension Briefing {
    /// Whether a Graphviz SVG has edges and none of them carries a label.
    static func edgesHaveNoLabels(_ svg: String) -> Bool {
        let edges = svg.split(separator: "class=\"edge\"", omittingEmptySubsequences: false).dropFirst()
        return !edges.isEmpty && !edges.contains { part in
            let end = part.firstRange(of: "</g>")?.lowerBound ?? part.endIndex
            return part[..<end].contains("<text")
        }
    }
}
