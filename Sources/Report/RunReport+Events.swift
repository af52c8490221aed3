import Charts

extension RunReport {
    /// The events: counts by kind, a timeline (one lane per kind), and a table to filter.
    func eventsSection() -> String {
        guard let events = run.events, let times = events["time"]?.numbers, !times.isEmpty else { return "<p>No events.</p>" }
        let kinds = events.texts("kind"), components = events.texts("component"), messages = events.texts("message")
        let values = events.numbers("value")
        guard kinds.count == times.count else {
            return "<p>\(QuantityFormat.grouped(Double(times.count), decimals: 0)) events: more than a page reads; <code>plenum inspect FILE --events</code> or xarray reads them.</p>"
        }
        var counts: [String: Int] = [:]
        for kind in kinds { counts[kind, default: 0] += 1 }
        let ordered = counts.keys.sorted()
        var out = HTML.table(id: idPrefix + "event-counts", headers: ["kind", "events"], rows: ordered.map { [HTML.escape($0), "<span data-kind=\"\(HTML.escape($0))\">\(counts[$0]!)</span>"] }, numeric: [1])
        out += timeline(times: times, kinds: kinds, lanes: ordered)
        let limit = 2_000
        // The table shows the first events of the run; the important kinds (failures, outages,
        // capacity, throttling) are listed first when there are more than the limit.
        let important = ["failure", "repair", "outage", "overload", "critical", "shortfall", "throttle", "shutdown", "inlet", "full", "deficit"]
        var shown = Array(times.indices)
        if shown.count > limit {
            let first = shown.filter { i in important.contains { kinds[i].contains($0) } }
            let rest = shown.filter { i in !important.contains { kinds[i].contains($0) } }
            shown = Array((first + rest).prefix(limit)).sorted()
        }
        out += "<div class=\"filter\" data-filter-table=\"\(idPrefix)event-table\"><input type=\"search\" placeholder=\"filter text\" aria-label=\"filter text\">"
        out += "<select aria-label=\"kind\"><option value=\"\">every kind</option>" + ordered.map { "<option>\(HTML.escape($0))</option>" }.joined() + "</select>"
        out += "<span class=\"shown\">\(shown.count)</span> of \(times.count) events shown"
        out += times.count > limit ? " (the table holds \(limit): failures, outages, capacity and throttling first; every event is in the file)" : ""
        out += "</div><div class=\"scroll\">"
        let rows = shown.map { i -> [String] in
            [HTML.escape(run.clock.local(times[i])), HTML.escape(kinds[i]), HTML.escape(i < components.count ? components[i] : ""),
             HTML.value(i < values.count && values[i].isFinite ? SVGText.label(values[i], significant: 4) : "", exact: i < values.count ? values[i] : .nan),
             HTML.escape(i < messages.count ? messages[i] : "")]
        }
        out += HTML.table(id: idPrefix + "event-table", headers: ["local time", "kind", "component", "value", "message"], rows: rows, numeric: [3],
                          rowAttributes: shown.map { "data-kind=\"\(HTML.escape(kinds[$0]))\"" })
        return out + "</div>"
    }

    /// One lane per kind, a tick per event, over the run's span.
    func timeline(times: [Double], kinds: [String], lanes: [String]) -> String {
        let duration = max(run.summary.number("duration_s").finiteOr(times.max() ?? 1), 1)
        let width = 920.0, left = 220.0, right = width - 16, lane = 16.0, top = 24.0
        let height = top + lane * Double(lanes.count) + 24
        let axis = AxisScale(lower: 0, upper: duration, pixelStart: left, pixelEnd: right)
        var out = "<svg id=\"\(idPrefix)event-timeline\" class=\"chart timeline\" viewBox=\"0 0 \(Int(width)) \(SVGText.coordinate(height))\" role=\"img\"><title>Events over time</title>"
        out += "<text class=\"chart-title\" x=\"8\" y=\"16\">Events over time (local)</text>"
        for tick in TimeLabels.ticks(startS: 0, endS: duration, localOriginS: run.clock.localOriginS) {
            let px = SVGText.coordinate(axis.pixel(tick))
            out += "<line class=\"grid\" x1=\"\(px)\" x2=\"\(px)\" y1=\"\(top)\" y2=\"\(SVGText.coordinate(height - 20))\"/>"
            out += "<text x=\"\(px)\" y=\"\(SVGText.coordinate(height - 6))\" text-anchor=\"middle\">\(TimeLabels.tick(localEpochS: run.clock.localOriginS + tick, spanS: duration))</text>"
        }
        let laneOf = Dictionary(uniqueKeysWithValues: lanes.enumerated().map { ($1, $0) })
        for (index, name) in lanes.enumerated() {
            out += "<text x=\"\(left - 6)\" y=\"\(SVGText.coordinate(top + lane * Double(index) + 11))\" text-anchor=\"end\">\(HTML.escape(name))</text>"
        }
        // At most one tick per pixel and lane: a year of throttling events stays a small drawing.
        var drawn = Set<Int>()
        for (t, kind) in zip(times, kinds) {
            guard let index = laneOf[kind] else { continue }
            let px = Int(axis.pixel(t).rounded())
            guard drawn.insert(index * 10_000 + px).inserted else { continue }
            let y = top + lane * Double(index)
            out += "<line x1=\"\(px)\" x2=\"\(px)\" y1=\"\(SVGText.coordinate(y + 2))\" y2=\"\(SVGText.coordinate(y + 13))\" stroke=\"\(ColorScale.categorical(index))\" stroke-width=\"2\"/>"
        }
        return out + "</svg>"
    }
}
