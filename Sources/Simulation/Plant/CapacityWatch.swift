import Models

/// Which capacities of the power chain and the plant are exceeded, step by step, so that events
/// mark only the crossings: an `overload-start`/`-end` per capacity, `cooling-shortfall-*` for
/// the plant (docs/output.md).
struct CapacityWatch {
    /// A step's loads against the capacities, W.
    struct Loads {
        var utilityW = 0.0, generatorW = 0.0, transformerW = 0.0, upsW = 0.0, itW = 0.0
        /// The most loaded server's DC load and its supplies' usable rating (nil: no PSUs).
        var psu: (dcW: Double, usableW: Double)?
        var plantUnmetW = 0.0, plantLoadW = 0.0
    }

    let utilityCapacityW: Double?, generatorCapacityW: Double?, transformerCapacityW: Double?, upsCapacityW: Double?
    let pduCapacityW: Double?
    private var over = (utility: false, generators: false, transformers: false, ups: false, pdu: false, psu: false, plant: false)

    init(chain: PowerChain, backup: BackupPower, pduCapacityW: Double?) {
        utilityCapacityW = chain.utilityCapacityW
        generatorCapacityW = backup.generatorCapacityW
        transformerCapacityW = chain.transformers?.capacityW
        upsCapacityW = chain.ups?.usableCapacityW
        self.pduCapacityW = pduCapacityW
    }

    /// The capacities crossed in the step that ended at `timeS`.
    mutating func crossings(_ loads: Loads, timeS: Double) -> [FacilityEvent] {
        var events: [FacilityEvent] = []
        func watch(_ state: inout Bool, _ component: String, load: Double, capacity: Double?, what: String) {
            guard let capacity else { return }
            let exceeded = load > capacity * (1 + 1e-9)
            if exceeded != state {
                state = exceeded
                events.append(FacilityEvent(timeS: timeS, kind: .overload(started: exceeded), component: component, value: load,
                                            message: "\(what) (W) against \(Int(capacity.rounded())) W"))
            }
        }
        watch(&over.utility, "power/utility", load: loads.utilityW, capacity: utilityCapacityW, what: "utility draw")
        watch(&over.generators, "power/generators", load: loads.generatorW, capacity: generatorCapacityW, what: "generator load")
        watch(&over.transformers, "power/transformers", load: loads.transformerW, capacity: transformerCapacityW, what: "transformer load")
        watch(&over.ups, "power/ups", load: loads.upsW, capacity: upsCapacityW, what: "critical load (redundancy lost above)")
        watch(&over.pdu, "power/pdu", load: loads.itW, capacity: pduCapacityW, what: "IT load on the PDUs")
        if let psu = loads.psu {
            watch(&over.psu, "power/psu", load: psu.dcW, capacity: psu.usableW,
                  what: "most loaded server's DC load on its supplies (redundancy lost above)")
        }
        let short = loads.plantUnmetW > 1e-6 * max(loads.plantLoadW, 1)
        if short != over.plant {
            over.plant = short
            events.append(FacilityEvent(timeS: timeS, kind: .coolingShortfall(started: short), component: "cooling/plant",
                                        value: loads.plantUnmetW, message: "heat (W) the plant cannot remove at its set points"))
        }
        return events
    }
}
