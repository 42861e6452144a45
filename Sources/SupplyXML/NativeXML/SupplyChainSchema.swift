import CSupplyXML
import SupplyGraph

/// The XML Schema of the supply-chain format, compiled once and shared.
///
/// It checks structure and value types while the file streams; ids, references, countries,
/// ranges and cycles are checked by ``SupplyChainImporter`` with their locations.
public final class SupplyChainSchema: @unchecked Sendable {
    /// The namespace of the format.
    public static let namespace = "urn:chokepoint:supply-chain:1"

    let handle: OpaquePointer

    /// The compiled schema of this package; `nil` only if libxml2 cannot compile it.
    public static let shared: SupplyChainSchema? = try? SupplyChainSchema(text: text)

    /// Compiles a schema from its text.
    /// - Throws: ``SupplyXMLError`` when libxml2 cannot compile it.
    /// - Complexity: O(schema size).
    public init(text: String) throws(SupplyXMLError) {
        var message = [CChar](repeating: 0, count: 256)
        let compiled = text.utf8CString.withUnsafeBufferPointer { bytes in
            cs_schema_create(bytes.baseAddress, bytes.count - 1, &message, message.count)
        }
        guard let compiled else {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw SupplyXMLError(errors: [Diagnostic(.error, code: .schemaCompile, message: text,
                                                          location: InputLocation(file: "supply-chain.xsd"))])
        }
        handle = compiled
    }

    deinit { cs_schema_free(handle) }
}
