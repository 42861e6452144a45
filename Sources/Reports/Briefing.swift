import GraphExport
import RiskAnalysis
import SupplyGraph

/// The briefing (`brief`; the article "The briefing and the diff"): one self-contained HTML page for a director or a
/// minister — the verdicts first (the systems that fall or are degraded on EU-only supply, with
/// their `φ`; the hidden single points of failure; the CRMA breaches), then the country × system
/// impact heat map, one section per system (verdict, single points of failure with their
/// routes, blocking items, then its diagram on a printed page of its own), the stockpile table
/// of the default scenario, the data gaps and the provenance (data set, date, tool version,
/// input files with SHA-256). With a ``scenario`` the verdicts, sections and stockpile are the
/// scenario's; a ``marking`` prints on every page, ``notes`` follow the verdicts.
///
/// It reads the figures of a ``RiskReport`` (and so of `SupplyChainAnalysis`), an
/// `ImpactSweep` and the stockpile model, and decides nothing itself. Every data
/// string is HTML-escaped; nothing is loaded from the network (no scripts, no web fonts, the
/// diagrams inline as SVG); a print stylesheet puts each system and each diagram on a page of
/// its own (A4 landscape).
///
/// ```swift
/// let brief = Briefing(report: report, impact: ImpactSweep(report.analysis, sweep: .country),
///                      diagrams: [:], diagramNote: "Graphviz is not installed", inputs: [])
/// let html = brief.html()
/// ```
public struct Briefing: Sendable {
    /// A system's diagram: the SVG Graphviz drew, or why there is none.
    public enum Diagram: Sendable {
        /// The SVG text as Graphviz wrote it.
        case svg(String)
        /// Why it could not be drawn (Graphviz failed, timed out).
        case unavailable(String)
    }

    /// One input file, for the provenance.
    public struct InputFile: Sendable {
        /// The path as given.
        public let path: String
        /// Its SHA-256, in lower-case hex.
        public let sha256: String
        /// Its size in bytes.
        public let bytes: Int
        /// An input file.
        /// - Complexity: O(1).
        public init(path: String, sha256: String, bytes: Int) {
            self.path = path; self.sha256 = sha256; self.bytes = bytes
        }
    }

    /// The risk report: the figures, the systems, the data gaps, the context.
    public let report: RiskReport
    /// The country sweep, for the heat map.
    public let impact: ImpactSweep
    /// The diagrams per system (by id); systems without one get ``diagramNote``.
    public let diagrams: [String: Diagram]
    /// Said where a diagram is missing for all systems (Graphviz not installed), if so.
    public let diagramNote: String?
    /// The input files with their digests.
    public let inputs: [InputFile]
    /// The stockpile horizon in days.
    public let stockpileDays: Double
    /// Whole `<section>` elements placed after the stockpile (the budget plan's page, made by
    /// its own module), in order.
    public var extraSections: [String] = []
    /// How many countries the heat map shows.
    public let heatMapRows: Int
    /// The screening against sanctions lists (`--sanctions`): a page of its own when given.
    public var screening: Screening? = nil
    /// The scenario the verdicts, the systems' sections and the stockpile follow (`brief
    /// --without-country CN`), or `nil` for supply from inside the perimeter alone.
    public var scenario: ScenarioOutcome? = nil
    /// The scenario in words ("without CN"), for the title and the verdicts.
    public var scenarioSummary = ""
    /// A classification line printed at the top and bottom of every page (`--marking`), or `nil`.
    public var marking: String? = nil
    /// The analyst's commentary in Markdown (`--notes`), or `nil`.
    public var notes: String? = nil

    /// A briefing.
    /// - Complexity: O(1); ``html()`` does the work.
    public init(report: RiskReport, impact: ImpactSweep, diagrams: [String: Diagram], diagramNote: String?,
                inputs: [InputFile], stockpileDays: Double = 180, heatMapRows: Int = 20) {
        self.report = report
        self.impact = impact
        self.diagrams = diagrams
        self.diagramNote = diagramNote
        self.inputs = inputs
        self.stockpileDays = stockpileDays
        self.heatMapRows = heatMapRows
    }

    var analysis: SupplyChainAnalysis { report.analysis }
    var graph: SupplyGraph { analysis.graph }

    /// The whole HTML document.
    /// - Complexity: O(items · systems/64 + systems · closures + the heat map + the stockpile).
    public func html() -> String {
        let title = "Supply-chain briefing: " + ReportContext.title(of: graph) + titleSuffix
        let marks = markingLines(), wrapper = pageWrapper
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(HTML.escape(title))</title>\n<style>\n\(Self.stylesheet)\(Self.directorStylesheet)</style>\n</head>\n<body>\n"
        out += marks.top + wrapper.open
        out += "<header class=\"cover\"><h1>\(HTML.escape(title))</h1>\n"
        out += "<p class=\"meta\">Inside the perimeter: \(HTML.escape(report.perimeterName)). \(HTML.escape(scopeLine())) "
        out += "Made by chokepoint \(HTML.escape(report.context.toolVersion)); every figure follows the formulas of the Risk figures article.</p>\n"
        out += "<nav><a href=\"#verdicts\">Verdicts</a> · \(notes == nil ? "" : "<a href=\"#notes\">Notes</a> · ")<a href=\"#impact\">Impact</a> · <a href=\"#systems\">Systems</a> · "
        out += "<a href=\"#stockpile\">Stockpile</a> · " + (screening == nil ? "" : "<a href=\"#screening\">Owners and sanctions</a> · ") + "<a href=\"#gaps\">Data gaps</a> · <a href=\"#provenance\">Provenance</a></nav></header>\n"
        out += verdicts()
        out += notesSection()
        out += heatMap()
        out += systemSections()
        out += stockpile()
        for section in extraSections { out += section }
        if let screening { out += screeningPage(screening) }
        out += dataGaps()
        out += provenance()
        out += wrapper.close + marks.bottom
        out += "</body>\n</html>\n"
        return out
    }

    func scopeLine() -> String {
        let kinds = Dictionary(grouping: report.items, by: { graph.itemKinds[$0] }).mapValues(\.count)
        return "\(DisplayNumber.count(kinds[.system] ?? 0, "system")), \(DisplayNumber.count(kinds[.component] ?? 0, "component")), "
            + "\(DisplayNumber.count(kinds[.material] ?? 0, "material")), \(DisplayNumber.count(report.suppliersInScope.count, "supplier"))."
    }

    /// The systems, most affected on EU-only supply first: falls, then crippled and degraded by
    /// `φ`, then unaffected, each by id.
    var rankedSystems: [ItemID] {
        let outcome = outcome
        return report.systems.sorted {
            let a = outcome.state(of: $0), b = outcome.state(of: $1)
            if (a == .falls) != (b == .falls) { return a == .falls }
            let fa = outcome.supplyFraction(of: $0), fb = outcome.supplyFraction(of: $1)
            if fa != fb { return fa < fb }
            return KeyOrder.natural.precedes(graph.itemKeys[$0], graph.itemKeys[$1])
        }
    }

    func systemLink(_ system: ItemID) -> String {
        let key = graph.itemKeys[system]
        return "<a href=\"#system-\(HTML.slug(key))\">\(HTML.escape(key))</a>"
    }

    // MARK: - Verdicts

    /// The verdicts: the systems in a sentence each way, their table, the hidden single points
    /// of failure, the CRMA breaches.
    func verdicts() -> String {
        var out = "<section id=\"verdicts\"><h2>Verdicts</h2>\n"
        let rows = rankedSystems.map(systemRow)
        out += verdictList(rows)
        out += verdictTable(rows)
        out += hiddenSinglePointTable()
        out += crmaBreaches()
        return out + "</section>\n"
    }

    /// How many systems fall, are degraded, are unaffected on supply from inside alone (or in
    /// the scenario).
    func verdictList(_ rows: [SystemRow]) -> String {
        let bad = rows.filter { $0.state.fallsOrCrippled }
        let degraded = rows.filter { $0.state == .degraded }
        let below = DisplayNumber.percent(analysis.critical)
        var out = "<ul class=\"verdicts\">\n"
        func list(_ systems: [SystemRow]) -> String {
            systems.map { "\(systemLink($0.system)) (φ \(HTML.escape($0.supplyText)))" }.joined(separator: ", ")
        }
        if !bad.isEmpty {
            out += "<li class=\"bad\"><strong>\(bad.count) of \(DisplayNumber.count(report.systems.count, "system")) \(bad.count == 1 ? "falls or is" : "fall or are") crippled</strong> (below \(HTML.escape(below)) of normal production) \(HTML.escape(condition)): \(list(bad)).</li>\n"
        }
        if !degraded.isEmpty {
            out += "<li class=\"warn\"><strong>\(DisplayNumber.count(degraded.count, "system")) \(degraded.count == 1 ? "is" : "are") degraded</strong> \(HTML.escape(condition)): \(list(degraded)).</li>\n"
        }
        let unaffected = report.systems.count - bad.count - degraded.count
        if unaffected > 0 || report.systems.isEmpty {
            out += "<li class=\"good\">\(DisplayNumber.count(unaffected, "system")) unaffected \(HTML.escape(condition)).</li>\n"
        }
        out += "</ul>\n<p class=\"note\">\(HTML.escape(supplyFractionNote))</p>\n"
        return out
    }

    /// The systems' table (``SystemRow``), most affected first.
    func verdictTable(_ rows: [SystemRow]) -> String {
        guard !rows.isEmpty else { return "" }
        return HTML.table(["system", "name", condition, "φ", "single points of failure", "blocking items"], rows.map { r in
            [HTML.Cell(html: systemLink(r.system)), HTML.Cell(r.name),
             HTML.Cell(r.state.rawValue, r.stateTone.htmlClass), HTML.Cell(r.supplyText, r.stateTone.htmlClass),
             HTML.Cell(r.singlePoints.isEmpty ? "none" : r.singlePoints.joined(separator: ", "), r.singlePointTone.htmlClass),
             HTML.Cell(r.blocking.joined(separator: ", "))]
        }, numeric: [3])
    }

    /// The hidden single points of failure (``HiddenSinglePointRow``), every name listed.
    func hiddenSinglePointTable() -> String {
        let hidden = report.hiddenSinglePointRows(systems: report.systems)
        var out = "<h3>Hidden single points of failure</h3>\n"
        if hidden.isEmpty { return out + "<p>None: every single point of failure is an item's only supplier or a country.</p>\n" }
        out += "<p>Every item these suppliers make has another supplier, yet each system falls with them:</p>\n"
        out += HTML.table(["system", "supplier", "makes", "why it is single"], hidden.map { h in
            [HTML.Cell(html: systemLink(h.system)), HTML.Cell(h.supplier, h.tone.htmlClass),
             HTML.Cell(h.items.map(\.id).joined(separator: ", ")), HTML.Cell(h.why())]
        })
        return out
    }

    /// The materials at or above the CRMA benchmark, with the systems that need them.
    func crmaBreaches() -> String {
        var out = "<h3>\(Concentration.crmaLabel) benchmark</h3>\n"
        out += crmaTable(report.items.filter { analysis.concentration(of: $0).crmaStrategic65 },
                         none: "None: no strategic raw material has \(Concentration.crmaPercent) or more of the supply in the data in one third country.",
                         intro: "Strategic raw materials (Critical Raw Materials Act, Annex I) with one third country at or above the Act's benchmark of \(Concentration.crmaPercent) of the supply in the data:")
        out += "<h3>Concentrated in one third country</h3>\n"
        out += crmaTable(report.items.filter { let c = analysis.concentration(of: $0); return c.crma65 && !c.crmaStrategic65 },
                         none: "None: no other material has \(Concentration.crmaPercent) or more of the supply in the data in one third country.",
                         intro: "Other materials (not strategic raw materials) with \(Concentration.crmaPercent) or more of the supply in the data in one third country:")
        return out
    }

    /// The table of items at 65 % or more from one third country, or `none`.
    func crmaTable(_ materials: [ItemID], none: String, intro: String) -> String {
        if materials.isEmpty { return "<p>\(HTML.escape(none))</p>\n" }
        let above = analysis.systems(above: materials)
        var crma: [[HTML.Cell]] = []
        for (k, item) in materials.enumerated() {
            guard let largest = analysis.concentration(of: item).largestNonEUCountry else { continue }
            crma.append([HTML.Cell(graph.itemKeys[item]), HTML.Cell(graph.itemNames[item]),
                         HTML.Cell("\(largest.country.code) — \(largest.country.name)"),
                         HTML.Cell(DisplayNumber.percent(largest.share), "bad"),
                         HTML.Cell(html: above[k].map(systemLink).joined(separator: ", "))])
        }
        return "<p>\(HTML.escape(intro))</p>\n" + HTML.table(["material", "name", "country", "share", "systems"], crma, numeric: [3])
    }

    // MARK: - Heat map

    func heatMap() -> String {
        var out = "<section id=\"impact\"><h2>Impact of a country cut-off</h2>\n"
        if impact.ranking.isEmpty {
            return out + "<p>No country cut off alone reduces the supply of any system.</p></section>\n"
        }
        let shown = min(heatMapRows, impact.ranking.count)
        out += "<p>Each row: every supplier in that country cut off (unattributed supply kept); each cell: the share of the system's "
        out += "normal production lost, 1 − φ. Score: the sum over the systems of weight × impact. "
        out += shown == impact.ranking.count
            ? "Every country that hits any system: \(DisplayNumber.count(shown, "country", "countries")).</p>\n"
            : "The \(shown) countries with the highest score, of the \(impact.ranking.count) that hit any system.</p>\n"
        if let home = impact.leftOutHome {
            out += "<p class=\"note\">Home country \(HTML.escape(home.code)) is left out of the ranking; the systems' single points of failure still list it, marked \"home\".</p>\n"
        }
        out += "<figure class=\"heat\">" + BriefHeatMap(sweep: impact, graph: graph, rows: heatMapRows).svg() + "</figure>\n"
        return out + "</section>\n"
    }

    // MARK: - Systems

    func systemSections() -> String {
        let p = report.perimeterName
        let outcome = outcome
        var out = "<div id=\"systems\">\n"
        for system in rankedSystems {
            let key = graph.itemKeys[system]
            let f = analysis.figures(ofSystem: system)
            out += "<section class=\"system\" id=\"system-\(HTML.slug(key))\">\n"
            out += "<h2>\(HTML.escape(graph.itemNames[system])) <span class=\"id\">\(HTML.escape(key))</span></h2>\n"
            let row = systemRow(system)
            out += "<p class=\"verdict \(row.stateTone.htmlClass ?? "")\">\(HTML.escape(row.why)) Exposure outside \(HTML.escape(p)): \(HTML.escape(DisplayNumber.percent(row.exposure))).</p>\n"

            out += "<h3>Single points of failure</h3>\n"
            if !f.hasSinglePointOfFailure {
                out += "<p>None: no one supplier or country stops it alone.</p>\n"
            } else {
                let routes = BriefPaths(analysis, system: system)
                out += "<ul class=\"spof\">\n"
                for s in graph.sorted(f.singlePointSuppliers, by: .natural) {
                    out += "<li><strong>\(HTML.escape(graph.supplierKeys[s]))</strong> (\(HTML.escape(graph.supplierNames[s])), \(HTML.escape(graph.supplierCountries[s].code)))"
                    if let route = routes.route(to: s) {
                        out += ": <span class=\"route\">\(route.items.map(HTML.escape).joined(separator: " → "))</span>, \(HTML.escape(route.how))"
                    }
                    out += "</li>\n"
                }
                for c in f.singlePointCountries {
                    out += "<li><strong>country \(HTML.escape(c.code))</strong>: losing every supplier in \(HTML.escape(c.name)) stops it</li>\n"
                }
                out += "</ul>\n"
            }

            out += "<h3>Blocking items \(HTML.escape(condition))</h3>\n"
            let blocking = blockingItems(ofSystem: system)
            if blocking.isEmpty {
                out += "<p>None.</p>\n"
            } else {
                out += HTML.table(["item", "name", scenario == nil ? "supply on \(p) alone" : "supply \(condition)", "top country"], blocking.map { item in
                    let top = analysis.concentration(of: item).topCountry
                    return [HTML.Cell(graph.itemKeys[item]), HTML.Cell(graph.itemNames[item]),
                            HTML.Cell(DisplayNumber.percent(outcome.supplyFraction(of: item)), "bad"),
                            HTML.Cell(top.map { "\($0.country.code) \(DisplayNumber.percent($0.share))" } ?? "-")]
                }, numeric: [2])
            }
            out += scenarioPaths(ofSystem: system)
            out += diagramFigure(system)
            out += "</section>\n"
        }
        return out + "</div>\n"
    }

    // MARK: - Stockpile, gaps, provenance

    func stockpile() -> String {
        let table = stockpileTable()
        var out = "<section id=\"stockpile\"><h2>Stockpile</h2>\n<p>Scenario: \(HTML.escape(table.scenario)). "
        out += "Each loss is counted at the stage where supply is lost, so the stock to add adds up along a chain; "
        out += "time to survive: with today's stock; TTR: time to recover; red where the time to survive is shorter.</p>\n"
        out += HTML.table(["system", "time to survive", "first to run short"], table.systemRows, numeric: [1])
        if let cost = table.cost { out += "<p>\(HTML.escape(cost))</p>\n" }
        out += table.rows.isEmpty ? "<p>No stage loses supply.</p>\n" : HTML.table(table.header, table.rows, numeric: table.numeric)
        return out + "</section>\n"
    }

    func dataGaps() -> String {
        let p = report.perimeterName
        var out = "<section id=\"gaps\"><h2>Data gaps</h2>\n"
        let gaps = report.unknownOriginSuppliers, partial = report.partlyAttributedItems, unmapped = report.unmappedItems
        let inferred = report.inferredCountrySuppliers
        if gaps.isEmpty && partial.isEmpty && unmapped.isEmpty && inferred.isEmpty { return out + "<p>None.</p></section>\n" }
        out += "<ul>\n"
        func list(_ names: [String]) -> String { KeyOrder.natural.sorted(names).map(HTML.escape).joined(separator: ", ") }
        if !gaps.isEmpty { out += "<li>Suppliers of unknown origin (counted as outside \(HTML.escape(p))): \(list(gaps))</li>\n" }
        if !partial.isEmpty { out += "<li>Items whose shares leave part of their supply unattributed (counted as unknown origin): \(list(partial))</li>\n" }
        if !unmapped.isEmpty { out += "<li>Unmapped items (no supplier, no inputs; taken as available): \(list(unmapped))</li>\n" }
        if !inferred.isEmpty { out += "<li>Suppliers whose country is inferred from their NCAGE/CAGE code, not given: \(list(inferred))</li>\n" }
        return out + "</ul>\n" + declarationGaps() + "</section>\n"
    }

    /// The suppliers' declarations (RMI templates) per system: coverage, who has declared and
    /// who has not, and the smelters not yet identified. Empty without a coverage.
    func declarationGaps() -> String {
        guard let coverage = report.context.declarationCoverage else { return "" }
        var rows: [[HTML.Cell]] = []
        for system in report.systems {
            let f = coverage.figure(ofSystem: system)
            guard let fraction = f.fraction else { continue }
            let missing = f.expected.filter { !coverage.declarants.contains($0) }
            rows.append([HTML.Cell(graph.itemNames[system]),
                         HTML.Cell("\(f.declared.count) of \(f.expected.count) (\(Int((fraction * 100).rounded())) %)"),
                         HTML.Cell(graph.keys(of: f.declared).joined(separator: ", ")),
                         HTML.Cell(graph.keys(of: missing).joined(separator: ", "))])
        }
        if rows.isEmpty && coverage.declarants.isEmpty { return "" }
        var out = "<h3>Suppliers' declarations</h3>\n<p>Of the suppliers of parts with an input of a metal the RMI templates cover (CMRT, EMRT, AMRT), those whose declaration was read with the map.</p>\n"
        out += rows.isEmpty ? "<p>No system has such a supplier.</p>\n" : HTML.table(["system", "declaration coverage", "declared", "not declared"], rows, numeric: [1])
        let unidentified = coverage.declarations.filter { $0.notYetIdentified > 0 }.map {
            "\(graph.supplierKeys[$0.declarant]): \($0.notYetIdentified) \($0.metal) smelter row\($0.notYetIdentified == 1 ? "" : "s")"
        }
        if !unidentified.isEmpty {
            out += "<p>Smelters not yet identified: \(unidentified.map(HTML.escape).joined(separator: "; ")).</p>\n"
        }
        return out
    }

    func provenance() -> String {
        var out = "<section id=\"provenance\"><h2>Provenance</h2>\n"
        var rows: [[HTML.Cell]] = []
        for k in graph.dataSetNames.indices {
            let asOf = k < graph.dataSetAsOf.count ? graph.dataSetAsOf[k] : ""
            rows.append([HTML.Cell(graph.dataSetNames[k].isEmpty ? "(unnamed)" : graph.dataSetNames[k]), HTML.Cell(asOf.isEmpty ? "not given" : asOf)])
        }
        out += HTML.table(["data set", "as of"], rows)
        out += "<p>Tool: chokepoint \(HTML.escape(report.context.toolVersion)).</p>\n"
        out += HTML.table(["input file", "bytes", "SHA-256"], inputs.map {
            [HTML.Cell($0.path), HTML.Cell(String($0.bytes)), HTML.Cell(html: "<code>\(HTML.escape($0.sha256))</code>")]
        }, numeric: [1])
        return out + "</section>\n"
    }

    /// The page's style: screen and print (A4 landscape, each system on a page of its own).
    static let stylesheet = """
        :root { --bad: #b2182b; --warn: #c66a00; --good: #1b7837; --ink: #1a1a1a; --rule: #d0d0d0; }
        body { font-family: "DejaVu Sans", "Helvetica Neue", Helvetica, Arial, sans-serif; color: var(--ink);
               margin: 2rem auto; max-width: 1280px; padding: 0 1.5rem; line-height: 1.4; }
        h1 { font-size: 1.9rem; margin-bottom: .3rem; } h2 { font-size: 1.45rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; margin-top: 2.2rem; }
        h3 { font-size: 1.1rem; margin-top: 1.3rem; } .id { font-weight: normal; color: #666; font-size: .9rem; }
        .meta, .note, figcaption { color: #555; font-size: .9rem; } nav { font-size: .95rem; margin-top: .5rem; }
        a { color: #2166ac; }
        table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .9rem; }
        th, td { border-bottom: 1px solid var(--rule); padding: .25rem .6rem; text-align: left; vertical-align: top; }
        th { background: #f2f2f2; } td.num, th.num { text-align: right; white-space: nowrap; }
        .bad { color: var(--bad); font-weight: bold; } .warn { color: var(--warn); } .good { color: var(--good); }
        ul.verdicts { font-size: 1.15rem; } ul.verdicts li { margin: .3rem 0; }
        li.bad, li.warn, li.good { font-weight: normal; }
        p.verdict { font-size: 1.15rem; padding: .4rem .7rem; border-left: 6px solid currentColor; background: #fafafa; }
        .route { font-family: "DejaVu Sans Mono", Menlo, monospace; font-size: .85rem; }
        figure { margin: .6rem 0; } figure svg { max-width: 100%; height: auto; display: block; }
        figure.heat svg { width: auto; max-width: 100%; }
        .nodiagram { border: 1px dashed #999; padding: .8rem; color: #555; }
        code { font-size: .8rem; word-break: break-all; }
        @media print {
          @page { size: A4 landscape; margin: 8mm; }
          body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
          nav { display: none; } a { color: inherit; text-decoration: none; }
          section.system { break-before: page; page-break-before: always; }
          #impact, #stockpile, #provenance, #notes { break-before: page; page-break-before: always; }
          figure.heat, p.verdict, tr, figcaption { break-inside: avoid; page-break-inside: avoid; }
          figcaption { break-before: avoid; page-break-before: avoid; }
          figure.heat svg { max-height: 150mm; width: auto; max-width: 100%; }
          figure.diagram { break-before: page; page-break-before: always; break-inside: avoid; page-break-inside: avoid; margin: 0; }
          figure.diagram.none { break-before: auto; page-break-before: auto; }
          figure.diagram svg { width: 281mm; max-width: 100%; height: auto; max-height: 170mm; }
          figure.diagram figcaption { font-size: 8pt; line-height: 1.2; margin-top: 1mm; }
          p.verdict { font-size: 11pt; margin: .3rem 0; } ul.spof { margin: .2rem 0; }
          #stockpile table { font-size: 8.5pt; }
          section.system h3 { margin: .5rem 0 .2rem; } section.system table { margin: .2rem 0 .4rem; }
          h2 { margin-top: 0; }
        }

        """
}
