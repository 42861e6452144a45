import OutputFormats
import SupplyGraph

extension BudgetPlan {
    /// The frontier as a self-contained SVG line chart: production kept (0–100 %) against the
    /// budget (0 to the least cost of the most production kept), one marker per budget
    /// evaluated, the plan's own budget as a dashed line. `nil` without a frontier.
    /// - Complexity: O(frontier points).
    public func frontierSVG(graph: SupplyGraph, title: String) -> String? {
        guard frontier.count >= 2 else { return nil }
        let currency = Self.currency(of: graph)
        let width = 680.0, height = 360.0, left = 70.0, right = 60.0, top = 40.0, bottom = 50.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let maxBudget = max(frontier.last?.budget ?? 0, 1)
        func x(_ budget: Double) -> Double { left + plotWidth * min(budget, maxBudget) / maxBudget }
        func y(_ kept: Double) -> Double { top + plotHeight * (1 - kept) }
        func f(_ v: Double) -> String { "\((v * 10).rounded() / 10)" }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
            <title>\(XMLText.escaped(title))</title>
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(f(left))" y="22" font-size="14" font-weight="bold">\(XMLText.escaped(title))</text>

            """
        for k in 0...4 {
            let kept = Double(k) / 4
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y(kept)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(kept)))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(f(left - 8))\" y=\"\(f(y(kept) + 4))\" text-anchor=\"end\">\(k * 25) %</text>\n"
        }
        for k in 0...4 {
            let budget = maxBudget * Double(k) / 4
            svg += "<text x=\"\(f(x(budget)))\" y=\"\(f(height - bottom + 18))\" text-anchor=\"middle\">\(XMLText.escaped(Self.money(budget, currency)))</text>\n"
        }
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(height - bottom))\" stroke=\"#333\"/>"
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(height - bottom))\" x2=\"\(f(width - right))\" y2=\"\(f(height - bottom))\" stroke=\"#333\"/>\n"
        svg += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - 10))\" text-anchor=\"middle\">budget</text>\n"
        svg += "<text transform=\"translate(16 \(f(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">production kept</text>\n"
        if settings.budget <= maxBudget {
            svg += "<line x1=\"\(f(x(settings.budget)))\" y1=\"\(f(top))\" x2=\"\(f(x(settings.budget)))\" y2=\"\(f(height - bottom))\" stroke=\"#c60\" stroke-dasharray=\"4 3\"><title>this plan's budget</title></line>\n"
        }
        let points = frontier.map { "\(f(x($0.budget))),\(f(y($0.productionKept)))" }.joined(separator: " ")
        svg += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\"/>\n"
        for point in frontier {
            svg += "<circle cx=\"\(f(x(point.budget)))\" cy=\"\(f(y(point.productionKept)))\" r=\"3\" fill=\"#1f5fa8\"><title>\(XMLText.escaped(Self.money(point.budget, currency))): \(Self.percent(point.productionKept))</title></circle>\n"
        }
        return svg + "</svg>\n"
    }
}
