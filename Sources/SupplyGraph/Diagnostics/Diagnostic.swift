/// One finding about supply-chain data — an error or a warning — read like a compiler's:
/// `Graphs/x.xml:12:5: error: unknown item 'ti-sponge' in <uses> of 'frigate'`.
///
/// The builder and every reader report through this one type: a stable ``code``, a one-sentence
/// ``message``, where it is (``location``, set by the reader that knows files and lines; the
/// builder names the record instead, as ``subject`` and ``field``), a second place involved
/// (``related``, such as the first definition of a duplicate id) and the underlying ``cause``
/// (an operating-system error for a file that cannot be read).
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How bad a finding is.
    public enum Severity: String, Sendable, Hashable {
        /// The data cannot be used: no graph comes back.
        case error
        /// The data can be used, but something in it looks wrong or is missing.
        case warning
    }

    /// What the second place of a diagnostic is to the first.
    public enum Relation: String, Sendable, Hashable {
        /// The first definition of a duplicate id: "(first defined at ...)".
        case firstDefined = "first defined"
        /// The first place a value is given that the diagnostic's place contradicts or repeats:
        /// "(first given at ...)".
        case firstGiven = "first given"
    }

    /// Error or warning.
    public let severity: Severity
    /// A stable code for tools and tests, such as ``Code/duplicateID``.
    public let code: Code
    /// One sentence, lower case, without the location.
    public let message: String
    /// Where it is; `nil` until a reader has located it (the builder alone knows records only).
    public var location: InputLocation?
    /// The record it is about, when the builder found it.
    public var subject: SupplyGraphBuilder.Subject?
    /// The field of that record it is about, when it is about one.
    public var field: SupplyGraphBuilder.Field?
    /// A second record involved (the first definition of a duplicate id, the first copy of an
    /// edge given twice).
    public var related: SupplyGraphBuilder.Subject?
    /// Where ``related`` is, once a reader has located it.
    public var relatedLocation: InputLocation?
    /// What the related place is to this one.
    public var relation: Relation?
    /// The underlying error, such as the operating system's reason a file cannot be read.
    /// Not part of equality.
    public let cause: (any Error & Sendable)?

    /// Creates a diagnostic.
    /// - Complexity: O(1).
    public init(_ severity: Severity, code: Code, message: String, location: InputLocation? = nil,
                subject: SupplyGraphBuilder.Subject? = nil, field: SupplyGraphBuilder.Field? = nil,
                related: SupplyGraphBuilder.Subject? = nil, relation: Relation? = nil,
                relatedLocation: InputLocation? = nil, cause: (any Error & Sendable)? = nil) {
        self.severity = severity; self.code = code; self.message = message; self.location = location
        self.subject = subject; self.field = field; self.related = related; self.relation = relation
        self.relatedLocation = relatedLocation; self.cause = cause
    }

    /// `file:line:column: severity: message (first defined at file:line:column)`, leaving out
    /// what is not known.
    /// - Complexity: O(length of the text).
    public var description: String {
        var text = location.map { "\($0): " } ?? ""
        text += "\(severity.rawValue): \(message)"
        if let relatedLocation {
            text += " (\((relation ?? .firstGiven).rawValue) at \(relatedLocation))"
        }
        return text
    }

    /// Equal when everything but the ``cause`` is equal.
    /// - Complexity: O(length of the message).
    public static func == (a: Diagnostic, b: Diagnostic) -> Bool {
        a.severity == b.severity && a.code == b.code && a.message == b.message && a.location == b.location
            && a.subject == b.subject && a.field == b.field && a.related == b.related
            && a.relatedLocation == b.relatedLocation && a.relation == b.relation
    }

    /// Hashes everything but the ``cause``.
    /// - Complexity: O(length of the message).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(severity); hasher.combine(code); hasher.combine(message); hasher.combine(location)
        hasher.combine(subject); hasher.combine(related)
    }
}
