import OutputFormats
import GraphExport
import RiskAnalysis
import SupplyGraph

/// A `MapDiff` in its output forms (`diff`; the article "The briefing and the diff"): the JSON contract, and a
/// table or Markdown for people — the new risks first, then what was resolved, then what moved.
public struct MapDiffReport: Sendable {
    /// The differences.
    public let diff: MapDiff
    /// The old map's graph (for its name and date).
    public let oldGraph: SupplyGraph
    /// The new map's graph.
    public let newGraph: SupplyGraph
    /// Where the old figures come from.
    public let oldContext: ReportContext
    /// Where the new figures come from.
    public let newContext: ReportContext

    /// A report of `diff`.
    /// - Complexity: O(1).
    public init(_ diff: MapDiff, old: SupplyGraph, new: SupplyGraph, oldContext: ReportContext, newContext: ReportContext) {
        self.diff = diff
        self.oldGraph = old
        self.newGraph = new
        self.oldContext = oldContext
        self.newContext = newContext
    }

    /// A single point of failure as a JSON object: `{"system", "supplier"}` or `{"system", "country"}`.
    static func json(_ point: MapDiff.SinglePoint) -> JSONValue {
        var members: [(String, JSONValue)] = [("system", .string(point.system))]
        if let supplier = point.supplier { members.append(("supplier", .string(supplier))) }
        if let country = point.country { members.append(("country", .string(country))) }
        return .object(members)
    }

    /// The JSON contract: `schemaVersion`, `tool`, `old` and `new` (data set and inputs),
    /// `threshold`, then every list of the contract (sorted), plus `supplyFractionShifts`
    /// (`system`, `old`, `new`: the EU-only supply fraction).
    /// - Complexity: O(size of the diff).
    public func json() -> JSONValue {
        func strings(_ ids: [String]) -> JSONValue { .array(ids.map(JSONValue.string)) }
        func side(_ context: ReportContext, _ graph: SupplyGraph) -> JSONValue {
            .object(context.jsonMembers(for: graph).filter { $0.0 != "tool" })
        }
        let tool = oldContext.jsonMembers(for: oldGraph).first { $0.0 == "tool" }.map { [$0] } ?? []
        return .object([("schemaVersion", .number(1))] + tool + [
            ("old", side(oldContext, oldGraph)),
            ("new", side(newContext, newGraph)),
            ("threshold", .number(diff.threshold)),
            ("newSingleSources", strings(diff.newSingleSources)),
            ("resolvedSingleSources", strings(diff.resolvedSingleSources)),
            ("newSinglePointsOfFailure", .array(diff.newSinglePointsOfFailure.map(Self.json))),
            ("resolvedSinglePointsOfFailure", .array(diff.resolvedSinglePointsOfFailure.map(Self.json))),
            ("lostEUBuildable", strings(diff.lostEUBuildable)),
            ("gainedEUBuildable", strings(diff.gainedEUBuildable)),
            ("newlyCrippled", strings(diff.newlyCrippled)),
            ("supplyFractionShifts", .array(diff.supplyFractionShifts.map {
                .object([("system", .string($0.system)), ("old", .number($0.old)), ("new", .number($0.new))])
            })),
            ("addedItems", strings(diff.addedItems)),
            ("removedItems", strings(diff.removedItems)),
            ("addedSuppliers", strings(diff.addedSuppliers)),
            ("removedSuppliers", strings(diff.removedSuppliers)),
            ("shareShifts", .array(diff.shareShifts.map {
                .object([("item", .string($0.item)), ("country", .string($0.country.code)), ("old", .number($0.old)), ("new", .number($0.new))])
            })),
        ] + (diff.newlySanctioned.map { [("newlySanctioned", strings($0))] } ?? []))
    }

    /// The warning that the new drop lost data, first: without it, a drop that lost its BOM
    /// reads as good news.
    func writeDataLoss(to out: inout TextDocument) {
        let loss = diff.dataLoss
        guard !loss.isEmpty else { return }
        var lines: [String] = []
        if !loss.newlyWithoutBOM.isEmpty {
            let all = loss.newlyWithoutBOM.count == loss.systemsWithoutBOM.count && loss.bomLines.new == 0
            lines.append("\(DisplayNumber.count(loss.newlyWithoutBOM.count, "system")) had BOM lines and now have none"
                         + (all ? " (the new map has no BOM line at all)" : "") + ": " + capped(loss.newlyWithoutBOM, limit: 10))
        }
        if loss.lostMostBOMLines {
            lines.append("BOM lines: \(loss.bomLines.old) → \(loss.bomLines.new) (more than half lost)")
        }
        if loss.lostMostSupplyLines {
            lines.append("supply lines: \(loss.supplyLines.old) → \(loss.supplyLines.new) (more than half lost)")
        }
        out.heading("WARNING: the new drop lost data")
        out.line("What follows compares against a map that is missing most of its data: risks listed as resolved and buildability gained may be nothing but the lost lines. Check the new drop before reading on.")
        out.list(lines)
    }

    /// The diff for people, as a terminal page or Markdown.
    /// - Parameters:
    ///   - markdown: Markdown instead of a terminal page.
    ///   - color: ANSI colours (terminal only).
    ///   - perimeter: the perimeter's name for the headings (`EU`, `EU + NATO`); by default the
    ///     diff's own (``MapDiff/perimeter``).
    /// - Complexity: O(size of the diff).
    public func text(markdown: Bool, color: Bool, perimeter: String? = nil) -> String {
        let perimeter = perimeter ?? diff.perimeter.label
        var out = TextDocument(markdown: markdown, color: color)
        out.title("Diff: \(ReportContext.title(of: oldGraph)) → \(ReportContext.title(of: newGraph))")
        out.line("Old: \(oldContext.inputFiles.joined(separator: ", ")). New: \(newContext.inputFiles.joined(separator: ", ")). "
                 + "Shares and supply fractions listed when they moved by more than \(DisplayNumber.percent(diff.threshold).dropLast(2)) percentage points.")
        if diff.isEmpty {
            out.line("No change: the same items, suppliers, shares and findings.")
            return out.text
        }
        func point(_ p: MapDiff.SinglePoint) -> String {
            p.supplier.map { "supplier \($0)" } ?? "country \(p.country ?? "")"
        }
        func section(_ title: String, _ lines: [String]) {
            guard !lines.isEmpty else { return }
            out.heading(title)
            out.list(lines)
        }
        writeDataLoss(to: &out)
        section("New single sources", diff.newSingleSources)
        section("New single points of failure", diff.newSinglePointsOfFailure.map { "\($0.system): \(point($0))" })
        section("Lost buildability on \(perimeter) supply", diff.lostEUBuildable)
        section("Newly falling or crippled on \(perimeter) supply alone", diff.newlyCrippled)
        section("Resolved single sources", diff.resolvedSingleSources)
        section("Resolved single points of failure", diff.resolvedSinglePointsOfFailure.map { "\($0.system): \(point($0))" })
        section("Gained buildability on \(perimeter) supply", diff.gainedEUBuildable)
        if !diff.supplyFractionShifts.isEmpty {
            out.heading("Supply on \(perimeter) alone")
            var table = TextTable(header: ["system", "old", "new", "change"], rightAligned: [1, 2, 3])
            for s in diff.supplyFractionShifts {
                table.append([TextTable.Cell(s.system), TextTable.Cell(DisplayNumber.percent(s.old)), TextTable.Cell(DisplayNumber.percent(s.new)),
                              TextTable.Cell(Self.points(s.new - s.old), s.new < s.old ? .bad : .good)])
            }
            out.table(table)
        }
        if !diff.shareShifts.isEmpty {
            out.heading("Country shares moved")
            var table = TextTable(header: ["item", "country", "old", "new", "change"], rightAligned: [2, 3, 4])
            for s in diff.shareShifts {
                table.append([TextTable.Cell(s.item), TextTable.Cell(s.country.code), TextTable.Cell(DisplayNumber.percent(s.old)),
                              TextTable.Cell(DisplayNumber.percent(s.new)), TextTable.Cell(Self.points(s.new - s.old), s.movesOutward ? .warn : .plain)])
            }
            out.table(table)
        }
        section("Added items", diff.addedItems)
        section("Removed items", diff.removedItems)
        section("Added suppliers", diff.addedSuppliers)
        section("Removed suppliers", diff.removedSuppliers)
        return out.text
    }

    /// A change of a share in percentage points: `+12.3 pt`, `−5 pt`.
    static func points(_ delta: Double) -> String {
        let percent = DisplayNumber.percent(abs(delta))
        return (delta < 0 ? "−" : "+") + percent.dropLast(2) + " pt"
    }
}
