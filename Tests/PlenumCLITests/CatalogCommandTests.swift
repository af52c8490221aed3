import Foundation
import Testing

/// `plenum catalog` output against stored golden files (regenerate with scripts/update-golden).
@Suite("plenum catalog: golden output")
struct CatalogCommandTests {
    func golden(_ name: String) throws -> String {
        try String(contentsOf: PlenumProcess.repositoryRoot.appendingPathComponent("Tests/PlenumCLITests/Golden/\(name)"), encoding: .utf8)
    }

    @Test(arguments: ["accelerators", "servers", "sites", "equipment", "network", "materials", "nodes"])
    func sectionTables(section: String) throws {
        let result = try PlenumProcess.run(["catalog", section])
        #expect(result.status == 0)
        #expect(result.standardOutput == (try golden("catalog-\(section).txt")))
    }

    @Test func entryDetails() throws {
        #expect(try PlenumProcess.run(["catalog", "accelerators", "h100-sxm"]).standardOutput == (try golden("catalog-accelerators-h100-sxm.txt")))
        #expect(try PlenumProcess.run(["catalog", "sites", "ulanqab"]).standardOutput == (try golden("catalog-sites-ulanqab.txt")))
    }

    @Test func docsCatalogIsGeneratedFromTheCode() throws {
        let docs = try String(contentsOf: PlenumProcess.repositoryRoot.appendingPathComponent("docs/catalog.md"), encoding: .utf8)
        #expect(try PlenumProcess.run(["catalog", "--markdown"]).standardOutput == docs, "run scripts/update-golden")
    }

    @Test func unknownNamesSuggest() throws {
        let entry = try PlenumProcess.run(["catalog", "accelerators", "h100sxm"])
        #expect(entry.status == 1)
        #expect(entry.standardError == "error: no accelerators entry named 'h100sxm' (did you mean 'h100-sxm'?); see 'plenum catalog accelerators'\n")
        let section = try PlenumProcess.run(["catalog", "acelerators"])
        #expect(section.status == 2)
        #expect(section.standardError.hasPrefix("Error: unknown section 'acelerators' (did you mean 'accelerators'?)"))
    }
}
