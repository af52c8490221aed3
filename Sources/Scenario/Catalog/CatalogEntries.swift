/// A figure in the catalog: a value with where it comes from. `isEstimate` marks a derivation
/// or an assumption rather than a published number; `note` says how it was derived.
public struct CatalogFigure: Sendable, Equatable {
    public let value: Double
    public let isEstimate: Bool
    public let note: String?

    public init(value: Double, isEstimate: Bool, note: String?) {
        self.value = value
        self.isEstimate = isEstimate
        self.note = note
    }

    public static func published(_ value: Double) -> CatalogFigure { CatalogFigure(value: value, isEstimate: false, note: nil) }
    public static func estimate(_ value: Double, _ note: String) -> CatalogFigure { CatalogFigure(value: value, isEstimate: true, note: note) }
}

/// An AI accelerator. Throughput is dense peak (sparsity removed), in TFLOPS (TOPS for INT8).
public struct AcceleratorEntry: Sendable {
    public let name: String
    public let displayName: String
    public let vendor: String
    public let formFactor: String
    /// Board power (TDP/TGP), W.
    public let tdpW: CatalogFigure
    /// Power at idle, W.
    public let idlePowerW: CatalogFigure
    public let fp64TFLOPS: CatalogFigure?
    public let fp32TFLOPS: CatalogFigure?
    public let tf32TFLOPS: CatalogFigure?
    public let fp16TFLOPS: CatalogFigure?
    /// INT8 or FP8 (whichever the part offers; FP8 for Hopper and later), TOPS/TFLOPS.
    public let int8TOPS: CatalogFigure?
    public let memoryGB: CatalogFigure?
    public let memoryBandwidthTBps: CatalogFigure?
    public let memoryType: String
    /// Maximum operating (junction/GPU) temperature before the device slows, °C.
    public let maxOperatingTemperatureC: CatalogFigure
    public let processNode: String
    public let dieAreaMM2: CatalogFigure?
    public let dies: String
    public let sources: [String]
}

/// A server model: accelerators plus the rest of the box.
public struct ServerEntry: Sendable {
    public let name: String
    public let displayName: String
    public let accelerator: String?
    public let acceleratorCount: Int
    public let cpuDescription: String
    public let cpuCount: Int
    public let cpuTDPW: CatalogFigure
    /// Nameplate maximum power of the whole server, W.
    public let maxPowerW: CatalogFigure
    /// Power at idle, W.
    public let idlePowerW: CatalogFigure
    /// Cooling air at full fan speed, m³/s.
    public let airflowM3PerS: CatalogFigure
    public let massKg: CatalogFigure
    public let psuDescription: String
    public let sources: [String]
}

/// A site: climate normals by month, electricity price and grid carbon.
public struct SiteEntry: Sendable {
    public let name: String
    public let displayName: String
    public let country: String
    public let latitudeDeg: Double
    public let longitudeDeg: Double
    public let elevationM: CatalogFigure
    /// Monthly mean dry-bulb temperature, °C, January first.
    public let monthlyDryBulbC: [Double]
    /// Monthly mean relative humidity, 0-1.
    public let monthlyRelativeHumidity: [Double]
    public let climateSource: String
    public let climateIsEstimate: Bool
    public let humidityIsEstimate: Bool
    /// Electricity price for large users, in `currency` per kWh.
    public let electricityPrice: CatalogFigure
    public let currency: String
    public let priceSource: String
    /// Grid emission factor, kg CO₂ per kWh.
    public let gridCarbonKgPerKWh: CatalogFigure
    public let carbonSource: String
    /// Peak and valley hours of the local time-of-use tariff, where published.
    public let timeOfUse: String?
}

/// A piece of facility equipment with its typical ratings.
public struct EquipmentEntry: Sendable {
    public let name: String
    public let displayName: String
    public let kind: String
    /// Named figures (`efficiency_at_50_percent`, `approach_k`...), with units in the key.
    public let figures: [(key: String, figure: CatalogFigure)]
    public let sources: [String]
}
