import Storage

extension NamedAxis {
    /// Every block's temperature over time in the axis's group: an `elapsed` axis (s since the
    /// start; not a CF time coordinate, which needs a calendar epoch) and
    /// `temperature_c (elapsed, block)` — the per-block curves of a HotSpot `.ttrace`.
    func writeBlockSeries(timesS: [Double], temperaturesC: [[Double]], timeMeaning: String, meaning: String) throws(StorageError) {
        let time = try group.createDataset("elapsed", values: timesS, shape: [timesS.count])
        try time.setAttribute("units", "s")
        try time.setAttribute("long_name", timeMeaning)
        try time.makeDimensionScale(named: "elapsed")
        let series = try group.createDataset("temperature_c", values: temperaturesC.flatMap { $0 }, shape: [timesS.count, count])
        try series.setAttribute("units", "degC")
        try series.setAttribute("long_name", meaning)
        try series.attach(scale: time, toDimension: 0)
        try attach(to: series, dimension: 1)
    }
}
