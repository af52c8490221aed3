/// An electric vapour-compression chiller in the DOE-2 / EnergyPlus `Chiller:Electric:EIR` form
/// (EnergyPlus Engineering Reference, "Electric Chiller Model Based on Condenser Entering
/// Temperature"):
///
///     Q_avail = Q_ref · CAPFT(T_chw,l, T_cond,e)
///     PLR     = Q / Q_avail
///     P       = Q_avail / COP_ref · EIRFT(T_chw,l, T_cond,e) · EIRFPLR(PLR)
///
/// Below the minimum unloading ratio the compressor cycles (false loading): power is that at
/// `PLR_min` times `PLR / PLR_min`. Curves are normalised to 1 at the reference point, so the
/// electric input ratio at the rated point is exactly `1/COP_ref`.
public struct ChillerModel: Sendable {
    public var referenceCapacityW: Double
    public var referenceCOP: Double
    public var capacityCurve: BiquadraticCurve
    public var eirCurve: BiquadraticCurve
    public var partLoadCurve: QuadraticCurve
    public var minimumPartLoadRatio: Double
    /// The reference point: leaving chilled water and entering condenser fluid, °C.
    public var referenceLeavingChilledC: Double
    public var referenceEnteringCondenserC: Double

    /// Default curves: EnergyPlus dataset chiller "ElectricEIRChiller McQuay PFH 2124kW/6.03COP/Vanes"
    /// (water-cooled centrifugal; `DataSets/Chillers.idf`, as carried by Modelica Buildings
    /// `Fluid.Chillers.Data.ElectricEIR`): reference 8.89 °C leaving, 23.89 °C entering condenser,
    /// fitted for 5.56-8.89 °C leaving and 12.78-29.44 °C entering condenser water.
    public static func waterCooledCentrifugal(capacityW: Double, cop: Double) -> ChillerModel {
        let x = 5.56...8.89, y = 12.78...29.44
        let capacity = BiquadraticCurve([1.040134, -1.745650e-02, 1.084856e-03, 6.629328e-03, -8.008991e-04, 1.567769e-03], x: x, y: y)
        let eir = BiquadraticCurve([1.157799, -3.621524e-02, -3.684818e-03, -1.202959e-02, -7.378548e-05, 3.787365e-03], x: x, y: y)
        let plr = QuadraticCurve(1.051419e-01, 2.033679e-01, 6.902026e-01, x: 0...1.03)
        return ChillerModel(referenceCapacityW: capacityW, referenceCOP: cop, capacityCurve: capacity, eirCurve: eir, partLoadCurve: plr,
                            minimumPartLoadRatio: 0.09, referenceLeavingChilledC: 8.89, referenceEnteringCondenserC: 23.89)
    }

    public init(referenceCapacityW: Double, referenceCOP: Double, capacityCurve: BiquadraticCurve, eirCurve: BiquadraticCurve,
                partLoadCurve: QuadraticCurve, minimumPartLoadRatio: Double, referenceLeavingChilledC: Double,
                referenceEnteringCondenserC: Double) {
        self.referenceCapacityW = referenceCapacityW
        self.referenceCOP = referenceCOP
        // Normalise so that each curve is exactly 1 at the reference point (fits are within ~0.5 %).
        let capAtRef = capacityCurve(referenceLeavingChilledC, referenceEnteringCondenserC)
        let eirAtRef = eirCurve(referenceLeavingChilledC, referenceEnteringCondenserC)
        var cap = capacityCurve, eir = eirCurve, plr = partLoadCurve
        cap.coefficients = Self.scaled(cap.coefficients, by: 1 / capAtRef)
        eir.coefficients = Self.scaled(eir.coefficients, by: 1 / eirAtRef)
        let plrAtFull = plr(1)
        plr = QuadraticCurve(plr.a / plrAtFull, plr.b / plrAtFull, plr.c / plrAtFull, x: plr.xRange)
        self.capacityCurve = cap
        self.eirCurve = eir
        self.partLoadCurve = plr
        self.minimumPartLoadRatio = minimumPartLoadRatio
        self.referenceLeavingChilledC = referenceLeavingChilledC
        self.referenceEnteringCondenserC = referenceEnteringCondenserC
    }

    private static func scaled(_ c: (Double, Double, Double, Double, Double, Double), by k: Double)
        -> (Double, Double, Double, Double, Double, Double) {
        (c.0 * k, c.1 * k, c.2 * k, c.3 * k, c.4 * k, c.5 * k)
    }

    /// Entering condenser water above which a water-cooled chiller cannot run (its high-pressure
    /// limit), °C: manufacturers' operating maps for centrifugal and screw chillers end at about
    /// 40-46 °C (104-115 °F); an estimate at the top of that range. A heat-rejection bank that
    /// cannot hold the condenser water below it unloads the chillers (docs/models/plant.md).
    public static let maximumCondenserC = 46.0
    /// Entering condenser water below the default curve's fitted range buys nothing, °C.
    public static let minimumCondenserC = 12.78
    /// AHRI 550/590 air-cooled rating (35 °C air) against the water-cooled curve's 23.89 °C
    /// reference, K: an air-cooled chiller's condenser is taken as the dry bulb less this.
    public static let airCooledCondenserOffsetK = 35.0 - 23.89

    /// Capacity available at these temperatures, W.
    public func availableCapacityW(leavingChilledC: Double, enteringCondenserC: Double) -> Double {
        referenceCapacityW * max(capacityCurve(leavingChilledC, enteringCondenserC), 0)
    }

    /// Electric power to remove `loadW` (clipped to the available capacity), W.
    public func powerW(loadW: Double, leavingChilledC: Double, enteringCondenserC: Double) -> Double {
        guard loadW > 0 else { return 0 }
        let available = availableCapacityW(leavingChilledC: leavingChilledC, enteringCondenserC: enteringCondenserC)
        let plr = min(loadW / available, 1)
        let eir = eirCurve(leavingChilledC, enteringCondenserC) / referenceCOP
        let runningPLR = max(plr, minimumPartLoadRatio)
        let cycling = plr / runningPLR
        return available * eir * partLoadCurve(runningPLR) * cycling
    }
}
