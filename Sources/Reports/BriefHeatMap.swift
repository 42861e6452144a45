import GraphExport
import RiskAnalysis
import SupplyGraph

/// The country × system impact matrix of an `ImpactSweep` as an inline SVG heat
/// map: one row per country (the ranking's order, cut to `rows`), one column per system, each
/// cell coloured by the impact `1 − φ` on a sequential scale from white (0) through yellow and
/// orange to dark red (1), with the value written in it, and a legend bar of the scale.
struct BriefHeatMap {
    let sweep: ImpactSweep
    let graph: SupplyGraph
    /// How many countries (rows) to draw at most.
    let rows: Int

    /// The colour scale: stops at 0, 0.25, 0.5, 0.75 and 1 (ColorBrewer YlOrRd, with white at 0).
    static let stops: [(at: Double, rgb: (Double, Double, Double))] = [
        (0, (255, 255, 255)), (0.25, (254, 217, 118)), (0.5, (253, 141, 60)), (0.75, (227, 26, 28)), (1, (128, 0, 38)),
    ]

    /// The colour of an impact in 0...1, as `#rrggbb`, interpolated linearly between the stops.
    /// - Complexity: O(1).
    static func colour(_ impact: Double) -> String {
        let x = min(1, max(0, impact.isFinite ? impact : 0))
        var k = 0
        while k < stops.count - 2 && x > stops[k + 1].at { k += 1 }
        let (a, b) = (stops[k], stops[k + 1])
        let t = (x - a.at) / (b.at - a.at)
        func channel(_ u: Double, _ v: Double) -> String {
            let n = Int((u + (v - u) * t).rounded())
            let hex = String(n, radix: 16)
            return hex.count < 2 ? "0" + hex : hex
        }
        return "#" + channel(a.rgb.0, b.rgb.0) + channel(a.rgb.1, b.rgb.1) + channel(a.rgb.2, b.rgb.2)
    }

    /// Whether text on a cell of this impact should be white (dark cells).
    static func darkCell(_ impact: Double) -> Bool { impact >= 0.6 }

    /// The SVG element.
    /// - Complexity: O(rows · systems).
    func svg() -> String {
        let systems = graph.sorted(sweep.systems, by: .natural)
        let entries = Array(sweep.ranking.prefix(rows))
        let cell = 44.0, rowHeight = 22.0
        let labelWidth = 170.0, scoreWidth = 52.0
        let headerHeight = 120.0
        // Wide enough for the cells, the legend bar with its last tick's label (half of
        // "100 %" past the bar's end), and the last column's turned header (cos 60° of its
        // length at about 6.2 px a character).
        let barX = labelWidth + scoreWidth, barWidth = max(160, min(320, cell * Double(systems.count)))
        let lastHeader = systems.last.map { labelWidth + scoreWidth + cell * (Double(systems.count) - 0.5) + 4 + 0.5 * 6.2 * Double(graph.itemKeys[$0].count) } ?? 0
        let width = max(labelWidth + scoreWidth + cell * Double(max(1, systems.count)), barX + barWidth + 16, lastHeader) + 20
        let legendHeight = 56.0
        let height = headerHeight + rowHeight * Double(entries.count) + legendHeight
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"heatmap\" role=\"img\" aria-label=\"Impact of each country's cut-off on each system\" "
        out += "viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" font-family=\"sans-serif\" font-size=\"11\">\n"
        // Column headers, turned 60°.
        for (k, system) in systems.enumerated() {
            let x = labelWidth + scoreWidth + cell * (Double(k) + 0.5)
            out += "<text transform=\"translate(\(n(x + 4)),\(n(headerHeight - 6))) rotate(-60)\" class=\"col\">\(HTML.escape(graph.itemKeys[system]))</text>\n"
        }
        out += "<text x=\"\(n(labelWidth + scoreWidth - 6))\" y=\"\(n(headerHeight - 6))\" text-anchor=\"end\" font-weight=\"bold\">score</text>\n"
        var column = [ItemID: Int]()
        for (k, s) in systems.enumerated() { column[s] = k }
        for (r, entry) in entries.enumerated() {
            let y = headerHeight + rowHeight * Double(r)
            let name: String
            switch entry.key {
            case .country(let c): name = "\(c.code) — \(c.name)"
            case .supplier(let s): name = graph.supplierKeys[s]
            }
            out += "<text x=\"4\" y=\"\(n(y + 15))\">\(HTML.escape(name))</text>\n"
            out += "<text x=\"\(n(labelWidth + scoreWidth - 6))\" y=\"\(n(y + 15))\" text-anchor=\"end\">\(HTML.escape(DisplayNumber.human((entry.score * 100).rounded() / 100)))</text>\n"
            var impacts = [Double](repeating: 0, count: systems.count)
            for (system, impact) in entry.impacts { if let k = column[system] { impacts[k] = impact } }
            for (k, impact) in impacts.enumerated() {
                let x = labelWidth + scoreWidth + cell * Double(k)
                let systemKey = graph.itemKeys[systems[k].index]
                out += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(cell - 2))\" height=\"\(n(rowHeight - 2))\" fill=\"\(Self.colour(impact))\" stroke=\"#dddddd\">"
                out += "<title>\(HTML.escape("\(name) cut off: \(systemKey) loses \(DisplayNumber.percent(impact)) of its supply"))</title></rect>\n"
                if impact >= 0.005 {
                    out += "<text x=\"\(n(x + (cell - 2) / 2))\" y=\"\(n(y + 15))\" text-anchor=\"middle\" font-size=\"10\"\(Self.darkCell(impact) ? " fill=\"#ffffff\"" : "")>"
                    out += "\(HTML.escape(Self.shortPercent(impact)))</text>\n"
                }
            }
        }
        // The legend: the scale as a gradient bar with ticks.
        let legendY = headerHeight + rowHeight * Double(entries.count) + 14
        out += "<defs><linearGradient id=\"heat-scale\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">"
        for stop in Self.stops {
            out += "<stop offset=\"\(n(stop.at))\" stop-color=\"\(Self.colour(stop.at))\"/>"
        }
        out += "</linearGradient></defs>\n"
        out += "<text x=\"4\" y=\"\(n(legendY + 11))\">supply lost (1 − φ)</text>\n"
        out += "<rect x=\"\(n(barX))\" y=\"\(n(legendY))\" width=\"\(n(barWidth))\" height=\"14\" fill=\"url(#heat-scale)\" stroke=\"#999999\"/>\n"
        for tick in [0.0, 0.25, 0.5, 0.75, 1] {
            let x = barX + barWidth * tick
            out += "<line x1=\"\(n(x))\" x2=\"\(n(x))\" y1=\"\(n(legendY + 14))\" y2=\"\(n(legendY + 19))\" stroke=\"#555555\"/>"
            out += "<text x=\"\(n(x))\" y=\"\(n(legendY + 31))\" text-anchor=\"middle\" font-size=\"10\">\(DisplayNumber.percent(tick))</text>\n"
        }
        return out + "</svg>\n"
    }

    /// `98.9 %` as `99`, `0.6 %` as `1`, `100 %` as `100`: whole percent, fitting a cell.
    static func shortPercent(_ x: Double) -> String {
        let p = (x * 100).rounded()
        if p == 0 { return "<1" }
        if p == 100 && !Tolerance.reaches(x, 1) { return ">99" }
        return String(Int(p))
    }

    func n(_ x: Double) -> String { DisplayNumber.human((x * 10).rounded() / 10) }
}
