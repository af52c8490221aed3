import Models

/// Everything one coupling step moved through the plant and the power chain, as means over the
/// step (W), with its length and midpoint: the typed result of `PlantAndPower.step`, which
/// `FacilityBooks` adds up and the time series read.
struct FacilityStepFlows {
    var dt = 0.0, midS = 0.0
    /// From the hall model's energy counters.
    var itW = 0.0, crahFanW = 0.0, cduPumpW = 0.0, coilW = 0.0, cduW = 0.0, rearDoorW = 0.0
    var psuLossJ = 0.0, vrmLossJ = 0.0, serverFansJ = 0.0
    /// Air-side economiser: coil heat outdoor air took, the coils' heat it applied to, water added.
    var outdoorAirW = 0.0, economisedCoilW = 0.0, humidificationKgPerS = 0.0
    var chilledLoadW = 0.0, warmLoadW = 0.0
    var outdoor = (dryBulbC: Double.nan, wetBulbC: Double.nan)
    var plant = CoolingPlant.StepResult()
    var chain = PowerChain.StepResult()
    var source = BackupPower.Source.utility
    var utilityW = 0.0, generatorW = 0.0, dischargeW = 0.0, chargeW = 0.0, otherW = 0.0
    var warmLoop = false
    /// The facility-water loop's rise above its set point while it had power (nil: no warm loop
    /// or no power), K.
    var facilityWaterRiseK: Double?
    /// The backup power at the step's end: whether the utility was up, the battery's state of
    /// charge (nan: no battery) and its overdraw so far (J).
    var utilityUp = true, batteryStateOfCharge = Double.nan, batteryOverdrawJ = 0.0

    /// The hall model's energy counters at a step's end (their differences are the step's flows), J.
    struct Counters {
        var it = 0.0, crahFans = 0.0, cduPumps = 0.0, coils = 0.0, cdus = 0.0, rearDoors = 0.0, psuLoss = 0.0, vrmLoss = 0.0, serverFans = 0.0
    }
}
