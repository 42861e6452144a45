import Benchmark
import Foundation
import RiskAnalysis
import SupplyGraph
import SupplyXML

/// The generated map every pass runs on: `CHOKEPOINT_BENCH_ITEMS` items (default 10^5), made
/// once by `Tools/generate.py --seed 1` and cached beside the build.
let map: SupplyGraph = {
    let items = ProcessInfo.processInfo.environment["CHOKEPOINT_BENCH_ITEMS"].flatMap(Int.init) ?? 100_000
    let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    let tools = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let cache = tools.appendingPathComponent("Benchmarks/.build/map-\(items).xml")
    if !FileManager.default.fileExists(atPath: cache.path) {
        let generate = Process()
        generate.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generate.arguments = ["python3", tools.appendingPathComponent("generate.py").path, "--items", "\(items)", "--seed", "1",
                              "-o", cache.path, "--quiet"]
        try! generate.run()
        generate.waitUntilExit()
    }
    var options = SupplyChainImporter.Options()
    options.validate = false
    return try! SupplyChainImporter(options: options).importFiles([cache.path]).graph
}()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(10), maxIterations: 20)
    let graph = map
    let analysis = SupplyChainAnalysis(graph)
    let china = try! Scenario(withoutCountries: ["CN"]).disruption(in: graph)

    Benchmark("shares") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(ShareTable(graph)) }
    }
    Benchmark("concentration of every item") { benchmark in
        for _ in benchmark.scaledIterations { for item in graph.items { blackHole(analysis.concentration(of: item)) } }
    }
    Benchmark("exposure") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Exposure.compute(graph, shares: analysis.shareTable, outside: analysis.outside))
        }
    }
    Benchmark("single points of failure") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(SinglePointsOfFailure(graph, targets: analysis.systems)) }
    }
    Benchmark("phi without CN") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(SupplyFraction(graph, shares: analysis.shareTable, disruption: china)) }
    }
    Benchmark("availability without CN") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Availability(graph, disruption: china)) }
    }
    Benchmark("chokepoints") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(analysis.chokepoints()) }
    }
    Benchmark("impact by country") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(ImpactSweep(analysis, sweep: .country)) }
    }
    Benchmark("impact by supplier", configuration: .init(maxDuration: .seconds(30), maxIterations: 3)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(ImpactSweep(analysis, sweep: .supplier)) }
    }
    Benchmark("stockpile without CN, 180 days") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(StockpilePlan(analysis, days: 180, mode: .scenario(china))) }
    }
    Benchmark("stockpile, worst country per stage") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(StockpilePlan(analysis, days: 180, mode: .worstCountry())) }
    }
    Benchmark("all figures of the report") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(SupplyChainAnalysis(graph)) }
    }
}
