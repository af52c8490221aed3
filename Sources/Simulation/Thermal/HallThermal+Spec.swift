import Models
import Scenario

extension HallThermal {
    /// The hall `hall` describes, with its CRAH and CDU groups; `plates` cold plates on its loop
    /// size the CDUs' pumps when the scenario gives no pump power, and `liquidLoadW` a loop where
    /// no CDU is described.
    init(hall: HallSpec, crah: [CRAHSpec], plates: Int, cdu: [CDUSpec], liquidLoadW: Double, facilityWaterC: Double, rearDoorWaterC: Double,
         chilledWaterC: Double) {
        let structure = HallAirModel.structure(roomVolumeM3: hall.roomVolumeM3)
        let air = HallAirModel(roomCapacityJPerK: hall.roomVolumeM3 * AirProperties.densityKgPerM3(temperatureC: hall.supplyAirTemperatureC)
                                   * AirProperties.specificHeatJPerKgK,
                               structureCapacityJPerK: structure.capacityJPerK, structureConductanceWPerK: structure.conductanceWPerK,
                               recirculation: HallAirModel.recirculationFraction(containment: hall.containment.rawValue),
                               setPointC: hall.supplyAirTemperatureC)
        // A hall's CRAH groups share one control and one unit rating: the first group's
        // (docs/models/hall-thermal.md). The scenario reader refuses impossible ratings, so a
        // coil exists for every group.
        let units = crah.first.map { first in
            (units: crah.reduce(0) { $0 + $1.units }, capacityW: first.capacityW, airflowM3PerS: first.airflowM3PerS,
             fanPowerW: first.fanPowerW, coil: CoolingCoilModel(rating: first.rating))
        }
        var loop: (model: LiquidLoopModel, units: Int, pumpPowerW: Double)?
        if liquidLoadW > 0 || !cdu.isEmpty {
            let rated = cdu.isEmpty ? max(1.2 * liquidLoadW, 1_000) : cdu.reduce(0) { $0 + Double($1.units) * $1.capacityW }
            let model = LiquidLoopModel(coolant: .water, ratedCapacityW: rated, approachK: cdu.first?.approachK ?? 3, facilityWaterC: facilityWaterC,
                                        supplySetPointC: cdu.first?.supplySetPointC)
            let count = max(cdu.reduce(0) { $0 + $1.units }, 1)
            let pumpW: Double
            if let given = cdu.first?.pumpPowerW, given > 0 {
                pumpW = given
            } else if plates > 0 {
                pumpW = Self.pumpPowerW(loop: model, plates: plates) / Double(count)
            } else {
                pumpW = 0
            }
            loop = (model, count, pumpW)
        }
        self.init(name: hall.name, air: air, fanControl: crah.first?.fanControl ?? CRAHFanControl(), crah: units, loop: loop,
                  facilityWaterC: facilityWaterC, rearDoorWaterC: rearDoorWaterC, chilledWaterC: chilledWaterC,
                  initialRoomC: hall.supplyAirTemperatureC + 5)
    }
}
