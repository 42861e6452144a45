import Foundation

/// The edge labels of a Graphviz SVG that lie under a node: each edge's `<text>` box (from its
/// anchor, position and font size, Helvetica's widths) against each node's shapes (polygons,
/// ellipses, the bounding box of paths such as rounded boxes). A label counts as hidden when
/// it overlaps a node by more than `tolerance` points on every side it is measured.
/// - Returns: (label text, node title) for each hidden label, and how many labels and nodes
///   were checked.
public func hiddenEdgeLabels(inSVG svg: String, tolerance: Double = 1) -> (hidden: [(label: String, node: String)], labels: Int, nodes: Int) {
    enum Shape { case polygon([(Double, Double)]); case ellipse(Double, Double, Double, Double) }
    var nodes: [(title: String, shapes: [Shape])] = []
    var labels: [(text: String, box: (Double, Double, Double, Double))] = []
    let groups = svg.components(separatedBy: "<g id=\"").dropFirst()
    var current: (kind: String, title: String)? = nil
    func attribute(_ name: String, in tag: Substring) -> String? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        let rest = tag[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
    func numbers(_ text: String) -> [Double] {
        var out: [Double] = [], token = ""
        for c in text + " " {
            if c.isNumber || c == "." || (c == "-" && token.isEmpty) { token.append(c) }
            else {
                if let n = Double(token) { out.append(n) }
                token = c == "-" ? "-" : ""
            }
        }
        return out
    }
    for group in groups {
        let head = group.prefix { $0 != ">" }
        if head.contains("class=\"node\"") || head.contains("class=\"edge\"") {
            let title = group.range(of: "<title>").flatMap { open in
                group[open.upperBound...].range(of: "</title>").map { String(group[open.upperBound..<$0.lowerBound]) }
            } ?? ""
            current = (head.contains("class=\"node\"") ? "node" : "edge", title)
            if current!.kind == "node" { nodes.append((title, [])) }
        } else if head.contains("class=\"graph\"") || head.contains("class=\"cluster\"") {
            current = nil
        }
        guard let kind = current?.kind else { continue }
        for piece in group.components(separatedBy: "<").dropFirst() {
            let tag = Substring(piece)
            if kind == "node" {
                if tag.hasPrefix("polygon"), let points = attribute("points", in: tag) {
                    let n = numbers(points)
                    nodes[nodes.count - 1].shapes.append(.polygon(stride(from: 0, to: n.count - 1, by: 2).map { (n[$0], n[$0 + 1]) }))
                } else if tag.hasPrefix("ellipse"), let cx = attribute("cx", in: tag).flatMap(Double.init),
                          let cy = attribute("cy", in: tag).flatMap(Double.init), let rx = attribute("rx", in: tag).flatMap(Double.init),
                          let ry = attribute("ry", in: tag).flatMap(Double.init) {
                    nodes[nodes.count - 1].shapes.append(.ellipse(cx, cy, rx, ry))
                } else if tag.hasPrefix("path"), let d = attribute("d", in: tag) {
                    let n = numbers(d)
                    let xs = stride(from: 0, to: n.count - 1, by: 2).map { n[$0] }, ys = stride(from: 1, to: n.count, by: 2).map { n[$0] }
                    if let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() {
                        nodes[nodes.count - 1].shapes.append(.polygon([(x0, y0), (x1, y0), (x1, y1), (x0, y1)]))
                    }
                }
            } else if tag.hasPrefix("text "), let close = tag.firstIndex(of: ">") {
                guard let x = attribute("x", in: tag).flatMap(Double.init), let y = attribute("y", in: tag).flatMap(Double.init),
                      let size = attribute("font-size", in: tag).flatMap(Double.init) else { continue }
                let text = String(tag[tag.index(after: close)...])
                let plain = text.replacingOccurrences(of: "&#45;", with: "-").replacingOccurrences(of: "&amp;", with: "&")
                    .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                let width = plain.reduce(0.0) { w, c in
                    w + size * (c == " " || c == "." || c == "," || c == ":" ? 0.278 : c == "%" ? 0.889 : c.isUppercase ? 0.667 : 0.556)
                }
                let anchor = attribute("text-anchor", in: tag) ?? "start"
                let left = anchor == "middle" ? x - width / 2 : anchor == "end" ? x - width : x
                labels.append((plain, (left, y - 0.72 * size, left + width, y + 0.21 * size)))
            }
        }
    }
    func inside(_ p: (Double, Double), _ polygon: [(Double, Double)]) -> Bool {
        var c = false
        for i in polygon.indices {
            let a = polygon[i], b = polygon[(i + 1) % polygon.count]
            if (a.1 > p.1) != (b.1 > p.1) && p.0 < (b.0 - a.0) * (p.1 - a.1) / (b.1 - a.1) + a.0 { c.toggle() }
        }
        return c
    }
    var hidden: [(String, String)] = []
    for label in labels {
        let (x0, y0, x1, y1) = (label.box.0 + tolerance, label.box.1 + tolerance, label.box.2 - tolerance, label.box.3 - tolerance)
        guard x0 < x1 && y0 < y1 else { continue }
        var samples: [(Double, Double)] = []
        for i in 0...6 {
            for j in 0...3 {
                let px: Double = x0 + (x1 - x0) * Double(i) / 6
                let py: Double = y0 + (y1 - y0) * Double(j) / 3
                samples.append((px, py))
            }
        }
        search: for node in nodes {
            for shape in node.shapes {
                switch shape {
                case .ellipse(let cx, let cy, let rx, let ry):
                    let qx = min(max(cx, x0), x1), qy = min(max(cy, y0), y1)
                    let dx: Double = (qx - cx) / rx, dy: Double = (qy - cy) / ry
                    if dx * dx + dy * dy < 1 { hidden.append((label.text, node.title)); break search }
                case .polygon(let points):
                    guard points.count >= 3 else { continue }
                    if samples.contains(where: { inside($0, points) }) { hidden.append((label.text, node.title)); break search }
                }
            }
        }
    }
    return (hidden, labels.count, nodes.count)
}
