// libFuzzer entry point for the XML importer. Built by Tools/fuzz/run (see README.md there),
// not by SwiftPM: the package's executables have their own `main`.
import SupplyXML

private let validating = SupplyChainImporter()
private let lenient: SupplyChainImporter = {
    var options = SupplyChainImporter.Options()
    options.validate = false
    return SupplyChainImporter(options: options)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImporter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    for importer in [validating, lenient] {
        do {
            let result = try importer.importDocument(bytes, name: "fuzz.xml")
            _ = result.graph.itemCount
            for warning in result.warnings { _ = warning.description }
        } catch {
            // Every refusal must be located in the document and read like a diagnostic.
            precondition(!error.errors.isEmpty, "an import failed without an error")
            for diagnostic in error.diagnostics { _ = diagnostic.description }
        }
    }
    return 0
}
