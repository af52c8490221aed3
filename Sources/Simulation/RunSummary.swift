/// The key results of a run, printed by `plenum run` and stored in `/summary`.
public struct RunSummary: Sendable {
    public var simulatedDurationS = 0.0
    public var itEnergyJ = 0.0
    public var heatToAirJ = 0.0
    public var heatToLiquidJ = 0.0
    public var coilHeatJ = 0.0
    public var facilityWaterHeatJ = 0.0
    public var crahFanEnergyJ = 0.0
    public var pumpEnergyJ = 0.0
    public var storedHeatJ = 0.0
    /// (IT + CRAH fans + pumps − coils − facility water − stored) / IT: zero for exact conservation.
    public var energyBalanceRelativeError = 0.0
    public var meanITPowerW = 0.0
    public var peakITPowerW = 0.0
    public var peakJunctionC = -Double.infinity
    public var peakInletC = -Double.infinity
    public var peakExhaustC = -Double.infinity
    public var throttledDeviceHours = 0.0
    public var hoursOutsideRecommended = 0.0
    public var hoursOutsideA1 = 0.0
    public var hoursOutsideA2 = 0.0
    /// Per-rack air management: the worst rack's hours above the recommended and A1 upper limits,
    /// the lowest RCI_HI of any hall at any step (%), and the time-mean RTI over the halls (%).
    public var rackHoursAboveRecommendedMax = 0.0, rackHoursAboveA1Max = 0.0
    public var lowestRCIHigh = Double.nan, meanRTI = Double.nan
    /// Halls whose racks took their inlets from a floor plan (`halls[].airflow`).
    public var floorPlanHalls = 0
    /// Floor-plan halls outside the CFD references, each as "name (why)"
    /// (`HallAirflow.AgreementWithCFD.outsideReferences`).
    public var floorPlanHallsOutsideCFD: [String] = []
    /// Floor-plan halls that kept their plan through starved fields (mixing gain above
    /// `HallAirflow.starvedMixingGain`), whose inlets carry the starved halls' agreement
    /// with CFD; `starvedAgreement` says it.
    public var floorPlanHallsStarved: [String] = []
    public var starvedAgreement = ""
    public var throttleEvents = 0
    /// Hours some hall's CRAH controls were at a limit (`SetPointTracker`).
    public var coilAtFullValveHours = 0.0, crahFansAtFullSpeedHours = 0.0, airflowDeficitHours = 0.0, coldAisleAboveSetPointHours = 0.0,
        cduAtFullValveHours = 0.0, coolantAboveBoilingHours = 0.0, cdusStoppedHours = 0.0
    /// What the run could not hold, one sentence per hall with its numbers (printed at the end,
    /// stored as `/summary@warnings`; `plenum run --strict` exits 1 when there is any).
    public var warnings: [String] = []
    /// What a reader of the figures should know that is not a failure (a hall left idle after
    /// its jobs end), printed at the end of the run as notes.
    public var notes: [String] = []
    public var shutdowns = 0
    public var jobsSubmitted = 0
    public var jobsStarted = 0
    public var jobsCompleted = 0
    public var eventsFired = 0
    /// Server steps taken, and skipped because the server was dormant (docs/models/it-thermal.md).
    public var serverStepsAdvanced = 0, serverStepsDormant = 0
    /// Coupling steps cut into pieces because a hall's room answers its racks faster than the
    /// step (`FacilityThermalModel.couplingPieces`).
    public var cutCouplingSteps = 0
    public var samplesRecorded = 0
    /// Workload: mean wait and bounded slowdown of completed jobs, busy share of all servers,
    /// inference requests completed and the share within their objective.
    public var jobMeanWaitS = Double.nan
    public var jobMeanSlowdown = Double.nan
    public var serverUtilization = Double.nan
    public var inferenceRequests = 0
    /// Network fabrics: their energy (part of the IT energy) and the training jobs' mean MFU
    /// (devices × progressing time weighted; nan: no training job described by a model).
    public var networkEnergyJ = 0.0
    /// The fabrics' share of IT power with every server at its maximum and every NIC at line rate
    /// (a design figure, independent of how busy the run was; nan: no fabric).
    public var networkShareAtFullLoad = Double.nan
    public var trainingMeanMFU = Double.nan
    /// One line per training job described by a model: its layout and step time by part
    /// (printed by `plenum run`, and as `/summary@training_steps`).
    public var trainingSteps: [String] = []
    public var inferenceSLOAttainment = Double.nan
    /// Accelerator packages with a design: how many, and what their good packages cost (USD).
    public var packagedAccelerators = 0
    public var packageCostUSD = 0.0
    /// The facility's books: PUE, WUE, CUE, cost, energy by category, peaks against capacities.
    public var facility: FacilitySummary?

    public init() {}

    /// Each KPI with its dataset name, units and meaning, in the order they are stored.
    public var datasets: [(name: String, value: Double, units: String, longName: String)] {
        [
            ("duration_s", simulatedDurationS, "s", "simulated duration"),
            ("it_energy_j", itEnergyJ, "J", "electrical energy delivered to IT equipment"),
            ("heat_to_air_j", heatToAirJ, "J", "heat servers delivered to air (after rear doors)"),
            ("heat_to_liquid_j", heatToLiquidJ, "J", "heat servers delivered to liquid, plus rear-door coils"),
            ("coil_heat_j", coilHeatJ, "J", "heat removed by CRAH coils"),
            ("facility_water_heat_j", facilityWaterHeatJ, "J", "heat passed to facility water by CDUs and rear doors"),
            ("crah_fan_energy_j", crahFanEnergyJ, "J", "electrical energy of CRAH fans (heat into the room)"),
            ("pump_energy_j", pumpEnergyJ, "J", "electrical energy of CDU pumps (heat into the loop water)"),
            ("stored_heat_j", storedHeatJ, "J", "heat stored in servers, rooms, structures and loops at the end, relative to the start"),
            ("energy_balance_relative_error", energyBalanceRelativeError, "1",
             "(IT + CRAH fans + CDU pumps - coil heat - facility water heat - stored heat) / IT energy"),
            ("mean_it_power_w", meanITPowerW, "W", "mean IT power over the run"),
            ("peak_it_power_w", peakITPowerW, "W", "highest sampled IT power"),
            ("peak_junction_temperature_c", peakJunctionC, "degC", "highest accelerator junction temperature at any step"),
            ("peak_inlet_temperature_c", peakInletC, "degC", "highest rack inlet temperature at any step"),
            ("peak_exhaust_temperature_c", peakExhaustC, "degC", "highest rack exhaust temperature at any step"),
            ("throttled_device_hours", throttledDeviceHours, "h", "accelerator-hours spent throttled (clock below 98 % until restored)"),
            ("hours_outside_recommended", hoursOutsideRecommended, "h", "hours with some rack inlet outside ASHRAE recommended 18-27 degC"),
            ("hours_outside_a1", hoursOutsideA1, "h", "hours with some rack inlet outside ASHRAE A1 allowable 15-32 degC"),
            ("hours_outside_a2", hoursOutsideA2, "h", "hours with some rack inlet outside ASHRAE A2 allowable 10-35 degC"),
            ("rack_hours_above_recommended_max", rackHoursAboveRecommendedMax, "h",
             "the worst rack's hours with its inlet above 27 degC (ASHRAE recommended); per rack in /airflow"),
            ("rack_hours_above_a1_max", rackHoursAboveA1Max, "h", "the worst rack's hours with its inlet above 32 degC (ASHRAE A1 allowable)"),
            ("rci_hi_lowest", lowestRCIHigh, "percent", "lowest Rack Cooling Index (high side, A1) of any hall at any step; 100 is ideal"),
            ("rti_mean", meanRTI, "percent", "time-mean Return Temperature Index over the halls; below 100 bypass, above 100 recirculation (nan: the racks never put heat into the air)"),
            ("throttle_events", Double(throttleEvents), "1", "times an accelerator started throttling"),
            ("hours_coil_at_full_valve", coilAtFullValveHours, "h",
             "hours with some hall's CRAH supply above its set point: the chilled-water valves fully open and short"),
            ("hours_crah_fans_at_full_speed", crahFansAtFullSpeedHours, "h",
             "hours with some hall's variable CRAH fans at full speed and short of the racks' draw"),
            ("hours_airflow_deficit", airflowDeficitHours, "h", "hours with some hall's racks drawing more air than its CRAHs deliver"),
            ("hours_cold_aisle_above_set_point", coldAisleAboveSetPointHours, "h",
             "hours with some hall's rack inlets above its cold-aisle set point (cold-aisle fan control)"),
            ("hours_cdus_stopped", cdusStoppedHours, "h", "hours with some hall's liquid loop and no CDU running (failed or without power)"),
            ("hours_coolant_above_boiling", coolantAboveBoilingHours, "h",
             "hours with some hall's liquid loop return above its coolant's boiling point at atmospheric pressure"),
            ("hours_cdu_at_full_valve", cduAtFullValveHours, "h",
             "hours with some hall's liquid loop above its CDU supply set point, valves fully open"),
            ("job_mean_wait_s", jobMeanWaitS, "s", "mean wait of completed jobs (nan: none)"),
            ("job_mean_slowdown", jobMeanSlowdown, "1", "mean bounded slowdown of completed jobs"),
            ("server_utilization", serverUtilization, "1", "server-time held by jobs / (servers x duration); inference servers not counted"),
            ("inference_requests", Double(inferenceRequests), "1", "inference requests completed"),
            ("network_energy_j", networkEnergyJ, "J", "energy of the network fabrics (switches, optics, NICs not in servers), part of the IT energy"),
            ("network_share_at_full_load", networkShareAtFullLoad, "1",
             "fabrics' power / IT power with every server at maximum power and every NIC at line rate (nan: no fabric)"),
            ("training_mean_mfu", trainingMeanMFU, "1",
             "model FLOPs utilisation of the training jobs described by a model, weighted by devices x progressing time (nan: none)"),
            ("inference_slo_attainment", inferenceSLOAttainment, "1", "share of inference requests within their latency objective"),
            ("packaged_accelerators", Double(packagedAccelerators), "1", "accelerators whose package variant has a design"),
            ("package_cost_usd", packageCostUSD, "USD", "their packages at the package model's cost per good package"),
            ("server_shutdowns", Double(shutdowns), "1", "thermal shutdowns of servers (a junction past its limit + 5 K)"),
            ("jobs_submitted", Double(jobsSubmitted), "1", "jobs submitted during the run"),
            ("jobs_started", Double(jobsStarted), "1", "jobs started during the run"),
            ("jobs_completed", Double(jobsCompleted), "1", "jobs completed during the run"),
            ("events_fired", Double(eventsFired), "1", "discrete events processed by the engine"),
            ("server_steps_advanced", Double(serverStepsAdvanced), "1", "server steps taken (computed, or copied from a twin: docs/models/it-thermal.md)"),
            ("server_steps_dormant", Double(serverStepsDormant), "1", "server steps skipped: the server was settled and its inputs within simulation.solver.server_tolerance"),
            ("cut_coupling_steps", Double(cutCouplingSteps), "1",
             "coupling steps cut into pieces because a hall's room answers its racks, or its liquid loop its plates, faster than the step (docs/models/hall-thermal.md, \"The coupling step\")"),
            ("samples_recorded", Double(samplesRecorded), "1", "facility-level samples recorded"),
        ] + (facility?.datasets ?? [])
    }
}
