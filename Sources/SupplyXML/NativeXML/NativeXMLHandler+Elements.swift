import CSupplyXML
import SupplyGraph

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif



extension String {
    /// Without white space at either end.
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

private func codes(_ list: cs_attribute...) -> UInt64 { list.reduce(0) { $0 | 1 << UInt64($1.rawValue) } }

/// 10^0 ... 10^22, each exact as a double.
private let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { x, _ in x * 10 } }

/// The spelling of each known element, by `cs_element` code: no String is made per element.
private let elementNames: [String] = (0..<Int32(CS_EL_COUNT.rawValue)).map { String(cString: cs_element_name($0)) }

/// The spelling of each known attribute, by `cs_attribute` code (for messages).
private let attributeNames: [String] = (0..<Int32(CS_AT_COUNT.rawValue)).map { String(cString: cs_attribute_name($0)) }

/// The spellings of the attributes in `mask`.
private func names(in mask: UInt64) -> [String] {
    attributeNames.indices.filter { $0 < 64 && mask & (1 << UInt64($0)) != 0 }.map { attributeNames[$0] }
}

private let itemAttributes = codes(CS_AT_ID, CS_AT_NAME, CS_AT_UNIT, CS_AT_DEMAND, CS_AT_STOCK, CS_AT_PRICE, CS_AT_MAX_PURCHASE, CS_AT_COMMODITY)
private let optionAttributes = codes(CS_AT_ID, CS_AT_NAME, CS_AT_ITEM, CS_AT_COUNTRY, CS_AT_SHARE, CS_AT_COST, CS_AT_LEAD_TIME_DAYS)
private let systemAttributes = itemAttributes | codes(CS_AT_WEIGHT)
private let usesAttributes = codes(CS_AT_ITEM, CS_AT_QUANTITY)
private let supplierAttributes = codes(CS_AT_ID, CS_AT_NAME, CS_AT_COUNTRY, CS_AT_CONTROLLED_BY, CS_AT_RECOVERY_DAYS, CS_AT_CAGE, CS_AT_AGGREGATE,
                                       CS_AT_LEI, CS_AT_REGISTRATION, CS_AT_DECLARANT)
private let entityAttributes = codes(CS_AT_ID, CS_AT_NAME, CS_AT_COUNTRY, CS_AT_LEI, CS_AT_REGISTRATION, CS_AT_PERSON)
private let ownerAttributes = codes(CS_AT_OF, CS_AT_BY, CS_AT_SHARE, CS_AT_CONTROL)
private let suppliesAttributes = codes(CS_AT_ITEM, CS_AT_SHARE, CS_AT_CAPACITY, CS_AT_LEAD_TIME_DAYS)
private let supplyAttributes = codes(CS_AT_SUPPLIER, CS_AT_ITEM, CS_AT_SHARE, CS_AT_CAPACITY, CS_AT_LEAD_TIME_DAYS)
private let sourcedFromAttributes = codes(CS_AT_ITEM, CS_AT_SUPPLIERS)
private let groupAttributes = codes(CS_AT_ID, CS_AT_NAME, CS_AT_MEMBERS)
private let rootAttributes = codes(CS_AT_NAME, CS_AT_AS_OF, CS_AT_CURRENCY, CS_AT_HOME)

extension NativeXMLHandler {
    func startElement(_ start: cs_start_element) {
        depth += 1
        if depth == 2 { rootChildren += 1 }
        if skipDepth > 0 { skipDepth += 1; return }
        let at = PackedLocation(file: fileIndex, line: UInt32(max(0, start.line)), column: UInt32(max(0, start.column)))
        let attributes = Attributes(start: start)
        let element = cs_element(rawValue: UInt32(bitPattern: start.element))
        let name = start.element > 0 && Int(start.element) < elementNames.count
            ? elementNames[Int(start.element)] : String(cString: start.localname)

        if depth == 1 {
            sawRoot = true
            guard element == CS_EL_SUPPLY_CHAIN else {
                let namespace = start.namespace_uri.map { String(cString: $0) } ?? "no namespace"
                structural(.wrongRoot, "the root element must be <supplyChain> in namespace \(SupplyChainSchema.namespace), not <\(name)> in \(namespace)", at)
                skipDepth = 1
                return
            }
            check(attributes, allowed: rootAttributes, element: name, at)
            session.builder.addDataSet(name: attributes.text(CS_AT_NAME), asOf: attributes.string(CS_AT_AS_OF),
                               currency: attributes.string(CS_AT_CURRENCY), home: attributes.string(CS_AT_HOME))
            session.dataSetLocations.append(at)
            return
        }

        switch (element, depth) {
        case (CS_EL_SYSTEM, 2), (CS_EL_COMPONENT, 2), (CS_EL_MATERIAL, 2):
            let isSystem = element == CS_EL_SYSTEM
            check(attributes, allowed: isSystem ? systemAttributes : itemAttributes, element: name, at)
            guard let id = required(attributes, CS_AT_ID, "id", element: name, at) else { skipDepth = 1; return }
            let kind: ItemKind = isSystem ? .system : element == CS_EL_COMPONENT ? .component : .material
            currentItem = session.builder.addItem(
                key: id, kind: kind, name: attributes.text(CS_AT_NAME), unit: attributes.string(CS_AT_UNIT),
                demand: number(attributes, CS_AT_DEMAND, "demand", element: name, at) ?? 0,
                stock: number(attributes, CS_AT_STOCK, "stock", element: name, at) ?? 0,
                weight: isSystem ? number(attributes, CS_AT_WEIGHT, "weight", element: name, at) : nil,
                price: number(attributes, CS_AT_PRICE, "price", element: name, at),
                maxPurchase: number(attributes, CS_AT_MAX_PURCHASE, "maxPurchase", element: name, at),
                commodity: attributes.text(CS_AT_COMMODITY))
            session.itemLocations.append(at)

        case (CS_EL_USES, 3) where currentItem >= 0:
            check(attributes, allowed: usesAttributes, element: name, at)
            guard let item = required(attributes, CS_AT_ITEM, "item", element: name, at),
                  let quantity = requiredNumber(attributes, CS_AT_QUANTITY, "quantity", element: name, at)
            else { return }
            session.builder.addUses(parent: currentItem, child: item, quantity: quantity)
            session.usesLocations.append(at)

        case (CS_EL_SUPPLIER, 2):
            check(attributes, allowed: supplierAttributes, element: name, at)
            guard let id = required(attributes, CS_AT_ID, "id", element: name, at) else { skipDepth = 1; return }
            currentSupplier = session.builder.addSupplier(
                key: id, name: attributes.text(CS_AT_NAME), country: attributes.string(CS_AT_COUNTRY),
                controlledBy: attributes.string(CS_AT_CONTROLLED_BY),
                recoveryDays: number(attributes, CS_AT_RECOVERY_DAYS, "recoveryDays", element: name, at),
                cage: attributes.string(CS_AT_CAGE),
                aggregate: flag(attributes, CS_AT_AGGREGATE, "aggregate", element: name, at) ?? false)
            session.supplierLocations.append(at)
            if let declarant = attributes.text(CS_AT_DECLARANT), !declarant.isEmpty { session.supplierDeclarants.append((id, declarant)) }
            session.builder.setIdentifiers(ofSupplier: currentSupplier, lei: attributes.string(CS_AT_LEI),
                                   registration: attributes.string(CS_AT_REGISTRATION))

        case (CS_EL_ENTITY, 2):
            check(attributes, allowed: entityAttributes, element: name, at)
            guard let id = required(attributes, CS_AT_ID, "id", element: name, at) else { skipDepth = 1; return }
            session.builder.addEntity(key: id, name: attributes.text(CS_AT_NAME), country: attributes.string(CS_AT_COUNTRY),
                              lei: attributes.string(CS_AT_LEI), registration: attributes.string(CS_AT_REGISTRATION),
                              person: boolean(attributes, CS_AT_PERSON, "person", element: name, at) ?? false)
            session.entityLocations.append(at)

        case (CS_EL_OWNER, 2):
            check(attributes, allowed: ownerAttributes, element: name, at)
            guard let of = required(attributes, CS_AT_OF, "of", element: name, at),
                  let by = required(attributes, CS_AT_BY, "by", element: name, at)
            else { skipDepth = 1; return }
            session.builder.addOwner(of: of, by: by, share: number(attributes, CS_AT_SHARE, "share", element: name, at),
                             control: boolean(attributes, CS_AT_CONTROL, "control", element: name, at))
            session.ownerLocations.append(at)

        case (CS_EL_SUPPLIES, 3) where currentSupplier >= 0:
            check(attributes, allowed: suppliesAttributes, element: name, at)
            guard let item = required(attributes, CS_AT_ITEM, "item", element: name, at) else { skipDepth = 1; return }
            currentSupply = session.builder.addSupply(
                supplier: currentSupplier, item: item,
                share: number(attributes, CS_AT_SHARE, "share", element: name, at),
                capacity: number(attributes, CS_AT_CAPACITY, "capacity", element: name, at),
                leadTimeDays: number(attributes, CS_AT_LEAD_TIME_DAYS, "leadTimeDays", element: name, at))
            session.supplyLocations.append(at)

        case (CS_EL_SUPPLY, 2):
            check(attributes, allowed: supplyAttributes, element: name, at)
            guard let supplier = required(attributes, CS_AT_SUPPLIER, "supplier", element: name, at),
                  let item = required(attributes, CS_AT_ITEM, "item", element: name, at)
            else { skipDepth = 1; return }
            currentSupply = session.builder.addSupply(
                supplierKey: supplier, item: item,
                share: number(attributes, CS_AT_SHARE, "share", element: name, at),
                capacity: number(attributes, CS_AT_CAPACITY, "capacity", element: name, at),
                leadTimeDays: number(attributes, CS_AT_LEAD_TIME_DAYS, "leadTimeDays", element: name, at))
            session.supplyLocations.append(at)

        case (CS_EL_SOURCED_FROM, 3) where currentSupply >= 0 && currentSupplier < 0,
             (CS_EL_SOURCED_FROM, 4) where currentSupply >= 0:
            check(attributes, allowed: sourcedFromAttributes, element: name, at)
            guard let item = required(attributes, CS_AT_ITEM, "item", element: name, at),
                  let suppliers = attributes.list(CS_AT_SUPPLIERS)
            else {
                if attributes.raw(CS_AT_SUPPLIERS) == nil {
                    structural(.missingAttribute, "<\(name)> needs the attribute 'suppliers'", at)
                }
                return
            }
            session.builder.addSourcing(toSupply: currentSupply, input: item, suppliers: suppliers)
            session.sourcingLocations[currentSupply, default: []].append(at)

        case (CS_EL_OPTION, 2):
            check(attributes, allowed: optionAttributes, element: name, at)
            guard let id = required(attributes, CS_AT_ID, "id", element: name, at),
                  let item = required(attributes, CS_AT_ITEM, "item", element: name, at),
                  let country = required(attributes, CS_AT_COUNTRY, "country", element: name, at),
                  let share = requiredNumber(attributes, CS_AT_SHARE, "share", element: name, at),
                  let cost = requiredNumber(attributes, CS_AT_COST, "cost", element: name, at)
            else { skipDepth = 1; return }
            session.builder.addOption(id: id, item: item, country: country, share: share, cost: cost,
                              leadTimeDays: number(attributes, CS_AT_LEAD_TIME_DAYS, "leadTimeDays", element: name, at),
                              name: attributes.text(CS_AT_NAME))
            session.optionLocations.append(at)

        case (CS_EL_COUNTRY_GROUP, 2):
            check(attributes, allowed: groupAttributes, element: name, at)
            guard let id = required(attributes, CS_AT_ID, "id", element: name, at) else { skipDepth = 1; return }
            guard let members = attributes.list(CS_AT_MEMBERS) else {
                structural(.missingAttribute, "<\(name)> needs the attribute 'members'", at)
                skipDepth = 1
                return
            }
            session.builder.addGroup(id: id, name: attributes.text(CS_AT_NAME), members: members)
            session.groupLocations.append(at)

        default:
            structural(.unexpectedElement, unexpectedElementMessage(start, name: name), at)
            skipDepth = 1
        }
    }

    /// The elements the format has where the parser is (for "did you mean").
    private var elementsHere: [String] {
        switch depth {
        case 2: ["countryGroup", "system", "component", "material", "supplier", "supply", "entity", "owner", "option"]
        case 3 where currentItem >= 0: ["uses"]
        case 3 where currentSupplier >= 0: ["supplies"]
        case 3 where currentSupply >= 0, 4 where currentSupply >= 0: ["sourcedFrom"]
        default: []
        }
    }

    /// "unexpected element <use> here (did you mean <uses>?)", or where a known element goes.
    private func unexpectedElementMessage(_ start: cs_start_element, name: String) -> String {
        let namespace = start.namespace_uri.map { String(cString: $0) }
        guard namespace == SupplyChainSchema.namespace else {
            return "unexpected element <\(name)> (namespace \(namespace ?? "none")) here"
        }
        let places: [String: String] = [
            "uses": "inside a <system>, <component> or <material>",
            "supplies": "inside a <supplier>",
            "sourcedFrom": "inside a <supplies> or <supply>",
            "supplyChain": "only as the root",
        ]
        if let place = places[name] { return "unexpected element <\(name)> here: it goes \(place)" }
        if let near = Suggestion.nearest(to: name, among: elementsHere) ?? Suggestion.nearest(to: name, among: elementNames.dropFirst()) {
            return "unexpected element <\(name)> here (did you mean <\(near)>?)"
        }
        return "unexpected element <\(name)> here"
    }

    func endElement(_ element: Int32) {
        depth -= 1
        if skipDepth > 0 { skipDepth -= 1; return }
        switch cs_element(rawValue: UInt32(bitPattern: element)) {
        case CS_EL_SYSTEM, CS_EL_COMPONENT, CS_EL_MATERIAL: currentItem = -1
        case CS_EL_SUPPLIER: currentSupplier = -1; currentSupply = -1
        case CS_EL_SUPPLIES, CS_EL_SUPPLY: currentSupply = -1
        default: break
        }
    }

    private func check(_ attributes: Attributes, allowed: UInt64, element: String, _ at: PackedLocation) {
        for name in attributes.unexpected(allowed: allowed) {
            var hint = ""
            if name == "weight" && (element == "component" || element == "material") {
                hint = " (only a <system> has a weight)"
            } else if let near = Suggestion.nearest(to: name, among: names(in: allowed)) {
                hint = " (did you mean '\(near)'?)"
            }
            structural(.unexpectedAttribute, "<\(element)> has no attribute '\(name)'" + hint, at)
        }
    }

    private func required(_ attributes: Attributes, _ code: cs_attribute, _ name: String, element: String,
                          _ at: PackedLocation) -> String? {
        guard let value = attributes.string(code) else {
            structural(.missingAttribute, "<\(element)> needs the attribute '\(name)'", at)
            return nil
        }
        if value.isEmpty {
            structural(.emptyAttribute, "attribute '\(name)' of <\(element)> is empty", at)
            return nil
        }
        return value
    }

    /// An `xs:boolean`: `true`, `false`, `1` or `0`.
    private func boolean(_ attributes: Attributes, _ code: cs_attribute, _ name: String, element: String,
                         _ at: PackedLocation) -> Bool? {
        guard let text = attributes.string(code) else { return nil }
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default:
            structural(.invalidNumber, "attribute '\(name)' of <\(element)> must be true or false, not '\(text)'", at)
            return nil
        }
    }

    private func requiredNumber(_ attributes: Attributes, _ code: cs_attribute, _ name: String, element: String,
                                _ at: PackedLocation) -> Double? {
        guard attributes.raw(code) != nil else {
            structural(.missingAttribute, "<\(element)> needs the attribute '\(name)'", at)
            return nil
        }
        return number(attributes, code, name, element: element, at)
    }

    /// Parses a yes/no attribute (``FlagValue``); anything else is an error here.
    private func flag(_ attributes: Attributes, _ code: cs_attribute, _ name: String, element: String,
                      _ at: PackedLocation) -> Bool? {
        guard let text = attributes.string(code) else { return nil }
        if let value = FlagValue.parse(text) { return value }
        structural(.invalidFlag, "attribute '\(name)' of <\(element)> must be true or false (1, 0, yes, no), not '\(text)'", at)
        return nil
    }

    /// Parses an `xs:double`: decimal or scientific notation, `INF`, `-INF`, `NaN`. Ranges are
    /// the builder's business; a value that is no number at all is an error here.
    private func number(_ attributes: Attributes, _ code: cs_attribute, _ name: String, element: String,
                        _ at: PackedLocation) -> Double? {
        guard let bytes = attributes.raw(code) else { return nil }
        if let value = plainNumber(bytes) { return value }
        guard let text = attributes.string(code) else { return nil }
        switch text {
        case "INF", "+INF": return .infinity
        case "-INF": return -.infinity
        case "NaN": return .nan
        default: break
        }
        let isPlain = !text.isEmpty && text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || byte == 0x2E || byte == 0x2D || byte == 0x2B || byte == 0x65 || byte == 0x45
        }
        guard isPlain, let value = Double(text) else {
            structural(.invalidNumber, notANumberMessage(text, name: name, element: element), at)
            return nil
        }
        return value
    }

    /// What is wrong with a number, and what to write instead: a decimal comma, a percentage.
    private func notANumberMessage(_ text: String, name: String, element: String) -> String {
        let start = "attribute '\(name)' of <\(element)> must be a number"
        if name == "share" {
            let digits = text.hasSuffix("%") ? String(text.dropLast()).trimmingSpaces : nil
            if let digits, let percent = Double(digits.replacing(",", with: ".")), percent.isFinite {
                return start + " from 0 to 1, not a percentage '\(text)': write \(Self.plain(percent / 100))"
            }
        }
        if text.contains(","), !text.contains("."), let value = Double(text.replacing(",", with: ".")), value.isFinite {
            return start + ", not '\(text)': write the decimal point as '.', as in \(text.replacing(",", with: "."))"
        }
        return start + ", not '\(text)'"
    }

    /// A number as a person writes it (`0.6`, not `0.6000000000000001`).
    static func plain(_ x: Double) -> String {
        let rounded = (x * 1e12).rounded() / 1e12
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int64(rounded)) : String(rounded)
    }

    /// A plain decimal (`-12`, `0.35`: optional sign, digits, optional fraction, no exponent)
    /// of at most 15 significant digits, as `strtod` reads it: the digits and the power of ten
    /// are both exact doubles, so one division is correctly rounded (Clinger's fast path).
    /// Nil for anything else.
    private func shortDecimal(_ bytes: UnsafeRawBufferPointer, _ lower: Int, _ upper: Int) -> Double? {
        var k = lower
        var negative = false
        if bytes[k] == 0x2D || bytes[k] == 0x2B { negative = bytes[k] == 0x2D; k += 1 }
        var mantissa: UInt64 = 0, digits = 0, fraction = 0, sawPoint = false
        while k < upper {
            let byte = bytes[k]
            if byte >= 0x30 && byte <= 0x39 {
                if mantissa != 0 || byte != 0x30 { digits += 1 }
                mantissa = mantissa &* 10 &+ UInt64(byte - 0x30)
                if sawPoint { fraction += 1 }
            } else if byte == 0x2E && !sawPoint {
                sawPoint = true
            } else {
                return nil
            }
            k += 1
        }
        // At least one digit before or after the point; no more than 15 significant digits.
        let written = upper - lower - (sawPoint ? 1 : 0) - (bytes[lower] == 0x2D || bytes[lower] == 0x2B ? 1 : 0)
        guard written > 0, digits <= 15, fraction <= 22 else { return nil }
        let value = Double(mantissa) / powersOfTen[fraction]
        return negative ? -value : value
    }

    /// The fast path of ``number``: a value of digits, `.`, `+`, `-`, `e`, `E` (surrounding white
    /// space allowed) that `strtod` reads completely, parsed from the bytes without making a
    /// String; nil for anything else, which takes the slow path (and its error message).
    private func plainNumber(_ bytes: UnsafeRawBufferPointer) -> Double? {
        var lower = 0, upper = bytes.count
        while lower < upper, isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
        let count = upper - lower
        guard count > 0 && count < 64 else { return nil }
        for k in lower..<upper {
            let byte = bytes[k]
            guard (byte >= 0x30 && byte <= 0x39) || byte == 0x2E || byte == 0x2D || byte == 0x2B || byte == 0x65 || byte == 0x45
            else { return nil }
        }
        if let value = shortDecimal(bytes, lower, upper) { return value }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer -> Double? in
            let base = buffer.baseAddress!
            for k in 0..<count { base[k] = CChar(bitPattern: bytes[lower + k]) }
            base[count] = 0
            var end: UnsafeMutablePointer<CChar>? = nil
            let value = strtod(base, &end)
            return end == base + count ? value : nil
        }
    }
}
