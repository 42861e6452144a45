import OutputFormats
import RiskAnalysis
import SupplyGraph

/// A ``Screening`` in its output forms (`chokepoint screen`): who is sanctioned and why, the
/// possible matches for review, then the items and systems that depend on sanctioned suppliers.
public struct ScreeningReport: Sendable {
    /// The screening.
    public let screening: Screening
    /// The graph screened.
    public let graph: SupplyGraph

    /// A report of `screening` of `graph`.
    /// - Complexity: O(1).
    public init(_ screening: Screening, graph: SupplyGraph) {
        self.screening = screening
        self.graph = graph
    }

    private func kind(_ party: Party) -> String {
        if case .supplier = party { return "supplier" }
        return "entity"
    }

    /// The JSON: `schemaVersion`, `lists` (file, generationDate, entities), `sanctioned` (id,
    /// kind, how, listReference, matchedName, path), `possible` (id, name, listName,
    /// listReference, similarity), `items` (id, sanctionedShare), `systems` (id,
    /// sanctionedSuppliers, supplyFractionWithout).
    /// - Complexity: O(findings + path lengths).
    public func json() -> JSONValue {
        .object([
            ("schemaVersion", .number(1)),
            ("lists", .array(screening.lists.map { list in
                .object([("file", .string(list.file)), ("generationDate", list.generationDate.map(JSONValue.string) ?? .null),
                         ("entities", .number(Double(list.entities)))])
            })),
            ("sanctioned", .array(screening.sanctioned.map { e in
                .object([("id", .string(graph.key(of: e.party))), ("kind", .string(kind(e.party))), ("how", .string(e.how.rawValue)),
                         ("listReference", .string(e.listReference)), ("matchedName", .string(e.matchedName)),
                         ("path", .array(e.path.map { .string(graph.key(of: $0)) }))])
            })),
            ("possible", .array(screening.possible.map { p in
                .object([("id", .string(graph.key(of: p.party))), ("name", .string(graph.name(of: p.party))),
                         ("listName", .string(p.listName)), ("listReference", .string(p.listReference)),
                         ("similarity", .number(p.similarity))])
            })),
            ("items", .array(screening.items.map { i in
                .object([("id", .string(graph.itemKeys[i.item])), ("sanctionedShare", .number(i.sanctionedShare))])
            })),
            ("systems", .array(screening.systems.map { s in
                .object([("id", .string(graph.itemKeys[s.system])),
                         ("sanctionedSuppliers", .array(s.sanctionedSuppliers.map { .string(graph.supplierKeys[$0]) })),
                         ("supplyFractionWithout", .number(s.supplyFractionWithout))])
            })),
        ])
    }

    /// The CSV columns: one row per finding, its `section` first (sanctioned, possible, item,
    /// system).
    public static let csvColumns = ["section", "id", "kind", "how", "listReference", "matchedName", "path",
                                    "similarity", "sanctionedShare", "sanctionedSuppliers", "supplyFractionWithout"]

    /// One row per finding: the sanctioned parties, the possible matches, the items, the systems.
    /// - Complexity: O(findings).
    public func csv() -> String {
        var csv = CSVWriter(header: Self.csvColumns)
        for e in screening.sanctioned {
            csv.append(["sanctioned", .text(graph.key(of: e.party)), .text(kind(e.party)), .text(e.how.rawValue), .text(e.listReference), .text(e.matchedName),
                        .text(e.path.map { graph.key(of: $0) }.joined(separator: " ")), "", "", "", ""])
        }
        for p in screening.possible {
            csv.append(["possible", .text(graph.key(of: p.party)), .text(kind(p.party)), "", .text(p.listReference), .text(p.listName), "",
                        CSVWriter.number(p.similarity), "", "", ""])
        }
        for i in screening.items {
            csv.append(["item", .text(graph.itemKeys[i.item]), .text(graph.itemKinds[i.item].description), "", "", "", "", "",
                        CSVWriter.number(i.sanctionedShare), "", ""])
        }
        for s in screening.systems {
            csv.append(["system", .text(graph.itemKeys[s.system]), "system", "", "", "", "", "", "",
                        .text(s.sanctionedSuppliers.map { graph.supplierKeys[$0] }.joined(separator: " ")),
                        CSVWriter.number(s.supplyFractionWithout)])
        }
        return csv.text
    }

    /// Why, in words: `how` and the path, such as "owned 60 % by fict-holding, listed by name".
    func reason(_ e: Screening.Evidence) -> String {
        var steps: [String] = []
        for (k, party) in e.path.enumerated().dropLast() {
            let next = e.path[k + 1]
            let how = screening.sanctioned.first { $0.party == party }?.how
            if how == .ownership {
                let owners = graph.ownership.owners(of: party).filter { link in screening.sanctioned.contains { $0.party == link.by } }
                let sum = owners.reduce(0) { $0 + ($1.share ?? 0) }
                let largest = owners.first { $0.by == next }?.share ?? 0
                steps.append(owners.count > 1
                    ? "sanctioned owners hold \(DisplayPercent.format(sum)) (the largest, \(graph.key(of: next)), \(DisplayPercent.format(largest)))"
                    : "owned \(DisplayPercent.format(sum)) by \(graph.key(of: next))")
            } else {
                steps.append("controlled by \(graph.key(of: next))")
            }
        }
        let end = e.path.last.map { graph.key(of: $0) } ?? ""
        let listed: String
        switch screening.sanctioned.first(where: { $0.party == e.path.last })?.how {
        case .identifier?: listed = "\(end) listed by identifier \(e.matchedName)"
        default: listed = "\(end) listed by name '\(e.matchedName)'"
        }
        return (steps + [listed]).joined(separator: ", ")
    }

    /// The screening for people: the lists, the sanctioned parties with why and the path, the
    /// possible matches, then items and systems.
    /// - Parameters:
    ///   - markdown: Markdown instead of a terminal table.
    ///   - color: ANSI colours (terminal only).
    /// - Complexity: O(findings + path lengths).
    public func text(markdown: Bool, color: Bool) -> String {
        var out = TextDocument(markdown: markdown, color: color)
        let suppliers = screening.sanctioned.filter { if case .supplier = $0.party { return true }; return false }.count
        out.title("Screening: \(screening.sanctioned.count) sanctioned (\(suppliers) supplier\(suppliers == 1 ? "" : "s")), \(screening.possible.count) possible match\(screening.possible.count == 1 ? "" : "es")")
        out.list(screening.lists.map { "List \($0.file): \($0.entities) entries" + ($0.generationDate.map { ", generated \($0)" } ?? "") })

        out.heading("Sanctioned")
        if screening.sanctioned.isEmpty {
            out.line("No party is sanctioned.")
        } else {
            var table = TextTable(header: ["party", "kind", "how", "list ref", "why", "path"])
            for e in screening.sanctioned {
                table.append([TextTable.Cell(graph.key(of: e.party), .bad), TextTable.Cell(kind(e.party)), TextTable.Cell(e.how.rawValue),
                              TextTable.Cell(e.listReference), TextTable.Cell(reason(e)),
                              TextTable.Cell(e.path.map { graph.key(of: $0) }.joined(separator: " -> "))])
            }
            out.table(table)
        }

        out.heading("Possible matches (for review, not counted)")
        if screening.possible.isEmpty {
            out.line("None at a similarity of \(DisplayPercent.format(Screening.possibleMatchThreshold)) or more.")
        } else {
            var table = TextTable(header: ["party", "name", "list name", "list ref", "similarity"], rightAligned: [4])
            for p in screening.possible {
                table.append([TextTable.Cell(graph.key(of: p.party), .warn), TextTable.Cell(graph.name(of: p.party)), TextTable.Cell(p.listName),
                              TextTable.Cell(p.listReference), TextTable.Cell(DisplayPercent.format(p.similarity))])
            }
            out.table(table)
        }

        out.heading("Items supplied by sanctioned suppliers")
        if screening.items.isEmpty {
            out.line("None.")
        } else {
            var table = TextTable(header: ["item", "kind", "sanctioned share"], rightAligned: [2])
            for i in screening.items {
                table.append([TextTable.Cell(graph.itemKeys[i.item]), TextTable.Cell(graph.itemKinds[i.item].description),
                              TextTable.Cell(DisplayPercent.format(i.sanctionedShare))])
            }
            out.table(table)
        }

        out.heading("Systems")
        if screening.systems.isEmpty {
            out.line("No system has a sanctioned supplier in its bill of materials.")
        } else {
            var table = TextTable(header: ["system", "sanctioned suppliers", "supply without them"], rightAligned: [2])
            for s in screening.systems {
                table.append([TextTable.Cell(graph.itemKeys[s.system]),
                              TextTable.Cell(s.sanctionedSuppliers.map { graph.supplierKeys[$0] }.joined(separator: ", ")),
                              TextTable.Cell(DisplayPercent.format(s.supplyFractionWithout), s.supplyFractionWithout < 1 - 1e-9 ? .warn : .plain)])
            }
            out.table(table)
        }
        return out.text
    }
}

/// A fraction as a person reads it: `60 %`, `12.5 %`, `0.07 %`.
enum DisplayPercent {
    static func format(_ x: Double) -> String {
        let percent = x * 100
        let tenths = (percent * 10).rounded() / 10
        if tenths == tenths.rounded() && (tenths != 0 || percent == 0) { return "\(Int(tenths)) %" }
        if tenths != 0 { return "\(tenths) %" }
        return "\((percent * 100).rounded() / 100) %"
    }
}
