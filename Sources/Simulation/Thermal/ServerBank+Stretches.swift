import Models
import Numerics

extension ServerBank {
    // Servers whose utilisation changes inside a step (a job starts or ends between grid
    // points: `MidStepChanges`) run the step as stretches, on the stepping thread.

    /// Each stretch at its own utilisation; the step delivers their time-weighted mean flows
    /// (its energy exactly), and its end state; the last stretch's flows are kept for the
    /// server's steady heat if it is dormant next step. A server that was dormant until its
    /// change rests through its first stretch, delivering its steady flows, as it would have.
    func advanceStretches(_ s: Int, dt: Double, workspace: ServerStepWorkspace) throws(NumericalError) {
        let segments = midStep.segments(server: s)!
        let wasShutDown = shutDown[s], restsFirst = midStep.restsFirstStretch(server: s)
        var inputs = held[s], mean = ServerStepResult(), ending = results[s], hottest = -Double.infinity, largestClockChange = 0.0
        for (k, segment) in segments.enumerated() {
            let endS = k + 1 < segments.count ? segments[k + 1].fromS : stepStartS + dt
            guard endS > segment.fromS else { continue }
            inputs.utilization = segment.utilization
            let r = k == 0 && restsFirst ? results[s] : try advance(s, inputs: inputs, stepS: endS - segment.fromS, workspace: workspace)
            midStep.setPower(server: s, stretch: k, powerW: r.powerW)
            inputs.previousFanSpeed = r.fanSpeed
            ending = r
            mean.accumulate(r, weight: (endS - segment.fromS) / dt)
            (mean.fanSpeed, mean.unsettledK) = (r.fanSpeed, r.unsettledK)
            hottest = max(hottest, r.hottestJunctionC)
            largestClockChange = max(largestClockChange, r.largestClockChange)
        }
        midStep.setEndResult(server: s, ending)
        mean.hottestJunctionC = hottest
        mean.largestClockChange = largestClockChange
        mean.shutdownChanged = shutDown[s] != wasShutDown
        results[s] = mean
    }

    /// The wall power server `s` drew at `time` inside the last step (its stretch's, if its
    /// utilisation changed in the step), W.
    func powerW(server s: Int, atS time: Double) -> Double {
        midStep.lastStepPowerW(server: s, atS: time) ?? results[s].powerW
    }
}
