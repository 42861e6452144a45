import SupplyGraph

/// Writes a supply chain as a Graphviz DOT digraph, coloured by the marks its caller computed.
///
/// - Nodes are shaped by kind: systems `doubleoctagon`, components rounded `box`, materials
///   `ellipse`, suppliers `house` (labelled with their country).
/// - BOM edges run parent → child, labelled with the quantity per unit of the parent. Supply
///   edges are written `item -> supplier [dir=back]`: the arrow points from the supplier to the
///   item, while `dot` ranks suppliers below what they make. They are labelled with the share
///   of ``DiagramMarks/shares``. A `sourcedFrom` is a dashed blue edge from the named
///   sub-supplier to the buying supplier.
/// - Colours (first that applies): scenario losses grey; suppliers marked as single point of
///   failure red; single-source items orange; items supplied only from outside the perimeter
///   purple; strategic raw materials at the CRMA benchmark (``DiagramMarks/crmaBenchmark``) yellow; suppliers inside the perimeter
///   light blue, outside light pink. A marked item lists its marks under its name.
/// - With a ``DiagramMarks/highlight``, its paths are bold red and every other edge pale.
/// - Slide-sized drawings (``DOTOptions/grouping``, ``DOTOptions/minimumShare``,
///   ``DOTOptions/slide``): one house per country per item, an item's minor suppliers folded
///   into one folder node "7 others, 12 %" (their countries in its tooltip), and a compact
///   layout stretched and scaled to the slide; aggregated nodes get ids under a prefix no data
///   id starts with.
///
/// Node ids are a one-to-one escape of the data ids (``DOTEscaper/appendID(_:to:)``), so two
/// ids that differ only in a tab or a line break stay two nodes. The writer depends on the
/// graph and the marks alone and decides nothing about risk; a graph of 10^5 nodes is written
/// well under a second.
///
/// ```swift
/// let dot = DOTWriter(options: DOTOptions()).document(for: graph, marks: DiagramMarks(plain: graph))
/// ```
public struct DOTWriter: Sendable {
    /// What to draw and how.
    public var options: DOTOptions

    /// Creates a writer.
    /// - Complexity: O(1).
    public init(options: DOTOptions = DOTOptions()) { self.options = options }

    /// The colours and styles of the diagram, shared with the legend.
    public enum Palette {
        /// A supplier that is a single point of failure (red).
        public static let singlePointOfFailure = "#d7301f"
        /// A single-source item (orange).
        public static let singleSource = "#fc8d59"
        /// An item supplied only from outside the perimeter (purple).
        public static let nonEUOnly = "#b7a7d9"
        /// A strategic raw material at the CRMA benchmark (yellow).
        public static let crma65 = "#fee08b"
        /// A supplier inside the perimeter (light blue).
        public static let supplierInside = "#e0ecf4"
        /// A supplier outside the perimeter (light pink).
        public static let supplierOutside = "#fde0dd"
        /// Lost in the scenario (grey fill).
        public static let lost = "#d9d9d9"
        /// Lost in the scenario (grey text and lines).
        public static let lostText = "#7f7f7f"
        /// A path to a single point of failure (dark red).
        public static let highlight = "#b2182b"
        /// Edges off the highlighted paths.
        public static let faded = "#c8c8c8"
        /// A sourcedFrom link (blue, dashed).
        public static let sourcedFrom = "#2166ac"
        /// Edges without a highlight.
        public static let edge = "#555555"
    }

    /// The whole DOT document for `graph`.
    /// - Complexity: O(items + suppliers + edges) for the drawn part.
    public func document(for graph: SupplyGraph, marks: DiagramMarks) -> String {
        var out = ""
        write(graph, marks: marks, to: &out)
        return out
    }

    /// Appends the DOT document for `graph` to `out`.
    /// - Complexity: as ``document(for:marks:)``.
    public func write(_ graph: SupplyGraph, marks: DiagramMarks, to out: inout String) {
        let view = DiagramView(graph, options: options, marks: marks)
        out.reserveCapacity(out.utf8.count + 160 * (view.itemCount + view.supplierCount)
                            + 80 * (graph.usesEdgeCount + graph.supplyEdgeCount) + 4096)
        writeHeader(highlighted: marks.highlight != nil, to: &out)
        var nodes = NodeWriter(graph: graph, marks: marks, out: out, labelWidth: options.labelWidth,
                               compact: options.slide != nil)
        out = ""
        nodes.writeAll(view: view, clustering: options.clustering, stagger: options.supplierStagger)
        nodes.writeAggregates(view: view, clustering: options.clustering, stagger: options.supplierStagger)
        out = nodes.out
        nodes.out = ""
        writeEdges(graph, view: view, marks: marks, to: &out)
        if options.legend { writeLegend(graph: graph, marks: marks, view: view, to: &out) }
        out.append("}\n")
    }

    /// The number of nodes (items and suppliers) the options draw from `graph`, legend excluded:
    /// what a caller weighs to choose a Graphviz layout engine.
    /// - Complexity: O(items + supply edges).
    public func drawnNodeCount(in graph: SupplyGraph) -> Int {
        DiagramView(graph, options: options).nodeCount
    }

    /// The number of nodes drawn with `marks`, after grouping by country and folding minor
    /// suppliers (``DOTOptions/grouping``, ``DOTOptions/minimumShare``), legend excluded.
    /// - Complexity: O(items + supply edges + sourcing entries).
    public func drawnNodeCount(in graph: SupplyGraph, marks: DiagramMarks) -> Int {
        DiagramView(graph, options: options, marks: marks).nodeCount
    }

    /// The items drawn, per `ItemID`.
    /// - Complexity: O(items + supply edges).
    public func drawnItems(in graph: SupplyGraph) -> [Bool] { DiagramView(graph, options: options).items }

    /// `text` with line breaks at spaces so that no line is longer than `width` characters
    /// (a longer word stays whole, and a `%` stays with its number); `text` itself without a
    /// width.
    /// - Complexity: O(length of `text`).
    static func wrapped(_ text: String, width: Int?) -> String {
        guard let width, width > 0, text.count > width else { return text }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                if line.isEmpty { line = String(word) }
                else if line.count + 1 + word.count <= width || word.first == "%" { line += " " + word }
                else { lines.append(line); line = String(word) }
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    static let boldEdge = "penwidth=3, color=\"\(Palette.highlight)\""

    /// `digraph "name" {` with the graph, node and edge defaults.
    func writeHeader(highlighted: Bool, to out: inout String) {
        out.append("digraph ")
        DOTEscaper.appendQuoted(options.graphName, to: &out)
        // newrank: rank the whole graph at once, clusters included — Graphviz 2.42/2.43's
        // cluster ranking aborts ("trouble in init_rank") on some clustered chains without it.
        let compact = options.slide != nil
        out.append(" {\n  graph [charset=\"UTF-8\", fontname=\"Helvetica\", outputorder=\"edgesfirst\", newrank=true, ")
        out.append(compact ? "nodesep=0.12, ranksep=0.45" : "nodesep=0.25, ranksep=0.6")
        if options.leftToRight { out.append(", rankdir=\"LR\"") }
        if let slide = options.slide {
            out.append(", size=\"\(slide.graphvizSize)\", ratio=\"\(slide.graphvizRatio)\", dpi=72, pad=\"0.2\"")
        }
        if let title = options.title {
            out.append(", labelloc=\"t\", fontsize=16, label=")
            DOTEscaper.appendQuoted(title, to: &out)
        }
        for (name, value) in options.graphAttributes {
            out.append(", ")
            DOTEscaper.appendQuoted(name, to: &out)
            out.append("=")
            DOTEscaper.appendQuoted(value, to: &out)
        }
        out.append("];\n  node [style=\"filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=\(DisplayNumber.human(options.nodeFontSize)), ")
        out.append(compact ? "margin=\"0.06,0.02\", height=0.3, width=0.5];\n" : "margin=\"0.08,0.03\"];\n")
        out.append("  edge [fontname=\"Helvetica\", fontsize=\(DisplayNumber.human(options.edgeFontSize)), color=\"\(highlighted ? Palette.faded : Palette.edge)\", arrowsize=0.6];\n")
    }
}

extension DOTWriter {
    /// Whether a supplier's `name` names its `country` already: it holds the code in brackets
    /// ("Utah (US)") or the country's name as a whole word ("Rare-earth mining, China"), any
    /// case. A label then does not add the country again.
    /// - Complexity: O(length of `name`).
    static func name(_ name: String, names country: Country) -> Bool {
        guard country.isKnown else { return false }
        if name.contains("(\(country.code))") { return true }
        let text = Array(name.lowercased()), word = Array(country.name.lowercased())
        guard !word.isEmpty, word.count <= text.count else { return false }
        for start in 0...(text.count - word.count) where text[start..<(start + word.count)].elementsEqual(word) {
            let before = start > 0 ? text[start - 1] : " ", after = start + word.count < text.count ? text[start + word.count] : " "
            if !before.isLetter && !after.isLetter { return true }
        }
        return false
    }
}
