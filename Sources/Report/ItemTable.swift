import Charts

/// A table of a group's columns along one labelled axis (jobs, classes, services, sites, dies,
/// blocks): one row per item, one column per dataset on that axis, each number carrying its exact
/// value. `format` turns a value of a column into display text and gives the header's unit.
struct ItemTable: Sendable {
    var format: @Sendable (_ value: Double, _ units: String) -> (text: String, units: String)

    /// Numbers to about four significant digits with thousands separators, in the file's units.
    static let plain = ItemTable { value, units in
        (QuantityFormat.grouped(value, decimals: QuantityFormat.decimals(for: value)), units)
    }

    func html(_ group: StoredGroup, label: String, id: String, rows: [Int]? = nil, skip: Set<String> = []) -> String {
        let labels = group.texts(label)
        let columns = group.columns.filter { $0.name != label && !skip.contains($0.name) && $0.shape == [labels.count] && $0.isLoaded
            && $0.name != $0.dimensions.first }
        let headers = [label] + columns.map { column -> String in
            let units = format(1, column.units).units
            return units.isEmpty || units == "1" || column.isText ? column.name : "\(column.name) (\(units))"
        }
        let body = (rows ?? Array(labels.indices)).map { r -> [String] in
            [HTML.escape(labels[r])] + columns.map { column in
                if column.isText { return HTML.escape(r < column.texts.count ? column.texts[r] : "") }
                let value = column.numbers[r]
                return HTML.value(format(value, column.units).text, exact: value, key: "\(column.name)[\(labels[r])]")
            }
        }
        return HTML.table(id: id, headers: headers, rows: body, numeric: Set(columns.indices.filter { !columns[$0].isText }.map { $0 + 1 }))
    }
}
