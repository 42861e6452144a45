import Foundation
import Testing
@testable import Reports
import RiskAnalysis
import SupplyGraph

/// The briefing's heat map: its colour scale and what it draws.
@Suite struct BriefHeatMapTests {
    @Test(arguments: [(0.0, "#ffffff"), (0.25, "#fed976"), (0.5, "#fd8d3c"), (0.75, "#e31a1c"), (1.0, "#800026"),
                      (-0.5, "#ffffff"), (2.0, "#800026"), (Double.nan, "#ffffff")])
    func theScaleRunsFromWhiteToDarkRed(impact: Double, colour: String) {
        #expect(BriefHeatMap.colour(impact) == colour)
    }

    @Test func theScaleDarkensAsTheImpactGrows() {
        func lightness(_ hex: String) -> Int {
            let digits = Array(hex.dropFirst())
            return stride(from: 0, to: 6, by: 2).map { Int(String(digits[$0...$0 + 1]), radix: 16)! }.reduce(0, +)
        }
        let values = stride(from: 0.0, through: 1.0, by: 0.05).map { lightness(BriefHeatMap.colour($0)) }
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 > $1 }, "\(values)")
    }

    @Test func aCellPerCountryAndSystemWithItsValueAndTheLegend() throws {
        let graph = try importGraph("""
            <system id="A" demand="1"><uses item="M" quantity="1"/></system>
            <system id="B" demand="1"><uses item="M" quantity="1"/></system>
            <material id="M"/>
            <supplier id="cn" country="CN"><supplies item="M" share="0.75"/></supplier>
            <supplier id="de" country="DE"><supplies item="M" share="0.25"/></supplier>
            """)
        let sweep = ImpactSweep(SupplyChainAnalysis(graph), sweep: .country)
        let svg = BriefHeatMap(sweep: sweep, graph: graph, rows: 20).svg()
        #expect(svg.components(separatedBy: "<rect ").count - 1 == 2 * 2 + 1)      // 2 countries x 2 systems, the legend bar
        #expect(svg.contains("CN — China") && svg.contains(">75</text>") && svg.contains(">25</text>"))
        #expect(svg.contains("fill=\"\(BriefHeatMap.colour(0.75))\""))
        #expect(svg.contains("CN — China cut off: A loses 75 % of its supply"))
        #expect(svg.contains("supply lost (1 − φ)") && svg.contains(">100 %</text>"))
        #expect(BriefHeatMap(sweep: sweep, graph: graph, rows: 1).svg().components(separatedBy: "<rect ").count - 1 == 2 + 1)
    }

    /// On a 2-system map the legend bar (160 wide) is wider than the cells: the viewBox holds
    /// it, its last tick label and every cell; the SVG is drawn at that size.
    @Test func theViewBoxHoldsTheLegendOnASmallMap() throws {
        let graph = try importGraph("""
            <system id="A" demand="1"><uses item="M" quantity="1"/></system>
            <system id="B" demand="1"><uses item="M" quantity="1"/></system>
            <material id="M"/>
            <supplier id="cn" country="CN"><supplies item="M" share="0.75"/></supplier>
            """)
        let svg = BriefHeatMap(sweep: ImpactSweep(SupplyChainAnalysis(graph), sweep: .country), graph: graph, rows: 20).svg()
        func numbers(_ name: String, in tag: String) -> Double? {
            guard let r = tag.range(of: " \(name)=\"") else { return nil }
            return Double(tag[r.upperBound...].prefix { $0 != "\"" })
        }
        let head = try #require(svg.components(separatedBy: ">").first)
        let box = try #require(head.range(of: "viewBox=\"0 0 ").map { head[$0.upperBound...].prefix { $0 != "\"" }.split(separator: " ") })
        let width = try #require(Double(box[0]))
        #expect(numbers("width", in: head) == width)
        var checked = 0
        for tag in svg.components(separatedBy: "<").dropFirst() where tag.hasPrefix("rect ") || tag.hasPrefix("text x=") || tag.hasPrefix("line ") {
            let x = numbers("x", in: tag) ?? numbers("x1", in: tag) ?? 0
            var right = x + (numbers("width", in: tag) ?? 0)
            if tag.hasPrefix("text"), tag.contains("text-anchor=\"middle\""), let text = tag.split(separator: ">").last {
                right = x + Double(text.count) * 3.1      // half its width at about 6.2 px a character
            }
            #expect(right <= width, "\(tag) ends at \(right), beyond the viewBox's \(width)")
            checked += 1
        }
        #expect(checked > 10)
    }
}
