/// The facility's books by calendar month of the site's local clock (January = 0): what a
/// planner tabulates month by month, as EnergyPlus's monthly reports do. Each column adds up to
/// the year's figure in `FacilitySummary` (the same flows, booked by the step's midpoint).
public struct MonthlyBooks: Sendable {
    public var facilityJ = Array(repeating: 0.0, count: 12)
    public var itJ = Array(repeating: 0.0, count: 12)
    public var coolingJ = Array(repeating: 0.0, count: 12)
    public var lossJ = Array(repeating: 0.0, count: 12)
    public var waterKg = Array(repeating: 0.0, count: 12)
    public var carbonKg = Array(repeating: 0.0, count: 12)
    public var cost = Array(repeating: 0.0, count: 12)
    public var freeCoolingHours = Array(repeating: 0.0, count: 12)
    /// Simulated hours that fell in each month.
    public var hours = Array(repeating: 0.0, count: 12)

    public init() {}

    /// PUE of each month; NaN for a month with no IT energy (not simulated).
    public var pue: [Double] { zip(facilityJ, itJ).map { $1 > 0 ? $0 / $1 : .nan } }

    /// The columns of `/summary` along `month`: name, values, units, long name.
    public var columns: [(name: String, values: [Double], units: String, longName: String)] {
        [
            ("monthly_pue", pue, "1", "PUE of each calendar month, January first (nan: month not simulated)"),
            ("monthly_facility_energy_j", facilityJ, "J", "total facility energy in each calendar month"),
            ("monthly_it_energy_j", itJ, "J", "IT energy in each calendar month"),
            ("monthly_cooling_energy_j", coolingJ, "J", "cooling energy (fans, pumps, chillers, heat rejection) in each calendar month"),
            ("monthly_power_loss_j", lossJ, "J", "transformer, UPS, PDU and battery charging losses in each calendar month"),
            ("monthly_water_kg", waterKg, "kg", "make-up and humidification water in each calendar month"),
            ("monthly_carbon_kg", carbonKg, "kg", "CO2 of grid electricity and generator diesel in each calendar month"),
            ("monthly_energy_cost", cost, "1", "electricity cost in each calendar month"),
            ("monthly_free_cooling_hours", freeCoolingHours, "h", "hours of full free cooling in each calendar month"),
            ("monthly_simulated_hours", hours, "h", "simulated hours in each calendar month"),
        ]
    }
}
