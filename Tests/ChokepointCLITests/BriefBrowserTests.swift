import Foundation
import Testing
import ChokepointTestSupport
@testable import ChokepointCLI

/// The briefing in a real browser: Debian's `chromium`, headless (installed by Tools/setup).
/// It renders the page, dumps the DOM, takes a screenshot, prints to PDF (one system per page)
/// and must log nothing on the console. Runs when chromium and the built tool are there.
@Suite("brief in Chromium", .serialized) struct BriefBrowserTests {
    static let chromium: String? = ["chromium", "chromium-browser"].lazy.compactMap { Graphviz.find($0) }.first
    static let enabled = chromium != nil && EndToEndTests.tool != nil

    /// The classification marking the briefing is made with.
    static let marking = "RESTRICTED // NL EYES ONLY"

    /// A folder with the briefing of the bundled map in it (with a marking).
    static let folder: URL? = {
        guard enabled, let tool = EndToEndTests.tool, let dir = try? temporaryFolder("brief-browser") else { return nil }
        _ = try? runProcess(tool, ["brief", nlDefence, "--marking", marking, "-o", dir + "/briefing.html"])
        return URL(fileURLWithPath: dir)
    }()

    /// Runs headless Chromium on `page` with `arguments`; returns stdout and stderr. Network
    /// names resolve to nothing, so a page that tried to load anything would log it.
    static func chromium(_ arguments: [String], page: URL, timeout: TimeInterval = 120) throws -> (out: String, err: String) {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-profile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(chromium))
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)",
                             "--enable-logging=stderr", "--v=0", "--host-resolver-rules=MAP * ~NOTFOUND"] + arguments + [page.absoluteString]
        let outURL = profile.deletingLastPathComponent().appendingPathComponent("chromium-\(UUID().uuidString).out")
        let errURL = outURL.appendingPathExtension("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outURL); try? FileManager.default.removeItem(at: errURL) }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { process.terminate(); Issue.record("chromium did not finish within \(timeout) s") }
        process.waitUntilExit()
        return (try String(contentsOf: outURL, encoding: .utf8), try String(contentsOf: errURL, encoding: .utf8))
    }

    /// The console messages Chromium logged (`INFO:CONSOLE:...] "message", source: ...`).
    static func consoleMessages(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
    }

    @Test(.enabled(if: enabled, "chromium (Tools/setup installs it) and the built tool are needed"))
    func theConsoleCheckCatchesAPlantedError() throws {
        let dir = try #require(Self.folder)
        let page = dir.appendingPathComponent("control.html")
        try "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>c</title></head><body><script>console.error('planted')</script></body></html>"
            .write(to: page, atomically: true, encoding: .utf8)
        let r = try Self.chromium(["--dump-dom"], page: page)
        #expect(Self.consoleMessages(r.err).contains { $0.contains("planted") }, "the console check would miss errors")
    }

    @Test(.enabled(if: enabled, "chromium (Tools/setup installs it) and the built tool are needed"))
    func theDOMIsTheBriefingAndTheConsoleStaysQuiet() throws {
        let page = try #require(Self.folder).appendingPathComponent("briefing.html")
        let r = try Self.chromium(["--dump-dom"], page: page)
        #expect(Self.consoleMessages(r.err).isEmpty, "console: \(Self.consoleMessages(r.err).prefix(5))")
        let dom = r.out
        #expect(dom.contains("<h2>Verdicts</h2>") && dom.contains("9 of 9 systems fall"))
        #expect(dom.components(separatedBy: "<section class=\"system\"").count - 1 == 9)
        #expect(dom.contains("class=\"heatmap\""))
        let diagrams = dom.components(separatedBy: "<figure class=\"diagram\"><svg").count - 1
        #expect(diagrams == (Graphviz.find("dot") != nil ? 9 : 0))
        #expect(dom.contains("<h2>Provenance</h2>") && dom.contains("SHA-256"))
    }

    @Test(.enabled(if: enabled, "chromium (Tools/setup installs it) and the built tool are needed"))
    func theScreenshotIsASlideOfTheOpening() throws {
        let dir = try #require(Self.folder)
        let shot = dir.appendingPathComponent("briefing.png")
        let r = try Self.chromium(["--hide-scrollbars", "--window-size=1920,1080", "--screenshot=\(shot.path)"],
                                  page: dir.appendingPathComponent("briefing.html"))
        #expect(Self.consoleMessages(r.err).isEmpty)
        let png = try Data(contentsOf: shot)
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        func be32(_ offset: Int) -> Int { png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        #expect(be32(16) == 1920 && be32(20) == 1080, "IHDR \(be32(16)) x \(be32(20))")
        // A blank page compresses to a few kilobytes; text, tables and colour take far more.
        #expect(png.count > 40_000, "the screenshot looks empty (\(png.count) bytes)")
    }

    /// Runs a poppler tool (`pdftotext`) and returns its stdout.
    static func poppler(_ tool: String, _ arguments: [String]) throws -> String {
        try runProcess(try #require(Graphviz.find(tool)), arguments).out
    }

    /// Printed to PDF (A4 landscape): the marking at the top and bottom of every page; each
    /// system on a page of its own, then its diagram on the next page, alone; no word on a
    /// diagram page under 8 pt (a word's box in `pdftotext -bbox` is its font size times the
    /// font's ascent plus descent, 1.12 for Liberation Sans, 1.16 for DejaVu Sans: 8.8 pt
    /// or more for 8 pt).
    @Test(.enabled(if: enabled, "chromium (Tools/setup installs it) and the built tool are needed"))
    func itPrintsWithOneSystemPerPage() throws {
        let dir = try #require(Self.folder)
        let pdf = dir.appendingPathComponent("briefing.pdf")
        let r = try Self.chromium(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)"], page: dir.appendingPathComponent("briefing.html"))
        #expect(Self.consoleMessages(r.err).isEmpty)
        let data = try Data(contentsOf: pdf)
        #expect(data.prefix(5) == Data("%PDF-".utf8))
        let text = String(decoding: data, as: UTF8.self)
        let pages = text.components(separatedBy: "/Type /Page").count - 1 - (text.components(separatedBy: "/Type /Pages").count - 1)
        #expect(pages >= 14 && pages <= 40, "\(pages) pages")
        guard Graphviz.find("pdftotext") != nil else { return }
        let info = try Self.poppler("pdfinfo", [pdf.path])
        #expect(info.contains("(A4)") && info.contains("841.92 x 59"), "not A4 landscape: \(info)")
        let pageTexts = try Self.poppler("pdftotext", ["-layout", pdf.path, "-"]).components(separatedBy: "\u{0C}").filter { !$0.isEmpty }
        #expect(pageTexts.count == pages)
        for (k, page) in pageTexts.enumerated() {
            #expect(page.components(separatedBy: Self.marking).count - 1 == 2, "page \(k + 1) lacks the marking at its top and bottom")
            let lines = page.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            #expect(lines.first == Self.marking && lines.last == Self.marking, "page \(k + 1): the marking is not the first and last line")
        }
        guard Graphviz.find("dot") != nil else { return }
        let diagramPages = pageTexts.indices.filter { pageTexts[$0].contains(": its BOM closure and suppliers") }
        #expect(diagramPages.count == 9, "\(diagramPages.count) pages with a system's diagram")
        for k in diagramPages {
            #expect(!pageTexts[k].contains("Single points of failure"), "page \(k + 1): the diagram shares its page")
            #expect(k > 0 && pageTexts[k - 1].contains("Single points of failure") && pageTexts[k - 1].contains("on EU supply alone"),
                    "page \(k + 1): the diagram does not follow its system's page")
            let bbox = try Self.poppler("pdftotext", ["-bbox", "-f", String(k + 1), "-l", String(k + 1), pdf.path, "-"])
            var smallest = Double.infinity, word = ""
            for line in bbox.split(separator: "\n") where line.contains("<word ") {
                func value(_ name: String) -> Double? {
                    guard let range = line.range(of: "\(name)=\"") else { return nil }
                    return Double(line[range.upperBound...].prefix { $0 != "\"" })
                }
                guard let y0 = value("yMin"), let y1 = value("yMax") else { continue }
                if y1 - y0 < smallest { smallest = y1 - y0; word = String(line) }
            }
            #expect(smallest >= 8.8, "page \(k + 1): a word under 8 pt: \(word)")
        }
    }
}
