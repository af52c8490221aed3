/// Accelerators in the built-in catalog. Throughput is dense peak (sparsity removed). Each
/// entry lists its sources; figures marked `.estimate` say how they were derived.
/// Sources are gathered in ../shared/reference/catalog-sources.md and cited in docs/catalog.md.
enum AcceleratorCatalog {
    private static func p(_ value: Double) -> CatalogFigure { .published(value) }

    /// Idle power where none is published: 12 % of TDP, between the measured idle of the A100
    /// (60-65 W of 400 W, 15 %) and the H100 SXM (75 W of 700 W, 11 %) in nvidia-smi logs.
    private static func idleEstimate(_ tdp: Double) -> CatalogFigure {
        .estimate((0.12 * tdp).rounded(), "12 % of TDP, by analogy with A100 (15 %) and H100 (11 %) measured idle")
    }

    /// Where no limit is published: 85 °C, the maximum operating GPU temperature NVIDIA reports
    /// for the A100 (the H100's is 87 °C).
    private static let operatingLimitEstimate = CatalogFigure.estimate(85, "not published; A100's 85 °C assumed")

    static let entries: [AcceleratorEntry] = [
        AcceleratorEntry(
            name: "v100", displayName: "NVIDIA V100 (SXM2, 1455 MHz)", vendor: "NVIDIA", formFactor: "SXM2",
            tdpW: p(300), idlePowerW: idleEstimate(300),
            fp64TFLOPS: p(7.5), fp32TFLOPS: p(15), tf32TFLOPS: nil, fp16TFLOPS: p(120), int8TOPS: nil,
            memoryGB: p(16), memoryBandwidthTBps: p(0.9), memoryType: "HBM2",
            maxOperatingTemperatureC: operatingLimitEstimate, processNode: "TSMC 12FFN", dieAreaMM2: p(815), dies: "monolithic",
            sources: ["NVIDIA GTC'17 V100 table (via techrival.com, wccftech.com)",
                      "developer.nvidia.com/programming-tensor-cores-cuda-9-0 (125 TFLOPS at full clock)"]),
        AcceleratorEntry(
            name: "a100-sxm", displayName: "NVIDIA A100 SXM4 80 GB", vendor: "NVIDIA", formFactor: "SXM4",
            tdpW: p(400), idlePowerW: p(62),
            fp64TFLOPS: p(19.5), fp32TFLOPS: p(19.5), tf32TFLOPS: p(156), fp16TFLOPS: p(312), int8TOPS: p(624),
            memoryGB: p(80), memoryBandwidthTBps: p(2.039), memoryType: "HBM2e",
            maxOperatingTemperatureC: p(85), processNode: "TSMC N7", dieAreaMM2: p(826), dies: "monolithic",
            sources: ["NVIDIA A100 datasheet via glennklockwood.com/garden/processors/A100",
                      "nvidia-smi -q logs in public repositories (idle 60-65 W; max operating 85 °C, slowdown 89 °C)"]),
        AcceleratorEntry(
            name: "a100-pcie", displayName: "NVIDIA A100 PCIe 80 GB", vendor: "NVIDIA", formFactor: "PCIe",
            tdpW: p(300), idlePowerW: p(62),
            fp64TFLOPS: p(19.5), fp32TFLOPS: p(19.5), tf32TFLOPS: p(156), fp16TFLOPS: p(312), int8TOPS: p(624),
            memoryGB: p(80), memoryBandwidthTBps: nil, memoryType: "HBM2e",
            maxOperatingTemperatureC: p(85), processNode: "TSMC N7", dieAreaMM2: p(826), dies: "monolithic",
            sources: ["nvidia-smi -q logs (power limit 300 W, idle 60-65 W, 85 °C)", "tweakers.net 203182 (A800 article)"]),
        AcceleratorEntry(
            name: "a800-sxm", displayName: "NVIDIA A800 SXM4 80 GB", vendor: "NVIDIA", formFactor: "SXM4",
            tdpW: p(400), idlePowerW: p(62),
            fp64TFLOPS: p(19.5), fp32TFLOPS: p(19.5), tf32TFLOPS: p(156), fp16TFLOPS: p(312), int8TOPS: p(624),
            memoryGB: p(80), memoryBandwidthTBps: p(2.039), memoryType: "HBM2e",
            maxOperatingTemperatureC: p(85), processNode: "TSMC N7", dieAreaMM2: p(826), dies: "monolithic (NVLink cut to 400 GB/s)",
            sources: ["tweakers.net (Reuters/NVIDIA): A800 = A100 with NVLink 600 to 400 GB/s"]),
        AcceleratorEntry(
            name: "a800-pcie", displayName: "NVIDIA A800 PCIe 80 GB", vendor: "NVIDIA", formFactor: "PCIe",
            tdpW: p(300), idlePowerW: p(62),
            fp64TFLOPS: p(19.5), fp32TFLOPS: p(19.5), tf32TFLOPS: p(156), fp16TFLOPS: p(312), int8TOPS: p(624),
            memoryGB: p(80), memoryBandwidthTBps: nil, memoryType: "HBM2e",
            maxOperatingTemperatureC: p(85), processNode: "TSMC N7", dieAreaMM2: p(826), dies: "monolithic",
            sources: ["tweakers.net (Reuters/NVIDIA)"]),
        AcceleratorEntry(
            name: "h100-sxm", displayName: "NVIDIA H100 SXM5 80 GB", vendor: "NVIDIA", formFactor: "SXM5",
            tdpW: p(700), idlePowerW: p(75),
            fp64TFLOPS: p(66.9), fp32TFLOPS: p(66.9), tf32TFLOPS: p(494.7), fp16TFLOPS: p(989.4), int8TOPS: p(1978.9),
            memoryGB: p(80), memoryBandwidthTBps: p(3.35), memoryType: "HBM3",
            maxOperatingTemperatureC: p(87), processNode: "TSMC 4N", dieAreaMM2: p(814), dies: "monolithic",
            sources: ["NVIDIA H100 datasheet via glennklockwood.com/garden/processors/h100",
                      "nvidia-smi -q logs (max operating 87 °C, slowdown 89 °C, idle ~75 W)"]),
        AcceleratorEntry(
            name: "h100-pcie", displayName: "NVIDIA H100 PCIe 80 GB", vendor: "NVIDIA", formFactor: "PCIe",
            tdpW: p(350), idlePowerW: idleEstimate(350),
            fp64TFLOPS: p(51), fp32TFLOPS: p(51), tf32TFLOPS: p(378), fp16TFLOPS: p(756), int8TOPS: p(1513),
            memoryGB: p(80), memoryBandwidthTBps: p(2.0), memoryType: "HBM2e",
            maxOperatingTemperatureC: p(87), processNode: "TSMC 4N", dieAreaMM2: p(814), dies: "monolithic (114 SMs enabled)",
            sources: ["NVIDIA product brief PB-11133-001 (350 W)", "archive-lib.hpctech.co.jp/gpuproduct/nvidia-h100.html"]),
        AcceleratorEntry(
            name: "h800-sxm", displayName: "NVIDIA H800 SXM5 80 GB", vendor: "NVIDIA", formFactor: "SXM5",
            tdpW: p(700), idlePowerW: p(75),
            fp64TFLOPS: .estimate(1, "secondary source only (philisun.com)"), fp32TFLOPS: p(66.9), tf32TFLOPS: p(494.7),
            fp16TFLOPS: p(989.4), int8TOPS: p(1978.9),
            memoryGB: p(80), memoryBandwidthTBps: p(3.35), memoryType: "HBM3",
            maxOperatingTemperatureC: p(87), processNode: "TSMC 4N", dieAreaMM2: p(814), dies: "monolithic (NVLink 400 GB/s)",
            sources: ["philisun.com (secondary)", "launch 21 Mar 2023 (aiwiki)", "H100 SXM figures for the unchanged die"]),
        AcceleratorEntry(
            name: "h20", displayName: "NVIDIA H20 96 GB", vendor: "NVIDIA", formFactor: "SXM5",
            tdpW: p(400), idlePowerW: idleEstimate(400),
            fp64TFLOPS: p(1), fp32TFLOPS: p(44), tf32TFLOPS: p(74), fp16TFLOPS: p(148), int8TOPS: p(296),
            memoryGB: p(96), memoryBandwidthTBps: p(4.0), memoryType: "HBM3",
            maxOperatingTemperatureC: p(87), processNode: "TSMC 4N", dieAreaMM2: p(814), dies: "monolithic (78 SMs)",
            sources: ["zangshuxian.com", "tweaktown.com 95224"]),
        AcceleratorEntry(
            name: "h200", displayName: "NVIDIA H200 141 GB", vendor: "NVIDIA", formFactor: "SXM5",
            tdpW: p(700), idlePowerW: p(75),
            fp64TFLOPS: p(66.9), fp32TFLOPS: p(66.9), tf32TFLOPS: p(494.7), fp16TFLOPS: p(989.4), int8TOPS: p(1978.9),
            memoryGB: p(141), memoryBandwidthTBps: p(4.8), memoryType: "HBM3e",
            maxOperatingTemperatureC: p(87), processNode: "TSMC 4N", dieAreaMM2: p(814), dies: "monolithic (6 HBM3e stacks)",
            sources: ["geektopia.es 2023-11-13", "MLPerf Inference v4.1 NVIDIA system description (H200 TGP 700 W)"]),
        AcceleratorEntry(
            name: "b200", displayName: "NVIDIA B200 (HGX, 1 kW)", vendor: "NVIDIA", formFactor: "SXM6",
            tdpW: p(1000), idlePowerW: idleEstimate(1000),
            fp64TFLOPS: p(40), fp32TFLOPS: p(80), tf32TFLOPS: p(1100), fp16TFLOPS: p(2250), int8TOPS: p(4500),
            memoryGB: p(192), memoryBandwidthTBps: p(8), memoryType: "HBM3e",
            maxOperatingTemperatureC: operatingLimitEstimate, processNode: "TSMC 4NP", dieAreaMM2: nil,
            dies: "2 reticle-limited dies, 10 TB/s NV-HBI",
            sources: ["glennklockwood.com/garden/processors/B200", "tweaktown.com 96934", "NVIDIA DGX B200 user guide"]),
        AcceleratorEntry(
            name: "mi300x", displayName: "AMD Instinct MI300X", vendor: "AMD", formFactor: "OAM",
            tdpW: p(750), idlePowerW: idleEstimate(750),
            fp64TFLOPS: p(163.4), fp32TFLOPS: p(163.4), tf32TFLOPS: .estimate(653.7, "half of FP16, as on the other parts"),
            fp16TFLOPS: p(1307.4), int8TOPS: p(2614.9),
            memoryGB: p(192), memoryBandwidthTBps: p(5.3), memoryType: "HBM3",
            maxOperatingTemperatureC: operatingLimitEstimate, processNode: "TSMC N5 (XCD) on N6 (IOD)", dieAreaMM2: nil,
            dies: "8 XCD chiplets on 4 IODs (3D + 2.5D)",
            sources: ["AMD MI300X launch figures via alpharomercoma/MI300X-vs-H200 METHODOLOGY.md", "tomshardware MI300 launch"]),
        AcceleratorEntry(
            name: "ascend-910b", displayName: "Huawei Ascend 910B", vendor: "Huawei", formFactor: "OAM",
            tdpW: .estimate(400, "not published; the Ascend 910 is 350 W, press puts the 910B at 310-400 W"),
            idlePowerW: idleEstimate(400),
            fp64TFLOPS: nil, fp32TFLOPS: nil, tf32TFLOPS: nil,
            fp16TFLOPS: .estimate(320, "secondary source, low confidence (bytefeed.ai)"), int8TOPS: nil,
            memoryGB: .estimate(64, "secondary source"), memoryBandwidthTBps: nil, memoryType: "HBM2e",
            maxOperatingTemperatureC: operatingLimitEstimate, processNode: "SMIC N+1", dieAreaMM2: p(665.61),
            dies: "compute die + I/O die + 4 HBM (chiplet, as the 910)",
            sources: ["bytefeed.ai and nomusica.com die-shot analyses", "boardor.com", "Linley newsletter Oct 2019 (Ascend 910)"]),
        AcceleratorEntry(
            name: "mlu370-x8", displayName: "Cambricon MLU370-X8", vendor: "Cambricon", formFactor: "PCIe",
            tdpW: p(250), idlePowerW: idleEstimate(250),
            fp64TFLOPS: nil, fp32TFLOPS: p(32), tf32TFLOPS: nil, fp16TFLOPS: p(96), int8TOPS: p(256),
            memoryGB: p(48), memoryBandwidthTBps: p(0.6144), memoryType: "LPDDR5",
            maxOperatingTemperatureC: operatingLimitEstimate, processNode: "7 nm", dieAreaMM2: nil,
            dies: "2 chips × 2 chiplets per card",
            sources: ["guangxilong.com (launch 21 Mar 2022)"]),
        AcceleratorEntry(
            name: "mlu590", displayName: "Cambricon MLU590", vendor: "Cambricon", formFactor: "OAM",
            tdpW: .estimate(350, "no published figure; the MLU290 OAM (its predecessor) is 350 W"),
            idlePowerW: idleEstimate(350),
            fp64TFLOPS: nil, fp32TFLOPS: nil, tf32TFLOPS: nil,
            fp16TFLOPS: .estimate(256, "no published figure; MLU290's INT16 256 TOPS assumed as a floor"),
            int8TOPS: .estimate(512, "no published figure; MLU290's 512 TOPS assumed as a floor"),
            memoryGB: .estimate(32, "no published figure; MLU290's 32 GB HBM2 assumed"),
            memoryBandwidthTBps: .estimate(1.23, "no published figure; MLU290's 1.23 TB/s assumed"), memoryType: "HBM2",
            maxOperatingTemperatureC: operatingLimitEstimate, processNode: "7 nm", dieAreaMM2: nil, dies: "—",
            sources: ["no published MLU590 specification located; every figure is the MLU290's (21ic.com 890568; zoukankan.com)"]),
        AcceleratorEntry(
            name: "br100", displayName: "Biren BR100", vendor: "Biren", formFactor: "OAM",
            tdpW: p(550), idlePowerW: idleEstimate(550),
            fp64TFLOPS: nil, fp32TFLOPS: p(256), tf32TFLOPS: p(512), fp16TFLOPS: p(1024), int8TOPS: p(2048),
            memoryGB: p(64), memoryBandwidthTBps: p(1.64), memoryType: "HBM2e",
            maxOperatingTemperatureC: operatingLimitEstimate, processNode: "TSMC N7", dieAreaMM2: nil,
            dies: "2 dies, 2.5D CoWoS",
            sources: ["tomshardware (Hot Chips 34)", "techpowerup 298098"]),
    ]
}
