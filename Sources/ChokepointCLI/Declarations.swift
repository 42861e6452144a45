import RiskAnalysis
import SupplyGraph
import SupplyXML

extension SupplyChainImporter.Result {
    /// The declaration coverage of the imported map: the suppliers whose RMI declarations were
    /// read are the declarants; an item is declarable when its commodity is one some template
    /// covers.
    /// - Complexity: O(items + BOM edges + declarations).
    var declarationCoverage: DeclarationCoverage {
        let graph = self.graph
        let declarants = Set(declarations.compactMap { graph.supplier(withKey: $0.declarant) })
        let declarable = DeclarationSummary.declarableCommodities
        let smelters = Set(declarations.flatMap(\.smelters).compactMap { graph.supplier(withKey: $0) })
        var coverage = DeclarationCoverage(graph, declarants: declarants, smelters: smelters) { item in
            guard let commodity = itemCommodity(graph, item) else { return false }
            return declarable.contains(commodity)
        }
        for declaration in declarations {
            guard let declarant = graph.supplier(withKey: declaration.declarant) else { continue }
            for metal in declaration.metals {
                coverage.declarations.append(DeclarationCoverage.Declared(
                    declarant: declarant, source: "\(declaration.file), \(declaration.template)", metal: metal.metal,
                    items: metal.items.compactMap { graph.item(withKey: $0) },
                    smelters: metal.smelterIDs.compactMap { graph.supplier(withKey: $0) },
                    notYetIdentified: metal.notYetIdentified))
            }
        }
        return coverage
    }
}

private func itemCommodity(_ graph: SupplyGraph, _ item: ItemID) -> String? { graph.itemCommodity[item] }
