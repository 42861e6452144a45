import CSupplyXML
import SupplyGraph

/// Reads a CycloneDX 1.5–1.7 XML bill of materials (the article "The supply-chain XML format") through the shim's generic SAX2
/// mode into the builder:
/// - every `component` under `bom/components` (nested to any depth) or `bom/metadata/component`
///   is an item, its id the `bom-ref`, else `name@version` (`name` alone without a version);
///   components elsewhere (a pedigree's ancestors, say) are history, not items;
/// - `metadata/component` is a system, every other component a component, unless the property
///   `chokepoint:kind` says `system`, `component` or `material`;
/// - nested `components` and `dependencies` (`ref` depends on each `dependency`) are BOM edges,
///   the quantity the child's property `chokepoint:quantity` (default 1); one parent and child
///   given both ways are one edge;
/// - a component's `manufacturer` (1.6+), else its `supplier`, is its supplier (id its
///   `bom-ref`, else its `name`), the country its `address/country` (an ISO 3166-1 alpha-2 code
///   or an English name), the share of the supply edge the component's `chokepoint:share`;
/// - `chokepoint:demand`, `chokepoint:stock`, `chokepoint:unit` and `chokepoint:commodity` fill
///   the item.
/// Everything else is ignored. A `dependency` whose `ref` no element of the BOM carries as its
/// `bom-ref` is an error at its line; one that names a service or another element that is no
/// item is left out. A component without `bom-ref` whose `name@version` repeats is the same item.
final class CycloneDXReader: XMLPartHandler {
    static let vocabulary = XMLVocabulary(
        elements: ["bom", "metadata", "component", "components", "name", "version", "properties", "property",
                   "manufacturer", "supplier", "address", "country", "dependencies", "dependency"],
        attributes: ["bom-ref", "ref", "name"])
    private enum El: Int32 {
        case bom = 1, metadata, component, components, name, version, properties, property
        case manufacturer, supplier, address, country, dependencies, dependency
    }
    private static let atBomRef: Int32 = 2, atRef: Int32 = 3, atName: Int32 = 4

    static let namespacePrefix = "http://cyclonedx.org/schema/bom/"
    static let versions = ["1.5", "1.6", "1.7"]

    struct Organisation {
        var bomRef: String?, name: String?, country: String?
        var at: PackedLocation, countryAt: PackedLocation
    }
    struct Component {
        var bomRef: String?, name: String?, version: String?
        var parent: Int?
        var isMetadata: Bool
        var properties: [(name: String, value: String, at: PackedLocation)] = []
        var manufacturer: Organisation?, supplier: Organisation?
        var at: PackedLocation
    }

    /// What an open element is, for the ones the mapping reads.
    private enum Frame {
        case bom, metadata, components(parent: Int?), component(Int), properties(Int), property(Int, String, PackedLocation)
        case organisation(Int, manufacturer: Bool), address(Int, manufacturer: Bool), country(Int, manufacturer: Bool)
        case name(component: Int?, organisation: (Int, Bool)?), version(Int)
        case dependencies, dependency(ref: String?, at: PackedLocation), other
    }

    unowned let session: ImportSession
    private var stack: [Frame] = []
    private var components: [Component] = []
    private var dependencies: [(ref: String, on: String, at: PackedLocation)] = []
    private var bomRefs = Set<String>()
    private var text = TextBuffer(limit: 1 << 16)
    private(set) var sawRoot = false
    private var refused = false

    init(session: ImportSession) { self.session = session }

    // MARK: Parsing

    func start(_ code: Int32, _ start: cs_start_element, _ at: PackedLocation) {
        let a = PartAttributes(start: start)
        if let ref = a.string(Self.atBomRef), !ref.isEmpty { bomRefs.insert(ref) }
        let el = El(rawValue: code)
        if stack.isEmpty {
            sawRoot = true
            let namespace = start.namespace_uri.map { String(cString: $0) } ?? ""
            let version = namespace.hasPrefix(Self.namespacePrefix) ? String(namespace.dropFirst(Self.namespacePrefix.count)) : ""
            guard el == .bom, Self.versions.contains(version) else {
                let what = el == .bom && !version.isEmpty ? "CycloneDX \(version)" : "<\(String(cString: start.localname))> in \(namespace.isEmpty ? "no namespace" : namespace)"
                session.error(.wrongRoot, "\(what) is not read: Chokepoint reads CycloneDX 1.5 to 1.7 (<bom> in \(Self.namespacePrefix)1.5, 1.6 or 1.7)", at)
                refused = true
                cs_stop_current_parse()
                return
            }
            stack.append(.bom)
            return
        }
        let frame: Frame
        switch (stack.last!, el) {
        case (.bom, .metadata): frame = .metadata
        case (.bom, .components): frame = .components(parent: nil)
        case (.component(let c), .components): frame = .components(parent: c)
        case (.metadata, .component): frame = .component(newComponent(a, parent: nil, metadata: true, at))
        case (.components(let parent), .component): frame = .component(newComponent(a, parent: parent, metadata: false, at))
        case (.component(let c), .name): frame = .name(component: c, organisation: nil); text.begin()
        case (.component(let c), .version): frame = .version(c); text.begin()
        case (.component(let c), .properties): frame = .properties(c)
        case (.properties(let c), .property): frame = .property(c, a.string(Self.atName) ?? "", at); text.begin()
        case (.component(let c), .manufacturer), (.component(let c), .supplier):
            let isManufacturer = el == .manufacturer
            let organisation = Organisation(bomRef: a.string(Self.atBomRef), name: nil, country: nil, at: at, countryAt: at)
            if isManufacturer { components[c].manufacturer = organisation } else { components[c].supplier = organisation }
            frame = .organisation(c, manufacturer: isManufacturer)
        case (.organisation(let c, let m), .name): frame = .name(component: nil, organisation: (c, m)); text.begin()
        case (.organisation(let c, let m), .address): frame = .address(c, manufacturer: m)
        case (.address(let c, let m), .country):
            frame = .country(c, manufacturer: m); text.begin()
            update(c, m) { $0.countryAt = at }
        case (.bom, .dependencies): frame = .dependencies
        case (.dependencies, .dependency): frame = .dependency(ref: a.string(Self.atRef), at: at)
        case (.dependency(let ref, _), .dependency):
            if let ref, let on = a.string(Self.atRef) { dependencies.append((ref, on, at)) }
            frame = .other
        default: frame = .other
        }
        stack.append(frame)
    }

    private func newComponent(_ a: PartAttributes, parent: Int?, metadata: Bool, _ at: PackedLocation) -> Int {
        components.append(Component(bomRef: a.string(Self.atBomRef).flatMap { $0.isEmpty ? nil : $0 }, name: nil, version: nil,
                                    parent: parent, isMetadata: metadata, at: at))
        return components.count - 1
    }

    private func update(_ c: Int, _ manufacturer: Bool, _ body: (inout Organisation) -> Void) {
        if manufacturer { if components[c].manufacturer != nil { body(&components[c].manufacturer!) } }
        else if components[c].supplier != nil { body(&components[c].supplier!) }
    }

    func end(_ code: Int32) {
        guard let frame = stack.popLast() else { return }
        switch frame {
        case .name(let c, let organisation):
            let value = taken()
            if let c { components[c].name = value }
            if let (c, m) = organisation { update(c, m) { $0.name = value } }
        case .version(let c): components[c].version = taken()
        case .property(let c, let name, let at): components[c].properties.append((name, taken(), at))
        case .country(let c, let m): let value = taken(); update(c, m) { $0.country = value }
        default: break
        }
    }

    private func taken() -> String {
        if text.overflowed {
            session.error(.refused, "a text of the BOM longer than 64 KiB: refused", PackedLocation(file: session.fileIndex, line: 0, column: 0))
        }
        return text.take()
    }

    func text(_ bytes: UnsafeRawBufferPointer) { text.append(bytes) }

    // MARK: Into the builder

    /// The item id of each component: its bom-ref, else name@version.
    private func id(of c: Component) -> String? {
        if let ref = c.bomRef { return ref }
        guard let name = c.name, !name.isEmpty else { return nil }
        if let version = c.version, !version.isEmpty { return "\(name)@\(version)" }
        return name
    }

    /// Adds what was read; called once the document is parsed without error.
    func finish() {
        guard sawRoot, !refused else { return }
        var ids: [String?] = []
        var defined: [String: Int] = [:]   // ids given without a bom-ref, once each
        var isItem: [String: Bool] = [:]
        var suppliers = Set<String>()
        var firstWithRef: [String: Int] = [:]
        for (k, component) in components.enumerated() {
            guard let id = id(of: component) else {
                session.error(.missingAttribute, "a <component> with neither bom-ref nor name: it cannot be an item", component.at)
                ids.append(nil)
                continue
            }
            ids.append(id)
            if component.bomRef == nil, defined[id] != nil { continue } // the same component again
            if let ref = component.bomRef {
                // The BOM's own component listed again among the components: one item.
                if let first = firstWithRef[ref], components[first].isMetadata != component.isMetadata { continue }
                if firstWithRef[ref] == nil { firstWithRef[ref] = k }
            }
            if component.bomRef == nil { defined[id] = k }
            isItem[id] = true
            addItem(component, id: id)
            if let organisation = component.manufacturer ?? component.supplier {
                addSupply(organisation, component: component, item: id, suppliers: &suppliers)
            }
        }
        var pairs = Set<String>()
        func uses(_ parent: String, _ child: String, at: PackedLocation, childComponent: Component?) {
            guard pairs.insert(parent + "\u{0}" + child).inserted else { return }
            let quantity = childComponent.flatMap { property($0, "chokepoint:quantity", number: true) }.flatMap(Double.init) ?? 1
            session.builder.addUses(parentKey: parent, child: child, quantity: quantity)
            session.usesLocations.append(at)
        }
        for (k, component) in components.enumerated() {
            guard let parent = component.parent, let child = ids[k], let parentID = ids[parent] else { continue }
            uses(parentID, child, at: component.at, childComponent: component)
        }
        var byRef: [String: Int] = [:]
        for (k, component) in components.enumerated() { if let ref = component.bomRef, byRef[ref] == nil { byRef[ref] = k } }
        for dependency in dependencies {
            for ref in [dependency.ref, dependency.on] where byRef[ref] == nil {
                guard !bomRefs.contains(ref) else { continue }
                let near = Suggestion.nearest(to: ref, among: byRef.keys.sorted().prefix(2000))
                session.error(.unknownItem, "unknown reference '\(ref)' in <dependency>: no element of the BOM has bom-ref '\(ref)'"
                            + (near.map { " (did you mean '\($0)'?)" } ?? ""), dependency.at)
            }
            guard byRef[dependency.ref] != nil, let child = byRef[dependency.on] else { continue }
            uses(dependency.ref, dependency.on, at: dependency.at, childComponent: components[child])
        }
    }

    private func addItem(_ component: Component, id: String) {
        var kind: ItemKind = component.isMetadata ? .system : .component
        if let value = property(component, "chokepoint:kind", number: false) {
            switch value {
            case "system": kind = .system
            case "component": kind = .component
            case "material": kind = .material
            default:
                let at = component.properties.last { $0.name == "chokepoint:kind" }!.at
                session.error(.invalidNumber, "chokepoint:kind '\(value)' must be system, component or material", at)
            }
        }
        let demand = property(component, "chokepoint:demand", number: true).flatMap(Double.init)
        let stock = property(component, "chokepoint:stock", number: true).flatMap(Double.init)
        session.builder.addItem(key: id, kind: kind, name: component.name, unit: property(component, "chokepoint:unit", number: false),
                              demand: demand ?? 0, stock: stock ?? 0,
                              commodity: property(component, "chokepoint:commodity", number: false))
        session.itemLocations.append(component.at)
    }

    private func addSupply(_ organisation: Organisation, component: Component, item: String, suppliers: inout Set<String>) {
        guard let key = organisation.bomRef ?? organisation.name, !key.isEmpty else { return }
        if suppliers.insert(key).inserted {
            var country: String? = nil
            if let text = organisation.country, !text.isEmpty {
                if let code = Self.countryCode(text) { country = code } else {
                    session.error(.unknownCountry, "unknown country '\(text)' in <address><country> of '\(key)' (an ISO 3166-1 alpha-2 code such as 'DE', or an English name such as 'Germany')", organisation.countryAt)
                }
            }
            session.builder.addSupplier(key: key, name: organisation.name, country: country)
            session.supplierLocations.append(organisation.at)
        }
        var share: Double? = nil
        if let text = property(component, "chokepoint:share", number: false) {
            let at = component.properties.last { $0.name == "chokepoint:share" }!.at
            if text.hasSuffix("%"), let percent = TableImport.parseNumber(TableImport.trimmed(String(text.dropLast()))) {
                share = percent / 100
            } else if let value = TableImport.parseNumber(text) {
                share = value
            } else {
                session.error(.invalidNumber, TableImport.notANumber(text, column: "chokepoint:share"), at)
            }
        }
        session.builder.addSupply(supplierKey: key, item: item, share: share)
        session.supplyLocations.append(organisation.at)
    }

    /// The value of property `name` (the last one given); with `number`, an error at the
    /// property when it is not a number (and nil).
    private func property(_ component: Component, _ name: String, number: Bool) -> String? {
        guard let entry = component.properties.last(where: { $0.name == name }) else { return nil }
        guard number else { return entry.value }
        if TableImport.parseNumber(entry.value) != nil { return entry.value }
        if reported.insert(UInt64(entry.at.line) << 32 | UInt64(entry.at.column)).inserted {
            session.error(.invalidNumber, TableImport.notANumber(entry.value, column: name), entry.at)
        }
        return nil
    }
    private var reported = Set<UInt64>()

    /// An ISO 3166-1 alpha-2 code (any case) or an English country name, as its code.
    static func countryCode(_ text: String) -> String? {
        let trimmed = TableImport.trimmed(text)
        if trimmed.utf8.count == 2, let country = Country(code: trimmed.uppercased()) { return country.code }
        return CountryTable.country(named: trimmed)?.code
    }
}
