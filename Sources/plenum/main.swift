import Foundation
import PlenumCLI

exit(PlenumCommand.main(arguments: Array(CommandLine.arguments.dropFirst())))
