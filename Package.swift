// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Chokepoint",
    platforms: [.macOS(.v15)],  // Synchronization's Mutex and Atomic (ChokepointCLI) need macOS 15
    products: [
        .library(name: "SupplyGraph", targets: ["SupplyGraph"]),
        .library(name: "SupplyXML", targets: ["SupplyXML"]),
        .library(name: "RiskAnalysis", targets: ["RiskAnalysis"]),
        .library(name: "OutputFormats", targets: ["OutputFormats"]),
        .library(name: "GraphExport", targets: ["GraphExport"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "BudgetPlan", targets: ["BudgetPlan"]),
        .executable(name: "chokepoint", targets: ["chokepoint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Heap: the impact sweep's queue of items in topological order.
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        // FileDescriptor.writeAll for the console and the output files: every write checked;
        // FilePath for Subprocess's executable paths.
        .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
        // `swift package generate-documentation` for the DocC catalogs; not linked into anything.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
        // Graphviz runs as a child process in its own process group (`dot --render`, `brief`).
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        // SHA-256 of the input files in the briefing's provenance.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        // Workbooks (.xlsx) are ZIP archives: their parts are read (and written) through it,
        // each XML part streamed through libxml2's SAX2 parser like the native format.
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // libxml2 as Debian ships it (apt: libxml2-dev, found through pkg-config).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // The only code that includes libxml2: plain C types and opaque handles in its header,
        // so no Swift module ever sees libxml2's (and ICU's) types.
        .target(name: "CSupplyXML", dependencies: ["CLibXML2"]),
        // COIN-OR CLP (LP, with duals) and CBC (MIP) as Debian ships them (EPL-1.0), through
        // their plain C interfaces; only BudgetPlan imports it, in one file.
        .systemLibrary(
            name: "CCoinOR",
            pkgConfig: "cbc",
            providers: [.apt(["coinor-libclp-dev", "coinor-libcbc-dev"]), .brew(["cbc"])]
        ),
        .target(name: "SupplyGraph"),
        // The output primitives — JSON values, text tables, CSV, XML text — shared by every
        // writer (the graph writers, the report formatters, the native-XML and workbook
        // writers); they know no graph.
        .target(name: "OutputFormats"),
        .target(
            name: "SupplyXML",
            dependencies: [
                "SupplyGraph", "OutputFormats", "CSupplyXML",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                // Errno: the cause of a file that cannot be read (FileError).
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            exclude: ["Resources"]
        ),
        .target(name: "RiskAnalysis", dependencies: [
            "SupplyGraph", .product(name: "HeapModule", package: "swift-collections"),
        ]),
        // The graph writers (DOT, GraphML, graph JSON): they know the graph and plain
        // annotations, never how a figure is computed.
        .target(name: "GraphExport", dependencies: ["SupplyGraph", "OutputFormats"]),
        // The report, whatif, stockpile, impact, briefing and diff formatters: they read
        // RiskAnalysis's results and write them through GraphExport and OutputFormats.
        .target(name: "Reports", dependencies: ["SupplyGraph", "RiskAnalysis", "GraphExport", "OutputFormats"]),
        // The budget plan: a time-phased linear (mixed-integer with options) programme over the
        // graph, solved by CLP/CBC, and its text, JSON and CSV output.
        .target(name: "BudgetPlan", dependencies: ["SupplyGraph", "RiskAnalysis", "OutputFormats", "CCoinOR"]),
        .target(
            name: "ChokepointCLI",
            dependencies: [
                "SupplyGraph", "SupplyXML", "RiskAnalysis", "OutputFormats", "GraphExport", "Reports", "BudgetPlan",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(name: "chokepoint", dependencies: ["ChokepointCLI"]),
        .testTarget(name: "SupplyGraphTests", dependencies: ["SupplyGraph"]),
        .testTarget(name: "SupplyXMLTests", dependencies: ["SupplyXML", "SupplyGraph", "ChokepointTestSupport"], exclude: ["Fixtures", "Corpus"]),
        // Fixture helpers shared by the test targets (not a product).
        .target(name: "ChokepointTestSupport", dependencies: ["SupplyGraph", "SupplyXML", .product(name: "ZIPFoundation", package: "ZIPFoundation")], path: "Tests/TestSupport"),
        .testTarget(name: "RiskAnalysisTests", dependencies: ["RiskAnalysis", "SupplyGraph", "SupplyXML", "ChokepointTestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "RiskAnalysis", "OutputFormats", "SupplyGraph", "ChokepointTestSupport"]),
        .testTarget(name: "GraphExportTests", dependencies: ["GraphExport", "OutputFormats", "Reports", "RiskAnalysis", "SupplyGraph", "SupplyXML", "ChokepointTestSupport"], exclude: ["Expected"]),
        .testTarget(name: "BudgetPlanTests", dependencies: ["BudgetPlan", "RiskAnalysis", "SupplyGraph", "SupplyXML", "ChokepointTestSupport"]),
        .testTarget(name: "ChokepointCLITests", dependencies: ["ChokepointCLI", "Reports", "SupplyGraph", "SupplyXML", "ChokepointTestSupport"], exclude: ["Expected"]),
    ]
)
