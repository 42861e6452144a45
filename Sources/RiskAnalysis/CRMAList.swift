import SupplyGraph

/// The Critical Raw Materials Act's lists (Regulation (EU) 2024/1252): Annex I, Section 1, the
/// strategic raw materials (17 points), and Annex II, Section 1, the critical raw materials (34
/// points, every strategic one among them), as shipped in `Data/crma-annexes.csv`.
///
/// Each point is keyed by a commodity word (``SupplyGraph/itemCommodity``): an item is
/// ``isStrategic(_:)`` when its commodity is in Annex I in any grade — the Act lists materials
/// "in unprocessed form, at any stage of processing and when occurring as by-product" (Art. 3(1))
/// — and ``isCritical(_:)`` when it is in Annex II. The grade note ("battery grade") is shown,
/// not tested: the data says nothing about grades.
///
/// Example: `graphite` is strategic ("graphite, battery grade"); `coking-coal` and `phosphorus`
/// are critical only; `carbon-fibre` is on neither list.
public enum CRMAList {
    /// Which annex a point belongs to.
    public enum Annex: String, Sendable {
        /// Annex I: strategic raw materials.
        case strategic = "I"
        /// Annex II: critical raw materials.
        case critical = "II"
    }

    /// One point of an annex.
    public struct Entry: Sendable, Hashable {
        /// The commodity word (canonical, as items carry it).
        public let commodity: String
        /// The annex.
        public let annex: Annex
        /// The point's letter in its annex (`a`, ..., `ah`).
        public let point: String
        /// The Act's name ("bauxite/alumina/aluminium").
        public let name: String
        /// The Act's grade note ("battery grade"), if any.
        public let grade: String?

        /// The Act's name with its grade note: "graphite, battery grade".
        /// - Complexity: O(length).
        public var label: String { grade.map { "\(name), \($0)" } ?? name }
    }

    /// The regulation the lists come from.
    public static let reference = "Regulation (EU) 2024/1252 (Critical Raw Materials Act), Annex I and Annex II, Section 1"

    private static let strategicByCommodity: [String: Entry] = Dictionary(
        entries.filter { $0.annex == .strategic }.map { ($0.commodity, $0) }, uniquingKeysWith: { a, _ in a })
    private static let criticalCommodities = Set(entries.filter { $0.annex == .critical }.map(\.commodity))

    /// Whether `commodity` (canonical) is a strategic raw material, in any grade (Annex I).
    /// - Complexity: O(1).
    public static func isStrategic(_ commodity: String?) -> Bool {
        commodity.map { strategicByCommodity[$0] != nil } ?? false
    }

    /// Whether `commodity` (canonical) is a critical raw material (Annex II).
    /// - Complexity: O(1).
    public static func isCritical(_ commodity: String?) -> Bool {
        commodity.map { criticalCommodities.contains($0) } ?? false
    }

    /// The Annex I point of `commodity`, if it is strategic.
    /// - Complexity: O(1).
    public static func strategicEntry(_ commodity: String?) -> Entry? {
        commodity.flatMap { strategicByCommodity[$0] }
    }
}
