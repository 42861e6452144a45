import ArgumentParser
import SupplyXML

/// `chokepoint schema`: prints the XML Schema of the format.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Print the XML Schema (XSD) of the supply-chain format.")

    func run() throws { Console.current.out(SupplyChainSchema.text) }
}
