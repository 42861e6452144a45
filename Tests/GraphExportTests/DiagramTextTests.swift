import Foundation
import Testing
@testable import GraphExport
import Reports
import RiskAnalysis
import SupplyGraph
import ChokepointTestSupport

/// What a diagram writes: quantities that never read as 0, a supplier's country named once,
/// suppliers listed under their item on a printed page, and no edge label under a node.
@Suite struct DiagramTextTests {
    @Test(arguments: [
        (0.0000002, "t", "0.2 g"), (0.00004, "t", "0.04 kg"), (0.001, "t", "1 kg"), (0.005, "t", "5 kg"),
        (0.000012, "t", "0.012 kg"), (2.5, "t", "2.5 t"), (0.01, "t", "0.01 t"), (0.0000000004, "t", "0.4 mg"),
        (0.003, "kg", "3 g"), (0.5, "g", "0.5 g"), (0.005, "pcs", "0.005 pcs"), (0.0000002, "m3", "0.0000002 m3"),
        (1200, "pcs", "1200 pcs"), (0, "t", "0 t"),
    ])
    func quantitiesKeepTheirDigits(value: Double, unit: String, text: String) {
        #expect(DisplayNumber.quantity(value, unit: unit) == text)
    }

    @Test(arguments: [
        (0.0000002, "0.0000002"), (0.000012, "0.000012"), (-0.000012, "-0.000012"), (0.00000123456, "0.0000012"),
        (0.5, "0.5"), (1.25, "1.25"), (123.45, "123.5"), (0.04, "0.04"), (3, "3"), (0.0000000000000000001, "0"),
    ])
    func numbersNeverReadAsZeroOrInExponents(value: Double, text: String) {
        #expect(DisplayNumber.human(value) == text)
    }

    @Test(arguments: [
        ("American Pacific (AMPAC), Utah (US)", "US", true), ("Rare-earth mining, China", "CN", true),
        ("Tungsten, United States", "US", true), ("MINE, CHINA", "CN", true), ("Mine, Nigeria", "NE", false),
        ("Chinatown Metals", "CN", false), ("Part maker A", "DE", false), ("Maker (USA)", "US", false),
    ])
    func aNameThatSaysItsCountry(name: String, code: String, names: Bool) throws {
        let country = try #require(Country(code: code))
        #expect(DOTWriter.name(name, names: country) == names)
    }

    /// AMPAC's label on a slide: its country once ("Utah (US)", not "Utah (US) (US)").
    @Test func aSupplierLabelNamesItsCountryOnce() throws {
        let graph = try importGraph("""
            <system id="m" name="Missile"><uses item="ap" quantity="1"/></system>
            <material id="ap" name="Ammonium perchlorate" unit="t"/>
            <supplier id="ampac" name="American Pacific (AMPAC), Utah (US)" country="US"><supplies item="ap" share="0.6"/></supplier>
            <supplier id="other" name="Other maker" country="US"><supplies item="ap" share="0.4"/></supplier>
            """)
        for grouping in DOTOptions.SupplierGrouping.allCases {
            var request = DiagramRequest()
            request.options.slide = .widescreen
            request.options.grouping = grouping
            request.options.labelWidth = nil
            let dot = riskDOT(graph, request)
            #expect(!dot.contains("(US) (US)") && !dot.contains("(US)\\nAmerican Pacific"), "\(grouping): \(dot)")
            if grouping == .supplier {
                #expect(dot.contains("label=\"American Pacific (AMPAC), Utah (US)\""))
                #expect(dot.contains("label=\"Other maker (US)\""))
            }
        }
    }

    /// On a printed page's diagram, an item's suppliers that need no node of their own are
    /// listed under its name: T (CN 0.5, US 0.3, VN 0.08, AT 0.07, RU 0.05) reads "CN 50 %,
    /// US 30 %, 3 more"; P (two makers in DE, 0.6 and 0.4) "DE 100 %".
    @Test func suppliersListedUnderTheirItem() throws {
        let graph = try importGraph("""
            <system id="S" name="System S"><uses item="P" quantity="1"/><uses item="T" quantity="0.0000002"/></system>
            <component id="P" name="Part P"/>
            <material id="T" name="Tungsten" unit="t"/>
            <supplier id="t-cn" name="Tungsten, China" country="CN"><supplies item="T" share="0.5"/></supplier>
            <supplier id="t-us" name="Tungsten, United States" country="US"><supplies item="T" share="0.3"/></supplier>
            <supplier id="t-vn" name="Tungsten, Viet Nam" country="VN"><supplies item="T" share="0.08"/></supplier>
            <supplier id="t-at" name="Tungsten, Austria" country="AT"><supplies item="T" share="0.07"/></supplier>
            <supplier id="t-ru" name="Tungsten, Russia" country="RU"><supplies item="T" share="0.05"/></supplier>
            <supplier id="p-a" name="Part maker A" country="DE"><supplies item="P" share="0.6"/></supplier>
            <supplier id="p-b" name="Part maker B" country="DE"><supplies item="P" share="0.4"/></supplier>
            """)
        var request = DiagramRequest()
        request.options.slide = .widescreen
        request.options.suppliersInItemLabels = true
        request.options.labelWidth = nil
        let dot = riskDOT(graph, request)
        #expect(dot.contains("label=\"Tungsten\\n[non-EU only, CRMA 65 %]\\nCN 50 %, US 30 %, 3 more\"") || dot.contains("\\nCN 50 %, US 30 %, 3 more\""), "\(dot)")
        #expect(dot.contains("\\nDE 100 %\""))
        #expect(!dot.contains("shape=\"house\"") && !dot.contains("shape=\"folder\""), "no supplier node is needed")
        #expect(dot.contains("label=\"0.2 g\""))   // 0.0000002 t of tungsten
        // With a scenario that cuts CN off, its share reads as lost.
        request.failed = (0..<graph.supplierCount).map { graph.supplierCountries[$0].code == "CN" }
        let scenario = riskDOT(graph, request)
        #expect(scenario.contains("\\nCN 50 %\u{00A0}lost, US 30 %, 3 more\""), "\(scenario)")
    }

    /// Every bundled system's slide diagram (the `dot --focus X --highlight spof` defaults),
    /// rendered by Graphviz: no edge label's text lies under a node (the MMR's 98.9 % gallium
    /// share among them).
    @Test(.enabled(if: dotExecutable != nil, "Graphviz `dot` is not installed"))
    func noEdgeLabelIsHiddenUnderANode() throws {
        let graph = try bundledGraph("nl-defence.xml")
        let analysis = SupplyChainAnalysis(graph)
        var checked = 0
        for system in graph.items(ofKind: .system) {
            var request = DiagramRequest()
            request.options.focus = system
            request.options.minimumShare = 0.1
            request.options.slide = .widescreen
            request.options.labelWidth = 22
            request.options.leftToRight = true
            request.options.clustering = .none
            request.highlight = true
            let dot = riskDOT(graph, request, analysis: analysis)
            let result = try runProgram(try #require(dotExecutable), ["-Tsvg"], input: dot)
            #expect(result.status == 0)
            let check = hiddenEdgeLabels(inSVG: result.out)
            #expect(check.labels > 0 && check.nodes > 5)
            #expect(check.hidden.isEmpty, "\(graph.itemKeys[system]): \(check.hidden.prefix(5))")
            if graph.itemKeys[system] == "mmr" { #expect(result.out.contains(">98.9 %</text>")) }
            checked += check.labels
        }
        // The whole map's overview: one node per country per item, under 20 % folded.
        var whole = DiagramRequest()
        whole.options.grouping = .country
        whole.options.minimumShare = 0.2
        whole.options.slide = .widescreen
        whole.options.labelWidth = 22
        whole.options.leftToRight = true
        whole.options.clustering = .none
        whole.highlight = true
        let map = try runProgram(try #require(dotExecutable), ["-Tsvg"], input: riskDOT(graph, whole, analysis: analysis))
        let check = hiddenEdgeLabels(inSVG: map.out)
        #expect(check.labels > 100 && check.hidden.isEmpty, "the whole map: \(check.hidden.prefix(5))")
        #expect(checked > 100)
    }

    /// The checker on hand-made SVG: a label inside a box or an ellipse is hidden, one beside
    /// them is not; so its silence above means something.
    @Test(arguments: [(50.0, -10.0, "a"), (230.0, -10.0, "c"), (160.0, -10.0, ""), (50.0, -60.0, ""), (210.0, -50.0, "")])
    func theCheckerFindsAHiddenLabel(x: Double, y: Double, node: String) {
        let svg = """
            <svg width="300pt" height="100pt"><g id="graph0" class="graph">
            <g id="node1" class="node"><title>a</title><g id="a_node1"><a xlink:title="a"><polygon fill="none" points="0,0 100,0 100,-30 0,-30 0,0"/><text text-anchor="middle" x="50" y="-10" font-size="10.00">A</text></a></g></g>
            <g id="node2" class="node"><title>c</title><ellipse fill="none" cx="230" cy="-15" rx="30" ry="15"/></g>
            <g id="edge1" class="edge"><title>a&#45;&gt;c</title><path d="M100,-15C150,-15 180,-15 200,-15"/><text text-anchor="middle" x="\(x)" y="\(y)" font-family="Helvetica,sans-Serif" font-size="8.00">99 %</text></g>
            </g></svg>
            """
        let check = hiddenEdgeLabels(inSVG: svg)
        #expect(check.labels == 1 && check.nodes == 2)
        #expect(check.hidden.map(\.node) == (node.isEmpty ? [] : [node]), "\(check.hidden)")
    }
}
