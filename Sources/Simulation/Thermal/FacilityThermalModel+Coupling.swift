import Models
import Numerics

extension FacilityThermalModel {
    /// Pieces a coupling step of `stepS` is cut into: enough that it lasts no longer than any
    /// hall's room takes to answer its racks (`HallThermal.roomResponseTimeS`), nor than any
    /// liquid loop (`loopLongestPieceS`), so the room's or the loop's error, with the racks' heat
    /// held over a piece, comes back smaller and of the same sign.
    /// Halls whose rooms are as large as their racks' air asks (the benchmarks' and 15 of the 17
    /// examples') take one piece: the step. At most `largestCouplingPieces`.
    func couplingPieces(stepS: Double) -> Int {
        var pieces = 1.0
        for h in halls.indices {
            let itFlow = servers.hallTotals[h].airflowM3PerS, effectiveness = hallAirToMetalEffectiveness[h]
            // The room's answer ∂T_in/∂T_r is at most 1: a step no longer than C_r/(ε W_IT) needs
            // no piece, and no look at the CRAHs' operating point (a coil's ε-NTU every step).
            let air = halls[h].air
            let fastestS = air.roomCapacityJPerK / (AirProperties.heatCapacityRateWPerK(flowM3PerS: itFlow, temperatureC: air.setPointC) * effectiveness)
            guard stepS > fastestS else { continue }
            let response = halls[h].roomResponseTimeS(itAirflowM3PerS: itFlow, serverEffectiveness: effectiveness)
            pieces = max(pieces, (stepS / response).rounded(.up))
        }
        // A loop whose racks' liquid heat answers its temperature faster than the step.
        for h in halls.indices where stepS > hallLoopLongestPieceS[h] {
            pieces = max(pieces, (stepS / hallLoopLongestPieceS[h]).rounded(.up))
        }
        guard pieces > 1 else { return 1 }
        cutSteps += 1
        return Int(min(pieces, Double(Self.largestCouplingPieces)))
    }

    /// Each hall's `hallLoopLongestPieceS`, from its liquid-cooled servers' answer to their coolant.
    func findLoopsLongestPieces(steady: Bool) throws(SimulationError) {
        hallLoopLongestPieceS = Array(repeating: .infinity, count: halls.count)
        var liquidServers = Array(repeating: 0, count: halls.count), design: [Int?] = Array(repeating: nil, count: halls.count)
        for s in 0..<servers.serverCount where servers.designs[servers.serverDesign[s]].usesLiquid {
            liquidServers[servers.serverHall[s]] += 1
            design[servers.serverHall[s]] = servers.serverDesign[s]
        }
        for h in halls.indices {
            guard let loop = halls[h].loop, let d = design[h] else { continue }
            do throws(NumericalError) {
                hallLoopLongestPieceS[h] = try Self.loopLongestPieceS(design: servers.designs[d], servers: liquidServers[h],
                                                                      loopCapacityJPerK: loop.loopCapacityJPerK, steady: steady)
            } catch {
                throw .numerical(error, timeS: 0, component: "hall '\(halls[h].name)' liquid loop")
            }
        }
    }

    /// The longest piece a loop of capacity `loopCapacityJPerK` carrying `servers` of `design`
    /// follows them in, s: the longest s with N·E(s) ≤ C_loop, E the heat a server gives its
    /// liquid less per kelvin of warmer coolant over s (`coolantEnergyResponseJPerK`). The loop
    /// is stepped with the racks' liquid heat held, so its error comes back times 1 − N E(s)/C_loop:
    /// up to that piece smaller and of the same sign. ∞ when no step reaches it (a loop far larger
    /// than its plates, or servers whose liquid heat does not answer their coolant).
    static func loopLongestPieceS(design: ServerThermalDesign, servers: Int, loopCapacityJPerK: Double,
                                  steady: Bool) throws(NumericalError) -> Double {
        guard servers > 0, loopCapacityJPerK > 0 else { return .infinity }
        let n = Double(servers)
        func fits(_ s: Double) throws(NumericalError) -> Bool { n * (try design.coolantEnergyResponseJPerK(stepS: s, steady: steady)) <= loopCapacityJPerK }
        if steady {
            // E(s) = G_ss s.
            let conductance = try design.coolantEnergyResponseJPerK(stepS: 1, steady: true)
            return conductance > 0 ? loopCapacityJPerK / (n * conductance) : .infinity
        }
        // E grows with s (the coolant's deficit decays but does not turn), so bisect in log s
        // between a millisecond and a day, to 1 %.
        var low = 1e-3, high = 86_400.0
        if try fits(high) { return .infinity }
        if try !fits(low) { return low }
        while high / low > 1.01 {
            let middle = (low * high).squareRoot()
            if try fits(middle) { low = middle } else { high = middle }
        }
        return low
    }

    /// The most pieces a coupling step is cut into: a 60 s step in pieces of about a second. A
    /// room faster still (one turned over in a tenth of a second) is cut this far; if it still
    /// swings, it stops on its located failure (`HallThermal.advance`), which names the time
    /// step it wants.
    static let largestCouplingPieces = 64
}
