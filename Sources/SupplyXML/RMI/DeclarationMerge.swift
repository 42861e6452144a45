import SupplyGraph

extension ImportSession {
    /// Merges the suppliers' declarations read from RMI templates into the map, once every
    /// file is read (the declarant and the items below it may come from any file). The rules
    /// are the article "Suppliers' declarations":
    /// - the declarant is the one supplier whose normalised name (or `declarant` attribute)
    ///   is the declaration's company name, normalised likewise; none or several is an error at
    ///   Declaration!D8 that names the nearest suppliers;
    /// - each smelter is a supplier (id its identification, else
    ///   `smelter:<normalised name, spaces as hyphens>:<ISO code or unknown>`); an id that is
    ///   already a supplier's is that supplier, an item's id is an error;
    /// - for each declared metal and each item the declarant supplies (within the product list
    ///   where the scope is products), the nearest items of the metal's commodity below it get
    ///   the smelters as suppliers, without share; a direct input also gets a `sourcedFrom` on
    ///   the declarant's edge; deeper ones a warning; a metal without such an item a warning.
    ///
    /// Does nothing when the map without the declarations does not build (its errors are then
    /// reported as they are).
    /// - Complexity: O(map) for a first build, plus O(declared rows × items below the
    ///   declarant's items).
    func applyDeclarations() {
        guard !declarations.isEmpty, errorCount == 0 else { return }
        guard let graph = try? builder.build().graph else { return }
        // The suppliers by normalised name and declarant attribute.
        var byName: [String: [SupplierID]] = [:]
        for s in graph.suppliers {
            let n = DeclarantNames.normalise(graph.supplierNames[s.index])
            if !n.isEmpty { byName[n, default: []].append(s) }
        }
        for (key, declarant) in supplierDeclarants {
            guard let s = graph.supplier(withKey: key) else { continue }
            let n = DeclarantNames.normalise(declarant)
            if !n.isEmpty && !(byName[n]?.contains(s) ?? false) { byName[n, default: []].append(s) }
        }
        var addedSuppliers = Set<String>()
        var addedEdges = Set<String>()
        for s in graph.supplyEdgeIDs {
            addedEdges.insert(graph.supplierKeys[graph.edgeSupplier[s].index] + "\u{0}" + graph.itemKeys[graph.edgeItem[s].index])
        }
        for declaration in declarations {
            let wanted = DeclarantNames.normalise(declaration.declarant)
            let matches = wanted.isEmpty ? [] : (byName[wanted] ?? [])
            guard matches.count == 1, let declarant = matches.first else {
                let shown = matches.isEmpty
                    ? nearestSuppliers(wanted, graph)
                    : matches.map { "'\(graph.supplierKeys[$0.index])' (\(graph.supplierNames[$0.index]))" }
                let message = matches.isEmpty
                    ? "the declarant '\(declaration.declarant)' is no supplier of the map\(shown.isEmpty ? "" : " (nearest: \(shown.joined(separator: ", ")))"): name the supplier as the declaration does, or give it the attribute declarant=\"\(declaration.declarant)\""
                    : "the declarant '\(declaration.declarant)' matches several suppliers (\(shown.joined(separator: ", "))): give one of them the attribute declarant=\"\(declaration.declarant)\" and rename the others"
                error(.rmiDeclarant, message, declaration.declarantAt)
                continue
            }
            let declarantKey = graph.supplierKeys[declarant.index]
            var summary = DeclarationSummary(file: declaration.file, template: "\(declaration.template.kind.rawValue) \(declaration.template.version)",
                                             declarant: declarantKey, metals: [], smelters: [])
            defer { declarationSummaries.append(summary) }
            // The items the declaration covers.
            var covered: [ItemID] = []
            for e in graph.supplyEdges(from: declarant) {
                let item = graph.edgeItem[e]
                if let products = declaration.products {
                    let id = DeclarantNames.normalise(graph.itemKeys[item.index])
                    let name = DeclarantNames.normalise(graph.itemNames[item.index])
                    guard products.contains(id) || products.contains(name) else { continue }
                }
                if !covered.contains(item) { covered.append(item) }
            }
            for metal in declaration.metals {
                if metal.notYetIdentified > 0 {
                    warning(.rmiNotYetIdentified, "\(metal.notYetIdentified) \(metal.metal) smelter row\(metal.notYetIdentified == 1 ? " says" : "s say") 'Smelter not yet identified' (declarant '\(declarantKey)'): that part of its \(metal.metal) is not traced", metal.at)
                }
                let smelters = declaration.smelters.filter { $0.commodity == metal.commodity }
                summary.metals.append(DeclarationSummary.Metal(metal: metal.metal, commodity: metal.commodity, smelters: smelters.count,
                                                               notYetIdentified: metal.notYetIdentified, merged: false))
                if smelters.isEmpty { continue }
                let commodity = Self.canonicalCommodity(metal.commodity)
                // The nearest items of the commodity below each covered item.
                var targets: [(item: ItemID, direct: Bool, under: ItemID)] = []
                for root in covered {
                    var seen = Set<UInt32>([root.rawValue])
                    var stack: [(ItemID, Bool)] = graph.children(of: root).map { ($0, true) }
                    while let (item, direct) = stack.popLast() {
                        guard seen.insert(item.rawValue).inserted else { continue }
                        if Self.commodity(of: item, in: graph) == commodity {
                            targets.append((item, direct, root))
                        } else {
                            stack.append(contentsOf: graph.children(of: item).map { ($0, false) })
                        }
                    }
                }
                if targets.isEmpty {
                    let items = covered.map { "'\(graph.itemKeys[$0.index])'" }.joined(separator: ", ")
                    warning(.rmiMetalUnused, "the declarant '\(declarantKey)' declares \(metal.metal), but no item of commodity '\(commodity)' lies below \(covered.isEmpty ? "the items it supplies (it supplies none in the declaration's scope)" : "what it supplies (\(items))"): its \(smelters.count) smelter\(smelters.count == 1 ? " is" : "s are") not added", metal.at)
                    continue
                }
                summary.metals[summary.metals.count - 1].merged = true
                // The smelters as suppliers (once each, whichever declaration names them first).
                var keys: [String] = []
                for smelter in smelters {
                    let key = smelter.identification ?? Self.smelterKey(smelter)
                    if graph.item(withKey: key) != nil {
                        error(.rmiSmelterIsItem, "the smelter '\(smelter.name)' would be supplier '\(key)', which is the id of an item", smelter.at)
                        continue
                    }
                    if graph.supplier(withKey: key) == nil && addedSuppliers.insert(key).inserted {
                        builder.addSupplier(key: key, name: smelter.name, country: smelter.country.isKnown ? smelter.country.code : nil)
                        supplierLocations.append(smelter.at)
                    }
                    if !keys.contains(key) { keys.append(key) }
                    if !summary.smelters.contains(key) { summary.smelters.append(key) }
                    summary.metals[summary.metals.count - 1].smelterIDs.append(key)
                    for target in targets where addedEdges.insert(key + "\u{0}" + graph.itemKeys[target.item.index]).inserted {
                        builder.addSupply(supplierKey: key, item: graph.itemKeys[target.item.index])
                        supplyLocations.append(smelter.at)
                    }
                }
                if keys.isEmpty { continue }
                for target in targets where !summary.metals[summary.metals.count - 1].items.contains(graph.itemKeys[target.item.index]) {
                    summary.metals[summary.metals.count - 1].items.append(graph.itemKeys[target.item.index])
                }
                var deep = Set<UInt32>()
                for target in targets {
                    if target.direct {
                        let e = builder.addSourcing(supplierKey: declarantKey, item: graph.itemKeys[target.under.index],
                                                    input: graph.itemKeys[target.item.index], suppliers: keys)
                        supplyLocations.append(metal.at)
                        sourcingLocations[e] = [metal.at]
                    } else if deep.insert(target.item.rawValue).inserted {
                        warning(.rmiDeepSourcing, "the \(metal.metal) smelters of '\(declarantKey)' supply '\(graph.itemKeys[target.item.index])', which lies below '\(graph.itemKeys[target.under.index])' but is not a direct input of it: the declarant's edge gets no sourcedFrom for it", metal.at)
                    }
                }
            }
        }
    }

    /// `smelter:<normalised name, spaces as hyphens>:<ISO code or unknown>`.
    static func smelterKey(_ smelter: RMIDeclaration.Smelter) -> String {
        let name = DeclarantNames.normalise(smelter.name).replacingOccurrences(of: " ", with: "-")
        return "smelter:\(name.isEmpty ? "unnamed" : name):\(smelter.country.code)"
    }

    /// The three suppliers whose normalised names are nearest to `wanted`.
    private func nearestSuppliers(_ wanted: String, _ graph: SupplyGraph) -> [String] {
        let w = Array(wanted)
        var scored: [(Int, SupplierID)] = []
        for s in graph.suppliers {
            let n = Array(DeclarantNames.normalise(graph.supplierNames[s.index]))
            scored.append((RMIMetals.editDistance(w, n), s))
        }
        scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1.rawValue < $1.1.rawValue }
        return scored.prefix(3).map { "'\(graph.supplierKeys[$0.1.index])' (\(graph.supplierNames[$0.1.index]))" }
    }
}
