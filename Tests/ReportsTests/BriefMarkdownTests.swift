import Testing
@testable import Reports

/// The briefing's notes: the Markdown subset it renders, and raw HTML that never becomes markup.
@Suite struct BriefMarkdownTests {
    @Test(arguments: [
        ("# Summary", "<h3>Summary</h3>\n"),
        ("### Gallium ###", "<h5>Gallium</h5>\n"),
        ("###### Deep", "<h6>Deep</h6>\n"),
        ("#NoSpace", "<p>#NoSpace</p>\n"),
        ("One line\nand the next\n\nA second paragraph.", "<p>One line\nand the next</p>\n<p>A second paragraph.</p>\n"),
        ("*Careful* and **firm** and _also_ and __this__", "<p><em>Careful</em> and <strong>firm</strong> and <em>also</em> and <strong>this</strong></p>\n"),
        ("high_purity_gallium stays an id", "<p>high_purity_gallium stays an id</p>\n"),
        ("2 * 3 * 4", "<p>2 * 3 * 4</p>\n"),
        ("Use `chokepoint whatif`.", "<p>Use <code>chokepoint whatif</code>.</p>\n"),
        ("- one\n- two\n  more of two\n- three", "<ul>\n<li>one</li>\n<li>two\nmore of two</li>\n<li>three</li>\n</ul>\n"),
        ("3. third\n4. fourth", "<ol start=\"3\">\n<li>third</li>\n<li>fourth</li>\n</ol>\n"),
        ("> quoted *text*", "<blockquote>\n<p>quoted <em>text</em></p>\n</blockquote>\n"),
        ("```\nlet x = 1 < 2\n```", "<pre><code>let x = 1 &lt; 2</code></pre>\n"),
        ("---", "<hr>\n"),
        ("See [the USGS tables](https://www.usgs.gov/x).", "<p>See the USGS tables <span class=\"address\">(https://www.usgs.gov/x)</span>.</p>\n"),
        ("\\*not emphasis\\*", "<p>*not emphasis*</p>\n"),
        ("Tom & Jerry's \"quote\"", "<p>Tom &amp; Jerry&#39;s &quot;quote&quot;</p>\n"),
    ])
    func itRendersTheSubset(markdown: String, html: String) {
        #expect(BriefMarkdown.html(markdown) == html)
    }

    /// Hostile notes: every tag, attribute and address prints as text; nothing is live.
    @Test(arguments: [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "![x](javascript:alert(1))",
        "[<img src=x onerror=alert(2)>](http://x)",
        "**<b onmouseover=alert(3)>bold</b>**",
        "`<script>alert(4)</script>`",
        "# <iframe src=\"javascript:alert(5)\"></iframe>",
        "- <a href=\"javascript:alert(6)\">item</a>",
        "> <style>body{display:none}</style>",
        "```\n</code></pre><script>alert(7)</script>\n```",
        "<!-- comment --> &lt;script&gt;",
        "[x](<javascript:alert(8)>)",
        "<svg onload=alert(9)>",
    ])
    func rawHTMLIsEscaped(markdown: String) {
        let html = BriefMarkdown.html(markdown)
        // Only the renderer's own tags remain.
        let allowed: Set<String> = ["h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "blockquote", "pre", "code", "em", "strong", "hr", "span"]
        var tags: [String] = []
        for part in html.split(separator: "<", omittingEmptySubsequences: true).dropFirst(html.hasPrefix("<") ? 0 : 1) {
            let name = part.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }
            tags.append(String(name).lowercased())
        }
        #expect(tags.allSatisfy(allowed.contains), "\(markdown) gave tags \(tags)")
        #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("<a ") 
                && !html.contains("<iframe") && !html.contains("<style") && !html.contains("<svg"))
        // The only attribute the renderer writes is its own class or start.
        #expect(html.components(separatedBy: "=\"").count - 1 == html.components(separatedBy: "class=\"address\"").count - 1
                + html.components(separatedBy: "start=\"").count - 1, "\(html)")
    }

    @Test func aJavascriptLinkIsPlainText() {
        #expect(BriefMarkdown.html("[click](javascript:alert(1))") == "<p>click <span class=\"address\">(javascript:alert(1))</span></p>\n")
        #expect(BriefMarkdown.html("<img src=x onerror=alert(1)>") == "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n")
        #expect(BriefMarkdown.html("&lt;script&gt;") == "<p>&amp;lt;script&amp;gt;</p>\n")
    }
}
