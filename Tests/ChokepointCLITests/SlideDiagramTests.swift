import Foundation
import Testing
import ChokepointTestSupport
@testable import ChokepointCLI

/// `dot`'s defaults make slides: every bundled system's focused diagram fits a 1920 × 1080 slide
/// at a legible scale; the whole map renders to a slide-sized overview, never a strip.
@Suite("Slide-sized diagrams, end to end", .serialized)
struct SlideDiagramTests {
    static let canRender = EndToEndTests.tool != nil && Graphviz.find("dot") != nil
    static let systems = ["artillery-155", "asw-frigate", "cv90", "f35-parts", "mmr", "patriot-gem-t",
                          "patriot-pac3-mse", "quantum-sensor", "small-uas"]

    /// The width and height (pt = px at 72 dpi) of an SVG and the scale Graphviz drew it at.
    static func geometry(_ svg: String) throws -> (width: Double, height: Double, scale: Double) {
        func number(after marker: String) throws -> Double {
            let range = try #require(svg.range(of: marker))
            let digits = svg[range.upperBound...].prefix { $0.isNumber || $0 == "." }
            return try #require(Double(digits))
        }
        return (try number(after: "<svg width=\""), try number(after: "height=\""), try number(after: "transform=\"scale("))
    }

    func render(_ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, err: String, svg: String) {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("slide-\(UUID().uuidString).svg").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try runBuiltTool(["dot", nlDefence] + arguments + ["--render", "svg", "-o", out], environment: environment)
        return (r.status, r.err, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "")
    }

    @Test(.enabled(if: canRender), arguments: systems)
    func everyBundledSystemIsLegibleOnASlide(system: String) throws {
        let r = try render(["--focus", system, "--highlight", "spof"])
        #expect(r.status == 0, "\(r.err)")
        let g = try Self.geometry(r.svg)
        #expect(g.width <= 1920.5 && g.height <= 1080.5, "\(system): \(g.width) x \(g.height)")
        // 10 pt node labels drawn at 7.5 px or more on a 1920 px slide.
        #expect(g.scale >= 0.75, "\(system) is drawn at \(g.scale) of its size: too small to read on a slide")
    }

    @Test(.enabled(if: canRender))
    func theWholeMapRendersToASlideNotAStrip() throws {
        let r = try render([])
        #expect(r.status == 0, "\(r.err)")
        let g = try Self.geometry(r.svg)
        #expect(g.width <= 1920.5 && g.height <= 1080.5 && g.width >= 1000 && g.height >= 500, "\(g.width) x \(g.height)")
        #expect(r.svg.contains("Netherlands (NL)") && r.svg.contains("2 suppliers"))   // one node per country per item
    }

    @Test(.enabled(if: EndToEndTests.tool != nil))
    func aTimeoutNamesTheEngineThatRan() throws {
        let bin = try fakeProgram("sfdp", script: "sleep 30\n")
        let r = try render(["--focus", "mmr", "--engine", "sfdp", "--timeout", "0.5"], environment: ["PATH": bin + ":/usr/bin:/bin"])
        #expect(r.status == 1)
        #expect(r.err.contains("chokepoint: sfdp did not finish within 0.5 s and was stopped with its process group"), "\(r.err)")
        #expect(r.err.contains("was left as it was"))
    }

    @Test func badSlideOptionsAreUsageErrors() async {
        #expect(await run("dot", nlDefence, "--min-share", "1.5").status == 2)
        #expect(await run("dot", nlDefence, "--size", "16:0").status == 2)
        #expect(await run("dot", nlDefence, "--ratio", "wide").status == 2)
        #expect(await run("dot", nlDefence, "--group", "continent").status == 2)
        #expect(await run("dot", nlDefence, "--left-to-right", "--top-to-bottom").status == 2)
        #expect(await run("dot", nlDefence, "--wrap", "-1").status == 2)
    }

    @Test func theDefaultsFoldAndFit() async {
        let focus = await run("dot", nlDefence, "--focus", "small-uas")
        #expect(focus.status == 0)
        #expect(focus.out.contains("ratio=\"0.5625\"") && focus.out.contains("rankdir=\"LR\""))
        #expect(focus.out.contains(" others, "))
        let all = await run("dot", nlDefence, "--focus", "small-uas", "--min-share", "0", "--size", "none")
        #expect(!all.out.contains(" others, ") && !all.out.contains("ratio="))
    }
}
