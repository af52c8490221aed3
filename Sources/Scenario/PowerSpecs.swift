// `power:`: the chain from the utility to the racks and what backs it up.
import Models

/// `power:`: the chain from the utility to the racks.
public struct PowerSpec: Sendable {
    public var utilityCapacityW: Double?
    public var transformers: TransformerSpec?
    public var ups: UPSSpec?
    public var pduLossFraction: Double
    /// Total PDU rating, W (nil: not given).
    public var pduCapacityW: Double? = nil
    public var generators: GeneratorSpec?
    public var batteries: BatterySpec?
    /// Lighting, offices and other loads of the facility, constant.
    public var otherLoadW: Double
}

public struct TransformerSpec: Sendable {
    public var units: Int
    public var ratingW: Double
    /// Losses as the scenario states them (nil: from the rating, below).
    public var statedNoLoadLossW: Double?
    public var statedLoadLossW: Double?

    public init(units: Int, ratingW: Double, statedNoLoadLossW: Double? = nil, statedLoadLossW: Double? = nil) {
        self.units = units
        self.ratingW = ratingW
        self.statedNoLoadLossW = statedNoLoadLossW
        self.statedLoadLossW = statedLoadLossW
    }

    // Without stated losses: 0.12 % of rating at no load and 0.85 % at full load, which gives
    // 99.36 % at 35 % load, above the DOE minimum of 99.28 % for a 1,000 kVA low-voltage
    // dry-type unit (10 CFR 431.196).
    public var noLoadLossW: Double { statedNoLoadLossW ?? 0.0012 * ratingW }
    public var loadLossW: Double { statedLoadLossW ?? 0.0085 * ratingW }
}

public struct UPSSpec: Sendable {
    public var mode: Mode
    public var redundancy: Redundancy
    public var modules: Int
    public var moduleRatingW: Double
    /// Efficiency at half load.
    public var efficiency: Double

    public enum Mode: String, Sendable, CaseIterable { case doubleConversion = "double-conversion", eco }
    public enum Redundancy: String, Sendable, CaseIterable { case n = "N", nPlus1 = "N+1", twoN = "2N" }

    /// Capacity usable by the load: one module spare with N+1, half with 2N.
    public var usableCapacityW: Double {
        switch redundancy {
        case .n: return Double(modules) * moduleRatingW
        case .nPlus1: return Double(max(modules - 1, 0)) * moduleRatingW
        case .twoN: return Double(modules) * moduleRatingW / 2
        }
    }
}

/// The UPS batteries: usable energy, how fast they recharge, and the charger's efficiency.
public struct BatterySpec: Sendable {
    public var energyJ: Double
    /// Time to recharge from empty at the charger's full rate.
    public var rechargeTimeS: Double
    public var chargeEfficiency: Double
}

public struct GeneratorSpec: Sendable {
    public var units: Int
    public var ratingW: Double
    public var startDelayS: Double
}
