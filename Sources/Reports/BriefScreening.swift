import RiskAnalysis
import SupplyGraph

extension Briefing {
    /// The screening page (with `--sanctions`): who is sanctioned, how and by which ownership
    /// path, the possible matches for review, the items and systems that depend on them.
    func screeningPage(_ screening: Screening) -> String {
        let report = ScreeningReport(screening, graph: graph)
        var out = "<section id=\"screening\"><h2>Owners and sanctions</h2>\n"
        let lists = screening.lists.map { "\($0.file) (\($0.entities) entries\($0.generationDate.map { ", generated \($0)" } ?? ""))" }
        out += "<p>Screened against \(HTML.escape(lists.joined(separator: "; "))). A party is sanctioned when listed (by an identifier or "
        out += "its normalised name; no transliteration), when its sanctioned owners hold 50 % or more in sum, or when a sanctioned owner "
        out += "controls it, up the ownership chain.</p>\n"
        if screening.sanctioned.isEmpty {
            out += "<p>No supplier or owner is sanctioned.</p>\n"
        } else {
            let rows = screening.sanctioned.map { e -> [HTML.Cell] in
                let kind: String = if case .supplier = e.party { "supplier" } else { "entity" }
                return [HTML.Cell(graph.key(of: e.party), kind == "supplier" ? "bad" : nil), HTML.Cell(kind), HTML.Cell(e.how.rawValue),
                        HTML.Cell(e.listReference), HTML.Cell(report.reason(e)),
                        HTML.Cell(e.path.map { graph.key(of: $0) }.joined(separator: " → "))]
            }
            out += HTML.table(["party", "kind", "how", "list ref", "why", "path"], rows, caption: "Sanctioned")
        }
        if !screening.possible.isEmpty {
            let rows = screening.possible.map { p -> [HTML.Cell] in
                [HTML.Cell(graph.key(of: p.party), "warn"), HTML.Cell(graph.name(of: p.party)), HTML.Cell(p.listName),
                 HTML.Cell(p.listReference), HTML.Cell(DisplayPercent.format(p.similarity))]
            }
            out += HTML.table(["party", "name", "list name", "list ref", "similarity"], rows, numeric: [4],
                              caption: "Possible matches (for review, never counted)")
        }
        if !screening.systems.isEmpty {
            let rows = screening.systems.map { s -> [HTML.Cell] in
                [HTML.Cell(html: systemLink(s.system)), HTML.Cell(s.sanctionedSuppliers.map { graph.supplierKeys[$0] }.joined(separator: ", ")),
                 HTML.Cell(DisplayPercent.format(s.supplyFractionWithout), s.supplyFractionWithout < 1 - 1e-9 ? "warn" : nil)]
            }
            out += HTML.table(["system", "sanctioned suppliers", "supply without them"], rows, numeric: [2], caption: "Systems")
        }
        return out + "</section>\n"
    }
}
