import Foundation
import Testing
@testable import ChokepointCLI

/// `chokepoint plan` as a user runs it: the bundled map's plan, its JSON contract, and the
/// exit statuses of bad requests.
@Suite("plan command")
struct PlanCommandTests {
    @Test func theBundledMapsPlanReadsLikeADirectorsAnswer() async {
        let r = await run("plan", nlDefence, "--without-country", "CN", "--days", "180", "--budget", "50000000")
        #expect(r.status == 0, "\(r.err)")
        for line in ["Production kept: 100.0 % with the plan, 36.6 % without it", "What to buy (stock on hand at day 0)",
                     "Per system", "Total cost:", "optimum of a planner who allocates scarce inputs", "φ"] {
            #expect(r.out.contains(line), "missing: \(line)")
        }
    }

    @Test func theJSONFollowsTheContract() async throws {
        let r = await run("plan", nlDefence, "--without-country", "CN", "--budget", "2000000", "--frontier", "3", "--format", "json")
        #expect(r.status == 0, "\(r.err)")
        let json = try object(r.out)
        #expect(json["schemaVersion"] as? Int == 1)
        #expect(json["days"] as? Double == 180 && json["period"] as? Double == 30 && json["budget"] as? Double == 2000000)
        #expect(json["currency"] as? String == "EUR")
        let scenario = try #require(json["scenario"] as? [String: Any])
        #expect(scenario["withoutCountry"] as? [String] == ["CN"])
        let kept = try #require(json["productionKept"] as? Double), without = try #require(json["productionKeptWithoutPlan"] as? Double)
        #expect(kept > without && kept <= 1 && without >= 0)
        let cost = try #require(json["cost"] as? Double)
        #expect(cost <= 2000000 * (1 + 1e-9))
        #expect((json["marginalValue"] as? Double ?? -1) > 0)
        let purchases = try #require(json["purchases"] as? [[String: Any]])
        #expect(purchases.allSatisfy { $0["item"] is String && $0["quantity"] is Double && $0["cost"] is Double })
        let total = purchases.reduce(0.0) { $0 + ($1["cost"] as? Double ?? 0) }
        #expect(abs(total - cost) < 1e-6 * cost)
        let systems = try #require(json["systems"] as? [[String: Any]])
        #expect(systems.count == 9)
        #expect(systems.allSatisfy { $0["id"] is String && $0["kept"] is Double && $0["keptWithoutPlan"] is Double })
        #expect(json["options"] is [Any] && json["unpriced"] is [Any])
        let frontier = try #require(json["frontier"] as? [[String: Any]])
        #expect(frontier.count == 3 && frontier.first?["budget"] as? Double == 0)
    }

    @Test(arguments: [
        (["--budget", "-1"], Int32(2)),
        (["--budget", "100", "--period", "0"], Int32(2)),
        (["--budget", "100", "--frontier", "1"], Int32(2)),
        (["--budget", "100", "--without-country", "XX"], Int32(2)),
        (["--budget", "100", "--system", "radar"], Int32(2)),
    ])
    func badRequestsAreUsageErrors(_ arguments: [String], status: Int32) async {
        let r = await run(["plan", nlDefence] + arguments)
        #expect(r.status == status, "\(arguments): \(r.err)")
        #expect(r.out.isEmpty)
    }

    @Test func validateWarnsWhereSourcedFromBuyersNeedMoreThanTheirSuppliersMake() async {
        let r = await run("validate", nlDefence)
        #expect(r.status == 0)
        #expect(r.err.contains("warning: buyers restricted by sourcedFrom need more 'gan-on-sic-wafer'"))
        #expect(r.err.contains("'fict-epi-wafer-x-us'"))
    }

    @Test func theBriefingHoldsThePlanWithABudget() async throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("brief-plan-\(UUID().uuidString).html").path
        let r = await run("brief", nlDefence, "--no-diagrams", "--budget", "20000000", "--frontier", "3", "-o", out)
        #expect(r.status == 0, "\(r.err)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.contains("<section id=\"plan\"><h2>Budget plan</h2>"))
        #expect(html.contains("Scenario: only suppliers in the EU"))
        #expect(html.contains("<polyline"))
        let without = await run("brief", nlDefence, "--no-diagrams", "-o", out)
        #expect(without.status == 0)
        #expect(!(try String(contentsOfFile: out, encoding: .utf8)).contains("id=\"plan\""))
    }
}
