import Models

extension HotSpotInput {
    /// Each power-trace column's power key (`HotSpotStudy.powerKey`), with located errors.
    ///
    /// Without a layer file a column is a floorplan unit by name. With one, HotSpot reads the
    /// columns layer by layer (hotspot.c): the first as many columns as the first power layer has
    /// units, each by name within that layer's floorplan, then the next power layer's. So two
    /// layers may share a floorplan and its unit names, and the columns must come in layer order.
    static func powerKeys(_ trace: HotSpotStudy.PowerTrace, layers: [HotSpotStudy.Layer], fromLayerFile: Bool, file: String,
                          reader: inout HotSpotFileReader) -> [String] {
        let powered = layers.indices.filter { layers[$0].hasPower }
        guard fromLayerFile else {
            let names = powered.flatMap { layers[$0].units.map(\.name) }
            for name in trace.names where !names.contains(name) {
                reader.fail(file, 1, "block '\(name)' is in no power-dissipating floorplan (\(names.prefix(6).joined(separator: ", "))…)")
            }
            return trace.names
        }
        let expected = powered.reduce(0) { $0 + layers[$1].units.count }
        let layerList = powered.map { "\($0) (\(layers[$0].units.count))" }.joined(separator: ", ")
        guard trace.names.count == expected else {
            reader.fail(file, 1, "a layer file's power trace has one column per unit of each power layer, in layer order: expected \(expected) "
                        + "columns for layers \(layerList), found \(trace.names.count)")
            return trace.names
        }
        var keys: [String] = [], column = 0
        for l in powered {
            let names = Set(layers[l].units.map(\.name))
            let first = column
            var seen: Set<String> = []
            for _ in layers[l].units {
                let name = trace.names[column]
                if !names.contains(name) || !seen.insert(name).inserted {
                    reader.fail(file, 1, "column \(column + 1) '\(name)': HotSpot reads columns \(first + 1)-\(first + names.count) for layer \(l), "
                                + "and each must name a different unit of its floorplan (\(layers[l].units.prefix(4).map(\.name).joined(separator: ", "))…)")
                }
                keys.append(HotSpotStudy.powerKey(layer: l, unit: name, fromLayerFile: true))
                column += 1
            }
        }
        return keys
    }
}
