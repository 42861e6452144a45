/// A sanctions list as read from a file: its entries (persons and enterprises), each with its
/// reference, names and identification numbers.
///
/// The reader (SupplyXML's `SanctionsListReader`) reads the EU consolidated financial sanctions
/// file (FSF XML 1.1); the screening (RiskAnalysis) matches the map's parties against it.
public struct SanctionsList: Sendable {
    /// What a list entry is about.
    public enum SubjectType: String, Sendable {
        /// A company or other organisation (`enterprise`).
        case enterprise
        /// A natural person (`person`).
        case person
    }

    /// One entry of the list.
    public struct Entry: Sendable {
        /// Its reference (the EU reference number, such as `EU.1234.56`).
        public var reference: String
        /// Whether it is an enterprise or a person.
        public var subjectType: SubjectType
        /// Its names and aliases, as the list writes them.
        public var names: [String]
        /// Its identification numbers (registration, tax, LEI, ...), as the list writes them.
        public var identifiers: [String]
        /// The sanctions programmes it is listed under (such as `RUS`).
        public var programmes: [String]
        /// Creates an entry.
        /// - Complexity: O(1).
        public init(reference: String, subjectType: SubjectType, names: [String], identifiers: [String], programmes: [String]) {
            self.reference = reference; self.subjectType = subjectType; self.names = names
            self.identifiers = identifiers; self.programmes = programmes
        }
    }

    /// The file the list was read from, as named on the command line.
    public var file: String
    /// The date and time the file was generated, as written in it, if given.
    public var generationDate: String?
    /// How many entries the file holds (every one, also those that are neither a person nor
    /// an enterprise and are not kept in ``entries``).
    public var entityCount: Int
    /// The persons and enterprises of the file, in file order.
    public var entries: [Entry]

    /// Creates a list.
    /// - Complexity: O(1).
    public init(file: String, generationDate: String?, entityCount: Int, entries: [Entry]) {
        self.file = file; self.generationDate = generationDate; self.entityCount = entityCount; self.entries = entries
    }
}
