import Foundation
import Models
import Report
import Simulation

/// The summary `plenum run` prints: the KPIs a planner reads first, in display units.
enum SummaryReport {
    /// - Parameter clock: the site's clock, so the simulated span is shown in local time.
    static func text(_ summary: RunSummary, scenario: String, seed: UInt64, outputPath: String, wallSeconds: Double,
                     clock: RunClock? = nil) -> String {
        // One unit per quantity for the whole summary, chosen by the largest value (docs/report.md).
        let largestJ = max(summary.itEnergyJ, summary.facility?.facilityEnergyJ ?? 0)
        let energyUnit = QuantityFormat.EnergyUnit.fitting(largestJ)
        let powerUnit = QuantityFormat.PowerUnit.fitting(max(summary.peakITPowerW, summary.facility?.peakUtilityW ?? 0))
        func energy(_ joules: Double) -> String { QuantityFormat.energy(joules, in: energyUnit) }
        func power(_ watts: Double) -> String { QuantityFormat.power(watts, in: powerUnit) }
        func degC(_ value: Double) -> String { value.isFinite ? String(format: "%.1f °C", value) : "n/a" }
        func hours(_ value: Double) -> String { String(format: "%.2f h", value) }
        var rows: [(String, String)] = [
            ("Simulated", "\(formatSeconds(summary.simulatedDurationS)) in \(formatSeconds(wallSeconds)) wall (\(QuantityFormat.grouped(Double(summary.eventsFired), decimals: 0)) events)"
             + (clock.map { ", \($0.local(0)) to \($0.local(summary.simulatedDurationS))" } ?? "")),
            ("IT energy", "\(energy(summary.itEnergyJ))   mean \(power(summary.meanITPowerW)), peak \(power(summary.peakITPowerW))"),
            ("Heat to air / liquid", "\(energy(summary.heatToAirJ)) / \(energy(summary.heatToLiquidJ))"),
            ("Removed by CRAH coils", "\(energy(summary.coilHeatJ))   CRAH fans \(energy(summary.crahFanEnergyJ))"),
            ("To facility water", "\(energy(summary.facilityWaterHeatJ))   CDU pumps \(energy(summary.pumpEnergyJ))"),
            ("Energy balance", String(format: "%.2e of IT energy unaccounted", summary.energyBalanceRelativeError)),
            ("Peak junction", degC(summary.peakJunctionC)),
            ("Peak inlet / exhaust", "\(degC(summary.peakInletC)) / \(degC(summary.peakExhaustC))" + (summary.floorPlanHalls == 0 ? ""
                : String(format: "   floor-plan inlets: %.1f K from CFD on average, %.1f K at worst; %.1f K and %.1f K on finer CFD grids "
                         + "(at worst %.1f K at row ends, %.1f K beside them, %.1f K inside rows), %.1f K and %.1f K on the finest; "
                         + "the finer differ from the first by %.1f K and %.1f K, and the finest is itself uncertain by %.1f K on average "
                         + "(%.1f K at row ends), so the largest error it proves at a rack is %.1f K, at %@ (docs/models/hall-airflow.md)",
                         HallAirflow.AgreementWithCFD.meanAbsoluteErrorK, HallAirflow.AgreementWithCFD.worstErrorK,
                         HallAirflow.AgreementWithCFD.finerGridMeanAbsoluteErrorK, HallAirflow.AgreementWithCFD.finerGridWorstErrorK,
                         HallAirflow.AgreementWithCFD.finerGridErrorK(at: .rowEnd).worst,
                         HallAirflow.AgreementWithCFD.finerGridErrorK(at: .besideRowEnd).worst,
                         HallAirflow.AgreementWithCFD.finerGridErrorK(at: .inner).worst,
                         HallAirflow.AgreementWithCFD.finestGridMeanAbsoluteErrorK, HallAirflow.AgreementWithCFD.finestGridWorstErrorK,
                         HallAirflow.AgreementWithCFD.referenceGridDifferenceMeanK, HallAirflow.AgreementWithCFD.referenceGridDifferenceWorstK,
                         HallAirflow.AgreementWithCFD.FinestGridVerdict.meanReferenceUncertaintyK,
                         HallAirflow.AgreementWithCFD.FinestGridVerdict.referenceUncertaintyK(at: .rowEnd),
                         HallAirflow.AgreementWithCFD.FinestGridVerdict.largestProvenErrorK,
                         HallAirflow.AgreementWithCFD.FinestGridVerdict.largestProvenErrorAt)
                + (summary.floorPlanHallsOutsideCFD.isEmpty ? ""
                   : "; outside those references, unmeasured: " + summary.floorPlanHallsOutsideCFD.joined(separator: ", "))
                + (summary.floorPlanHallsStarved.isEmpty ? ""
                   : "; while starved of air (" + summary.floorPlanHallsStarved.joined(separator: ", ") + "), " + summary.starvedAgreement))),
            ("Throttled", "\(hours(summary.throttledDeviceHours)) device-hours (\(summary.throttleEvents) events), \(summary.shutdowns) server shutdowns"),
            ("Inlet outside ASHRAE", "recommended \(hours(summary.hoursOutsideRecommended)), A1 \(hours(summary.hoursOutsideA1)), A2 \(hours(summary.hoursOutsideA2))"),
            ("Set points held", summary.warnings.isEmpty ? "yes"
                : "NO: coils at full valve \(hours(summary.coilAtFullValveHours)), CRAH fans at full speed "
                  + "\(hours(summary.crahFansAtFullSpeedHours)), airflow deficit \(hours(summary.airflowDeficitHours)), plant short "
                  + "\(hours((summary.facility?.chilledShortfallHours ?? 0) + (summary.facility?.warmShortfallHours ?? 0)))"
                  + (summary.coldAisleAboveSetPointHours > 0 ? ", cold aisle above set point \(hours(summary.coldAisleAboveSetPointHours))" : "")
                  + (summary.cduAtFullValveHours > 0 ? ", CDUs at full valve \(hours(summary.cduAtFullValveHours))" : "")
                  + (summary.cdusStoppedHours > 0 ? ", no CDU running \(hours(summary.cdusStoppedHours))" : "")
                  + (summary.coolantAboveBoilingHours > 0 ? ", coolant above boiling \(hours(summary.coolantAboveBoilingHours))" : "") + " (warnings below)"),
            ("Jobs", "\(summary.jobsSubmitted) submitted, \(summary.jobsStarted) started, \(summary.jobsCompleted) completed"),
        ]
        if !summary.jobMeanWaitS.isNaN {
            rows.append(("Job waits", String(format: "mean %@, bounded slowdown %.2f, servers held by jobs %.0f %%", formatSeconds(summary.jobMeanWaitS),
                                             summary.jobMeanSlowdown, 100 * summary.serverUtilization)))
        }
        if summary.networkEnergyJ > 0 {
            rows.append(("Network", String(format: "%.1f %% of the IT energy (switches, optics, NICs not in servers); %.1f %% of IT power at full load",
                                           100 * summary.networkEnergyJ / summary.itEnergyJ, 100 * summary.networkShareAtFullLoad)
                         + (summary.trainingMeanMFU.isNaN ? "" : String(format: "; training MFU %.1f %%", 100 * summary.trainingMeanMFU))))
        }
        let shown = 20
        for (index, line) in summary.trainingSteps.prefix(shown).enumerated() { rows.append((index == 0 ? "Training steps" : "", line)) }
        if summary.trainingSteps.count > shown {
            rows.append(("", "… and \(summary.trainingSteps.count - shown) more (/jobs/step_time_s and its parts)"))
        }
        if summary.inferenceRequests > 0 {
            rows.append(("Inference", String(format: "%d requests, %.2f %% within their latency objective", summary.inferenceRequests,
                                             100 * summary.inferenceSLOAttainment)))
        }
        if summary.packagedAccelerators > 0 {
            rows.append(("Packages", String(format: "%d accelerators, $%.0f at the package model's cost per good package", summary.packagedAccelerators,
                                            summary.packageCostUSD)))
        }
        if let f = summary.facility, f.itEnergyJ > 0 {
            func money(_ amount: Double) -> String { QuantityFormat.grouped(amount, decimals: 0) }
            let cost = f.currency.isEmpty ? "" : "   cost \(money(f.cost)) \(f.currency)"
            rows.append(("PUE", String(format: "%.3f   pPUE cooling %.3f, power %.3f   (books closed to %.1e)", f.pue, f.coolingPartialPUE,
                                       f.powerPartialPUE, abs(f.booksRelativeError)) + (f.hasPlant ? "" : "   no plant described")
                                 + (summary.warnings.isEmpty ? "" : "   for a facility that did not hold its set points")))
            rows.append(("Facility energy", "\(energy(f.facilityEnergyJ)): IT \(energy(f.itEnergyJ)), cooling \(energy(f.coolingEnergyJ)), "
                         + "losses \(energy(f.lossEnergyJ)), other \(energy(f.otherEnergyJ))"))
            if f.hasPlant {
                rows.append(("Cooling by component", "chillers \(energy(f.chillerEnergyJ)), towers/dry coolers \(energy(f.heatRejectionFanEnergyJ)), "
                             + "pumps \(energy(f.plantPumpEnergyJ + f.cduPumpEnergyJ)), CRAH fans \(energy(f.crahFanEnergyJ))"))
            }
            rows.append(("Losses by stage", "transformers \(energy(f.transformerLossJ)), UPS \(energy(f.upsLossJ)), PDUs \(energy(f.pduLossJ))"
                         + (f.batteryChargingLossJ > 0 ? ", battery charging \(energy(f.batteryChargingLossJ))" : "")))
            rows.append(("Inside IT", "PSUs \(energy(f.psuLossJ)), VRMs \(energy(f.vrmLossJ)), server fans \(energy(f.serverFanEnergyJ))"
                         + (summary.networkEnergyJ > 0 ? ", network fabric \(energy(summary.networkEnergyJ))" : "")))
            if f.outageHours > 0 {
                rows.append(("Utility outage", "\(hours(f.outageHours)): on battery \(hours(f.onBatteryHours)), IT without power \(hours(f.criticalLossHours)), "
                             + "generators \(energy(f.generatorEnergyJ)) (\(money(f.generatorFuelL)) L diesel)"
                             + (f.minimumBatteryStateOfCharge.isFinite ? String(format: ", battery down to %.0f %%", 100 * f.minimumBatteryStateOfCharge) : "")))
            }
            if f.hasPlant {
                rows.append(("Economiser", "free \(hours(f.freeCoolingHours)), partial \(hours(f.partialFreeCoolingHours)), "
                             + "no chiller \(hours(f.chillerFreeHours))"))
            }
            if f.hasPlant || f.carbonKg > 0 {
                rows.append(("Water / carbon", "\(QuantityFormat.grouped(f.waterKg / 1000, decimals: 1)) m³ (WUE \(String(format: "%.2f", f.wue)) L/kWh) / "
                             + "\(QuantityFormat.grouped(f.carbonKg / 1000, decimals: 1)) t CO2 (CUE \(String(format: "%.3f", f.cue)) kg/kWh)" + cost))
            }
            if f.totalCost > 0 {
                rows.append(("Cost", "\(money(f.totalCost)) \(f.currency): energy \(money(f.cost)), carbon \(money(f.carbonCost)), "
                             + "depreciation IT \(money(f.itDepreciation)), facility \(money(f.facilityDepreciation))"))
            }
            func capacity(_ value: Double) -> String { value.isFinite ? power(value) : "n/a" }
            var peaks = "utility \(power(f.peakUtilityW)) of \(capacity(f.utilityCapacityW)), UPS \(power(f.peakUPSOutputW)) of \(capacity(f.upsUsableCapacityW))"
            if f.hasPlant {
                // The plant's peak load against each part that can carry it: the chillers alone are
                // not the plant's capacity when towers or dry coolers carry a warm loop.
                peaks += ", plant load \(power(f.peakPlantLoadW)) (chillers \(capacity(f.chillerUsableCapacityW)) usable, "
                peaks += "heat rejection \(capacity(f.rejectionCapacityW)))"
            }
            if f.generatorCapacityW.isFinite { peaks += ", generators \(power(f.peakGeneratorW)) of \(power(f.generatorCapacityW))" }
            rows.append(("Peak vs capacity", peaks))
            if f.unmetCoolingJ > 0 { rows.append(("Unmet cooling", energy(f.unmetCoolingJ))) }
        }
        let width = rows.map(\.0.count).max() ?? 0
        var lines = ["Plenum \(PlenumVersion.current) — \(scenario) (seed \(seed))"]
        for (label, value) in rows {
            lines.append("  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value)
        }
        lines.append("Output: \(outputPath)")
        return lines.joined(separator: "\n")
    }
}
