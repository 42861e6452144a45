import BudgetPlan
import ChokepointTestSupport
import RiskAnalysis
import SupplyGraph
import Testing

/// The plan's purchases and options, fixed — bought stock added to the stock on hand, the
/// chosen options free and the others gone, budget 0 — give the production kept it claims.
@Suite("Budget plan properties")
struct PlanPropertyTests {
    /// A random three-tier map: systems use components, components use materials; suppliers in
    /// four countries with shares, recovery times and (sometimes) `sourcedFrom`; prices, stock
    /// and options on some items. `extraStock` and `options` replace the stock and the options.
    static func map(seed: UInt64, extraStock: [String: Double] = [:], options: [(id: String, free: Bool)]? = nil) -> String {
        var rng = SplitMix64(state: seed)
        func uniform() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
        func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        let countries = ["CN", "DE", "US", "FR"]
        var out = ""
        let tiers = [["s0", "s1"], ["c0", "c1", "c2"], ["m0", "m1", "m2"]]
        var supplierCount = 0
        var suppliersOf: [String: [String]] = [:]
        var lines: [String] = []
        for (t, tier) in tiers.enumerated() {
            for id in tier {
                let kind = t == 0 ? "system" : t == 1 ? "component" : "material"
                var attributes = "id=\"\(id)\""
                if t == 0 { attributes += " demand=\"\(10 + pick(300))\"" }
                if t > 0 && uniform() < 0.7 { attributes += " price=\"\(1 + pick(50))\"" }
                let stock = (t > 0 && uniform() < 0.4 ? Double(pick(20)) : 0) + (extraStock[id] ?? 0)
                if stock > 0 { attributes += " stock=\"\(stock)\"" }
                var uses = ""
                if t < 2 {
                    for child in tiers[t + 1] where uniform() < 0.6 { uses += "<uses item=\"\(child)\" quantity=\"\(1 + pick(3))\"/>" }
                }
                lines.append("<\(kind) \(attributes)>\(uses)</\(kind)>")
                if t > 0 || uniform() < 0.3 {
                    let k = 1 + pick(3)
                    for _ in 0..<k {
                        let sid = "sup\(supplierCount)"; supplierCount += 1
                        suppliersOf[id, default: []].append(sid)
                        _ = sid
                    }
                }
            }
        }
        // Suppliers, with shares summing to at most 1 and sometimes a sourcedFrom.
        for (item, suppliers) in suppliersOf.sorted(by: { $0.key < $1.key }) {
            var left = 1.0
            for (k, sid) in suppliers.enumerated() {
                let share = k == suppliers.count - 1 ? max(0, left - 0.1 * uniform()) : left * (0.3 + 0.5 * uniform())
                left -= share
                var recovery = ""
                if uniform() < 0.5 { recovery = " recoveryDays=\"\(pick(200))\"" }
                var sourcing = ""
                if item.hasPrefix("c"), let m = lines.first(where: { $0.contains("id=\"\(item)\"") }),
                   let input = ["m0", "m1", "m2"].first(where: { m.contains("uses item=\"\($0)\"") }),
                   let named = suppliersOf[input]?.first, uniform() < 0.4 {
                    sourcing = "<sourcedFrom item=\"\(input)\" suppliers=\"\(named)\"/>"
                }
                lines.append("<supplier id=\"\(sid)\" country=\"\(countries[pick(4)])\"\(recovery)><supplies item=\"\(item)\" share=\"\(share)\">\(sourcing)</supplies></supplier>")
            }
        }
        var all: [(String, String)] = []
        for (k, item) in ["c0", "m1", "m2"].enumerated() where uniform() < 0.6 {
            let id = "opt\(k)"
            all.append((id, "<option id=\"\(id)\" item=\"\(item)\" country=\"\(countries[pick(4)])\" share=\"\(0.2 + 0.8 * uniform())\" cost=\"COST\" leadTimeDays=\"\(pick(120))\"/>"))
            _ = item
        }
        let costs = all.map { _ in String(100 + pick(400)) }
        for (k, (id, line)) in all.enumerated() {
            if let options {
                guard let o = options.first(where: { $0.id == id }), o.free else { continue }
                lines.append(line.replacingOccurrences(of: "COST", with: "0"))
            } else {
                lines.append(line.replacingOccurrences(of: "COST", with: costs[k]))
            }
        }
        out = lines.joined(separator: "\n")
        return out
    }

    @Test(arguments: 1...12)
    func thePurchasesFixedGiveTheProductionKeptClaimed(seed: Int) throws {
        let body = Self.map(seed: UInt64(seed))
        let graph = try supplyGraph(body: body)
        let scenario = try PlanScenario(Scenario(withoutCountries: ["CN"]), in: graph)
        let plan = try BudgetPlan(graph: graph, scenario: scenario, settings: PlanSettings(days: 180, period: 30, budget: 2000))
        #expect(plan.cost <= 2000 + 1e-6)
        #expect(plan.productionKept >= plan.productionKeptWithoutPlan - 1e-9)
        var stock: [String: Double] = [:]
        for p in plan.purchases { stock[graph.itemKeys[p.item]] = p.quantity }
        let options = graph.options.enumerated().map { (id: $0.element.id, free: plan.optionsChosen[$0.offset]) }
        let fixedGraph = try supplyGraph(body: Self.map(seed: UInt64(seed), extraStock: stock, options: options))
        let fixedScenario = try PlanScenario(Scenario(withoutCountries: ["CN"]), in: fixedGraph)
        let fixed = try BudgetPlan(graph: fixedGraph, scenario: fixedScenario, settings: PlanSettings(days: 180, period: 30, budget: 0))
        #expect(abs(fixed.productionKept - plan.productionKept) < 1e-6, "seed \(seed)")
    }
}
