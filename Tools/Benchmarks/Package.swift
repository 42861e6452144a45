// swift-tools-version: 6.1
// The figure passes of RiskAnalysis, each timed alone with package-benchmark (ordo-one), so a
// regression in one pass shows by itself. Run from this folder:
//   swift package benchmark                       # all passes on a generated 10^5-item map
//   swift package benchmark --filter 'phi.*'
// CHOKEPOINT_BENCH_ITEMS=1000000 picks the map size (generated once by Tools/generate.py,
// cached in .build). The whole-process comparisons against xmllint and NetworkX are Tools/bench.
import PackageDescription

let package = Package(
    name: "ChokepointBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Chokepoint", path: "../.."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "FigurePasses",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SupplyGraph", package: "Chokepoint"),
                .product(name: "SupplyXML", package: "Chokepoint"),
                .product(name: "RiskAnalysis", package: "Chokepoint"),
            ],
            path: "Benchmarks/FigurePasses",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
