import SupplyGraph

/// What a ``DOTWriter`` draws and how: the part of the graph, the clusters, the layout hints and
/// the legend (what is marked, highlighted or lost comes with ``DiagramMarks``).
///
/// ```swift
/// var options = DOTOptions()
/// options.focus = graph.item(withKey: "mmr")
/// let dot = DOTWriter(options: options).document(for: graph, marks: DiagramMarks(plain: graph))
/// ```
public struct DOTOptions: Sendable {
    /// How nodes are grouped into Graphviz clusters.
    public enum Clustering: String, Sendable, CaseIterable {
        /// One cluster per tier: systems, components, materials, suppliers.
        case tier
        /// Suppliers in one cluster per country; the EU's countries inside one `EU` cluster;
        /// suppliers of unknown origin in a cluster of their own. Items stay outside.
        case country
        /// No clusters.
        case none
    }

    /// The system whose BOM closure (its items plus the suppliers of those items) is drawn;
    /// `nil` for the whole graph.
    public var focus: ItemID? = nil
    /// How many BOM tiers below the root(s) to draw (0: the system alone, with its suppliers);
    /// `nil` for no limit. Without a ``focus`` the roots are all systems.
    public var depth: Int? = nil
    /// The clusters.
    public var clustering: Clustering = .tier
    /// Whether to add a legend cluster explaining shapes, colours and edge styles.
    public var legend = true
    /// Whether edges carry labels (quantity on BOM edges, share on supply edges).
    public var edgeLabels = true
    /// Spread each item's suppliers over this many ranks (as Graphviz's `unflatten -l` does), so
    /// that an item with many suppliers makes a block instead of one very wide row; 1 for none.
    /// Only `dot` layouts use it. With tier clusters, suppliers then get no cluster box (a box
    /// would pull them back into one row).
    public var supplierStagger = 1
    /// Lay the tiers out left to right (`rankdir=LR`) instead of top to bottom: a whole map with
    /// hundreds of suppliers reads better as a tall column than as a wide row.
    public var leftToRight = false
    /// How an item's suppliers are drawn: one node per supplier (shared by the items it
    /// supplies), or one node per country per item.
    public var grouping: SupplierGrouping = .supplier
    /// Fold an item's suppliers (or, grouped by country, its countries) whose share is below
    /// this fraction into one node per item, "7 others, 12 %", their countries in its tooltip;
    /// `nil` to draw every supplier. A supplier that is a single point of failure, lies on a
    /// highlighted path or takes part in a `sourcedFrom` link is never folded, nor is a lone
    /// minor supplier (one node either way).
    public var minimumShare: Double? = nil
    /// Fit the drawing to a slide: stretch it to the slide's aspect and scale it down to fit
    /// its pixel size (Graphviz `ratio`, `size` and `dpi=72`), and lay it out compactly: tighter
    /// node and rank separation, small minimum node sizes, each supplier's country on its
    /// name's last line and the legend as one table; `nil` for the natural size and the full layout.
    public var slide: SlideSize? = nil
    /// Wrap item and supplier names longer than this many characters onto several lines (at
    /// spaces), so long names make narrow nodes; `nil` to keep each name on one line.
    public var labelWidth: Int? = nil
    /// Draw no node for the suppliers that need none — all but single points of failure,
    /// suppliers on a highlighted path and those in a `sourcedFrom` link — and list them under
    /// their item's name instead, by country with their shares ("CN 98.9 %, JP 1 %, 2 more"):
    /// a diagram for a printed page, with a node per item and per supplier that matters.
    public var suppliersInItemLabels = false
    /// The size of the nodes' labels, in points before the drawing is scaled to ``slide``.
    public var nodeFontSize = 10.0
    /// The size of the edges' labels (quantities, shares), in points before scaling.
    public var edgeFontSize = 8.0
    /// The graph's name in the DOT text (`digraph "name" { ... }`).
    public var graphName = "chokepoint"
    /// A title drawn at the top of the diagram; `nil` for none.
    public var title: String? = nil
    /// Extra graph attributes written verbatim as `name="value"` (values escaped), after the
    /// writer's own, e.g. `("rankdir", "LR")`.
    public var graphAttributes: [(name: String, value: String)] = []

    /// The default options: the whole graph, tier clusters, a legend, edge labels.
    /// - Complexity: O(1).
    public init() {}

    /// How an item's suppliers are drawn.
    public enum SupplierGrouping: String, Sendable, CaseIterable {
        /// One node per supplier.
        case supplier
        /// One node per country per item ("China (CN), 3 suppliers"); suppliers of unknown
        /// origin make one node per item.
        case country
    }
}

/// The size of a slide a diagram must fit: an aspect ratio and a width in pixels (at Graphviz's
/// 72 dpi one point is one pixel, so a PNG of a diagram fitted to `16:9` is at most 1920 × 1080).
///
/// ```swift
/// let slide = SlideSize(parsing: "16:9")   // 1920 × 1080
/// ```
public struct SlideSize: Sendable, Equatable, CustomStringConvertible {
    /// The aspect ratio's width part (16 of 16:9).
    public let aspectWidth: Double
    /// The aspect ratio's height part (9 of 16:9).
    public let aspectHeight: Double
    /// The slide's width in pixels.
    public let widthPixels: Double

    /// The 16:9 slide of a 1920 × 1080 screen.
    public static let widescreen = SlideSize(aspectWidth: 16, aspectHeight: 9)

    /// A slide of the given aspect, `widthPixels` wide.
    /// - Precondition: all three are finite and above 0.
    /// - Complexity: O(1).
    public init(aspectWidth: Double, aspectHeight: Double, widthPixels: Double = 1920) {
        precondition(aspectWidth > 0 && aspectHeight > 0 && widthPixels > 0 && (aspectWidth + aspectHeight + widthPixels).isFinite)
        self.aspectWidth = aspectWidth
        self.aspectHeight = aspectHeight
        self.widthPixels = widthPixels
    }

    /// Reads `16:9`, `4:3` or `1.6` (width over height) — a slide 1920 px wide.
    /// - Returns: `nil` when the text is not an aspect of two positive numbers (or one).
    /// - Complexity: O(length of `text`).
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Double($0.droppingSpaces()) }
        switch parts.count {
        case 1:
            guard let r = parts[0], r > 0, r.isFinite else { return nil }
            self.init(aspectWidth: r, aspectHeight: 1)
        case 2:
            guard let w = parts[0], let h = parts[1], w > 0, h > 0, w.isFinite, h.isFinite else { return nil }
            self.init(aspectWidth: w, aspectHeight: h)
        default:
            return nil
        }
    }

    /// The slide's height in pixels.
    /// - Complexity: O(1).
    public var heightPixels: Double { widthPixels * aspectHeight / aspectWidth }

    /// `16:9`.
    /// - Complexity: O(1).
    public var description: String { "\(DisplayNumber.human(aspectWidth)):\(DisplayNumber.human(aspectHeight))" }

    /// The Graphviz `size` in inches (72 px each): the drawing is scaled down, never up, to fit.
    var graphvizSize: String { "\(DisplayNumber.human(widthPixels / 72)),\(DisplayNumber.human(heightPixels / 72))" }

    /// The Graphviz `ratio`, height over width: the drawing is stretched to the slide's aspect.
    var graphvizRatio: String { DisplayNumber.human(aspectHeight / aspectWidth) }
}

extension StringProtocol {
    /// The text without spaces at either end.
    func droppingSpaces() -> Substring {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}
