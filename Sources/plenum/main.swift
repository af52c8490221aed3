import Foundation
import PlenumCLI

ChildProcesses.enableIsolation()
exit(PlenumCommand.main(arguments: Array(CommandLine.arguments.dropFirst())))
