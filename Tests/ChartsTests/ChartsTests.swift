import Testing
@testable import Charts

@Suite("Charts: SVG drawn in Swift")
struct ChartsTests {
    @Test("Nice ticks are 1, 2 or 5 × 10ⁿ and cover the axis")
    func niceTicks() {
        #expect(AxisScale.niceStep(span: 10, count: 5) == 2)
        #expect(AxisScale.niceStep(span: 0.37, count: 5) == 0.1)
        #expect(AxisScale.niceStep(span: 7300, count: 5) == 1000)
        let axis = AxisScale(values: [1.13, 1.47], pixelStart: 0, pixelEnd: 100)
        #expect(axis.lower <= 1.13 && axis.upper >= 1.47)
        #expect(axis.ticks().allSatisfy { $0 >= axis.lower - 1e-12 && $0 <= axis.upper + 1e-12 })
        #expect(axis.pixel(axis.lower) == 0 && axis.pixel(axis.upper) == 100)
    }

    @Test("Civil dates round-trip and match known instants")
    func civilDates() {
        // 2026-07-01T00:00:00Z is 1,782,864,000 s after the epoch; 2000-03-01 is 951,868,800.
        #expect(TimeLabels.epochSeconds(.init(year: 2026, month: 7, day: 1)) == 1_782_864_000)
        #expect(TimeLabels.epochSeconds(.init(year: 2000, month: 3, day: 1)) == 951_868_800)
        for seconds in stride(from: -86_400.0 * 800, to: 86_400 * 30_000, by: 86_400 * 37 + 3_607) {
            #expect(TimeLabels.epochSeconds(TimeLabels.civil(localEpochS: seconds)) == seconds.rounded(.down))
        }
        #expect(TimeLabels.dateTime(localEpochS: 1_782_864_000 + 8 * 3600 + 90) == "2026-07-01 08:01")
    }

    @Test("Time ticks fall on whole local hours and days")
    func timeTicks() {
        let origin = 1_782_864_000.0 + 8 * 3600 + 1_234   // 08:20:34 local
        let ticks = TimeLabels.ticks(startS: 0, endS: 86_400, localOriginS: origin)
        #expect(!ticks.isEmpty && ticks.count <= 7)
        for tick in ticks { #expect((origin + tick).truncatingRemainder(dividingBy: 3600) == 0) }
        let year = TimeLabels.ticks(startS: 0, endS: 365 * 86_400, localOriginS: 1_782_864_000)
        for tick in year { #expect((1_782_864_000 + tick).truncatingRemainder(dividingBy: 86_400) == 0) }
    }

    @Test("The envelope keeps every extreme of every bucket and is small")
    func envelope() {
        let n = 100_000
        let x = (0..<n).map(Double.init)
        var y = x.map { ($0 * 0.001).truncatingRemainder(dividingBy: 7) }
        y[54_321] = 1_000       // a one-sample spike
        y[77_777] = -50
        let points = LineChart.envelope(x: x, y: y, buckets: 500)
        #expect(points.count <= 1000)
        #expect(points.contains { $0.0 == 54_321 && $0.1 == 1_000 })
        #expect(points.contains { $0.0 == 77_777 && $0.1 == -50 })
        #expect(zip(points, points.dropFirst()).allSatisfy { $0.0 < $1.0 })
        // Few points: all of them, NaN left out.
        #expect(LineChart.envelope(x: [0, 1, 2], y: [1, .nan, 3], buckets: 10).map(\.1) == [1, 3])
    }

    @Test("Charts carry the exact values they draw")
    func dataAttributes() {
        var chart = LineChart(title: "PUE", units: "1", x: [0, 3600, 7200], series: [.init(name: "pue", values: [1.25, 1.3125, 1.2])],
                              localOriginS: 1_782_864_000)
        chart.width = 600
        let svg = chart.svg(id: "c1")
        #expect(svg.contains("data-max=\"1.3125\"") && svg.contains("data-min=\"1.2\"") && svg.contains("data-count=\"3\""))
        #expect(svg.contains("07-01 00:00"))
        let bars = BarChart(title: "Monthly PUE", units: "1", categories: ["Jan", "Feb"], series: [.init(name: "a<b", values: [1.1, .nan])]).svg(id: "b")
        #expect(bars.contains("data-value=\"1.1\"") && bars.contains("data-value=\"NaN\"") && bars.contains("a&lt;b"))
        let stacked = StackedBar(title: "Energy", units: "MWh", bars: [.init(label: "Facility", segments: [.init(label: "IT", value: 10), .init(label: "Cooling", value: 2.5)])]).svg(id: "s")
        #expect(stacked.contains("data-label=\"Cooling\" data-value=\"2.5\""))
        let map = TileMap(title: "die", units: "degC", tiles: [.init(x: 0, y: 0, width: 1, height: 1, value: 40), .init(x: 1, y: 0, width: 1, height: 1, value: 80, label: "r1")]).svg(id: "m")
        #expect(map.contains("data-min=\"40.0\"") && map.contains("data-max=\"80.0\"") && map.contains("data-label=\"r1\""))
    }

    @Test("Colours run from dark to light and grey marks a missing value")
    func colors() {
        let scale = ColorScale(minimum: 20, maximum: 40)
        #expect(scale.color(20) == "#000004")
        #expect(scale.color(40) == "#fcffa4")
        #expect(scale.color(100) == "#fcffa4")
        #expect(scale.color(.nan) == "#bbbbbb")
        #expect(SVGText.escape("<a & 'b'>") == "&lt;a &amp; &#39;b&#39;&gt;")
        #expect(SVGText.coordinate(12.34) == "12.3" && SVGText.coordinate(12.0) == "12")
    }
}
