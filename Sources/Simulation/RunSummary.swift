/// The key results of a run, printed by `plenum run` and stored in `/summary`.
public struct RunSummary: Sendable {
    public var simulatedDurationS: Double
    public var electricalEnergyJ: Double
    public var heatToAirJ: Double
    public var heatToLiquidJ: Double
    public var storedHeatJ: Double
    /// (electrical − to air − to liquid − stored) / electrical: zero for exact energy conservation.
    public var energyBalanceRelativeError: Double
    public var meanITPowerW: Double
    public var peakITPowerW: Double
    public var peakServerTemperatureC: Double
    public var peakExhaustTemperatureC: Double
    public var jobsSubmitted: Int
    public var jobsStarted: Int
    public var jobsCompleted: Int
    public var eventsFired: Int
    public var samplesRecorded: Int

    static func empty(durationS: Double) -> RunSummary {
        RunSummary(simulatedDurationS: durationS, electricalEnergyJ: 0, heatToAirJ: 0, heatToLiquidJ: 0, storedHeatJ: 0,
                   energyBalanceRelativeError: 0, meanITPowerW: 0, peakITPowerW: 0, peakServerTemperatureC: -.infinity,
                   peakExhaustTemperatureC: -.infinity, jobsSubmitted: 0, jobsStarted: 0, jobsCompleted: 0, eventsFired: 0,
                   samplesRecorded: 0)
    }

    /// Each KPI with its dataset name, units and meaning, in the order they are stored.
    public var datasets: [(name: String, value: Double, units: String, longName: String)] {
        [
            ("duration_s", simulatedDurationS, "s", "simulated duration"),
            ("it_energy_j", electricalEnergyJ, "J", "electrical energy delivered to IT equipment"),
            ("heat_to_air_j", heatToAirJ, "J", "heat carried away by the cooling air"),
            ("heat_to_liquid_j", heatToLiquidJ, "J", "heat taken by liquid at the source (cold plates, immersion)"),
            ("stored_heat_j", storedHeatJ, "J", "heat stored in thermal masses at the end, relative to the start"),
            ("energy_balance_relative_error", energyBalanceRelativeError, "1",
             "(IT energy - heat to air - heat to liquid - stored heat) / IT energy"),
            ("mean_it_power_w", meanITPowerW, "W", "mean IT power over the run"),
            ("peak_it_power_w", peakITPowerW, "W", "highest sampled IT power"),
            ("peak_server_temperature_c", peakServerTemperatureC, "degC", "highest sampled server solid temperature"),
            ("peak_exhaust_temperature_c", peakExhaustTemperatureC, "degC", "highest sampled rack exhaust air temperature"),
            ("jobs_submitted", Double(jobsSubmitted), "1", "jobs submitted during the run"),
            ("jobs_started", Double(jobsStarted), "1", "jobs started during the run"),
            ("jobs_completed", Double(jobsCompleted), "1", "jobs completed during the run"),
            ("events_fired", Double(eventsFired), "1", "discrete events processed by the engine"),
            ("samples_recorded", Double(samplesRecorded), "1", "time-series samples recorded"),
        ]
    }
}
