extension Diagnostic {
    /// A stable code of a ``Diagnostic``: its spelling (`duplicate-id`) is what tools and tests
    /// match on. A struct over a private enum, so that codes can be added without breaking
    /// anyone's `switch`.
    public struct Code: Hashable, Comparable, Sendable, CustomStringConvertible {
        private enum Value: String, Sendable, CaseIterable {
        case io = "io"
        case fileGivenTwice = "file-given-twice"
        case empty = "empty"
        case malformedXML = "malformed-xml"
        case malformedCSV = "malformed-csv"
        case schema = "schema"
        case schemaCompile = "schema-compile"
        case refused = "refused"
        case wrongRoot = "wrong-root"
        case unexpectedElement = "unexpected-element"
        case unexpectedAttribute = "unexpected-attribute"
        case missingAttribute = "missing-attribute"
        case emptyAttribute = "empty-attribute"
        case invalidNumber = "invalid-number"
        case invalidQuantity = "invalid-quantity"
        case shareOutOfRange = "share-out-of-range"
        case tooManyErrors = "too-many-errors"
        case duplicateID = "duplicate-id"
        case reservedGroup = "reserved-group"
        case groupIsCountry = "group-is-country"
        case notAnItem = "not-an-item"
        case notASupplier = "not-a-supplier"
        case unknownItem = "unknown-item"
        case unknownSupplier = "unknown-supplier"
        case unknownCountry = "unknown-country"
        case invalidCage = "invalid-cage"
        case invalidCurrency = "invalid-currency"
        case currencyMismatch = "currency-mismatch"
        case homeMismatch = "home-mismatch"
        case invalidFlag = "invalid-flag"
        case weightNotSystem = "weight-not-system"
        case sourcingNotInput = "sourcing-not-input"
        case sourcingEmpty = "sourcing-empty"
        case sourcingNotSupplier = "sourcing-not-supplier"
        case sourcingWithoutSupply = "sourcing-without-supply"
        case conflictingSupply = "conflicting-supply"
        case sharesAboveOne = "shares-above-one"
        case bomCycle = "bom-cycle"
        case requirementOverflow = "requirement-overflow"
        case sharesNormalised = "shares-normalised"
        case sharesBelowOne = "shares-below-one"
        case sharesLeaveNothing = "shares-leave-nothing"
        case duplicateSupply = "duplicate-supply"
        case duplicateUse = "duplicate-use"
        case noSupplier = "no-supplier"
        case unusedMaterial = "unused-material"
        case unknownOrigin = "unknown-origin"
        case countryInferred = "country-inferred"
        case idleSupplier = "idle-supplier"
        case sourcingShort = "sourcing-short"
        case parserWarning = "parser-warning"
        case unknownParty = "unknown-party"
        case ownersAboveOne = "owners-above-one"
        case ownershipCycle = "ownership-cycle"
        case twoControllers = "two-controllers"
        case consolidationDisagrees = "consolidation-disagrees"
        case relationshipSkipped = "relationship-skipped"
        case missingTable = "missing-table"
        case misnamedTable = "misnamed-table"
        case misnamedColumn = "misnamed-column"
        case emptyTable = "empty-table"
        case encodingGuessed = "encoding-guessed"
        case rmiVersion = "rmi-version"
        case rmiDeclarant = "rmi-declarant"
        case rmiMetal = "rmi-metal"
        case rmiCountry = "rmi-country"
        case rmiSmelterIsItem = "rmi-smelter-is-item"
        case rmiSmelterRow = "rmi-smelter-row"
        case rmiMetalUnused = "rmi-metal-unused"
        case rmiNotYetIdentified = "rmi-not-yet-identified"
        case rmiDeepSourcing = "rmi-deep-sourcing"
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The spelling, such as `duplicate-id`.
        /// - Complexity: O(1).
        public var description: String { value.rawValue }

        /// The code spelled `name`, if there is one.
        /// - Complexity: O(codes).
        public init?(_ name: String) {
            guard let value = Value(rawValue: name) else { return nil }
            self.value = value
        }

        /// Every code, in the order of their declaration.
        /// - Complexity: O(codes).
        public static var all: [Code] { Value.allCases.map(Code.init) }

        /// Orders by spelling.
        /// - Complexity: O(length of the spellings).
        public static func < (a: Code, b: Code) -> Bool { a.value.rawValue < b.value.rawValue }

    /// A file cannot be read (missing, unreadable, a directory); ``Diagnostic/cause`` says why.
    public static let io = Code(.io)
    /// The same file is named twice among the inputs.
    public static let fileGivenTwice = Code(.fileGivenTwice)
    /// A file is empty or holds no root element.
    public static let empty = Code(.empty)
    /// The text is not well-formed XML.
    public static let malformedXML = Code(.malformedXML)
    /// A CSV file that is not RFC 4180 text (a NUL byte, a stray quote, not UTF-8, ...).
    public static let malformedCSV = Code(.malformedCSV)
    /// The XML Schema refuses the document.
    public static let schema = Code(.schema)
    /// The built-in schema does not compile (a broken installation).
    public static let schemaCompile = Code(.schemaCompile)
    /// The reader refuses the input for safety or encoding: a DTD, too many attributes, too deep, a byte the encoding does not define.
    public static let refused = Code(.refused)
    /// The root element is not the format's.
    public static let wrongRoot = Code(.wrongRoot)
    /// An element the format does not have there.
    public static let unexpectedElement = Code(.unexpectedElement)
    /// An attribute the element does not have.
    public static let unexpectedAttribute = Code(.unexpectedAttribute)
    /// A required attribute is missing.
    public static let missingAttribute = Code(.missingAttribute)
    /// A required attribute is empty.
    public static let emptyAttribute = Code(.emptyAttribute)
    /// A number that does not parse, or is out of its range.
    public static let invalidNumber = Code(.invalidNumber)
    /// A BOM quantity that is negative or not finite.
    public static let invalidQuantity = Code(.invalidQuantity)
    /// A share outside 0...1.
    public static let shareOutOfRange = Code(.shareOutOfRange)
    /// Reading stopped after the most errors it reports.
    public static let tooManyErrors = Code(.tooManyErrors)
    /// An id given to two items, suppliers or groups (one id space).
    public static let duplicateID = Code(.duplicateID)
    /// A group that redefines a built-in group (`EU`, `EEA`, `NATO`).
    public static let reservedGroup = Code(.reservedGroup)
    /// A group whose id is a country code.
    public static let groupIsCountry = Code(.groupIsCountry)
    /// A reference to an item that names a supplier or group.
    public static let notAnItem = Code(.notAnItem)
    /// A reference to a supplier that names an item or group.
    public static let notASupplier = Code(.notASupplier)
    /// A reference to an item no data set defines.
    public static let unknownItem = Code(.unknownItem)
    /// A reference to a supplier no data set defines.
    public static let unknownSupplier = Code(.unknownSupplier)
    /// A country code that is not ISO 3166-1 alpha-2.
    public static let unknownCountry = Code(.unknownCountry)
    /// An NCAGE/CAGE code that is not five letters or digits.
    public static let invalidCage = Code(.invalidCage)
    /// A currency that is not an ISO 4217 code.
    public static let invalidCurrency = Code(.invalidCurrency)
    /// Two data sets give their prices in different currencies.
    public static let currencyMismatch = Code(.currencyMismatch)
    /// Two data sets name different home countries.
    public static let homeMismatch = Code(.homeMismatch)
    /// A yes/no value that is not `true`, `false`, `1`, `0`, `yes` or `no`.
    public static let invalidFlag = Code(.invalidFlag)
    /// A weight on an item that is not a system.
    public static let weightNotSystem = Code(.weightNotSystem)
    /// A sourcedFrom entry whose input is not a BOM child of the supplied item.
    public static let sourcingNotInput = Code(.sourcingNotInput)
    /// A sourcedFrom entry that names no supplier.
    public static let sourcingEmpty = Code(.sourcingEmpty)
    /// A sourcedFrom entry that names a supplier that does not supply the input.
    public static let sourcingNotSupplier = Code(.sourcingNotSupplier)
    /// A `sourcedFrom` given apart from its supply edge, for a supplier that does not supply the item.
    public static let sourcingWithoutSupply = Code(.sourcingWithoutSupply)
    /// One supplier-item pair given twice with different share, capacity or lead time.
    public static let conflictingSupply = Code(.conflictingSupply)
    /// An item's shares summing above 1 by more than the tolerance.
    public static let sharesAboveOne = Code(.sharesAboveOne)
    /// A cycle in the bill of materials.
    public static let bomCycle = Code(.bomCycle)
    /// An item's gross yearly requirement beyond the range of a double.
    public static let requirementOverflow = Code(.requirementOverflow)
    /// Warning: an item's shares sum above 1 within the tolerance and are normalised.
    public static let sharesNormalised = Code(.sharesNormalised)
    /// Warning: an item's shares are all given and sum below 1.
    public static let sharesBelowOne = Code(.sharesBelowOne)
    /// Warning: the given shares sum to 1, so the edges without a share get none.
    public static let sharesLeaveNothing = Code(.sharesLeaveNothing)
    /// Warning: one supplier-item pair given twice with the same values: one edge.
    public static let duplicateSupply = Code(.duplicateSupply)
    /// Warning: a parent uses the same input twice: the quantities add up.
    public static let duplicateUse = Code(.duplicateUse)
    /// Warning: an item with neither supplier nor inputs (unmapped).
    public static let noSupplier = Code(.noSupplier)
    /// Warning: a material no item uses.
    public static let unusedMaterial = Code(.unusedMaterial)
    /// Warning: a supplier without a country (it counts as outside the EU).
    public static let unknownOrigin = Code(.unknownOrigin)
    /// A supplier without a country whose country is inferred from its CAGE code (a warning).
    public static let countryInferred = Code(.countryInferred)
    /// Warning: a supplier that supplies nothing.
    public static let idleSupplier = Code(.idleSupplier)
    /// Buyers restricted by `sourcedFrom` to named suppliers need more of an input at normal
    /// production than those suppliers' normal flow: the data is inconsistent (the plan raises
    /// those suppliers' flow in proportion to their shares).
    public static let sourcingShort = Code(.sourcingShort)
    /// Warning: a warning of the XML parser.
    public static let parserWarning = Code(.parserWarning)
    /// An `<owner>` names a party (supplier or entity) that is not in the data.
    public static let unknownParty = Code(.unknownParty)
    /// The owners' shares of one party sum above 1 beyond the share tolerance.
    public static let ownersAboveOne = Code(.ownersAboveOne)
    /// Ownership runs in a circle (a party owns itself through others).
    public static let ownershipCycle = Code(.ownershipCycle)
    /// Two owners each control one party (a majority share or `control="true"`).
    public static let twoControllers = Code(.twoControllers)
    /// A warning: GLEIF's ultimate parent of a party is not the ultimate controller the
    /// ownership chain gives.
    public static let consolidationDisagrees = Code(.consolidationDisagrees)
    /// A warning: GLEIF relationships whose parties are not in the data were left out.
    public static let relationshipSkipped = Code(.relationshipSkipped)
    /// A workbook or CSV folder that holds a map (an `items` table) lacks one of the tables a
    /// map needs (`bom`, `suppliers`, `supplies`), or holds no known table at all.
    public static let missingTable = Code(.missingTable)
    /// A sheet or CSV file whose name nearly is a table's (`supply`, `Suppliers2`): not read
    /// in silence, an error with the suggestion.
    public static let misnamedTable = Code(.misnamedTable)
    /// A header that resembles a column its table lacks (`Share (%)` for `share`).
    public static let misnamedColumn = Code(.misnamedColumn)
    /// Warning: a map with systems but no BOM lines, or items but no supply lines.
    public static let emptyTable = Code(.emptyTable)
    /// Warning: a CSV file read as Windows-1252, since it is not UTF-8.
    public static let encodingGuessed = Code(.encodingGuessed)
    /// A supplier's RMI declaration has a template revision this reader does not know, or none.
    public static let rmiVersion = Code(.rmiVersion)
    /// A declaration's company (Declaration!D8) matches no supplier of the map, or several.
    public static let rmiDeclarant = Code(.rmiDeclarant)
    /// A Smelter List row names a metal the RMI metal table does not have.
    public static let rmiMetal = Code(.rmiMetal)
    /// A Smelter List row's country is not a country name of the RMI templates.
    public static let rmiCountry = Code(.rmiCountry)
    /// A declared smelter's id is the id of an item.
    public static let rmiSmelterIsItem = Code(.rmiSmelterIsItem)
    /// A warning: a Smelter List row names a metal but no smelter; it is skipped.
    public static let rmiSmelterRow = Code(.rmiSmelterRow)
    /// A warning: a declared metal has no item of its commodity below the declarant's items;
    /// its smelters are not added.
    public static let rmiMetalUnused = Code(.rmiMetalUnused)
    /// A warning: a declaration's "Smelter not yet identified" rows, counted per metal.
    public static let rmiNotYetIdentified = Code(.rmiNotYetIdentified)
    /// A warning: a metal's nearest item lies deeper than a direct input of the declarant's
    /// item, so the declarant's edge gets no `sourcedFrom` for it.
    public static let rmiDeepSourcing = Code(.rmiDeepSourcing)
    }
}
