import Testing
import SupplyGraph
import SupplyXML
import ChokepointTestSupport
@testable import RiskAnalysis

/// Imports a small data set written in the body of a `<supplyChain>`.
func graph(_ body: String) throws -> SupplyGraph { try supplyGraph(body: body) }

extension SupplyGraph {
    func id(_ key: String) -> ItemID { item(withKey: key)! }
    func sid(_ key: String) -> SupplierID { supplier(withKey: key)! }
    func keys(_ items: [ItemID]) -> [String] { items.map { itemKeys[$0.index] }.sorted() }
    func supplierKeys(_ suppliers: [SupplierID]) -> [String] { suppliers.map { supplierKeys[$0.index] }.sorted() }
}

func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool { abs(a - b) <= tolerance }

/// A hidden single point of failure: part P is made by two suppliers (DE, FR), but both buy
/// its input M only from m1 (CN), although M has a second source m2 (PL).
///
/// Worked by hand:
/// - ŵ: p1 0.6, p2 0.4; m1 0.5, m2 0.5.
/// - req: X 10, P 20, M 60.
/// - SPOF(X): suppliers {m1}, countries {CN}.
/// - EU only (m1 fails): M available (m2), P not (both edges need m1), X not. Blocking: P.
/// - x(M) = 0.5·1 + 0.5·0 = 0.5; x(p1) = 1 − (1 − x(m1 edge)) = 1; x(P) = 1; x(X) = 1.
let hiddenSPOF = """
    <system id="X" demand="10"><uses item="P" quantity="2"/></system>
    <component id="P"><uses item="M" quantity="3"/></component>
    <material id="M" unit="kg"/>
    <supplier id="p1" country="DE"><supplies item="P" share="0.6"><sourcedFrom item="M" suppliers="m1"/></supplies></supplier>
    <supplier id="p2" country="FR"><supplies item="P" share="0.4"><sourcedFrom item="M" suppliers="m1"/></supplies></supplier>
    <supplier id="m1" country="CN"><supplies item="M" share="0.5"/></supplier>
    <supplier id="m2" country="PL"><supplies item="M" share="0.5"/></supplier>
    """

/// Exposure through sourcedFrom, with a common sub-supplier that is a single point of failure.
///
/// Worked by hand:
/// - x(R) = 0.8·1 + 0.2·0 = 0.8 (r1 in CN, r2 in SE); x(S) = 0 (s1 in DE, S has no inputs).
/// - q1 (NL, open market): x = 1 − (1 − 0.8)(1 − 0) = 0.8.
/// - q2 (BE, sourcedFrom R: r2): x = 1 − (1 − x(r2 edge))(1 − 0) = 0.
/// - x(Q) = 0.5·0.8 + 0.5·0 = 0.4; Y in house: x(Y) = 1 − (1 − 0.4) = 0.4.
/// - K(R) = {r1} ∩ {r2} = ∅; K(S) = {s1}; K(q1) = {q1, s1}; K(q2) = {q2, r2, s1}; K(Q) = {s1}.
///   Countries: K(Q) = {NL, DE} ∩ {BE, SE, DE} = {DE}.
/// - EU only: r1 fails; R, Q, Y available: EU-buildable.
let sourcedExposure = """
    <system id="Y"><uses item="Q" quantity="1"/></system>
    <component id="Q"><uses item="R" quantity="1"/><uses item="S" quantity="1"/></component>
    <material id="R"/><material id="S"/>
    <supplier id="r1" country="CN"><supplies item="R" share="0.8"/></supplier>
    <supplier id="r2" country="SE"><supplies item="R" share="0.2"/></supplier>
    <supplier id="s1" country="DE"><supplies item="S"/></supplier>
    <supplier id="q1" country="NL"><supplies item="Q" share="0.5"/></supplier>
    <supplier id="q2" country="BE"><supplies item="Q" share="0.5"><sourcedFrom item="R" suppliers="r2"/></supplies></supplier>
    <countryGroup id="friends" members="CN"/>
    """

/// A country by its code in a test's expectations: `"CN"`, `"unknown"`.
extension Country: ExpressibleByStringLiteral {
    public init(stringLiteral code: String) { self = code == "unknown" ? .unknown : Country(code: code)! }
}

extension MapDiff.ShareShift {
    /// A shift under the EU perimeter.
    init(item: String, country: Country, old: Double, new: Double) {
        self.init(item: item, country: country, old: old, new: new, isOutside: Perimeter.eu.isOutside(country))
    }
}
