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
}
