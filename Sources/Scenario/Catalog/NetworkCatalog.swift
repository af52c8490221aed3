/// Fabric equipment (NICs, switches, transceivers and cables) and each accelerator's scale-up link,
/// with sources. Figures are named with their units, like the facility equipment. Estimates say
/// how they were made. docs/models/network.md uses them; `plenum catalog network` lists them.
enum NetworkCatalog {
    private static func p(_ value: Double) -> CatalogFigure { .published(value) }

    /// Software and NIC latency of one message (NCCL over InfiniBand) before any switch: the 5 µs
    /// with which the Megatron-LM step times of the tests are reproduced (docs/models/network.md).
    static let baseLatencyS = 5e-6

    static let fabric: [EquipmentEntry] = [
        // NICs: one per accelerator on rail-optimised fabrics.
        EquipmentEntry(name: "connectx-6-hdr", displayName: "NVIDIA ConnectX-6 HDR InfiniBand adapter, 200 Gb/s", kind: "nic",
                       figures: [("port_gbps", p(200)),
                                 ("power_w", .estimate(20, "no figure located; a PCIe Gen4 x16 200 Gb/s adapter class")),
                                 ("latency_ns", p(600))],
                       sources: ["NVIDIA ConnectX-6 product brief (200 Gb/s, sub-600 ns latency)"]),
        EquipmentEntry(name: "connectx-7-ndr", displayName: "NVIDIA ConnectX-7 NDR InfiniBand adapter, 400 Gb/s", kind: "nic",
                       figures: [("port_gbps", p(400)),
                                 ("power_w", .estimate(25, "no figure located; a PCIe Gen5 x16 400 Gb/s adapter class")),
                                 ("latency_ns", .estimate(600, "ConnectX-6's figure assumed"))],
                       sources: ["NVIDIA ConnectX-7 user manual (OSFP 400 Gb/s, PCIe Gen5 x16; docs.nvidia.com/networking)"]),
        EquipmentEntry(name: "connectx-8", displayName: "NVIDIA ConnectX-8 SuperNIC, 800 Gb/s", kind: "nic",
                       figures: [("port_gbps", p(800)),
                                 ("power_w", .estimate(35, "no figure located; scaled from ConnectX-7 by port speed at half the slope")),
                                 ("latency_ns", .estimate(600, "ConnectX-6's figure assumed"))],
                       sources: ["NVIDIA Quantum-X800 / ConnectX-8 announcements (800 Gb/s)"]),
        // Switches: power without transceivers; the idle share follows measurements of switches,
        // whose power moves little with traffic.
        EquipmentEntry(name: "quantum-qm8700", displayName: "NVIDIA Quantum QM8700, 40 × HDR 200 Gb/s InfiniBand", kind: "switch",
                       figures: [("ports", p(40)), ("port_gbps", p(200)),
                                 ("power_typical_w", .estimate(250, "no figure located here; a 16 Tb/s 1U switch with passive cables")),
                                 ("idle_fraction", .estimate(0.85, "Mahadevan et al. 2009: switch power moves ≤ 15 % with traffic")),
                                 ("latency_ns", p(130))],
                       sources: ["NVIDIA QM87xx user manual (40 QSFP56 ports, 130 ns port-to-port)"]),
        EquipmentEntry(name: "quantum-2-qm9700", displayName: "NVIDIA Quantum-2 QM9700, 64 × NDR 400 Gb/s InfiniBand", kind: "switch",
                       figures: [("ports", p(64)), ("port_gbps", p(400)),
                                 ("power_typical_w", p(747)),
                                 ("power_max_with_optics_w", p(1720)),
                                 ("idle_fraction", .estimate(0.85, "Mahadevan et al. 2009: switch power moves ≤ 15 % with traffic")),
                                 ("latency_ns", .estimate(330, "secondary source (yobitel.com knowledge base, ~330 ns)"))],
                       sources: ["NVIDIA QM9700/QM9790 data sheet (typical 747 W with passive cables, 1,720 W maximum with active modules)",
                                 "docs.nvidia.com QM97XX user manual (32 twin-port OSFP cages, class 8 17 W modules)"]),
        EquipmentEntry(name: "spectrum-4-sn5600", displayName: "NVIDIA Spectrum-4 SN5600, 64 × 800 GbE", kind: "switch",
                       figures: [("ports", p(64)), ("port_gbps", p(800)),
                                 ("power_typical_w", .estimate(1000, "no figure located; 51.2 Tb/s like Quantum-2, Ethernet pipeline")),
                                 ("idle_fraction", .estimate(0.85, "Mahadevan et al. 2009: switch power moves ≤ 15 % with traffic")),
                                 ("latency_ns", .estimate(600, "no figure located; Ethernet store-and-forward class"))],
                       sources: ["NVIDIA Spectrum-X reference (64 × 800 GbE, 51.2 Tb/s)"]),
        // Optics and cables: power per module (one at each end of a link).
        EquipmentEntry(name: "dac", displayName: "Passive copper cable (DAC), up to 2-3 m", kind: "cable",
                       figures: [("power_w", p(0)), ("reach_m", p(3))],
                       sources: ["NVIDIA MCP7Y00 product specification (passive, near zero power)"]),
        EquipmentEntry(name: "aoc-200g", displayName: "Active optical cable, HDR 200 Gb/s (per end)", kind: "cable",
                       figures: [("power_w", .estimate(4.5, "no figure located; half a 400G SR4 module's 9 W")), ("reach_m", p(100))],
                       sources: ["NVIDIA LinkX HDR AOC family (up to 100 m)"]),
        EquipmentEntry(name: "osfp-400g-sr4", displayName: "400G OSFP SR4 multimode, 50 m (NIC end)", kind: "transceiver",
                       figures: [("gbps", p(400)), ("power_w", p(8)), ("power_max_w", p(9)), ("reach_m", p(50))],
                       sources: ["NVIDIA MMA4Z00-NS400 product specification (8 W typical, 9 W maximum)"]),
        EquipmentEntry(name: "osfp-400g-dr4", displayName: "400G OSFP DR4 single-mode, 100 m (NIC end)", kind: "transceiver",
                       figures: [("gbps", p(400)), ("power_w", p(9)), ("reach_m", p(100))],
                       sources: ["NVIDIA MMS4X00-NS400 product specification (9 W typical and maximum)"]),
        EquipmentEntry(name: "osfp-800g-2xsr4", displayName: "800G twin-port OSFP 2×SR4 multimode, 50 m (switch end)", kind: "transceiver",
                       figures: [("gbps", p(800)), ("power_w", p(15)), ("reach_m", p(50))],
                       sources: ["NVIDIA MMA4Z00-NS product specification (15 W in all configurations)"]),
        EquipmentEntry(name: "osfp-800g-2xdr4", displayName: "800G twin-port OSFP 2×DR4 single-mode, 100 m (switch end)", kind: "transceiver",
                       figures: [("gbps", p(800)), ("power_w", p(17)), ("reach_m", p(100))],
                       sources: ["NVIDIA MMS4X00-NS product specification (17 W in all configurations)"]),
        EquipmentEntry(name: "osfp-800g-2xfr4", displayName: "800G twin-port OSFP 2×FR4 single-mode, 2 km (switch end)", kind: "transceiver",
                       figures: [("gbps", p(800)), ("power_w", .estimate(17, "the class-8 17 W of the 2×DR4 assumed")), ("reach_m", p(2000))],
                       sources: ["NVIDIA MMS4X50-NM product specification (2×FR4, 2 km)", "QM97XX user manual (class 8, 17 W cages)"]),
    ]

    /// Scale-up links (NVLink, Infinity Fabric, HCCS, MLU-Link, BLink, or PCIe where there is
    /// none), keyed by accelerator name: bandwidth per device in both directions together, as
    /// vendors quote it, and the devices one domain joins.
    static let scaleUp: [EquipmentEntry] = [
        link("v100", "NVLink 2", p(300), domain: 8, ["NVIDIA V100 data sheet (300 GB/s NVLink)"]),
        link("a100-sxm", "NVLink 3 + NVSwitch", p(600), domain: 8, ["NVIDIA A100 data sheet (600 GB/s NVLink)"]),
        link("a100-pcie", "PCIe Gen4 x16", p(64), domain: 8, ["PCI-SIG Gen4 x16 (32 GB/s each way); NVLink bridge pairs not modelled"]),
        link("a800-sxm", "NVLink 3 (export-limited)", p(400), domain: 8, ["tweakers.net (Reuters/NVIDIA): NVLink cut from 600 to 400 GB/s"]),
        link("a800-pcie", "PCIe Gen4 x16", p(64), domain: 8, ["PCI-SIG Gen4 x16"]),
        link("h100-sxm", "NVLink 4 + NVSwitch", p(900), domain: 8, ["NVIDIA H100 data sheet (900 GB/s NVLink)"]),
        link("h100-pcie", "PCIe Gen5 x16", p(128), domain: 8, ["PCI-SIG Gen5 x16 (64 GB/s each way); NVLink bridge pairs not modelled"]),
        link("h800-sxm", "NVLink 4 (export-limited)", p(400), domain: 8, ["philisun.com (secondary): H800 NVLink 400 GB/s",
                                                                            "../shared/reference/catalog-sources.md"]),
        link("h20", "NVLink 4", p(900), domain: 8, ["zangshuxian.com; tweaktown.com 95224 (H20 keeps 900 GB/s NVLink)"]),
        link("h200", "NVLink 4 + NVSwitch", p(900), domain: 8, ["NVIDIA H200 data sheet (900 GB/s NVLink)"]),
        link("b200", "NVLink 5 + NVSwitch", p(1800), domain: 8, ["NVIDIA DGX B200 user guide (1.8 TB/s NVLink per GPU); NVL72 domains: set scale_up_domain"]),
        link("mi300x", "Infinity Fabric", p(896), domain: 8, ["AMD MI300X data sheet (7 × 128 GB/s links)"]),
        link("ascend-910b", "HCCS", .estimate(392, "secondary sources: 7 HCCS links of 56 GB/s; no Huawei figure located"),
             domain: 8, ["boardor.com and press analyses of Atlas 800T A2 (secondary)"]),
        link("mlu370-x8", "MLU-Link", .estimate(200, "secondary source: MLU-Link 200 GB/s per card"), domain: 8,
             ["guangxilong.com launch coverage (secondary)"]),
        link("mlu590", "MLU-Link", .estimate(200, "no figure located; the MLU370-X8's MLU-Link assumed"), domain: 8,
             ["no published MLU590 interconnect located"]),
        link("br100", "BLink", .estimate(448, "secondary sources (Hot Chips 34 coverage): 8 BLink ports, 448 GB/s; not confirmed"),
             domain: 8, ["techpowerup 298098 and tomshardware Hot Chips 34 coverage (secondary)"]),
    ]

    private static func link(_ accelerator: String, _ technology: String, _ figure: CatalogFigure, domain: Int,
                             _ sources: [String]) -> EquipmentEntry {
        EquipmentEntry(name: accelerator, displayName: "\(technology) of \(accelerator)", kind: "scale-up",
                       figures: [("bandwidth_gbytes_per_s", figure), ("domain_size", .published(Double(domain))),
                                 ("latency_us", .estimate(5, "the α with which Megatron-LM iteration times are reproduced (docs/models/network.md)"))],
                       sources: sources)
    }
}

extension EquipmentEntry {
    /// A named figure's value, if the entry has it.
    public func value(_ key: String) -> Double? { figures.first { $0.key == key }?.figure.value }
}
