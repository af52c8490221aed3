import Foundation

/// The air and metal at each rack's intake, one zone per rack: what keeps a rack's inlet from
/// following the room's mixing at once (docs/models/hall-airflow.md, "Transients").
///
/// A zone is the air in front of the rack (its share of the cold aisle and the rack's own front
/// space) and the metal that air washes: the perforated front door, the front rails and blanking
/// panels, and the floor tile before it. Air from the hall's mixing arrives at T_mix (the row of
/// the recirculation matrix), the rack draws W = ρ c_p V̇ of it, and the metal at T_s exchanges
/// with it through G:
///
///     C_a dT_in/dt = W (T_mix − T_in) + G (T_s − T_in)
///     C_s dT_s/dt  = G (T_in − T_s)
///
/// The zone's air holds C_a ≈ 2.6 kJ/K (about 2.2 m³), so it settles in C_a/(W + G), about a
/// second for a 30 kW rack, against coupling steps of 10-60 s: it is taken as quasi-steady,
///
///     T_in = (W T_mix + G T_s) / (W + G),
///
/// and the metal then relaxes toward the mixed air through G and W in series, exactly for T_mix
/// held over a step:
///
///     T_s(t + Δt) = T_mix + (T_s − T_mix) e^(−Δt/τ),   τ = C_s (1/G + 1/W).
///
/// The heat the metal gives up, C_s (T_s(t) − T_s(t + Δt)), goes into the racks' intake air and
/// so into the room with their exhaust. A rack that draws no air leaves its zone's metal as it
/// is (W = 0: no exchange by forced convection).
///
/// Parameters (estimates, docs/models/hall-airflow.md): C_s = 20 kJ/K, about 45 kg of steel at
/// 434 J/(kg K) (Incropera & DeWitt, Table A.1, AISI 1010): a perforated door of 15 kg, rails and
/// blanking panels of 10 kg, a steel tile of 20 kg. G = 80 W/K: both faces of the 1.2 m² door and
/// of the 0.36 m² tile at h = 25 W/(m² K) (air crossing perforated plates at 1-3 m/s). τ is then
/// about 4 minutes; the zone's metal shifts a 30 kW rack's inlet by G/(W + G) ≈ 3 % of its
/// difference from the mixed air.
public struct RackZones: Sendable {
    public static let structureCapacityJPerK = 20_000.0
    public static let structureConductanceWPerK = 80.0

    public let capacityJPerK: Double, conductanceWPerK: Double
    /// Each zone's metal, °C.
    public private(set) var structureC: [Double]
    private var initialC: [Double]
    /// Each zone's e^(−Δt/τ), and the draw and step it was computed for. It is kept while the
    /// draw stays within `decayDrawTolerance` of that one: the draw follows the inlet's density,
    /// so it moves a little in every step, and τ hardly with it (below).
    private var decay: [Double], decayDrawWPerK: [Double], decayStepS = Double.nan
    /// 1 %: τ = C_s (1/G + 1/W) moves by G/(G + W) of the draw's change, at most 0.2 % for an
    /// idle rack (W ≈ 300 W/K) and 0.03 % at full load; after a step change of the mixed air the
    /// metal is off by at most 0.2 % of that step (RackZonesTests), and the inlet sees G/(W + G)
    /// of it.
    public static let decayDrawTolerance = 0.01

    public init(count: Int, temperatureC: Double, capacityJPerK: Double = Self.structureCapacityJPerK,
                conductanceWPerK: Double = Self.structureConductanceWPerK) {
        self.capacityJPerK = capacityJPerK
        self.conductanceWPerK = conductanceWPerK
        structureC = Array(repeating: temperatureC, count: count)
        initialC = structureC
        decay = Array(repeating: 1, count: count)
        decayDrawWPerK = Array(repeating: .nan, count: count)
    }

    /// The share of a zone's inlet that is the mixed air, W/(W + G) (1 when the rack draws none).
    public func mixingWeight(drawWPerK w: Double) -> Double {
        w > 0 ? w / (w + conductanceWPerK) : 1
    }

    /// The quasi-steady inlet of zone `i` for mixed air at `mixedC`, °C.
    public func inletC(_ i: Int, mixedC: Double, drawWPerK: Double) -> Double {
        let a = mixingWeight(drawWPerK: drawWPerK)
        return a * mixedC + (1 - a) * structureC[i]
    }

    /// Advances every zone's metal over `dt` seconds with its mixed air held at `mixedC[i]` and
    /// its rack drawing `drawWPerK[i]`; returns the heat the metal gave to the air, J.
    public mutating func advance(mixedC: [Double], drawWPerK: [Double], dt: Double) -> Double {
        var released = 0.0
        if dt != decayStepS {
            decayStepS = dt
            for i in decayDrawWPerK.indices { decayDrawWPerK[i] = .nan }
        }
        let capacity = capacityJPerK, conductance = conductanceWPerK
        // Through buffers: an array's element writes check its uniqueness each time.
        structureC.withUnsafeMutableBufferPointer { structure in
            decay.withUnsafeMutableBufferPointer { decay in
                decayDrawWPerK.withUnsafeMutableBufferPointer { decayDraw in
                    for i in structure.indices where drawWPerK[i] > 0 {
                        if !(abs(drawWPerK[i] - decayDraw[i]) <= Self.decayDrawTolerance * decayDraw[i]) {   // nan: not yet
                            let tau = capacity * (1 / conductance + 1 / drawWPerK[i])
                            decay[i] = exp(-dt / tau)
                            decayDraw[i] = drawWPerK[i]
                        }
                        let next = mixedC[i] + (structure[i] - mixedC[i]) * decay[i]
                        released += capacity * (structure[i] - next)
                        structure[i] = next
                    }
                }
            }
        }
        return released
    }

    /// Places every zone's metal at `temperatureC` (a facility that has been idling there), the
    /// start of the run's stored heat.
    public mutating func settle(at temperatureC: [Double]) {
        structureC = temperatureC
        initialC = temperatureC
    }

    /// Heat held in the zones' metal relative to the start of the run, J.
    public var storedHeatJ: Double {
        zip(structureC, initialC).reduce(0) { $0 + capacityJPerK * ($1.0 - $1.1) }
    }
}
