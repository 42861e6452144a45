import Foundation
import SupplyGraph
import SupplyXML

/// A map for the declaration tests, as the body of a `<supplyChain>`: system `sys` uses one
/// `part` made by `acme` ("Acme Parts GmbH", DE); the part uses `w` (tungsten), half of whose
/// supply is mapped (`w-at`, AT, share 0.5; the rest unattributed).
public let declarationTestMap = """
    <system id="sys" name="Test system" demand="1"><uses item="part" quantity="1"/></system>
    <component id="part" name="Heavy-alloy part" commodity="tungsten"><uses item="w" quantity="1"/></component>
    <material id="w" name="Tungsten metal" unit="t" commodity="tungsten"/>
    <supplier id="acme" name="Acme Parts GmbH" country="DE"><supplies item="part"/></supplier>
    <supplier id="w-at" name="Tungsten works, Austria" country="AT"><supplies item="w" share="0.5"/></supplier>
    """

/// Writes `map` (a `<supplyChain>` body) and each declaration into a fresh temporary folder,
/// the declarations under their names (`acme-cmrt.xlsx`), and imports them all, map first.
/// - Throws: `SupplyXMLError` from the import.
public func importWithDeclarations(map: String, _ declarations: [(String, RMITemplateWriter)],
                                   shareTolerance: Double = 0.05) throws -> SupplyChainImporter.Result {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rmi-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let xml = "<supplyChain xmlns=\"urn:chokepoint:supply-chain:1\" name=\"declaration test\">\n\(map)\n</supplyChain>"
    try Data(xml.utf8).write(to: folder.appendingPathComponent("map.xml"))
    var paths = [folder.appendingPathComponent("map.xml").path]
    for (name, writer) in declarations {
        let url = folder.appendingPathComponent(name)
        try writer.write(to: url)
        paths.append(url.path)
    }
    var options = SupplyChainImporter.Options()
    options.shareTolerance = shareTolerance
    return try SupplyChainImporter(options: options).importFiles(paths)
}
