import Foundation
import Testing
@testable import Storage

@Suite("HDF5 files, groups, attributes and datasets")
struct HDF5RoundTripTests {
    @Test func attributesRoundTrip() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("attributes.h5")
        do {
            let root = try HDF5File.create(at: path).rootGroup()
            try root.setAttribute("title", "Plenum — test ✓")
            try root.setAttribute("seed", 42)
            try root.setAttribute("ratio", 1.25)
            try root.setAttribute("bounds", [1.0, 2.5])
            try root.setAttribute("title", "replaced")
        }
        let root = try HDF5File.open(at: path).rootGroup()
        #expect(try root.attribute("title") == .string("replaced"))
        #expect(try root.attribute("seed") == .integer(42))
        #expect(try root.doubleAttribute("ratio") == 1.25)
        #expect(try root.attribute("bounds") == .doubles([1.0, 2.5]))
        #expect(try root.attributeNames() == ["bounds", "ratio", "seed", "title"])
        #expect(throws: StorageError.self) { _ = try root.attribute("missing") }
        #expect(throws: StorageError.self) { _ = try root.stringAttribute("seed") }
    }

    @Test func fixedDatasetsAndGroupsRoundTrip() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("fixed.h5")
        do {
            let root = try HDF5File.create(at: path).rootGroup()
            let summary = try root.createGroup("summary")
            try summary.createScalar("pue", 1.31).setAttribute("units", "1")
            try root.createGroup("maps").createDataset("grid", values: (0..<6).map(Double.init), shape: [2, 3])
            try root.createGroup("scenario").createStringDataset("text", "simulation:\n  seed: 1\n")
        }
        let root = try HDF5File.open(at: path).rootGroup()
        #expect(try root.memberNames() == ["maps", "scenario", "summary"])
        #expect(root.memberKind("summary/pue") == .dataset)
        #expect(root.memberKind("summary") == .group)
        #expect(root.memberKind("nothing/here") == nil)
        let pue = try root.openDataset("summary/pue")
        #expect(try pue.shape() == [])
        #expect(try pue.readDoubles() == [1.31])
        #expect(try pue.stringAttribute("units") == "1")
        let grid = try root.openDataset("maps/grid")
        #expect(try grid.shape() == [2, 3])
        #expect(try grid.readDoubles() == [0, 1, 2, 3, 4, 5])
        #expect(try root.openDataset("scenario/text").readString() == "simulation:\n  seed: 1\n")
        #expect(throws: StorageError.self) { _ = try root.openDataset("scenario/text").readDoubles() }
    }

    /// Appends across several buffer boundaries, in 1-D and 2-D, and reads back every value.
    @Test(arguments: [1, 7, 1024])
    func bufferedAppendsRoundTrip(bufferRows: Int) throws {
        let folder = TemporaryDirectory()
        let path = folder.path("appends.h5")
        let rows = 2_500, columns = 3
        do {
            let root = try HDF5File.create(at: path).rootGroup()
            let series = try TimeSeriesAppender(dataset: root.createExtendibleDataset("series"), bufferRows: bufferRows)
            let table = try TimeSeriesAppender(dataset: root.createExtendibleDataset("table", columns: [columns], chunkRows: 64),
                                               bufferRows: bufferRows)
            for i in 0..<rows {
                try series.append(Double(i) * 0.5)
                try table.append(row: (0..<columns).map { Double(i * columns + $0) })
            }
            #expect(series.rowCount == rows)
            try series.flush()
            try table.flush()
        }
        let root = try HDF5File.open(at: path).rootGroup()
        #expect(try root.openDataset("series").readDoubles() == (0..<rows).map { Double($0) * 0.5 })
        let table = try root.openDataset("table")
        #expect(try table.shape() == [rows, columns])
        #expect(try table.readDoubles() == (0..<(rows * columns)).map(Double.init))
    }

    @Test func dimensionScalesAreAttached() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("scales.h5")
        do {
            let group = try HDF5File.create(at: path).rootGroup().createGroup("timeseries")
            let time = try group.createDataset("time", values: [0, 10, 20], shape: [3])
            try time.makeDimensionScale(named: "time")
            let server = try group.createDataset("server", values: [0, 1], shape: [2])
            try server.makeDimensionScale(named: "server")
            let temperature = try group.createDataset("temperature_c", values: [20, 21, 22, 23, 24, 25], shape: [3, 2])
            try temperature.attach(scale: time, toDimension: 0)
            try temperature.attach(scale: server, toDimension: 1)
        }
        let group = try HDF5File.open(at: path).rootGroup().openGroup("timeseries")
        #expect(try group.openDataset("temperature_c").dimensionScaleNames() == ["time", "server"])
        #expect(try group.openDataset("time").attribute("CLASS") == .string("DIMENSION_SCALE"))
    }

    @Test func eventTableRoundTrips() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("events.h5")
        let records = (0..<600).map {
            EventRecord(timeS: Double($0), kind: $0.isMultiple(of: 2) ? "job-start" : "job-end",
                        component: "rack-1/server-\($0 % 8)", value: Double($0) * 1.5, message: "événement \($0)")
        }
        do {
            let root = try HDF5File.create(at: path).rootGroup()
            let table = try EventTable(creatingIn: root, name: "events", startInstant: "2026-01-01T00:00:00Z", bufferRows: 128)
            for record in records { try table.append(record) }
            try table.flush()
        }
        let group = try HDF5File.open(at: path).rootGroup().openGroup("events")
        // One variable per column along the dimension `event`, so netCDF-4 sees every column.
        for column in EventTable.columns {
            #expect(try group.openDataset(column).dimensionScaleNames() == ["event"])
        }
        #expect(try group.openDataset("event").elementKind() == .integer)
        #expect(try group.openDataset("event").readDoubles() == (0..<600).map(Double.init))
        #expect(try group.openDataset("time").stringAttribute("units") == "seconds since 2026-01-01T00:00:00Z")
        #expect(try group.openDataset("kind").stringAttribute("coordinates") == "time")
        #expect(try EventTable.read(group) == records)
    }
}

@Suite("HDF5 failures become typed errors")
struct HDF5FailureTests {
    @Test func missingFileNamesThePath() {
        do {
            _ = try HDF5File.open(at: "/nonexistent/plenum.h5")
            Issue.record("expected a thrown error")
        } catch {
            #expect(error.file == "/nonexistent/plenum.h5")
            #expect(error.description.contains("cannot open the file"))
        }
    }

    @Test func nonHDF5FileIsRejected() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("not.h5")
        try Data("just text\n".utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try HDF5File.open(at: path)
            Issue.record("expected a thrown error")
        } catch {
            #expect(error.reason == "not an HDF5 file")
        }
    }

    @Test func creatingOverAnExistingFileFailsWithoutOverwrite() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("exists.h5")
        _ = try HDF5File.create(at: path)
        #expect(throws: StorageError.self) { _ = try HDF5File.create(at: path) }
        _ = try HDF5File.create(at: path, overwrite: true)
    }

    @Test func duplicateGroupReportsHDF5sReason() throws {
        let folder = TemporaryDirectory()
        let root = try HDF5File.create(at: folder.path("dup.h5")).rootGroup()
        _ = try root.createGroup("a")
        do {
            _ = try root.createGroup("a")
            Issue.record("expected a thrown error")
        } catch {
            #expect(error.objectPath == "/a")
            #expect(!error.reason.isEmpty)
        }
    }

    @Test func missingDatasetIsAnError() throws {
        let folder = TemporaryDirectory()
        let root = try HDF5File.create(at: folder.path("empty.h5")).rootGroup()
        #expect(throws: StorageError.self) { _ = try root.openDataset("summary/pue") }
        #expect(throws: StorageError.self) { _ = try root.openGroup("summary") }
    }
}
