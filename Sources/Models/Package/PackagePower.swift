/// Power a package spends beyond its compute blocks: die-to-die links, HBM traffic, and
/// compute-in-memory macros.
public enum PackagePower {
    /// A die-to-die interface class: energy per bit and bandwidth per mm of die edge (shoreline).
    public struct LinkClass: Sendable, Equatable {
        public let name: String
        public let energyPJPerBit: Double
        /// GB/s per mm of die edge; nil for area (3D) interfaces.
        public let bandwidthGBPerSPerMM: Double?
        public let source: String
    }

    /// PHY depth behind the shoreline it occupies (an estimate: UCIe module depths of ~1 mm).
    public static let phyDepthMM = 1.0

    public static let linkClasses: [LinkClass] = [
        LinkClass(name: "ucie-standard", energyPJPerBit: 0.6, bandwidthGBPerSPerMM: 224,
                  source: "UCIe standard package (organic substrate, 100-130 µm bumps), 0.5 pJ/b ≤ 16 GT/s, 0.6 above; Das Sharma, Hot Interconnects 2025"),
        LinkClass(name: "ucie-advanced", energyPJPerBit: 0.3, bandwidthGBPerSPerMM: 1_300,
                  source: "UCIe advanced package (interposer/bridge, 25-55 µm), 0.25 pJ/b ≤ 16 GT/s, 0.3 above; Das Sharma, Hot Interconnects 2025"),
        LinkClass(name: "interposer-parallel", energyPJPerBit: 0.2, bandwidthGBPerSPerMM: 1_000,
                  source: "Bunch of Wires on interposer: < 0.2 pJ/b simulated at 8-16 Gb/s, 0.3-1+ Tb/s per mm (ODSA BoW; IEEE Micro 2021)"),
        LinkClass(name: "organic-serdes", energyPJPerBit: 1.3, bandwidthGBPerSPerMM: 224,
                  source: "NVLink-C2C 1.3 pJ/b (NVIDIA 2022), shoreline as UCIe standard"),
        LinkClass(name: "hybrid-bond-3d", energyPJPerBit: 0.05, bandwidthGBPerSPerMM: nil,
                  source: "UCIe 3D hybrid bonding (≤ 9 µm), 0.01-0.05 pJ/b; Das Sharma, Hot Interconnects 2025"),
    ]

    public static func linkClass(named name: String) -> LinkClass? { linkClasses.first { $0.name == name } }

    /// Link power: E_bit × traffic (GB/s × 8e9 b/GB), W.
    public static func linkPowerW(_ link: LinkClass, trafficGBPerS: Double) -> Double {
        link.energyPJPerBit * 1e-12 * trafficGBPerS * 8e9
    }

    /// PHY area the traffic needs on each of the two dies: shoreline × depth, mm² (0 for 3D).
    public static func phyAreaMM2(_ link: LinkClass, trafficGBPerS: Double) -> Double {
        guard let perMM = link.bandwidthGBPerSPerMM else { return 0 }
        return trafficGBPerS / perMM * phyDepthMM
    }

    /// HBM access energy per bit (DRAM core, I/O and PHY), pJ/b — estimates from public figures:
    /// HBM2e about 6, HBM3 about 4.
    public static let hbmEnergyPJPerBit: [String: Double] = ["hbm2e": 6.0, "hbm3": 4.0, "hbm3e": 3.5]

    public static func hbmPowerW(generation: String, bandwidthGBPerS: Double) -> Double? {
        hbmEnergyPJPerBit[generation].map { $0 * 1e-12 * bandwidthGBPerS * 8e9 }
    }

    /// A compute-in-memory macro technology at a precision: energy per MAC and the throughput one
    /// mm² of macro sustains.
    public struct CIMTechnology: Sendable, Equatable {
        public let name: String
        public let bits: Int
        /// Energy per MAC (2 operations), fJ.
        public let energyFJPerMAC: Double
        /// Sustained tera-operations per second per mm².
        public let topsPerMM2: Double
        public let source: String
    }

    /// From the TOPS/W figures in ../shared/reference/package-sources.md (energy per MAC = 2 / (TOPS/W) pJ).
    public static let cimTechnologies: [CIMTechnology] = [
        CIMTechnology(name: "sram", bits: 8, energyFJPerMAC: 2 / 30.3 * 1000, topsPerMM2: 1.95 / 8.36,
                      source: "DNN+NeuroSim 7 nm SRAM CIM, 8-bit VGG-8: 30.3 TOPS/W, 1.95 TOPS on 8.36 mm2 (neurosim/3D_NeuroSim_V1.0)"),
        CIMTechnology(name: "sram", bits: 4, energyFJPerMAC: 2 / 59.7 * 1000, topsPerMM2: 2 * 1.95 / 8.36,
                      source: "SRAM charge-domain macro, 65 nm, 4-bit: 59.7 TOPS/W (MC2-RAM); density twice the 8-bit figure (estimate)"),
        CIMTechnology(name: "reram", bits: 16, energyFJPerMAC: 2 / 0.63 * 1000, topsPerMM2: 0.05,
                      source: "ISAAC, RRAM 16-bit: 0.63 TOPS/W (Nature Communications s41467-024-45670-9, Table 3); density an estimate"),
        CIMTechnology(name: "digital", bits: 8, energyFJPerMAC: 2 / 2.3 * 1000, topsPerMM2: 92.0 / 331,
                      source: "TPU v1 peak, 8-bit: 2.3 TOPS/W (same table); 92 TOPS on a 331 mm2 die"),
    ]

    public static func cimTechnology(_ name: String, bits: Int) -> CIMTechnology? {
        cimTechnologies.first { $0.name == name && $0.bits == bits }
    }
}
