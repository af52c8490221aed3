import Models

/// What the rest of the run reads off the servers: temperatures, where an accelerator sits, stored
/// heat, the most loaded power supplies.
extension ServerBank {
    func junctionC(accelerator a: Int) -> Double {
        let s = serverOfAccelerator(a)
        return state[stateOffset[s] + designs[serverDesign[s]].network.junctionIndex(a - acceleratorOffset[s])] - 273.15
    }

    func serverOfAccelerator(_ a: Int) -> Int {
        var low = 0, high = serverCount - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if acceleratorOffset[middle] <= a { low = middle } else { high = middle - 1 }
        }
        return low
    }

    func boardC(server s: Int) -> Double { state[stateOffset[s] + designs[serverDesign[s]].network.boardIndex] - 273.15 }
    func outletC(server s: Int) -> Double { state[stateOffset[s] + designs[serverDesign[s]].network.airIndex] - 273.15 }
    func acceleratorRange(server s: Int) -> Range<Int> { acceleratorOffset[s]..<(acceleratorOffset[s] + designs[serverDesign[s]].acceleratorCount) }

    /// The hottest junction now, °C (−∞ without accelerators).
    var hottestJunctionC: Double {
        var hottest = -Double.infinity
        for s in 0..<serverCount { hottest = max(hottest, results[s].hottestJunctionC) }
        return hottest
    }

    var shutDownCount: Int { (0..<serverCount).reduce(0) { $0 + (shutDown[$1] ? 1 : 0) } }

    /// Heat held in the servers relative to the start, J (none in the quasi-steady mode).
    var storedHeatJ: Double {
        guard mode == .transient else { return 0 }
        var stored = 0.0
        initialState.withUnsafeBufferPointer { initial in
            for s in 0..<serverCount {
                let network = designs[serverDesign[s]].network, o = stateOffset[s], n = network.dimension
                stored += network.storedEnergyJ(UnsafeBufferPointer(state.slice(o, n)), relativeTo: UnsafeBufferPointer(rebasing: initial[o..<(o + n)]))
            }
        }
        return stored
    }

    /// The server whose supplies are loaded most over what they give without their redundant
    /// units: its DC load and that usable capacity, W (nil when no server has PSUs described).
    func mostLoadedPSUs() -> (dcW: Double, usableW: Double)? {
        guard designs.contains(where: { $0.psu != nil }) else { return nil }
        var worst: (dcW: Double, usableW: Double)? = nil
        for s in 0..<serverCount {
            let usable = designs[serverDesign[s]].psuUsableW
            guard usable.isFinite else { continue }
            let dc = results[s].powerW - results[s].psuLossW
            if worst == nil || dc / usable > worst!.dcW / worst!.usableW { worst = (dc, usable) }
        }
        return worst
    }
}
