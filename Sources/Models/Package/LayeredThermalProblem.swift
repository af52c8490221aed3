/// A rectangle in the package plane, metres, lower-left corner at (x, y).
public struct PlaneRectangle: Sendable, Equatable {
    public var x: Double, y: Double, width: Double, height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var area: Double { width * height }

    public func contains(x px: Double, y py: Double) -> Bool { px >= x && px <= maxX && py >= y && py <= maxY }

    public func overlapArea(_ other: PlaneRectangle) -> Double {
        let w = min(maxX, other.maxX) - max(x, other.x), h = min(maxY, other.maxY) - max(y, other.y)
        return w > 0 && h > 0 ? w * h : 0
    }

    /// The smallest rectangle holding both.
    public func union(_ other: PlaneRectangle) -> PlaneRectangle {
        let x0 = min(x, other.x), y0 = min(y, other.y)
        return PlaneRectangle(x: x0, y: y0, width: max(maxX, other.maxX) - x0, height: max(maxY, other.maxY) - y0)
    }
}

/// A heat source in a layer: a die's block (or a whole die), with its power at the reference
/// junction temperature and the share of it that is leakage.
public struct HeatSource: Sendable {
    public var name: String
    /// The die it belongs to (for per-die results).
    public var die: String
    public var rectangle: PlaneRectangle
    /// Power at `referenceC`, W.
    public var powerW: Double
    /// Leakage share of `powerW` at `referenceC`; leakage scales as exp(β (T − T_ref)).
    public var leakageFraction: Double
    /// Where in its layer's thickness the power is dissipated: the active face (bottom or top
    /// slice) or spread through it. Matters only with more than one slice per layer.
    public var activeSide: ActiveSide

    public enum ActiveSide: Sendable { case bottom, top, volume }

    public init(name: String, die: String, rectangle: PlaneRectangle, powerW: Double, leakageFraction: Double = 0,
                activeSide: ActiveSide = .volume) {
        self.name = name
        self.die = die
        self.rectangle = rectangle
        self.powerW = powerW
        self.leakageFraction = leakageFraction
        self.activeSide = activeSide
    }
}

/// One layer of the stack: a background material with rectangular regions of others (later
/// regions win), its heat sources, and how many cells it takes through its thickness.
public struct ThermalLayer: Sendable {
    public var name: String
    public var thicknessM: Double
    public var background: PackageMaterial
    public var regions: [(rectangle: PlaneRectangle, material: PackageMaterial, label: String)]
    public var sources: [HeatSource]
    public var sublayers: Int

    public init(name: String, thicknessM: Double, background: PackageMaterial,
                regions: [(rectangle: PlaneRectangle, material: PackageMaterial, label: String)] = [],
                sources: [HeatSource] = [], sublayers: Int = 1) {
        precondition(thicknessM > 0 && sublayers >= 1)
        self.name = name
        self.thicknessM = thicknessM
        self.background = background
        self.regions = regions
        self.sources = sources
        self.sublayers = sublayers
    }

    public func material(x: Double, y: Double) -> PackageMaterial {
        for region in regions.reversed() where region.rectangle.contains(x: x, y: y) { return region.material }
        return background
    }
}

/// A convective boundary on the top or bottom face: heat-transfer coefficient over a rectangle
/// to a fluid (air over fins lumped into an effective h over the base, coolant in a cold plate).
public struct ConvectiveBoundary: Sendable {
    public var heatTransferCoefficientWPerM2K: Double
    public var rectangle: PlaneRectangle
    public var fluidC: Double

    public init(heatTransferCoefficientWPerM2K: Double, rectangle: PlaneRectangle, fluidC: Double) {
        precondition(heatTransferCoefficientWPerM2K > 0)
        self.heatTransferCoefficientWPerM2K = heatTransferCoefficientWPerM2K
        self.rectangle = rectangle
        self.fluidC = fluidC
    }
}

/// The lateral grid: uniform cells over the extent, or fine cells over a region (the dies)
/// growing geometrically outside it (the spreader and sink beyond the dies).
public enum LateralGrid: Sendable, Equatable {
    case uniform(columns: Int, rows: Int)
    case graded(fineCellM: Double, fineRegion: PlaneRectangle, growth: Double)
}

/// A layered conduction problem, bottom layer first; the top boundary carries the heat away.
public struct LayeredThermalProblem: Sendable {
    public var layers: [ThermalLayer]
    public var extent: PlaneRectangle
    public var top: ConvectiveBoundary
    /// A secondary path through the bottom (balls and board); none by default.
    public var bottom: ConvectiveBoundary?
    public var grid: LateralGrid
    /// How many times a graded grid has been refined: its largest cells (an eighth of the extent)
    /// shrink with it, so every cell halves (`refined(lateral:vertical:)`).
    public var lateralRefinement = 1
    /// Leakage temperature coefficient, 1/K, and its reference temperature, °C.
    public var leakageCoefficientPerK: Double
    public var referenceC: Double

    /// Leakage doubling every 35 K (β = 0.02 /K), as in the accelerator model (docs/models/it-thermal.md).
    public static let defaultLeakageCoefficientPerK = 0.02

    public init(layers: [ThermalLayer], extent: PlaneRectangle, top: ConvectiveBoundary, bottom: ConvectiveBoundary? = nil,
                grid: LateralGrid, leakageCoefficientPerK: Double = defaultLeakageCoefficientPerK, referenceC: Double = 85) {
        self.layers = layers
        self.extent = extent
        self.top = top
        self.bottom = bottom
        self.grid = grid
        self.leakageCoefficientPerK = leakageCoefficientPerK
        self.referenceC = referenceC
    }

    public var totalReferencePowerW: Double { layers.reduce(0) { $0 + $1.sources.reduce(0) { $0 + $1.powerW } } }
}
