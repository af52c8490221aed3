/// Servers in the built-in catalog.
enum ServerCatalog {
    private static func p(_ value: Double) -> CatalogFigure { .published(value) }

    /// Airflow where none is published: enough air for a 20 K rise at maximum power,
    /// V̇ = P / (ρ c_p ΔT) with ρ = 1.18 kg/m³, c_p = 1006 J/(kg K) (the airflow rule
    /// CFM = 3412·kW / (1.085·ΔT °F) with ΔT = 36 °F gives the same).
    static func airflowEstimate(maxPowerW: Double) -> CatalogFigure {
        .estimate((maxPowerW / (1.18 * 1006 * 20) * 1000).rounded() / 1000, "air for a 20 K rise at maximum power")
    }

    static let entries: [ServerEntry] = [
        ServerEntry(
            name: "dgx-a100", displayName: "NVIDIA DGX A100", accelerator: "a100-sxm", acceleratorCount: 8,
            cpuDescription: "AMD EPYC 7742", cpuCount: 2, cpuTDPW: p(225),
            maxPowerW: p(6500), idlePowerW: .estimate(1000, "8 × 62 W GPU idle + 2 × ~70 W CPU + ~400 W fans, NICs, drives"),
            airflowM3PerS: airflowEstimate(maxPowerW: 6500), massKg: p(123),
            psuDescription: "6 × 3 kW (3+3)",
            sources: ["NVIDIA DGX A100 documentation (via pcnews.ru, gadgetmix.com): 6.5 kW max, 6 × 3 kW PSU, ~123 kg",
                      "AMD EPYC 7742 product page: 225 W TDP"]),
        ServerEntry(
            name: "dgx-h100", displayName: "NVIDIA DGX H100", accelerator: "h100-sxm", acceleratorCount: 8,
            cpuDescription: "Intel Xeon Platinum 8480C", cpuCount: 2, cpuTDPW: p(350),
            maxPowerW: p(10_200), idlePowerW: .estimate(1500, "8 × 75 W GPU idle + 2 × ~100 W CPU + ~700 W fans, NICs, drives"),
            airflowM3PerS: airflowEstimate(maxPowerW: 10_200), massKg: .estimate(130, "not in the sources; close to the DGX A100's 123 kg"),
            psuDescription: "6 × 3.3 kW (4+2)",
            sources: ["NVIDIA DGX H100 user guide (via unanswered.io): 10.2 kW max, 6 × 3.3 kW PSU (4+2)",
                      "Latif et al., IEEE Access 13:61740 (2025): 8 × H100 HGX measured max 8.4 kW in training"]),
        ServerEntry(
            name: "hgx-h200", displayName: "8 × H200 HGX server", accelerator: "h200", acceleratorCount: 8,
            cpuDescription: "Intel Xeon Platinum 8480C", cpuCount: 2, cpuTDPW: p(350),
            maxPowerW: p(10_200), idlePowerW: .estimate(1500, "as the DGX H100"),
            airflowM3PerS: airflowEstimate(maxPowerW: 10_200), massKg: .estimate(130, "as the DGX H100"),
            psuDescription: "6 × 3.3 kW (4+2)",
            sources: ["NVIDIA DGX H100/H200 user guide (via unanswered.io): 10.2 kW max"]),
        ServerEntry(
            name: "dgx-b200", displayName: "NVIDIA DGX B200", accelerator: "b200", acceleratorCount: 8,
            cpuDescription: "Intel Xeon Platinum 8570", cpuCount: 2, cpuTDPW: .estimate(350, "as the DGX H100's CPUs"),
            maxPowerW: p(14_300), idlePowerW: .estimate(2000, "8 × 120 W GPU idle + CPUs, fans, NICs"),
            airflowM3PerS: airflowEstimate(maxPowerW: 14_300), massKg: p(142.4),
            psuDescription: "6 × 3.3 kW (5+1)",
            sources: ["NVIDIA DGX B200 user guide (docs.nvidia.com/dgx/dgxb200-user-guide): 14.3 kW, 10U, 142.4 kg"]),
        ServerEntry(
            name: "inference-8x-pcie", displayName: "8 × H100 PCIe inference server", accelerator: "h100-pcie", acceleratorCount: 8,
            cpuDescription: "2-socket x86 server CPU", cpuCount: 2, cpuTDPW: .estimate(270, "a typical 2-socket server CPU"),
            maxPowerW: .estimate(3_940, "8 × 350 W + 2 × 270 W + 600 W fans, memory, NICs, drives"),
            idlePowerW: .estimate(900, "8 × 42 W card idle + CPUs + fans"),
            airflowM3PerS: airflowEstimate(maxPowerW: 3_940), massKg: .estimate(35, "a 4U server"),
            psuDescription: "4 × 2.7 kW (2+2), estimate",
            sources: ["composition of catalog parts; no single published system"]),
        ServerEntry(
            name: "cpu-node", displayName: "2-socket CPU-only node", accelerator: nil, acceleratorCount: 0,
            cpuDescription: "2-socket x86 server CPU", cpuCount: 2, cpuTDPW: .estimate(280, "a typical 2-socket server CPU"),
            maxPowerW: .estimate(800, "2 × 280 W + 240 W memory, fans, NICs"),
            idlePowerW: .estimate(200, "about a quarter of maximum (Fan, Weber & Barroso, ISCA 2007)"),
            airflowM3PerS: airflowEstimate(maxPowerW: 800), massKg: .estimate(20, "a 1U-2U server"),
            psuDescription: "2 × 1.1 kW (1+1), estimate",
            sources: ["estimates from component TDPs"]),
    ]
}
