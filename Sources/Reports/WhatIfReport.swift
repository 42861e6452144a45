import OutputFormats
import GraphExport
import RiskAnalysis
import SupplyGraph

/// The outcome of a what-if scenario in its output forms (the article "The JSON contracts", `whatif`): the verdict per
/// system first, then where the chain breaks and what each item loses.
public struct WhatIfReport: Sendable {
    /// The outcome.
    public let outcome: ScenarioOutcome
    /// The systems considered (all, or the scope system), sorted by id.
    public let systems: [ItemID]
    /// Where the data comes from.
    public let context: ReportContext

    /// A report of `outcome` for `systems`.
    /// - Complexity: O(s log s) for the s systems.
    public init(_ outcome: ScenarioOutcome, systems: [ItemID], context: ReportContext) {
        self.outcome = outcome
        self.systems = outcome.graph.sorted(systems)
        self.context = context
    }

    var graph: SupplyGraph { outcome.graph }

    /// The JSON: `schemaVersion`, the provenance, `scenario` as given, `critical`,
    /// `failedSuppliers`, `systems` (id, available, supplyFraction, supplyFractionRange, state,
    /// and for a fallen system its blockingItems), `blockingItems`, `items` (id, available,
    /// lostShare, supplyFraction, supplyFractionRange).
    /// - Complexity: O(items log items).
    public func json(scenario: ScenarioDescription) -> JSONValue {
        let failing = outcome.disruption.failingSuppliers(in: graph)
        let failed = graph.keys(of: graph.suppliers.filter { failing[$0.index] })
        return .object([("schemaVersion", .number(1))] + context.jsonMembers(for: graph) + [
            ("scenario", scenario.json),
            ("critical", .number(outcome.critical)),
            ("failedSuppliers", .array(failed.map(JSONValue.string))),
            ("systems", .array(systems.map { s in
                var members: [(String, JSONValue)] = [
                    ("id", .string(graph.itemKeys[s])), ("available", .bool(outcome.isAvailable(s))),
                    ("supplyFraction", .number(outcome.supplyFraction(of: s))),
                    ("supplyFractionRange", RangeText.json(outcome.supplyFractionRange(of: s))),
                    ("state", .string(outcome.state(of: s).rawValue)),
                ]
                if !outcome.isAvailable(s) {
                    members.append(("blockingItems", .array(outcome.blockingItems(below: s).map { .string(graph.itemKeys[$0]) })))
                }
                return .object(members)
            })),
            ("blockingItems", .array(outcome.blockingItems.map { .string(graph.itemKeys[$0]) })),
            ("items", .array(graph.sorted(graph.items).map { i in
                .object([("id", .string(graph.itemKeys[i])), ("available", .bool(outcome.isAvailable(i))),
                         ("lostShare", .number(outcome.lostShare(of: i))), ("supplyFraction", .number(outcome.supplyFraction(of: i))),
                         ("supplyFractionRange", RangeText.json(outcome.supplyFractionRange(of: i)))])
            })),
        ])
    }

    /// The CSV columns (documented in `whatif --help`).
    public static let csvColumns = ["id", "kind", "name", "available", "state", "supplyFraction", "lostShare", "blocking",
                                    "supplyFractionLow", "supplyFractionHigh"]

    /// One row per item: `id`, `kind`, `name`, `available`, `state` (unaffected, degraded,
    /// crippled, falls), `supplyFraction` (φ), `lostShare`, `blocking`, and the range of φ
    /// (`supplyFractionLow`, `supplyFractionHigh`).
    /// - Complexity: O(items log items).
    public func csv() -> String {
        var csv = CSVWriter(header: Self.csvColumns)
        for i in graph.sorted(graph.items) {
            csv.append([.text(graph.itemKeys[i]), .text(graph.itemKinds[i].description), .text(graph.itemNames[i]),
                        .text(String(outcome.isAvailable(i))), .text(outcome.state(of: i).rawValue),
                        CSVWriter.number(outcome.supplyFraction(of: i)), CSVWriter.number(outcome.lostShare(of: i)),
                        .text(String(outcome.isBlocking(i))),
                        CSVWriter.number(outcome.supplyFractionRange(of: i).lowerBound),
                        CSVWriter.number(outcome.supplyFractionRange(of: i).upperBound)])
        }
        return csv.text
    }

    /// The outcome for people: the verdict per system, then the items that lose supply, most
    /// affected first (cut to `top` rows unless `all`).
    /// - Parameters:
    ///   - scenario: the scenario, in words for the title.
    ///   - markdown: Markdown instead of a terminal table.
    ///   - color: ANSI colours (terminal only).
    ///   - all: every row instead of the first `top`.
    ///   - top: how many rows to list.
    /// - Complexity: O(items log items).
    public func text(scenario: ScenarioDescription, markdown: Bool, color: Bool, all: Bool, top: Int = 40) -> String {
        var out = TextDocument(markdown: markdown, color: color)
        out.title("What if: \(scenario.summary)")
        let failed = outcome.disruption.failingSuppliers(in: graph).reduce(0) { $1 ? $0 + 1 : $0 }
        var verdict = "Verdict: "
        verdict += systems.isEmpty ? "no systems in the data"
            : VerdictLine.counts(systems.map { outcome.state(of: $0) }, critical: outcome.critical)
        verdict += " (\(failed) of \(DisplayNumber.count(graph.supplierCount, "supplier")) \(failed == 1 ? "fails" : "fail"))."
        out.line(verdict)

        out.heading("Systems")
        if systems.isEmpty {
            out.line("No systems.")
        } else {
            var table = TextTable(header: ["system", "state", "supply", "blocked by"], rightAligned: [2])
            let ranked = systems.sorted {
                let a = outcome.supplyFraction(of: $0), b = outcome.supplyFraction(of: $1)
                let fa = outcome.state(of: $0) == .falls, fb = outcome.state(of: $1) == .falls
                if fa != fb { return fa }
                if a != b { return a < b }
                return KeyOrder.natural.precedes(graph.itemKeys[$0], graph.itemKeys[$1])
            }
            for s in ranked {
                let state = outcome.state(of: s)
                let tone = state.tone.table
                let blocking = graph.keys(of: outcome.blockingItems(below: s), by: .natural)
                table.append([TextTable.Cell(graph.itemKeys[s]), TextTable.Cell(state.rawValue, tone),
                              TextTable.Cell(RangeText.percent(outcome.supplyFraction(of: s), outcome.supplyFractionRange(of: s)), tone),
                              TextTable.Cell(blocking.joined(separator: ", "))])
            }
            out.table(table)
            out.line("(supply: the share of normal production that can go on, each short input rationed in proportion among its buyers; crippled: below \(DisplayNumber.percent(outcome.critical)).)")
            if systems.contains(where: { SupplyFractionRange.isShownAsRange(outcome.supplyFractionRange(of: $0)) }) {
                out.line("(a range such as 0–35 %: from unknown origin and unattributed supply failing too, to both kept — the data cannot say where that supply comes from.)")
            }
        }

        let touched = graph.items.filter { all || outcome.isTouched($0) }.sorted {
            let a = outcome.supplyFraction(of: $0), b = outcome.supplyFraction(of: $1)
            if a != b { return a < b }
            return KeyOrder.natural.precedes(graph.itemKeys[$0], graph.itemKeys[$1])
        }
        out.heading(all ? "Items" : "Items that lose supply")
        if touched.isEmpty { out.line("None."); return out.text }
        var items = TextTable(header: ["item", "kind", "available", "supply", "lost at its own stage", "blocking"], rightAligned: [3, 4])
        let shown = all ? touched[...] : touched.prefix(top)
        for i in shown {
            let lost = outcome.ownLoss(of: i)
            let ok = outcome.isAvailable(i)
            items.append([TextTable.Cell(graph.itemKeys[i]), TextTable.Cell(graph.itemKinds[i].description),
                          TextTable.Cell(ok ? "yes" : "no", ok ? .plain : .bad),
                          TextTable.Cell(RangeText.percent(outcome.supplyFraction(of: i), outcome.supplyFractionRange(of: i))),
                          TextTable.Cell(DisplayNumber.percent(lost), lost > 0 ? .warn : .plain),
                          TextTable.Cell(outcome.isBlocking(i) ? "blocking" : "")])
        }
        out.table(items)
        out.line("(supply: the share of the item's normal supply that still arrives; lost at its own stage: the share of its suppliers that fail, whatever happens below.)")
        if shown.count < touched.count {
            out.line("(\(touched.count - shown.count) more: --all, or --format csv|json for every item)")
        }
        return out.text
    }
}
