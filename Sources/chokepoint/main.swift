import ChokepointCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

exit(Chokepoint.run(arguments: Array(CommandLine.arguments.dropFirst())))
