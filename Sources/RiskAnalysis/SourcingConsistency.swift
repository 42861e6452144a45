import SupplyGraph

/// Where buyers restricted by `sourcedFrom` need more of an input at normal production than
/// their named suppliers normally make — an inconsistency of the data — and the normal flows
/// raised so that normal production is feasible.
///
/// The normal flow of a supply edge `e = s → i` is `r(e) = ŵ(e) · req(i)` units per year. A
/// buyer edge `b = s' → p` that names suppliers `S` for input `c` needs
/// `quantity(p, c) · r(b)` of `c` a year, all of it from the edges of `S` to `c`. The buyers
/// of one input that name the same set `S` form one group, whose need is compared with
/// `Σ r(e')` over the edges of `S` (plus the needs of every group whose set lies inside `S`,
/// since those buyers can only draw from part of it). Where the need is larger (beyond a
/// relative 1e-9), ``raisedFlows`` raises those edges' `r` in proportion to their `ŵ` (equally
/// when all are 0) until it is not, repeating until no group is short.
///
/// Example: the bundled MMR's two GaN fabs buy wafers only from a supplier of share 0.7, but
/// together need all the wafers: the supplier's normal flow is raised from 0.7 to 1 times the
/// wafers' requirement.
public enum SourcingConsistency {
    /// One group of buyers that need more than their named suppliers normally make.
    public struct Shortfall: Sendable, Equatable {
        /// The input they buy.
        public let input: ItemID
        /// The buyers' supply edges (each names the same suppliers for `input`).
        public let buyers: [SupplyEdgeID]
        /// The named suppliers' edges to `input`.
        public let suppliers: [SupplyEdgeID]
        /// What the buyers (and those restricted to a subset of the same suppliers) need per
        /// year at normal production, in the input's unit.
        public let need: Double
        /// What the named suppliers normally make per year, `Σ r(e')`.
        public let normalFlow: Double
    }

    private struct Group { var input: ItemID; var named: [SupplyEdgeID]; var buyers: [SupplyEdgeID]; var need: Double }

    private static func groups(_ graph: SupplyGraph, _ shares: ShareTable, _ requirement: IDArray<ItemID, Double>) -> [Group] {
        guard graph.hasSourcing else { return [] }
        var index: [[UInt32]: Int] = [:]
        var result: [Group] = []
        for e in graph.supplyEdgeIDs {
            let entries = graph.sourcingEntries(of: e)
            if entries.isEmpty { continue }
            let item = graph.edgeItem[e]
            let flow = shares.edges[e] * requirement[item]
            for entry in entries {
                let input = graph.sourcingInput(ofEntry: entry)
                let named = graph.sourcingEdges(ofEntry: entry).sorted { $0.rawValue < $1.rawValue }
                if named.isEmpty { continue }
                var quantity = 0.0
                for u in graph.usesEdges(of: item) where graph.usesChild[u] == input { quantity += graph.usesQuantity[u] }
                let key = [input.rawValue] + named.map(\.rawValue)
                if let g = index[key] {
                    result[g].buyers.append(e); result[g].need += quantity * flow
                } else {
                    index[key] = result.count
                    result.append(Group(input: input, named: named, buyers: [e], need: quantity * flow))
                }
            }
        }
        return result
    }

    /// The need of group `g`: its own and that of every group of the same input whose named
    /// edges all lie in `g`'s.
    private static func need(of g: Int, in groups: [Group]) -> Double {
        let set = Set(groups[g].named)
        return groups.indices.reduce(0) { sum, h in
            groups[h].input == groups[g].input && groups[h].named.allSatisfy(set.contains) ? sum + groups[h].need : sum
        }
    }

    private static func short(_ need: Double, _ flow: Double) -> Bool { need > flow + 1e-9 * max(1, need) }

    /// The groups of buyers whose named suppliers normally make less than they need, with the
    /// data's own normal flows (for `validate`'s warning).
    /// - Complexity: O(sourcing entries · groups of one input), expected.
    public static func shortfalls(in graph: SupplyGraph, shares: ShareTable, requirement: IDArray<ItemID, Double>) -> [Shortfall] {
        let all = groups(graph, shares, requirement)
        var result: [Shortfall] = []
        for g in all.indices {
            let need = need(of: g, in: all)
            let flow = all[g].named.reduce(0) { $0 + shares.edges[$1] * requirement[graph.edgeItem[$1]] }
            if short(need, flow) {
                result.append(Shortfall(input: all[g].input, buyers: all[g].buyers, suppliers: all[g].named, need: need, normalFlow: flow))
            }
        }
        return result
    }

    /// `r(e)` for every supply edge, raised where buyers restricted by `sourcedFrom` need more
    /// than their named suppliers' normal flow (in proportion to the named edges' `ŵ`).
    /// - Complexity: O(supply edges + passes · sourcing entries · groups of one input); the
    ///   raises only grow, and the passes stop when no group is short (at most 100).
    public static func raisedFlows(in graph: SupplyGraph, shares: ShareTable, requirement: IDArray<ItemID, Double>) -> IDArray<SupplyEdgeID, Double> {
        var flow = IDArray<SupplyEdgeID, Double>(repeating: 0, count: graph.supplyEdgeCount)
        for e in graph.supplyEdgeIDs { flow[e] = shares.edges[e] * requirement[graph.edgeItem[e]] }
        let all = groups(graph, shares, requirement).sorted { $0.named.count < $1.named.count }
        for _ in 0..<100 {
            var changed = false
            for g in all.indices {
                let need = need(of: g, in: all)
                let have = all[g].named.reduce(0) { $0 + flow[$1] }
                guard short(need, have) else { continue }
                let weight = all[g].named.reduce(0) { $0 + shares.edges[$1] }
                for e in all[g].named {
                    let part = weight > 0 ? shares.edges[e] / weight : 1 / Double(all[g].named.count)
                    flow[e] += (need - have) * part
                }
                changed = true
            }
            if !changed { break }
        }
        return flow
    }
}
