// libFuzzer entry point for the XML importer. Built by Tools/fuzz/run (see README.md there),
// not by SwiftPM: the package's executables have their own `main`.
import SupplyGraph
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
    var accepted: [Bool] = []
    for importer in [validating, lenient] {
        do {
            let result = try importer.importDocument(bytes, name: "fuzz.xml")
            _ = result.graph.itemCount
            for warning in result.warnings { _ = warning.description }
            precondition(result.warnings.count <= result.warnings.totalCount, "more warnings kept than counted")
            accepted.append(true)
        } catch {
            // Every refusal is located in the document and reads like a diagnostic.
            precondition(!error.errors.isEmpty, "an import failed without an error")
            for diagnostic in error.diagnostics {
                let location = diagnostic.location
                precondition(location?.file == "fuzz.xml" && location!.line >= 0 && location!.column >= 0,
                             "a diagnostic out of place: \(diagnostic)")
                precondition(!diagnostic.message.contains("\n"), "a message on two lines: \(diagnostic)")
            }
            accepted.append(false)
        }
    }
    // The schema only adds checks: what passes with it passes without it.
    precondition(!accepted[0] || accepted[1], "accepted with validation, refused without")
    return 0
}
