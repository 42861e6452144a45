import OutputFormats
import GraphExport
import RiskAnalysis
import SupplyGraph

/// The impact sweep in its output forms (the article "The JSON contracts", `impact`): a ranked table, the JSON
/// contract, and the key × system matrix as CSV.
public struct ImpactReport: Sendable {
    /// The sweep.
    public let sweep: ImpactSweep
    /// The graph.
    public let graph: SupplyGraph
    /// Where the data comes from.
    public let context: ReportContext

    /// A report of `sweep`.
    /// - Complexity: O(1).
    public init(_ sweep: ImpactSweep, graph: SupplyGraph, context: ReportContext) {
        self.sweep = sweep
        self.graph = graph
        self.context = context
    }

    /// The key as written in the outputs: a country code or a supplier id.
    /// - Complexity: O(1).
    public func key(_ entry: ImpactSweep.Entry) -> String {
        switch entry.key {
        case .country(let c): c.code
        case .supplier(let s): graph.supplierKeys[s]
        }
    }

    /// A readable name: the country's name, or the supplier's name and country.
    /// - Complexity: O(1).
    public func name(_ entry: ImpactSweep.Entry) -> String {
        switch entry.key {
        case .country(let c): c.name
        case .supplier(let s): (graph.supplierIsAggregate[s] ? "country aggregate " : "") + "\(graph.supplierNames[s]) (\(graph.supplierCountries[s].code))"
        }
    }

    /// `{"schemaVersion":1, ..., "by", "byControl", "ranking":[{"key","score","systems":{id: impact}}]}`.
    /// - Complexity: O(ranking · systems).
    public func json(scenario: ScenarioDescription) -> JSONValue {
        .object([("schemaVersion", .number(1))] + context.jsonMembers(for: graph) + [
            ("by", .string(sweep.sweep.rawValue)),
            ("byControl", .bool(sweep.byControl)),
            ("home", sweep.leftOutHome.map { .string($0.code) } ?? .null),
            ("leftOutAggregates", .number(Double(sweep.leftOutAggregates))),
            ("scenario", scenario.json),
            ("systems", .array(graph.keys(of: sweep.systems).map(JSONValue.string))),
            ("ranking", .array(sweep.ranking.map { entry in
                .object([
                    ("key", .string(key(entry))),
                    ("name", .string(name(entry))),
                    ("score", .number(entry.score)),
                    ("systems", .object(entry.impacts.map { (graph.itemKeys[$0.system], .number($0.impact)) })),
                ])
            })),
        ])
    }

    /// The key × system matrix: one row per key in ranking order (`key`, `name`, `score`, then
    /// the impact on each system, 0 where there is none), one column per system sorted by id.
    /// - Complexity: O(ranking · systems).
    public func csv() -> String {
        let systems = graph.sorted(sweep.systems)
        var column = [ItemID: Int]()
        for (k, s) in systems.enumerated() { column[s] = k }
        var csv = CSVWriter(header: ["key", "name", "score"] + systems.map { graph.itemKeys[$0] })
        for entry in sweep.ranking {
            var cells = [CSVField](repeating: .number(0), count: systems.count)
            for (system, impact) in entry.impacts { if let k = column[system] { cells[k] = CSVWriter.number(impact) } }
            csv.append([.text(key(entry)), .text(name(entry)), CSVWriter.number(entry.score)] + cells)
        }
        return csv.text
    }

    /// The ranking for people: rank, key, score, and the systems hit hardest.
    /// - Parameters:
    ///   - scenario: the embargo (`--items`), in words for the title.
    ///   - markdown: Markdown instead of a terminal table.
    ///   - color: ANSI colours (terminal only).
    ///   - all: every row instead of the first `top`.
    ///   - top: how many rows to list.
    /// - Complexity: O(ranking shown · systems).
    public func text(scenario: ScenarioDescription, markdown: Bool, color: Bool, top: Int, all: Bool) -> String {
        var out = TextDocument(markdown: markdown, color: color)
        let what = sweep.sweep == .country ? "country" : "supplier"
        let summary = scenario.summary
        out.title("Impact: each \(what) cut off in turn\(summary.isEmpty ? "" : " (\(summary))")")
        let weighted = sweep.systems.contains { graph.itemWeight[$0] != 1 }
        out.line("Score: the sum over the systems of " + (weighted ? "weight × " : "")
                 + "(1 − supply fraction) when "
                 + (sweep.sweep == .country ? "every supplier in the country fails" : "the supplier fails")
                 + (sweep.byControl ? ", or is controlled from it" : "") + "; 1 = one system stopped entirely.")
        if let home = sweep.leftOutHome {
            out.line("Home country \(home.code) is left out of the ranking (--home, or the data's home).")
        }
        if sweep.leftOutAggregates > 0 {
            out.line("Firms only: \(DisplayNumber.count(sweep.leftOutAggregates, "country aggregate")) (statistics rows such as \"Rare-earth mining, China\") left out; --include-aggregates ranks them too.")
        }
        if sweep.ranking.isEmpty { out.line("No \(what) cut off alone reduces the supply of any system."); return out.text }
        var table = TextTable(header: ["#", what, "score", "systems hit (supply lost)"], rightAligned: [0, 2])
        let shown = all ? sweep.ranking[...] : sweep.ranking.prefix(top)
        for (k, entry) in shown.enumerated() {
            let hits = entry.impacts.sorted { $0.impact != $1.impact ? $0.impact > $1.impact
                : KeyOrder.natural.precedes(graph.itemKeys[$0.system], graph.itemKeys[$1.system]) }
            let listed = hits.prefix(all ? hits.count : 6).map { "\(graph.itemKeys[$0.system]) \(DisplayNumber.percent($0.impact))" }
            let more = hits.count > listed.count ? ", +\(hits.count - listed.count) more" : ""
            let tone: TextTable.Tone = hits.contains { Tolerance.reaches($0.impact, 1) } ? .bad : .warn
            table.append([TextTable.Cell("\(k + 1)"), TextTable.Cell("\(key(entry)) — \(name(entry))", tone),
                          TextTable.Cell(DisplayNumber.human(entry.score)), TextTable.Cell(listed.joined(separator: ", ") + more)])
        }
        out.table(table)
        if shown.count < sweep.ranking.count {
            out.line("(\(sweep.ranking.count - shown.count) more: --top N, --all, or --format csv|json)")
        }
        return out.text
    }
}
