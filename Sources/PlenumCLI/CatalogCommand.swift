import ArgumentParser
import Scenario

/// `plenum catalog [SECTION] [NAME]`: prints the built-in catalog.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Print the built-in catalog of accelerators, servers, sites, equipment, network fabric, package materials and process nodes, with sources.")

    @Argument(help: "accelerators, servers, sites, equipment, network, materials or nodes; all sections when omitted.")
    var section: String?

    @Argument(help: "An entry's name: print every figure with its source.")
    var name: String?

    @Flag(help: "Print the whole catalog as Markdown (docs/catalog.md).")
    var markdown = false

    func validate() throws {
        if let section, CatalogReport.Section(rawValue: section) == nil {
            let names = CatalogReport.Section.allCases.map(\.rawValue)
            let hint = closestName(section, names).map { " (did you mean '\($0)'?)" } ?? ""
            throw ValidationError("unknown section '\(section)'\(hint); expected one of \(names.joined(separator: ", "))")
        }
        if markdown && section != nil { throw ValidationError("--markdown prints the whole catalog; give no section") }
    }

    func run() throws {
        if markdown {
            print(CatalogReport.markdown(), terminator: "")
            return
        }
        guard let section = section.flatMap(CatalogReport.Section.init(rawValue:)) else {
            for section in CatalogReport.Section.allCases {
                print("\(section.rawValue) (\(CatalogReport.names(section).count)): \(CatalogReport.names(section).joined(separator: ", "))")
            }
            return
        }
        if let name {
            guard let lines = CatalogReport.detail(section, name: name) else {
                let hint = Catalog.suggestion(for: name, among: CatalogReport.names(section)).map { " (did you mean '\($0)'?)" } ?? ""
                printError("error: no \(section.rawValue) entry named '\(name)'\(hint); see 'plenum catalog \(section.rawValue)'")
                throw ExitCode(1)
            }
            print(lines.joined(separator: "\n"))
            return
        }
        print(CatalogReport.plainText(CatalogReport.table(section)))
        print(CatalogReport.legend)
    }

    private func closestName(_ word: String, _ names: [String]) -> String? {
        Catalog.suggestion(for: word, among: names)
    }
}
