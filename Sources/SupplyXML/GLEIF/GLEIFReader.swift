import CSupplyXML
import SupplyGraph

/// Reads GLEIF's files into the builder, told by the namespace of the root:
/// - **LEI-CDF 3.x** (`http://www.gleif.org/data/schema/leidata/2016`, root `LEIData`): each
///   `LEIRecord` with its `LEI`, `Entity/LegalName` and `Entity/LegalAddress/Country`. A record
///   whose LEI is the `lei` of a supplier or entity of the map (case and spaces ignored) IS that
///   party; any other record becomes an entity whose id is its LEI.
/// - **RR-CDF 2.x** (`http://www.gleif.org/data/schema/rr/2016`, root `RelationshipData`):
///   each `RelationshipRecord/Relationship` whose `RelationshipStatus` is `ACTIVE`.
///   `IS_DIRECTLY_CONSOLIDATED_BY` becomes an owner link from `EndNode` over `StartNode` with
///   control and no share (accounting consolidation; GLEIF publishes no percentages);
///   `IS_ULTIMATELY_CONSOLIDATED_BY` is compared with the ultimate controller the owner links
///   give (a disagreement is a warning) and is never an owner; other types are ignored. A
///   relationship whose parties are neither in the map nor among the LEI records read is left
///   out, and one warning counts them.
final class GLEIFReader: XMLPartHandler {
    static let leiNamespace = "http://www.gleif.org/data/schema/leidata/2016"
    static let rrNamespace = "http://www.gleif.org/data/schema/rr/2016"
    static let vocabulary = XMLVocabulary(
        elements: ["LEIData", "LEIRecords", "LEIRecord", "LEI", "Entity", "LegalName", "LegalAddress", "Country",
                   "RelationshipData", "RelationshipRecords", "RelationshipRecord", "Relationship", "StartNode",
                   "EndNode", "NodeID", "RelationshipType", "RelationshipStatus"],
        attributes: [])
    private enum El: Int32 {
        case leiData = 1, leiRecords, leiRecord, lei, entity, legalName, legalAddress, country
        case relationshipData, relationshipRecords, relationshipRecord, relationship, startNode, endNode, nodeID
        case relationshipType, relationshipStatus
    }

    unowned let session: ImportSession
    private var stack: [El?] = []
    private var text = TextBuffer(limit: 1 << 16)
    private(set) var sawRoot = false
    private var record: (lei: String?, name: String?, country: String?, at: PackedLocation)?
    private var relation: (start: String?, end: String?, type: String?, status: String?, at: PackedLocation)?

    init(session: ImportSession) { self.session = session }

    func start(_ code: Int32, _ start: cs_start_element, _ at: PackedLocation) {
        let el = El(rawValue: code)
        if stack.isEmpty {
            sawRoot = true
            let namespace = start.namespace_uri.map { String(cString: $0) } ?? ""
            guard (el == .leiData && namespace == Self.leiNamespace) || (el == .relationshipData && namespace == Self.rrNamespace) else {
                session.error(.wrongRoot, "<\(String(cString: start.localname))> in \(namespace.isEmpty ? "no namespace" : namespace) is not read: GLEIF files are <LEIData> in \(Self.leiNamespace) or <RelationshipData> in \(Self.rrNamespace)", at)
                cs_stop_current_parse()
                return
            }
            stack.append(el)
            return
        }
        let parent = stack.last!
        switch (parent, el) {
        case (.leiRecords, .leiRecord): record = (nil, nil, nil, at)
        case (.leiRecord, .lei), (.entity, .legalName), (.legalAddress, .country): text.begin()
        case (.relationshipRecords, .relationshipRecord): relation = (nil, nil, nil, nil, at)
        case (.startNode, .nodeID), (.endNode, .nodeID), (.relationship, .relationshipType), (.relationship, .relationshipStatus):
            text.begin()
        default: break
        }
        stack.append(el)
    }

    func end(_ code: Int32) {
        guard let el = stack.popLast() else { return }
        let parent = stack.last ?? nil
        switch (parent, el) {
        case (.leiRecord, .lei): record?.lei = text.take()
        case (.entity, .legalName): record?.name = text.take()
        case (.legalAddress, .country): record?.country = text.take()
        case (.leiRecords, .leiRecord):
            if let r = record, let lei = r.lei, !lei.isEmpty {
                session.builder.addRegisteredEntity(lei: lei, name: r.name, country: r.country)
                session.entityLocations.append(r.at)
            } else if let r = record {
                session.error(.missingAttribute, "<LEIRecord> has no <LEI>", r.at)
            }
            record = nil
        case (.startNode, .nodeID): relation?.start = text.take()
        case (.endNode, .nodeID): relation?.end = text.take()
        case (.relationship, .relationshipType): relation?.type = text.take()
        case (.relationship, .relationshipStatus): relation?.status = text.take()
        case (.relationshipRecords, .relationshipRecord):
            if let r = relation, r.status == "ACTIVE", let start = r.start, let end = r.end,
               r.type == "IS_DIRECTLY_CONSOLIDATED_BY" || r.type == "IS_ULTIMATELY_CONSOLIDATED_BY" {
                session.builder.addRegisteredRelationship(child: start, parent: end, ultimate: r.type == "IS_ULTIMATELY_CONSOLIDATED_BY")
                session.ownerLocations.append(r.at)
            }
            relation = nil
        default: break
        }
    }

    func text(_ bytes: UnsafeRawBufferPointer) { text.append(bytes) }
}
