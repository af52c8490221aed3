import ArgumentParser
import Scenario
import Simulation

/// `plenum`: the root command. Thin: parse arguments, call the layers, print.
public struct PlenumCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "plenum",
        abstract: "Simulate AI datacenters: packages, servers, racks, cooling, power and sites.",
        discussion: "Documentation: docs/ in the source tree (start with README.md).",
        version: PlenumVersion.current,
        subcommands: [RunCommand.self, ValidateCommand.self, InspectCommand.self, CatalogCommand.self, PackageCommand.self, SweepCommand.self, MergeCommand.self, ReportCommand.self, CompareCommand.self, ExportCommand.self,
                      CheckFilesCommand.self])

    public init() {}

    /// Runs the command line and returns the process exit status: 0 success, 1 bad input or a
    /// failed run, 2 a usage error (unknown option, missing argument).
    public static func main(arguments: [String]) -> Int32 {
        // `plenum help TOPIC`: ArgumentParser prints the root help for an unknown topic and exits 0;
        // a script asking for a command that does not exist should fail.
        if arguments.first == "help", arguments.count >= 2 {
            let known = configuration.subcommands.map { $0.configuration.commandName ?? "" }.filter { !$0.hasPrefix("_") }
            if !known.contains(arguments[1]) {
                let suggestion = closestMatch(to: arguments[1], among: known).map { " (did you mean '\($0)'?)" } ?? ""
                printError("Error: no help topic '\(arguments[1])'\(suggestion); topics: \(known.joined(separator: ", "))")
                return 2
            }
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version are reported as "errors" carrying their text.
                print(fullMessage(for: error))
                return 0
            }
            printError(fullMessage(for: error))
            return code == .validationFailure ? 2 : code.rawValue
        }
    }
}
