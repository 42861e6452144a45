// libFuzzer entry point for the importer: the native XML, and the readers of the article "The supply-chain XML format"
// (workbooks, CSV, CycloneDX). Built by Tools/fuzz/run (see README.md there), not by SwiftPM:
// the package's executables have their own `main`.
//
// The first byte chooses how the rest is read (a mutated ZIP rarely survives its CRCs, so the
// workbook's parts are fuzzed inside a valid archive):
//   byte % 6 == 0: the whole input as a document, its format told by its content (a seed from
//                  the corpus starts with '<', 0x3C, or 'P' of a ZIP, 0x50: both land here);
//   1: the rest as the `supplies` sheet of a workbook; 2: as its shared strings (with a sheet
//   that refers to them); 3: as `supplies.csv`; 4: as `items.csv`; 5: as a CycloneDX BOM body.
import Foundation
import SupplyGraph
@testable import SupplyXML // Options.threading (the run script builds SupplyXML with -enable-testing)
import ZIPFoundation

private let validating = SupplyChainImporter()
/// The same as `validating` with libxml2 on a second thread and the callbacks replayed on this
/// one (what files from 1 MiB get): it must say exactly what `validating` says.
private let threaded: SupplyChainImporter = {
    var options = SupplyChainImporter.Options()
    options.threading = 1
    return SupplyChainImporter(options: options)
}()

/// Everything an import says, as text.
private func findings(_ importer: SupplyChainImporter, _ document: [UInt8], _ name: String) -> [String] {
    do {
        let result = try importer.importDocument(document, name: name)
        return ["accepted \(result.graph.itemCount) \(result.graph.supplyEdgeCount)"] + result.warnings.map(\.description)
    } catch {
        return error.diagnostics.map(\.description)
    }
}
private let lenient: SupplyChainImporter = {
    var options = SupplyChainImporter.Options()
    options.validate = false
    return SupplyChainImporter(options: options)
}()

/// A workbook whose `supplies` sheet (and shared strings) are the given parts.
private func workbook(sheet: [UInt8], strings: [UInt8]) -> [UInt8] {
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    let parts: [(String, [UInt8])] = [
        ("_rels/.rels", Array("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".utf8)),
        ("xl/workbook.xml", Array("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"\(rel)\"><sheets><sheet name=\"supplies\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".utf8)),
        ("xl/_rels/workbook.xml.rels", Array("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>".utf8)),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", strings),
    ]
    guard let archive = try? Archive(data: Data(), accessMode: .create) else { return [] }
    for (path, bytes) in parts {
        let data = Data(bytes)
        try? archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
    return Array(archive.data ?? Data())
}

private let sheetWithStrings = Array("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>3</v></c><c r=\"B2\" t=\"s\"><v>4</v></c><c r=\"C2\" t=\"s\"><v>5</v></c></row></sheetData></worksheet>".utf8)
private let plainStrings = Array("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>supplier</t></si><si><t>item</t></si><si><t>share</t></si></sst>".utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImporter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let rest = Array(input.dropFirst())
    let document: [UInt8], name: String
    switch (input.first ?? 0) % 6 {
    case 1: (document, name) = (workbook(sheet: rest, strings: plainStrings), "fuzz.xlsx")
    case 2: (document, name) = (workbook(sheet: sheetWithStrings, strings: rest), "fuzz.xlsx")
    case 3: (document, name) = (rest, "supplies.csv")
    case 4: (document, name) = (rest, "items.csv")
    case 5: (document, name) = (Array("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">".utf8) + rest, "fuzz.cdx.xml")
    default: (document, name) = (input, "fuzz.xml")
    }
    var accepted: [Bool] = []
    for importer in [validating, lenient] {
        do {
            let result = try importer.importDocument(document, name: name)
            _ = result.graph.itemCount
            for warning in result.warnings { _ = warning.description }
            precondition(result.warnings.count <= result.warnings.totalCount, "more warnings kept than counted")
            // Provenance covers every record, and every origin names a source.
            let graph = result.graph
            precondition(graph.itemOrigins.count == graph.itemCount && graph.supplyEdgeOrigins.count == graph.supplyEdgeCount,
                         "provenance missing")
            for origin in graph.itemOrigins + graph.supplierOrigins + graph.supplyEdgeOrigins + graph.usesEdgeOrigins {
                precondition(Int(origin.source) < graph.dataSources.count, "an origin out of the source table")
            }
            accepted.append(true)
        } catch {
            // Every refusal is located in the document and reads like a diagnostic.
            precondition(!error.errors.isEmpty, "an import failed without an error")
            for diagnostic in error.diagnostics {
                let location = diagnostic.location
                precondition(location?.file.hasPrefix(name) == true && location!.line >= 0 && location!.column >= 0,
                             "a diagnostic out of place: \(diagnostic)")
                precondition(!diagnostic.message.contains("\n"), "a message on two lines: \(diagnostic)")
            }
            accepted.append(false)
        }
    }
    // The schema only adds checks: what passes with it passes without it.
    precondition(!accepted[0] || accepted[1], "accepted with validation, refused without")
    // The parse on its own thread changes nothing that is said.
    if name == "fuzz.xml" {
        precondition(findings(threaded, document, name) == findings(validating, document, name),
                     "the threaded parse says something else")
    }
    return 0
}
