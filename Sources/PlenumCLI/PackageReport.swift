import Foundation
import Models
import Simulation

/// What `plenum package` prints.
enum PackageReport {
    static func text(_ a: PackageAnalysis, label: String, transient: (timesS: [Double], maxC: [Double])?, wallSeconds: Double,
                     refinementStudy: [PackageConvergence.Level] = []) -> String {
        let grid = a.solver.grid, b = a.budget, c = a.compact
        func f(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
        let hottest = a.dies.max { $0.maxC < $1.maxC }!
        var rows: [(String, String)] = [
            ("Grid", "\(grid.columns) × \(grid.rows) cells × \(grid.slices.count) slices = \(grid.cellCount) cells; "
             + "\(a.steady.linearIterations) CG iterations, \(a.steady.leakageIterations) leakage passes, \(f(wallSeconds, 2)) s wall"),
            ("Energy balance", String(format: "%.1e of power unaccounted", a.steady.energyBalanceRelativeError)),
            ("Accuracy", accuracy(a.convergence)),
            ("Power", "\(f(a.steady.totalPowerW)) W with leakage at temperature; at 85 °C: compute \(f(b.computeW)), "
             + "links \(f(b.linkW)), HBM \(f(b.hbmW)), CIM \(f(b.cimW)) W"),
            ("Hottest junction", "\(f(hottest.maxC)) °C in \(hottest.name) at (\(f(hottest.hotSpotX * 1e3, 2)), \(f(hottest.hotSpotY * 1e3, 2))) mm"),
            ("Compact model", "R junction-case \(f(c.junctionToCaseKPerW, 4)) K/W, junction-fluid \(f(c.junctionToFluidKPerW, 4)) K/W, "
             + "C \(f(c.junctionCapacityJPerK, 2)) J/K, hot spot +\(f(c.hotSpotExcessK, 2)) K"),
            ("Cost", "$\(f(a.cost.costPerGoodPackageUSD, 0)) per good package: dies $\(f(a.cost.dieCostUSD, 0)), "
             + "bumps $\(f(a.cost.bumpCostUSD, 1)), carrier $\(f(a.cost.carrierCostUSD, 0)) (yield \(f(100 * a.cost.carrierYield)) %), "
             + "substrate $\(f(a.cost.substrateCostUSD, 0)), bonding yield \(f(100 * a.cost.bondingYield)) %"),
        ]
        if let mono = a.monolithicEquivalent {
            rows.append(("Monolithic equivalent", "one \(f(mono.areaMM2, 0)) mm² die (\(a.design.monolithicCarrier.rawValue) carrier): yield \(f(100 * mono.yield)) %, $\(f(mono.costPerGoodPackageUSD, 0)) per good package"
                         + (mono.areaMM2 > PackageAnalysis.reticleAreaMM2 ? " (beyond the 858 mm² reticle: not manufacturable as one die)" : "")))
        }
        if b.cimDeliveredTOPS > 0 {
            rows.append(("Compute in memory", "\(f(b.cimDeliveredTOPS)) TOPS delivered" + (b.cimLimited ? " (limited by macro density)" : "")))
        }
        if let declared = a.design.throughputTOPS {
            // Compute-in-memory delivers what its macros can, at most what is declared.
            let throughput = b.cimDeliveredTOPS > 0 ? min(declared, b.cimDeliveredTOPS) : declared
            rows.append(("Efficiency", "\(f(throughput / a.steady.totalPowerW, 3)) TOPS/W, $\(f(a.cost.costPerGoodPackageUSD / throughput, 3)) per TOPS"))
        }
        if let transient, let last = transient.maxC.last {
            let target = a.hottestC
            let reach = zip(transient.timesS, transient.maxC).first { $0.1 >= 0.9 * (target - a.design.cooling.fluidC) + a.design.cooling.fluidC }
            rows.append(("Transient", "\(f(transient.timesS.last!, 3)) s: hottest \(f(last)) °C; 90 % of the steady rise at "
                         + (reach.map { "\(f($0.0 * 1e3, 1)) ms" } ?? "not reached")))
        }
        let width = rows.map(\.0.count).max() ?? 0
        if !refinementStudy.isEmpty { rows += studyRows(refinementStudy, block: a.convergence.block) }
        var lines = ["Plenum \(PlenumVersion.current) — package \(label) (\(a.design.kind.rawValue), \(a.design.dies.count) dies)"]
        for (name, value) in rows { lines.append("  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value) }
        lines.append("  Dies")
        lines.append("    " + ["name", "node", "mm²", "power W", "max °C", "mean °C", "yield", "$ good die", "PHY mm²"]
            .map { $0.padding(toLength: 11, withPad: " ", startingAt: 0) }.joined())
        for (die, spec) in zip(a.dies, a.design.dies) {
            lines.append("    " + [die.name, spec.node.name, f(spec.areaMM2), f(die.powerW), f(die.maxC), f(die.meanC), f(die.yield, 4),
                                   f(die.goodDieCostUSD, 2), f(die.phyAreaMM2, 2)]
                .map { $0.padding(toLength: 11, withPad: " ", startingAt: 0) }.joined())
        }
        return lines.joined(separator: "\n")
    }

    /// The discretisation error of the hottest block, and whether it is within the tolerance.
    static func accuracy(_ c: PackageConvergence) -> String {
        let level = c.answer
        guard let error = c.estimatedErrorK, let extrapolated = c.extrapolatedC else {
            return "not estimated (\(c.stop.rawValue))"
        }
        var text = "hottest block \(c.block) " + String(format: "%.2f °C ± %.2f K (slices %.2f, lateral %.2f) on %d× finer cells and %d× slices (%d cells); "
                                                      + "Richardson %.2f °C; tolerance %g K", level.hottestBlockC, error, c.slices?.boundK ?? .nan,
                                                      c.lateral?.boundK ?? .nan, level.lateral, level.vertical, level.cells, extrapolated, c.toleranceK)
        if !c.complete { text += "; only one direction refined, so the bound is partial" }
        if !c.converged { text += " — NOT MET: \(c.stop.rawValue)" }
        return text
    }

    /// `--convergence`: the hottest block refined 1×, 2× and 4× in every direction.
    static func studyRows(_ levels: [PackageConvergence.Level], block: String) -> [(String, String)] {
        var rows = levels.map { level in
            ("  \(level.lateral)× grid", "\(block): " + String(format: "%.3f °C (%d cells, %.2f s)", level.hottestBlockC, level.cells, level.wallSeconds))
        }
        if let estimate = PackageConvergence.DirectionEstimate(levels.map(\.hottestBlockC)) {
            rows.append(("  Extrapolated", String(format: "%.3f °C (Richardson", levels.last!.hottestBlockC + estimate.correctionK)
                         + (estimate.observedOrder.map { String(format: ", observed order %.2f)", $0) } ?? ", order 2 assumed)")))
        }
        return rows
    }
}
