import Models

extension ServerBank {
    // Due servers that are *twins* of the server before them (same design, bitwise the same
    // inputs, none changing inside the step, the same shutdown state, clocks and temperatures)
    // would take bitwise the same step: only the first of a run is computed, the others copy
    // it. A hall running one job is mostly twins (its servers change together); that is what
    // keeps a uniform year cheap when every server is due, e.g. while fans hunt between two
    // speed steps. Grouped before the threads start, so grouping does not depend on them.

    /// Sets `leaders` (computed) and `twins` (server, its leader) from `due`.
    func groupTwins() {
        var leaders = self.leaders, twins = self.twins
        leaders.removeAll(keepingCapacity: true)
        twins.removeAll(keepingCapacity: true)
        var leader = -1
        for s in due {
            if leader >= 0 && isTwin(s, of: leader) {
                twins.append((s, leader))
            } else {
                leader = s
                leaders.append(s)
            }
        }
        self.leaders = leaders
        self.twins = twins
    }

    private func isTwin(_ s: Int, of p: Int) -> Bool {
        let d = serverDesign[p]
        guard serverDesign[s] == d, shutDown[s] == shutDown[p], held[s] == held[p] else { return false }
        // A server whose utilisation changes inside the step runs its own stretches.
        guard midStep.isEmpty || (!midStep.changes(server: s) && !midStep.changes(server: p)) else { return false }
        let accelerators = designs[d].acceleratorCount, temperatures = designs[d].network.airEnergyIndex
        let clocksS = acceleratorOffset[s], clocksP = acceleratorOffset[p]
        for k in 0..<accelerators where clocks[clocksS + k] != clocks[clocksP + k] { return false }
        let stateS = stateOffset[s], stateP = stateOffset[p]
        for i in 0..<temperatures where state[stateS + i] != state[stateP + i] { return false }
        return true
    }

    /// Gives twin `s` the step its leader `p` took; its energy accumulators grow by the same flows.
    func repeatStep(of p: Int, for s: Int, dt: Double) {
        let d = serverDesign[p], network = designs[d].network, accelerators = designs[d].acceleratorCount
        let stateS = stateOffset[s], stateP = stateOffset[p]
        for i in 0..<network.airEnergyIndex { state[stateS + i] = state[stateP + i] }
        let r = results[p]
        state[stateS + network.airEnergyIndex] += r.heatToAirW * dt
        state[stateS + network.liquidEnergyIndex] += r.heatToLiquidW * dt
        for k in 0..<accelerators {
            clocks[acceleratorOffset[s] + k] = clocks[acceleratorOffset[p] + k]
            acceleratorPowerW[acceleratorOffset[s] + k] = acceleratorPowerW[acceleratorOffset[p] + k]
        }
        shutDown[s] = shutDown[p]
        results[s] = r
    }
}
