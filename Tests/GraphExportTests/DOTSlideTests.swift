import Foundation
import Testing
import GraphExport
import Reports
import RiskAnalysis
import SupplyGraph

/// The slide-sized diagram options: folding minor suppliers, one node per country, fitting a
/// slide, wrapped labels.
@Suite struct DOTSlideTests {
    /// Item T has five suppliers (CN 0.5, US 0.3, and three minor ones, 0.2 together); item P
    /// has two makers in DE; S uses both.
    static let fixture = """
        <system id="S" name="System S" demand="1"><uses item="T" quantity="1"/><uses item="P" quantity="2"/></system>
        <material id="T" name="Tungsten" unit="kg"/>
        <component id="P" name="Part P"/>
        <supplier id="t-cn" name="Tungsten, China" country="CN"><supplies item="T" share="0.5"/></supplier>
        <supplier id="t-us" name="Tungsten, United States" country="US"><supplies item="T" share="0.3"/></supplier>
        <supplier id="t-vn" name="Tungsten, Vietnam" country="VN"><supplies item="T" share="0.08"/></supplier>
        <supplier id="t-at" name="Tungsten, Austria" country="AT"><supplies item="T" share="0.07"/></supplier>
        <supplier id="t-ru" name="Tungsten, Russia" country="RU"><supplies item="T" share="0.05"/></supplier>
        <supplier id="p-a" name="Part maker A" country="DE"><supplies item="P" share="0.6"/></supplier>
        <supplier id="p-b" name="Part maker B" country="DE"><supplies item="P" share="0.4"/></supplier>
        """

    func dot(_ body: String = fixture, highlight: Bool = false, _ configure: (inout DOTOptions) -> Void) throws -> String {
        let graph = try importGraph(body)
        var request = DiagramRequest()
        request.highlight = highlight
        configure(&request.options)
        return riskDOT(graph, request)
    }

    @Test func minorSuppliersFoldIntoOneNode() throws {
        let text = try dot { $0.minimumShare = 0.1 }
        #expect(text.contains("label=\"3 others, 20 %\""))
        #expect(text.contains("tooltip=\"3 minor suppliers of T: VN 8 %, AT 7 %, RU 5 %\""))
        for folded in ["\"t-vn\" [", "\"t-at\" [", "\"t-ru\" ["] { #expect(!text.contains(folded), "\(folded) should be folded") }
        for kept in ["\"t-cn\" [", "\"t-us\" [", "\"p-a\" [", "\"p-b\" ["] { #expect(text.contains(kept), "\(kept) should stay") }
        #expect(text.contains("\"T\" -> \"group:T|others\" [dir=\"back\", label=\"20 %\"]"))
        #expect(text.contains("minor suppliers of an item below 10 %"))
    }

    @Test func aLoneMinorSupplierKeepsItsNode() throws {
        // Under 6 %, only RU is minor: folding one node into one node gains nothing.
        let text = try dot { $0.minimumShare = 0.06 }
        #expect(!text.contains("others"))
        #expect(text.contains("\"t-ru\" ["))
    }

    @Test func singlePointsOfFailureAndSourcingNeverFold() throws {
        // Both makers of P buy T only from t-ru (5 %): t-ru is a hidden single point of failure.
        let body = Self.fixture
            .replacingOccurrences(of: "<supplies item=\"P\" share=\"0.6\"/>", with: "<supplies item=\"P\" share=\"0.6\"><sourcedFrom item=\"T\" suppliers=\"t-ru\"/></supplies>")
            .replacingOccurrences(of: "<supplies item=\"P\" share=\"0.4\"/>", with: "<supplies item=\"P\" share=\"0.4\"><sourcedFrom item=\"T\" suppliers=\"t-ru\"/></supplies>")
            .replacingOccurrences(of: "<uses item=\"T\" quantity=\"1\"/>", with: "")
            .replacingOccurrences(of: "<component id=\"P\" name=\"Part P\"/>", with: "<component id=\"P\" name=\"Part P\"><uses item=\"T\" quantity=\"1\"/></component>")
        let text = try dot(body, highlight: true) { $0.minimumShare = 0.5 }
        #expect(text.contains("\"t-ru\" [shape=\"house\", fillcolor=\"#d7301f\""))  // red, its own node
        #expect(text.contains("\"p-a\" -> \"t-ru\" [dir=\"back\", style=\"dashed\""))
        #expect(text.contains("label=\"3 others, 45 %\""))                           // US, VN, AT
    }

    @Test func groupingByCountryDrawsOneNodePerCountryPerItem() throws {
        let text = try dot { $0.grouping = .country }
        #expect(text.contains("\"group:P|DE\" [shape=\"house\""))
        #expect(text.contains("label=\"Germany (DE)\\n2 suppliers\""))
        #expect(text.contains("\"P\" -> \"group:P|DE\" [dir=\"back\", label=\"100 %\"]"))
        // One supplier whose name says its country: the name alone, the country once.
        #expect(text.contains("label=\"Tungsten, China\"") && !text.contains("China (CN)\\nTungsten, China"))
        #expect(!text.contains("\"p-a\" ["))
        // Grouped and folded: the three minor countries of T make one node.
        let both = try dot { $0.grouping = .country; $0.minimumShare = 0.1 }
        #expect(both.contains("label=\"3 others, 20 %\"") && !both.contains("group:T|VN"))
    }

    @Test func aSlideFitsTheDrawingAndMakesItCompact() throws {
        let text = try dot { $0.slide = .widescreen; $0.minimumShare = 0.1 }
        #expect(text.contains("size=\"26.67,15\", ratio=\"0.5625\", dpi=72"))
        // Edge labels are laid out with the graph, never as xlabels Graphviz may put under a node.
        #expect(text.contains(", label=\"50 %\"") && !text.contains("xlabel="))
        #expect(text.contains("label=\"Part maker A (DE)\""))   // the country on the name's line
        #expect(text.contains("label=\"Tungsten, China\""))      // ... once: the name says it already
        #expect(text.contains("label=<<table") && !text.contains("cluster_legend"))
        let plain = try dot { _ in }
        #expect(!plain.contains("ratio=") && plain.contains("cluster_legend"))
    }

    @Test(arguments: [("16:9", 1920.0, 1080.0), ("4:3", 1920, 1440), ("1.6", 1920, 1200), (" 16 : 10 ", 1920, 1200)])
    func slideSizesParse(text: String, width: Double, height: Double) throws {
        let slide = try #require(SlideSize(parsing: text))
        #expect(slide.widthPixels == width && slide.heightPixels == height)
    }

    @Test(arguments: ["", "0:9", "16:0", "-4:3", "a:b", "16:9:1", "inf", "nan:1"])
    func badSlideSizesDoNotParse(text: String) {
        #expect(SlideSize(parsing: text) == nil)
    }

    @Test func longNamesWrapAtSpaces() throws {
        let text = try dot { $0.labelWidth = 14 }
        #expect(text.contains("label=\"Tungsten,\\nUnited States\"")) // its name says the country: no "US" line
        #expect(text.contains("label=\"Part maker A\\nDE\""))
    }

    @Test(.enabled(if: dotExecutable != nil, "Graphviz `dot` is not installed"))
    func slideVariantsRenderCleanly() throws {
        let graph = try bundledGraph("nl-defence.xml")
        let analysis = SupplyChainAnalysis(graph)
        for system in graph.items(ofKind: .system) {
            for grouping in DOTOptions.SupplierGrouping.allCases {
                var request = DiagramRequest()
                request.options.focus = system
                request.options.grouping = grouping
                request.options.minimumShare = 0.1
                request.options.slide = .widescreen
                request.options.labelWidth = 22
                request.options.leftToRight = true
                request.highlight = true
                let dot = riskDOT(graph, request, analysis: analysis)
                guard let executable = dotExecutable else { return }
                let result = try runProgram(executable, ["-Tsvg"], input: dot)
                #expect(result.status == 0 && result.err.isEmpty, "\(graph.itemKeys[system.index]) \(grouping): \(result.err.prefix(300))")
            }
        }
    }
}
