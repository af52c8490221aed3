/// A chip package as a planner or architect describes it: dies on a carrier (substrate, silicon
/// interposer or bridges), stacked in tiers (3D), HBM beside the logic, the lid and TIMs above,
/// and how it is cooled. Lengths in metres, powers in watts.
public struct PackageDesign: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case monolithic, chiplet25D = "chiplet-2.5d", stack3D = "stack-3d", computeInMemory = "compute-in-memory"
    }

    public enum DieRole: String, Sendable, CaseIterable { case logic, hbm, cim }

    /// A floorplan block: rectangle relative to its die's lower-left corner.
    public struct Block: Sendable {
        public var name: String
        public var rectangle: PlaneRectangle
        public var powerW: Double
        public init(name: String, rectangle: PlaneRectangle, powerW: Double) {
            self.name = name
            self.rectangle = rectangle
            self.powerW = powerW
        }
    }

    public struct Die: Sendable {
        public var name: String
        public var node: ProcessNode
        public var role: DieRole
        /// Placement on the carrier (tier 0) or on the tier below.
        public var rectangle: PlaneRectangle
        public var thicknessM: Double
        /// 0 on the carrier; 1, 2, … stacked above (3D).
        public var tier: Int
        /// Power spread uniformly over the die, besides its blocks.
        public var uniformPowerW: Double
        public var blocks: [Block]
        /// Leakage share of the die's power at the reference temperature.
        public var leakageFraction: Double
        /// HBM: generation and traffic (power = energy per bit × traffic).
        public var hbm: (generation: String, bandwidthGBPerS: Double)?
        /// CIM: technology, precision and demanded throughput (TOPS).
        public var cim: (technology: PackagePower.CIMTechnology, demandTOPS: Double)?
        /// Area share of copper through-silicon vias: the die's vertical conductivity is
        /// (1 − f) k_Si + f k_Cu (parallel paths; lateral conduction unchanged).
        public var tsvFraction: Double = 0

        public init(name: String, node: ProcessNode, role: DieRole = .logic, rectangle: PlaneRectangle, thicknessM: Double, tier: Int = 0,
                    uniformPowerW: Double = 0, blocks: [Block] = [], leakageFraction: Double = 0.15) {
            self.name = name
            self.node = node
            self.role = role
            self.rectangle = rectangle
            self.thicknessM = thicknessM
            self.tier = tier
            self.uniformPowerW = uniformPowerW
            self.blocks = blocks
            self.leakageFraction = leakageFraction
        }

        public var areaMM2: Double { rectangle.area * 1e6 }
    }

    public struct Link: Sendable {
        public var from: String, to: String
        public var linkClass: PackagePower.LinkClass
        public var trafficGBPerS: Double
        public init(from: String, to: String, linkClass: PackagePower.LinkClass, trafficGBPerS: Double) {
            self.from = from
            self.to = to
            self.linkClass = linkClass
            self.trafficGBPerS = trafficGBPerS
        }
    }

    /// A plain layer above the dies (TIM, lid, sink base): material, thickness, extent.
    public struct Slab: Sendable {
        public var material: PackageMaterial
        public var thicknessM: Double
        public var rectangle: PlaneRectangle?
        /// Cells through its thickness.
        public var sublayers: Int
        public init(material: PackageMaterial, thicknessM: Double, rectangle: PlaneRectangle? = nil, sublayers: Int = 1) {
            self.material = material
            self.thicknessM = thicknessM
            self.rectangle = rectangle
            self.sublayers = sublayers
        }
    }

    public enum Cooling: Sendable {
        /// Heat-transfer coefficient over the top face, W/(m²·K), to a fluid at °C.
        case convection(heatTransferCoefficientWPerM2K: Double, fluidC: Double)
        /// A lumped sink-to-fluid resistance over the top face, K/W (HotSpot's r_convec).
        case resistance(kPerW: Double, fluidC: Double)
        /// A cold plate on the lid (OCP 1 kW OAM plate curve) at a coolant flow.
        case coldPlate(flowM3PerS: Double, coolantC: Double)

        public var fluidC: Double {
            switch self {
            case .convection(_, let t), .resistance(_, let t), .coldPlate(_, let t): return t
            }
        }
    }

    /// How stacked dies face each other. Flip-chip dies on the carrier face down; face to back
    /// (the default) keeps every die's active face down, bonded onto the back of the one below
    /// (through its TSVs); face to face turns the bottom die's active face up to meet the next
    /// die's, so both active layers sit at the bond.
    public enum StackOrientation: String, Sendable, CaseIterable { case faceToBack = "face-to-back", faceToFace = "face-to-face" }

    public var name: String
    public var kind: Kind
    public var dies: [Die]
    public var orientation: StackOrientation = .faceToBack
    public var links: [Link]
    public var carrier: ChipletCostModel.Carrier
    public var substrate: Slab
    public var interposer: Slab?
    /// Bumps under tier-0 dies, and bonds between tiers.
    public var attach: Slab
    public var bond: Slab
    /// Yield of each die-on-die bond (3D).
    public var bondYield: Double
    public var tim1: Slab
    public var lid: Slab?
    public var tim2: Slab?
    public var sink: Slab?
    public var cooling: Cooling
    /// Lateral cell size over the dies (graded beyond), or a uniform grid.
    public var grid: LateralGrid?
    public var fineCellM: Double
    public var dieSublayers: Int
    /// The carrier of the monolithic die the chiplets are compared with (Chiplet Actuary's SoC:
    /// organic substrate).
    public var monolithicCarrier: ChipletCostModel.Carrier = .organic
    /// The discretisation error allowed at the hottest block, K: the grid is refined until its
    /// estimate is within it (`PackageConvergence`).
    public var gridToleranceK: Double = 0.1
    /// Every file the design was read from (the file and those it extends, or a HotSpot study's
    /// files), so that no output overwrites one.
    public var sourceFiles: [String] = []
    public var testCostUSD: Double
    /// Throughput the package delivers (for comparing variants), TOPS or TFLOPS as described.
    public var throughputTOPS: Double?
    /// A stack given layer by layer (HotSpot inputs) instead of built from the parts above; its
    /// power-dissipating layers are named `tier-<n>` and hold the dies.
    public var customProblem: LayeredThermalProblem?

    /// Power over time for transients: per interval, a multiplier of each heat source's power
    /// (in the order of the layers' sources); the last row holds after the end.
    public struct SourceSchedule: Sendable {
        public var intervalS: Double
        public var scales: [[Double]]
        public init(intervalS: Double, scales: [[Double]]) {
            self.intervalS = intervalS
            self.scales = scales
        }
        public func scales(atS t: Double) -> [Double] {
            scales[min(max(Int(t / intervalS), 0), scales.count - 1)]
        }
    }
    public var sourceSchedule: SourceSchedule? = nil

    public init(name: String, kind: Kind, dies: [Die], cooling: Cooling) {
        self.name = name
        self.kind = kind
        self.dies = dies
        self.cooling = cooling
        links = []
        carrier = kind == .chiplet25D ? .siliconInterposer : .organic
        substrate = Slab(material: PackageMaterials.organicSubstrate, thicknessM: 1.0e-3)
        interposer = kind == .chiplet25D ? Slab(material: PackageMaterials.silicon, thicknessM: 100e-6) : nil
        attach = Slab(material: carrier == .organic ? PackageMaterials.c4BumpLayer : PackageMaterials.microBumpLayer,
                      thicknessM: carrier == .organic ? 80e-6 : 40e-6)
        bond = Slab(material: PackageMaterials.hybridBondLayer, thicknessM: 2e-6)
        bondYield = 0.99
        tim1 = Slab(material: PackageMaterials.timGrease, thicknessM: 50e-6)
        lid = Slab(material: PackageMaterials.copper, thicknessM: 2e-3)
        tim2 = Slab(material: PackageMaterials.timGrease, thicknessM: 50e-6)
        sink = nil
        grid = nil
        fineCellM = 0.5e-3
        dieSublayers = 1
        testCostUSD = 0
        throughputTOPS = nil
        customProblem = nil
    }

    /// The dies' bounding box.
    public var diesExtent: PlaneRectangle { dies.dropFirst().reduce(dies[0].rectangle) { $0.union($1.rectangle) } }
}
